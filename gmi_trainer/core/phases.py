"""Which steps a plan's phases become. A phase whose guided work is not built yet shows its
real instructions and says plainly that the exercise itself is not available."""

from __future__ import annotations

from gmi_trainer.core.context import SessionContext
from gmi_trainer.core.laterality import LateralityStep
from gmi_trainer.core.mirror import MirrorStep
from gmi_trainer.core.steps import InstructionStep, Step
from gmi_trainer.plans.model import ImageryBlock

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
        steps.append(_imagery_intro(ctx, imagery, index))
    for index, mirror in enumerate(ctx.plan.mirror):
        steps.append(MirrorStep(ctx, mirror, index))
    return steps


def _imagery_intro(ctx: SessionContext, block: ImageryBlock, index: int) -> Step:
    profile = ctx.profile
    side = {"affected": profile.affected_side, "intact": profile.intact_side}.get(block.side, block.side)
    part = {"affected": profile.affected_limb}.get(block.body_part, block.body_part)
    if part == "intact":
        part = profile.affected_limb
    body = (f"You will see pictures of a {side} {part} in different positions. For each one, "
            f"imagine moving your own {side} {part} slowly into that position and back again, "
            f"{block.repetitions} times, without actually moving. Press a key or click at the end "
            "of each imagined movement.\nIf imagining it hurts, stop and rest: that is useful "
            "to know, and you can tell your therapist.")
    return InstructionStep(
        ctx, "imagery", block.title, block.title, body,
        notice="Guided imagery is not available in this version yet: nothing is recorded for "
               "this phase today.",
        prompt="Press Enter (or click) to go on")

