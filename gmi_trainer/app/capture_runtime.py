"""The camera side of the own-picture capture, wrapped around the input source.

While the screen shows the capture's camera stage, this keeps a frame source and the
capture engine (hand landmarks, the still hold, the cut-out) running, hands the display the
newest picture (mirrored, as people expect of a screen they move in front of, with the
outline of the posture to copy and the tracked hand's points), and turns what it saw into
inputs for the core flow. Frames live only in memory: the one picture written is the
cut-out the patient asked for by starting the capture, stored owner-only in their folder."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from gmi_trainer.capture import own_set
from gmi_trainer.capture.targets import Target
from gmi_trainer.clock import Clock
from gmi_trainer.core.capture import (
    CAPTURE_CAMERA,
    CAPTURE_LOOK,
    CAPTURE_TAKEN,
    LOOKING,
    CaptureLook,
    CaptureTaken,
    CaptureView,
)
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.views import PausedView, Screen
from gmi_trainer.i18n import _

if TYPE_CHECKING:  # numpy, OpenCV and mediapipe load with the capture, not at start-up
    import numpy as np

    from gmi_trainer.capture.engine import CaptureEngine
    from gmi_trainer.frames.frame import Frame, FrameSource

CARD_PX = 340  # the library's picture size: own pictures replace them one for one
OUTLINE_BGR = (255, 220, 120)
MATCHED_BGR = (90, 220, 90)
SEARCHING_BGR = (60, 160, 255)


@dataclass(frozen=True)
class CaptureSetup:
    """Whose pictures, of which side, and the postures to copy (decided when the capture
    opens: therapist mode may have changed the affected side since start-up)."""

    data_dir: Path
    patient: str
    intact_side: str
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class LivePicture:
    """What the display shows: the mirrored frame with its overlay, and the frame (its
    index tells the display when there is something new to draw)."""

    image: "np.ndarray"
    frame: "Frame"


def capture_view(screen: Screen) -> CaptureView | None:
    view = screen.view.under if isinstance(screen.view, PausedView) else screen.view
    return view if isinstance(view, CaptureView) else None


def card_outline(picture_rgba: "np.ndarray") -> list["np.ndarray"]:
    """The library picture's silhouette as polygons, in the picture's pixels."""
    import cv2

    alpha = (picture_rgba[..., 3] > 127).astype("uint8")
    contours, _ = cv2.findContours(alpha, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return [c.reshape(-1, 2).astype(float) for c in contours if len(c) >= 8]


class CaptureRuntime:
    def __init__(self, inner: Any, clock: Clock, camera_spec: str,
                 open_source: Callable[[str, Clock], "FrameSource"],
                 make_engine: Callable[[str], "CaptureEngine"], setup: Callable[[], CaptureSetup],
                 wall_clock: Callable[[], datetime], open_in_background: bool = True) -> None:
        """`make_engine(intact_side)` builds the engine once the camera is open."""
        self.inner, self.clock = inner, clock
        self.camera_spec, self.open_source, self.make_engine = camera_spec, open_source, make_engine
        self.setup = setup
        self.targets: dict[str, Target] = {}
        self.data_dir, self.patient, self.intact_side = Path("."), "", ""
        self.wall_clock = wall_clock
        self.open_in_background = open_in_background
        self.view: CaptureView | None = None
        self.source: FrameSource | None = None
        self.engine: CaptureEngine | None = None
        self.opening: threading.Thread | None = None
        self.open_error = ""
        self.ended = False  # a recording reached its end
        self.facts: list[Input] = []
        self.latest: LivePicture | None = None
        self.requests_seen = 0
        self.last_look: Any = None
        self.last_frame: Frame | None = None
        self.taken_count = 0
        self._outlines: dict[str, list[Any]] = {}
        self._problem = None  # the camera problem last reported

    def use(self, setup: CaptureSetup) -> None:
        """Take the next pictures for `setup` (the patient whose capture the screen opened:
        the running patient's from home, any patient's from therapist mode)."""
        self.close()
        self.setup = lambda: setup
        self.requests_seen, self.ended, self._outlines = 0, False, {}

    # -- the loop's calls -----------------------------------------------------------------
    def picture(self) -> LivePicture | None:
        return self.latest if self.view is not None else None

    def observe(self, screen: Screen, flip_s: float) -> None:
        self.view = capture_view(screen)
        self.inner.observe(screen, flip_s)

    def wait(self, until_s: float) -> list[Input]:
        self._update()
        if self.facts:
            # A new frame brings a fact nearly every turn: the keys and clicks are read in
            # the same turn (without waiting), or a busy camera would leave them unread.
            facts, self.facts = self.facts, []
            return facts + self.inner.wait(self.clock.now())
        return self.inner.wait(until_s)

    def close(self) -> None:
        if self.opening is not None:
            self.opening.join(timeout=10)
            self.opening = None
        if self.source is not None:
            self.source.close()
        self.source, self.engine, self.latest, self.open_error = None, None, None, ""
        self._problem = None

    def problem_text(self) -> str:
        """The camera's or the saving's last problem, '' when there is none."""
        return self._problem or self.open_error

    # -- camera and engine ----------------------------------------------------------------
    def _open(self) -> None:
        try:
            from gmi_trainer.frames.frame import SourceError

            setup = self.setup()
            self.targets = {t.key: t for t in setup.targets}
            self.data_dir, self.patient, self.intact_side = setup.data_dir, setup.patient, setup.intact_side
            try:
                self.source = self.open_source(self.camera_spec, self.clock)
            except SourceError as error:
                self.open_error = str(error)
                return
            self.engine = self.make_engine(setup.intact_side)
        except Exception as error:  # a model that cannot load: said on screen, never a traceback
            self.open_error = _("The camera or hand tracking could not start: {error}").format(error=error)

    def _update(self) -> None:
        view = self.view
        if view is None:
            # Left the capture: the camera is let go at once (its light goes out).
            if self.source is not None or self.opening is not None:
                self.close()
            return
        if view.stage != LOOKING:
            return
        if self.opening is not None and not self.opening.is_alive():
            self.opening = None
        if self.source is None or self.engine is None:
            if self.opening is None and not self.open_error:
                if self.open_in_background:
                    self.opening = threading.Thread(target=self._open, daemon=True)
                    self.opening.start()
                else:
                    self._open()
            if self.open_error:
                self._report(self.open_error)
            return
        self._step(view)

    def _report(self, problem: str) -> None:
        if problem != self._problem:
            self._problem = problem
            self.facts.append(Input(CAPTURE_CAMERA, self.clock.now(), problem, "camera"))

    def _step(self, view: CaptureView) -> None:
        from gmi_trainer.frames.frame import SourceEnded, SourceError

        assert self.source is not None and self.engine is not None
        try:
            frame = self.source.read()
        except SourceEnded as error:
            self.ended = True
            self._report(str(error))
            return
        except SourceError as error:
            self._report(str(error))
            return
        if frame is None:
            return
        self._report("")
        # Only the posture on the screen: several postures look alike in a picture's
        # landmarks (a flat hand from the back and from the thumb side differ by 0.12), so
        # the patient's choice, not the closest match, names the picture.
        current = self.targets.get(view.target.key) if view.target is not None else None
        look = self.engine.look(frame, [current] if current is not None else [])
        self.last_look, self.last_frame = look, frame
        take_now = view.take_requests > self.requests_seen
        self.requests_seen = view.take_requests
        self.facts.append(Input(CAPTURE_LOOK, frame.timestamp_s, CaptureLook(
            look.hand_found, look.match, look.held,
            look.target.key if look.target is not None else None, look.waiting_for_change), "camera"))
        self.latest = LivePicture(self._overlay(frame, current, look), frame)
        if look.target is not None and look.points_px is not None and (look.ready or take_now):
            self._take(frame, look)

    def _take(self, frame: "Frame", look: Any) -> None:
        from gmi_trainer.capture.cutout import encode_png

        assert self.engine is not None
        try:
            picture, twin = self.engine.take(frame, look, CARD_PX)
            target = look.target
            own_set.save_pair(self.data_dir, self.patient, target.posture, target.view,
                              self.intact_side, encode_png(picture), encode_png(twin),
                              self.wall_clock())
        except (OSError, ValueError) as error:
            self._report(_("The picture could not be saved: {error}").format(error=error))
            return
        folder = own_set.folder(self.data_dir, self.patient)
        twin_side = "left" if self.intact_side == "right" else "right"
        files = (str(folder / own_set.file_name(target.posture, target.view, self.intact_side)),
                 str(folder / own_set.file_name(target.posture, target.view, twin_side)))
        self.taken_count += 1
        self.facts.append(Input(CAPTURE_TAKEN, frame.timestamp_s, CaptureTaken(target.key, files), "camera"))

    # -- what the patient sees ------------------------------------------------------------
    def _outline(self, target: Target) -> list[Any]:
        if target.key not in self._outlines:
            assert self.engine is not None
            self._outlines[target.key] = card_outline(self.engine.load_rgba(str(target.picture.file)))
        return self._outlines[target.key]

    def _overlay(self, frame: "Frame", target: Target | None, look: Any) -> "np.ndarray":
        """The frame mirrored, the target's outline in the middle (as large as the library
        card at 90% of the picture's height), the tracked hand's points over it."""
        import cv2
        import numpy as np

        image = np.ascontiguousarray(frame.image[:, ::-1])
        width, height = frame.width_px, frame.height_px
        if target is not None:
            scale = 0.9 * height / CARD_PX
            offset = np.array([(width - CARD_PX * scale) / 2, (height - CARD_PX * scale) / 2])
            for polygon in self._outline(target):
                # The card is drawn mirrored too, so the outline is the patient's hand as
                # they see it on the screen.
                points = polygon * scale + offset
                points[:, 0] = width - 1 - points[:, 0]
                cv2.polylines(image, [np.round(points).astype(np.int32)], True, OUTLINE_BGR, 3,
                              cv2.LINE_AA)
        if look.points_px is not None:
            colour = MATCHED_BGR if look.match >= 0.5 else SEARCHING_BGR
            for x, y in look.points_px:
                cv2.circle(image, (int(round(width - 1 - x)), int(round(y))), 4, colour, -1, cv2.LINE_AA)
        return image
