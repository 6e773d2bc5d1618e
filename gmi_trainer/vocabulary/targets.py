"""The left/right judgement targets: the one place the 80% and the 2 s live.

Which targets a block is judged by comes from its body parts (`BodyPart.laterality_targets`);
a block that mixes parts is judged only by the targets every one of them has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

# Norm for left/right judgement of hands and feet in healthy adults, used as the clinical
# target (European Pain Federation, CRPS resource): at least 80% correct, about 2 +/- 0.5 s.
TARGET_ACCURACY = 0.80
TARGET_RT_MS = 2000.0

ACCURACY = "accuracy"
SPEED = "speed"


@dataclass(frozen=True)
class LateralityTarget:
    name: str
    words: str  # as the summary screen says it: "at least 80% correct"
    threshold: float
    at_least: bool  # met at or above the threshold (accuracy); else strictly below it (time)

    def met(self, value: float | None) -> bool | None:
        """Whether a block's figure meets this target; None when there is no figure."""
        if value is None:
            return None
        return value >= self.threshold if self.at_least else value < self.threshold


LATERALITY_TARGETS: dict[str, LateralityTarget] = {
    ACCURACY: LateralityTarget(ACCURACY, f"at least {TARGET_ACCURACY:.0%} correct", TARGET_ACCURACY, True),
    SPEED: LateralityTarget(SPEED, f"under {TARGET_RT_MS / 1000:.1f} s per picture", TARGET_RT_MS, False),
}


def shared_targets(per_part: Sequence[Sequence[str]]) -> tuple[LateralityTarget, ...]:
    """The targets every one of a block's body parts has, in table order."""
    return tuple(target for name, target in LATERALITY_TARGETS.items()
                 if per_part and all(name in names for names in per_part))


def target_text(targets: Sequence[LateralityTarget]) -> str:
    """'Target: at least 80% correct and under 2.0 s per picture.'"""
    return "Target: " + " and ".join(t.words for t in targets) + "."


def meets_targets(targets: Sequence[LateralityTarget], accuracy: float | None,
                  median_rt_ms: float | None) -> bool | None:
    """True when a block meets all its targets; None when a figure it needs is missing."""
    figures = {ACCURACY: accuracy, SPEED: median_rt_ms}
    verdicts = [target.met(figures[target.name]) for target in targets]
    if any(v is None for v in verdicts):
        return None
    return all(verdicts)
