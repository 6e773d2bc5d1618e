"""Figures of a session while it runs, from its own record files, for the therapist's panel."""

from __future__ import annotations

import math
import statistics
from typing import Any, Iterable, Sequence


def _median(values: Iterable[Any]) -> float | None:
    """The median of the values that are numbers: a session's files are read while it is
    being written, and the panel must survive any row."""
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)
               and math.isfinite(v)]
    return round(statistics.median(numbers), 1) if numbers else None


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def live_figures(trials: Sequence[dict[str, Any]], events: Sequence[dict[str, Any]]) -> dict[str, Any]:
    tests = [t for t in trials if t.get("phase") == "laterality" and not t.get("practice")]
    answered = [t for t in tests if not t.get("timed_out")]
    correct = [t for t in answered if t.get("correct")]

    def side(name: str) -> dict[str, Any]:
        mine = [t for t in answered if t.get("true_side") == name]
        right = [t for t in mine if t.get("correct")]
        return {"answered": len(mine),
                "accuracy": round(len(right) / len(mine), 3) if mine else None,
                "median_rt_ms": _median(t.get("rt_ms") for t in right)}

    imagery = [t for t in trials if t.get("phase") == "imagery"]
    mirror = [t for t in trials if t.get("phase") == "mirror"]
    movements = [ms for t in imagery if isinstance(t.get("movement_ms"), list)
                 for ms in t["movement_ms"]]
    started = [e for e in events if e.get("event") == "block_start"]
    paused = 0
    for event in events:
        if event.get("event") == "pause":
            paused += 1
        elif event.get("event") == "resume":
            paused -= 1
    return {
        "current": started[-1].get("title") if started else "before the first block",
        "paused": paused > 0,
        "ended": any(e.get("event") == "session_end" for e in events),
        "laterality_trials": len(tests), "practice_trials": sum(
            1 for t in trials if t.get("phase") == "laterality" and t.get("practice")),
        "timeouts": len(tests) - len(answered),
        "accuracy": round(len(correct) / len(answered), 3) if answered else None,
        "median_rt_ms": _median(t.get("rt_ms") for t in correct),
        "left": side("left"), "right": side("right"),
        "imagery_pictures": len(imagery), "imagery_median_ms": _median(movements),
        "mirror_exercises": len(mirror),
        "mirror_repetitions": sum(_count(t.get("reps_counted")) for t in mirror),
        "pain_before": next((e.get("value") for e in events if e.get("event") == "pain"
                             and e.get("moment") == "before"
                             and _count(e.get("value")) == e.get("value")), None),
        "notes": [str(e.get("text")) for e in events if e.get("event") == "therapist_note"][-3:],
        # The session's pain alert (the patient was told to stop for today), with why.
        "pain_alert": next(([str(r) for r in e.get("reasons") or []] for e in events
                            if e.get("event") == "pain_alert"), []),
    }
