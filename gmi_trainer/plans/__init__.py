"""Exercise plans: TOML files a therapist writes, typed and validated when loaded."""

from gmi_trainer.plans.model import ImageryBlock, LateralityBlock, MirrorBlock, MirrorExercise, Plan
from gmi_trainer.plans.loader import PlanError, load_plan, parse_plan

__all__ = [
    "ImageryBlock", "LateralityBlock", "MirrorBlock", "MirrorExercise", "Plan",
    "PlanError", "load_plan", "parse_plan",
]
