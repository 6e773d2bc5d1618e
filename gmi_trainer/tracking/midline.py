"""The body's midline from pose keypoints, and slow smoothing of it.

The mirror line must sit on the body's midline, but a line that wobbles with every
tracking jitter breaks the illusion far more than one that lags a little: the trunk moves
slowly, so the midline is smoothed with a long time constant.
"""

from __future__ import annotations

import math

from gmi_trainer.tracking.landmarks import Landmarks


def body_midline_x_px(pose: Landmarks, min_visibility: float = 0.5) -> float | None:
    """x of a vertical line through mid-shoulder, averaged with mid-hip when both hips show.

    Returns None when either shoulder is not visible: without them there is no trustworthy
    midline (the caller keeps the last good one).
    """
    if not (pose.is_visible("left_shoulder", min_visibility) and pose.is_visible("right_shoulder", min_visibility)):
        return None
    mid_shoulder_x = (pose.point_px("left_shoulder")[0] + pose.point_px("right_shoulder")[0]) / 2.0
    if pose.is_visible("left_hip", min_visibility) and pose.is_visible("right_hip", min_visibility):
        mid_hip_x = (pose.point_px("left_hip")[0] + pose.point_px("right_hip")[0]) / 2.0
        return float((mid_shoulder_x + mid_hip_x) / 2.0)
    return float(mid_shoulder_x)


class MidlineSmoother:
    """Exponential smoothing in time (not per sample), so it behaves the same at any tracking rate.

    Changes smaller than `deadband_px` are ignored, so a still patient sees a still line.
    """

    def __init__(self, time_constant_s: float = 0.6, deadband_px: float = 2.0) -> None:
        if time_constant_s <= 0:
            raise ValueError("time_constant_s must be positive")
        self.time_constant_s = time_constant_s
        self.deadband_px = deadband_px
        self._x_px: float | None = None
        self._t_s = 0.0

    @property
    def x_px(self) -> float | None:
        return self._x_px

    def reset(self) -> None:
        self._x_px = None

    def update(self, measured_x_px: float, t_s: float) -> float:
        if self._x_px is None:
            self._x_px, self._t_s = measured_x_px, t_s
            return measured_x_px
        dt_s = max(t_s - self._t_s, 0.0)
        self._t_s = max(t_s, self._t_s)
        error_px = measured_x_px - self._x_px
        if abs(error_px) > self.deadband_px:
            self._x_px += (1.0 - math.exp(-dt_s / self.time_constant_s)) * error_px
        return self._x_px
