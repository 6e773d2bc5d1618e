"""A whole session through the pure core: pain, phases in order, closing questions, pause."""

from __future__ import annotations

import pytest

from gmi_trainer.core import inputs as act
from gmi_trainer.core.autopilot import Autopilot
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.mirror import CAMERA_FAILED, CAMERA_LIVE, CameraFact, MirrorView
from gmi_trainer.core.session import SessionFlow
from gmi_trainer.core.views import (
    SafetyView,
    ChecklistView,
    InstructionView,
    LateralityView,
    NoteView,
    PainView,
    PausedView,
    SummaryView,
)


class Run:
    def __init__(self, flow: SessionFlow, now_s: float = 100.0) -> None:
        self.flow, self.now_s = flow, now_s
        self.seen: list[str] = []

    def frame(self):
        self.now_s += 1 / 60
        self.flow.tick(self.now_s)
        screen = self.flow.screen(self.now_s)
        self.flow.shown(screen, self.now_s)
        name = type(screen.view).__name__
        if not self.seen or self.seen[-1] != name:
            self.seen.append(name)
        return screen

    def press(self, action: str, value=None, after_s: float = 0.3) -> None:
        self.now_s += after_s
        self.flow.handle(Input(action, self.now_s, value))


def test_autopilot_runs_every_step_in_order_and_records_it(make_ctx) -> None:
    ctx = make_ctx()
    ctx.plan = ctx.plan.for_stage(ctx.plan.stage("mirror"))  # one block of each phase
    flow = SessionFlow(ctx, 100.0)
    run = Run(flow)
    pilot = Autopilot("correct", seed=1)
    token = None
    while not flow.finished:
        screen = run.frame()
        if isinstance(screen.view, MirrorView) and screen.view.camera_state != CAMERA_LIVE:
            run.press(act.CAMERA, CameraFact(CAMERA_LIVE, countable=("hand_open_close",)))
        if screen.view.token != token:
            token = screen.view.token
            for press in pilot.respond(screen.view):
                run.press(press.action, press.value, press.delay_s)
    assert run.seen[0] == "PainView" and run.seen[-1] == "SummaryView"
    starts = [e.get("phase") for e in ctx.recorder.events if e["event"] == "block_start"]
    assert starts == ["laterality", "imagery", "mirror"]  # always in GMI order
    pains = [e for e in ctx.recorder.events if e["event"] == "pain"]
    assert [p["moment"] for p in pains] == ["before", "after"]
    assert ctx.recorder.finished["status"] == "complete"
    summary = ctx.recorder.finished["summary"]
    assert summary["blocks"][0]["accuracy"] == 1.0
    assert summary["pain_before"] == pains[0]["value"]
    tests = [t for t in ctx.recorder.trials if t["phase"] == "laterality" and not t["practice"]]
    assert len(tests) == ctx.plan.laterality[0].trials
    assert any(line.startswith("Mirror therapy: 6.5 min, 4 of 4 exercises")
               for line in flow.summary_lines), flow.summary_lines
    mirror = [t for t in ctx.recorder.trials if t["phase"] == "mirror"]
    assert [t["trial"] for t in mirror] == [1, 2, 3, 4]
    assert [t["duration_s"] for t in mirror] == [e.duration_s for e in ctx.plan.mirror[0].exercises]
    assert [t["countable"] for t in mirror] == [False, True, False, False]
    imagery = [t for t in ctx.recorder.trials if t["phase"] == "imagery"]
    assert len(imagery) == ctx.plan.imagery[0].pictures
    assert all(len(t["movement_ms"]) == ctx.plan.imagery[0].repetitions for t in imagery)
    assert summary["blocks"][1]["phase"] == "imagery" and summary["blocks"][1]["complete"]


def test_pain_rating_by_arrows_digits_and_click(make_ctx) -> None:
    flow = SessionFlow(make_ctx(), 100.0)
    run = Run(flow)
    run.press(act.CONFIRM)
    assert "first" in run.frame().view.message  # nothing chosen yet
    run.press(act.RIGHT)
    run.press(act.RIGHT)
    assert run.frame().view.value == 1
    run.press(act.SELECT, 9)
    run.press(act.UP)
    run.press(act.UP)
    assert run.frame().view.value == 10
    run.press(act.LEFT)
    run.press(act.CONFIRM)
    assert flow.ctx.recorder.events[-1] == {"t_s": flow.ctx.rel(run.now_s), "event": "pain",
                                            "moment": "before", "value": 9,
                                            "kinds": {"phantom": 9}, "none_today": []}


