from __future__ import annotations

import numpy as np
import pytest

from gmi_trainer.tracking import POSE, POSE_KEYPOINTS, LandmarkSmoother, Landmarks, OneEuroFilter


def run(filter_: OneEuroFilter, values: np.ndarray, rate_hz: float = 30.0) -> np.ndarray:
    return np.array([filter_(value, index / rate_hz) for index, value in enumerate(values)])


def test_a_constant_passes_unchanged() -> None:
    out = run(OneEuroFilter(), np.full(50, 3.5))
    assert np.allclose(out, 3.5)


def test_jitter_at_rest_is_strongly_reduced() -> None:
    rng = np.random.default_rng(1)
    noisy = 100.0 + rng.normal(0.0, 2.0, 300)
    out = run(OneEuroFilter(min_cutoff_hz=1.0, beta=0.0), noisy)
    assert np.std(out[30:]) < np.std(noisy[30:]) / 3
    assert abs(np.mean(out[30:]) - 100.0) < 0.5


def test_speed_opens_the_filter_so_fast_moves_lag_less() -> None:
    ramp = np.arange(60) * 10.0  # 300 units per second at 30 Hz
    slow = run(OneEuroFilter(min_cutoff_hz=1.0, beta=0.0), ramp)
    fast = run(OneEuroFilter(min_cutoff_hz=1.0, beta=0.1), ramp)
    lag_slow = ramp[-1] - slow[-1]
    lag_fast = ramp[-1] - fast[-1]
    assert lag_slow > 30.0
    assert lag_fast < lag_slow / 3


def test_repeated_timestamp_returns_the_previous_value_and_arrays_work() -> None:
    filter_ = OneEuroFilter()
    first = filter_(np.array([[1.0, 2.0], [3.0, 4.0]]), 0.0)
    assert first.shape == (2, 2)
    filter_(np.array([[2.0, 2.0], [3.0, 4.0]]), 0.1)
    held = filter_(np.array([[50.0, 50.0], [50.0, 50.0]]), 0.1)
    assert held[0, 0] < 2.0 and held[1, 1] == pytest.approx(4.0)


def test_invalid_settings_are_refused() -> None:
    with pytest.raises(ValueError):
        OneEuroFilter(min_cutoff_hz=0.0)


def make_pose(x_offset_norm: float) -> Landmarks:
    xy = np.tile([0.5 + x_offset_norm, 0.5], (len(POSE_KEYPOINTS), 1))
    return Landmarks(POSE, POSE_KEYPOINTS, xy, np.ones(len(POSE_KEYPOINTS)), (640, 480))


def test_landmark_smoother_works_in_pixels_and_restarts_after_a_gap() -> None:
    smoother = LandmarkSmoother(min_cutoff_hz=1.0, beta=0.0, reset_after_s=0.5)
    assert smoother.smooth(None, 0.0) is None
    smoother.smooth(make_pose(0.0), 0.0)
    moved = smoother.smooth(make_pose(0.1), 1 / 30)
    assert moved is not None
    x_px = moved.point_px("nose")[0]
    assert 320.0 < x_px < 320.0 + 64.0 / 2, "a sudden jump is smoothed"
    after_gap = smoother.smooth(make_pose(0.1), 2.0)
    assert after_gap is not None and after_gap.point_px("nose")[0] == pytest.approx(384.0)
