"""Tracking off the display path: a thread that always works on the newest frame.

Pose tracking is slower than the camera. The display loop hands every frame to `submit`
(which never waits) and reads `latest()` (which never waits); the worker processes the
newest frame it was given and silently drops any it had no time for, so tracking results
are as fresh as possible and the picture on screen is never held back by the tracker.
"""

from __future__ import annotations

import collections
import threading
from dataclasses import dataclass
from typing import Callable

from gmi_trainer.clock import Clock
from gmi_trainer.frames.frame import Frame
from gmi_trainer.tracking.landmarks import Landmarks
from gmi_trainer.tracking.one_euro import LandmarkSmoother
from gmi_trainer.tracking.tracker import Tracker


@dataclass(frozen=True)
class TrackingResult:
    """What the tracker found in one frame; `landmarks` is None when nothing was found."""

    frame_index: int
    frame_timestamp_s: float
    landmarks: Landmarks | None
    finished_s: float
    processing_ms: float


class TrackingWorker:
    def __init__(
        self,
        tracker: Tracker,
        clock: Clock,
        smoother: LandmarkSmoother | None = None,
        on_result: Callable[[TrackingResult], None] | None = None,
        rate_window: int = 30,
    ) -> None:
        self._tracker = tracker
        self._clock = clock
        self._smoother = smoother
        self._on_result = on_result
        self._condition = threading.Condition()
        self._pending: Frame | None = None
        self._latest: TrackingResult | None = None
        self._running = False
        self._thread: threading.Thread | None = None
        self._finish_times_s: collections.deque[float] = collections.deque(maxlen=rate_window)
        self.processed_count = 0
        self.dropped_count = 0
        self.error: BaseException | None = None

    def start(self) -> None:
        with self._condition:
            if self._running:
                return
            self._running = True
        self._thread = threading.Thread(target=self._run, name="tracking", daemon=True)
        self._thread.start()

    @property
    def tracker(self) -> Tracker:
        """The tracker this worker runs; its owner closes it after `stop()`."""
        return self._tracker

    def stop(self, timeout_s: float = 2.0) -> None:
        with self._condition:
            self._running = False
            self._condition.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=timeout_s)
            self._thread = None

    def __enter__(self) -> "TrackingWorker":
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def submit(self, frame: Frame) -> None:
        """Offer a frame; replaces any frame still waiting (that one is counted as dropped)."""
        with self._condition:
            if self._pending is not None:
                self.dropped_count += 1
            self._pending = frame
            self._condition.notify()

    def latest(self) -> TrackingResult | None:
        with self._condition:
            return self._latest

    @property
    def tracking_rate_hz(self) -> float:
        """Results per second over the last `rate_window` results."""
        with self._condition:
            times = list(self._finish_times_s)
        if len(times) < 2 or times[-1] <= times[0]:
            return 0.0
        return (len(times) - 1) / (times[-1] - times[0])

    def _run(self) -> None:
        while True:
            with self._condition:
                while self._running and self._pending is None:
                    self._condition.wait(timeout=0.1)
                if not self._running:
                    return
                frame, self._pending = self._pending, None
            assert frame is not None
            started_s = self._clock.now()
            try:
                landmarks = self._tracker.process(frame)
            except Exception as error:  # noqa: BLE001 - reported to the display, never crashes it
                with self._condition:
                    self.error = error
                    self._running = False
                return
            if self._smoother is not None:
                landmarks = self._smoother.smooth(landmarks, frame.timestamp_s)
            finished_s = self._clock.now()
            result = TrackingResult(
                frame_index=frame.index,
                frame_timestamp_s=frame.timestamp_s,
                landmarks=landmarks,
                finished_s=finished_s,
                processing_ms=(finished_s - started_s) * 1000.0,
            )
            with self._condition:
                self._latest = result
                self.processed_count += 1
                self._finish_times_s.append(finished_s)
            if self._on_result is not None:
                self._on_result(result)


class InlineTracking:
    """The worker's interface with no thread: each submitted frame is tracked at once.

    On a simulated clock a thread cannot keep pace (simulated minutes pass in wall
    milliseconds), and its results would depend on thread timing; tracked in line, a
    headless session gives the same results on every run. Only for fast trackers.
    """

    def __init__(self, tracker: Tracker, clock: Clock) -> None:
        self._tracker = tracker
        self._clock = clock
        self._latest: TrackingResult | None = None
        self.processed_count = 0

    @property
    def tracker(self) -> Tracker:
        return self._tracker

    def start(self) -> None:
        pass

    def stop(self, timeout_s: float = 2.0) -> None:
        pass

    def submit(self, frame: Frame) -> None:
        started_s = self._clock.now()
        landmarks = self._tracker.process(frame)
        finished_s = self._clock.now()
        self._latest = TrackingResult(frame.index, frame.timestamp_s, landmarks, finished_s,
                                      (finished_s - started_s) * 1000.0)
        self.processed_count += 1

    def latest(self) -> TrackingResult | None:
        return self._latest
