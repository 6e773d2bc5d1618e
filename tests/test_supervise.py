"""Supervised sessions: the therapist's panel pauses, skips and notes through the session's
control file, and reads live figures from the session's own records."""

from __future__ import annotations

from pathlib import Path

import pytest

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


# -- the panel's window, keys, reading and layout (issue 14) --------------------------------

def test_the_panel_opens_beside_on_a_second_screen_or_at_the_left_edge() -> None:
    from gmi_trainer.supervise.placement import PANEL_MIN, place_panel

    def overlap(a, b) -> int:
        w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
        h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
        return max(0, w) * max(0, h)

    # Room beside a 1200-wide window on a 1920 screen: beside it, not over it.
    patient = (0, 0, 1206, 830)
    beside = place_panel([(0, 0, 1920, 1080)], patient)
    assert beside.where == "beside" and overlap(beside.rect, patient) == 0
    assert beside.rect[0] + beside.rect[2] <= 1920 and beside.rect[2] <= 480
    # Room on the left only: beside it on the left.
    left = place_panel([(0, 0, 1920, 1080)], (700, 0, 1206, 830))
    assert left.where == "beside" and left.rect[0] + left.rect[2] <= 700
    # A second screen: the panel goes there, whole, whichever side it is.
    for second in ((1920, 0, 1366, 768), (-1280, 0, 1280, 1024)):
        on_second = place_panel([(0, 0, 1920, 1080), second], patient)
        assert on_second.where == "second screen" and overlap(on_second.rect, patient) == 0
        assert overlap(on_second.rect, second) == on_second.rect[2] * on_second.rect[3]
    # A 1366x768 laptop filled by the patient's window (as openbox places it): the left
    # edge, keeping the patient's Pause button (top right) in reach, at least PANEL_MIN wide.
    filled = place_panel([(0, 0, 1366, 768)], (43, 40, 1282, 713))
    x, y, w, h = filled.rect
    assert filled.where == "over the edge" and x < 43 and w >= PANEL_MIN[0] and x + w < 600
    assert y >= 0 and y + h <= 768 and "left edge" in filled.reason
    # A server that lists the whole desktop as a monitor too (Xvfb with RandR monitors):
    # that union is not a screen, so the second screen is still found.
    from gmi_trainer.app.desktop import separate_screens

    listed = [(0, 0, 3286, 1080), (0, 0, 1366, 768), (1366, 0, 1920, 1080)]
    assert separate_screens(listed) == listed[1:]
    assert separate_screens([(0, 0, 1366, 768)]) == [(0, 0, 1366, 768)]
    # Nothing known: the window manager decides; no patient window: the right edge.
    unknown = place_panel([], None)
    assert unknown.where == "default" and unknown.position is None and unknown.size == (460, 660)
    lone = place_panel([(0, 0, 1366, 768)], None)
    assert lone.rect[0] + lone.rect[2] <= 1366 and "not found" in lone.reason


def test_q_esc_and_the_close_button_close_the_panel_and_esc_in_a_note_closes_the_note() -> None:
    from gmi_trainer.supervise.panel import PANEL_KEYS
    from gmi_trainer.ui.keymap import KeyMap

    keys = KeyMap(PANEL_KEYS)
    assert keys.translate("q", "q", False, screen="supervisor") == (act.EXIT, None)
    assert keys.translate("escape", "", False, screen="supervisor") == (act.EXIT, None)
    assert keys.translate("p", "p", False, screen="supervisor") == (act.PAUSE, None)
    assert keys.translate("q", "q", True, screen="supervisor") is None  # a note: q types
    for close in (Input(act.EXIT, 1.0), Input(act.SELECT, 1.0, act.EXIT), Input(act.QUIT, 1.0)):
        sent: list = []
        panel = SupervisorPanel("P1", lambda: ("S1", {}), lambda c, t: sent.append(c))
        panel.tick(0.0)
        panel.handle(Input(act.NOTE, 0.5))
        panel.handle(Input(act.EXIT, 0.6))  # Esc in the note: the note closes, not the panel
        assert not panel.finished and panel.mode == "watch"
        panel.handle(close)
        assert panel.finished and sent == []


def _session_with_a_skip(make_ctx, tmp_path: Path) -> Path:
    """A real supervised session's records: pain, a skipped block, a note, the end."""
    ctx = make_ctx("clinic")
    ctx.plan = ctx.plan.for_stage(ctx.plan.stage("mirror"))  # one block of each phase
    flow = SessionFlow(ctx, 100.0)
    flow.handle(Input(act.SELECT, 101.0, 3))
    flow.handle(Input(act.CONFIRM, 101.5))
    flow.handle(Input(act.CONFIRM, 102.0))  # the left/right block's instructions: it starts
    return flow


def test_the_panel_follows_a_skipped_block_from_the_records(make_ctx, tmp_path: Path) -> None:
    flow = _session_with_a_skip(make_ctx, tmp_path)
    events = flow.ctx.recorder.events
    started = live_figures([], events)["current"]
    assert started == flow.step.label  # the block that started
    flow.handle(Input(act.SKIP_BLOCK, 103.0))
    now = live_figures([], flow.ctx.recorder.events)["current"]
    assert now.startswith(f"{started} skipped by the therapist")
    assert now.endswith(f"next: {flow.step.label}") and flow.step.phase == "imagery"


