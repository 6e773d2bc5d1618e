"""Generated frames with a known body midline, for tests, demos and the benchmark.

Every picture is a pure function of its frame index, so a test can ask for frame 42 and
know exactly where the midline is and which arm is raised. Frames are paced by the
injected clock like a live camera: `read()` hands out the newest frame that is due.
"""

from __future__ import annotations

import math

import numpy as np

from gmi_trainer.clock import Clock
from gmi_trainer.frames.frame import ContextManagedSource, Frame, SourceError, SourceState
from gmi_trainer.frames.pacing import due_frame_index, due_time_s

# Colours are BGR. The two sleeves differ so a test can tell which side was reflected.
BACKGROUND_BGR = (70, 60, 50)
SKIN_BGR = (120, 160, 220)
SHIRT_BGR = (90, 140, 90)
LEFT_SLEEVE_BGR = (40, 40, 200)  # patient's left arm: red, on the image's right
RIGHT_SLEEVE_BGR = (200, 90, 40)  # patient's right arm: blue, on the image's left


class SyntheticSource(ContextManagedSource):
    """A drawn figure (or a pasted photograph) that sways sideways and waves one arm.

    The figure's midline sways by `sway_px` around the image centre with period
    `sway_period_s`, so midline-following code has something to follow; the patient's left
    arm (image right, since frames are not mirrored) rises and falls every `wave_period_s`.
    With `picture` (BGR), that photograph is pasted instead of the drawing, scaled to the
    frame height, with its column `picture_midline_x_px` placed on the swaying midline:
    this gives a pose tracker real work to do in the benchmark.
    """

    def __init__(
        self,
        clock: Clock,
        size_px: tuple[int, int] = (640, 480),
        fps: float = 30.0,
        sway_px: float = 40.0,
        sway_period_s: float = 8.0,
        wave_period_s: float = 2.0,
        picture: np.ndarray | None = None,
        picture_midline_x_px: float | None = None,
    ) -> None:
        import cv2  # lazy: keeps program start-up fast

        self._cv2 = cv2
        if fps <= 0:
            raise ValueError("fps must be positive")
        self._clock = clock
        self._size_px = (int(size_px[0]), int(size_px[1]))
        self._fps = float(fps)
        self._sway_px = float(sway_px)
        self._sway_period_s = float(sway_period_s)
        self._wave_period_s = float(wave_period_s)
        self._picture: np.ndarray | None = None
        self._picture_midline_px = 0.0
        if picture is not None:
            self._prepare_picture(picture, picture_midline_x_px)
        self._state = SourceState.CLOSED
        self._start_s = 0.0
        self._last_index = -1
        self._background: np.ndarray | None = None

    # FrameSource properties
    @property
    def description(self) -> str:
        kind = "photograph" if self._picture is not None else "drawn figure"
        return f"synthetic {kind} {self._size_px[0]}x{self._size_px[1]} at {self._fps:g} fps"

    @property
    def state(self) -> SourceState:
        return self._state

    @property
    def problem(self) -> str | None:
        return None

    def open(self) -> None:
        self._start_s = self._clock.now()
        self._last_index = -1
        self._state = SourceState.LIVE

    def close(self) -> None:
        self._state = SourceState.CLOSED

    def read(self) -> Frame | None:
        if self._state is not SourceState.LIVE:
            raise SourceError("The synthetic source is not open.")
        index = due_frame_index(self._start_s, self._clock.now(), self._fps)
        if index <= self._last_index:
            return None
        self._last_index = index
        return Frame(
            image=self.render(index),
            timestamp_s=due_time_s(self._start_s, index, self._fps),
            index=index,
        )

    # Ground truth, so tests can check the pipeline against what was drawn.
    def midline_x_px(self, index: int) -> float:
        t_s = index / self._fps
        return self._size_px[0] / 2.0 + self._sway_px * math.sin(2 * math.pi * t_s / self._sway_period_s)

    def left_arm_raise_deg(self, index: int) -> float:
        """Angle of the patient's left upper arm from hanging (0) towards horizontal (90)."""
        t_s = index / self._fps
        return 45.0 * (1.0 - math.cos(2 * math.pi * t_s / self._wave_period_s))

    def render(self, index: int) -> np.ndarray:
        if self._background is None:
            width_px, height_px = self._size_px
            background = np.empty((height_px, width_px, 3), dtype=np.uint8)
            background[:] = BACKGROUND_BGR
            # A gentle horizontal ramp makes any left/right swap visible in pixel tests.
            background[:, :, 1] = (np.arange(width_px) * 100 // max(width_px - 1, 1)).astype(np.uint8)[None, :]
            # Drawn once: a headless session renders thousands of frames.
            self._background = background
        image = self._background.copy()
        midline_px = self.midline_x_px(index)
        if self._picture is not None:
            self._paste_picture(image, midline_px)
        else:
            self._draw_figure(image, midline_px, self.left_arm_raise_deg(index))
        return image

    def _draw_figure(self, image: np.ndarray, midline_px: float, raise_deg: float) -> None:
        cv2 = self._cv2
        width_px, height_px = self._size_px
        m = int(round(midline_px))
        unit = height_px / 480.0
        shoulder_y = int(0.36 * height_px)
        half_torso = int(60 * unit)
        cv2.rectangle(image, (m - half_torso, shoulder_y), (m + half_torso, int(0.92 * height_px)), SHIRT_BGR, -1)
        cv2.circle(image, (m, int(0.22 * height_px)), int(38 * unit), SKIN_BGR, -1)
        upper_px, fore_px, thick_px = 95 * unit, 85 * unit, max(int(22 * unit), 2)
        # Patient's right arm: on the image's left, hanging still.
        right_shoulder = (m - half_torso, shoulder_y + int(10 * unit))
        right_elbow = (right_shoulder[0] - int(10 * unit), right_shoulder[1] + int(upper_px))
        right_hand = (right_elbow[0], right_elbow[1] + int(fore_px))
        cv2.line(image, right_shoulder, right_elbow, RIGHT_SLEEVE_BGR, thick_px)
        cv2.line(image, right_elbow, right_hand, SKIN_BGR, thick_px)
        # Patient's left arm: on the image's right, abducting outwards by raise_deg.
        angle = math.radians(raise_deg)
        left_shoulder = (m + half_torso, shoulder_y + int(10 * unit))
        left_elbow = (
            int(left_shoulder[0] + upper_px * math.sin(angle)),
            int(left_shoulder[1] + upper_px * math.cos(angle)),
        )
        left_hand = (
            int(left_elbow[0] + fore_px * math.sin(angle)),
            int(left_elbow[1] + fore_px * math.cos(angle)),
        )
        cv2.line(image, left_shoulder, left_elbow, LEFT_SLEEVE_BGR, thick_px)
        cv2.line(image, left_elbow, left_hand, SKIN_BGR, thick_px)

    def _prepare_picture(self, picture: np.ndarray, midline_x_px: float | None) -> None:
        if picture.ndim != 3 or picture.shape[2] != 3 or picture.dtype != np.uint8:
            raise ValueError("picture must be an HxWx3 uint8 BGR image")
        height_px = self._size_px[1]
        scale = height_px / picture.shape[0]
        new_size = (max(int(round(picture.shape[1] * scale)), 1), height_px)
        self._picture = self._cv2.resize(picture, new_size, interpolation=self._cv2.INTER_AREA)
        source_midline = picture.shape[1] / 2.0 if midline_x_px is None else midline_x_px
        self._picture_midline_px = source_midline * scale

    def _paste_picture(self, image: np.ndarray, midline_px: float) -> None:
        assert self._picture is not None
        width_px = self._size_px[0]
        picture_w = self._picture.shape[1]
        left = int(round(midline_px - self._picture_midline_px))
        dst_from, dst_to = max(left, 0), min(left + picture_w, width_px)
        if dst_to > dst_from:
            image[:, dst_from:dst_to] = self._picture[:, dst_from - left : dst_to - left]
