"""The typed plan: what a session contains. Built only by the loader, after validation."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

PLAN_FORMAT_VERSION = 1

PHASE_ORDER = ("laterality", "imagery", "mirror")

DEFAULT_ROTATIONS_DEG = (0, 45, 90, 135, 180, 225, 270, 315)


@dataclass(frozen=True)
class LateralityBlock:
    """Phase 1: left/right judgement of pictures of hands and/or feet."""

    title: str = "Left or right?"
    body_parts: tuple[str, ...] = ("hand",)
    views: tuple[str, ...] = ("back", "palm")
    rotations_deg: tuple[int, ...] = DEFAULT_ROTATIONS_DEG
    postures_include: tuple[str, ...] = ()
    postures_exclude: tuple[str, ...] = ()
    trials: int = 32
    practice_trials: int = 4
    deadline_ms: int = 8000
    iti_ms: int = 750
    feedback_ms: int = 700

    phase = "laterality"


@dataclass(frozen=True)
class ImageryBlock:
    """Phase 2: explicit motor imagery of posture pictures."""

    title: str = "Imagine the movement"
    body_part: str = "affected"
    side: str = "affected"
    postures: tuple[str, ...] = ()
    postures_exclude: tuple[str, ...] = ()
    pictures: int = 6
    repetitions: int = 3
    demo_s: float = 4.0
    max_movement_s: float = 30.0
    eyes_closed: bool = False
    rate_pain: bool = True
    # Leave out postures whose latest rating in earlier sessions was above this (0-10);
    # None keeps every posture.
    skip_painful_above: int | None = None

    phase = "imagery"


@dataclass(frozen=True)
class MirrorExercise:
    prompt: str
    movement: str = "free"
    duration_s: float = 60.0
    repetitions: int = 0
    metronome_bpm: int = 0


@dataclass(frozen=True)
class MirrorBlock:
    """Phase 3: webcam mirror therapy."""

    title: str = "Mirror therapy"
    mode: str = "midline"
    settle_s: float = 30.0
    exercises: tuple[MirrorExercise, ...] = ()

    phase = "mirror"


Block = LateralityBlock | ImageryBlock | MirrorBlock


@dataclass(frozen=True)
class Stage:
    """One stage of a graded programme: which phases its sessions run, how long at least,
    what lets the patient move on, and what sends them back (core/stages.py decides)."""

    name: str
    phases: tuple[str, ...]
    title: str = ""
    min_days: int = 0
    # Advance when each of the last `advance_sessions` sessions of this stage had left/right
    # judgement at least this accurate and this fast (None: that figure is not asked for).
    advance_accuracy: float | None = None
    advance_rt_ms: int | None = None
    advance_sessions: int = 3
    # Step back to the previous stage when pain before the session has risen by this much
    # (0-10 scale) across the last `relapse_sessions` sessions of this stage (None: never).
    relapse_pain_rise: int | None = None
    relapse_sessions: int = 3
    relapse_to: str = ""  # an earlier stage's name; empty: the stage just before

    @property
    def label(self) -> str:
        return self.title or self.name


@dataclass(frozen=True)
class Plan:
    version: int
    name: str
    title: str
    description: str = ""
    planned_minutes: float = 15.0
    sessions_per_day: int = 4
    supervised: bool = False
    laterality: tuple[LateralityBlock, ...] = ()
    imagery: tuple[ImageryBlock, ...] = ()
    mirror: tuple[MirrorBlock, ...] = ()
    stages: tuple[Stage, ...] = ()
    source_path: str = ""
    source_text: str = field(default="", repr=False)
    source_sha256: str = ""

    def blocks(self) -> list[Block]:
        """Every block in the order it runs: the three phases always in GMI order."""
        return [*self.laterality, *self.imagery, *self.mirror]

    def phases(self) -> list[str]:
        return [name for name in PHASE_ORDER if getattr(self, name)]

    def stage(self, name: str) -> Stage | None:
        return next((s for s in self.stages if s.name == name), None)

    def for_stage(self, stage: Stage | None) -> "Plan":
        """The plan as a session of `stage` runs it: only the stage's phases, in GMI order."""
        if stage is None:
            return self
        return replace(self, **{phase: () for phase in PHASE_ORDER if phase not in stage.phases})
