"""Phase 1 rules with a fake clock and scripted answers: order, timing, scoring."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from gmi_trainer.core import inputs as act
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.laterality import (
    MAX_SAME_ANSWER_RUN,
    LateralityStep,
    NoPicturesError,
    build_trials,
    matching_pictures,
    score,
)
from gmi_trainer.core.rows import LateralityRow
from gmi_trainer.core.views import InstructionView, LateralitySummaryView, LateralityView
from gmi_trainer.plans.model import LateralityBlock
from tests.conftest import fake_pictures


def _longest_run(sides: list[str]) -> int:
    longest = run = 0
    for i, side in enumerate(sides):
        run = run + 1 if i and sides[i - 1] == side else 1
        longest = max(longest, run)
    return longest


@pytest.mark.parametrize("count", [8, 16, 48, 50, 64, 101])
@pytest.mark.parametrize("seed", range(5))
def test_order_is_balanced_and_never_more_than_three_same_answers(count: int, seed: int) -> None:
    block = LateralityBlock(body_parts=("hand", "foot"), views=("back", "palm", "top", "sole"))
    pictures = matching_pictures(fake_pictures(), block, "medium")
    trials = build_trials(pictures, block, count, False, random.Random(seed))
    assert len(trials) == count
    sides = [t.picture.side for t in trials]
    assert _longest_run(sides) <= MAX_SAME_ANSWER_RUN
    side_counts = Counter(sides)
    assert abs(side_counts["left"] - side_counts["right"]) <= 1
    rotations = Counter(t.rotation_deg for t in trials)
    assert max(rotations.values()) - min(rotations.values()) <= 2
    cells = Counter((t.picture.side, t.rotation_deg) for t in trials)
    assert max(cells.values()) - min(cells.values() or [0]) <= 1
    assert all(t.picture.view in block.views for t in trials)


def test_order_is_reproducible_from_the_seed_and_differs_between_seeds() -> None:
    block = LateralityBlock()
    pictures = matching_pictures(fake_pictures(), block, "medium")
    first = [t.picture.id for t in build_trials(pictures, block, 32, False, random.Random(3))]
    again = [t.picture.id for t in build_trials(pictures, block, 32, False, random.Random(3))]
    other = [t.picture.id for t in build_trials(pictures, block, 32, False, random.Random(4))]
    assert first == again and first != other


def test_pictures_are_used_evenly_before_repeating() -> None:
    block = LateralityBlock(views=("back",), postures_include=("flat", "fist", "pinch", "spread"))
    pictures = matching_pictures(fake_pictures(), block, "medium")
    assert len(pictures) == 8
    trials = build_trials(pictures, block, 16, False, random.Random(1))
    assert set(Counter(t.picture.id for t in trials).values()) == {2}


def test_postures_can_be_left_out_and_a_block_without_pictures_says_so() -> None:
    block = LateralityBlock(postures_exclude=("fist",))
    assert all(p.posture != "fist" for p in matching_pictures(fake_pictures(), block, "medium"))
    with pytest.raises(NoPicturesError, match="left"):
        build_trials([p for p in fake_pictures() if p.side == "right"], block, 8, False,
                     random.Random(1))


class Driver:
    """Plays the display and the patient for one step, on a fake clock."""

    def __init__(self, step: LateralityStep, now_s: float = 100.0) -> None:
        self.step, self.now_s = step, now_s

    def frame(self, dt_s: float = 1 / 60):
        self.now_s += dt_s
        self.step.tick(self.now_s)
        view = self.step.view(self.now_s)
        self.step.shown(view.token, self.now_s)
        return view

    def press(self, action: str, after_s: float = 0.0) -> None:
        self.now_s += after_s
        self.step.handle(Input(action, self.now_s))

    def until_picture(self) -> LateralityView:
        for _ in range(10_000):
            view = self.frame()
            if isinstance(view, LateralityView) and view.picture_id is not None:
                return view
        raise AssertionError("no picture appeared")


def _run_block(make_ctx, answer, block: LateralityBlock, rt_s: float = 0.8):
    ctx = make_ctx()
    step = LateralityStep(ctx, block, 0)
    drive = Driver(step)
    assert isinstance(drive.frame(), InstructionView)
    drive.press(act.CONFIRM)
    while not step.finished:
        view = drive.frame()
        if isinstance(view, LateralityView) and view.picture_id is not None:
            drive.press(answer(view.true_side), rt_s)
        elif isinstance(view, (InstructionView, LateralitySummaryView)):
            drive.press(act.CONFIRM)
    return ctx, step


def test_answers_are_scored_against_each_pictures_own_label(make_ctx) -> None:
    block = LateralityBlock(trials=24, practice_trials=4)
    _, right = _run_block(make_ctx, lambda side: side, block)
    _, wrong = _run_block(make_ctx, lambda side: "left" if side == "right" else "right", block)
    assert right.figures.accuracy == 1.0 and right.figures.correct == 24
    assert wrong.figures.accuracy == 0.0 and wrong.figures.answered == 24
    assert right.figures.by_side["left"]["trials"] == right.figures.by_side["right"]["trials"] == 12


def test_response_time_runs_from_the_flip_that_showed_the_picture(make_ctx) -> None:
    ctx = make_ctx()
    step = LateralityStep(ctx, LateralityBlock(trials=4, practice_trials=0), 0)
    drive = Driver(step)
    drive.frame()
    drive.press(act.CONFIRM)
    view = drive.until_picture()  # this frame's flip is the onset
    onset = drive.now_s
    drive.frame(0.5)  # the picture stays up; later flips do not move the onset
    drive.press(view.true_side, 0.7234)
    row = ctx.recorder.trials[-1]
    assert row["rt_ms"] == pytest.approx(1223.4, abs=1e-6)
    assert row["onset_s"] == pytest.approx(onset - ctx.origin_s)
    assert row["correct"] is True and row["timed_out"] is False


def test_a_missed_deadline_is_a_timeout_and_practice_gives_feedback(make_ctx) -> None:
    ctx = make_ctx()
    block = LateralityBlock(trials=2, practice_trials=2, deadline_ms=1000, feedback_ms=500)
    step = LateralityStep(ctx, block, 0)
    drive = Driver(step)
    drive.frame()
    drive.press(act.CONFIRM)
    drive.until_picture()
    for _ in range(70):
        view = drive.frame()
    row = ctx.recorder.trials[-1]
    assert row["timed_out"] is True and row["answer"] is None and row["rt_ms"] is None
    assert row["practice"] is True
    assert view.feedback == "timeout" and "slow" in view.feedback_text.lower()


def test_pause_takes_the_picture_away_and_shows_it_again_after(make_ctx) -> None:
    ctx = make_ctx()
    step = LateralityStep(ctx, LateralityBlock(trials=4, practice_trials=0), 0)
    drive = Driver(step)
    drive.frame()
    drive.press(act.CONFIRM)
    first = drive.until_picture()
    step.pause(drive.now_s)
    drive.now_s += 30
    step.resume(drive.now_s)
    assert drive.frame().picture_id is None  # a fresh inter-trial interval
    again = drive.until_picture()
    assert again.picture_id == first.picture_id and again.trial_number == first.trial_number
    assert ctx.recorder.trials == []
    assert any(e["event"] == "trial_interrupted" for e in ctx.recorder.events)


def test_each_trial_is_recorded_before_the_next_picture_appears(make_ctx) -> None:
    ctx = make_ctx()
    step = LateralityStep(ctx, LateralityBlock(trials=6, practice_trials=0), 0)
    drive = Driver(step)
    drive.frame()
    drive.press(act.CONFIRM)
    for n in range(6):
        view = drive.until_picture()
        assert len(ctx.recorder.trials) == n
        drive.press(view.true_side, 0.5)
        assert len(ctx.recorder.trials) == n + 1


def test_summary_compares_with_target_and_previous_sessions(make_ctx) -> None:
    history = [{"phase": "laterality", "body_parts": ["hand"], "accuracy": 0.7,
                "median_rt_ms": 2400.0, "date": "20 Nov"}]
    ctx = make_ctx(history=history)
    step = LateralityStep(ctx, LateralityBlock(trials=8, practice_trials=0), 0)
    drive = Driver(step)
    drive.frame()
    drive.press(act.CONFIRM)
    while not isinstance(view := drive.frame(), LateralitySummaryView):
        if isinstance(view, LateralityView) and view.picture_id:
            drive.press(view.true_side, 1.1)
    assert view.meets_target is True
    assert view.median_rt_ms == pytest.approx(1100.0, abs=0.01)
    assert "20 Nov" in view.previous_text and "70%" in view.previous_text
    assert [s.side for s in view.sides] == ["left", "right"]


def _scored(practice: bool, true_side: str, rotation_deg: int, correct: bool,
            timed_out: bool, rt_ms: float | None) -> LateralityRow:
    """A row with what scoring reads; the rest is filler."""
    return LateralityRow(
        block=0, trial=1, practice=practice, picture_id="p", body_part="hand",
        true_side=true_side, view="back", posture="flat", skin_tone="medium",
        rotation_deg=rotation_deg, answer=None, correct=correct, rt_ms=rt_ms,
        timed_out=timed_out, onset_s=0.0, deadline_ms=5000, device=None)


def test_score_counts_timeouts_apart_and_medians_by_rotation() -> None:
    rows = [
        _scored(practice=False, true_side="left", rotation_deg=0, correct=True,
                timed_out=False, rt_ms=1000.0),
        _scored(practice=False, true_side="left", rotation_deg=0, correct=True,
                timed_out=False, rt_ms=3000.0),
        _scored(practice=False, true_side="right", rotation_deg=90, correct=False,
                timed_out=False, rt_ms=500.0),
        _scored(practice=False, true_side="right", rotation_deg=90, correct=False,
                timed_out=True, rt_ms=None),
        _scored(practice=True, true_side="right", rotation_deg=90, correct=True,
                timed_out=False, rt_ms=10.0),
    ]
    figures = score(rows, [0, 90, 180])
    assert (figures.trials, figures.answered, figures.correct, figures.timeouts) == (4, 3, 2, 1)
    assert figures.accuracy == pytest.approx(2 / 3, abs=1e-4)
    assert figures.rt_by_rotation == {0: 2000.0, 90: None, 180: None}
    assert figures.by_side["right"]["accuracy"] == 0.0
    assert figures.by_side["left"]["median_rt_ms"] == 2000.0


def test_instructions_name_the_patients_own_answer_keys(make_ctx) -> None:
    from dataclasses import replace

    from gmi_trainer.profiles.model import DEFAULT_KEYS

    ctx = make_ctx()
    step = LateralityStep(ctx, LateralityBlock(), 0)
    assert "Left/Right arrow keys, A or L," in step.view(0.0).body
    ctx.profile = replace(ctx.profile, keys={**DEFAULT_KEYS, "left": ("left", "a", "page up")})
    body = LateralityStep(ctx, LateralityBlock(), 0).view(0.0).body
    assert "Left arrow, A or Page up for LEFT and Right arrow or L for RIGHT" in body


def test_instructions_for_a_neck_or_a_back_say_the_persons_own_left(make_ctx) -> None:
    block = LateralityBlock(body_parts=("hand", "neck", "back"), views=("back", "front"))
    body = LateralityStep(make_ctx(), block, 0).view(0.0).body
    assert body.startswith("You will see pictures of hands, heads and backs, turned at different "
                           "angles. For each one, decide as fast as you can: is it a LEFT or a RIGHT "
                           "hand; is the head turned or tilted to the LEFT or to the RIGHT; is the "
                           "back bent or twisted to the LEFT or to the RIGHT?")
    assert "For heads and backs, LEFT and RIGHT are the person's OWN left and right" in body
    plain = LateralityStep(make_ctx(), LateralityBlock(), 0).view(0.0).body
    assert "OWN" not in plain and "is it a LEFT or a RIGHT hand?" in plain
