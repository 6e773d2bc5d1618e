"""A pulled plug: kill -9 in the middle of a real-time session loses at most the trial in
progress, and what is left on disk reads back as an incomplete session."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gmi_trainer.records.export import write_csv
from gmi_trainer.records.reader import read_patient

PROJECT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.parametrize("kill_after_s", [2.0, 9.0, 13.5])
def test_kill_minus_nine_keeps_every_finished_trial(tmp_path: Path, kill_after_s: float) -> None:
    env = dict(os.environ, PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.pop("GMI_TRAINER_DATA", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "gmi_trainer", "run", "--headless", "--autopilot", "correct",
         "--realtime", "--plan", "laterality-only", "--data-dir", str(tmp_path), "--patient", "K1",
         "--affected", "right-hand", "--seed", "5"],
        cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(kill_after_s)
    assert process.poll() is None, process.stderr.read().decode()
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    sessions, warnings = read_patient(tmp_path, "K1")
    assert warnings == []
    [session] = sessions
    assert session.status == "incomplete"
    assert session.pain("before") is not None or kill_after_s < 2.5
    numbers = [(t["practice"], t["trial"]) for t in session.trials]
    assert numbers == [(True, n) for n in range(1, len(numbers) + 1)]  # none lost in the middle
    if kill_after_s > 9:
        assert len(numbers) >= 2
    assert all(t["rt_ms"] is not None for t in session.trials)  # whole rows, never half
    assert write_csv(sessions, io.StringIO()) == len(numbers)
