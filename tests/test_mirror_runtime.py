"""The mirror runtime: which source a patient's choice opens, and what the core is told."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from gmi_trainer.app.mirror_runtime import VIDEO_SUFFIXES, MirrorRuntime
from gmi_trainer.app.root import frame_opener, mediapipe_trackers
from gmi_trainer.clock import MonotonicClock
from gmi_trainer.core import inputs as act
from gmi_trainer.core.mirror import CAMERA_FAILED, CAMERA_RECONNECTING, MirrorView
from gmi_trainer.core.views import Screen
from gmi_trainer.frames.synthetic import SyntheticSource
from gmi_trainer.frames.video_file import VideoFolder

VIEW = MirrorView("Mirror", "fixed", "left", "hand", "exercise", "Open and close.", "free", 1, 1,
                  60.0, 0.0, False, 0, 0, 0, CAMERA_RECONNECTING, "", "video")


class NoInputs:
    def observe(self, screen: Screen, flip_s: float) -> None:
        pass

    def wait(self, until_s: float) -> list[Any]:
        return []


def _facts(edge: MirrorRuntime, view: MirrorView, seconds: float = 3.0) -> list[Any]:
    edge.observe(Screen(view), 0.0)
    facts: list[Any] = []
    end_s = time.perf_counter() + seconds
    while time.perf_counter() < end_s and not any(f.value.state != CAMERA_RECONNECTING
                                                  for f in facts):
        facts += [f for f in edge.wait(0.0) if f.action == act.CAMERA]
        time.sleep(0.01)
    return [f.value for f in facts]


def test_choosing_a_recorded_video_with_none_there_says_where_to_put_one(tmp_path: Path) -> None:
    edge = MirrorRuntime(NoInputs(), MonotonicClock(), "0", frame_opener(), mediapipe_trackers(),
                         VideoFolder(tmp_path / "videos", VIDEO_SUFFIXES))
    facts = _facts(edge, VIEW)
    assert facts[-1].state == CAMERA_FAILED
    assert str(tmp_path / "videos") in facts[-1].message


def test_choosing_a_recorded_video_opens_the_newest_clip_in_the_folder(tmp_path: Path) -> None:
    videos = tmp_path / "videos"
    videos.mkdir()
    (videos / "old.mp4").write_bytes(b"")
    time.sleep(0.01)
    (videos / "notes.txt").write_text("not a video")
    (videos / "new.avi").write_bytes(b"")
    opened: list[str] = []
    clock = MonotonicClock()

    def opener(spec: str, clock_: Any) -> SyntheticSource:
        opened.append(spec)
        source = SyntheticSource(clock_, size_px=(64, 48), fps=30)
        source.open()
        return source

    edge = MirrorRuntime(NoInputs(), clock, "0", opener, mediapipe_trackers(),
                         VideoFolder(videos, VIDEO_SUFFIXES))
    try:
        _facts(edge, VIEW, seconds=20.0)
        assert opened == [str(videos / "new.avi")]
    finally:
        edge.close()


def test_a_headless_runtime_sends_the_synthetic_figure_through_the_real_pipeline() -> None:
    """Opened at once on a simulated clock: live at the first flip, the body midline
    followed from the tracked figure, and nothing offered for counting that it cannot see."""
    from gmi_trainer.app.root import HEADLESS_FPS, HEADLESS_FRAME_PX, synthetic_figure_trackers
    from gmi_trainer.clock import SimulatedClock
    from gmi_trainer.core.mirror import CAMERA_LIVE
    from gmi_trainer.mirror.midline_state import LineSource

    clock = SimulatedClock(50.0)
    runtime = MirrorRuntime(NoInputs(), clock, "synthetic",
                            frame_opener(HEADLESS_FRAME_PX, HEADLESS_FPS),
                            synthetic_figure_trackers(),
                            VideoFolder(Path("unused"), VIDEO_SUFFIXES), open_in_background=False)
    view = MirrorView("Mirror", "midline", "left", "hand", "exercise", "Watch.", "elbow_flex", 1,
                      1, 60.0, 0.0, False, 0, 0, 0, CAMERA_RECONNECTING, "", "camera")
    runtime.observe(Screen(view), clock.now())
    facts = [f.value for f in runtime.wait(clock.now() + 1 / 60) if f.action == act.CAMERA]
    assert facts[-1].state == CAMERA_LIVE and facts[-1].countable == ()
    assert facts[-1].description.startswith("synthetic drawn figure 160x120")
    assert clock.now() == 50.0  # live at the moment the mirror was shown
    for _ in range(120):  # two simulated seconds at 60 Hz
        clock.advance(1 / 60)
        runtime.observe(Screen(view), clock.now())
        runtime.wait(clock.now())
    composed = runtime.picture()
    assert composed is not None and composed.tracking is not None
    assert composed.line is not None and composed.line.source is LineSource.TRACKED
    assert runtime.details is not None and runtime.details["tracker"].startswith("synthetic")
    runtime.close()


def test_a_headless_session_records_the_synthetic_source_the_same_every_time(
        tmp_path: Path) -> None:
    import json

    from gmi_trainer import cli

    plan = tmp_path / "mirror.toml"
    plan.write_text('version = 1\nname = "m"\ntitle = "m"\n[[mirror]]\nmode = "midline"\n'
                    'settle_s = 5\n[[mirror.exercises]]\nprompt = "Bend your elbow."\n'
                    'movement = "elbow_flex"\nrepetitions = 5\nduration_s = 20\n')
    logs = []
    for run in ("a", "b"):
        assert cli.main(["run", "--headless", "--autopilot", "correct", "--data-dir",
                         str(tmp_path / run), "--affected", "left-hand", "--plan", str(plan),
                         "--seed", "4"]) == 0
        [folder] = [p for p in (tmp_path / run / "me").iterdir() if p.is_dir()]
        manifest = json.loads((folder / "manifest.json").read_text())
        assert manifest["camera"]["spec"] == "synthetic"
        assert manifest["camera"]["tracker"] == "synthetic figure (shirt colour)"
        events = (folder / "events.jsonl").read_text()
        [live] = [e for e in map(json.loads, events.splitlines())
                  if e["event"] == "camera" and e["state"] == "live"]
        assert live["source"] == manifest["camera"]["description"]
        [row] = [json.loads(line) for line in (folder / "trials.jsonl").read_text().splitlines()]
        assert row["countable"] is False and row["reps_counted"] is None  # never guessed
        logs.append((events, (folder / "trials.jsonl").read_text()))
    assert logs[0] == logs[1]


def test_the_video_the_patient_chose_is_opened_and_a_failure_lists_the_videos(tmp_path: Path) -> None:
    from dataclasses import replace

    videos = tmp_path / "videos"
    videos.mkdir()
    (videos / "monday.mp4").write_bytes(b"")
    time.sleep(0.01)
    (videos / "tuesday.mp4").write_bytes(b"")
    opened: list[str] = []

    def opener(spec: str, clock_: Any) -> SyntheticSource:
        opened.append(spec)
        source = SyntheticSource(clock_, size_px=(64, 48), fps=30)
        source.open()
        return source

    edge = MirrorRuntime(NoInputs(), MonotonicClock(), "0", opener, mediapipe_trackers(),
                         VideoFolder(videos, VIDEO_SUFFIXES))
    try:
        _facts(edge, replace(VIEW, video_name="monday.mp4"), seconds=20.0)
        assert opened == [str(videos / "monday.mp4")]  # the chosen one, not the newest
    finally:
        edge.close()
    failed = edge._failed("No camera was found.")
    assert failed.videos == ("tuesday.mp4", "monday.mp4")  # newest first
    assert failed.videos_folder == str(videos)
