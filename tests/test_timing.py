"""Timing the researcher relies on: intervals and deadlines kept by the real loop, the
session bar held still while an answer is awaited, the manifest's account of the flips,
and the x11 benchmark running end to end (its figures are reported, never judged here)."""

from __future__ import annotations

import argparse
import shutil
from typing import Any

import pytest

from gmi_trainer.app.loop import run
from gmi_trainer.clock import SimulatedClock
from gmi_trainer.core import inputs as act
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.laterality import LateralityStep
from gmi_trainer.core.session import SessionFlow
from gmi_trainer.core.steps import Due
from gmi_trainer.core.views import InstructionView, LateralityView, Screen
from gmi_trainer.plans.model import LateralityBlock
from gmi_trainer.ui.fliptiming import flip_report

FRAME_S = 1 / 60


class SlowDisplay:
    """A display whose drawing and flip take `takes_s` of the clock, as a real one does, and
    which tells the loop it takes `tells_s` (by default the truth)."""

    refresh_hz = 60.0

    def __init__(self, clock: SimulatedClock, takes_s: float,
                 tells_s: float | None = None) -> None:
        self.clock, self.takes_s, self.last = clock, takes_s, None
        self.draw_s = takes_s if tells_s is None else tells_s

    def show(self, screen: Screen) -> float:
        if screen != self.last:  # like the window: an unchanged screen is not drawn again
            self.last = screen  # type: ignore[assignment]
            self.clock.advance(self.takes_s)
        return self.clock.now()


class Patient:
    """Confirms instructions and answers each picture `rt_s` after its flip (or never)."""

    def __init__(self, clock: SimulatedClock, rt_s: float | None) -> None:
        self.clock, self.rt_s = clock, rt_s
        self.due: tuple[float, str] | None = None
        self.seen: set[Any] = set()

    def observe(self, screen: Screen, flip_s: float) -> None:
        view = screen.view
        if view.token in self.seen:
            return
        self.seen.add(view.token)
        if isinstance(view, LateralityView) and view.picture_id and self.rt_s is not None:
            self.due = (flip_s + self.rt_s, view.true_side)
        elif isinstance(view, InstructionView):
            self.due = (flip_s + 0.5, act.CONFIRM)

    def wait(self, until_s: float) -> list[Input]:
        if self.due is not None and self.due[0] <= until_s:
            at_s, action = self.due
            self.due = None
            self.clock.advance(max(0.0, at_s - self.clock.now()))
            return [Input(action, self.clock.now(), None, "key")]
        self.clock.advance(max(0.0, until_s - self.clock.now()))
        return []


class BlockFlow:
    def __init__(self, step: LateralityStep) -> None:
        self.step, self.finished = step, False

    def screen(self, now_s: float) -> Screen:
        return Screen(self.step.view(now_s))

    def handle(self, inp: Input) -> None:
        self.step.handle(inp)
        self.finished = self.step.stage == "summary"

    def tick(self, now_s: float) -> None:
        self.step.tick(now_s)
        self.finished = self.step.stage == "summary"

    def shown(self, screen: Screen, flip_s: float) -> None:
        self.step.shown(screen.view.token, flip_s)

    def next_due(self) -> Due | None:
        return self.step.next_due()


def _run(make_ctx, block: LateralityBlock, draw_s: float, rt_s: float | None):
    ctx = make_ctx()
    clock = SimulatedClock(ctx.origin_s)
    run(BlockFlow(LateralityStep(ctx, block, 0)), SlowDisplay(clock, draw_s),
        Patient(clock, rt_s), clock)
    return ctx.recorder.trials


@pytest.mark.parametrize("draw_s", [0.0, 0.004, 0.02])
def test_intervals_are_kept_within_one_frame_and_written_in_each_row(make_ctx, draw_s) -> None:
    rows = _run(make_ctx, LateralityBlock(trials=8, practice_trials=0, iti_ms=200), draw_s, 0.61)
    assert len(rows) == 8
    for row in rows:
        assert row["planned_iti_ms"] == 200
        # The picture is drawn ahead by the display's drawing time, so it appears on time.
        assert abs(row["iti_ms"] - 200) <= FRAME_S * 1000, row
        assert row["timeout_at_ms"] is None


def test_without_drawing_ahead_a_slow_display_would_stretch_the_interval(make_ctx) -> None:
    """The check above can fail: a display that does not say how long it draws is late."""
    ctx = make_ctx()
    clock = SimulatedClock(ctx.origin_s)
    display = SlowDisplay(clock, 0.03, tells_s=0.0)
    block = LateralityBlock(trials=3, practice_trials=0, iti_ms=200)
    run(BlockFlow(LateralityStep(ctx, block, 0)), display, Patient(clock, 0.5), clock)
    assert all(row["iti_ms"] - 200 > FRAME_S * 1000 for row in ctx.recorder.trials)


