"""Phase 3 rules with a fake clock: settling, timed and counted exercises, camera faults."""

from __future__ import annotations

import pytest

from gmi_trainer.core import inputs as act
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.mirror import (
    CAMERA_FAILED,
    CAMERA_LIVE,
    CAMERA_RECONNECTING,
    CameraFact,
    CameraProblemView,
    MirrorStep,
    MirrorView,
)
from gmi_trainer.plans.model import MirrorBlock, MirrorExercise

LIVE = CameraFact(CAMERA_LIVE, description="test camera", countable=("elbow_flex",))
BLOCK = MirrorBlock(settle_s=10, exercises=(
    MirrorExercise("Bend and straighten your elbow.", "elbow_flex", duration_s=60, repetitions=3),
    MirrorExercise("Turn your palm up and down.", "wrist_turn", duration_s=30),
))


def _start(make_ctx, block: MirrorBlock = BLOCK) -> tuple[MirrorStep, list[float]]:
    step = MirrorStep(make_ctx(), block, 0)
    now = [0.0]
    step.handle(Input(act.CONFIRM, now[0]))
    step.handle(Input(act.CAMERA, now[0], LIVE))
    return step, now


def _advance(step: MirrorStep, now: list[float], seconds: float) -> None:
    for _ in range(int(seconds * 10)):
        now[0] += 0.1
        step.tick(now[0])


def test_settling_then_exercises_by_time_and_by_counted_repetitions(make_ctx) -> None:
    step, now = _start(make_ctx)
    view = step.view(now[0])
    assert isinstance(view, MirrorView) and view.stage == "settle" and view.remaining_s == 10
    _advance(step, now, 10.2)
    view = step.view(now[0])
    assert view.stage == "exercise" and view.countable and view.reps_target == 3
    for number in (1, 2, 3):
        now[0] += 4
        step.handle(Input(act.REPETITION, now[0], {"number": number, "range_of_motion": 70.0 + number,
                                                     "unit": "deg"}))
    view = step.view(now[0])
    assert view.exercise_number == 2 and not view.countable  # wrist turns are not counted
    _advance(step, now, 30.2)
    rows = step.ctx.recorder.trials
    assert [r["reps_counted"] for r in rows] == [3, None]
    assert rows[0]["range_of_motion"] == [71.0, 72.0, 73.0] and rows[0]["rom_unit"] == "deg"
    assert rows[0]["duration_s"] == pytest.approx(12.0, abs=0.2)
    assert rows[1]["duration_s"] == pytest.approx(30.0, abs=1e-6) and rows[1]["countable"] is False
    assert step.stage == "summary"


def test_the_exercise_clock_waits_while_the_camera_reconnects(make_ctx) -> None:
    step, now = _start(make_ctx, MirrorBlock(settle_s=0, exercises=BLOCK.exercises[1:]))
    _advance(step, now, 10)
    step.handle(Input(act.CAMERA, now[0], CameraFact(CAMERA_RECONNECTING, "The camera stopped.")))
    _advance(step, now, 20)
    view = step.view(now[0])
    assert view.camera_message == "The camera stopped." and view.remaining_s == 20
    step.handle(Input(act.CAMERA, now[0], LIVE))
    _advance(step, now, 20.2)
    assert step.stage == "summary"
    events = [e["state"] for e in step.ctx.recorder.events if e["event"] == "camera"]
    assert events == ["live", "reconnecting", "live"]


def test_a_failed_camera_offers_retry_practice_or_skip(make_ctx) -> None:
    step, now = _start(make_ctx)
    step.handle(Input(act.CAMERA, 1.0, CameraFact(CAMERA_FAILED, "No camera was found.")))
    view = step.view(1.0)
    assert isinstance(view, CameraProblemView) and "No camera was found." in view.detail
    assert "plugged in" in view.body and "--camera" not in view.body + view.detail
    assert [o.id for o in view.options] == ["retry", "video", "practice", "skip"]
    assert not view.options[1].enabled  # no recorded video saved: said, not offered
    step.handle(Input(act.SELECT, 2.0, "practice"))
    view = step.view(2.0)
    assert isinstance(view, MirrorView) and view.camera_source == "practice"
    step.handle(Input(act.CAMERA, 3.0, CameraFact(CAMERA_FAILED, "Still nothing.")))
    step.handle(Input(act.SELECT, 4.0, 4))  # the number key 4: skip
    assert step.stage == "summary" and step.skipped
    assert [r["skipped"] for r in step.ctx.recorder.trials] == [True, True]


