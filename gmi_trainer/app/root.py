"""The composition root: the only place that builds adapters and hands them in.

Here, and nowhere else, the program decides: where its files are (one `Paths` value from
the command line and the environment, the only reading of the environment for paths),
which clock, display and key map, which frame source a `--camera` value opens (through the
frames registry), which trackers the mirror runs, where pictures, records and therapist
mode's files come from, and whether there is sound. A headless run gets the same mirror
runtime and pipeline as a window, fed by the synthetic figure on the simulated clock.

Start-up stays light (pygame and the plan, nothing else); cv2 and mediapipe are imported
only by the mirror phase, in the background."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from gmi_trainer.app.loop import NullDisplay, ScriptedInputs, run
from gmi_trainer.app.mirror_runtime import VIDEO_SUFFIXES, MirrorRuntime
from gmi_trainer.app.paths import Paths, resolve_paths
from gmi_trainer.app.therapist_control import TherapistControl
from gmi_trainer.app.services import Adapters, AppServices, RunSettings
from gmi_trainer.clock import Clock, MonotonicClock, SimulatedClock
from gmi_trainer.core.context import Picture
from gmi_trainer.core.autopilot import Autopilot
from gmi_trainer.core.shell import PlanProblem, Shell
from gmi_trainer.i18n import _, language_from_environment, set_language
from gmi_trainer.plans.loader import PlanError, load_plan
from gmi_trainer.plans.model import Plan
from gmi_trainer.profiles.model import DEFAULT_KEYS, LIMB_CHOICES, Profile, ProfileError, check_patient_id
from gmi_trainer.profiles.store import load_profile, save_profile
from gmi_trainer.records.writer import RecordsError, SessionRecorder, check_writable

if TYPE_CHECKING:
    from gmi_trainer.core.views import ProgressView
    from gmi_trainer.frames.frame import FrameSource
    from gmi_trainer.frames.video_file import VideoFolder
    from gmi_trainer.tracking.tracker import Trackers
    from gmi_trainer.ui.sound import Sound

EXIT_ERROR = 1
EXIT_BAD_INPUT = 2
# A headless run's picture: the drawn figure, small and slow enough that the default plan's
# 6.5 simulated minutes of mirror work pass through the real pipeline in about half a second
# of CPU time (measured on 2 cores: 640x480 at 30 fps took 13 s of CPU, 160x120 at 10 fps
# 0.7 s, at 5 fps 0.4 s, over the 0.55 s the rest of the session takes). MediaPipe Pose,
# at about 17 ms a frame, would add half a minute; the shirt-colour tracker stands in.
HEADLESS_CAMERA = "synthetic"
HEADLESS_FRAME_PX = (160, 120)
HEADLESS_FPS = 5.0


def fail(message: str) -> int:
    print(f"gmi-trainer: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def run_from_args(args: argparse.Namespace) -> int:
    if args.headless and not args.autopilot:
        return fail(_("--headless needs --autopilot correct|wrong|random (nobody is there to answer)."))
    script, problem = _script_from(args)
    if problem:
        return fail(problem)
    paths = paths_from(args)
    try:
        patient = check_patient_id(paths.patient)
    except ProfileError as error:
        return fail(str(error))
    data_dir = paths.data_dir
    if args.headless:
        try:
            check_writable(data_dir / patient)
        except RecordsError as error:
            return fail(str(error))
    try:
        profile = load_profile(data_dir, patient)
    except ProfileError as error:
        profile = None
        if args.headless:
            return fail(str(error))
    # The patient's language from here on (AppServices applies it again as the profile changes).
    set_language(getattr(args, "language", None) or (profile.language if profile else "")
                 or language_from_environment(dict(os.environ)))
    plan_ref = plan_reference(paths, args.plan) if args.plan else (
        profile.plan if profile else "default")
    plan: Plan | None = None
    plan_problems: list[str] = []
    try:
        plan = load_plan(paths.plan_file(plan_ref))
    except PlanError as error:
        print("\n".join(error.problems), file=sys.stderr)
        if args.headless:
            return fail(_("the plan has problems (listed above); nothing was started or written. "
                        "Fix the plan file, or choose another with --plan."))
        plan_problems = error.problems  # the window says so and offers the default plan
    stage = getattr(args, "stage", None)
    if stage and plan is not None and plan.stage(stage) is None:
        names = ", ".join(s.name for s in plan.stages) or _("none: the plan has no stages")
        return fail(_("--stage {stage}: plan '{plan}' has no such stage (allowed: {names}).").format(
            stage=stage, plan=plan.name, names=names))
    if args.affected:
        limb, side = LIMB_CHOICES[args.affected]
        profile = replace(profile or Profile(patient, limb, side, plan=plan_ref),
                          affected_limb=limb, affected_side=side)
        try:
            save_profile(data_dir, profile)
        except OSError as error:
            return fail(_("cannot save the profile in {folder}: {why}").format(
                folder=data_dir, why=error.strerror or error))
    if args.headless:
        assert plan is not None
        return _run_headless(args, paths, patient, plan, plan_ref, script)
    return _run_window(args, paths, patient, plan, profile, plan_ref, plan_problems)


def plan_reference(paths: Paths, given: str) -> str:
    """What a profile keeps to find a plan again: its name for a plan in the exercises
    folder, the absolute path for a plan given by path (a bare 'x' would later be looked for
    as exercises/x.toml, and a relative path would depend on where the program starts)."""
    path = paths.plan_file(given)
    if path == paths.exercises_dir / f"{given}.toml":
        return given
    return str(path.expanduser().resolve())


@dataclass(frozen=True)
class Script:
    """A scripted headless session: when it starts, the autopilot's pain answers, when it
    closes the window, and whether it counts like the patient's own."""

    at: datetime | None = None
    pain: tuple[int, int] | None = None
    end_after_s: float | None = None
    count_as_patient: bool = False


