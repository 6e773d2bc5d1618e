"""Where the camera stands for each view, and the picture's scale.

Directions are in the limb's own frame (see geometry_hand / geometry_foot).  Every picture of
one body part has the same scale (pixels per millimetre) so sizes stay true between postures.
Pictures are upright at 0 degrees: fingers or toes towards the top.
"""

from __future__ import annotations

import numpy as np

from gmi_trainer.stimuli.raymarch import Camera

PICTURE_PX = 340
HAND_PX_PER_MM = 1.35
FOOT_PX_PER_MM = 1.15

_S45 = np.sin(np.radians(45.0))
_C45 = np.cos(np.radians(45.0))
_S15 = np.sin(np.radians(15.0))
_C15 = np.cos(np.radians(15.0))

# (forward, up) per view.
HAND_CAMERAS: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    "back": ((0.0, 0.0, -1.0), (0.0, 1.0, 0.0)),
    "palm": ((0.0, 0.0, 1.0), (0.0, 1.0, 0.0)),
    # From the thumb side, turned 45 degrees towards the back: the fingers do not hide behind
    # the index finger, and the knuckles and nails show whose hand it is.  Seen straight from
    # the thumb edge (or only 30 degrees round) a right hand and a mirrored left hand look
    # alike, to people and to MediaPipe, which often named the wrong hand for them.
    "side": ((_C45, 0.0, -_S45), (0.0, 1.0, 0.0)),
}
FOOT_CAMERAS: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    # The owner's view: from above, tilted 15 degrees so the shin runs out of the bottom edge.
    "top": ((0.0, -_S15, -_C15), (0.0, _C15, -_S15)),
    "sole": ((0.0, 0.0, 1.0), (0.0, 1.0, 0.0)),
    "inner": ((1.0, 0.0, 0.0), (0.0, 0.0, 1.0)),
    "outer": ((-1.0, 0.0, 0.0), (0.0, 0.0, 1.0)),
}


def camera_for(body_part: str, view: str, supersample: int = 1) -> Camera:
    """The camera for one view; `supersample` traces that many rays per pixel along each axis."""
    if body_part == "hand":
        forward, up = HAND_CAMERAS[view]
        scale = HAND_PX_PER_MM
    elif body_part == "foot":
        forward, up = FOOT_CAMERAS[view]
        scale = FOOT_PX_PER_MM
    else:
        raise ValueError(f"unknown body part {body_part!r}")
    return Camera(
        np.asarray(forward, dtype=np.float64), np.asarray(up, dtype=np.float64), scale * supersample, PICTURE_PX * supersample
    )
