"""The tracking worker never holds up its caller and always works on the newest frame."""

from __future__ import annotations

import time

import numpy as np

from gmi_trainer.clock import MonotonicClock
from gmi_trainer.frames import Frame
from gmi_trainer.tracking import POSE, POSE_KEYPOINTS, Landmarks, Tracker, TrackingWorker


class SlowTracker:
    """Takes 40 ms per frame and reports the frame's index in the nose x, to trace results."""

    def __init__(self, delay_s: float = 0.04, fail_on_index: int | None = None) -> None:
        self.delay_s = delay_s
        self.fail_on_index = fail_on_index
        self.seen: list[int] = []

    @property
    def name(self) -> str:
        return "slow-fake"

    def process(self, frame: Frame) -> Landmarks | None:
        if frame.index == self.fail_on_index:
            raise RuntimeError("model crashed")
        time.sleep(self.delay_s)
        self.seen.append(frame.index)
        xy = np.full((len(POSE_KEYPOINTS), 2), frame.index / 1000.0)
        return Landmarks(POSE, POSE_KEYPOINTS, xy, np.ones(len(POSE_KEYPOINTS)), (frame.width_px, frame.height_px))

    def close(self) -> None:
        pass


def frame(index: int, clock: MonotonicClock) -> Frame:
    return Frame(np.zeros((48, 64, 3), dtype=np.uint8), clock.now(), index)


def test_worker_drops_stale_frames_and_never_blocks_the_caller() -> None:
    clock = MonotonicClock()
    tracker = SlowTracker()
    assert isinstance(tracker, Tracker)
    worker = TrackingWorker(tracker, clock)
    worker.start()
    try:
        slowest_submit_s = 0.0
        for index in range(60):  # 60 frames at about 100 fps
            started_s = clock.now()
            worker.submit(frame(index, clock))
            worker.latest()
            slowest_submit_s = max(slowest_submit_s, clock.now() - started_s)
            time.sleep(0.01)
        deadline_s = clock.now() + 1.0
        while clock.now() < deadline_s and (worker.latest() is None or worker.latest().frame_index != 59):  # type: ignore[union-attr]
            time.sleep(0.01)
    finally:
        worker.stop()
    assert slowest_submit_s < 0.02
    result = worker.latest()
    assert result is not None and result.frame_index == 59, "the newest frame is always processed"
    assert result.landmarks is not None and result.landmarks.xy_norm[0, 0] == 0.059
    assert result.processing_ms >= 35.0
    assert worker.dropped_count > 20
    assert worker.processed_count + worker.dropped_count == 60
    assert tracker.seen == sorted(tracker.seen)
    assert 10.0 < worker.tracking_rate_hz < 30.0


def test_a_tracker_crash_is_reported_not_raised() -> None:
    clock = MonotonicClock()
    results: list[int] = []
    worker = TrackingWorker(SlowTracker(delay_s=0.0, fail_on_index=3), clock, on_result=lambda r: results.append(r.frame_index))
    with worker:
        for index in range(5):
            worker.submit(frame(index, clock))
            time.sleep(0.02)
    assert isinstance(worker.error, RuntimeError)
    assert results == [0, 1, 2], "nothing is processed after the crash"
    assert worker.latest() is not None and worker.latest().frame_index == 2  # type: ignore[union-attr]