def test_a_recorded_video_is_chosen_from_a_list(make_ctx) -> None:
    step, now = _start(make_ctx)
    step.handle(Input(act.CAMERA, 1.0, CameraFact(
        CAMERA_FAILED, "The camera stopped and did not come back after 2 tries. Use --camera x.",
        videos=("tuesday.mp4", "monday.mp4"), videos_folder="/data/me/videos")))
    view = step.view(1.0)
    assert view.detail == ("What the computer reported: The camera stopped and did not come "
                           "back after 2 tries.")
    step.handle(Input(act.SELECT, 2.0, "video"))
    listed = step.view(2.0)
    assert [o.label for o in listed.options] == ["tuesday.mp4", "monday.mp4", "Back"]
    step.handle(Input(act.DOWN, 2.1))
    step.handle(Input(act.CONFIRM, 2.2))  # the second: monday.mp4
    view = step.view(2.2)
    assert isinstance(view, MirrorView) and (view.camera_source, view.video_name) == (
        "video", "monday.mp4")
    choice = [e for e in step.ctx.recorder.events if e["event"] == "camera_choice"][-1]
    assert choice["video"] == "monday.mp4"


def test_pause_stops_the_exercise_clock(make_ctx) -> None:
    step, now = _start(make_ctx, MirrorBlock(settle_s=0, exercises=BLOCK.exercises[1:]))
    _advance(step, now, 5)
    step.pause(now[0])
    _advance(step, now, 100)
    step.resume(now[0])
    assert step.view(now[0]).remaining_s == 25


def test_right_arrow_moves_on_and_records_the_exercise_as_skipped(make_ctx) -> None:
    step, now = _start(make_ctx)
    step.handle(Input(act.RIGHT, 1.0))  # skip settling
    step.handle(Input(act.RIGHT, 2.0))  # skip the first exercise
    assert step.ctx.recorder.trials[0]["skipped"] is True
    assert step.view(2.0).exercise_number == 2


def test_up_and_down_move_the_fixed_line_and_the_block_reports_where_it_ended(make_ctx) -> None:
    block = MirrorBlock(mode="fixed", settle_s=0, exercises=BLOCK.exercises[1:])
    step, now = _start(make_ctx, block)
    assert step.view(now[0]).line_x_norm == 0.5
    for _ in range(3):
        step.handle(Input(act.DOWN, 1.0))
    step.handle(Input(act.UP, 2.0))
    assert step.view(2.0).line_x_norm == pytest.approx(0.52)
    for _ in range(60):
        step.handle(Input(act.DOWN, 3.0))
    assert step.view(3.0).line_x_norm == 0.9  # never off the picture
    assert step.summary()["mirror_line_x_norm"] == 0.9
    moves = [e["x_norm"] for e in step.ctx.recorder.events if e["event"] == "mirror_line"]
    assert moves[:4] == [0.51, 0.52, 0.53, 0.52]


def test_up_and_down_do_nothing_when_the_line_follows_the_body(make_ctx) -> None:
    step, now = _start(make_ctx)
    step.handle(Input(act.DOWN, 1.0))
    assert step.view(1.0).line_x_norm == 0.5


def test_the_metronome_ticks_once_per_beat_and_not_while_paused(make_ctx) -> None:
    exercise = MirrorExercise("Open and close.", "hand_open_close", duration_s=60, metronome_bpm=30)
    step, now = _start(make_ctx, MirrorBlock(settle_s=0, exercises=(exercise,)))
    cues = set()
    for _ in range(101):  # just over 10 s at 30 per minute: beats 0 to 5
        now[0] += 0.1
        step.tick(now[0])
        cues.add(step.view(now[0]).cue)
    assert cues == {("repetition", (0, beat)) for beat in range(6)}
    step.pause(now[0])
    assert step.view(now[0]).cue is None
