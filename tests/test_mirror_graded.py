"""The steady picture, the graded and bilateral mirror, legs, and the line in the fallback."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from gmi_trainer.core import inputs as act
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.mirror import CAMERA_LIVE, CameraFact, MirrorStep, MirrorView
from gmi_trainer.mirror.bilateral import InStep
from gmi_trainer.mirror.compositor import MirrorCompositor, MirrorMode
from gmi_trainer.mirror.framing import Framing
from gmi_trainer.mirror.repetitions import RepetitionCounter, movement_signal
from gmi_trainer.plans.model import MirrorBlock, MirrorExercise
from gmi_trainer.tracking.landmarks import POSE, POSE_KEYPOINTS, Landmarks
from gmi_trainer.vocabulary.movements import MOVEMENT_TABLE, POSE_TRACKER

SIZE = (640, 480)


def pose(points_px: dict[str, tuple[float, float]]) -> Landmarks:
    xy = np.full((len(POSE_KEYPOINTS), 2), 0.5)
    visibility = np.zeros(len(POSE_KEYPOINTS))
    for name, (x, y) in points_px.items():
        xy[POSE_KEYPOINTS.index(name)] = (x / SIZE[0], y / SIZE[1])
        visibility[POSE_KEYPOINTS.index(name)] = 0.95
    return Landmarks(POSE, POSE_KEYPOINTS, xy, visibility, SIZE)


# -- a steady picture --------------------------------------------------------------------
def test_the_zoom_is_chosen_once_and_does_not_pump_with_the_sway() -> None:
    framing = Framing(max_zoom=2.0)
    first = framing.choose(1.4, (0.3, 0.6), 0.0)
    views = [framing.update(1.4 + 0.3 * math.sin(k / 5), (0.3, 0.6), k / 30) for k in range(1, 300)]
    assert {round(v.zoom, 6) for v in views} == {first.zoom} and framing.changes == 0


def test_a_limb_leaving_the_picture_zooms_out_at_once_and_smoothly() -> None:
    framing = Framing(max_zoom=2.0)
    framing.choose(2.0, (0.35, 0.6), 0.0)
    zooms = [framing.update(2.0, (0.35, 0.98), k / 30).zoom for k in range(1, 12)]
    assert zooms[0] < 2.0 and all(b <= a for a, b in zip(zooms, zooms[1:]))
    assert max(a - b for a, b in zip([2.0, *zooms], zooms)) < 0.2, "glides, never jumps"
    assert zooms[-1] == pytest.approx(1.0 / (1.0 - 0.27), abs=0.01), "top margin kept; bottom at the edge"
    assert framing.changes == 1


def test_a_lasting_change_of_the_wanted_zoom_is_followed_after_a_wait() -> None:
    framing = Framing(max_zoom=2.0, patience_s=3.0)
    framing.choose(1.0, None, 0.0)
    zooms = [framing.update(1.5, None, k / 30).zoom for k in range(1, 150)]
    waited = zooms[: 3 * 30 - 2]
    assert set(waited) == {1.0}, "a wanted zoom lasting under 3 s changes nothing"
    assert max(b - a for a, b in zip(zooms, zooms[1:])) <= 1.0 / 30 + 1e-9, "then it glides"
    assert zooms[-1] == pytest.approx(1.5) and framing.changes == 1


def test_a_zoomed_crop_moves_to_keep_low_hands_in_the_picture() -> None:
    frame = np.zeros((480, 640, 3), np.uint8)
    frame[:, :, 0] = np.arange(480, dtype=np.uint8)[:, None] // 2
    compositor = MirrorCompositor()
    rows, _ = compositor.reflection_maps(640, 480, 320.0, "left", zoom=1.5, centre_y_norm=0.8)
    assert rows.max() == 479 and rows.min() == 480 - 320, "shows the bottom two thirds"


# -- the graded mirror -------------------------------------------------------------------
def test_strength_blends_the_reflection_over_the_real_affected_side() -> None:
    rng = np.random.default_rng(3)
    frame = rng.integers(0, 255, (120, 160, 3), dtype=np.uint8)
    compositor = MirrorCompositor()
    full = compositor.compose(frame, MirrorMode.BODY_MIDLINE, "left", 80.0, 1.0)
    real = compositor.compose(frame, MirrorMode.BODY_MIDLINE, "left", 80.0, 1.0, strength=0.0)
    half = compositor.compose(frame, MirrorMode.BODY_MIDLINE, "left", 80.0, 1.0, strength=0.5)
    # Intact side: the patient's left is the image's right; it is shown in place in all three.
    assert np.array_equal(full[:, 80:], real[:, 80:]) and np.array_equal(full[:, 80:], half[:, 80:])
    assert np.array_equal(real, frame), "at 0 the real picture, unreflected"
    expected = (full[:, :80].astype(int) + real[:, :80].astype(int)) / 2
    assert np.abs(half[:, :80].astype(int) - expected).max() <= 1.0
    # Off-centre, the reflection runs out before the edge: there the real picture, not a dim band.
    off = compositor.compose(frame, MirrorMode.BODY_MIDLINE, "left", 110.0, 1.0, strength=0.5)
    real_off = compositor.compose(frame, MirrorMode.BODY_MIDLINE, "left", 110.0, 1.0, strength=0.0)
    assert np.array_equal(off[:, :30], real_off[:, :30])


def test_strength_is_set_per_block_and_per_exercise_and_recorded(make_ctx) -> None:
    block = MirrorBlock(settle_s=0, mirror_strength=40, exercises=(
        MirrorExercise("Watch.", duration_s=10), MirrorExercise("Move.", duration_s=10, mirror_strength=80)))
    step = MirrorStep(make_ctx(), block, 0)
    step.handle(Input(act.CONFIRM, 0.0))
    step.handle(Input(act.CAMERA, 0.0, CameraFact(CAMERA_LIVE)))
    assert step.view(0.0).strength == pytest.approx(0.4)
    for k in range(1, 105):
        step.tick(k / 10)
    assert step.view(10.4).strength == pytest.approx(0.8)
    for k in range(105, 220):
        step.tick(k / 10)
    assert [r["mirror_strength"] for r in step.ctx.recorder.trials] == [40, 80]


# -- the fixed line, including the fallback ------------------------------------------------
def test_up_and_down_move_the_line_whenever_the_fixed_line_is_on_screen(make_ctx) -> None:
    block = MirrorBlock(settle_s=0, mode="midline", exercises=(MirrorExercise("Move.", duration_s=60),))
    step = MirrorStep(make_ctx(), block, 0)
    step.handle(Input(act.CONFIRM, 0.0))
    step.handle(Input(act.CAMERA, 0.0, CameraFact(CAMERA_LIVE)))
    start = step.line_x_norm
    step.handle(Input(act.UP, 1.0))
    assert step.line_x_norm == start and not step.view(1.0).line_movable, "tracked: nothing to move"
    step.handle(Input(act.CAMERA, 2.0, CameraFact(CAMERA_LIVE, fixed_line=True)))
    assert step.view(2.0).line_movable
    step.handle(Input(act.DOWN, 3.0))
    assert step.line_x_norm == pytest.approx(start + 0.01)
    assert [e["event"] for e in step.ctx.recorder.events].count("camera") == 1, "no event for the fallback"


def test_the_runtime_reports_the_fallback_and_the_practice_figure_is_tracked_by_its_own_tracker() -> None:
    """The practice figure is tracked by the figure tracker even when MediaPipe runs the
    camera, so the line follows the swaying figure and the figure keeps one head."""
    from gmi_trainer.app.mirror_runtime import VIDEO_SUFFIXES, MirrorRuntime
    from gmi_trainer.app.root import frame_opener
    from gmi_trainer.clock import SimulatedClock
    from gmi_trainer.core.mirror import CAMERA_RECONNECTING
    from gmi_trainer.core.views import Screen
    from gmi_trainer.frames.video_file import VideoFolder
    from gmi_trainer.tracking.synthetic_figure import SyntheticFigureTracker
    from gmi_trainer.tracking.tracker import Trackers

    class Blind:  # a pose network that sees nothing in a drawing
        name = "blind"

        def process(self, frame: Any) -> None:
            return None

        def close(self) -> None:
            pass

    class NoInputs:
        def observe(self, screen: Any, flip_s: float) -> None:
            pass

        def wait(self, until_s: float) -> list[Any]:
            return []

    def run(trackers: Trackers) -> tuple[Any, list[Any]]:
        clock = SimulatedClock(10.0)
        runtime = MirrorRuntime(NoInputs(), clock, "synthetic", frame_opener((320, 240), 30.0), trackers,
                                VideoFolder(Path("unused"), VIDEO_SUFFIXES), open_in_background=False)
        view = MirrorView("Mirror", "midline", "left", "hand", "exercise", "Watch.", "free", 1, 1, 60.0,
                          0.0, False, 0, 0, 0, CAMERA_RECONNECTING, "", "practice")
        facts: list[Any] = []
        for _ in range(300):  # five simulated seconds
            runtime.observe(Screen(view), clock.now())
            facts += [f.value for f in runtime.wait(clock.now()) if f.action == act.CAMERA]
            clock.advance(1 / 60)
        composed = runtime.picture()
        runtime.close()
        return composed, facts

    blind = Trackers("blind", Blind, threaded=False)
    composed, facts = run(blind)
    assert composed.line.source.value == "fixed" and facts[-1].fixed_line
    composed, facts = run(Trackers("blind", Blind, threaded=False, practice=SyntheticFigureTracker))
    assert composed.line.source.value == "tracked" and not facts[-1].fixed_line
    # One head: the skin-coloured head's row (at 22% of the height) holds one blob, centred.
    from gmi_trainer.frames.synthetic import SKIN_BGR

    row = composed.image[int(0.22 * composed.image.shape[0])]
    skin = np.all(np.abs(row.astype(int) - SKIN_BGR) < 10, axis=1).astype(int)
    assert np.count_nonzero(np.diff(skin) == 1) == 1
    assert abs(np.flatnonzero(skin).mean() - composed.image.shape[1] / 2) < 3


# -- bilateral mode and legs --------------------------------------------------------------
def _arms(t_s: float, left_lift: float, right_lift: float) -> Landmarks:
    """Shoulders at x 260/380; each wrist raised by its lift (px) on a 2 s cycle."""
    lift_l = left_lift * (1 - math.cos(2 * math.pi * t_s / 2.0))
    lift_r = right_lift * (1 - math.cos(2 * math.pi * t_s / 2.0))
    return pose({"right_shoulder": (260, 200), "left_shoulder": (380, 200),
                 "right_wrist": (230, 380 - lift_r), "left_wrist": (410, 380 - lift_l),
                 "right_index": (228, 400 - lift_r), "left_index": (412, 400 - lift_l)})


def test_in_step_is_high_when_both_sides_move_together_and_low_when_one_moves_alone() -> None:
    together, alone, still = InStep(), InStep(), InStep()
    for k in range(120):
        t_s = k / 15
        a = together.update(_arms(t_s, 60, 55), t_s)
        b = alone.update(_arms(t_s, 60, 0), t_s)
        c = still.update(_arms(t_s, 0, 0), t_s)
    assert a is not None and a >= 95
    assert b is not None and b <= 10
    assert c is None, "nothing moved: nothing to compare"


def test_bilateral_is_a_mirror_mode_with_in_step_shown_and_recorded(make_ctx) -> None:
    block = MirrorBlock(settle_s=0, mode="bilateral", exercises=(MirrorExercise("Both.", duration_s=5),))
    step = MirrorStep(make_ctx(), block, 0)
    step.handle(Input(act.CONFIRM, 0.0))
    step.handle(Input(act.CAMERA, 0.0, CameraFact(CAMERA_LIVE)))
    for k, percent in enumerate((70, 90, 85)):
        step.handle(Input(act.IN_STEP, 1.0 + k, percent))
    view = step.view(3.5)
    assert view.reports_in_step and view.in_step_percent == 85
    for k in range(1, 60):
        step.tick(k / 10)
    assert step.ctx.recorder.trials[0]["in_step_percent"] == 85


def test_ankle_pumps_and_knee_bends_are_counted_from_the_pose() -> None:
    assert MOVEMENT_TABLE["ankle_pump"].counted_by == POSE_TRACKER
    assert MOVEMENT_TABLE["knee_flex"].counted_by == POSE_TRACKER
    counter = RepetitionCounter.for_movement("ankle_pump")
    counted = 0
    for k in range(200):  # 4 pumps at 15 Hz, the toes swinging 45 degrees down and back
        t_s = k / 15
        angle = math.radians(45 * (1 - math.cos(2 * math.pi * t_s / 3.0)) / 2)
        knee, ankle = (380.0, 300.0), (380.0, 420.0)
        toes = (ankle[0] + 40 * math.cos(angle), ankle[1] + 40 * math.sin(angle))  # seen from the side
        landmarks = pose({"left_knee": knee, "left_ankle": ankle, "left_foot_index": toes})
        counted += counter.update(movement_signal("ankle_pump", landmarks, "left"), t_s) is not None
    assert counted == 4


# -- plan keys -----------------------------------------------------------------------------
PLAN = """version = 1
name = "x"
title = "X"
[[laterality]]
[[mirror]]
mode = "{mode}"
mirror_strength = {block}
[[mirror.exercises]]
prompt = "Pump both feet"
movement = "ankle_pump"
mirror_strength = {exercise}
"""


def test_plans_set_the_strength_per_block_and_exercise_within_0_to_100() -> None:
    from gmi_trainer.plans.loader import PlanError, parse_plan

    plan = parse_plan(PLAN.format(mode="bilateral", block=30, exercise=60), "plan.toml")
    block = plan.mirror[0]
    assert block.mode == "bilateral" and block.mirror_strength == 30
    assert block.exercises[0].mirror_strength == 60 and block.exercises[0].movement == "ankle_pump"
    with pytest.raises(PlanError) as caught:
        parse_plan(PLAN.format(mode="midline", block=30, exercise=150), "plan.toml")
    assert any("mirror[1].exercises[1].mirror_strength" in p and "from 0 to 100 percent" in p
               for p in caught.value.problems), caught.value.problems


def test_ankle_pumps_are_counted_with_the_foot_seen_end_on_from_a_low_camera() -> None:
    """From the front the toes point at the camera: only the depth shows the ankle's angle."""
    counter = RepetitionCounter.for_movement("ankle_pump")
    counted = 0
    for k in range(200):
        t_s = k / 15
        angle = math.radians(45 * (1 - math.cos(2 * math.pi * t_s / 3.0)) / 2)
        landmarks = pose({"left_knee": (380.0, 300.0), "left_ankle": (380.0, 420.0),
                          "left_foot_index": (380.0, 420.0 + 40 * math.sin(angle))})
        z_norm = np.zeros(len(POSE_KEYPOINTS))
        z_norm[POSE_KEYPOINTS.index("left_foot_index")] = -40 * math.cos(angle) / SIZE[0]
        landmarks = Landmarks(POSE, POSE_KEYPOINTS, landmarks.xy_norm, landmarks.visibility, SIZE, z_norm)
        counted += counter.update(movement_signal("ankle_pump", landmarks, "left"), t_s) is not None
    assert counted == 4