def test_the_reader_keeps_the_ended_session_until_a_new_one_starts(tmp_path: Path) -> None:
    import json

    from gmi_trainer.cli import main
    from gmi_trainer.records.live import LiveReader

    def set_status(folder: Path, status: str) -> None:
        manifest = json.loads((folder / "manifest.json").read_text())
        (folder / "manifest.json").write_text(json.dumps({**manifest, "status": status}))

    assert main(["run", "--headless", "--autopilot", "correct", "--data-dir", str(tmp_path),
                 "--patient", "P1", "--affected", "left-hand", "--plan", "clinic",
                 "--end-after-s", "60"]) == 0
    (folder,) = [p for p in (tmp_path / "P1").iterdir() if p.is_dir()]
    status = json.loads((folder / "manifest.json").read_text())["status"]
    reader = LiveReader(tmp_path, "P1")
    assert reader.read()[0] == ""  # nothing running and nothing followed yet
    set_status(folder, "in_progress")  # as while it runs
    name, running = reader.read()
    assert name == folder.name and running["laterality_trials"] > 0
    set_status(folder, status)  # it ends
    name, ended = reader.read()
    assert name == folder.name and ended["ended"] and reader.ended
    assert ended["laterality_trials"] == running["laterality_trials"]
    panel = SupervisorPanel("P1", reader.read, lambda c, t: None)
    panel.tick(0.0)
    assert panel.screen(0.0).view.session == folder.name and not panel.live
    panel.handle(Input(act.PAUSE, 1.0))  # nothing can reach an ended session
    assert panel.message == "No session is running."


@pytest.mark.parametrize("window", [(380, 660), (460, 660), (720, 960), (1280, 800)])
@pytest.mark.parametrize("mode", ["watch", "note", "confirm_skip"])
def test_the_panel_layout_has_no_overlap_and_keeps_its_buttons(window, mode: str) -> None:
    import pygame

    from gmi_trainer.commands.supervise import PANEL_CANVAS
    from gmi_trainer.supervise.panel import PANEL_KEYS, SupervisorView
    from gmi_trainer.ui.screens import draw_screen
    from gmi_trainer.ui.theme import Fonts, Theme, canvas_size
    from gmi_trainer.ui.widgets import Canvas
    from gmi_trainer.core.views import Screen

    events = [{"event": "pain", "moment": "before", "value": 4},
              {"event": "block_start", "phase": "laterality", "block": 0,
               "title": "Assessment: hands, left or right?"},
              {"event": "block_skipped", "step": "Assessment: hands, left or right?",
               "next": "Hands: finer turns"},
              {"event": "pain_alert", "reasons": ["pain rose by 4 (3 or more)"]},
              *({"event": "therapist_note", "text": f"note {i}: slower on the left, rests "
                 "a while and looks at the window"} for i in range(12))]
    figures = {**live_figures([], events),
               "recent_alerts": ["Fri 20 Nov 18:02: dizziness"]}
    pygame.display.init()
    pygame.font.init()
    try:
        size = canvas_size(window, PANEL_CANVAS)
        canvas = Canvas(pygame.Surface(size), Theme(), Fonts(), keys=dict(PANEL_KEYS))
        view = SupervisorView("P017-a-long-patient-id", "20261122-101502-3fa1", figures, mode,
                              "Slower on the left today " * 4, "Note saved in the session's record.")
        draw_screen(canvas, Screen(view), lambda *a: None)
    finally:
        pygame.display.quit()
    bounds = pygame.Rect(0, 0, *size)
    texts = canvas.texts
    for i, a in enumerate(texts):
        assert bounds.contains(a.rect), f"{a.text!r} leaves the window"
        for b in texts[i + 1:]:
            assert not a.rect.colliderect(b.rect), f"{a.text!r} overlaps {b.text!r}"
    labels = {t.text for t in texts}
    assert {"Pause / resume", "Skip this block", "Add a note", "Close the panel"} <= labels
    assert all(bounds.contains(hit.rect) for hit in canvas.hits)
    assert "skipped by the therapist" in " ".join(t.text for t in texts)
    if mode == "watch":  # the newest note is shown (a note being typed takes their room)
        assert "note 11" in " ".join(t.text for t in texts)


def test_the_panel_window_has_its_own_title_size_and_compact_canvas() -> None:
    import os

    import pygame

    from gmi_trainer.clock import SimulatedClock
    from gmi_trainer.commands.supervise import PANEL_CANVAS
    from gmi_trainer.supervise.panel import PANEL_KEYS, PANEL_TITLE
    from gmi_trainer.ui.keymap import KeyMap
    from gmi_trainer.ui.window import PygameUI

    ui = PygameUI(SimulatedClock(), KeyMap(PANEL_KEYS), windowed=True, caption=PANEL_TITLE,
                  window_px=(380, 660), window_pos=(10, 20), min_canvas=PANEL_CANVAS)
    try:
        assert pygame.display.get_caption()[0] == PANEL_TITLE != "GMI Trainer"
        assert ui.window.get_size() == (380, 660)
        assert ui.surface.get_size() == (600, 1042)  # laid out tall and narrow, then scaled
    finally:
        ui.close()
    assert "SDL_VIDEO_WINDOW_POS" not in os.environ  # asked for that window only
