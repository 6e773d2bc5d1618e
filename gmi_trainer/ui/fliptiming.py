"""What the display's flips say about its refresh: measured, never assumed.

pygame has no portable way to learn whether a flip waits for the vertical blank, and the
refresh rate the desktop reports is the mode's nominal one. So the window flips the same
frame a few dozen times back to back and times the flips: with vsync in effect they come
one refresh apart, evenly; without it they return as fast as the frame can be copied.
"""

from __future__ import annotations

import statistics
from typing import Any, Callable, Sequence

from gmi_trainer.clock import Clock

FLIP_SAMPLES = 30
# No display refreshes faster than 400 Hz: flips closer than this do not wait for a refresh.
NO_WAIT_BELOW_S = 0.0025
# Flips paced by a refresh are even: the middle 80% of intervals within 15% of the median.
EVEN_SPREAD = 0.15
# A measured rate agrees with the desktop's reported one within 5%.
AGREE = 0.05


def time_flips(flip: Callable[[], None], clock: Clock, count: int = FLIP_SAMPLES) -> list[float]:
    """Flip `count + 1` times back to back; the `count` intervals between them, in seconds."""
    stamps = []
    for _ in range(count + 1):
        flip()
        stamps.append(clock.now())
    return [b - a for a, b in zip(stamps, stamps[1:])]


def _percentile(ordered: Sequence[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def flip_report(intervals_s: Sequence[float], vsync_requested: bool,
                reported_hz: float | None) -> dict[str, Any]:
    """The manifest's account of the flips: the interval's median and spread (ms), whether
    vsync is in effect (true, false or "unknown") and the refresh rate measured from the
    intervals (or "unknown" when the flips do not follow the refresh)."""
    report: dict[str, Any] = {"vsync_requested": vsync_requested,
                              "reported_refresh_hz": reported_hz, "flip_samples": len(intervals_s)}
    if len(intervals_s) < 5:
        return {**report, "vsync": "unknown", "refresh_hz": "unknown", "flip_interval_ms": None}
    ordered = sorted(intervals_s)
    median_s = statistics.median(ordered)
    p10_s, p90_s = _percentile(ordered, 0.1), _percentile(ordered, 0.9)
    report["flip_interval_ms"] = {"median": round(median_s * 1000, 3),
                                  "p10": round(p10_s * 1000, 3), "p90": round(p90_s * 1000, 3),
                                  "max": round(ordered[-1] * 1000, 3)}
    even = p90_s - p10_s <= EVEN_SPREAD * median_s
    agrees = bool(reported_hz) and abs(1 / median_s - reported_hz) <= AGREE * reported_hz  # type: ignore[operator]
    if not vsync_requested or median_s < NO_WAIT_BELOW_S:
        vsync: Any = False
    elif even and agrees:
        vsync = True
    else:
        # Slow, even flips with no reported rate to compare could be a slow copy as well
        # as a refresh: say so rather than guess.
        vsync = "unknown"
    report["vsync"] = vsync
    report["refresh_hz"] = round(1 / median_s, 2) if vsync is True else "unknown"
    return report
