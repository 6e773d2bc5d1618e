"""When a session's answers mean "stop for today and tell your therapist": a pure check of
the pain ratings and the "anything unusual?" answers against the plan's `[safety]` table."""

from __future__ import annotations

from typing import Sequence

from gmi_trainer.plans.model import Safety
from gmi_trainer.vocabulary.unusual import UNUSUAL_WORDS


def pain_alert(safety: Safety, pain_before: int | None, pain_after: int | None,
               unusual: Sequence[str] = ()) -> tuple[str, ...]:
    """The reasons, in words, why the patient should stop for today; empty: no alert."""
    reasons: list[str] = []
    if pain_after is not None and pain_after >= safety.stop_pain_after:
        reasons.append(f"pain {pain_after} of 10 after the session "
                       f"({safety.stop_pain_after} or more)")
    if pain_before is not None and pain_after is not None \
            and pain_after - pain_before >= safety.stop_pain_rise:
        reasons.append(f"pain rose by {pain_after - pain_before}, from {pain_before} to "
                       f"{pain_after} ({safety.stop_pain_rise} or more)")
    for item in unusual:
        if item in safety.warning_signs:
            reasons.append(UNUSUAL_WORDS.get(item, item).lower())
    return tuple(reasons)


def alert_sentence(reasons: Sequence[str]) -> str:
    """'Pain 9 of 10 after the session (8 or more); dizziness.'"""
    text = "; ".join(reasons)
    return text[:1].upper() + text[1:] + "." if text else ""
