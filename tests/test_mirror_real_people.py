"""The mirror line on real photographs of people (public domain: NASA's astronaut portrait
from scikit-image, Grace Hopper from matplotlib's sample data), moved and scaled into clips
here, tracked by the shipped MediaPipe pose model through the real mirror pipeline."""

from __future__ import annotations

import math
from typing import Callable

import numpy as np
import pytest

from gmi_trainer.clock import SimulatedClock
from gmi_trainer.frames.frame import Frame, SourceState
from gmi_trainer.mirror.pipeline import ComposedFrame, MirrorPipeline, MirrorSettings
from gmi_trainer.tracking.worker import InlineTracking
from tests.test_tracking_mediapipe import astronaut_bgr, grace_hopper_bgr

pytest.importorskip("mediapipe")
cv2 = pytest.importorskip("cv2")

SIZE_PX = (640, 480)
FPS = 30.0


PEOPLE: dict[str, Callable[[], np.ndarray]] = {"astronaut": astronaut_bgr, "grace_hopper": grace_hopper_bgr}


class PhotoClip:
    """A photograph scaled to `height_norm` of the frame, standing on its bottom edge, its
    centre `offset_px(t_s)` from the frame's centre, with camera noise; paced by the clock."""

    def __init__(self, clock: SimulatedClock, photo: np.ndarray, offset_px: Callable[[float], float],
                 height_norm: float = 0.9, noise: float = 3.0, seed: int = 0) -> None:
        height = round(SIZE_PX[1] * height_norm)
        width = round(photo.shape[1] * height / photo.shape[0])
        self.photo = cv2.resize(photo, (width, height), interpolation=cv2.INTER_AREA)
        self.clock, self.offset_px, self.noise = clock, offset_px, noise
        self.rng = np.random.default_rng(seed)
        self.start_s, self.last_index = 0.0, -1
        self._state = SourceState.CLOSED

    size_px = SIZE_PX
    fps = FPS
    description = "photo clip"
    problem = None

    @property
    def state(self) -> SourceState:
        return self._state

    def open(self) -> None:
        self.start_s, self._state = self.clock.now(), SourceState.LIVE

    def close(self) -> None:
        self._state = SourceState.CLOSED

    def shift_px(self, index: int) -> int:
        return int(round(self.offset_px(index / FPS)))

    def render(self, index: int, noisy: bool = True) -> np.ndarray:
        image = np.full((SIZE_PX[1], SIZE_PX[0], 3), 90, np.uint8)
        h, w = self.photo.shape[:2]
        left = (SIZE_PX[0] - w) // 2 + self.shift_px(index)
        lo, hi = max(left, 0), min(left + w, SIZE_PX[0])
        image[SIZE_PX[1] - h:, lo:hi] = self.photo[:, lo - left:hi - left]
        if noisy and self.noise:
            grain = self.rng.normal(0.0, self.noise, image.shape)
            image = np.clip(image + grain, 0, 255).astype(np.uint8)
        return image

    def read(self) -> Frame | None:
        index = int(math.floor((self.clock.now() - self.start_s) * FPS + 1e-6))
        if index <= self.last_index:
            return None
        self.last_index = index
        return Frame(self.render(index), self.start_s + index / FPS, index)


@pytest.fixture(scope="module")
def still_tracker():
    from gmi_trainer.tracking.mediapipe_backend import MediaPipePoseTracker

    tracker = MediaPipePoseTracker(static_image_mode=True)
    yield tracker
    tracker.close()


def shoulders_px(still_tracker, clip: PhotoClip) -> tuple[float, float]:
    """The shoulders' x where the photograph stands unshifted, found once, in a clean frame."""
    pose = still_tracker.process(Frame(_unshifted(clip), 0.0, 0))
    assert pose is not None
    xs = sorted((float(pose.point_px("left_shoulder")[0]), float(pose.point_px("right_shoulder")[0])))
    return xs[0], xs[1]


def _unshifted(clip: PhotoClip) -> np.ndarray:
    offset = clip.offset_px
    clip.offset_px = lambda t_s: 0.0
    try:
        return clip.render(0, noisy=False)
    finally:
        clip.offset_px = offset


def run_clip(clip: PhotoClip, clock: SimulatedClock, seconds: float) -> list[ComposedFrame]:
    from gmi_trainer.tracking.mediapipe_backend import MediaPipePoseTracker

    tracker = MediaPipePoseTracker()
    pipeline = MirrorPipeline(clip, clock, MirrorSettings(intact_side="left"),
                              worker=InlineTracking(tracker, clock))
    clip.open()
    shown = []
    try:
        for _ in range(int(seconds * FPS)):
            composed = pipeline.step()
            if composed is not None:
                shown.append(composed)
            clock.advance(1.0 / FPS)
    finally:
        tracker.close()
    return shown


@pytest.mark.slow
@pytest.mark.parametrize("person", sorted(PEOPLE))
def test_the_line_on_a_still_person_jitters_less_than_one_percent_of_the_width(person: str, still_tracker) -> None:
    clock = SimulatedClock()
    clip = PhotoClip(clock, PEOPLE[person](), lambda t_s: 0.0, noise=4.0)
    shown = run_clip(clip, clock, 4.0)
    xs = np.array([c.line.x_px for c in shown[30:] if c.line is not None and not c.line.tracking_lost])
    assert xs.size > 60, "tracked on most frames"
    jitter_norm = float(np.std(xs)) / SIZE_PX[0]
    spread_norm = float(np.ptp(xs)) / SIZE_PX[0]
    assert jitter_norm < 0.01 and spread_norm < 0.02, (jitter_norm, spread_norm)
    low, high = shoulders_px(still_tracker, clip)
    assert low < float(np.mean(xs)) < high


@pytest.mark.slow
@pytest.mark.parametrize("person", sorted(PEOPLE))
def test_on_a_swaying_person_the_line_stays_between_the_shoulders_in_every_frame(person: str, still_tracker) -> None:
    clock = SimulatedClock()
    sway = lambda t_s: 25.0 * math.sin(2 * math.pi * t_s / 3.0)  # noqa: E731 - 25 px, as reported
    clip = PhotoClip(clock, PEOPLE[person](), sway)
    low, high = shoulders_px(still_tracker, clip)
    shown = run_clip(clip, clock, 6.0)
    lines = [(c.frame.index, c.line.x_px) for c in shown if c.line is not None]
    assert len(lines) == len(shown) > 150
    span = high - low
    for index, x_px in lines:
        shift = clip.shift_px(index)
        assert low + shift < x_px < high + shift, f"frame {index}: line {x_px:.1f} outside the shoulders"
        # Near the middle of the shoulders, never out on a cheek.
        assert abs(x_px - ((low + high) / 2 + shift)) < 0.2 * span, f"frame {index}: line off the middle"
    # The picture is steady: its zoom was chosen once and has not changed with the sway.
    zooms = {round(c.view.zoom, 3) for c in shown[5:] if c.view is not None}
    assert len(zooms) == 1, zooms


@pytest.mark.slow
def test_half_out_of_the_picture_the_screen_says_how_to_sit() -> None:
    clock = SimulatedClock()
    # The astronaut 320 px to the image's right: their left shoulder is out of the frame.
    clip = PhotoClip(clock, astronaut_bgr(), lambda t_s: 320.0, noise=0.0)
    shown = run_clip(clip, clock, 1.5)
    notices = [c.line.notice for c in shown[10:] if c.line is not None]
    assert notices and all(n and "move your chair a little to your right" in n for n in notices), notices[-1:]
