"""Where the patient's left and right are, in the camera frame and on the screen.

Frames are not mirrored (see gmi_trainer.frames.frame): a camera facing the patient sees
their left side on the image's right, as another person facing them would. The screen shows
a selfie view (mirrored, like a bathroom mirror), so the patient's left is on the screen's
left. Getting this wrong reflects the painful side over the intact one, so it is decided
here, once, and tested.
"""

from __future__ import annotations

from typing import Literal

Side = Literal["left", "right"]
SIDES: tuple[Side, Side] = ("left", "right")


def other_side(side: Side) -> Side:
    return "right" if side == "left" else "left"


def check_side(side: str) -> Side:
    if side not in SIDES:
        raise ValueError(f"side must be 'left' or 'right', not {side!r}")
    return side  # type: ignore[return-value]


def patient_side_in_frame(side: Side, frame_is_mirrored: bool = False) -> Side:
    """Which half of the camera frame (image left/right) shows the patient's `side`."""
    check_side(side)
    return side if frame_is_mirrored else other_side(side)


def patient_side_on_screen(side: Side, display_is_mirrored: bool = True) -> Side:
    """Which half of the screen shows the patient's `side` (selfie view by default)."""
    check_side(side)
    return side if display_is_mirrored else other_side(side)