def test_a_time_out_is_taken_at_its_deadline_never_before(make_ctx) -> None:
    rows = _run(make_ctx, LateralityBlock(trials=3, practice_trials=0, deadline_ms=1000),
                0.02, None)
    assert [row["timed_out"] for row in rows] == [True] * 3
    for row in rows:
        assert 1000 <= row["timeout_at_ms"] <= 1000 + FRAME_S * 1000


def test_the_session_bar_stands_still_while_an_answer_is_awaited(make_ctx) -> None:
    ctx = make_ctx()
    session = SessionFlow(ctx, ctx.origin_s)
    step = next(s for s in session.work if isinstance(s, LateralityStep))
    session.index = session.steps.index(step)
    step.begin(ctx.origin_s)
    t_s = ctx.origin_s + 0.3
    session.shown(session.screen(t_s), t_s)
    session.handle(Input(act.CONFIRM, t_s, None, "key"))
    while not step.awaits_response:
        t_s += 0.01
        session.tick(t_s)
    shown = session.screen(t_s)
    session.shown(shown, t_s)
    assert isinstance(shown.view, LateralityView) and shown.view.picture_id
    later = session.screen(t_s + 2.5)  # two whole seconds later, the answer still awaited
    assert later == shown  # nothing to redraw, so nothing delays reading the key
    session.handle(Input(shown.view.true_side, t_s + 2.6, None, "key"))
    after = session.screen(t_s + 2.6)
    assert after.bar.elapsed_s == int(t_s + 2.6 - ctx.origin_s) > shown.bar.elapsed_s


def test_the_manifest_says_what_the_flips_show() -> None:
    instant = flip_report([0.0004] * 30, True, 60.0)
    assert instant["vsync"] is False and instant["refresh_hz"] == "unknown"
    paced = flip_report([1 / 60 + (i % 3 - 1) * 0.0002 for i in range(30)], True, 60.0)
    assert paced["vsync"] is True and paced["refresh_hz"] == pytest.approx(60, abs=0.5)
    assert paced["flip_interval_ms"]["median"] == pytest.approx(16.667, abs=0.3)
    # Even 16 ms flips with no reported rate to compare could be a slow copy: not claimed.
    unknown = flip_report([1 / 60] * 30, True, None)
    assert unknown["vsync"] == "unknown" and unknown["refresh_hz"] == "unknown"
    uneven = flip_report([0.005, 0.03, 0.016, 0.041, 0.012] * 6, True, 60.0)
    assert uneven["vsync"] == "unknown"
    assert flip_report([1 / 60] * 30, False, 60.0)["vsync"] is False
    assert flip_report([], True, 60.0)["vsync"] == "unknown"


@pytest.mark.display
@pytest.mark.slow
def test_x11_bench_presses_keys_through_a_real_display_server(capsys) -> None:
    pytest.importorskip("Xlib")
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed")
    from gmi_trainer.bench.rt_x11 import run_x11_bench

    code = run_x11_bench(argparse.Namespace(x_display=None, trials=6, seed=2, priority="normal"))
    out = capsys.readouterr().out
    assert code == 0, out
    import json

    result = json.loads(out.strip().splitlines()[-1])
    # Every press found its trial and every row its interval; the figures are not judged.
    assert result["presses"] == 6 and result["unanswered"] == 0
    assert result["iti_error_ms"] is not None and result["rt_error_ms"]["max"] >= 0
    assert result["screen"]["vsync"] in (True, False, "unknown")
    # On X, input is awaited on the server's connection, not by fixed sleeps.
    assert result["screen"]["input_wait"] == "x11-socket"
    assert result["screen"]["priority"] == "off"  # --priority normal: never raised
    assert "recorded minus pressed" in out


def test_waiting_on_a_socket_wakes_when_something_arrives_not_at_the_timeout() -> None:
    import socket
    import threading
    import time

    from gmi_trainer.ui.xwait import wait_readable

    reader, writer = socket.socketpair()
    try:
        threading.Timer(0.05, lambda: writer.send(b"k")).start()
        start_s = time.perf_counter()
        wait_readable(reader.fileno(), 30.0)
        # Woken by the byte, long before the 30 s timeout (not a timing threshold: either
        # the wait returns on arrival or the test takes 30 s).
        assert time.perf_counter() - start_s < 29.0
        assert reader.recv(1) == b"k"
    finally:
        reader.close()
        writer.close()


