"""Phase 2 rules with a fake clock and scripted input: pictures, demonstration, mental
chronometry, skip, pause, eyes-closed cues, pain ratings, records and the block summary."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from gmi_trainer.core import inputs as act
from gmi_trainer.core.imagery import DEMO_FRAMES, LEAD_IN_S, ImageryStep, demo_frame
from gmi_trainer.core.imagery_choice import (
    NoImageryPicturesError,
    choose_items,
    painful_postures,
    resolve_limb,
)
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.views import (
    ImageryPainView,
    ImagerySummaryView,
    ImageryView,
    InstructionView,
)
from gmi_trainer.plans.validation import PlanError, parse_plan
from gmi_trainer.plans.model import ImageryBlock
from gmi_trainer.profiles.model import Profile
from tests.conftest import FakePicture, fake_pictures

FRAME_S = 1 / 60


class Driver:
    """Plays the display and the patient for one step, on a fake clock."""

    def __init__(self, step: ImageryStep, now_s: float = 100.0) -> None:
        self.step, self.now_s = step, now_s

    def frame(self, dt_s: float = FRAME_S):
        self.now_s += dt_s
        self.step.tick(self.now_s)
        view = self.step.view(self.now_s)
        self.step.shown(view.token, self.now_s)
        return view

    def press(self, action: str, after_s: float = 0.0, value=None) -> None:
        self.now_s += after_s
        self.step.handle(Input(action, self.now_s, value))

    def until(self, predicate, limit: int = 10_000):
        for _ in range(limit):
            view = self.frame()
            if predicate(view):
                return view
        raise AssertionError("the expected screen never came")


def _stage(name: str):
    return lambda view: isinstance(view, ImageryView) and view.stage == name


def _step(make_ctx, block: ImageryBlock, affected=("hand", "left"), **ctx_args) -> ImageryStep:
    return ImageryStep(make_ctx(affected=affected, **ctx_args), block, 0)


def _start(step: ImageryStep) -> Driver:
    drive = Driver(step)
    assert isinstance(drive.frame(), InstructionView)
    drive.press(act.CONFIRM)
    return drive


# -- which pictures ---------------------------------------------------------------------------
def test_the_patients_affected_limb_is_chosen_by_default_and_the_plan_can_choose_another() -> None:
    profile = Profile("T1", "hand", "left")
    assert resolve_limb(ImageryBlock(), profile) == ("hand", "left")
    assert resolve_limb(ImageryBlock(side="intact"), profile) == ("hand", "right")
    assert resolve_limb(ImageryBlock(body_part="foot", side="right"), profile) == ("foot", "right")


def test_pictures_are_back_view_in_the_patients_skin_tone_in_plan_order() -> None:
    pictures = fake_pictures() + [
        FakePicture("hand-left-back-fist-dark", "hand", "left", "back", "fist", "dark", "f.png")]
    block = ImageryBlock(postures=("fist", "pinch", "flat"), pictures=5)
    items = choose_items(pictures, block, "hand", "left", "dark", (), random.Random(1))
    assert [i.picture.posture for i in items] == ["fist", "pinch", "flat", "fist", "pinch"]
    assert all(i.picture.side == "left" and i.picture.view == "back" for i in items)
    assert items[0].picture.id == "hand-left-back-fist-dark"  # the patient's tone when there
    assert items[1].picture.skin_tone == "medium"  # any tone otherwise
    # The demonstration starts from a flat hand; a flat hand's own opens from a relaxed curl.
    assert items[0].neutral.posture == "flat" and items[0].neutral.view == "back"
    assert items[2].neutral.posture == "relaxed_curl"
    feet = choose_items(fake_pictures(), ImageryBlock(pictures=3), "foot", "right", "medium", (),
                        random.Random(1))
    assert all(i.picture.view == "top" and i.picture.body_part == "foot" for i in feet)


def test_excluded_and_painful_postures_are_left_out() -> None:
    block = ImageryBlock(postures=("fist", "pinch", "claw"), postures_exclude=("claw",), pictures=4)
    items = choose_items(fake_pictures(), block, "hand", "left", "medium", {"pinch"},
                         random.Random(1))
    assert {i.picture.posture for i in items} == {"fist"}
    with pytest.raises(NoImageryPicturesError, match="hurt last time"):
        choose_items(fake_pictures(), block, "hand", "left", "medium", {"pinch", "fist"},
                     random.Random(1))
    with pytest.raises(NoImageryPicturesError, match="no pictures of a left hand"):
        choose_items(fake_pictures(("foot",)), block, "hand", "left", "medium", (),
                     random.Random(1))


def test_painful_postures_use_each_postures_latest_rating_for_that_limb() -> None:
    history = [
        {"phase": "imagery", "body_part": "hand", "side": "left",
         "by_posture": {"fist": {"pain_rating": 7}, "claw": {"pain_rating": 6}}},
        {"phase": "imagery", "body_part": "hand", "side": "right",
         "by_posture": {"pinch": {"pain_rating": 9}}},
        {"phase": "laterality", "body_parts": ["hand"], "accuracy": 0.9},
        {"phase": "imagery", "body_part": "hand", "side": "left",
         "by_posture": {"fist": {"pain_rating": 2}, "claw": {"pain_rating": None}}},
    ]
    assert painful_postures(history, "hand", "left", 5) == {"claw": 6}
    assert painful_postures(history, "hand", "left", None) == {}


# -- one picture, step by step ----------------------------------------------------------------
def test_demonstration_moves_from_the_flip_there_and_back_then_asks_to_start(make_ctx) -> None:
    step = _step(make_ctx, ImageryBlock(postures=("fist",), pictures=1, demo_s=4.0))
    drive = _start(step)
    first = drive.frame()
    assert first.stage == "demo" and first.demo_frame == 0 and first.demo_frames == DEMO_FRAMES
    assert step.items[0].neutral.posture == "flat" and "fist" in first.picture_file
    assert "a flat hand moving into this position and back" in first.instruction
    onset_s = drive.now_s
    views = [drive.frame() for _ in range(int(4.0 / FRAME_S) - 2)]
    frames = [first.demo_frame, *(v.demo_frame for v in views)]
    # Start, to the target, back to the start; never more than one frame at a time.
    top = frames.index(DEMO_FRAMES - 1)
    assert frames[:top + 1] == sorted(frames[:top + 1]) and frames[-1] == 0
    assert frames[top:] == sorted(frames[top:], reverse=True)
    assert max(abs(b - a) for a, b in zip(frames, frames[1:])) == 1
    assert all(v.token == first.token for v in views)  # one question: the same token
    drive.now_s = onset_s + 4.0 - FRAME_S
    ready = drive.frame()
    assert ready.stage == "ready" and ready.demo_frame is None
    assert ready.instruction == ("Imagine moving your left hand into this position, slowly, "
                                 "and back again. Do it 3 times.")
    assert ready.can_replay
    drive.press(act.LEFT)  # show the movement again
    assert drive.frame().stage == "demo"
    drive.press(act.CONFIRM)  # seen enough
    assert drive.frame().stage == "ready"


def test_the_flat_hand_has_a_demonstration_and_show_again_too(make_ctx) -> None:
    step = _step(make_ctx, ImageryBlock(postures=("flat",), pictures=1, demo_s=4.0))
    drive = _start(step)
    first = drive.frame()
    assert first.stage == "demo" and "flat" in first.picture_file
    assert "a hand (relaxed curl) moving into this position" in first.instruction
    drive.press(act.CONFIRM)
    ready = drive.frame()
    assert ready.stage == "ready" and ready.can_replay and "show the movement again" in ready.hint


def test_demo_frame_holds_moves_at_24_a_second_and_comes_back() -> None:
    last = DEMO_FRAMES - 1
    # 4 s: held 0.5 s, 1 s to the target, held 1 s, 1 s back, held 0.5 s.
    assert demo_frame(0.0, 4.0) == 0 and demo_frame(0.49, 4.0) == 0
    assert demo_frame(0.5 + 0.5, 4.0) == last // 2
    assert demo_frame(1.5, 4.0) == last and demo_frame(2.49, 4.0) == last
    assert demo_frame(3.0, 4.0) == last // 2 - 1 and demo_frame(3.6, 4.0) == 0
    assert demo_frame(9.0, 4.0) == 0 and demo_frame(1.0, 0.0) == last
    # Each frame of the movement is on screen for 1/24 s.
    times = [0.5 + (i + 0.5) / 24 for i in range(24)]
    assert [demo_frame(t, 4.0) for t in times] == list(range(24))
    # A longer demonstration repeats the movement; a short one moves faster.
    assert demo_frame(4.0 + 1.5, 8.0) == last
    assert max(demo_frame(t / 100, 1.0) for t in range(100)) == last


def test_each_imagined_movement_is_timed_from_the_cue_flip_then_press_to_press(make_ctx) -> None:
    block = ImageryBlock(postures=("fist", "pinch"), pictures=2, repetitions=3, demo_s=0,
                         rate_pain=False)
    step = _step(make_ctx, block)
    ctx = step.ctx
    drive = _start(step)
    assert drive.frame().stage == "ready"
    drive.press(act.CONFIRM, 1.0)
    cue = drive.frame(0.1)  # the flip that shows the start cue: movement 1 starts here
    cue_s = drive.now_s
    assert cue.stage == "moving" and cue.repetitions_done == 0
    assert "movement 1 of 3" in cue.instruction
    drive.frame(1.0)  # later flips do not move the start
    drive.press(act.CONFIRM, 2.5)  # 3.5 s after the cue flip
    second = drive.frame()
    assert second.repetitions_done == 1 and second.token != cue.token  # a new question
    drive.press(act.CONFIRM, 4.2 - FRAME_S)  # 4.2 s after the previous press
    drive.frame()
    assert ctx.recorder.trials == []  # the picture is not finished yet
    drive.press(act.CONFIRM, 3.0 - FRAME_S)
    row = ctx.recorder.trials[-1]  # on disk before the next picture appears
    assert row["movement_ms"] == [pytest.approx(3500.0), pytest.approx(4200.0),
                                  pytest.approx(3000.0)]
    assert row["repetitions"] == 3 and row["repetitions_planned"] == 3
    assert row["onset_s"] == pytest.approx(cue_s - ctx.origin_s)
    assert row["skipped"] is False and row["timed_out"] is False and row["pain_rating"] is None
    assert row["posture"] == "fist" and row["true_side"] == "left" and row["phase"] == "imagery"
    assert drive.frame().picture_number == 2
    movements = [e for e in ctx.recorder.events if e["event"] == "movement"]
    assert [m["repetition"] for m in movements] == [1, 2, 3]


def test_a_press_before_the_cue_is_on_screen_is_not_a_movement(make_ctx) -> None:
    step = _step(make_ctx, ImageryBlock(postures=("fist",), pictures=1, demo_s=0))
    drive = _start(step)
    drive.frame()
    drive.press(act.CONFIRM)
    drive.press(act.CONFIRM, 0.001)  # a double press: the cue has not been flipped yet
    assert step.movement_ms == []


def test_skip_by_right_arrow_or_s_records_the_picture_as_skipped(make_ctx) -> None:
    block = ImageryBlock(postures=("fist", "pinch", "spread"), pictures=3, repetitions=3)
    step = _step(make_ctx, block)
    ctx = step.ctx
    drive = _start(step)
    assert drive.frame().stage == "demo"
    drive.press(act.RIGHT)  # skipped before imagining: no pain question
    assert ctx.recorder.trials[-1]["skipped"] is True
    assert ctx.recorder.trials[-1]["movement_ms"] == []
    drive.press(act.CONFIRM)  # past the second demonstration
    drive.frame()
    drive.press(act.CONFIRM)
    drive.frame()
    drive.press(act.CONFIRM, 2.0)  # one movement done
    drive.press(act.SKIP, 1.0)  # then skip the rest: it was imagined, so ask about pain
    view = drive.frame()
    assert isinstance(view, ImageryPainView) and view.posture_label == "pinch"
    drive.press(act.SELECT, 0.5, 6)
    drive.press(act.CONFIRM, 0.5)
    row = ctx.recorder.trials[-1]
    assert row["skipped"] is True and row["repetitions"] == 1 and row["pain_rating"] == 6


def test_pain_rating_by_number_or_arrows_and_enter_without_a_number_skips_it(make_ctx) -> None:
    block = ImageryBlock(postures=("fist", "pinch"), pictures=2, repetitions=1, demo_s=0)
    step = _step(make_ctx, block)
    drive = _start(step)
    for rating_presses, want in (([(act.RIGHT, None), (act.RIGHT, None), (act.UP, None)], 2),
                                 ([], None)):
        drive.until(_stage("ready"))
        drive.press(act.CONFIRM)
        drive.frame()
        drive.press(act.CONFIRM, 2.0)
        assert isinstance(drive.frame(), ImageryPainView)
        for action, value in rating_presses:
            drive.press(action, 0.2, value)
        drive.press(act.CONFIRM, 0.3)
        assert step.ctx.recorder.trials[-1]["pain_rating"] == want


def test_pause_drops_the_movement_in_progress_and_starts_again_from_the_instruction(make_ctx) -> None:
    block = ImageryBlock(postures=("fist",), pictures=1, repetitions=3, demo_s=0, rate_pain=False)
    step = _step(make_ctx, block)
    ctx = step.ctx
    drive = _start(step)
    drive.frame()
    drive.press(act.CONFIRM)
    drive.frame()
    drive.press(act.CONFIRM, 3.0)
    step.pause(drive.now_s + 1.0)  # half-way through movement 2
    drive.now_s += 60
    step.resume(drive.now_s)
    ready = drive.frame()
    assert ready.stage == "ready" and ready.instruction.endswith("Do it 2 more times.")
    drive.press(act.CONFIRM, 1.0)
    again = drive.frame()
    assert again.stage == "moving" and "movement 2 of 3" in again.instruction
    drive.press(act.CONFIRM, 2.0)  # timed from the new cue's flip
    drive.press(act.CONFIRM, 2.5)
    row = ctx.recorder.trials[-1]
    assert row["movement_ms"] == [pytest.approx(3000.0), pytest.approx(2000.0),
                                  pytest.approx(2500.0)]
    assert any(e["event"] == "movement_interrupted" for e in ctx.recorder.events)


def test_a_movement_past_the_time_limit_ends_the_picture(make_ctx) -> None:
    block = ImageryBlock(postures=("fist",), pictures=1, repetitions=3, demo_s=0,
                         max_movement_s=10, rate_pain=False)
    step = _step(make_ctx, block)
    drive = _start(step)
    drive.frame()
    drive.press(act.CONFIRM)
    drive.frame()
    drive.press(act.CONFIRM, 2.0)
    summary = drive.until(lambda v: isinstance(v, ImagerySummaryView), limit=1000)
    row = step.ctx.recorder.trials[-1]
    assert row["timed_out"] is True and row["repetitions"] == 1 and not row["skipped"]
    assert summary.pictures[0].outcome == "timed_out"


def test_eyes_closed_gives_time_to_close_them_and_a_new_cue_for_each_movement(make_ctx) -> None:
    block = ImageryBlock(postures=("fist",), pictures=1, repetitions=2, demo_s=0,
                         eyes_closed=True, rate_pain=True)
    step = _step(make_ctx, block)
    drive = _start(step)
    ready = drive.frame()
    assert ready.cue is None and not ready.dimmed and "close your eyes" in ready.instruction
    drive.press(act.CONFIRM)
    lead_in = drive.frame()
    assert lead_in.stage == "lead_in" and lead_in.dimmed and lead_in.cue is None
    start_s = drive.now_s - FRAME_S
    cue = drive.until(_stage("moving"))
    assert drive.now_s - start_s == pytest.approx(LEAD_IN_S, abs=2 * FRAME_S)
    assert cue.dimmed and cue.cue[0] == "start"
    drive.press(act.CONFIRM, 4.0)
    second = drive.frame()
    assert second.cue[0] == "repetition" and second.cue != cue.cue
    drive.press(act.CONFIRM, 4.0)
    pain = drive.frame()
    assert isinstance(pain, ImageryPainView) and pain.cue[0] == "done"
    drive.press(act.CONFIRM, 1.0)
    summary = drive.frame()  # without a rating question the summary carries the tone
    assert isinstance(summary, ImagerySummaryView) and summary.cue == pain.cue


# -- the block --------------------------------------------------------------------------------
def test_without_pictures_the_block_says_so_and_is_skipped(make_ctx) -> None:
    ctx = make_ctx()
    ctx.pictures, ctx.pictures_problem = None, "The picture set is not installed in media/."
    step = ImageryStep(ctx, ImageryBlock(), 0)
    view = step.view(0.0)
    assert isinstance(view, InstructionView) and "not installed" in view.notice
    assert "skipped" in view.notice
    step.handle(Input(act.CONFIRM, 1.0))
    assert step.finished and ctx.recorder.trials == []
    assert step.summary()["skipped"] is True and step.summary()["complete"] is False


def test_painful_postures_of_earlier_sessions_are_left_out_and_named(make_ctx) -> None:
    history = [{"phase": "imagery", "body_part": "hand", "side": "left", "date": "20 Nov",
                "median_movement_ms": 4000.0,
                "by_posture": {"fist": {"pain_rating": 8, "median_movement_ms": 4000.0}}}]
    block = ImageryBlock(postures=("fist", "pinch"), pictures=4, skip_painful_above=5)
    step = _step(make_ctx, block, history=history)
    assert {i.picture.posture for i in step.items} == {"pinch"}
    assert "Left out today because they hurt last time: fist" in step.view(0.0).body
    kept = _step(make_ctx, replace(block, skip_painful_above=None), history=history)
    assert {i.picture.posture for i in kept.items} == {"fist", "pinch"}


def test_summary_shows_each_movement_time_and_compares_with_earlier_sessions(make_ctx) -> None:
    history = [{"phase": "imagery", "body_part": "hand", "side": "left", "date": "20 Nov",
                "median_movement_ms": 5000.0,
                "by_posture": {"fist": {"median_movement_ms": 5200.0, "pain_rating": 0}}}]
    block = ImageryBlock(postures=("fist", "pinch"), pictures=2, repetitions=2, demo_s=0)
    step = _step(make_ctx, block, history=history)
    drive = _start(step)
    for rating in (3, 0):
        drive.until(_stage("ready"))
        drive.press(act.CONFIRM)
        drive.frame()
        drive.press(act.CONFIRM, 4.0)
        drive.press(act.CONFIRM, 4.4)
        drive.press(act.SELECT, 0.5, rating)
        drive.press(act.CONFIRM, 0.5)
    view = drive.frame()
    assert isinstance(view, ImagerySummaryView)
    assert view.movements == 4 and view.median_movement_ms == pytest.approx(4200.0, abs=20)
    fist = view.pictures[0]
    assert fist.posture_label == "fist" and fist.previous_median_ms == 5200.0
    assert fist.movement_ms[1] == pytest.approx(4400.0) and fist.pain_rating == 3
    assert "20 Nov" in view.previous_text and "5.0 s" in view.previous_text
    assert "today 4.2 s" in view.previous_text
    assert "fist" in view.pain_text and "pinch" not in view.pain_text
    drive.press(act.CONFIRM)
    assert step.finished
    summary = step.summary()
    assert summary["complete"] and summary["body_part"] == "hand" and summary["side"] == "left"
    assert summary["by_posture"]["fist"]["pain_rating"] == 3
    assert summary["pictures_done"] == 2 and summary["movements"] == 4
    ends = [e for e in step.ctx.recorder.events if e["event"] == "block_end"]
    assert ends and ends[0]["phase"] == "imagery"


# -- the plan ---------------------------------------------------------------------------------
PLAN = """version = 1
name = "t"
title = "t"
[[imagery]]
{}
"""


def test_plan_keys_are_validated() -> None:
    plan = parse_plan(PLAN.format('body_part = "foot"\npostures = ["pointed"]\n'
                                  "skip_painful_above = 4\neyes_closed = true"))
    block = plan.imagery[0]
    assert block.skip_painful_above == 4 and block.eyes_closed and block.postures == ("pointed",)
    with pytest.raises(PlanError, match="skip_painful_above: 11 is not allowed"):
        parse_plan(PLAN.format("skip_painful_above = 11"))
    with pytest.raises(PlanError, match="'fist' is not a posture of foot"):
        parse_plan(PLAN.format('body_part = "foot"\npostures = ["fist"]'))
