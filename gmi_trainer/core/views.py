"""View models: everything a screen needs to draw, and nothing about how.

The views that several screens or phases share live here; a phase or flow whose views are
its own keeps them beside its rules (core/mirror.py: MirrorView, CameraProblemView;
core/therapist.py: FormView; supervise/panel.py: SupervisorView).

Each view has a `token` that changes whenever the screen asks something new of the
patient; the autopilot and the display use it to know when a new question appeared.
A view with shortcuts names its screen in `key_screen`, so the key map at the edge knows
which shortcuts a key may mean there (profiles.model.SHORTCUT_SCREENS).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from gmi_trainer.i18n import N_, _








@dataclass(frozen=True)
class Option:
    id: str
    label: str
    hint: str = ""  # the key that chooses it, e.g. "Enter"
    enabled: bool = True


@dataclass(frozen=True)
class SessionBar:
    """The strip at the top of every session screen."""

    phase_label: str
    elapsed_s: float
    planned_s: float


@dataclass(frozen=True)
class HomeView:
    patient: str
    display_name: str
    affected: str
    plan_title: str
    plan_minutes: float
    sessions_today: int
    sessions_planned: int
    incomplete_today: int
    options: tuple[Option, ...]
    focus: int
    message: str = ""
    warnings: tuple[str, ...] = ()
    stage: str = ""  # the programme stage, e.g. "Stage 2 of 3: Imagined movement"
    stage_reason: str = ""  # why this stage, e.g. "Day 5 of at least 14: 9 more days."
    not_counted_today: int = 0  # sessions today that ended too soon to count
    alert: str = ""  # today's pain alert, shown first
    # On a day with a pain alert, Start was chosen once: choosing it again starts anyway.
    start_asks_again: bool = False
    token: Any = "home"
    key_screen: ClassVar[str] = "home"


@dataclass(frozen=True)
class ChoiceView:
    """A question with a list of answers: setup, and the pause menu."""

    title: str
    body: str
    options: tuple[Option, ...]
    focus: int
    token: Any = None


@dataclass(frozen=True)
class PainView:
    """A 0-10 rating: pain by kind before and after a session, and the weekly BPI items."""

    moment: str  # "before", "after", or "weekly"
    question: str
    value: int | None
    message: str = ""
    token: Any = None
    kind: str = ""  # the pain kind ("phantom", "residual", "crps") or the BPI item asked
    hint: str = ""  # a line under the question saying what is meant
    none_label: str = ""  # a one-press "none today" answer (0, recorded as such); "" for none
    low_anchor: str = field(default_factory=lambda: _("0 = no pain"))
    high_anchor: str = field(default_factory=lambda: _("10 = worst pain imaginable"))
    step: str = ""  # e.g. "Question 2 of 7"


@dataclass(frozen=True)
class InstructionView:
    title: str
    body: str
    prompt: str = field(default_factory=lambda: _("Press Enter (or click) to begin"))
    notice: str = ""  # e.g. a phase that is not available, or a missing picture set
    token: Any = None


@dataclass(frozen=True)
class NoteView:
    title: str
    body: str
    text: str
    max_chars: int
    token: Any = None


@dataclass(frozen=True)
class ChecklistView:
    title: str
    body: str
    items: tuple[Option, ...]
    checked: frozenset[str]
    focus: int  # index into items, or len(items) for the Done button
    token: Any = None


@dataclass(frozen=True)
class LateralityView:
    """One moment of a left/right trial. `picture` is None between pictures."""

    block_title: str
    practice: bool
    trial_number: int
    trial_count: int
    picture_id: str | None
    picture_file: str | None
    rotation_deg: int
    feedback: str = ""  # practice only: "correct" or "wrong"
    feedback_text: str = ""
    true_side: str | None = None  # for the autopilot; screens never show it
    token: Any = None
    # Said above the picture when it matters: for necks and backs, LEFT is the person's own.
    reminder: str = ""
    # Between pictures: the next picture's file (shown at `rotation_deg`), so the display can
    # prepare it while nothing is timed. Turning and scaling a picture takes 12-25 ms, which,
    # done when the interval ends, made a planned 200 ms interval run up to 25 ms long.
    preload_file: str | None = None


@dataclass(frozen=True)
class SideFigures:
    side: str
    answered: int
    correct: int
    timeouts: int
    median_rt_ms: float | None
    accuracy: float | None


@dataclass(frozen=True)
class LateralitySummaryView:
    block_title: str
    sides: tuple[SideFigures, ...]
    accuracy: float | None
    median_rt_ms: float | None
    timeouts: int
    rt_by_rotation: tuple[tuple[int, float | None], ...]
    target_text: str
    meets_target: bool | None
    previous_text: str
    token: Any = None
    norm_text: str = ""  # published figures of healthy adults for the block's parts
    # Per body part when the block mixes parts: (part's plural, accuracy, median rt ms, answered)
    by_part: tuple[tuple[str, float | None, float | None, int], ...] = ()


@dataclass(frozen=True)
class ImageryView:
    """One moment of a guided imagery picture.

    stage: "demo" (the movement from the resting limb into `picture_file`'s posture and back:
    `demo_frame` of `demo_frames` rendered postures, 0 = the start, the last = the target), "ready" (read the instruction, press to
    start), "lead_in" (eyes closed: time to close them before the start tone), "moving"
    (imagining; each press ends one movement)."""

    block_title: str
    picture_number: int
    picture_count: int
    stage: str
    instruction: str
    hint: str
    picture_id: str
    picture_file: str
    demo_frame: int | None = None  # None: no demonstration on screen
    demo_frames: int = 0
    repetitions_done: int = 0
    repetitions: int = 1
    can_replay: bool = False  # "ready": Left shows the demonstration again
    eyes_closed: bool = False
    dimmed: bool = False  # eyes closed and imagining: a dark, quiet screen
    # A tone to play when this value changes: (kind, ...) with kind "start", "repetition"
    # or "done"; None when the block is not in eyes-closed mode.
    cue: tuple[Any, ...] | None = None
    token: Any = None
    key_screen: ClassVar[str] = "imagery"


@dataclass(frozen=True)
class ImageryPainView:
    """"Did imagining this hurt?" after a picture; Enter with no number skips the rating."""

    block_title: str
    picture_number: int
    picture_count: int
    posture_label: str
    picture_file: str
    value: int | None
    cue: tuple[Any, ...] | None = None
    token: Any = None
    key_screen: ClassVar[str] = "imagery"


@dataclass(frozen=True)
class ImageryPictureFigures:
    """One picture's line in the block summary."""

    posture_label: str
    outcome: str  # "done", "skipped", "timed_out"
    repetitions_done: int
    repetitions: int
    movement_ms: tuple[float, ...]
    median_ms: float | None
    previous_median_ms: float | None  # the same posture in the latest earlier session
    pain_rating: int | None


