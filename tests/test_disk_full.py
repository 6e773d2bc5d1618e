"""A full disk or an unwritable place: a clear message, finished trials safe, the session
marked honestly, no temporary files left behind. The disk is a real one: a small tmpfs
(needs root, as in CI; skipped elsewhere)."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gmi_trainer.core import inputs as act
from gmi_trainer.core.inputs import Input
from gmi_trainer.records.reader import read_patient

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture
def small_disk(tmp_path: Path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small disk here ({done.stderr.strip()})")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path, leave_bytes: int) -> None:
    """Fill the disk until about `leave_bytes` are free."""
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    with open(disk / "filler", "wb") as handle:
        handle.write(b"\0" * max(0, free - leave_bytes))


def _gmi(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.pop("GMI_TRAINER_DATA", None)
    return subprocess.run([sys.executable, "-m", "gmi_trainer", *args], capture_output=True,
                          text=True, cwd=PROJECT, env=env, timeout=120)


def _leftovers(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob("*") if p.name.endswith(".tmp"))


def test_a_disk_that_fills_during_a_session_stops_it_with_a_clear_message(
        small_disk: Path, make_ctx) -> None:
    """The real recorder on a real disk that fills after the session started: the flow stops
    on a screen that says why, and every trial finished before is on disk."""
    from gmi_trainer.clock import SimulatedClock
    from gmi_trainer.core.autopilot import Autopilot, PressSchedule
    from gmi_trainer.core.session import SessionFlow
    from gmi_trainer.core.views import PausedView, SummaryView
    from gmi_trainer.records.writer import SessionRecorder

    ctx = make_ctx("laterality-only")
    recorder = SessionRecorder.create(
        small_disk / "data" / "P1", started_at=ctx.wall_clock(), patient="P1",
        plan={"name": "laterality-only", "title": "t", "file": "x", "sha256": "0", "content": ""},
        seed=1, clock="simulated", autopilot="correct", profile=ctx.profile.to_json(),
        screen={})
    ctx = dataclasses.replace(ctx, recorder=recorder)
    _fill(small_disk, 12 * 1024)  # room for a few blocks of rows, not a whole block of trials
    clock = SimulatedClock()
    flow = SessionFlow(ctx, clock.now())
    schedule = PressSchedule(Autopilot("correct", 1))
    for _ in range(5000):
        if flow.failure or flow.finished:
            break
        flow.tick(clock.now())
        screen = flow.screen(clock.now())
        flow.shown(screen, clock.now())
        schedule.observe(screen.view, clock.now())
        due_s = schedule.next_due_s()
        clock.advance(max(0.0, (due_s if due_s is not None else clock.now() + 0.05) - clock.now()))
        if due_s is not None:
            t_s, press = schedule.pop()
            flow.handle(Input(press.action, t_s, press.value, "autopilot"))
    assert flow.failure.startswith("The disk is full, so this session stops here.")
    assert "Free at least 1 MB" in flow.failure and str(recorder.folder) in flow.failure
    view = flow.screen(clock.now()).view
    assert isinstance(view, SummaryView) and view.lines == (flow.failure,)
    stopped = flow.screen(clock.now()).bar.elapsed_s
    clock.advance(30.0)
    assert flow.screen(clock.now()).bar.elapsed_s == stopped  # the session clock stands
    flow.handle(Input(act.PAUSE, clock.now()))  # pause still opens the pause box
    paused = flow.screen(clock.now())
    assert isinstance(paused.view, PausedView) and not flow.finished
    assert paused.view.subtitle == "What you finished is saved; nothing more is."
    clock.advance(30.0)
    assert flow.screen(clock.now()).bar.elapsed_s == stopped
    flow.handle(Input(act.CONFIRM, clock.now()))  # Resume: back to the message
    assert isinstance(flow.screen(clock.now()).view, SummaryView) and not flow.finished
    flow.handle(Input(act.CONFIRM, clock.now()))  # Back to home
    assert flow.finished
    recorder.close()
    [session], warnings = read_patient(small_disk / "data", "P1")
    assert session.trials
    for practice in (True, False):  # practice and test trials are numbered apart
        numbers = [t["trial"] for t in session.trials if t["practice"] is practice]
        assert numbers == list(range(1, len(numbers) + 1))  # every finished one, in order
    assert session.status in ("incomplete", "ended_early")
    assert _leftovers(small_disk) == []


def test_a_full_disk_at_start_starts_nothing_and_says_how_much_space(small_disk: Path) -> None:
    data = small_disk / "data"
    assert _gmi("patient", "create", "P1", "--affected", "left-hand",
                "--data-dir", str(data)).returncode == 0
    _fill(small_disk, 200 * 1024)
    done = _gmi("run", "--headless", "--autopilot", "correct", "--patient", "P1",
                "--data-dir", str(data))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "the disk is full" in done.stderr and "Free at least 1 MB" in done.stderr, done.stderr
    assert [p.name for p in (data / "P1").iterdir()] == ["profile.json"]


def test_report_and_archive_refuse_a_bad_out_before_work_and_leave_nothing(
        small_disk: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert _gmi("run", "--headless", "--autopilot", "correct", "--patient", "P1",
                "--affected", "left-hand", "--plan", "laterality-only",
                "--data-dir", str(data)).returncode == 0
    for command in (["report", "--patient", "P1"], ["archive", "export", "--patient", "P1"]):
        folder = _gmi(*command, "--out", str(tmp_path), "--data-dir", str(data))
        assert folder.returncode == 2 and "is a folder" in folder.stderr
        missing = _gmi(*command, "--out", str(tmp_path / "no" / "x"), "--data-dir", str(data))
        assert missing.returncode == 2 and "does not exist" in missing.stderr
    _fill(small_disk, 0)
    for command, name in ((["report", "--patient", "P1"], "r.html"),
                          (["archive", "export", "--patient", "P1"], "a.zip")):
        full = _gmi(*command, "--out", str(small_disk / name), "--data-dir", str(data))
        assert full.returncode != 0 and "Traceback" not in full.stderr, full.stderr
        assert _leftovers(small_disk) == [] and not (small_disk / name).exists()
