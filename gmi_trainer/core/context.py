"""What every step of a session shares: where records go, the plan, the patient, the seed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Protocol, Sequence

from gmi_trainer.core.rows import TrialRow
from gmi_trainer.plans.model import Plan
from gmi_trainer.profiles.model import Profile


# How a finished session ended, as its recorder is told (the record format names them).
STATUS_COMPLETE = "complete"
STATUS_ENDED_EARLY = "ended_early"


class RecordingFailed(Exception):
    """The recorder could not write (a full disk, a folder that became read-only); the
    message says what happened, that what was finished is safe, and what to do."""


class Recorder(Protocol):
    """Where a session's rows go. The file recorder fsyncs each row before returning."""

    def event(self, kind: str, t_s: float, **fields: Any) -> None: ...

    def trial(self, row: TrialRow) -> None:
        """Write a phase's finished row; a phase never shapes the record itself."""
        ...

    def finish(self, status: str, ended_at: datetime, active_s: float,
               summary: dict[str, Any]) -> None: ...


class Picture(Protocol):
    """A labelled picture of a limb, as the stimulus library provides it."""

    id: str
    body_part: str
    side: str
    view: str
    posture: str
    skin_tone: str

    @property
    def file(self) -> Any: ...


@dataclass
class MemoryRecorder:
    """Keeps rows in lists; for tests and for checking what a session would write (each
    trial row as the dict a file recorder writes)."""

    events: list[dict[str, Any]] = field(default_factory=list)
    trials: list[dict[str, Any]] = field(default_factory=list)
    finished: dict[str, Any] | None = None

    def event(self, kind: str, t_s: float, **fields: Any) -> None:
        self.events.append({"t_s": t_s, "event": kind, **fields})

    def trial(self, row: TrialRow) -> None:
        self.trials.append(row.as_record())

    def finish(self, status: str, ended_at: datetime, active_s: float,
               summary: dict[str, Any]) -> None:
        self.finished = {"status": status, "ended_at": ended_at, "active_s": active_s,
                         "summary": summary}


@dataclass
class SessionContext:
    plan: Plan
    profile: Profile
    recorder: Recorder
    origin_s: float  # the clock reading when the session started; records count from here
    seed: int
    wall_clock: Callable[[], datetime]
    pictures: Sequence[Picture] | None = None  # None: the picture set could not be loaded
    pictures_problem: str = ""
    pictures_notice: str = ""  # e.g. own pictures asked for but none taken: drawn ones today
    history: Sequence[dict[str, Any]] = ()  # block summaries of earlier sessions, oldest first
    sound: bool = True  # whether tones can be heard (eyes-closed imagery needs them)
    # The weekly outcome measures (core/weekly.py): offered at this session's start, and
    # whether the Patient Global Impression of Change is among them.
    weekly_due: bool = False
    weekly_pgic: bool = False

    def rel(self, t_s: float) -> float:
        """Seconds since the session started, rounded to the microsecond for the record."""
        return round(t_s - self.origin_s, 6)
