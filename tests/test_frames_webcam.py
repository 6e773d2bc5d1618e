"""The webcam's grab thread, stall detection and reconnects, driven by a fake capture.

No device is needed: WebcamSource accepts a capture factory, and the fake below behaves
like cv2.VideoCapture (grab blocks for one frame period, retrieve returns the picture).
"""

from __future__ import annotations

import threading
import time
from typing import Any

import numpy as np
import pytest

from gmi_trainer.clock import MonotonicClock
from gmi_trainer.frames import NoCameraError, SourceError, SourceState
from gmi_trainer.frames.webcam import WebcamSource


class FakeCapture:
    def __init__(self, frame_period_s: float = 1 / 60, stall_after_frames: int | None = None, hang: bool = False):
        self.frame_period_s = frame_period_s
        self.stall_after_frames = stall_after_frames
        self.hang = hang
        self.frames_grabbed = 0
        self.released = threading.Event()
        self.properties: dict[int, float] = {}

    def isOpened(self) -> bool:  # noqa: N802 - mirrors cv2.VideoCapture
        return True

    def set(self, prop: int, value: float) -> bool:
        self.properties[prop] = value
        return True

    def get(self, prop: int) -> float:
        return self.properties.get(prop, 0.0)

    def grab(self) -> bool:
        if self.stall_after_frames is not None and self.frames_grabbed >= self.stall_after_frames:
            if self.hang:
                self.released.wait(5.0)  # a driver call that does not return
            time.sleep(0.01)
            return False
        time.sleep(self.frame_period_s)
        self.frames_grabbed += 1
        return True

    def retrieve(self) -> tuple[bool, np.ndarray]:
        return True, np.full((48, 64, 3), self.frames_grabbed % 256, dtype=np.uint8)

    def release(self) -> None:
        self.released.set()


class FakeCameraFactory:
    """Hands out the given captures in turn, then None (no camera)."""

    def __init__(self, *captures: FakeCapture | None) -> None:
        self.captures = list(captures)
        self.calls = 0

    def __call__(self, device_index: int) -> Any:
        self.calls += 1
        return self.captures.pop(0) if self.captures else None


def wait_for(predicate: Any, timeout_s: float) -> float:
    start_s = time.perf_counter()
    while time.perf_counter() - start_s < timeout_s:
        if predicate():
            return time.perf_counter() - start_s
        time.sleep(0.005)
    raise AssertionError(f"condition not met within {timeout_s} s")


def make_source(factory: FakeCameraFactory, **options: Any) -> WebcamSource:
    return WebcamSource(0, MonotonicClock(), capture_factory=factory, **options)


def test_keeps_only_the_newest_frame_and_sets_a_one_frame_buffer() -> None:
    import cv2

    capture = FakeCapture(frame_period_s=0.002)
    source = make_source(FakeCameraFactory(capture))
    source.open()
    try:
        assert capture.properties[cv2.CAP_PROP_BUFFERSIZE] == 1
        wait_for(lambda: capture.frames_grabbed > 20, 2.0)
        frame = source.read()
        assert frame is not None
        assert frame.index >= 15, "older frames were skipped, not queued"
        assert frame.index >= capture.frames_grabbed - 3
    finally:
        source.close()
    assert capture.released.is_set()


def test_a_stopped_camera_is_reported_within_one_second_and_reconnects() -> None:
    stalling = FakeCapture(stall_after_frames=10)
    healthy = FakeCapture()
    source = make_source(FakeCameraFactory(stalling, healthy), stall_timeout_s=0.5, reconnect_interval_s=0.05)
    source.open()
    try:
        wait_for(lambda: stalling.frames_grabbed >= 10, 2.0)
        stalled_at_s = time.perf_counter()

        def reported() -> bool:
            source.read()
            return source.state is not SourceState.LIVE

        wait_for(reported, 1.0)
        assert time.perf_counter() - stalled_at_s <= 1.0
        assert "camera stopped" in (source.problem or "")
        wait_for(lambda: source.state is SourceState.LIVE, 2.0)
        assert source.reconnect_count == 1
        assert source.problem is None
        frame = None
        for _ in range(100):
            frame = source.read() or frame
            time.sleep(0.005)
        assert frame is not None
    finally:
        source.close()


def test_a_hung_driver_call_is_still_reported_within_one_second() -> None:
    hanging = FakeCapture(stall_after_frames=5, hang=True)
    source = make_source(FakeCameraFactory(hanging, FakeCapture()), stall_timeout_s=0.5)
    source.open()
    try:
        wait_for(lambda: hanging.frames_grabbed >= 5, 2.0)

        def reported() -> bool:
            source.read()
            return source.state is SourceState.RECONNECTING

        assert wait_for(reported, 1.0) <= 1.0
    finally:
        hanging.released.set()
        source.close()


def test_gives_up_after_the_reconnect_attempts_with_a_clear_message() -> None:
    factory = FakeCameraFactory(FakeCapture(stall_after_frames=3))
    source = make_source(factory, stall_timeout_s=0.2, reconnect_attempts=3, reconnect_interval_s=0.02)
    source.open()
    try:
        wait_for(lambda: source.state is SourceState.FAILED, 3.0)
        assert factory.calls == 1 + 3
        with pytest.raises(SourceError, match="did not come back after 3 tries"):
            source.read()
    finally:
        source.close()


def test_no_camera_at_all_raises_no_camera_error() -> None:
    source = make_source(FakeCameraFactory(None))
    with pytest.raises(NoCameraError, match="--camera synthetic"):
        source.open()
