"""Which steps a plan's phases become: the three phases, always in GMI order."""

from __future__ import annotations

from gmi_trainer.core.context import SessionContext
from gmi_trainer.core.imagery import ImageryStep
from gmi_trainer.core.laterality import LateralityStep
from gmi_trainer.core.mirror import MirrorStep
from gmi_trainer.core.steps import Step
from gmi_trainer.i18n import N_

PHASE_NAMES = {
    "laterality": N_("Left/right judgement"),
    "imagery": N_("Imagined movement"),
    "mirror": N_("Mirror therapy"),
}


def phase_steps(ctx: SessionContext) -> list[Step]:
    steps: list[Step] = []
    for index, block in enumerate(ctx.plan.laterality):
        steps.append(LateralityStep(ctx, block, index))
    for index, imagery in enumerate(ctx.plan.imagery):
        steps.append(ImageryStep(ctx, imagery, index))
    for index, mirror in enumerate(ctx.plan.mirror):
        steps.append(MirrorStep(ctx, mirror, index))
    return steps
