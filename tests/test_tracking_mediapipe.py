"""The MediaPipe backend (Tasks API, shipped models) on real photographs (public domain) and drawn hands."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from gmi_trainer.frames import Frame
from gmi_trainer.tracking import Landmarks, Tracker, body_midline_x_px

pytest.importorskip("mediapipe")

MEDIA = Path(__file__).resolve().parents[1] / "media"


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


def test_the_models_ship_with_the_package_and_match_their_pinned_checksums() -> None:
    import hashlib

    from gmi_trainer.tracking import mediapipe_backend

    pinned = dict(
        reversed(line.split("  ")) for line in (mediapipe_backend.MODELS_DIR / "SHA256SUMS").read_text().splitlines()
    )
    shipped = {path.name for path in mediapipe_backend.MODELS_DIR.iterdir()
               if path.suffix in (".task", ".tflite")}
    assert shipped == set(pinned) == {mediapipe_backend.POSE_MODEL, mediapipe_backend.SEGMENTER_MODEL,
                                      *mediapipe_backend.HAND_MODELS.values()}
    for name, digest in pinned.items():
        assert hashlib.sha256((mediapipe_backend.MODELS_DIR / name).read_bytes()).hexdigest() == digest, name
    assert "Apache License" in (mediapipe_backend.MODELS_DIR / "LICENSE").read_text()


def test_trackers_load_and_run_with_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from gmi_trainer.tracking.mediapipe_backend import MediaPipeHandsTracker, MediaPipePoseTracker

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the tracker tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for tracker in (MediaPipePoseTracker(), MediaPipeHandsTracker(), MediaPipeHandsTracker(model_complexity=1)):
        try:
            tracker.process(Frame(astronaut_bgr(), 0.0, 0))
        finally:
            tracker.close()


def test_video_mode_follows_a_person_through_repeated_timestamps() -> None:
    from gmi_trainer.tracking.mediapipe_backend import MediaPipePoseTracker

    tracker = MediaPipePoseTracker()
    image = astronaut_bgr()
    try:
        # A camera may stamp two frames alike; the tracker still gets strictly rising times.
        found = [tracker.process(Frame(np.roll(image, shift, axis=1), t_s, index))
                 for index, (shift, t_s) in enumerate([(0, 1.0), (4, 1.0), (8, 1.033), (12, 1.066)])]
    finally:
        tracker.close()
    assert all(pose is not None for pose in found)
    xs = [pose.point_px("nose")[0] for pose in found if pose is not None]
    assert xs[-1] > xs[0], "the nose moves right with the picture"


def hand_on_grey_bgr(side: str) -> np.ndarray:
    from PIL import Image

    from gmi_trainer.stimuli.verify import composite

    path = MEDIA / "hand" / side / f"hand-{side}-flat-back-light.png"
    with Image.open(path) as picture:
        rgb = composite(np.asarray(picture.convert("RGBA")), 0)
    return np.ascontiguousarray(rgb[:, :, ::-1])


@pytest.mark.parametrize("model_complexity", [0, 1])
@pytest.mark.parametrize("side", ["left", "right"])
def test_hands_tracker_names_the_hand_as_the_frame_shows_it(side: str, model_complexity: int) -> None:
    from gmi_trainer.tracking.mediapipe_backend import MediaPipeHandsTracker

    image = hand_on_grey_bgr(side)
    plain = MediaPipeHandsTracker(model_complexity=model_complexity, static_image_mode=True)
    mirrored = MediaPipeHandsTracker(model_complexity=model_complexity, static_image_mode=True, frame_is_mirrored=True)
    try:
        hand = plain.process(Frame(image, 0.0, 0))
        hand_in_mirror = mirrored.process(Frame(np.ascontiguousarray(image[:, ::-1]), 0.0, 0))
    finally:
        plain.close()
        mirrored.close()
    assert hand is not None and hand_in_mirror is not None
    assert hand.kind == "hand" and len(hand.names) == 21 and hand.xy_norm.shape == (21, 2)
    assert hand.side == side and hand_in_mirror.side == side
    assert 0.5 < hand.score <= 1.0 and np.all(hand.visibility == hand.score)