def test_no_x_connection_means_polling() -> None:
    from gmi_trainer.ui.xwait import x11_connection_fd

    assert x11_connection_fd({}) is None
    assert x11_connection_fd({"display": 12345}) is None  # not a capsule: not X


class FakeSystem:
    """The os calls TimedPriority uses, each allowed or refused, and what they were asked."""

    SCHED_OTHER, SCHED_RR, PRIO_PROCESS = 0, 2, 0

    def __init__(self, realtime: bool, nice: bool) -> None:
        self.realtime, self.nice = realtime, nice
        self.policy, self.param, self.niceness = self.SCHED_OTHER, 0, 0

    @staticmethod
    def sched_param(priority: int) -> int:
        return priority

    def sched_getscheduler(self, pid: int) -> int:
        return self.policy

    def sched_getparam(self, pid: int) -> int:
        return self.param

    def sched_setscheduler(self, pid: int, policy: int, param: int) -> None:
        if policy != self.SCHED_OTHER and not self.realtime:
            raise PermissionError("not permitted")
        self.policy, self.param = policy, param

    def getpriority(self, which: int, who: int) -> int:
        return self.niceness

    def setpriority(self, which: int, who: int, value: int) -> None:
        if value < self.niceness and not self.nice:
            raise PermissionError("not permitted")
        self.niceness = value


@pytest.mark.parametrize("realtime, nice, windows, obtained", [
    (True, True, False, "realtime"), (False, True, False, "nice"),
    (False, False, True, "high"), (False, False, False, "normal")])
def test_timed_priority_takes_the_best_allowed_and_gives_it_back(realtime, nice, windows,
                                                                obtained) -> None:
    from gmi_trainer.ui.priority import TimedPriority

    system = FakeSystem(realtime, nice)
    classes: list[bool] = []
    priority = TimedPriority(system=system,
                             windows=lambda high: classes.append(high) or windows)
    priority.raise_for_timing()
    assert priority.obtained == obtained
    assert (system.policy == FakeSystem.SCHED_RR) == (obtained == "realtime")
    assert (system.niceness < 0) == (obtained == "nice")
    priority.restore()
    assert (system.policy, system.param, system.niceness) == (FakeSystem.SCHED_OTHER, 0, 0)
    assert classes in ([], [True], [True, False])
    assert classes == ([True, False] if obtained == "high" else
                       [True] if obtained == "normal" else [])
    assert TimedPriority(enabled=False, system=system).probe() == "off"


def test_timed_priority_on_this_system_restores_what_it_found() -> None:
    import os

    from gmi_trainer.ui.priority import TimedPriority

    if not hasattr(os, "sched_getscheduler"):
        pytest.skip("no POSIX scheduling calls here")
    before = (os.sched_getscheduler(0), os.sched_getparam(0).sched_priority,
              os.getpriority(os.PRIO_PROCESS, 0))
    priority = TimedPriority()
    priority.raise_for_timing()
    try:
        got = priority.obtained
        assert got in ("realtime", "nice", "normal")
        if got == "realtime":
            assert os.sched_getscheduler(0) == os.SCHED_RR
    finally:
        priority.restore()
    assert (os.sched_getscheduler(0), os.sched_getparam(0).sched_priority,
            os.getpriority(os.PRIO_PROCESS, 0)) == before


def test_between_pictures_the_next_one_is_prepared_after_the_flip(make_ctx) -> None:
    """Turning and scaling the next picture happens in the interval, after its blank is
    flipped (so it is not counted as drawing time), not when the picture is due."""
    from gmi_trainer.clock import MonotonicClock
    from gmi_trainer.ui.keymap import KeyMap
    from gmi_trainer.ui.screens.laterality import PICTURE_BOX
    from gmi_trainer.ui.window import PygameUI
    from gmi_trainer.profiles.model import DEFAULT_KEYS

    ctx = make_ctx()
    step = LateralityStep(ctx, LateralityBlock(trials=3, practice_trials=0, iti_ms=200), 0)
    step.handle(Input(act.CONFIRM, 0.0, None, "key"))
    view = step.view(0.0)
    assert view.picture_file is None and view.preload_file is not None
    ui = PygameUI(MonotonicClock(), KeyMap(DEFAULT_KEYS), windowed=True)
    try:
        ui.show(Screen(view))
        assert (view.preload_file, view.rotation_deg, PICTURE_BOX) in ui._prepared
        step.tick(0.2)
        shown = step.view(0.2)
        # The picture then drawn is the one prepared, at the same turn.
        assert (shown.picture_file, shown.rotation_deg) == (view.preload_file, view.rotation_deg)
        assert shown.preload_file is None
    finally:
        ui.close()
