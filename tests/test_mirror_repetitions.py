"""Repetition counting from keypoint sequences (pure: no camera, no tracker)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gmi_trainer.mirror.repetitions import (
    COUNTABLE_MOVEMENTS,
    ELBOW_FLEX_EXTEND,
    HAND_OPEN_CLOSE,
    KNEE_FLEX_EXTEND,
    RepetitionCounter,
    elbow_flexion_deg,
    hand_closure,
    is_countable,
    joint_angle_deg,
    knee_flexion_deg,
    movement_signal,
)
from gmi_trainer.tracking import POSE, POSE_KEYPOINTS, Landmarks
from test_mirror_hand_drawing import hand_landmarks


def test_joint_angle() -> None:
    assert joint_angle_deg(np.array([0, 1]), np.array([0, 0]), np.array([1, 0])) == pytest.approx(90.0)
    assert joint_angle_deg(np.array([-1, 0]), np.array([0, 0]), np.array([1, 0])) == pytest.approx(180.0)
    assert joint_angle_deg(np.array([0, 0]), np.array([0, 0]), np.array([1, 0])) == 180.0


def test_hand_closure_rises_from_open_to_fist_and_ignores_hand_size() -> None:
    closures = [hand_closure(hand_landmarks(c)) for c in np.linspace(0.0, 1.0, 11)]
    assert closures[0] == pytest.approx(0.0, abs=0.05)
    assert closures[-1] == pytest.approx(1.0, abs=0.05)
    assert all(b >= a for a, b in zip(closures, closures[1:]))
    half = hand_landmarks(0.5)
    smaller = Landmarks(half.kind, half.names, half.xy_norm * 0.5, half.visibility, half.image_size_px)
    assert hand_closure(smaller) == pytest.approx(hand_closure(half))


def arm_pose(flexion_deg: float, side: str = "left", visible: bool = True) -> Landmarks:
    """Upper arm hanging down from the shoulder, forearm bent forward-up by flexion_deg."""
    xy = np.full((len(POSE_KEYPOINTS), 2), 0.5)
    visibility = np.full(len(POSE_KEYPOINTS), 0.05)  # only the arm is in view
    shoulder, elbow = np.array([400.0, 150.0]), np.array([400.0, 280.0])
    angle = math.radians(flexion_deg)
    wrist = elbow + 110.0 * np.array([math.sin(angle), math.cos(angle)])
    for name, point in ((f"{side}_shoulder", shoulder), (f"{side}_elbow", elbow), (f"{side}_wrist", wrist)):
        xy[POSE_KEYPOINTS.index(name)] = point / np.array([640.0, 480.0])
        visibility[POSE_KEYPOINTS.index(name)] = 0.9
    if not visible:
        visibility[POSE_KEYPOINTS.index(f"{side}_wrist")] = 0.1
    return Landmarks(POSE, POSE_KEYPOINTS, xy, visibility, (640, 480))


def test_elbow_flexion_from_pose_and_none_when_hidden() -> None:
    assert elbow_flexion_deg(arm_pose(0.0), "left") == pytest.approx(0.0, abs=0.5)
    assert elbow_flexion_deg(arm_pose(120.0), "left") == pytest.approx(120.0, abs=0.5)
    assert elbow_flexion_deg(arm_pose(120.0, visible=False), "left") is None
    assert knee_flexion_deg(arm_pose(45.0), "left") is None  # no leg in this pose


def test_countable_movements() -> None:
    assert is_countable(HAND_OPEN_CLOSE) and is_countable(ELBOW_FLEX_EXTEND) and is_countable(KNEE_FLEX_EXTEND)
    assert not is_countable("wrist_rotation") and not is_countable("watch_only")
    with pytest.raises(ValueError, match="cannot be counted"):
        RepetitionCounter.for_movement("finger_opposition")
    assert movement_signal(ELBOW_FLEX_EXTEND, arm_pose(90.0), "left") == pytest.approx(90.0, abs=0.5)
    assert movement_signal(HAND_OPEN_CLOSE, arm_pose(90.0), "left") is None, "needs a hand tracker"
    for spec in COUNTABLE_MOVEMENTS.values():
        assert spec.low < spec.high and spec.tracker_kind in ("hand", "pose")


def test_counts_noisy_hand_landmark_sequences_with_range_of_motion() -> None:
    rng = np.random.default_rng(3)
    counter = RepetitionCounter.for_movement(HAND_OPEN_CLOSE)
    period_s, fps, repetitions = 2.0, 30.0, 5
    for index in range(int((repetitions * period_s + 1.0) * fps)):
        t_s = index / fps
        closure = 0.5 * (1 - math.cos(2 * math.pi * t_s / period_s)) if t_s < repetitions * period_s else 0.0
        counter.update(hand_closure(hand_landmarks(closure, noise_px=1.5, rng=rng)), t_s)
    assert counter.count == repetitions
    assert [r.number for r in counter.repetitions] == [1, 2, 3, 4, 5]
    for repetition in counter.repetitions:
        assert repetition.range_of_motion == pytest.approx(1.0, abs=0.1)
        assert repetition.start_s < repetition.peak_s < repetition.end_s
    row = counter.repetitions[0].as_row()
    assert set(row) >= {"number", "start_s", "end_s", "range_of_motion", "unit"}


def test_counts_elbow_repetitions_in_degrees() -> None:
    counter = RepetitionCounter.for_movement(ELBOW_FLEX_EXTEND)
    for index in range(3 * 60 + 10):
        t_s = index / 30.0
        flexion = 10.0 + 55.0 * (1 - math.cos(2 * math.pi * t_s / 2.0)) if t_s < 6.0 else 10.0
        counter.update(elbow_flexion_deg(arm_pose(flexion), "left"), t_s)
    assert counter.count == 3
    assert counter.repetitions[0].range_of_motion == pytest.approx(110.0, abs=2.0)
    assert counter.repetitions[0].unit == "deg"


def test_jitter_at_a_threshold_does_not_count_and_half_movements_do_not_count() -> None:
    counter = RepetitionCounter(low=0.3, high=0.7)
    values = [0.0, 0.29, 0.31, 0.29, 0.31, 0.29, 0.5, 0.69, 0.4, 0.1, 0.8, 0.71, 0.69, 0.71, 0.2, 0.0]
    completed = [counter.update(v, i * 0.1) for i, v in enumerate(values)]
    assert counter.count == 1
    assert completed.index(counter.repetitions[0]) == 14
    assert counter.repetitions[0].max_value == 0.8


def test_a_repetition_must_start_at_rest_and_long_gaps_abandon_it() -> None:
    counter = RepetitionCounter(low=0.3, high=0.7, max_gap_s=0.5)
    for i, v in enumerate([0.9, 0.8, 0.1]):  # starts mid-movement: not a repetition
        counter.update(v, i * 0.1)
    assert counter.count == 0
    counter.update(0.9, 0.3)
    counter.update(None, 0.4)  # tracking dropped: skipped
    counter.update(0.1, 0.5)
    assert counter.count == 1
    counter.update(0.9, 0.6)
    counter.update(0.1, 2.0)  # 1.4 s gap: the half-seen movement is not counted
    assert counter.count == 1
    with pytest.raises(ValueError):
        RepetitionCounter(low=0.7, high=0.3)
