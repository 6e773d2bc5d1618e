"""Which steps a plan's phases become. A phase whose guided work is not built yet (mirror)
shows its real instructions and says plainly that the exercise itself is not available."""

from __future__ import annotations

from gmi_trainer.core.context import SessionContext
from gmi_trainer.core.imagery import ImageryStep
from gmi_trainer.core.laterality import LateralityStep
from gmi_trainer.core.steps import InstructionStep, Step
from gmi_trainer.plans.model import MirrorBlock

PHASE_NAMES = {
    "laterality": "Left/right judgement",
    "imagery": "Imagined movement",
    "mirror": "Mirror therapy",
}


def phase_steps(ctx: SessionContext) -> list[Step]:
    steps: list[Step] = []
    for index, block in enumerate(ctx.plan.laterality):
        steps.append(LateralityStep(ctx, block, index))
    for index, imagery in enumerate(ctx.plan.imagery):
        steps.append(ImageryStep(ctx, imagery, index))
    for index, mirror in enumerate(ctx.plan.mirror):
        steps.append(_mirror_intro(ctx, mirror, index))
    return steps


def _mirror_intro(ctx: SessionContext, block: MirrorBlock, index: int) -> Step:
    profile = ctx.profile
    limb = "hand" if profile.affected_limb == "hand" else "foot"
    body = (f"Sit facing the camera. The picture of your {profile.intact_side} {limb} will be "
            f"reflected so that you see two healthy {limb}s. Watch the reflection where your "
            f"{profile.affected_side} {limb} would be, and follow the prompts:\n"
            + "\n".join(f"  - {exercise.prompt}" for exercise in block.exercises)
            + "\nIf you feel dizzy, sweaty, upset or in more pain, press Space to pause.")
    return InstructionStep(
        ctx, "mirror", block.title, block.title, body,
        notice="Webcam mirror therapy is not available in this version yet: nothing is "
               "recorded for this phase today.",
        prompt="Press Enter (or click) to go on")
