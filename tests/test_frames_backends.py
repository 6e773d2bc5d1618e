"""Backend details the contract cannot see: pacing, skipping, looping, determinism, errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from gmi_trainer.clock import SimulatedClock
from gmi_trainer.frames import NoCameraError, SourceEnded, SourceError, SourceState, open_source
from gmi_trainer.frames.synthetic import LEFT_SLEEVE_BGR, RIGHT_SLEEVE_BGR, SHIRT_BGR, SyntheticSource
from gmi_trainer.frames.video_file import VideoFileSource
from test_frames_contract import write_clip


def brightness_frame_number(image: np.ndarray) -> int:
    return int(round(float(image.mean()) / 10.0))


def test_synthetic_is_paced_by_the_clock_and_drops_to_the_newest_frame() -> None:
    clock = SimulatedClock(100.0)
    source = SyntheticSource(clock, size_px=(320, 240), fps=30.0)
    source.open()
    first = source.read()
    assert first is not None and first.index == 0 and first.timestamp_s == pytest.approx(100.0)
    assert source.read() is None
    clock.advance(1 / 30)
    assert source.read().index == 1  # type: ignore[union-attr]
    clock.advance(0.2)
    late = source.read()
    assert late is not None and late.index == 7
    assert late.timestamp_s == pytest.approx(100.0 + 7 / 30)


def test_synthetic_frames_are_deterministic_and_the_midline_is_true() -> None:
    clock = SimulatedClock()
    a = SyntheticSource(clock, size_px=(640, 480), fps=30.0)
    b = SyntheticSource(clock, size_px=(640, 480), fps=30.0)
    for index in (0, 17, 95):
        image = a.render(index)
        assert np.array_equal(image, b.render(index))
        # The shirt is drawn symmetric about the stated midline.
        row = image[int(0.8 * 480)]
        shirt_columns = np.flatnonzero(np.all(row == SHIRT_BGR, axis=1))
        centre_px = (shirt_columns[0] + shirt_columns[-1] + 1) / 2.0
        assert abs(centre_px - a.midline_x_px(index)) <= 1.0
    assert a.midline_x_px(60) != a.midline_x_px(0), "the figure should sway"


def test_synthetic_patients_left_arm_is_on_the_image_right() -> None:
    source = SyntheticSource(SimulatedClock(), size_px=(640, 480), fps=30.0)
    image = source.render(30)  # arm half-way up
    midline_px = source.midline_x_px(30)
    columns_left = np.flatnonzero(np.all(image == LEFT_SLEEVE_BGR, axis=2).any(axis=0))
    columns_right = np.flatnonzero(np.all(image == RIGHT_SLEEVE_BGR, axis=2).any(axis=0))
    assert columns_left.min() > midline_px
    assert columns_right.max() < midline_px


def test_synthetic_can_move_a_photograph() -> None:
    picture = np.zeros((100, 80, 3), dtype=np.uint8)
    picture[:, :40] = 255
    source = SyntheticSource(SimulatedClock(), size_px=(320, 200), fps=30.0, picture=picture, picture_midline_x_px=40)
    for index in (0, 40):
        image = source.render(index)
        midline_px = int(round(source.midline_x_px(index)))
        assert image[100, midline_px - 2].tolist() == [255, 255, 255]
        assert image[100, midline_px + 2].tolist() == [0, 0, 0]


def test_video_file_is_paced_to_its_own_rate_and_skips_when_late(tmp_path: Path) -> None:
    clip = write_clip(tmp_path / "ten_fps.avi", 20, 10.0)
    clock = SimulatedClock()
    source = VideoFileSource(clip, clock)
    source.open()
    assert source.fps == pytest.approx(10.0)
    assert source.size_px == (160, 120)
    first = source.read()
    assert first is not None and brightness_frame_number(first.image) == 0
    clock.advance(0.05)
    assert source.read() is None, "frame 1 is not due until 0.1 s"
    clock.advance(0.3)
    late = source.read()
    assert late is not None and late.index == 3 and brightness_frame_number(late.image) == 3
    assert late.timestamp_s == pytest.approx(0.3)


def test_video_file_ends_clearly_without_loop(tmp_path: Path) -> None:
    clock = SimulatedClock()
    source = VideoFileSource(write_clip(tmp_path / "short.avi", 5, 10.0), clock, loop=False)
    source.open()
    clock.advance(0.45)
    assert source.read().index == 4  # type: ignore[union-attr]
    clock.advance(0.1)
    with pytest.raises(SourceEnded):
        source.read()
    assert source.state is SourceState.ENDED
    assert "ended" in (source.problem or "")
    with pytest.raises(SourceEnded):
        source.read()


def test_video_file_loops_with_a_running_index(tmp_path: Path) -> None:
    clock = SimulatedClock()
    source = VideoFileSource(write_clip(tmp_path / "loop.avi", 5, 10.0), clock, loop=True)
    source.open()
    clock.advance(0.75)
    frame = source.read()
    assert frame is not None and frame.index == 7
    assert brightness_frame_number(frame.image) == 2
    clock.advance(0.5)
    frame = source.read()
    assert frame is not None and frame.index == 12 and brightness_frame_number(frame.image) == 2


def test_factory_opens_each_kind_and_explains_failures(tmp_path: Path) -> None:
    clock = SimulatedClock()
    synthetic = open_source("synthetic", clock)
    assert synthetic.state is SourceState.LIVE and synthetic.size_px == (640, 480)
    clip = open_source(str(write_clip(tmp_path / "c.avi", 3, 10.0)), clock)
    assert clip.state is SourceState.LIVE and "c.avi" in clip.description
    with pytest.raises(SourceError, match="--camera"):
        open_source(str(tmp_path / "missing.mp4"), clock)
    with pytest.raises(SourceError, match="--camera"):
        open_source("  ", clock)
    with pytest.raises(NoCameraError) as caught:
        open_source("9", clock)
    message = str(caught.value)
    assert "Connect a USB webcam" in message and "synthetic" in message and "skip" in message
