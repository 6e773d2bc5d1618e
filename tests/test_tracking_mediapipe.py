"""The MediaPipe backends on real photographs (public domain) and drawn figures."""

from __future__ import annotations

import numpy as np
import pytest

from gmi_trainer.frames import Frame
from gmi_trainer.tracking import Landmarks, Tracker, body_midline_x_px

pytest.importorskip("mediapipe")


def astronaut_bgr() -> np.ndarray:
    skimage_data = pytest.importorskip("skimage.data")
    return np.ascontiguousarray(skimage_data.astronaut()[:, :, ::-1])


def grace_hopper_bgr() -> np.ndarray:
    import cv2
    from matplotlib import cbook

    image = cv2.imread(str(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)))
    assert image is not None
    return image


@pytest.fixture(scope="module")
def pose_tracker() -> Tracker:
    from gmi_trainer.tracking.mediapipe_backend import MediaPipePoseTracker

    tracker = MediaPipePoseTracker(static_image_mode=True)
    yield tracker
    tracker.close()


def track(tracker: Tracker, image: np.ndarray) -> Landmarks:
    landmarks = tracker.process(Frame(image, 0.0, 0))
    assert landmarks is not None, "no person found"
    return landmarks


@pytest.mark.parametrize(
    ("name", "load", "shoulder_y_range"),
    [("astronaut", astronaut_bgr, (0.35, 0.65)), ("grace_hopper", grace_hopper_bgr, (0.55, 0.85))],
)
def test_pose_finds_both_shoulders_at_plausible_places(
    pose_tracker: Tracker, name: str, load: object, shoulder_y_range: tuple[float, float]
) -> None:
    image = load()  # type: ignore[operator]
    pose = track(pose_tracker, image)
    height_px, width_px = image.shape[:2]
    assert pose.image_size_px == (width_px, height_px)
    assert pose.is_visible("left_shoulder", 0.9) and pose.is_visible("right_shoulder", 0.9)
    left = pose.point_px("left_shoulder")
    right = pose.point_px("right_shoulder")
    # The frame is not mirrored: the person's right shoulder is on the image's left.
    assert right[0] < left[0]
    assert left[0] - right[0] > 0.3 * width_px, "shoulders are a shoulder-width apart"
    for shoulder in (left, right):
        assert shoulder_y_range[0] * height_px < shoulder[1] < shoulder_y_range[1] * height_px
    assert abs(left[1] - right[1]) < 0.1 * height_px, "roughly level"
    nose = pose.point_px("nose")
    assert nose[1] < min(left[1], right[1]), "the head is above the shoulders"
    midline_px = body_midline_x_px(pose)
    assert midline_px is not None and right[0] < midline_px < left[0]
    assert abs(midline_px - nose[0]) < 0.12 * width_px, f"{name}: the midline runs under the nose"


def test_pose_tracker_defaults_to_a_model_that_ships_with_the_wheel() -> None:
    from gmi_trainer.tracking.mediapipe_backend import MediaPipePoseTracker, lite_pose_model_present

    tracker = MediaPipePoseTracker()
    try:
        assert tracker.model_complexity == (0 if lite_pose_model_present() else 1)
        assert "mediapipe-pose" in tracker.name
    finally:
        tracker.close()
