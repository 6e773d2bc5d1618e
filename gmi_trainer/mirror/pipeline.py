"""One display-loop step of the mirror: newest frame in, composed mirror picture out.

The phase screen calls `step()` once per loop and shows whatever it returns; nothing in
here waits for the tracker (it runs in a TrackingWorker) or for the camera (sources never
block). The screen then blits, flips, and measures latency as flip time minus
`frame.timestamp_s`, both on the shared clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from gmi_trainer.clock import Clock
from gmi_trainer.frames.frame import Frame, FrameSource
from gmi_trainer.mirror.compositor import MirrorCompositor, MirrorMode
from gmi_trainer.mirror.framing import Framing, View
from gmi_trainer.mirror.midline_state import MidlineFollower, MirrorLine, fixed_line
from gmi_trainer.mirror.sides import Side, check_side
from gmi_trainer.tracking.landmarks import Landmarks
from gmi_trainer.tracking.midline import LEG_PAIRS, TORSO_PAIRS, Midline, how_to_sit, legs_midline, torso_midline
from gmi_trainer.tracking.worker import InlineTracking, TrackingResult, TrackingWorker
from gmi_trainer.vocabulary.mirror_modes import MIRROR_LINE_RANGE


@dataclass(frozen=True)
class MirrorSettings:
    """What a therapist or patient chooses for a mirror block."""

    mode: MirrorMode = MirrorMode.BODY_MIDLINE
    intact_side: Side = "left"
    fixed_line_x_norm: float = 0.5  # fraction of frame width, in the frame as captured
    fall_back_after_s: float = 3.0
    max_tracking_age_s: float = 0.5  # an older tracking result counts as "lost"
    strength: float = 1.0  # graded mirror: 0 the real picture, 1 the full reflection
    lower_limb: bool = False  # legs: the midline from hips, knees and ankles

    def __post_init__(self) -> None:
        check_side(self.intact_side)
        if not 0.0 <= self.strength <= 1.0:
            raise ValueError("strength must be between 0 and 1")
        # The same range the patient's line is held to. The compositor itself can reflect
        # about any line in the frame (it clamps to 0..width), so a tool that must put the
        # line nearer an edge could widen this check; nothing in the program does.
        low, high = MIRROR_LINE_RANGE
        if not low <= self.fixed_line_x_norm <= high:
            raise ValueError(f"fixed_line_x_norm must be between {low:g} and {high:g}")


@dataclass(frozen=True)
class ComposedFrame:
    """A picture ready to show (BGR, for `pygame.image.frombuffer(..., "BGR")`) and its provenance."""

    image: np.ndarray
    frame: Frame
    line: MirrorLine | None  # None for WHOLE_FLIP
    tracking: TrackingResult | None
    view: View | None = None  # the zoom and crop it was shown at (None for WHOLE_FLIP)


def fresh_landmarks(result: TrackingResult | None, now_s: float, max_age_s: float) -> Landmarks | None:
    """The latest tracking result's landmarks, or None if there are none or they are stale."""
    if result is None or result.landmarks is None or now_s - result.frame_timestamp_s > max_age_s:
        return None
    return result.landmarks


def measured_midline_x_px(
    result: TrackingResult | None,
    now_s: float,
    max_age_s: float,
    midline_from: Callable[[Landmarks], Midline | None] = torso_midline,
) -> float | None:
    """The midline's x from the latest tracking result, or None if there is none or it is stale."""
    landmarks = fresh_landmarks(result, now_s, max_age_s)
    midline = None if landmarks is None else midline_from(landmarks)
    return None if midline is None else midline.x_px


# The keypoints whose rows must stay in the picture: the arms (or the legs) being exercised.
UPPER_LIMB_POINTS = ("left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist",
                     "right_wrist", "left_index", "right_index")
LOWER_LIMB_POINTS = ("left_knee", "right_knee", "left_ankle", "right_ankle", "left_heel", "right_heel",
                     "left_foot_index", "right_foot_index")


def limb_rows_norm(pose: Landmarks | None, names: tuple[str, ...], min_visibility: float = 0.5
                   ) -> tuple[float, float] | None:
    """The highest and lowest seen row of the named keypoints, as fractions of the height."""
    if pose is None:
        return None
    rows = [float(pose.xy_norm[pose.index(n)][1]) for n in names if pose.is_visible(n, min_visibility)]
    rows = [min(max(r, 0.0), 1.0) for r in rows]
    return (min(rows), max(rows)) if rows else None


