from __future__ import annotations

import numpy as np
import pytest

from gmi_trainer.tracking import POSE, POSE_KEYPOINTS, Landmarks, MidlineSmoother, body_midline_x_px


def pose_with(points_px: dict[str, tuple[float, float]], visible: set[str], size_px: tuple[int, int] = (640, 480)) -> Landmarks:
    xy = np.full((len(POSE_KEYPOINTS), 2), 0.5)
    visibility = np.zeros(len(POSE_KEYPOINTS))
    for name, (x_px, y_px) in points_px.items():
        index = POSE_KEYPOINTS.index(name)
        xy[index] = (x_px / size_px[0], y_px / size_px[1])
        visibility[index] = 0.9 if name in visible else 0.1
    return Landmarks(POSE, POSE_KEYPOINTS, xy, visibility, size_px)


POINTS = {
    "left_shoulder": (400.0, 200.0),
    "right_shoulder": (260.0, 200.0),
    "left_hip": (370.0, 400.0),
    "right_hip": (270.0, 400.0),
}


def test_midline_averages_mid_shoulder_and_mid_hip_when_hips_show() -> None:
    pose = pose_with(POINTS, set(POINTS))
    assert body_midline_x_px(pose) == pytest.approx((330.0 + 320.0) / 2)


def test_midline_uses_shoulders_alone_when_hips_are_hidden() -> None:
    pose = pose_with(POINTS, {"left_shoulder", "right_shoulder", "left_hip"})
    assert body_midline_x_px(pose) == pytest.approx(330.0)


def test_no_midline_without_both_shoulders() -> None:
    assert body_midline_x_px(pose_with(POINTS, {"left_shoulder", "left_hip", "right_hip"})) is None


def test_smoother_is_time_based_and_ignores_small_jitter() -> None:
    smoother = MidlineSmoother(time_constant_s=0.5, deadband_px=2.0)
    assert smoother.update(300.0, 0.0) == 300.0
    assert smoother.update(301.5, 0.1) == 300.0
    after_one_tau = smoother.update(400.0, 0.6)
    assert after_one_tau == pytest.approx(300.0 + 100.0 * (1 - np.exp(-1.0)))
    # Ten small steps or one big step over the same time land in the same place.
    a, b = MidlineSmoother(0.5, 0.0), MidlineSmoother(0.5, 0.0)
    a.update(0.0, 0.0)
    b.update(0.0, 0.0)
    for step in range(1, 11):
        a.update(100.0, step * 0.05)
    assert a.update(100.0, 0.5) == pytest.approx(b.update(100.0, 0.5))
