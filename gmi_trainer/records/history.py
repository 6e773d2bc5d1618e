"""Figures drawn from a patient's earlier sessions: today's count, the block history that
later sessions compare with, and each session's facts for progress (the core builds the
progress screen from those facts)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any, Sequence

from gmi_trainer.core.progress import SessionFacts, SideFacts
from gmi_trainer.i18n import format_day_month
from gmi_trainer.plans.validation import PLAN_KEYS, PlanError, parse_plan
from gmi_trainer.records.reader import SessionRecord


def sessions_on(sessions: Sequence[SessionRecord], day: date) -> list[SessionRecord]:
    return [s for s in sessions if s.started_at.astimezone().date() == day]


def done_count(sessions: Sequence[SessionRecord]) -> int:
    """Sessions that count towards the plan, by the one rule (SessionFacts.counts)."""
    return sum(1 for s in sessions if session_facts(s).counts)


def block_history(sessions: Sequence[SessionRecord]) -> list[dict[str, Any]]:
    """Block summaries of earlier sessions, oldest first, each with its `date`: finished
    laterality blocks, and imagery blocks that imagined anything (an unfinished imagery
    block still says which postures hurt, which later sessions may leave out)."""
    history = []
    for session in sessions:
        if session.autopilot and session.manifest.get("counts_as_patient") is not True:
            continue
        for block in (session.manifest.get("summary") or {}).get("blocks", []):
            phase = block.get("phase")
            if phase == "laterality" and block.get("complete") \
                    or phase == "imagery" and block.get("by_posture"):
                history.append({**block, "date": format_day_month(session.started_at)})
    return history


def weekly_days(sessions: Sequence[SessionRecord]) -> tuple[list[date], list[date]]:
    """The days the weekly measures were answered, and the days they were skipped (from
    each session's events, so a session cut off after answering them still counts)."""
    answered: list[date] = []
    skipped: list[date] = []
    for session in sessions:
        if session.autopilot and session.manifest.get("counts_as_patient") is not True:
            continue
        day = session.started_at.astimezone().date()
        kinds = {e.get("event") for e in session.events}
        summary = session.manifest.get("summary") or {}
        if "weekly" in kinds or isinstance(summary.get("weekly"), dict):
            answered.append(day)
        elif "weekly_skipped" in kinds or summary.get("weekly_skipped") is True:
            skipped.append(day)
    return answered, skipped


def session_facts(session: SessionRecord) -> SessionFacts:
    """What a session contributes to progress, from its manifest's summary; a session cut
    off before its end has no summary, so its finished laterality blocks come from the
    event log (`block_end`) instead."""
    manifest = session.manifest
    summary = manifest.get("summary") or {}
    summary_blocks = [b for b in summary.get("blocks", []) if isinstance(b, dict)]
    blocks = summary_blocks
    if not blocks:
        blocks = [{**e, "complete": True} for e in session.events
                  if e.get("event") == "block_end" and e.get("phase") == "laterality"]
    laterality = [b for b in blocks if b.get("phase") == "laterality" and b.get("complete")
                  and b.get("accuracy") is not None]
    imagery = [b for b in blocks if b.get("phase") == "imagery" and b.get("movements")]
    mirror = [b for b in blocks if b.get("phase") == "mirror"]
    sides: dict[str, SideFacts] = {}
    for side in ("left", "right"):
        figures = [b.get("by_side", {}).get(side) or {} for b in laterality]
        answered = sum(f.get("answered") or 0 for f in figures)
        sides[side] = SideFacts(_weighted(figures, "accuracy"), _weighted(figures, "median_rt_ms"),
                                answered)
    # By body part: a block's own figures per part, or, for a block of one part written
    # before blocks kept them, the block's figures.
    per_part: dict[str, list[dict[str, Any]]] = {}
    for b in laterality:
        by_part = b.get("by_part")
        if isinstance(by_part, dict) and by_part:
            for name, figs in by_part.items():
                if isinstance(figs, dict):
                    per_part.setdefault(str(name), []).append(figs)
        elif len(b.get("body_parts") or ()) == 1:
            per_part.setdefault(str(b["body_parts"][0]), []).append(b)
    parts = {name: SideFacts(_weighted(figs, "accuracy"), _weighted(figs, "median_rt_ms"),
                             sum(int(f.get("answered") or 0) for f in figs))
             for name, figs in per_part.items()}
    active = manifest.get("active_s")
    planned, minimum = manifest.get("planned_s"), manifest.get("min_active_s")
    alert = summary.get("pain_alert")
    if not alert and session.events:  # a cut-off session's alert is in its event log
        alert = next((e.get("reasons") for e in session.events
                      if e.get("event") == "pain_alert"), None)
    # The table shows the summary's blocks; a cut-off session shows how many pictures it saved.
    with_figures = [b for b in summary_blocks if b.get("phase") == "laterality"
                    and b.get("accuracy") is not None]
    pictures = 0 if with_figures else sum(
        1 for t in session.trials if t.get("phase") == "laterality" and not t.get("practice"))
    return SessionFacts(
        session_id=session.session_id, started_at=session.started_at.astimezone(),
        status=session.status, autopilot=session.autopilot,
        plan=str((manifest.get("plan") or {}).get("name") or ""),
        stage=str(manifest.get("stage") or ""),
        active_s=float(active) if isinstance(active, (int, float)) else None,
        pain_before=session.pain("before"), pain_after=session.pain("after"),
        laterality_accuracy=_weighted(laterality, "accuracy"),
        laterality_rt_ms=_weighted(laterality, "median_rt_ms"),
        laterality_sides=sides if laterality else {},
        laterality_parts=parts,
        imagery_median_ms=_weighted(imagery, "median_movement_ms", "movements"),
        imagery_movements=sum(int(b.get("movements") or 0) for b in imagery),
        mirror_minutes=float(sum(b.get("mirror_minutes") or 0 for b in mirror)),
        mirror_repetitions=int(sum(b.get("repetitions") or 0 for b in mirror)),
        note=str(summary.get("note") or ""),
        unusual=tuple(summary.get("unusual") or ()),
        phases=tuple(dict.fromkeys(str(b.get("phase")) for b in blocks
                                   if not b.get("skipped") and b.get("phase"))),
        laterality_blocks=tuple((float(b["accuracy"]), b.get("median_rt_ms"))
                                for b in with_figures),
        laterality_pictures=pictures,
        imagery_blocks=tuple((b.get("median_movement_ms"), int(b.get("pictures_done") or 0))
                             for b in summary_blocks if b.get("phase") == "imagery"
                             and b.get("pictures_done")),
        counts_as_patient=manifest.get("counts_as_patient") is True,
        stage_source=str(manifest.get("stage_source") or ""),
        planned_s=float(planned) if isinstance(planned, (int, float)) else None,
        min_active_s=float(minimum) if isinstance(minimum, (int, float)) else None,
        planned_per_day=planned_per_day(manifest.get("plan")),
        pain_alert=tuple(str(r) for r in alert) if isinstance(alert, list) else (),
        pain_before_kinds=_kinds(session, "before"), pain_after_kinds=_kinds(session, "after"),
        sensations_before=_sensations(summary.get("sensations_before")),
        bpi_interference=_weekly(session, "bpi_interference_mean"),
        pgic=_weekly(session, "pgic"),
    )


def planned_per_day(plan: Any) -> int | None:
    """How many sessions a day the session's plan asked for: the manifest's own figure, or,
    in records from before it was written there, read from the plan's text the manifest
    keeps. None when neither says (progress then counts the day against the current plan)."""
    if not isinstance(plan, dict):
        return None
    value = plan.get("sessions_per_day")
    bounds = PLAN_KEYS["sessions_per_day"]  # what a plan may ask: a damaged figure is not one
    if isinstance(value, int) and not isinstance(value, bool) and bounds.low <= value <= bounds.high:
        return value
    content = plan.get("content")
    return _per_day_in(content) if isinstance(content, str) and content else None


@lru_cache(maxsize=32)
def _per_day_in(plan_text: str) -> int | None:
    """A plan's sessions a day, from its text (a patient's sessions share a few plans, so
    each is read once)."""
    try:
        return parse_plan(plan_text).sessions_per_day
    except (PlanError, ValueError, TypeError, RecursionError):
        return None  # a damaged copy of the plan: counted against the current plan


def _kinds(session: SessionRecord, moment: str) -> dict[str, int]:
    """Pain by kind rated `moment`, from the summary or, for a cut-off session, its events."""
    kinds = (session.manifest.get("summary") or {}).get(f"pain_{moment}_by_kind")
    if not isinstance(kinds, dict):
        kinds = next((e.get("kinds") for e in reversed(session.events)
                      if e.get("event") == "pain" and e.get("moment") == moment), None)
    if not isinstance(kinds, dict):
        return {}
    return {str(k): v for k, v in kinds.items()
            if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 10}


def _sensations(entry: Any) -> tuple[str, ...] | None:
    if not isinstance(entry, dict):
        return None
    return tuple(str(i) for i in entry.get("items") or ())


def _weekly(session: SessionRecord, key: str) -> Any:
    weekly = (session.manifest.get("summary") or {}).get("weekly")
    if not isinstance(weekly, dict):
        weekly = next((e for e in session.events if e.get("event") == "weekly"), None)
    value = weekly.get(key) if isinstance(weekly, dict) else None
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _weighted(blocks: Sequence[dict[str, Any]], key: str, weight: str = "answered") -> float | None:
    """A figure over several blocks, weighted by how much each block measured (one block:
    its own figure). Medians of blocks are not a median of all trials, but close enough
    for a trend line; the trial rows hold the exact answer."""
    pairs = [(float(b[key]), float(b.get(weight) or 1)) for b in blocks
             if isinstance(b.get(key), (int, float))]
    total = sum(w for _, w in pairs)
    if not pairs or total <= 0:
        return None
    return sum(v * w for v, w in pairs) / total
