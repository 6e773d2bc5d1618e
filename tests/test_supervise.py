"""Supervised sessions: the therapist's panel pauses, skips and notes through the session's
control file, and reads live figures from the session's own records."""

from __future__ import annotations

from pathlib import Path

from gmi_trainer.app.therapist_control import CONTROL_FILE, TherapistControl, send
from gmi_trainer.clock import SimulatedClock
from gmi_trainer.core import inputs as act
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.session import SessionFlow
from gmi_trainer.core.views import PausedView
from gmi_trainer.records.live import live_figures
from gmi_trainer.supervise.panel import SupervisorPanel


class NoInputs:
    def observe(self, screen, flip_s) -> None:
        pass

    def wait(self, until_s: float) -> list:
        return []


def test_commands_in_the_control_file_become_inputs_once(tmp_path: Path) -> None:
    control = TherapistControl(NoInputs(), SimulatedClock(), lambda: tmp_path)
    send(tmp_path, "note", "reports tingling")
    send(tmp_path, "pause")
    with open(tmp_path / CONTROL_FILE, "a") as handle:
        handle.write('{"command": "delete_everything"}\nnot json\n{"command": "skip_bl')
    got = control.wait(1.0)
    assert [(i.action, i.value, i.device) for i in got] == [
        (act.THERAPIST_NOTE, "reports tingling", "therapist"), (act.PAUSE, None, "therapist")]
    assert control.wait(1.0) == []  # nothing is delivered twice
    with open(tmp_path / CONTROL_FILE, "a") as handle:
        handle.write('ock"}\n')  # the half-written line completes
    assert [i.action for i in control.wait(1.0)] == [act.SKIP_BLOCK]


def test_skip_moves_past_the_block_and_notes_go_into_the_record(make_ctx) -> None:
    ctx = make_ctx("clinic")
    ctx.plan = ctx.plan.for_stage(ctx.plan.stage("mirror"))  # one block of each phase
    flow = SessionFlow(ctx, 100.0)
    flow.handle(Input(act.SELECT, 101.0, 3))
    flow.handle(Input(act.CONFIRM, 101.5))  # pain before; now the laterality block
    assert flow.step.phase == "laterality"
    flow.handle(Input(act.THERAPIST_NOTE, 102.0, "looks tired"))
    flow.handle(Input(act.SKIP_BLOCK, 103.0))
    assert flow.step.phase == "imagery"
    flow.handle(Input(act.PAUSE, 104.0))
    flow.handle(Input(act.SKIP_BLOCK, 105.0))  # skipping while paused stays paused
    assert flow.step.phase == "mirror"
    assert isinstance(flow.screen(105.0).view, PausedView)
    events = [(e["event"], e.get("phase") or e.get("text")) for e in ctx.recorder.events
              if e["event"] in ("therapist_note", "block_skipped")]
    assert events == [("therapist_note", "looks tired"), ("block_skipped", "laterality"),
                      ("block_skipped", "imagery")]


def test_live_figures_from_rows_and_events() -> None:
    trials = [
        {"phase": "laterality", "practice": True, "true_side": "left", "correct": True,
         "timed_out": False, "rt_ms": 900.0},
        {"phase": "laterality", "practice": False, "true_side": "left", "correct": True,
         "timed_out": False, "rt_ms": 1000.0},
        {"phase": "laterality", "practice": False, "true_side": "right", "correct": False,
         "timed_out": False, "rt_ms": 700.0},
        {"phase": "laterality", "practice": False, "true_side": "right", "correct": False,
         "timed_out": True, "rt_ms": None},
        {"phase": "mirror", "reps_counted": 7}, {"phase": "mirror", "reps_counted": None},
    ]
    events = [{"event": "pain", "moment": "before", "value": 5},
              {"event": "block_start", "title": "Hands"}, {"event": "pause"}]
    f = live_figures(trials, events)
    assert (f["laterality_trials"], f["practice_trials"], f["timeouts"]) == (3, 1, 1)
    assert f["accuracy"] == 0.5 and f["median_rt_ms"] == 1000.0
    assert f["left"]["accuracy"] == 1.0 and f["right"]["accuracy"] == 0.0
    assert f["mirror_repetitions"] == 7 and f["paused"] and f["current"] == "Hands"
    assert f["pain_before"] == 5


def test_panel_keys_send_commands_and_skip_needs_a_second_key() -> None:
    sent: list[tuple[str, str]] = []
    panel = SupervisorPanel("P1", lambda: ("S1", {}), lambda c, t: sent.append((c, t)))
    panel.tick(0.0)
    panel.handle(Input(act.SKIP, 1.0))
    panel.handle(Input(act.LEFT, 1.1))  # anything but Enter: not skipped
    panel.handle(Input(act.SKIP, 1.2))
    panel.handle(Input(act.CONFIRM, 1.3))
    panel.handle(Input(act.NOTE, 1.4))
    assert panel.screen(1.4).view.text_entry
    for ch in "pale":  # letters type while a note is open, even P
        panel.handle(Input(act.TEXT, 1.5, ch))
    panel.handle(Input(act.CONFIRM, 1.6))
    panel.handle(Input(act.PAUSE, 1.7))
    assert sent == [("skip_block", ""), ("note", "pale"), ("pause", "")]


def test_a_torn_line_never_swallows_the_next_command(tmp_path: Path) -> None:
    control = TherapistControl(NoInputs(), SimulatedClock(), lambda: tmp_path)
    (tmp_path / CONTROL_FILE).write_text('{"command": "no')  # the panel crashed mid-write
    send(tmp_path, "pause")
    assert [i.action for i in control.wait(1.0)] == [act.PAUSE]
    # Written by something that did not end the torn line: the command is still found.
    with open(tmp_path / CONTROL_FILE, "a") as handle:
        handle.write('{"command": "no{"command": "skip_block"}\n')
    assert [i.action for i in control.wait(1.0)] == [act.SKIP_BLOCK]


def test_a_fifo_or_a_huge_line_never_blocks_the_session(tmp_path: Path) -> None:
    import os

    fifo_dir = tmp_path / "fifo"
    fifo_dir.mkdir()
    os.mkfifo(fifo_dir / CONTROL_FILE)
    control = TherapistControl(NoInputs(), SimulatedClock(), lambda: fifo_dir)
    assert control.wait(1.0) == []  # returns at once: a FIFO is not read
    huge = tmp_path / "huge"
    huge.mkdir()
    (huge / CONTROL_FILE).write_text("x" * 200_000 + "\n" + '{"command": "pause"}\n')
    control = TherapistControl(NoInputs(), SimulatedClock(), lambda: huge)
    got = []
    for _ in range(6):
        got += control.wait(1.0)
    assert [i.action for i in got] == [act.PAUSE]


def test_live_figures_survive_any_row() -> None:
    rows = [{"phase": "laterality", "practice": False, "correct": True, "true_side": "left"},
            {"phase": "laterality", "correct": True, "rt_ms": "fast"},
            {"phase": "imagery", "movement_ms": ["x", 1200.0]}, {"phase": "mirror", "reps_counted": "3"}]
    figures = live_figures(rows, [{"event": "pain", "moment": "before", "value": {"x": 1}}])
    assert figures["laterality_trials"] == 2 and figures["median_rt_ms"] is None
