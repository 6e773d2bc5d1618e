"""The camera edge: which source a patient's choice opens, and what the core is told."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from gmi_trainer.app.camera_edge import LiveCameraEdge
from gmi_trainer.clock import MonotonicClock
from gmi_trainer.core import inputs as act
from gmi_trainer.core.mirror import CAMERA_FAILED, CAMERA_RECONNECTING, MirrorView
from gmi_trainer.core.views import Screen
from gmi_trainer.frames.synthetic import SyntheticSource

VIEW = MirrorView("Mirror", "fixed", "left", "hand", "exercise", "Open and close.", "free", 1, 1,
                  60.0, 0.0, False, 0, 0, 0, CAMERA_RECONNECTING, "", "video")


class NoInputs:
    def observe(self, screen: Screen, flip_s: float) -> None:
        pass

    def wait(self, until_s: float) -> list[Any]:
        return []


def _facts(edge: LiveCameraEdge, view: MirrorView, seconds: float = 3.0) -> list[Any]:
    edge.observe(Screen(view), 0.0)
    facts: list[Any] = []
    end_s = time.perf_counter() + seconds
    while time.perf_counter() < end_s and not any(f.value.state != CAMERA_RECONNECTING
                                                  for f in facts):
        facts += [f for f in edge.wait(0.0) if f.action == act.CAMERA]
        time.sleep(0.01)
    return [f.value for f in facts]


def test_choosing_a_recorded_video_with_none_there_says_where_to_put_one(tmp_path: Path) -> None:
    edge = LiveCameraEdge(NoInputs(), MonotonicClock(), "0", videos_dir=tmp_path / "videos")
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

    edge = LiveCameraEdge(NoInputs(), clock, "0", open_source=opener, videos_dir=videos)
    try:
        _facts(edge, VIEW, seconds=20.0)
        assert opened == [str(videos / "new.avi")]
    finally:
        edge.close()
