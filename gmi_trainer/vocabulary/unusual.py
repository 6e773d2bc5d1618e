"""The "anything unusual?" checklist after a session: possible adverse effects of imagery and
mirror work, one table that the checklist, the plan's warning signs and the records share.

Warning signs that call for stopping for the day and contacting the therapist: dizziness,
strong emotion, sweating, and a "frozen" phantom that does not settle (reported adverse
effects of mirror therapy; e.g. Casale et al. 2009, Eur J Phys Rehabil Med 45:559; the
European Pain Federation's CRPS self-management advice)."""

from __future__ import annotations

from gmi_trainer.i18n import N_






# (id, words on the checklist), in the order shown.
UNUSUAL_ITEMS: tuple[tuple[str, str], ...] = (
    ("more_pain", N_("More pain than usual")),
    ("dizziness", N_("Dizziness")),
    ("sweating", N_("Sweating")),
    ("strong_emotion", N_("Strong emotion")),
    ("phantom_stuck", N_("Phantom limb felt stuck or frozen")),
    ("other", N_("Something else")),
)
UNUSUAL_IDS: tuple[str, ...] = tuple(item for item, _ in UNUSUAL_ITEMS)
UNUSUAL_WORDS: dict[str, str] = dict(UNUSUAL_ITEMS)
# The free-text item: ticking it asks for the words there and then.
OTHER = "other"
# Answers that stop the day by default (a plan's `[safety] warning_signs` may change them).
DEFAULT_WARNING_SIGNS: tuple[str, ...] = ("dizziness", "sweating", "strong_emotion",
                                          "phantom_stuck")
