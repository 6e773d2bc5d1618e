"""The typed plan: what a session contains. Built only by the loader, after validation."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    source_path: str = ""
    source_text: str = field(default="", repr=False)
    source_sha256: str = ""

    def blocks(self) -> list[Block]:
        """Every block in the order it runs: the three phases always in GMI order."""
        return [*self.laterality, *self.imagery, *self.mirror]

    def phases(self) -> list[str]:
        return [name for name in PHASE_ORDER if getattr(self, name)]
