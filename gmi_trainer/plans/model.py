"""The typed plan: what a session contains. Built only by the loader, after validation."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from gmi_trainer.i18n import N_
from gmi_trainer.vocabulary.clinical import DEFAULT_ASK
from gmi_trainer.vocabulary.unusual import DEFAULT_WARNING_SIGNS

PLAN_FORMAT_VERSION = 1

PHASE_ORDER = ("laterality", "imagery", "mirror")

DEFAULT_ROTATIONS_DEG = (0, 45, 90, 135, 180, 225, 270, 315)


@dataclass(frozen=True)
class LateralityBlock:
    """Phase 1: left/right judgement of pictures of any mix of body parts."""

    title: str = N_("Left or right?")
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
    # "plain" pictures, pictures in everyday "scene"s (a hand holding a cup), or "mixed".
    context: str = "plain"

    phase = "laterality"


@dataclass(frozen=True)
class ImageryBlock:
    """Phase 2: explicit motor imagery of posture pictures."""

    title: str = N_("Imagine the movement")
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
    mirror_strength: int | None = None  # percent; None: the block's


@dataclass(frozen=True)
class MirrorBlock:
    """Phase 3: webcam mirror therapy."""

    title: str = N_("Mirror therapy")
    mode: str = "midline"
    settle_s: float = 30.0
    mirror_strength: int = 100  # percent of the reflection over the real picture
    exercises: tuple[MirrorExercise, ...] = ()

    phase = "mirror"


Block = LateralityBlock | ImageryBlock | MirrorBlock

# Seconds for the parts of a session, to share a plan's planned length out between its
# blocks when a stage runs some of them (see Plan.for_stage). Measured against headless
# autopilot runs (answers in about 1.3 s, imagined movements of about 3.5 s), with a little
# more for a person: reading a block's introduction and its summary, answering a picture.
INSTRUCTIONS_S = 8.0  # a block's introduction and its summary
ANSWER_S = 1.5  # a left/right answer
IMAGINED_MOVEMENT_S = 3.5
RATING_S = 3.0  # "did that hurt?" and pressing Start

def block_seconds(block: Block) -> float:
    """About how long a block takes, from what it contains."""
    if isinstance(block, LateralityBlock):
        pictures = block.trials + block.practice_trials
        return (INSTRUCTIONS_S + pictures * (ANSWER_S + block.iti_ms / 1000.0)
                + block.practice_trials * block.feedback_ms / 1000.0)
    if isinstance(block, ImageryBlock):
        each = block.demo_s + block.repetitions * IMAGINED_MOVEMENT_S + (RATING_S if block.rate_pain else 0.0)
        return INSTRUCTIONS_S + block.pictures * each
    return INSTRUCTIONS_S + block.settle_s + sum(e.duration_s for e in block.exercises)


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
    # How many of the plan's laterality and imagery blocks (the first ones) this stage runs;
    # None: all. A later stage keeps an earlier phase as a short warm-up this way.
    laterality_blocks: int | None = None
    imagery_blocks: int | None = None

    @property
    def label(self) -> str:
        return self.title or self.name


DEFAULT_STOP_ADVICE = N_(
    "Please stop practising for today. Rest in a comfortable position and do something "
    "calm. Take your usual pain medicine only as your doctor advised. Do not start another "
    "session today.")
DEFAULT_CONTACT = N_(
    "Tell your therapist before your next session. If it does not settle within a few "
    "hours, or you are worried, contact your therapist or doctor today.")


@dataclass(frozen=True)
class Safety:
    """When a session's answers mean "stop for today and tell the therapist" (the `[safety]`
    table). Defaults from clinical advice for graded motor imagery and mirror therapy: pain
    after the session of 8 or more out of 10, a rise of 3 or more, or a warning sign
    (dizziness, sweating, strong emotion, a frozen phantom)."""

    stop_pain_after: int = 8
    stop_pain_rise: int = 3
    warning_signs: tuple[str, ...] = DEFAULT_WARNING_SIGNS
    advice: str = DEFAULT_STOP_ADVICE
    contact: str = DEFAULT_CONTACT  # a clinic puts its phone number here
    # This many alerts within `alerts_days` days (today included) hold the programme's stage.
    alerts_hold: int = 3
    alerts_days: int = 7


@dataclass(frozen=True)
class PainQuestions:
    """Which questions come before and after a session (the `[pain]` table). A patient with
    CRPS (profile `condition`) gets one pain scale instead of the phantom and residual ones."""

    ask: tuple[str, ...] = DEFAULT_ASK  # "phantom", "residual", "sensations", in that order
    weekly: bool = True  # offer the weekly measures (BPI interference, PGIC)


@dataclass(frozen=True)
class Plan:
    version: int
    name: str
    title: str
    description: str = ""
    planned_minutes: float = 15.0
    sessions_per_day: int = 4
    supervised: bool = False
    # A session counts (adherence, stages) once its active time reached this fraction of
    # its planned length (see core/progress.py, SessionFacts.counts).
    min_active_fraction: float = 0.5
    # "rendered", "own" (the patient's own hand pictures; drawn ones when there are none
    # yet) or "mixed"; see core/picture_source.py.
    pictures: str = "rendered"
    safety: Safety = Safety()
    pain: PainQuestions = PainQuestions()
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
        """The plan as a session of `stage` runs it: only the stage's phases, in GMI order.

        Its planned length shrinks with what is left out, in proportion to how long the
        remaining blocks take: a left/right-only session of the default plan is about 3 of
        its 15 minutes, and the session bar and home screen should say so."""
        if stage is None:
            return self
        staged = replace(self, **{phase: () for phase in PHASE_ORDER if phase not in stage.phases})
        staged = replace(staged, laterality=staged.laterality[:stage.laterality_blocks],
                         imagery=staged.imagery[:stage.imagery_blocks])
        full = sum(block_seconds(b) for b in self.blocks())
        kept = sum(block_seconds(b) for b in staged.blocks())
        if full > 0 and kept < full:
            minutes = max(1.0, round(self.planned_minutes * kept / full))
            staged = replace(staged, planned_minutes=float(minutes))
        return staged
