"""The real program's mirror phase, with a recorded clip as the camera: a drawn hand opens
and closes four times, and the session counts four repetitions through hand tracking."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_mirror_hand_drawing import write_hand_clip

PROJECT = Path(__file__).resolve().parents[1]
PLAN = """version = 1
name = "hand-mirror"
title = "Hand mirror check"
planned_minutes = 2
[[mirror]]
mode = "fixed"
settle_s = 0
[[mirror.exercises]]
prompt = "Slowly open and close your hand."
movement = "hand_open_close"
duration_s = 30
repetitions = 4
"""


@pytest.mark.slow
def test_a_hand_exercise_is_counted_from_the_camera_in_a_real_session(tmp_path: Path) -> None:
    clip = write_hand_clip(tmp_path / "hand.avi", repetitions=4, period_s=1.6, fps=30)
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN)
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.pop("GMI_TRAINER_DATA", None)
    result = subprocess.run(
        [sys.executable, "-m", "gmi_trainer", "--windowed", "--autopilot", "correct",
         "--data-dir", str(tmp_path / "data"), "--affected", "right-hand", "--plan", str(plan),
         "--camera", str(clip)],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    [folder] = [p for p in (tmp_path / "data" / "me").iterdir() if p.is_dir()]
    [row] = [json.loads(line) for line in (folder / "trials.jsonl").read_text().splitlines()]
    assert row["movement"] == "hand_open_close" and row["countable"] is True
    assert row["reps_counted"] == 4 and len(row["range_of_motion"]) == 4
    assert row["duration_s"] < 30  # it ended on the fourth repetition, not on the clock
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["camera"]["spec"] == str(clip) and manifest["status"] == "complete"
    assert not list(folder.glob("*.avi")) and not list(folder.glob("*.png"))  # no frames saved
