"""The stimulus set's names, as the renderer, the manifest checker and the library use them.

They come from the body-part table (gmi_trainer/vocabulary/body_parts.py); nothing is listed
here, so a body part added there is rendered, checked and loaded without a change here.
"""

from __future__ import annotations

from gmi_trainer.vocabulary.body_parts import (
    BODY_PARTS,
    FOOT_POSTURES,
    FOOT_VIEWS,
    HAND_POSTURES,
    HAND_VIEWS,
    POSTURES,
    SIDES,
    SKIN_TONES,
    VIEWS,
)

__all__ = ["BODY_PARTS", "FOOT_POSTURES", "FOOT_VIEWS", "HAND_POSTURES", "HAND_VIEWS", "POSTURES",
           "SIDES", "SKIN_TONES", "VIEWS"]
