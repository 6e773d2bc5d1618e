"""A tracker for the drawn practice figure only: finds its shirt by colour.

The synthetic source draws a figure whose shirt is one flat colour, so the shoulders and
hips are the shirt's corners. Finding them takes a colour comparison instead of a neural
network (MediaPipe needs about 17 ms a frame on one core; this well under 1 ms at
160x120), which lets a headless session on a simulated clock send every frame through the
real mirror pipeline in about a second. It sees nothing in a real camera picture (it
returns None there) and finds no elbows, knees or fingers, so it counts no repetitions.
"""

from __future__ import annotations

import numpy as np

from gmi_trainer.frames.frame import Frame
from gmi_trainer.frames.synthetic import SHIRT_BGR
from gmi_trainer.tracking.landmarks import POSE, POSE_KEYPOINTS, Landmarks

# Per-channel tolerance: the drawing is exact, this only absorbs a lossy re-encoding.
COLOUR_TOLERANCE = 12
SHIRT_LOW_BGR = np.array([c - COLOUR_TOLERANCE for c in SHIRT_BGR], np.uint8)
SHIRT_HIGH_BGR = np.array([c + COLOUR_TOLERANCE for c in SHIRT_BGR], np.uint8)


class SyntheticFigureTracker:
    """Shoulders and hips of the drawn figure (the patient's left is the image's right)."""

    @property
    def name(self) -> str:
        return "synthetic-figure (shirt colour; practice figure only)"

    def process(self, frame: Frame) -> Landmarks | None:
        import cv2  # loaded already: the synthetic source draws with it

        shirt = cv2.inRange(frame.image, SHIRT_LOW_BGR, SHIRT_HIGH_BGR)
        rows = np.flatnonzero(shirt.any(axis=1))
        if rows.size < 2:
            return None
        top, bottom = int(rows[0]), int(rows[-1])
        # Near the bottom of the shirt no arm crosses it, so its edges are the torso's.
        columns = np.flatnonzero(shirt[top + (bottom - top) * 9 // 10])
        if columns.size < 2:
            return None
        image_left_x, image_right_x = float(columns[0]), float(columns[-1])
        points_px = {
            "left_shoulder": (image_right_x, top), "right_shoulder": (image_left_x, top),
            "left_hip": (image_right_x, bottom), "right_hip": (image_left_x, bottom),
        }
        width_px, height_px = frame.width_px, frame.height_px
        xy_norm = np.zeros((len(POSE_KEYPOINTS), 2))
        visibility = np.zeros(len(POSE_KEYPOINTS))
        for name, (x_px, y_px) in points_px.items():
            index = POSE_KEYPOINTS.index(name)
            xy_norm[index] = (x_px / width_px, y_px / height_px)
            visibility[index] = 1.0
        return Landmarks(kind=POSE, names=POSE_KEYPOINTS, xy_norm=xy_norm,
                         visibility=visibility, image_size_px=(width_px, height_px))

    def close(self) -> None:
        pass
