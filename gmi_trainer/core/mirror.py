"""Phase 3 rules: a mirror therapy block.

The camera, the tracker and the compositor live at the edge (app/mirror_runtime.py). This
step only decides what the patient is asked to do and for how long, and learns from the
mirror runtime, as inputs, whether
the camera is working and when a repetition was counted."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from gmi_trainer.core import inputs as act
from gmi_trainer.core.choice import pick
from gmi_trainer.core.context import SessionContext
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.rows import MirrorRow
from gmi_trainer.core.steps import Step
from gmi_trainer.core.views import InstructionView, Option, SummaryView
from gmi_trainer.i18n import N_, _, plan_text
from gmi_trainer.plans.model import MirrorBlock, MirrorExercise
from gmi_trainer.vocabulary import BodyPart, body_part
from gmi_trainer.vocabulary.body_parts import side_part_words
from gmi_trainer.vocabulary.mirror_modes import MIRROR_LINE_RANGE, MIRROR_MODE_TABLE


CAMERA_LIVE = "live"
CAMERA_RECONNECTING = "reconnecting"
CAMERA_FAILED = "failed"

LINE_STEP = 0.01  # one Up/Down press moves the fixed mirror line by 1% of the picture

CAMERA_OPTIONS = (
    Option("retry", N_("Try the camera again"), "1"),
    Option("video", N_("Use a recorded video of yourself"), "2"),
    Option("practice", N_("Use the practice picture (no camera)"), "3"),
    Option("skip", N_("Skip mirror work today"), "4"),
)
MAX_LISTED_VIDEOS = 6  # the list of recorded videos fits one screen

CAMERA_CHECKS = N_(
    "Please check that the camera is plugged in (or switched on), that its cover or privacy "
    "slider is open, and that no other program, such as a video call, is using it. Then "
    "choose Try the camera again.")


@dataclass(frozen=True)
class CameraFact:
    state: str  # live, reconnecting, failed
    message: str = ""
    description: str = ""  # e.g. "webcam 0 (640x480 at 30 fps)"
    countable: tuple[str, ...] = ()  # movements the mirror runtime's trackers can count
    # With a failure: the patient's recorded videos (file names, newest first) and their folder.
    videos: tuple[str, ...] = ()
    videos_folder: str = ""
    # The line on screen is the patient's fixed line (chosen, or the fallback when tracking
    # is lost), so Up/Down moves it.
    fixed_line: bool = False


@dataclass(frozen=True)
class MirrorView:
    """The live mirror with the current prompt. The picture itself comes from the mirror
    runtime, straight to the display."""

    block_title: str
    mode: str
    intact_side: str
    affected_limb: str
    stage: str  # settle, exercise
    prompt: str
    movement: str
    exercise_number: int
    exercise_count: int
    remaining_s: float
    progress: float  # 0..1 through the current stage
    countable: bool
    reps_counted: int
    reps_target: int
    metronome_bpm: int
    camera_state: str
    camera_message: str
    camera_source: str  # "camera", or what the patient chose instead: "video", "practice"
    video_name: str = ""  # with camera_source "video": the chosen file in the videos folder
    line_x_norm: float = 0.5  # the fixed mirror line, as a fraction of the camera picture
    beat: int = 0  # metronome beats so far in this exercise, when it has a metronome
    cue: Any = None  # a tone to play when this changes (the metronome's tick)
    token: Any = None
    line_movable: bool = False  # a fixed line is on screen: Up/Down moves it
    strength: float = 1.0  # the graded mirror: 0 the real picture, 1 the full reflection
    midline: str = "trunk"  # where the line comes from: "trunk" or "legs" (body_parts table)
    reports_in_step: bool = False  # bilateral mode
    in_step_percent: int | None = None  # how in step both sides moved lately


@dataclass(frozen=True)
class CameraProblemView:
    """The camera does not work: what to check, and what to do instead (or, after "Use a
    recorded video", which video). The session clock is stopped while it is up."""

    title: str
    body: str
    options: tuple[Option, ...]
    focus: int
    detail: str = ""  # what the computer reported, in small print
    token: Any = None


class MirrorStep(Step):
    phase = "mirror"

    def __init__(self, ctx: SessionContext, block: MirrorBlock, block_index: int) -> None:
        super().__init__(ctx)
        self.block, self.block_index = block, block_index
        self.label = block.title
        self.stage = "intro"  # intro, settle, exercise, camera_problem, summary
        self.exercise = 0
        self.stage_start_s = 0.0
        self.stage_elapsed_s = 0.0  # time already spent in the stage before a pause or fault
        self.running = False
        self.camera = CameraFact(CAMERA_RECONNECTING, _("Starting the camera..."))
        self.camera_source = "camera"
        self.video_name = ""
        self.choosing_video = False
        self.retries = 0
        self.focus = 0
        self.reps: list[dict[str, Any]] = []
        self.rows: list[MirrorRow] = []
        self.skipped = False
        self.problem_from = ""
        self.line_x_norm = ctx.profile.mirror_line_x_norm
        self.in_step: list[int] = []  # this exercise's in-step figures, as they came

    # -- what to show -------------------------------------------------------------------
    @property
    def holds_clock(self) -> bool:
        return self.stage == "camera_problem"

    def current(self) -> MirrorExercise:
        return self.block.exercises[self.exercise]

    def stage_length_s(self) -> float:
        return self.block.settle_s if self.stage == "settle" else self.current().duration_s

    def elapsed_s(self, now_s: float) -> float:
        return self.stage_elapsed_s + (now_s - self.stage_start_s if self.running else 0.0)

    def view(self, now_s: float) -> Any:
        part = body_part(self.ctx.profile.affected.part)
        if self.stage == "intro":
            return self._intro(part)
        if self.stage == "camera_problem":
            return self._problem_view()
        if self.stage == "summary":
            return SummaryView(_("{title}: done").format(title=plan_text(self.block.title)), self._summary_lines(),
                               token=("mirror-summary", self.block_index), button=_("Continue"))
        elapsed = self.elapsed_s(now_s)
        length = self.stage_length_s()
        if self.stage == "settle":
            prompt = (_("Just watch the {noun} in the mirror, where your "
                      "{affected} would be. Keep still and breathe.").format(noun=_(part.noun), affected=side_part_words(self.ctx.profile.affected_side, part.name)))
            movement, number, countable, target, bpm = "", 0, False, 0, 0
            strength = self.block.mirror_strength
        else:
            exercise = self.current()
            prompt, movement, number = plan_text(exercise.prompt), exercise.movement, self.exercise + 1
            countable = exercise.movement in self.camera.countable
            target, bpm = exercise.repetitions, exercise.metronome_bpm
            strength = self._strength(exercise)
        beat = int(elapsed * bpm / 60) if bpm and self.running else 0
        cue = ("repetition", (self.exercise, beat)) if bpm and self.running else None
        return MirrorView(
            plan_text(self.block.title), self.block.mode, self.ctx.profile.intact_side,
            self.ctx.profile.affected_limb, self.stage, prompt, movement, number, len(self.block.exercises),
            max(0.0, float(int(length - elapsed + 0.999))), min(1.0, elapsed / length) if length else 1.0,
            countable, len(self.reps), target, bpm, self.camera.state, self.camera.message,
            self.camera_source, self.video_name, self.line_x_norm, beat, cue,
            token=("mirror", self.block_index, self.stage, number),
            line_movable=self._line_movable(), strength=strength / 100.0,
            midline=part.mirror_midline, reports_in_step=self._mode().reports_in_step,
            in_step_percent=self.in_step[-1] if self.in_step and self.stage == "exercise" else None)

    def _mode(self) -> Any:
        return MIRROR_MODE_TABLE[self.block.mode]

    def _strength(self, exercise: MirrorExercise) -> int:
        """Percent: the exercise's own, else its block's."""
        return self.block.mirror_strength if exercise.mirror_strength is None else exercise.mirror_strength

    def _line_movable(self) -> bool:
        return self._mode().patient_moves_line or self.camera.fixed_line

    def _problem_view(self) -> CameraProblemView:
        token = ("mirror-camera", self.block_index, self.retries, self.choosing_video)
        detail = first_sentence(self.camera.message)
        if self.choosing_video:
            options = tuple(Option(f"video:{name}", name, str(i + 1)) for i, name
                            in enumerate(self.camera.videos[:MAX_LISTED_VIDEOS]))
            back = Option("back", _("Back"), str(len(options) + 1))
            return CameraProblemView(
                _("Which recorded video?"),
                _("Choose a video of yourself moving your healthy limb (newest first). It plays "
                "in the mirror instead of the camera."), (*options, back), self.focus,
                _("Videos in {videos_folder}").format(videos_folder=self.camera.videos_folder), token=token)
        options = tuple(replace(o, label=_(o.label)) for o in CAMERA_OPTIONS)
        if not self.camera.videos:
            options = tuple(replace(o, label=_("Use a recorded video (none saved yet)"),
                                    enabled=False) if o.id == "video" else o for o in options)
        where = (_(" Recorded videos (.mp4, .avi, .mov, .mkv) go in {videos_folder}.").format(videos_folder=self.camera.videos_folder)
                 if self.camera.videos_folder and not self.camera.videos else "")
        return CameraProblemView(
            _("The camera is not showing a picture"),
            _(CAMERA_CHECKS) + _("\nNothing you have done so far is lost, and the session clock is "
            "stopped while you choose.") + where,
            options, self.focus, _("What the computer reported: {detail}").format(detail=detail) if detail else "",
            token=token)

    def _intro(self, part: BodyPart) -> InstructionView:
        profile = self.ctx.profile
        body = (_("Sit facing the camera. The picture of your {intact} is "
                "reflected so that you see two healthy {plural}. Watch the reflection where "
                "your {affected} would be.\n"
                "First {settle_s:g} seconds of just watching, then:\n").format(intact=side_part_words(profile.intact_side, part.name), plural=_(part.plural), affected=side_part_words(profile.affected_side, part.name), settle_s=self.block.settle_s)
                + "\n".join(f"  {i + 1}. {plan_text(e.prompt)}" for i, e in enumerate(self.block.exercises))
                + _("\nIf you feel dizzy, sweaty, upset or in more pain, press Space to pause."))
        return InstructionView(plan_text(self.block.title), body, _("Press Enter (or click) to begin"),
                               token=("mirror-intro", self.block_index))

    def _summary_lines(self) -> tuple[str, ...]:
        lines = []
        for row in self.rows:
            text = _("{trial}. {prompt} {value:.1f} min").format(trial=row.trial, prompt=plan_text(row.prompt), value=row.duration_s / 60)
            if row.skipped:
                text += _(", skipped")
            elif row.countable:
                text += _(", {reps_counted} repetitions counted").format(reps_counted=row.reps_counted)
            lines.append(text)
        return tuple(lines) or (_("No exercises were done."),)

    # -- what happens -------------------------------------------------------------------
    def handle(self, inp: Input) -> None:
        confirm = inp.action == act.CONFIRM or inp.action == act.SELECT and inp.value == "confirm"
        if inp.action == act.CAMERA and isinstance(inp.value, CameraFact):
            self._camera(inp.value, inp.t_s)
        elif inp.action == act.IN_STEP and self.stage == "exercise" and self.running:
            if isinstance(inp.value, int):
                self.in_step.append(inp.value)
        elif inp.action == act.REPETITION and self.stage == "exercise" and self.running \
                and isinstance(inp.value, dict):
            self.reps.append(inp.value)
            exercise = self.current()
            if exercise.repetitions and len(self.reps) >= exercise.repetitions:
                self._end_exercise(inp.t_s, skipped=False)
        elif self.stage == "intro" and confirm:
            self.ctx.recorder.event("block_start", self.ctx.rel(inp.t_s), phase=self.phase,
                                    block=self.block_index, title=self.block.title,
                                    mode=self.block.mode)
            self._start_stage("settle" if self.block.settle_s > 0 else "exercise", inp.t_s)
        elif self.stage == "camera_problem":
            self._handle_problem(inp)
        elif self.stage in ("settle", "exercise") and self._line_movable() \
                and inp.action in (act.UP, act.DOWN):
            # Whenever a fixed line is on screen, including the fallback when tracking is lost.
            # Up moves the line towards the screen's right: the screen is a mirror view, so
            # that is towards the left of the camera's own picture.
            step = -LINE_STEP if inp.action == act.UP else LINE_STEP
            low, high = MIRROR_LINE_RANGE
            self.line_x_norm = round(min(high, max(low, self.line_x_norm + step)), 3)
            self.ctx.recorder.event("mirror_line", self.ctx.rel(inp.t_s), x_norm=self.line_x_norm)
        elif self.stage in ("settle", "exercise") and inp.action == act.RIGHT:
            # Right arrow (or a pedal's right key) moves on: a patient may not manage a prompt.
            if self.stage == "settle":
                self._start_stage("exercise", inp.t_s)
            else:
                self._end_exercise(inp.t_s, skipped=True)
        elif self.stage == "summary" and confirm:
            self.finished = True

    def _handle_problem(self, inp: Input) -> None:
        view = self._problem_view()
        ids = [o.id for o in view.options]
        self.focus, choice = pick(inp, ids, self.focus)
        if choice is not None and not next(o for o in view.options if o.id == choice).enabled:
            return
        if choice == "video":
            self.choosing_video, self.focus = True, 0
        elif choice == "back":
            self.choosing_video, self.focus = False, 1
        elif choice in ("retry", "practice") or choice is not None and choice.startswith("video:"):
            self.retries += 1
            self.camera_source = "video" if choice.startswith("video:") else \
                "camera" if choice == "retry" else choice
            self.video_name = choice[len("video:"):] if choice.startswith("video:") else ""
            self.choosing_video = False
            self.camera = CameraFact(CAMERA_RECONNECTING, _("Starting the camera..."))
            self.ctx.recorder.event("camera_choice", self.ctx.rel(inp.t_s),
                                    choice="video" if self.video_name else choice,
                                    video=self.video_name or None)
            self.stage = self.problem_from
            self._resume_stage(inp.t_s)
        elif choice == "skip":
            self.ctx.recorder.event("camera_choice", self.ctx.rel(inp.t_s), choice="skip")
            self._skip_rest(inp.t_s)

    def _skip_rest(self, t_s: float) -> None:
        """Mirror work is skipped today: the remaining exercises are recorded as skipped."""
        self.skipped = True
        if self.problem_from == "settle" or self.stage == "settle":
            self._start_stage("exercise", t_s)
        self.stage = "exercise"
        while self.stage == "exercise":
            self._end_exercise(t_s, skipped=True)

    def _camera(self, fact: CameraFact, t_s: float) -> None:
        if fact.state == self.camera.state and fact.message == self.camera.message:
            self.camera = fact  # the line may have fallen back (or returned): no event for that
            return
        self.ctx.recorder.event("camera", self.ctx.rel(t_s), state=fact.state,
                                message=fact.message or None, source=fact.description or None)
        self.camera = fact
        if self.stage not in ("settle", "exercise"):
            return
        if fact.state == CAMERA_LIVE:
            self._resume_stage(t_s)
        else:
            # No picture, no mirror: the clock of the exercise waits for the camera.
            self._hold_stage(t_s)
            if fact.state == CAMERA_FAILED:
                self.problem_from = self.stage
                self.stage, self.focus = "camera_problem", 0

    def tick(self, now_s: float) -> None:
        if self.stage in ("settle", "exercise") and self.running \
                and self.elapsed_s(now_s) >= self.stage_length_s():
            end_s = self.stage_start_s + self.stage_length_s() - self.stage_elapsed_s
            if self.stage == "settle":
                self._start_stage("exercise", end_s)
            else:
                self._end_exercise(end_s, skipped=False)

    def pause(self, now_s: float) -> None:
        self._hold_stage(now_s)

    def resume(self, now_s: float) -> None:
        if self.camera.state == CAMERA_LIVE:
            self._resume_stage(now_s)

    def _start_stage(self, stage: str, t_s: float) -> None:
        self.stage = stage
        self.stage_elapsed_s = 0.0
        self.running = False
        self.reps = []
        self.in_step = []
        self.ctx.recorder.event("mirror_stage", self.ctx.rel(t_s), block=self.block_index,
                                stage=stage, exercise=self.exercise + 1 if stage == "exercise" else None)
        if self.camera.state == CAMERA_LIVE:
            self._resume_stage(t_s)

    def _hold_stage(self, t_s: float) -> None:
        if self.running:
            self.stage_elapsed_s += t_s - self.stage_start_s
            self.running = False

    def _resume_stage(self, t_s: float) -> None:
        if not self.running and self.stage in ("settle", "exercise"):
            self.stage_start_s = t_s
            self.running = True

    def _end_exercise(self, t_s: float, skipped: bool) -> None:
        exercise = self.current()
        done_s = self.elapsed_s(t_s)
        # Counted only when the mirror runtime can count this movement; never guessed.
        countable = exercise.movement in self.camera.countable
        roms = [r.get("range_of_motion") for r in self.reps]
        row = MirrorRow(
            block=self.block_index, trial=self.exercise + 1, prompt=exercise.prompt,
            movement=exercise.movement, duration_s=round(done_s, 3),
            planned_duration_s=exercise.duration_s,
            reps_target=exercise.repetitions or None,
            countable=countable,
            reps_counted=len(self.reps) if countable else None,
            range_of_motion=tuple(round(r, 3) for r in roms if r is not None) or None,
            rom_unit=self.reps[0].get("unit") if self.reps else None,
            skipped=skipped, camera=self.camera_source if not self.skipped else None,
            mirror_mode=self.block.mode, mirror_strength=self._strength(exercise),
            # The median of the figures reported while the exercise ran: one bad moment
            # (a hand out of view) does not decide it.
            in_step_percent=sorted(self.in_step)[len(self.in_step) // 2] if self.in_step else None)
        self.ctx.recorder.trial(row)
        self.rows.append(row)
        self.exercise += 1
        if self.exercise < len(self.block.exercises):
            self._start_stage("exercise", t_s)
        else:
            self.running = False
            self.ctx.recorder.event("block_end", self.ctx.rel(t_s), phase=self.phase,
                                    block=self.block_index)
            self.stage = "summary"

    def summary(self) -> dict[str, Any] | None:
        done = [r for r in self.rows if not r.skipped]
        return {
            "phase": self.phase, "block": self.block_index, "title": self.block.title,
            "complete": self.stage == "summary" or self.finished, "skipped": self.skipped,
            "exercises_done": len(done), "exercises_planned": len(self.block.exercises),
            "mirror_minutes": round(sum(r.duration_s for r in self.rows) / 60, 2),
            "mirror_line_x_norm": self.line_x_norm,
            "repetitions": sum(r.reps_counted or 0 for r in self.rows),
        }


def first_sentence(message: str) -> str:
    """The edge's message up to its first full stop: what happened, without the command-line
    advice some sources add for a technician."""
    head, dot, _rest = message.partition(". ")
    return head + "." if dot else message
