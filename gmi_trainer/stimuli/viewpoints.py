"""The ray tracer's viewpoint (its virtual camera, not the webcam) for each view of a body
part, and the picture's size.

Where the camera stands for each view and the picture's scale (pixels per millimetre) are
in the body-part table (gmi_trainer/vocabulary/body_parts.py, `Render`).
"""

from __future__ import annotations

import numpy as np

from gmi_trainer.stimuli.raymarch import Camera
from gmi_trainer.vocabulary import body_part as body_part_entry

PICTURE_PX = 340


def camera_for(body_part: str, view: str, supersample: int = 1) -> Camera:
    """The camera for one view; `supersample` traces that many rays per pixel along each axis."""
    render = body_part_entry(body_part).render
    forward, up = render.cameras[view]
    return Camera(
        np.asarray(forward, dtype=np.float64), np.asarray(up, dtype=np.float64),
        render.px_per_mm * supersample, PICTURE_PX * supersample
    )
