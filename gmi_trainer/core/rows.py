"""The rows a session writes to trials.jsonl: one frozen type per phase.

A phase builds its row as one of these values and hands it to the session's recorder, which
writes `as_record()`. The fields are declared in the order their keys appear on disk, so a
written line has the keys, in the order, that record format version 1 documents (README.md).
The export's CSV columns are the union of these fields: a field added here reaches the CSV
without a second list.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal


@dataclass(frozen=True, kw_only=True)
class _Row:
    """What every row has, first on disk: its phase (set by its type), block and number."""

    phase: str = field(default="", init=False)
    block: int
    trial: int
    practice: bool

    def as_record(self) -> dict[str, Any]:
        """The row as one trials.jsonl object: fields in declaration order, tuples as lists
        (JSON has only lists, and readers of old files have always met lists)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


@dataclass(frozen=True, kw_only=True)
class _PictureRow(_Row):
    """A row about one picture of the library: the picture's own labels."""

    picture_id: str
    body_part: str
    true_side: str  # the pictured limb's side
    view: str
    posture: str
    skin_tone: str


# A subclass that declares an inherited field again keeps that field's place, so `phase` and
# `practice` stay where format version 1 has them.
@dataclass(frozen=True, kw_only=True)
class LateralityRow(_PictureRow):
    """One left/right judgement of a rotated picture (phase 1), practice or test; `trial`
    counts from 1, separately for practice and test trials."""

    phase: Literal["laterality"] = field(default="laterality", init=False)
    rotation_deg: int  # clockwise
    answer: str | None  # "left", "right", or None on a time-out
    correct: bool
    rt_ms: float | None  # from the flip that showed the picture; None on a time-out
    timed_out: bool
    onset_s: float  # session seconds of the flip that showed the picture
    deadline_ms: int
    device: str | None  # "key", "mouse", "button", "autopilot"; None on a time-out
    # Timing checks, added within format version 1 (older files lack them: read as null).
    iti_ms: float | None = None  # measured: the previous trial's end (or the start) to onset
    planned_iti_ms: int | None = None
    timeout_at_ms: float | None = None  # on a time-out: when it was taken, from the onset


@dataclass(frozen=True, kw_only=True)
class ImageryRow(_PictureRow):
    """One picture of an imagined-movement block (phase 2), written when the picture ends;
    `trial` is the picture's number in the block."""

    phase: Literal["imagery"] = field(default="imagery", init=False)
    practice: Literal[False] = field(default=False, init=False)  # no practice pictures
    onset_s: float | None  # flip that showed the first start cue; None if never started
    device: str | None
    repetitions: int  # imagined movements done
    repetitions_planned: int
    movement_ms: tuple[float, ...]  # each imagined movement's duration
    skipped: bool
    timed_out: bool  # a movement ran past the block's `max_movement_s`
    pain_rating: int | None  # 0-10, or None when not asked
    eyes_closed: bool
    demo_picture_id: str | None  # the flat-limb picture the demonstration started from


@dataclass(frozen=True, kw_only=True)
class MirrorRow(_Row):
    """One exercise of a mirror block (phase 3), written when it ends; `trial` is the
    exercise's number in the block."""

    phase: Literal["mirror"] = field(default="mirror", init=False)
    practice: Literal[False] = field(default=False, init=False)
    prompt: str
    movement: str
    duration_s: float  # time with a live picture; pauses and camera gaps excluded
    planned_duration_s: float
    reps_target: int | None
    countable: bool  # whether the mirror runtime could count this movement
    reps_counted: int | None  # None when not countable: never guessed
    range_of_motion: tuple[float, ...] | None  # one per counted repetition
    rom_unit: str | None
    skipped: bool
    camera: str | None  # "camera", "video" or "practice"; None when mirror work was skipped
    mirror_mode: str
    mirror_strength: int  # percent of the reflection laid over the real picture
    in_step_percent: int | None = None  # bilateral mode: how in step the two sides moved


TrialRow = LateralityRow | ImageryRow | MirrorRow

# In the phases' order, which is the order of the export's columns.
ROW_TYPES: tuple[type[TrialRow], ...] = (LateralityRow, ImageryRow, MirrorRow)


def row_columns(row_types: tuple[type[TrialRow], ...] = ROW_TYPES) -> tuple[str, ...]:
    """Every field of these row types once, in first-seen order: the columns a table of mixed
    rows needs, each row leaving empty the columns it does not have."""
    columns: dict[str, None] = {}
    for row_type in row_types:
        columns.update((f.name, None) for f in fields(row_type))
    return tuple(columns)