def test_pause_on_any_screen_then_end_keeps_what_was_done(make_ctx) -> None:
    ctx = make_ctx()
    flow = SessionFlow(ctx, 100.0)
    run = Run(flow)
    run.press(act.SELECT, 4)
    run.press(act.CONFIRM)
    run.frame()
    run.press(act.CONFIRM)  # start the laterality block
    answered = 0
    while answered < 3:
        view = run.frame().view
        if isinstance(view, LateralityView) and view.picture_id:
            run.press(view.true_side, 0.6)
            answered += 1
    run.press(act.PAUSE)
    screen = run.frame()
    assert isinstance(screen.view, PausedView)
    paused_at = screen.bar.elapsed_s
    run.now_s += 120
    assert run.frame().bar.elapsed_s < paused_at + 0.1  # the session clock stops while paused
    run.press(act.SELECT, "end")
    assert isinstance(run.frame().view, PainView) and run.frame().view.moment == "after"
    run.press(act.SELECT, 6)
    run.press(act.CONFIRM)
    assert isinstance(run.frame().view, NoteView)
    run.press(act.TEXT, "felt dizzy")
    run.press(act.CONFIRM)
    assert isinstance(run.frame().view, ChecklistView)
    run.press(act.SELECT, 2)
    run.press(act.SELECT, "done")
    # Dizziness is a warning sign: the safety screen comes first, Enter goes on.
    safety = run.frame().view
    assert isinstance(safety, SafetyView) and safety.reasons == "Dizziness."
    run.press(act.PAUSE)  # pause still works there
    assert isinstance(run.frame().view, PausedView)
    run.press(act.PAUSE)
    run.press(act.CONFIRM)
    assert isinstance(run.frame().view, SummaryView)
    finished = ctx.recorder.finished
    assert finished["status"] == "ended_early"
    assert finished["summary"]["unusual"] == ["dizziness"]
    assert finished["summary"]["note"] == "felt dizzy"
    assert len(ctx.recorder.trials) == 3


def test_resume_continues_where_it_was(make_ctx) -> None:
    flow = SessionFlow(make_ctx(), 100.0)
    run = Run(flow)
    run.press(act.SELECT, 3)
    run.press(act.PAUSE)
    assert isinstance(run.frame().view, PausedView)
    run.press(act.PAUSE)  # the pause key again resumes
    view = run.frame().view
    assert isinstance(view, PainView) and view.value == 3


def test_closing_the_window_saves_the_session_as_ended_early(make_ctx) -> None:
    ctx = make_ctx()
    flow = SessionFlow(ctx, 100.0)
    run = Run(flow)
    run.press(act.QUIT)
    assert ctx.recorder.finished["status"] == "ended_early"
    assert ctx.recorder.finished["summary"]["pain_before"] is None


def test_imagery_and_mirror_introductions_name_the_patients_sides(make_ctx) -> None:
    flow = SessionFlow(make_ctx(affected=("hand", "left")), 100.0)
    imagery = [s for s in flow.work if s.phase == "imagery"][0]
    view = imagery.view(0.0)
    assert isinstance(view, InstructionView)
    assert "left hand" in view.body and "3 times" in view.body
    assert not view.notice  # the imagery phase is built: no "not available" notice
    mirror = [s for s in flow.work if s.phase == "mirror"][0].view(0.0)
    assert "right hand is reflected" in mirror.body
    assert "Slowly open and close your hand." in mirror.body


def test_session_bar_shows_phase_and_planned_time(make_ctx) -> None:
    ctx = make_ctx()
    ctx.plan = ctx.plan.for_stage(ctx.plan.stage("mirror"))
    flow = SessionFlow(ctx, 100.0)
    run = Run(flow)
    run.press(act.SELECT, 2)
    run.press(act.CONFIRM)
    bar = run.frame().bar
    assert bar.phase_label == "Phase 1 of 3: Left/right judgement"
    assert bar.planned_s == 12 * 60  # the stage's length, as the home screen says


def test_the_camera_problem_screen_stops_the_session_clock(make_ctx) -> None:
    ctx = make_ctx()
    ctx.plan = ctx.plan.for_stage(ctx.plan.stage("mirror"))
    flow = SessionFlow(ctx, 100.0)
    run = Run(flow)
    pilot = Autopilot("correct", seed=1)
    token = None
    while not isinstance(run.frame().view, MirrorView):  # through to the mirror block
        view = run.frame().view
        if view.token != token:
            token = view.token
            for press in pilot.respond(view):
                run.press(press.action, press.value, press.delay_s)
    run.press(act.CAMERA, CameraFact(CAMERA_FAILED, "No camera was found."))
    assert type(run.frame().view).__name__ == "CameraProblemView"
    held_at = flow.active_s(run.now_s)
    run.now_s += 300  # five minutes reading the camera screen
    run.frame()
    assert flow.active_s(run.now_s) == pytest.approx(held_at)
    run.press(act.SELECT, "skip", after_s=0.0)
    run.now_s += 10
    assert flow.active_s(run.now_s) == pytest.approx(held_at + 10)


def test_the_pause_box_ignores_number_keys_and_ends_with_e(make_ctx) -> None:
    flow = SessionFlow(make_ctx(), 100.0)
    run = Run(flow)
    run.press(act.PAUSE)
    run.press(act.SELECT, 2)  # a stray digit does not choose "End"
    assert isinstance(run.frame().view, PausedView)
    run.press(act.DOWN)
    assert run.frame().view.focus == 1
    run.press(act.END)
    assert flow.ended_early
