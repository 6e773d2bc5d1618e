"""The left/right judgement targets: the one place the 80% and the 2 s live.

Which targets a block is judged by comes from its body parts (`BodyPart.laterality_targets`);
a block that mixes parts is judged only by the targets every one of them has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from gmi_trainer.i18n import N_, Text, _, format_number

# Norm for left/right judgement of hands and feet in healthy adults, used as the clinical
# target (European Pain Federation, CRPS resource): at least 80% correct, about 2 +/- 0.5 s.
TARGET_ACCURACY = 0.80
TARGET_RT_MS = 2000.0

ACCURACY = "accuracy"
SPEED = "speed"


@dataclass(frozen=True)
class LateralityNorm:
    """Published left/right judgement figures of healthy adults for one body part."""

    mean_rt_ms: float
    sd_rt_ms: float | None
    accuracy: float  # fraction correct
    accuracy_words: str  # how the source gives it: "median", "at least"
    adults: int | None  # how many healthy adults the figures come from
    source: str

    def words(self, parts_words: str) -> str:
        """'heads 1.62 +/- 0.50 s, median 92.5% correct (1,361 adults, Wallwork et al. 2013)'"""
        rt = format_number(self.mean_rt_ms / 1000, 2) + (
            " +/- " + format_number(self.sd_rt_ms / 1000, 2) if self.sd_rt_ms else "")
        who = _("{adults:,} adults, ").format(adults=self.adults) if self.adults else ""
        # 92.5% keeps its decimal; 80% needs none.
        whole = round(self.accuracy * 100, 1).is_integer()
        accuracy = Text("{value:.0%}" if whole else "{value:.1%}").format(value=self.accuracy)
        return _("{parts} {rt} s, {accuracy_words} {accuracy} correct ({who}{source})").format(
            parts=parts_words, rt=rt, accuracy_words=_(self.accuracy_words), accuracy=accuracy,
            who=who, source=self.source)


_HANDS_FEET = LateralityNorm(2000.0, 500.0, TARGET_ACCURACY, N_("at least"), None,
                             "European Pain Federation")
# Norms by body part, where one is published; parts without one (legs, arms, backs) show
# none rather than borrow another part's.
LATERALITY_NORMS: dict[str, LateralityNorm] = {
    "hand": _HANDS_FEET,
    "foot": _HANDS_FEET,
    # Wallwork SB et al. Left/right neck rotation judgments are affected by age, gender,
    # handedness and image rotation. Manual Therapy 2013;18:225-230 (online task, 1,361
    # healthy adults).
    "neck": LateralityNorm(1620.0, 500.0, 0.925, N_("median"), 1361, "Wallwork et al. 2013"),
}


def norm_text(parts: Sequence[str]) -> str:
    """The published norms of a block's body parts in one sentence: 'Healthy adults: hands and
    feet 2.00 +/- 0.50 s, at least 80% correct (European Pain Federation); heads ...'."""
    from gmi_trainer.vocabulary.body_parts import body_part  # the table imports this module

    by_norm: dict[LateralityNorm, list[str]] = {}
    for part in parts:
        norm = LATERALITY_NORMS.get(part)
        if norm is not None:
            by_norm.setdefault(norm, []).append(_(body_part(part).plural))
    if not by_norm:
        return ""
    return _("Healthy adults: ") + "; ".join(norm.words(f" {_('and')} ".join(names))
                                             for norm, names in by_norm.items()) + "."


@dataclass(frozen=True)
class LateralityTarget:
    name: str
    words: str  # as the summary screen says it, a message: "at least {accuracy:.0%} correct"
    threshold: float
    at_least: bool  # met at or above the threshold (accuracy); else strictly below it (time)

    def met(self, value: float | None) -> bool | None:
        """Whether a block's figure meets this target; None when there is no figure."""
        if value is None:
            return None
        return value >= self.threshold if self.at_least else value < self.threshold


LATERALITY_TARGETS: dict[str, LateralityTarget] = {
    ACCURACY: LateralityTarget(ACCURACY, N_("at least {accuracy:.0%} correct"), TARGET_ACCURACY, True),
    SPEED: LateralityTarget(SPEED, N_("under {seconds:.1f} s per picture"), TARGET_RT_MS, False),
}


def shared_targets(per_part: Sequence[Sequence[str]]) -> tuple[LateralityTarget, ...]:
    """The targets every one of a block's body parts has, in table order."""
    return tuple(target for name, target in LATERALITY_TARGETS.items()
                 if per_part and all(name in names for names in per_part))


def target_text(targets: Sequence[LateralityTarget]) -> str:
    """'Target: at least 80% correct and under 2.0 s per picture.'"""
    said = [_(t.words).format(accuracy=t.threshold, seconds=t.threshold / 1000) for t in targets]
    return _("Target: {targets}.").format(targets=f" {_('and')} ".join(said))


def meets_targets(targets: Sequence[LateralityTarget], accuracy: float | None,
                  median_rt_ms: float | None) -> bool | None:
    """True when a block meets all its targets; None when a figure it needs is missing."""
    figures = {ACCURACY: accuracy, SPEED: median_rt_ms}
    verdicts = [target.met(figures[target.name]) for target in targets]
    if any(v is None for v in verdicts):
        return None
    return all(verdicts)
