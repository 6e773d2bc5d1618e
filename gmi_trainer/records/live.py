"""Figures of a session while it runs, from its own record files, for the therapist's panel,
and the reader that finds the patient's running session and follows it to its end."""

from __future__ import annotations

import math
import statistics
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Iterable, Sequence

from gmi_trainer.i18n import _, format_moment, plan_text
from gmi_trainer.records.history import session_facts
from gmi_trainer.records.reader import CorruptRecord, read_patient, read_session


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
    paused = 0
    for event in events:
        if event.get("event") == "pause":
            paused += 1
        elif event.get("event") == "resume":
            paused -= 1
    ended = any(e.get("event") == "session_end" for e in events)
    return {
        "current": current_step(events),
        "paused": paused > 0 and not ended,  # ended from the pause box: ended, not paused
        "ended": ended,
        "laterality_trials": len(tests), "practice_trials": sum(
            1 for t in trials if t.get("phase") == "laterality" and t.get("practice")),
        "timeouts": len(tests) - len(answered),
        "accuracy": round(len(correct) / len(answered), 3) if answered else None,
        "median_rt_ms": _median(t.get("rt_ms") for t in correct),
        "left": side("left"), "right": side("right"),
        "imagery_pictures": len(imagery), "imagery_median_ms": _median(movements),
        "mirror_exercises": len(mirror),
        "mirror_repetitions": sum(_count(t.get("reps_counted")) for t in mirror),
        "pain_before": _pain(events, "before"),
        "pain_after": _pain(events, "after"),
        # Every note of the session, oldest first: the panel keeps them after the session ends.
        "notes": [str(e.get("text")) for e in events if e.get("event") == "therapist_note"],
        "patient_note": next((str(e["text"]) for e in events if e.get("event") == "note"
                              and isinstance(e.get("text"), str) and e["text"].strip()), ""),
        # The session's pain alert (the patient was told to stop for today), with why.
        "pain_alert": next(([str(r) for r in e.get("reasons") or []] for e in events
                            if e.get("event") == "pain_alert"), []),
    }


def _pain(events: Sequence[dict[str, Any]], moment: str) -> int | None:
    return next((e.get("value") for e in events if e.get("event") == "pain"
                 and e.get("moment") == moment and _count(e.get("value")) == e.get("value")), None)


def current_step(events: Sequence[dict[str, Any]]) -> str:
    """What the patient's screen is on, from the latest event that moves the session on: a
    block that started, ended or was skipped by the therapist (with the step that follows
    it), the closing questions, the end. Read from what happened, not from the plan, so a
    skipped block is never shown as running."""
    now = _("before the first block")
    titles: dict[tuple[Any, Any], str] = {}
    for event in events:
        kind = event.get("event")
        if kind == "block_start":
            title = plan_text(str(event.get("title"))) if event.get("title") else _("a block")
            titles[(event.get("phase"), event.get("block"))] = title
            now = _("{title} (skipped: nothing to show)").format(title=title) if event.get("skipped") else title
        elif kind == "block_end":
            title = titles.get((event.get("phase"), event.get("block")), _("the block"))
            now = _("{title} finished; the next step's instructions").format(title=title)
        elif kind == "block_skipped":
            following = event.get("next")
            step = event.get("step")
            now = _("{step} skipped by the therapist").format(
                step=plan_text(str(step)) if step else _("the block")) + (
                _("; next: {following}").format(following=plan_text(following))
                if isinstance(following, str) and following else "")
        elif kind == "end_early":
            now = _("ending early: the closing questions")
        elif kind == "pain" and event.get("moment") == "after":
            now = _("the closing questions")
        elif kind == "session_end":
            now = _("the session has ended")
    return now


def running_session(patient_dir: Path) -> Path | None:
    """The newest session of the patient that has not ended."""
    candidates = sorted((p for p in patient_dir.iterdir() if p.is_dir()
                         and not p.name.startswith(".")), reverse=True) if patient_dir.is_dir() else []
    for folder in candidates[:3]:
        try:
            record = read_session(folder)
        except CorruptRecord:
            continue
        if record.manifest.get("status") == "in_progress":
            return folder
    return None


def recent_alerts(data_dir: Path, patient: str, days: int = 7,
                  today: date | None = None) -> list[str]:
    """The patient's pain alerts of the last `days` days, newest first, one line each."""
    sessions, _ = read_patient(data_dir, patient, rows=False)
    since = (today or datetime.now().astimezone().date()) - timedelta(days=days - 1)
    facts = [f for f in map(session_facts, sessions) if f.pain_alert and f.by_person
             and f.day >= since]
    return [f"{format_moment(f.started_at, year=False)}: {'; '.join(f.pain_alert)}" for f in reversed(facts)]


class LiveReader:
    """The therapist panel's view of a patient's records: the running session's figures,
    and once it has ended, still that session's (its figures and notes stay on the panel
    until a new session starts or the panel is closed)."""

    def __init__(self, data_dir: Path, patient: str, today: date | None = None) -> None:
        self.data_dir, self.patient, self.today = data_dir, patient, today
        self.folder: Path | None = None  # the session followed, running or ended
        self.ended = False
        self._alerts_for: object = object()
        self._alerts: list[str] = []

    def follow(self, folder: Path) -> None:
        """Follow this session of the patient's, as if the panel had been open while it ran
        (the screens tour shows the panel after a session it recorded)."""
        self.folder = folder

    def read(self) -> tuple[str, dict[str, Any]]:
        """(the followed session's folder name or "", its figures and the recent alerts)."""
        running = running_session(self.data_dir / self.patient)
        if running is not None:
            self.folder = running
        if self.folder != self._alerts_for:  # earlier sessions change only between sessions
            self._alerts_for = self.folder
            self._alerts = recent_alerts(self.data_dir, self.patient, today=self.today)
        if self.folder is None:
            return "", {"recent_alerts": self._alerts}
        try:
            record = read_session(self.folder)
        except CorruptRecord:
            return "", {"recent_alerts": self._alerts}
        figures = live_figures(record.trials, record.events)
        # A session that stopped without its end event (the program was closed or died)
        # has ended too: nothing will be added to it.
        figures["ended"] = figures["ended"] or running is None
        self.ended = bool(figures["ended"])
        return self.folder.name, {**figures, "recent_alerts": self._alerts}