def _script_from(args: argparse.Namespace) -> tuple[Script, str]:
    """The scripted-programme options, checked; a message instead when one is wrong."""
    at_text = getattr(args, "at", None)
    pain_text = getattr(args, "pain", None)
    end_after_s = getattr(args, "end_after_s", None)
    count = bool(getattr(args, "count_as_patient", False))
    scripted = [name for name, value in (("--at", at_text), ("--pain", pain_text),
                                         ("--end-after-s", end_after_s),
                                         ("--count-as-patient", count)) if value]
    if scripted and not args.headless:
        return Script(), _("{options}: only for headless runs (--headless --autopilot).").format(
            options=", ".join(scripted))
    at = None
    if at_text:
        try:
            at = datetime.fromisoformat(at_text)
        except ValueError:
            return Script(), (_("--at {at}: not a date and time; write it like "
                              "2026-03-02T09:00 (or with an offset, 2026-03-02T09:00+01:00).").format(at=at_text))
        at = at if at.tzinfo is not None else at.astimezone()
    pain = None
    if pain_text:
        parts = pain_text.split(",")
        if len(parts) != 2 or not all(p.strip().isdigit() and int(p) <= 10 for p in parts):
            return Script(), _("--pain {pain}: give two ratings 0-10, before and after, e.g. 3,2.").format(pain=pain_text)
        pain = (int(parts[0]), int(parts[1]))
    if end_after_s is not None and not 0 < end_after_s <= 24 * 3600:
        return Script(), _("--end-after-s {seconds}: give a number of seconds above 0.").format(seconds=f"{end_after_s:g}")
    return Script(at, pain, end_after_s, count), ""


def paths_from(args: argparse.Namespace) -> Paths:
    """Where everything is, from --data-dir, --patient and the environment, read once here."""
    return resolve_paths(getattr(args, "data_dir", None), getattr(args, "patient", None),
                         os.environ)


# -- adapters -------------------------------------------------------------------------------
def load_pictures(media: Path) -> tuple[Sequence[Picture] | None, str]:
    """The picture set, or None and a message saying what is wrong and what to do."""
    try:
        from gmi_trainer.stimuli.library import StimulusLibraryError, load_library
    except ImportError:
        return None, (_("The picture set is not installed in {folder}. Reinstall gmi-trainer, "
                      "or rebuild the pictures with 'gmi-trainer media build'.").format(folder=media))
    try:
        library = load_library(media)
    except StimulusLibraryError as error:
        return None, str(error)
    return library.stimuli, ""


def _adapters(paths: Paths, camera_details: Callable[[], dict[str, Any] | None],
              capture_runtime: Any = None) -> Adapters:
    """`capture_runtime`: the camera side of taking own pictures (app/capture_runtime.py),
    where there is a window and a camera; without it the capture says it cannot open."""
    def capture(patient: str, profile: Profile, for_therapist: bool = False) -> Any:
        from gmi_trainer.app.capture_app import flow_for, setup_for

        setup = setup_for(paths, patient, profile)
        capture_runtime.use(setup)  # the camera takes the pictures the screen asks for
        return flow_for(setup, profile.keys, for_therapist=for_therapist)

    def therapist(progress_of: Callable[[str], "ProgressView"]) -> Any:
        from gmi_trainer.app.therapist_services import FileTherapistServices

        return FileTherapistServices(paths, progress_of,
                                     capture=capture if capture_runtime is not None else None)

    def own_pictures(patient: str) -> tuple[Sequence[Picture], str]:
        from gmi_trainer.capture import own_set

        try:
            return own_set.stimuli(paths.data_dir, patient), ""
        except own_set.OwnPicturesError as error:
            return (), str(error)

    # Looked up at each session start, so a rebuilt picture set is used without a restart.
    return Adapters(pictures=lambda: load_pictures(paths.media_dir),
                    create_recorder=SessionRecorder.create, therapist=therapist,
                    camera_details=camera_details, own_pictures=own_pictures,
                    capture=capture if capture_runtime is not None else None)


