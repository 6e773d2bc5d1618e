"""Putting the own-picture capture together: its targets from the library and the profile,
its flow, its engine (MediaPipe hands and segmentation), and `gmi-trainer capture`."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from gmi_trainer.app.capture_runtime import CaptureRuntime, CaptureSetup
from gmi_trainer.app.loop import NullDisplay, run
from gmi_trainer.app.paths import Paths
from gmi_trainer.capture import own_set
from gmi_trainer.capture.targets import capture_targets
from gmi_trainer.clock import Clock, MonotonicClock, SimulatedClock
from gmi_trainer.core import inputs as act
from gmi_trainer.core.capture import DONE, LOOKING, CaptureFlow, CaptureServices, CaptureTarget
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.views import Screen
from gmi_trainer.i18n import _, ngettext
from gmi_trainer.profiles.model import DEFAULT_KEYS, Profile, ProfileError
from gmi_trainer.profiles.store import load_profile
from gmi_trainer.vocabulary.body_parts import side_part_words

if TYPE_CHECKING:
    from gmi_trainer.capture.engine import CaptureEngine

HEADLESS_FPS = 15.0


def setup_for(paths: Paths, patient: str, profile: Profile, only: Sequence[str] = ()) -> CaptureSetup:
    """The intact hand's postures and views, from the library; raises ValueError (the
    message says why) when the library cannot be read or `only` names an unknown one."""
    from gmi_trainer.stimuli.library import StimulusLibraryError, load_library

    try:
        library = load_library(paths.media_dir)
    except StimulusLibraryError as error:
        raise ValueError(str(error)) from None
    targets = capture_targets(library, profile.intact_side, profile.skin_tone, only)
    return CaptureSetup(paths.data_dir, patient, profile.intact_side, tuple(targets))


def flow_for(setup: CaptureSetup, keys: Mapping[str, Sequence[str]] = DEFAULT_KEYS,
             start_at_intro: bool = True, for_therapist: bool = False) -> CaptureFlow:
    """`for_therapist`: opened in therapist mode, its first page speaks of the patient."""
    data_dir, patient = setup.data_dir, setup.patient

    def has_pictures() -> bool:
        return own_set.folder(data_dir, patient).exists()

    services = CaptureServices(summary=lambda: own_set.summary(data_dir, patient, for_therapist),
                               delete=lambda: own_set.delete(data_dir, patient),
                               has_pictures=has_pictures)
    targets = [CaptureTarget(t.key, t.words(), str(t.picture.file)) for t in setup.targets]
    return CaptureFlow(targets, services, side_part_words(setup.intact_side, "hand"), keys,
                       start_at_intro, patient if for_therapist else "")


def mediapipe_engine(intact_side: str) -> "CaptureEngine":
    """The hand tracker (full model: the library's landmarks were found with it too), the
    selfie segmenter, and the library pictures' reader."""
    import numpy as np
    from PIL import Image

    from gmi_trainer.capture.engine import CaptureEngine
    from gmi_trainer.tracking.mediapipe_backend import MediaPipeHandsTracker, MediaPipeSelfieSegmenter

    def load_rgba(file: str) -> Any:
        with Image.open(file) as image:
            return np.array(image.convert("RGBA"))

    return CaptureEngine(MediaPipeHandsTracker(model_complexity=1), MediaPipeSelfieSegmenter(),
                         intact_side, load_rgba,
                         MediaPipeHandsTracker(model_complexity=1, static_image_mode=True))


def runtime_for(inner: Any, clock: Clock, camera: str, setup: Any,
                open_in_background: bool = True) -> CaptureRuntime:
    from gmi_trainer.app.root import frame_opener

    return CaptureRuntime(inner, clock, camera, frame_opener(), mediapipe_engine, setup,
                          wall_clock=lambda: datetime.now().astimezone(),
                          open_in_background=open_in_background)


class _Nobody:
    """Headless: a patient who copies each posture in turn and never presses a key, except
    Skip when a posture has not been taken after `skip_after_s` of the recording (it was
    not in it, or the tracker missed it); the summary page is left as soon as it shows, and
    the run ends when the recording does."""

    def __init__(self, clock: Clock, runtime: CaptureRuntime, skip_after_s: float) -> None:
        self.clock, self.runtime, self.skip_after_s = clock, runtime, skip_after_s
        self.done, self.target, self.since_s = False, None, 0.0

    def observe(self, screen: Screen, flip_s: float) -> None:
        view = screen.view
        self.done = getattr(view, "stage", "") == DONE
        target = (getattr(view, "stage", ""), getattr(view, "target", None))
        if target != self.target:
            self.target, self.since_s = target, flip_s

    def wait(self, until_s: float) -> list[Input]:
        if self.done or self.runtime.ended:
            return [Input(act.QUIT, self.clock.now(), None, "autopilot")]
        if self.target is not None and self.target[0] == LOOKING and self.clock.now() - self.since_s >= self.skip_after_s:
            self.since_s = self.clock.now()
            return [Input(act.SKIP, self.clock.now(), None, "autopilot")]
        self.clock.sleep(max(0.0, until_s - self.clock.now()))
        return []


def run_capture(args: argparse.Namespace, paths: Paths, patient: str) -> int:
    """`gmi-trainer capture`: exit 0 when at least one picture was taken, 1 when none, 2 on
    bad input (no profile, an unknown posture, a camera that cannot be opened)."""
    try:
        profile = load_profile(paths.data_dir, patient)
    except ProfileError as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    if profile is None:
        print(_("gmi-trainer: no patient '{patient}' in {folder} "
                "(gmi-trainer patient create ID --affected ...).").format(patient=patient, folder=paths.data_dir),
              file=sys.stderr)
        return 2
    only = [name.strip() for name in (args.only or "").split(",") if name.strip()]
    try:
        setup = setup_for(paths, patient, profile, only)
    except ValueError as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    flow = flow_for(setup, profile.keys, start_at_intro=False)
    if args.headless:
        clock: Clock = SimulatedClock()
        runtime = CaptureRuntime(None, clock, args.camera, _file_opener(), mediapipe_engine,
                                 lambda: setup, wall_clock=lambda: datetime.now().astimezone(),
                                 open_in_background=False)
        runtime.inner = _Nobody(clock, runtime, args.skip_after_s)
        display = NullDisplay(clock, refresh_hz=HEADLESS_FPS * 2)
        try:
            run(flow, display, runtime, clock)
        finally:
            runtime.close()
    else:
        from gmi_trainer.ui.keymap import KeyMap
        from gmi_trainer.ui.sound import Silence
        from gmi_trainer.ui.window import PygameUI

        clock = MonotonicClock()
        ui = PygameUI(clock, KeyMap(profile.keys), text_scale=profile.text_scale,
                      high_contrast=profile.high_contrast, windowed=args.windowed, sound=Silence())
        runtime = runtime_for(ui, clock, args.camera, lambda: setup)
        ui.live_picture = runtime.picture
        try:
            run(flow, ui, runtime, clock)
        finally:
            runtime.close()
            ui.close()
    if runtime.problem_text() and not flow.taken:
        print(f"gmi-trainer: {runtime.problem_text()}", file=sys.stderr)
    folder = own_set.folder(paths.data_dir, patient)
    print(ngettext("{taken} of {count} posture taken", "{taken} of {count} postures taken",
                   len(flow.targets)).format(taken=len(flow.taken), count=len(flow.targets))
          + (_(", each with its mirror twin, in {folder}").format(folder=folder) if flow.taken else ""))
    for key in sorted(flow.taken):
        print(f"  {key}")
    missed = [t.key for t in flow.targets if t.key not in flow.taken]
    if missed:
        print(_("Not taken ({count}): {postures}").format(count=len(missed), postures=", ".join(missed)))
    return 0 if flow.taken else 1


def _file_opener() -> Any:
    """A recording played once, not looped: its end ends a headless capture."""
    def open_source(spec: str, clock: Clock) -> Any:
        from gmi_trainer.frames.registry import open_source as open_registered

        return open_registered(spec, clock, fps=HEADLESS_FPS, loop=False)

    return open_source

