"""Figures drawn from a patient's earlier sessions: today's count, laterality history and
the progress table."""

from __future__ import annotations

from datetime import date
from typing import Any, Sequence

from gmi_trainer.records import format as fmt
from gmi_trainer.records.reader import SessionRecord

STATUS_WORDS = {
    fmt.STATUS_COMPLETE: "complete",
    fmt.STATUS_ENDED_EARLY: "ended early",
    fmt.STATUS_INCOMPLETE: "incomplete",
}


def sessions_on(sessions: Sequence[SessionRecord], day: date) -> list[SessionRecord]:
    return [s for s in sessions if s.started_at.astimezone().date() == day]


def done_count(sessions: Sequence[SessionRecord]) -> int:
    """Sessions that count towards today's plan: finished, or ended early by choice."""
    return sum(1 for s in sessions if s.status != fmt.STATUS_INCOMPLETE and not s.autopilot)


def laterality_history(sessions: Sequence[SessionRecord]) -> list[dict[str, Any]]:
    """Finished laterality blocks of earlier sessions, oldest first."""
    return [b for b in block_history(sessions) if b.get("phase") == "laterality"]


def block_history(sessions: Sequence[SessionRecord]) -> list[dict[str, Any]]:
    """Block summaries of earlier sessions, oldest first, each with its `date`: finished
    laterality blocks, and imagery blocks that imagined anything (an unfinished imagery
    block still says which postures hurt, which later sessions may leave out)."""
    history = []
    for session in sessions:
        if session.autopilot:
            continue
        for block in (session.manifest.get("summary") or {}).get("blocks", []):
            phase = block.get("phase")
            if phase == "laterality" and block.get("complete") \
                    or phase == "imagery" and block.get("by_posture"):
                history.append({**block, "date": session.started_at.strftime("%d %b")})
    return history


def progress_rows(sessions: Sequence[SessionRecord]) -> list[tuple[str, ...]]:
    rows = []
    for session in reversed(sessions):
        before, after = session.pain("before"), session.pain("after")
        pain = f"{_dash(before)} -> {_dash(after)}"
        blocks = [b for b in (session.manifest.get("summary") or {}).get("blocks", [])
                  if b.get("phase") == "laterality" and b.get("accuracy") is not None]
        if blocks:
            laterality = ", ".join(f"{b['accuracy']:.0%}"
                                   + (f" {b['median_rt_ms'] / 1000:.2f} s" if b.get("median_rt_ms") else "")
                                   for b in blocks)
        else:
            trials = [t for t in session.trials if t.get("phase") == "laterality" and not t.get("practice")]
            laterality = f"{len(trials)} pictures" if trials else "-"
        imagery = [b for b in (session.manifest.get("summary") or {}).get("blocks", [])
                   if b.get("phase") == "imagery" and b.get("pictures_done")]
        minutes = session.manifest.get("active_s")
        rows.append((
            session.started_at.strftime("%a %d %b %H:%M"),
            STATUS_WORDS[session.status] + (" (autopilot)" if session.autopilot else ""),
            f"{minutes / 60:.0f} min" if minutes else "-",
            pain,
            laterality,
            ", ".join(_imagery_cell(b) for b in imagery) or "-",
        ))
    return rows


def _imagery_cell(block: dict[str, Any]) -> str:
    """Median imagined-movement time and pictures done, e.g. "4.1 s, 6 pics"."""
    median_ms = block.get("median_movement_ms")
    speed = "-" if median_ms is None else f"{median_ms / 1000:.1f} s"
    return f"{speed}, {block.get('pictures_done', 0)} pics"


def _dash(value: Any) -> str:
    return "-" if value is None else str(value)