def frame_opener(size_px: tuple[int, int] = (640, 480),
                 fps: float = 30.0) -> Callable[[str, Clock], "FrameSource"]:
    """Opens the source a `--camera` value names, through the frames registry."""
    def open_source(spec: str, clock: Clock) -> "FrameSource":
        from gmi_trainer.frames.registry import open_source as open_registered

        return open_registered(spec, clock, size_px=size_px, fps=fps)

    return open_source


def mediapipe_trackers() -> "Trackers":
    """MediaPipe Pose for the midline and elbow/knee movements, Hands for finger movements."""
    from gmi_trainer.tracking.tracker import Trackers

    def pose() -> Any:
        from gmi_trainer.tracking.mediapipe_backend import MediaPipePoseTracker

        return MediaPipePoseTracker()

    def hands(intact_side: str) -> Any:
        from gmi_trainer.tracking.mediapipe_backend import MediaPipeHandsTracker

        return MediaPipeHandsTracker(prefer_side=intact_side)

    def practice() -> Any:
        from gmi_trainer.tracking.synthetic_figure import SyntheticFigureTracker

        return SyntheticFigureTracker()

    return Trackers("mediapipe pose", pose, hands, practice=practice)


def synthetic_figure_trackers() -> "Trackers":
    """The drawn figure's shoulders and hips, found by colour, tracked in line with the
    display: fast and repeatable on a simulated clock; counts no repetitions."""
    from gmi_trainer.tracking.synthetic_figure import SyntheticFigureTracker
    from gmi_trainer.tracking.tracker import Trackers

    return Trackers("synthetic figure (shirt colour)", SyntheticFigureTracker,
                    pose_counts_repetitions=False, threaded=False)


def _videos(paths: Paths, patient: str) -> "VideoFolder":
    from gmi_trainer.frames.video_file import VideoFolder

    return VideoFolder(paths.videos_dir(patient), VIDEO_SUFFIXES)


def _settings(args: argparse.Namespace, data_dir: Path, patient: str, plan: Plan,
              clock_name: str, screen: Callable[[], dict[str, Any]], plan_ref: str,
              count_as_patient: bool = False, sound: bool = True) -> RunSettings:
    return RunSettings(data_dir=data_dir, patient=patient, plan=plan, seed=args.seed,
                       clock_name=clock_name, autopilot=args.autopilot, screen=screen,
                       stage=getattr(args, "stage", None) or "", plan_ref=plan_ref,
                       count_as_patient=count_as_patient, sound=sound,
                       language=getattr(args, "language", None) or "",
                       default_language=language_from_environment(dict(os.environ)))


# -- the two ways to run --------------------------------------------------------------------
def _run_headless(args: argparse.Namespace, paths: Paths, patient: str, plan: Plan,
                  plan_ref: str, script: Script) -> int:
    clock = MonotonicClock() if args.realtime else SimulatedClock()
    display = NullDisplay(clock)
    # Headless there is no sound device: an eyes-closed block says so and runs eyes open.
    settings = _settings(args, paths.data_dir, patient, plan,
                         "monotonic" if args.realtime else "simulated",
                         lambda: {"driver": "none (headless)", "loop_hz": display.refresh_hz,
                                  "vsync": None, "refresh_hz": None},
                         plan_ref, script.count_as_patient, sound=False)
    seed = args.seed if args.seed is not None else 0
    # Nobody sits at a camera: the drawn figure goes through the same mirror runtime and
    # pipeline as a live picture, opened at once (not in the background) so that the run
    # is the same every time.
    scripted = ScriptedInputs(Autopilot(args.autopilot, seed, pain=script.pain), clock,
                              end_after_s=script.end_after_s)
    mirror = MirrorRuntime(scripted, clock,
                           HEADLESS_CAMERA, frame_opener(HEADLESS_FRAME_PX, HEADLESS_FPS),
                           synthetic_figure_trackers(), _videos(paths, patient),
                           open_in_background=False)
    if script.at is not None:
        # The simulated session starts at --at and its wall clock moves with the run's clock.
        start_s, at = clock.now(), script.at
        services = AppServices(settings, clock.now, _adapters(paths, lambda: mirror.details),
                               wall_clock=lambda: at + timedelta(seconds=clock.now() - start_s))
    else:
        services = AppServices(settings, clock.now, _adapters(paths, lambda: mirror.details))
    shell = Shell(services)
    try:
        run(shell, display, mirror, clock)
    finally:
        mirror.close()
        services.close()
    flow = services.last_session
    if flow is None:
        return fail(shell.message or shell.info.start_problem or _("no session was run"))
    if flow.failure:
        print(f"gmi-trainer: {flow.failure}", file=sys.stderr)
        return EXIT_ERROR
    print(_("Session saved in {folder}").format(folder=flow.ctx.recorder.folder))  # type: ignore[attr-defined]
    for line in flow.summary_lines:
        print("  " + line)
    return 0


