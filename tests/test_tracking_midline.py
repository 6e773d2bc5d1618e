from __future__ import annotations

import numpy as np
import pytest

from gmi_trainer.tracking.midline import CENTRE_BAND, how_to_sit, legs_midline, torso_midline
from gmi_trainer.tracking import POSE, POSE_KEYPOINTS, Landmarks, MidlineFilter, body_midline_x_px


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


def test_midline_weights_each_pair_by_how_surely_it_is_seen() -> None:
    pose = pose_with(POINTS, set(POINTS))
    pose.visibility[POSE_KEYPOINTS.index("left_hip")] = 0.6
    pose.visibility[POSE_KEYPOINTS.index("right_hip")] = 0.6
    # Shoulders (330) weigh 0.9, hips (320) 0.6; the band allows 330 +- 0.12 * 140.
    assert body_midline_x_px(pose) == pytest.approx((330.0 * 0.9 + 320.0 * 0.6) / 1.5)


def test_a_leaning_trunk_cannot_pull_the_line_off_the_middle_of_the_shoulders() -> None:
    leaning = dict(POINTS, left_hip=(600.0, 400.0), right_hip=(500.0, 400.0))
    midline = torso_midline(pose_with(leaning, set(leaning)))
    assert midline is not None
    assert midline.x_px == pytest.approx(330.0 + CENTRE_BAND * 140.0)
    assert midline.low_px == pytest.approx(330.0 - CENTRE_BAND * 140.0)


def test_legs_midline_uses_hips_knees_and_ankles() -> None:
    legs = {"left_hip": (370.0, 200.0), "right_hip": (270.0, 200.0), "left_knee": (380.0, 300.0),
            "right_knee": (280.0, 300.0), "left_ankle": (372.0, 420.0), "right_ankle": (272.0, 420.0)}
    midline = legs_midline(pose_with(legs, set(legs)))
    assert midline is not None and midline.x_px == pytest.approx((320 + 330 + 322) / 3)
    assert legs_midline(pose_with(legs, set(legs) - {"left_hip"})) is None


def test_how_to_sit_names_the_way_to_move_when_half_out_of_the_picture() -> None:
    assert how_to_sit(pose_with(POINTS, set(POINTS))) is None
    # The patient's left shoulder is on the image's right: cut off there, move to the right.
    cut = dict(POINTS, left_shoulder=(639.9, 200.0))
    assert "move your chair a little to your right" in (how_to_sit(pose_with(cut, set(POINTS))) or "")
    hidden = how_to_sit(pose_with(POINTS, set(POINTS) - {"right_shoulder"}))
    assert hidden is not None and "to your left" in hidden
    assert "head and both shoulders" in (how_to_sit(None) or "")


def test_filter_holds_a_jittering_line_still_and_follows_a_real_lean_quickly() -> None:
    rng = np.random.default_rng(1)
    line = MidlineFilter(frame_width_px=640.0)
    still = [line.update(320.0 + rng.normal(0.0, 2.0), i / 15.0) for i in range(60)]
    assert float(np.std(still[15:])) < 0.4 * 2.0  # the tracker jitters by 2 px
    # A lean of 40 px in a third of a second (a quick real movement) is followed within 150 ms.
    t_s, x_px = 4.0, 320.0
    for _ in range(5):
        t_s, x_px = t_s + 1 / 15, x_px + 8.0
        line.update(x_px, t_s)
    caught = [line.update(x_px, t_s + k / 15) for k in (1, 2)]
    assert abs(caught[-1] - x_px) < 0.25 * 40.0, "within 150 ms the line has covered most of the lean"


def test_filter_rejects_a_one_off_jump_but_follows_a_body_that_stays_put() -> None:
    line = MidlineFilter(frame_width_px=640.0, max_jump_norm=0.12, confirm_s=0.3)
    line.update(320.0, 0.0)
    assert line.update(520.0, 0.1) == pytest.approx(320.0)  # a bystander for one frame
    assert line.update(321.0, 0.2) == pytest.approx(320.0, abs=1.0)
    assert line.rejected_count == 1
    for k in range(1, 6):
        x_px = line.update(500.0, 0.2 + k * 0.1)
    assert x_px == pytest.approx(500.0), "after 0.3 s over there the patient really moved"


def test_filter_glides_from_a_given_line_however_far() -> None:
    line = MidlineFilter(frame_width_px=640.0)
    line.glide_from(320.0, 0.0)
    first = line.update(200.0, 0.1)
    assert 200.0 < first < 310.0
