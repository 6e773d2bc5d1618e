"""Names shared by plans, pictures, profiles and records: body parts, sides, views, postures.

The stimulus catalogue is the one list; this module adds what the rest of the program needs
around it."""

from __future__ import annotations

from gmi_trainer.stimuli.catalog import BODY_PARTS, POSTURES, SIDES, SKIN_TONES, VIEWS

__all__ = ["BODY_PARTS", "POSTURES", "SIDES", "SKIN_TONES", "VIEWS", "other_side"]


def other_side(side: str) -> str:
    return "right" if side == "left" else "left"