@dataclass(frozen=True)
class ImagerySummaryView:
    block_title: str
    pictures: tuple[ImageryPictureFigures, ...]
    median_movement_ms: float | None
    movements: int
    previous_text: str
    pain_text: str
    cue: tuple[Any, ...] | None = None  # the last picture's "done" tone, with eyes closed
    token: Any = None


@dataclass(frozen=True)
class SummaryView:
    title: str
    lines: tuple[str, ...]
    token: Any = "summary"
    button: str = N_("Back to home")  # where Enter or the button leads from here


@dataclass(frozen=True)
class SafetyView:
    """After a session whose answers met the plan's safety thresholds: stop for today, what
    to do, when to contact the therapist. One key (Enter) goes on to the summary."""

    title: str
    reasons: str  # what was noticed, in a sentence
    advice: str  # the plan's stop-for-today text
    contact: str  # the plan's contact line (a clinic's phone number)
    token: Any = "safety"


@dataclass(frozen=True)
class ProgressView:
    """Progress over days: pages of charts (drawn from `data`, a core.progress.ProgressData)
    and earlier sessions, newest first, as a table. Left/Right turn the pages."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    footer: str
    warnings: tuple[str, ...] = ()
    first_row: int = 0
    pages: tuple[str, ...] = ("table",)  # chart page names (charts.figures), and "table"
    page: int = 0
    headline: str = ""  # the page's figures in words, e.g. "Streak: 5 days"
    data: Any = field(default=None, compare=False)
    # The "alerts" page: sessions that ended with advice to stop (when, pain, why).
    alert_rows: tuple[tuple[str, ...], ...] = ()
    token: Any = "progress"
    back_label: str = N_("Back to home")  # where Enter leads: home, or the therapist's patient


@dataclass(frozen=True)
class PausedView:
    """The pause overlay: drawn over a dimmed copy of the screen underneath."""

    under: Any
    title: str
    options: tuple[Option, ...]
    focus: int
    token: Any = "paused"
    subtitle: str = field(default_factory=lambda: _("Take the time you need. Nothing is lost."))
    key_screen: ClassVar[str] = "paused"


@dataclass(frozen=True)
class Screen:
    """What the display shows: one view, the session bar (inside a session) and a status line."""

    view: Any
    bar: SessionBar | None = None
    status: str = ""
    extras: dict[str, Any] = field(default_factory=dict)
    # What the pause keys and the top right button do here: "Pause", or "Back" where they
    # leave the screen instead (therapist mode, which has nothing to pause).
    pause_label: str = N_("Pause")
