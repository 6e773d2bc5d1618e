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
from gmi_trainer.mirror.midline_state import MidlineFollower, MirrorLine, fixed_line
from gmi_trainer.mirror.sides import Side, check_side
from gmi_trainer.tracking.landmarks import Landmarks
from gmi_trainer.tracking.midline import body_midline_x_px
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

    def __post_init__(self) -> None:
        check_side(self.intact_side)
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


def measured_midline_x_px(
    result: TrackingResult | None,
    now_s: float,
    max_age_s: float,
    midline_from: Callable[[Landmarks], float | None] = body_midline_x_px,
) -> float | None:
    """The midline from the latest tracking result, or None if there is none or it is stale."""
    if result is None or result.landmarks is None or now_s - result.frame_timestamp_s > max_age_s:
        return None
    return midline_from(result.landmarks)


class MirrorPipeline:
    def __init__(
        self,
        source: FrameSource,
        clock: Clock,
        settings: MirrorSettings,
        worker: TrackingWorker | InlineTracking | None = None,
        compositor: MirrorCompositor | None = None,
        follower: MidlineFollower | None = None,
        midline_from: Callable[[Landmarks], float | None] = body_midline_x_px,
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
        )

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
        image = self.compositor.compose(
            frame.image, self.settings.mode, self.settings.intact_side, None if line is None else line.x_px
        )
        return ComposedFrame(image=image, frame=frame, line=line, tracking=tracking)

    def line_for(self, frame: Frame, tracking: TrackingResult | None) -> MirrorLine | None:
        settings = self.settings
        if settings.mode is MirrorMode.WHOLE_FLIP:
            return None
        if settings.mode is MirrorMode.FIXED_LINE:
            return fixed_line(settings.fixed_line_x_norm * frame.width_px)
        measured = measured_midline_x_px(tracking, self.clock.now(), settings.max_tracking_age_s, self._midline_from)
        return self.follower.update(self.clock.now(), measured)
