"""Trial rows of a patient as CSV, one header line, columns documented in README.md."""

from __future__ import annotations

import csv
from typing import Any, Iterable, Sequence, TextIO

from gmi_trainer.core.rows import row_columns
from gmi_trainer.records.reader import SessionRecord

SESSION_COLUMNS = ("patient", "session", "session_started_at", "session_status", "plan",
                   "autopilot")
# The row types' fields: laterality's, then what imagery adds, then what mirror adds. A row
# leaves empty the columns its phase does not have.
TRIAL_COLUMNS = row_columns()
COLUMNS = SESSION_COLUMNS + TRIAL_COLUMNS


def trial_rows(sessions: Iterable[SessionRecord]) -> Iterable[dict[str, Any]]:
    for session in sessions:
        base = {
            "patient": session.manifest.get("patient"),
            "session": session.session_id,
            "session_started_at": session.manifest.get("started_at"),
            "session_status": session.status,
            "plan": (session.manifest.get("plan") or {}).get("name"),
            "autopilot": session.autopilot or "",
        }
        for trial in session.trials:
            yield {**base, **{column: trial.get(column) for column in TRIAL_COLUMNS}}


def write_csv(sessions: Iterable[SessionRecord], out: TextIO) -> int:
    return _write_rows(trial_rows(sessions), COLUMNS, out, extras="ignore")


def _write_rows(rows: Iterable[dict[str, Any]], columns: Sequence[str], out: TextIO,
                extras: str = "raise") -> int:
    """CSV with one header line; the number of rows written."""
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction=extras,
                            lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
        count += 1
    return count


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        # One cell per row: e.g. imagined-movement durations as "4210.5;3980.0;4102.3".
        return ";".join(str(item) for item in value)
    return value


# `gmi-trainer export --what sessions`: one row per session, documented in README.md.
SESSION_ROW_COLUMNS = (
    "patient", "session", "started_at", "ended_at", "status", "autopilot", "plan", "stage",
    "affected_side", "active_s", "pain_before", "pain_after", "laterality_accuracy",
    "laterality_median_rt_ms", "left_accuracy", "left_median_rt_ms", "right_accuracy",
    "right_median_rt_ms", "imagery_median_movement_ms", "imagery_movements",
    "mirror_minutes", "mirror_repetitions", "note", "unusual", "counted", "not_counted_reason",
    "pain_alert",
)


def session_rows(sessions: Iterable[SessionRecord]) -> Iterable[dict[str, Any]]:
    from gmi_trainer.records.history import session_facts

    for session in sessions:
        facts = session_facts(session)
        sides = facts.laterality_sides
        yield {
            "patient": session.manifest.get("patient"), "session": session.session_id,
            "started_at": session.manifest.get("started_at"),
            "ended_at": session.manifest.get("ended_at"), "status": session.status,
            "autopilot": session.autopilot or "", "plan": facts.plan, "stage": facts.stage,
            "affected_side": (session.manifest.get("profile") or {}).get("affected_side"),
            "active_s": facts.active_s, "pain_before": facts.pain_before,
            "pain_after": facts.pain_after,
            "laterality_accuracy": _round(facts.laterality_accuracy, 4),
            "laterality_median_rt_ms": _round(facts.laterality_rt_ms, 1),
            **{f"{side}_{name}": _round(getattr(sides[side], key), digits) if side in sides else None
               for side in ("left", "right")
               for name, key, digits in (("accuracy", "accuracy", 4),
                                         ("median_rt_ms", "median_rt_ms", 1))},
            "imagery_median_movement_ms": _round(facts.imagery_median_ms, 1),
            "imagery_movements": facts.imagery_movements,
            "mirror_minutes": round(facts.mirror_minutes, 2),
            "mirror_repetitions": facts.mirror_repetitions,
            "note": facts.note, "unusual": list(facts.unusual),
            # The one adherence rule (SessionFacts.counts), and why not when it did not count.
            "counted": facts.counts, "not_counted_reason": facts.not_counted_reason,
            "pain_alert": list(facts.pain_alert),
        }


def write_sessions_csv(sessions: Iterable[SessionRecord], out: TextIO) -> int:
    return _write_rows(session_rows(sessions), SESSION_ROW_COLUMNS, out)


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)