class MirrorPipeline:
    def __init__(
        self,
        source: FrameSource,
        clock: Clock,
        settings: MirrorSettings,
        worker: TrackingWorker | InlineTracking | None = None,
        compositor: MirrorCompositor | None = None,
        follower: MidlineFollower | None = None,
        midline_from: Callable[[Landmarks], Midline | None] | None = None,
        framing: Framing | None = None,
    ) -> None:
        self.source = source
        self.clock = clock
        self.settings = settings
        self.worker = worker
        self.compositor = compositor if compositor is not None else MirrorCompositor()
        self._midline_from = midline_from
        self.follower = follower if follower is not None else MidlineFollower(
            fixed_line_x_px=settings.fixed_line_x_norm * max(source.size_px[0], 1),
            fall_back_after_s=settings.fall_back_after_s,
            frame_width_px=max(source.size_px[0], 1),
        )
        self.framing = framing if framing is not None else Framing(max_zoom=self.compositor.max_zoom)
        self._reframe = True

    def start(self) -> None:
        """Start tracking. The source must already be open."""
        if self.worker is not None:
            self.worker.start()

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()

    def set_settings(self, settings: MirrorSettings) -> None:
        self.settings = settings
        self.follower.set_fixed_line(settings.fixed_line_x_norm * max(self.source.size_px[0], 1))

    def reframe(self) -> None:
        """Choose the zoom and crop afresh on the next frame (a new exercise starts)."""
        self._reframe = True

    @property
    def fixed_line_in_use(self) -> bool:
        """Whether the line on screen is the patient's fixed line (chosen, or the fallback)."""
        return self.settings.mode is MirrorMode.FIXED_LINE or (
            self.settings.mode is MirrorMode.BODY_MIDLINE and self.follower.fell_back)

    def step(self) -> ComposedFrame | None:
        """Compose the newest frame, or return None if no new frame has arrived.

        Raises SourceError when the source has ended or failed (the screen shows its message).
        """
        frame = self.source.read()
        if frame is None:
            return None
        tracking = None
        if self.worker is not None:
            self.worker.submit(frame)
            tracking = self.worker.latest()
        line = self.line_for(frame, tracking)
        settings = self.settings
        if line is None:
            image = self.compositor.compose(frame.image, settings.mode, settings.intact_side)
            return ComposedFrame(image=image, frame=frame, line=None, tracking=tracking)
        view = self.view_for(frame, line, tracking)
        image = self.compositor.compose(frame.image, settings.mode, settings.intact_side, line.x_px,
                                        view.zoom, view.centre_y_norm, settings.strength)
        return ComposedFrame(image=image, frame=frame, line=line, tracking=tracking, view=view)

    def view_for(self, frame: Frame, line: MirrorLine, tracking: TrackingResult | None) -> View:
        """The zoom and crop: chosen once per exercise, then steady (mirror/framing.py)."""
        settings, now_s = self.settings, self.clock.now()
        wanted = self.compositor.needed_zoom(frame.width_px, frame.height_px, line.x_px, settings.intact_side)
        landmarks = fresh_landmarks(tracking, now_s, settings.max_tracking_age_s)
        rows = limb_rows_norm(landmarks, LOWER_LIMB_POINTS if settings.lower_limb else UPPER_LIMB_POINTS)
        if self._reframe:
            self._reframe = False
            return self.framing.choose(wanted, rows, now_s)
        return self.framing.update(wanted, rows, now_s)

    def line_for(self, frame: Frame, tracking: TrackingResult | None) -> MirrorLine | None:
        settings = self.settings
        if settings.mode is MirrorMode.WHOLE_FLIP:
            return None
        if settings.mode is MirrorMode.FIXED_LINE:
            return fixed_line(settings.fixed_line_x_norm * frame.width_px)
        landmarks = fresh_landmarks(tracking, self.clock.now(), settings.max_tracking_age_s)
        midline_from = self._midline_from or (legs_midline if settings.lower_limb else torso_midline)
        measured = None if landmarks is None else midline_from(landmarks)
        # Only a body seen at all gets advice on how to sit; before that the notice says lost.
        pair = LEG_PAIRS[1] if settings.lower_limb else TORSO_PAIRS[0]
        hint = how_to_sit(landmarks, pair) if landmarks is not None else None
        return self.follower.update(self.clock.now(), measured, hint)
