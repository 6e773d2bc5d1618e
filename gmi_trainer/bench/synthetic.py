"""Months of made-up sessions written with the real record writer, for the progress
benchmark and for demonstrations: same files and format as real sessions, scored by the
real laterality scoring, and NOT marked autopilot (so progress shows them). Their plan is
named "synthetic", titled "Generated data (not a real patient)", in every manifest."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Iterator

from gmi_trainer.core.laterality import score
from gmi_trainer.core.rows import LateralityRow
from gmi_trainer.records import format as fmt
from gmi_trainer.records.reader import SessionRecord
from gmi_trainer.records.writer import SessionRecorder

ROTATIONS_DEG = (0, 45, 90, 135, 180, 225, 270, 315)
PLAN = {"name": "synthetic", "title": "Generated data (not a real patient)", "file": None,
        "sha256": None, "content": ""}
NOTES = ("", "", "", "", "Tired today", "Phantom hand felt clenched at the start",
         "Went well", "Hard to concentrate")
UNUSUAL = ("more_pain", "dizziness", "sweating", "emotional", "frozen_phantom")


@dataclass
class SyntheticSession:
    started_at: datetime
    status: str
    active_s: float
    stage: str
    trials: list[LateralityRow]
    events: list[dict[str, Any]]
    summary: dict[str, Any] = field(default_factory=dict)


def synthetic_sessions(sessions: int, trials_per_session: int, start: datetime,
                       affected_side: str = "left", seed: int = 7,
                       days: int | None = None) -> Iterator[SyntheticSession]:
    """`sessions` sessions spread over `days` days (default: about 5.5 a day), patients
    slower and less accurate for the affected side at first and improving, pain easing,
    imagery from the third week and mirror work from the fifth, a few cut off."""
    rng = random.Random(seed)
    days = days or max(1, round(sessions / 5.5))
    for index in range(sessions):
        day = index * days // sessions
        progress = index / max(1, sessions - 1)
        started_at = start + timedelta(days=day, hours=8 + 2 * (index % 6),
                                       minutes=rng.randrange(60))
        stage = "laterality" if day < 14 else "imagery" if day < 28 else "mirror"
        rows = _laterality_rows(rng, trials_per_session, progress, affected_side)
        figures = score(rows, ROTATIONS_DEG).as_dict()
        blocks: list[dict[str, Any]] = [{"phase": "laterality", "block": 0, "title": "Hands",
                                         "body_parts": ["hand"], "complete": True, **figures}]
        if stage != "laterality":
            median = round(5200 - 1500 * progress + rng.gauss(0, 250), 1)
            blocks.append({"phase": "imagery", "block": 0, "title": "Imagine", "complete": True,
                           "skipped": False, "pictures_done": 6, "movements": 18,
                           "median_movement_ms": median, "by_posture": {}})
        if stage == "mirror":
            blocks.append({"phase": "mirror", "block": 0, "title": "Mirror", "complete": True,
                           "skipped": False, "exercises_done": 4, "exercises_planned": 4,
                           "mirror_minutes": round(rng.uniform(4, 8), 2),
                           "repetitions": rng.randrange(10, 40)})
        pain_before = _clamp(round(7 - 3.5 * progress + rng.gauss(0, 1.2)))
        pain_after = _clamp(pain_before - rng.choice((0, 0, 1, 1, 2)))
        cut_off = rng.random() < 0.03
        summary = {"pain_before": pain_before, "pain_after": pain_after,
                   "note": rng.choice(NOTES) or None,
                   "unusual": [rng.choice(UNUSUAL)] if rng.random() < 0.04 else [],
                   "blocks": blocks, "steps_done": len(blocks), "steps_planned": len(blocks)}
        events = [{"t_s": 0.0, "event": "session_start"},
                  {"t_s": 8.0, "event": "pain", "moment": "before", "value": pain_before},
                  {"t_s": 400.0, "event": "block_end", "phase": "laterality", "block": 0,
                   **figures}]
        if not cut_off:
            events += [{"t_s": 880.0, "event": "pain", "moment": "after", "value": pain_after},
                       {"t_s": 900.0, "event": "session_end", "status": fmt.STATUS_COMPLETE}]
        yield SyntheticSession(started_at, fmt.STATUS_IN_PROGRESS if cut_off else
                               fmt.STATUS_COMPLETE, rng.uniform(600, 960), stage, rows, events,
                               {} if cut_off else summary)


def _clamp(pain: int) -> int:
    return max(0, min(10, pain))


def _laterality_rows(rng: random.Random, count: int, progress: float,
                     affected_side: str) -> list[LateralityRow]:
    rows = []
    for trial in range(1, count + 1):
        side = "left" if trial % 2 else "right"
        affected = side == affected_side
        accuracy = (0.62 if affected else 0.85) + (0.3 if affected else 0.1) * progress
        rt_ms = max(350.0, rng.gauss((2700 if affected else 1900) - (1000 if affected else 400)
                                     * progress, 350))
        timed_out = rng.random() < 0.01
        correct = not timed_out and rng.random() < accuracy
        rotation = ROTATIONS_DEG[trial % len(ROTATIONS_DEG)]
        rows.append(LateralityRow(
            block=0, trial=trial, practice=False,
            picture_id=f"hand_fist_back_{side}_medium", body_part="hand",
            true_side=side, view="back", posture="fist", skin_tone="medium",
            rotation_deg=rotation,
            answer=(None if timed_out else side if correct else
                    "right" if side == "left" else "left"),
            correct=correct, rt_ms=None if timed_out else round(rt_ms, 1),
            timed_out=timed_out, onset_s=round(10 + trial * 3.1, 4), deadline_ms=8000,
            device="key"))
    return rows


def write_synthetic(data_dir: Path, patient: str, sessions: Iterator[SyntheticSession],
                    affected_side: str = "left") -> int:
    """Write the sessions with SessionRecorder (rows not fsynced one by one: generated
    data needs no crash safety, and 100,000 fsyncs would take minutes)."""
    profile = {"patient": patient, "affected_limb": "hand", "affected_side": affected_side}
    count = 0
    for session in sessions:
        recorder = SessionRecorder.create(
            data_dir / patient, started_at=session.started_at, patient=patient, plan=PLAN,
            seed=count, clock="simulated", autopilot=None, profile=profile, screen={},
            durable=False, stage=session.stage)
        for row in session.trials:
            recorder.trial(row)
        for event in session.events:
            recorder.event(event["event"], event["t_s"],
                           **{k: v for k, v in event.items() if k not in ("event", "t_s")})
        if session.status != fmt.STATUS_IN_PROGRESS:
            recorder.finish(session.status, session.started_at + timedelta(
                seconds=session.active_s + 60), session.active_s, session.summary)
        recorder.close()
        count += 1
    return count


def in_memory(sessions: Iterator[SyntheticSession], patient: str = "P017",
              affected_side: str = "left") -> list[SessionRecord]:
    """The same sessions as records that were never written (tests, screen snapshots)."""
    records = []
    for i, session in enumerate(sessions):
        finished = session.status != fmt.STATUS_IN_PROGRESS
        manifest = {
            "format": fmt.FORMAT_NAME, "format_version": fmt.FORMAT_VERSION,
            "session_id": session.started_at.strftime("%Y%m%d-%H%M%S") + f"-{i:04x}",
            "patient": patient, "status": session.status,
            "started_at": session.started_at.isoformat(timespec="seconds"),
            "active_s": round(session.active_s, 3) if finished else None, "autopilot": None,
            "profile": {"affected_limb": "hand", "affected_side": affected_side},
            "plan": PLAN, "stage": session.stage, "summary": session.summary}
        records.append(SessionRecord(Path(manifest["session_id"]), manifest,
                                     [row.as_record() for row in session.trials], session.events))
    return records
