"""The one clock every part of the program shares.

Everything that measures time (display flips, key presses, camera frames, records) reads
the same monotonic clock, passed in as an argument, so that a response time is a plain
difference of two readings and a test can drive time by hand.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale; only differences are meaningful."""
        ...

    def sleep(self, seconds: float) -> None: ...


class MonotonicClock:
    """The real clock: time.perf_counter, which is monotonic and the finest available."""

    def now(self) -> float:
        return time.perf_counter()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


class SimulatedClock:
    """A clock that moves only when told, so a 15-minute session can run in seconds."""

    def __init__(self, start_s: float = 0.0) -> None:
        self._now_s = start_s

    def now(self) -> float:
        return self._now_s

    def sleep(self, seconds: float) -> None:
        self.advance(seconds)

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._now_s += seconds
