"""The mirror's runtime: the camera side of mirror work, wrapped around the input source.

While the screen shows a mirror block, this keeps a mirror pipeline running (frame source,
tracking, compositor), hands the newest mirrored picture to the display, and turns camera
state and counted repetitions into inputs for the core. It builds nothing of its own
choosing: the composition root hands in how to open a frame source, which trackers to
run, the patient's folder of recorded videos, and whether to open in the background (a
window must never wait) or at once (a headless run on a simulated clock stays repeatable)."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Callable

from gmi_trainer.clock import Clock
from gmi_trainer.core import inputs as act
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.mirror import (
    CAMERA_FAILED,
    CAMERA_LIVE,
    CAMERA_RECONNECTING,
    CameraFact,
    MirrorView,
)
from gmi_trainer.core.views import PausedView, Screen
from gmi_trainer.i18n import _
from gmi_trainer.vocabulary.mirror_modes import MIRROR_MODE_TABLE
from gmi_trainer.vocabulary.movements import HAND_TRACKER, POSE_TRACKER, counted_by

if TYPE_CHECKING:  # numpy and OpenCV load with the mirror, not at start-up
    from gmi_trainer.frames.frame import FrameSource
    from gmi_trainer.frames.video_file import VideoFolder
    from gmi_trainer.tracking.tracker import Trackers

MODES = {mode.name: mode.compositor_mode for mode in MIRROR_MODE_TABLE.values()}
POSE_COUNTABLE = counted_by(POSE_TRACKER)
VIDEO_SUFFIXES = (".mp4", ".avi", ".mov", ".mkv")
NO_VIDEO = "<no video>"
HAND_COUNTABLE = counted_by(HAND_TRACKER)


def mirror_view(screen: Screen) -> MirrorView | None:
    view = screen.view.under if isinstance(screen.view, PausedView) else screen.view
    return view if isinstance(view, MirrorView) else None


class MirrorRuntime:
    """A frame source (camera, stream, video file or the practice picture) and tracking."""

    def __init__(self, inner: Any, clock: Clock, camera_spec: str,
                 open_source: Callable[[str, Clock], FrameSource], trackers: Trackers,
                 videos: VideoFolder, open_in_background: bool = True,
                 preload: Callable[[], Any] | None = None) -> None:
        self.inner = inner
        self.videos = videos
        self.clock = clock
        self.camera_spec = camera_spec
        # Which backend a spec opens is decided by the frames registry; a benchmark or a
        # test may hand in its own opener (a camera that stops on cue).
        self.open_source = open_source
        self.trackers = trackers
        self.open_in_background = open_in_background
        self.preload = preload
        # Only what the chosen trackers can see is offered for counting, never guessed.
        self.countable = ((POSE_COUNTABLE if trackers.pose_counts_repetitions else ())
                          + (HAND_COUNTABLE if trackers.hands is not None else ()))
        self.view: MirrorView | None = None
        self.pipeline: Any = None
        self.opening: threading.Thread | None = None
        self.open_error: str | None = None
        self.fact = CameraFact(CAMERA_RECONNECTING)
        self.facts: list[Input] = []
        self.counter: Any = None
        self.counter_key: Any = None
        self.latest: Any = None  # the newest ComposedFrame
        self.frames_shown = 0
        self.spec_opened = ""
        self.preloading = False
        self.hand_worker: Any = None
        self.details: dict[str, Any] | None = None
        self.framed_token: Any = None  # the stage the picture's zoom was chosen for
        self.in_step: Any = None  # bilateral mode: mirror.bilateral.InStep
        self.in_step_sent: tuple[Any, float] = (None, 0.0)  # last figure sent, and when

    # -- what the display asks ------------------------------------------------------------
    def picture(self) -> Any:
        return self.latest

    # -- the loop's calls -----------------------------------------------------------------
    def observe(self, screen: Screen, flip_s: float) -> None:
        self.view = mirror_view(screen)
        if self.preload is not None and not self.preloading \
                and screen.extras.get("phase") in ("imagery", "mirror"):
            # Import cv2 and mediapipe while the patient reads or imagines, not during the
            # millisecond-timed left/right task, so the mirror opens without a wait.
            self.preloading = True
            self.preload()
        self.inner.observe(screen, flip_s)

    def wait(self, until_s: float) -> list[Input]:
        self._update()
        if self.facts:
            facts, self.facts = self.facts, []
            return facts
        return self.inner.wait(until_s)

    def close(self) -> None:
        self._close_pipeline()

    # -- camera life ----------------------------------------------------------------------
    def _update(self) -> None:
        view = self.view
        wanted = view is not None and view.stage in ("settle", "exercise")
        spec = self._spec_for(view.camera_source if view is not None else "camera",
                              view.video_name if view is not None else "")
        if not wanted:
            if self.pipeline is not None:
                self._close_pipeline()
            return
        if self.pipeline is not None and spec != self.spec_opened:
            self._close_pipeline()
        if self.pipeline is None:
            self._open(spec, view)
            return
        self._step(view)

    def _spec_for(self, camera_source: str, video_name: str = "") -> str:
        """The frame source for what the patient chose: the camera, the practice picture, or
        the recorded video they chose from their videos folder (the newest if none named)."""
        if camera_source == "practice":
            return "synthetic"
        if camera_source == "video":
            if video_name:
                chosen = self.videos.folder / video_name
                return str(chosen) if chosen.is_file() else NO_VIDEO
            newest = self.videos.newest()
            return str(newest) if newest is not None else NO_VIDEO
        return self.camera_spec

    def _failed(self, message: str) -> CameraFact:
        """A failure, with the patient's recorded videos to choose from instead."""
        return CameraFact(CAMERA_FAILED, message,
                          videos=tuple(p.name for p in self.videos.clips()),
                          videos_folder=str(self.videos.folder))

    def _open(self, spec: str, view: MirrorView) -> None:
        if self.opening is not None:
            if self.opening.is_alive():
                return
            self.opening = None
            if self.open_error is not None:
                self._report(self._failed(self.open_error))
                self.open_error = None
                return
        if view.camera_state == CAMERA_FAILED:
            return  # the patient has not chosen to try again yet
        if spec == NO_VIDEO:
            self._report(self._failed((
                _("There is no recorded video in {folder}. Copy a clip (.mp4, .avi, "
                ".mov or .mkv) of yourself there, then choose 'Use a recorded video' again.").format(folder=self.videos.folder))))
            return
        self._report(CameraFact(CAMERA_RECONNECTING, _("Starting the camera...")))
        if not self.open_in_background:
            self._start_pipeline(spec, view)
            if self.open_error is not None:
                self._report(self._failed(self.open_error))
                self.open_error = None
            elif self.pipeline is not None:
                self._step(view)  # a due frame makes the camera live at this very moment
            return
        self.opening = threading.Thread(target=self._start_pipeline, args=(spec, view),
                                        daemon=True, name="camera-open")
        self.opening.start()

    def _tracking(self, tracker: Any) -> Any:
        from gmi_trainer.tracking.worker import InlineTracking, TrackingWorker

        if self.trackers.threaded:
            return TrackingWorker(tracker, self.clock)
        return InlineTracking(tracker, self.clock)

    def _start_pipeline(self, spec: str, view: MirrorView) -> None:
        try:
            from gmi_trainer.frames.frame import SourceError
            from gmi_trainer.mirror.compositor import MirrorMode
            from gmi_trainer.mirror.pipeline import MirrorPipeline, MirrorSettings

            try:
                source = self.open_source(spec, self.clock)
            except SourceError as error:
                self.open_error = str(error)
                return
            mode = MirrorMode[MODES[view.mode]]
            # Tracking runs in every mode: it finds the midline and counts repetitions.
            practice = spec == "synthetic" and self.trackers.practice is not None
            worker = self._tracking(self.trackers.practice() if practice and self.trackers.practice
                                    else self.trackers.pose())
            pipeline = MirrorPipeline(source, self.clock,
                                      MirrorSettings(mode=mode, intact_side=view.intact_side,
                                                     fixed_line_x_norm=view.line_x_norm,
                                                     strength=view.strength,
                                                     lower_limb=view.midline == "legs"),
                                      worker=worker)
            pipeline.start()
            self.pipeline, self.spec_opened = pipeline, spec
            self.details = {"spec": spec, "description": source.description,
                            "size_px": list(source.size_px), "fps": source.fps,
                            "tracker": self.trackers.name, "mode": view.mode}
        except Exception as error:  # noqa: BLE001 - any failure here must become a message
            self.open_error = _("The camera could not be started ({error}).").format(error=error)

    def _step(self, view: MirrorView) -> None:
        from gmi_trainer.frames.frame import SourceError, SourceState

        pipeline = self.pipeline
        try:
            composed = pipeline.step()
        except SourceError as error:
            self._close_pipeline()
            self._report(self._failed(str(error)))
            return
        state = pipeline.source.state
        if state is SourceState.RECONNECTING:
            self._report(CameraFact(CAMERA_RECONNECTING, pipeline.source.problem
                                    or _("The camera stopped. Trying to reconnect...")))
            return
        if view.line_x_norm != pipeline.settings.fixed_line_x_norm \
                or view.strength != pipeline.settings.strength:
            pipeline.set_settings(replace(pipeline.settings, fixed_line_x_norm=view.line_x_norm,
                                          strength=view.strength))
        if view.token != self.framed_token:
            # A new stage or exercise: the zoom and crop are chosen afresh, once.
            self.framed_token = view.token
            pipeline.reframe()
        if composed is None:
            return
        self.latest = composed
        self._report(CameraFact(CAMERA_LIVE, description=pipeline.source.description,
                                countable=self.countable, fixed_line=pipeline.fixed_line_in_use))
        self._count(view, composed)
        self._in_step(view, composed)

    def _in_step(self, view: MirrorView, composed: Any) -> None:
        """Bilateral mode: how in step both sides move, sent to the core twice a second."""
        if not (view.reports_in_step and view.stage == "exercise"):
            self.in_step = None
            return
        from gmi_trainer.mirror.bilateral import InStep

        if self.in_step is None:
            self.in_step = InStep(lower_limb=view.midline == "legs")
        tracking = composed.tracking
        if tracking is None:
            return
        # Stamped with the tracked frame's time: a result shown twice is one sample.
        percent = self.in_step.update(tracking.landmarks, tracking.frame_timestamp_s)
        now_s = self.clock.now()
        if percent is not None and now_s - self.in_step_sent[1] >= 0.5:
            self.in_step_sent = (percent, now_s)
            self.facts.append(Input(act.IN_STEP, now_s, percent, "camera"))

    def _count(self, view: MirrorView, composed: Any) -> None:
        from gmi_trainer.mirror.repetitions import RepetitionCounter, movement_signal

        movement = view.movement if view.stage == "exercise" else ""
        key = (view.token, movement)
        if key != self.counter_key:
            self.counter_key = key
            self.counter = (RepetitionCounter.for_movement(movement)
                            if movement in self.countable else None)
            self._hand_tracking(movement in HAND_COUNTABLE, view.intact_side)
        if self.hand_worker is not None:
            # Hand exercises need finger landmarks: a second tracker sees the same frames,
            # only while such an exercise is on screen.
            self.hand_worker.submit(composed.frame)
            tracking = self.hand_worker.latest()
        else:
            tracking = composed.tracking
        if self.counter is None or tracking is None or tracking.landmarks is None:
            return
        signal = movement_signal(movement, tracking.landmarks, view.intact_side)
        repetition = self.counter.update(signal, tracking.frame_timestamp_s)
        if repetition is not None:
            self.facts.append(Input(act.REPETITION, self.clock.now(), repetition.as_row(), "camera"))

    def _hand_tracking(self, wanted: bool, intact_side: str) -> None:
        if wanted and self.hand_worker is None and self.trackers.hands is not None:
            self.hand_worker = self._tracking(self.trackers.hands(intact_side))
            self.hand_worker.start()
        elif not wanted and self.hand_worker is not None:
            self._stop_hand_tracking()

    def _stop_hand_tracking(self) -> None:
        worker, self.hand_worker = self.hand_worker, None
        if worker is not None:
            worker.stop()
            worker.tracker.close()

    def _report(self, fact: CameraFact) -> None:
        if fact != self.fact:
            self.fact = fact
            self.facts.append(Input(act.CAMERA, self.clock.now(), fact, "camera"))

    def _close_pipeline(self) -> None:
        self._stop_hand_tracking()
        self.counter_key = None
        self.framed_token = None
        self.in_step = None
        pipeline, self.pipeline, self.latest = self.pipeline, None, None
        if pipeline is not None:
            pipeline.stop()
            pipeline.source.close()
            if pipeline.worker is not None:
                pipeline.worker.tracker.close()
        self.fact = CameraFact(CAMERA_RECONNECTING)
