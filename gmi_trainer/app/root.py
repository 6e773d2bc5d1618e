"""The composition root: the only place that chooses real or headless adapters.

Start-up stays light (pygame and the plan, nothing else); cv2 and mediapipe are imported
only by the mirror phase, in the background."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from gmi_trainer.app import paths
from gmi_trainer.app.camera_edge import LiveCameraEdge, SimulatedCameraEdge
from gmi_trainer.app.loop import NullDisplay, ScriptedInputs, run
from gmi_trainer.app.therapist_control import TherapistControl
from gmi_trainer.app.services import AppServices, RunSettings
from gmi_trainer.clock import MonotonicClock, SimulatedClock
from gmi_trainer.core.autopilot import Autopilot
from gmi_trainer.core.shell import Shell
from gmi_trainer.plans.loader import PlanError, load_plan
from gmi_trainer.plans.model import Plan
from gmi_trainer.profiles.model import DEFAULT_KEYS, LIMB_CHOICES, Profile, ProfileError, check_patient_id
from gmi_trainer.profiles.store import load_profile, save_profile
from gmi_trainer.records.writer import RecordsError, check_writable

if TYPE_CHECKING:
    from gmi_trainer.ui.sound import Sound

EXIT_BAD_INPUT = 2


def fail(message: str) -> int:
    print(f"gmi-trainer: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def run_from_args(args: argparse.Namespace) -> int:
    if args.headless and not args.autopilot:
        return fail("--headless needs --autopilot correct|wrong|random (nobody is there to answer).")
    try:
        patient = check_patient_id(paths.patient(args.patient))
    except ProfileError as error:
        return fail(str(error))
    data_dir = paths.data_dir(args.data_dir)
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
    plan_name = args.plan or (profile.plan if profile else "default")
    try:
        plan = load_plan(paths.plan_file(plan_name))
    except PlanError as error:
        print("\n".join(error.problems), file=sys.stderr)
        return fail("the plan has problems (listed above); nothing was started or written. "
                    "Fix the plan file, or choose another with --plan.")
    stage = getattr(args, "stage", None)
    if stage and plan.stage(stage) is None:
        names = ", ".join(s.name for s in plan.stages) or "none: the plan has no stages"
        return fail(f"--stage {stage}: plan '{plan.name}' has no such stage (allowed: {names}).")
    if args.affected:
        limb, side = LIMB_CHOICES[args.affected]
        profile = replace(profile or Profile(patient, limb, side, plan=plan.name),
                          affected_limb=limb, affected_side=side)
        try:
            save_profile(data_dir, profile)
        except OSError as error:
            return fail(f"cannot save the profile in {data_dir}: {error.strerror or error}")
    if args.headless:
        return _run_headless(args, data_dir, patient, plan)
    return _run_window(args, data_dir, patient, plan, profile)


def _settings(args: argparse.Namespace, data_dir: Path, patient: str, plan: Plan,
              clock_name: str, screen: Callable[[], dict[str, Any]]) -> RunSettings:
    return RunSettings(data_dir=data_dir, patient=patient, plan=plan, seed=args.seed,
                       clock_name=clock_name, autopilot=args.autopilot, screen=screen,
                       media_dir=paths.media_dir(), stage=getattr(args, "stage", None) or "")


def _run_headless(args: argparse.Namespace, data_dir: Path, patient: str, plan: Plan) -> int:
    clock = MonotonicClock() if args.realtime else SimulatedClock()
    display = NullDisplay(clock)
    settings = _settings(args, data_dir, patient, plan,
                         "monotonic" if args.realtime else "simulated",
                         lambda: {"refresh_hz": display.refresh_hz, "driver": "none (headless)"})
    services = AppServices(settings, clock.now)
    seed = args.seed if args.seed is not None else 0
    inputs = SimulatedCameraEdge(ScriptedInputs(Autopilot(args.autopilot, seed), clock))
    shell = Shell(services)
    try:
        run(shell, display, inputs, clock)
    finally:
        services.close()
    flow = services.last_session
    if flow is None:
        return fail(shell.message or "no session was run")
    print(f"Session saved in {flow.ctx.recorder.folder}")  # type: ignore[attr-defined]
    for line in flow.summary_lines:
        print("  " + line)
    return 0


def _run_window(args: argparse.Namespace, data_dir: Path, patient: str, plan: Plan,
                profile: Profile | None) -> int:
    from gmi_trainer.ui.keymap import KeyMap
    from gmi_trainer.ui.window import PygameUI

    clock = MonotonicClock()
    keys = profile.keys if profile else DEFAULT_KEYS
    autopilot = Autopilot(args.autopilot, args.seed or 0) if args.autopilot else None
    ui = PygameUI(clock, KeyMap(keys), text_scale=profile.text_scale if profile else 1.0,
                  high_contrast=profile.high_contrast if profile else False,
                  windowed=args.windowed, autopilot=autopilot, sound=_sound_for(plan))
    settings = _settings(args, data_dir, patient, plan, "monotonic", ui.describe)
    camera = LiveCameraEdge(ui, clock, args.camera, videos_dir=data_dir / patient / "videos")
    ui.live_picture = camera.picture
    services = AppServices(settings, clock.now, camera_details=lambda: camera.details)
    shell = Shell(services, keys)
    if args.exit_after_first_frame:
        screen = shell.screen(clock.now())
        flip_s = ui.show(screen)
        heavy = sorted(m for m in ("cv2", "mediapipe", "matplotlib") if m in sys.modules)
        print(f"first_frame_clock_s={flip_s:.6f}\nheavy_modules={','.join(heavy)}", flush=True)
        ui.close()
        return 0
    try:
        inputs: Any = camera
        if plan.supervised:
            # A therapist may run `gmi-trainer supervise` beside this session.
            inputs = TherapistControl(camera, clock, services.session_folder)
        run(shell, ui, inputs, clock)
    finally:
        camera.close()
        services.close()
        ui.close()
    return 0


def _sound_for(plan: Plan) -> "Sound":
    """Tones only when a block needs them (eyes-closed imagery): opening the mixer and
    building the tones costs start-up time that other plans need not pay."""
    from gmi_trainer.ui.sound import Silence, open_tones

    return open_tones() if any(block.eyes_closed for block in plan.imagery) else Silence()
