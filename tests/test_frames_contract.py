"""One contract for every frame source: webcam, video file and synthetic."""

from __future__ import annotations

import glob
import os
import sys
from pathlib import Path
from typing import Callable

import numpy as np
import pytest

from gmi_trainer.clock import MonotonicClock
from gmi_trainer.frames import FrameSource, SourceError, SourceState
from gmi_trainer.frames.synthetic import SyntheticSource
from gmi_trainer.frames.video_file import VideoFileSource
from gmi_trainer.frames.webcam import WebcamSource


def write_clip(path: Path, frame_count: int, fps: float, size_px: tuple[int, int] = (160, 120)) -> Path:
    """A small MJPG clip whose frame n has brightness 10 * n, so content identifies the frame."""
    import cv2

    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, size_px)
    assert writer.isOpened()
    for n in range(frame_count):
        writer.write(np.full((size_px[1], size_px[0], 3), 10 * n, dtype=np.uint8))
    writer.release()
    return path


def webcam_present() -> bool:
    if sys.platform.startswith("linux"):
        return bool(glob.glob("/dev/video*"))
    return os.environ.get("GMI_WEBCAM") == "1"


def make_synthetic(tmp_path: Path, clock: MonotonicClock) -> FrameSource:
    return SyntheticSource(clock, size_px=(320, 240), fps=30.0)


def make_video_file(tmp_path: Path, clock: MonotonicClock) -> FrameSource:
    return VideoFileSource(write_clip(tmp_path / "clip.avi", 20, 30.0), clock, loop=True)


def make_webcam(tmp_path: Path, clock: MonotonicClock) -> FrameSource:
    return WebcamSource(0, clock)


BACKENDS = [
    pytest.param(make_synthetic, id="synthetic"),
    pytest.param(make_video_file, id="video_file"),
    pytest.param(
        make_webcam,
        id="webcam",
        marks=[pytest.mark.webcam, pytest.mark.skipif(not webcam_present(), reason="no webcam on this machine")],
    ),
]


@pytest.mark.parametrize("make_source", BACKENDS)
def test_source_contract(make_source: Callable[[Path, MonotonicClock], FrameSource], tmp_path: Path) -> None:
    clock = MonotonicClock()
    source = make_source(tmp_path, clock)
    assert isinstance(source, FrameSource)
    assert source.state is SourceState.CLOSED
    with pytest.raises(SourceError):
        source.read()

    opened_at_s = clock.now()
    source.open()
    try:
        assert source.state is SourceState.LIVE
        assert source.problem is None
        assert source.fps > 0
        assert isinstance(source.description, str) and source.description
        frames = []
        deadline_s = clock.now() + 0.6
        while clock.now() < deadline_s:
            call_start_s = clock.now()
            frame = source.read()
            # Never a blocking wait: the display loop owns its timing.
            assert clock.now() - call_start_s < 0.2
            if frame is not None:
                frames.append(frame)
                # Newest-only: the same frame is never handed out twice.
                again = source.read()
                assert again is None or again.index > frame.index
                if again is not None:
                    frames.append(again)
            clock.sleep(0.003)
        assert len(frames) >= 8, "a 30 fps source should deliver frames within 0.6 s"
        width_px, height_px = source.size_px
        for frame in frames:
            assert frame.image.dtype == np.uint8
            assert frame.image.shape == (height_px, width_px, 3)
            assert opened_at_s - 0.05 <= frame.timestamp_s <= clock.now()
        indices = [frame.index for frame in frames]
        assert indices == sorted(set(indices))
        stamps = [frame.timestamp_s for frame in frames]
        assert stamps == sorted(stamps)
    finally:
        source.close()
    assert source.state is SourceState.CLOSED
    with pytest.raises(SourceError):
        source.read()
