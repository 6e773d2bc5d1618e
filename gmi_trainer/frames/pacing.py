"""Which frame of a fixed-rate stream is due now, so files and synthetic frames behave live."""

from __future__ import annotations

import math


def due_frame_index(start_s: float, now_s: float, fps: float) -> int:
    """Index of the newest frame due at `now_s` for a stream that began at `start_s`.

    A small epsilon keeps a reading taken exactly on a frame boundary from rounding down
    because of floating-point error (0.1 * 30 is 2.9999999999999996).
    """
    if fps <= 0:
        raise ValueError("fps must be positive")
    return int(math.floor((now_s - start_s) * fps + 1e-6))


def due_time_s(start_s: float, index: int, fps: float) -> float:
    return start_s + index / fps
