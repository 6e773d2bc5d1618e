"""When a session's answers mean "stop for today and tell your therapist": a pure check of
the pain ratings and the "anything unusual?" answers against the plan's `[safety]` table."""

from __future__ import annotations

from typing import Mapping, Sequence, Union

from gmi_trainer.i18n import N_, _
from gmi_trainer.plans.model import Safety
from gmi_trainer.vocabulary.clinical import PAIN_KINDS
from gmi_trainer.vocabulary.unusual import UNUSUAL_WORDS


PainRatings = Union[int, Mapping[str, int], None]


def pain_alert(safety: Safety, pain_before: PainRatings, pain_after: PainRatings,
               unusual: Sequence[str] = ()) -> tuple[str, ...]:
    """The reasons, in words, why the patient should stop for today; empty: no alert.

    Pain is checked kind by kind (phantom limb pain, residual limb pain, or CRPS pain:
    {kind: 0-10}); each kind's rise is its own after minus its own before, so residual limb
    pain rising from 1 to 5 is flagged even when the phantom pain was 6 all along. A plain
    number is one unnamed rating (records from before the kinds)."""
    before, after = _by_kind(pain_before), _by_kind(pain_after)
    reasons: list[str] = []
    for kind, value in after.items():
        name = _(PAIN_KINDS.get(kind, N_("pain")))
        if value >= safety.stop_pain_after:
            reasons.append(_("{name} {value} of 10 after the session "
                           "({stop_pain_after} or more)").format(name=name, value=value, stop_pain_after=safety.stop_pain_after))
        start = before.get(kind)
        if start is not None and value - start >= safety.stop_pain_rise:
            reasons.append(_("{name} rose by {value}, from {start} to "
                           "{value2} ({stop_pain_rise} or more)").format(name=name, value=value - start, start=start, value2=value, stop_pain_rise=safety.stop_pain_rise))
    for item in unusual:
        if item in safety.warning_signs:
            reasons.append(_(UNUSUAL_WORDS[item]).lower() if item in UNUSUAL_WORDS else item)
    return tuple(reasons)


def _by_kind(ratings: PainRatings) -> dict[str, int]:
    if ratings is None:
        return {}
    if isinstance(ratings, int):
        return {"": ratings}
    return dict(ratings)


def alert_sentence(reasons: Sequence[str]) -> str:
    """'Pain 9 of 10 after the session (8 or more); dizziness.'"""
    text = "; ".join(reasons)
    return text[:1].upper() + text[1:] + "." if text else ""