def _run_window(args: argparse.Namespace, paths: Paths, patient: str, plan: Plan | None,
                profile: Profile | None, plan_ref: str, plan_problems: Sequence[str]) -> int:
    from gmi_trainer.mirror.preload import start_preload
    from gmi_trainer.ui.keymap import KeyMap
    from gmi_trainer.ui.sound import Silence
    from gmi_trainer.ui.window import PygameUI

    clock = MonotonicClock()
    keys = profile.keys if profile else DEFAULT_KEYS
    autopilot = Autopilot(args.autopilot, args.seed or 0) if args.autopilot else None
    ui = PygameUI(clock, KeyMap(keys), text_scale=profile.text_scale if profile else 1.0,
                  high_contrast=profile.high_contrast if profile else False,
                  windowed=args.windowed, autopilot=autopilot, sound=Silence())
    if plan is None:
        plan = _plan_after_problem(ui, clock, paths, plan_problems, keys)
        if plan is None:
            ui.close()
            return EXIT_BAD_INPUT
        plan_ref = profile.plan if profile else plan_ref  # the therapist fixes the profile's
    ui.sound = _sound_for(plan)
    settings = _settings(args, paths.data_dir, patient, plan, "monotonic", ui.describe,
                         plan_ref, sound=ui.sound.available)
    camera = MirrorRuntime(ui, clock, args.camera, frame_opener(), mediapipe_trackers(),
                           _videos(paths, patient), preload=start_preload)
    capture = _capture_runtime(camera, clock, args.camera)
    ui.live_picture = lambda: capture.picture() or camera.picture()
    services = AppServices(settings, clock.now, _adapters(paths, lambda: camera.details, capture))
    shell = Shell(services, keys)
    if args.exit_after_first_frame:
        screen = shell.screen(clock.now())
        flip_s = ui.show(screen)
        heavy = sorted(m for m in ("cv2", "mediapipe", "matplotlib") if m in sys.modules)
        print(f"first_frame_clock_s={flip_s:.6f}\nheavy_modules={','.join(heavy)}", flush=True)
        ui.close()
        return 0
    try:
        inputs: Any = capture
        if plan.supervised:
            # A therapist may run `gmi-trainer supervise` beside this session.
            inputs = TherapistControl(capture, clock, services.session_folder)
        run(shell, ui, inputs, clock)
    finally:
        capture.close()
        camera.close()
        services.close()
        ui.close()
    return 0


def _capture_runtime(inner: Any, clock: Clock, camera: str) -> Any:
    """The camera side of taking own pictures (idle until a capture opens, from home or
    from therapist mode, and is told whose pictures to take: `_adapters`' capture)."""
    from gmi_trainer.app.capture_app import runtime_for

    def no_capture() -> Any:
        raise ValueError("no capture has been opened")

    return runtime_for(inner, clock, camera, no_capture)


def _plan_after_problem(ui: Any, clock: Clock, paths: Paths, problems: Sequence[str],
                        keys: Any) -> Plan | None:
    """The plan could not be opened: a window says so and offers the default plan or
    quitting. The chosen default plan, or None to quit."""
    try:
        default: Plan | None = load_plan(paths.plan_file("default"))
    except PlanError as error:
        default, problems = None, [*problems, *error.problems]
    flow = PlanProblem(problems, keys, default_available=default is not None)
    run(flow, ui, ui, clock)
    return default if flow.choice == "default" else None


def _sound_for(plan: Plan) -> "Sound":
    """Tones only when a block needs them (eyes-closed imagery): opening the mixer and
    building the tones costs start-up time that other plans need not pay."""
    from gmi_trainer.ui.sound import Silence, open_tones

    return open_tones() if any(block.eyes_closed for block in plan.imagery) else Silence()
