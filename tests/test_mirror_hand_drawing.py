"""A drawn hand that MediaPipe Hands can find, opening and closing a known number of times.

The hand is built from published anthropometry (phalanx lengths, MCP arc,
flexion limits MCP 90, PIP 105, DIP 80 degrees), seen palm-on with the fingers folding
towards the camera. The same model gives exact keypoints for counter tests, and a drawing
for the real-detection test: render a clip, write it with cv2.VideoWriter, play it back
through VideoFileSource and MediaPipe Hands, and count.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import numpy as np
import pytest

from gmi_trainer.tracking import HAND, HAND_KEYPOINTS, Landmarks

PHALANGES_MM = {
    "index_finger": (40.0, 22.0, 16.0),
    "middle_finger": (45.0, 26.0, 17.0),
    "ring_finger": (41.0, 26.0, 17.0),
    "pinky": (33.0, 18.0, 16.0),
}
# Knuckles relative to the wrist (x towards the little finger, y up), on a gentle arc.
MCP_MM = {"index_finger": (-28.0, 92.0), "middle_finger": (-8.0, 100.0), "ring_finger": (12.0, 95.0), "pinky": (30.0, 84.0)}
FINGER_WIDTH_MM = {"index_finger": 17.0, "middle_finger": 18.0, "ring_finger": 16.5, "pinky": 14.5}
FIST_FLEXION_DEG = (90.0, 105.0, 80.0)
THUMB_MM = (46.0, 32.0, 22.0)
SKIN_BGR = (150.0, 180.0, 225.0)
CREASE_BGR = tuple(0.7 * c for c in SKIN_BGR)
FRAME_SIZE_PX = (640, 480)
HAND_SCALE_PX_PER_MM = 1.0
WRIST_PX = (320.0, 420.0)


def hand_points_mm(closure: float) -> dict[str, np.ndarray]:
    """Keypoints in mm (x right, y up) for a hand at `closure` (0 open, 1 fist)."""
    points: dict[str, np.ndarray] = {"wrist": np.zeros(2)}
    for finger, lengths in PHALANGES_MM.items():
        knuckle = np.array(MCP_MM[finger])
        spread_rad = math.atan2(knuckle[0], knuckle[1]) * 0.35
        direction = np.array([math.sin(spread_rad), math.cos(spread_rad)])
        points[f"{finger}_mcp"] = knuckle
        position, flexion_deg = knuckle.copy(), 0.0
        for joint, length_mm, fist_deg in zip(("pip", "dip", "tip"), lengths, FIST_FLEXION_DEG):
            flexion_deg += fist_deg * closure
            # Folding towards the camera: the segment's image length shrinks with cos.
            position = position + direction * length_mm * math.cos(math.radians(flexion_deg))
            points[f"{finger}_{joint}"] = position.copy()
    position = np.array([-22.0, 25.0])
    points["thumb_cmc"] = position.copy()
    for step, (joint, length_mm) in enumerate(zip(("mcp", "ip", "tip"), THUMB_MM)):
        angle_rad = math.radians(-50.0 + 20.0 * step + closure * (35.0 + 40.0 * step))
        shrink = 1.0 - (0.35 * closure if step > 0 else 0.0)
        position = position + np.array([math.sin(angle_rad), math.cos(angle_rad)]) * length_mm * shrink
        points[f"thumb_{joint}"] = position.copy()
    return points


def to_px(point_mm: np.ndarray) -> tuple[int, int]:
    return (
        int(round(WRIST_PX[0] + point_mm[0] * HAND_SCALE_PX_PER_MM)),
        int(round(WRIST_PX[1] - point_mm[1] * HAND_SCALE_PX_PER_MM)),
    )


def hand_landmarks(closure: float, noise_px: float = 0.0, rng: np.random.Generator | None = None) -> Landmarks:
    points = hand_points_mm(closure)
    xy_px = np.array([to_px(points[name]) for name in HAND_KEYPOINTS], dtype=float)
    if noise_px:
        xy_px += (rng or np.random.default_rng(0)).normal(0.0, noise_px, xy_px.shape)
    return Landmarks(HAND, HAND_KEYPOINTS, xy_px / np.array(FRAME_SIZE_PX), np.ones(len(HAND_KEYPOINTS)), FRAME_SIZE_PX)


@functools.lru_cache(maxsize=1)
def background() -> np.ndarray:
    """A grey wall, lighter towards the floor, with sensor noise; drawn once per test run."""
    width_px, height_px = FRAME_SIZE_PX
    rng = np.random.default_rng(0)
    image = np.full((height_px, width_px, 3), (95.0, 100.0, 105.0))
    image += (np.arange(height_px) / height_px * 30.0)[:, None, None]
    image += rng.normal(0.0, 3.0, image.shape)
    return np.clip(image, 0, 255).astype(np.uint8)


def render_hand(closure: float) -> np.ndarray:
    """BGR drawing: forearm, palm with creases, thumb, fingers with outlines, softened."""
    import cv2

    image = background().copy()
    points = hand_points_mm(closure)
    scale = HAND_SCALE_PX_PER_MM

    def px(xy: tuple[float, float] | np.ndarray) -> tuple[int, int]:
        return to_px(np.asarray(xy, dtype=float))

    forearm = np.array([px((-32, 5)), px((30, 5)), px((36, -140)), px((-40, -140))], np.int32)
    cv2.fillConvexPoly(image, forearm, SKIN_BGR, cv2.LINE_AA)
    palm_outline = [(-30, 0), (-40, 30), (-38, 70), (-36, 92), (-8, 102), (14, 97), (34, 86), (40, 55), (36, 15), (28, 0)]
    cv2.fillPoly(image, [np.array([px(p) for p in palm_outline], np.int32)], SKIN_BGR, cv2.LINE_AA)
    cv2.ellipse(image, px((-18, 40)), (int(22 * scale), int(34 * scale)), -15, 200, 330, CREASE_BGR, 2, cv2.LINE_AA)
    cv2.line(image, px((-35, 72)), px((20, 78)), CREASE_BGR, 2, cv2.LINE_AA)
    cv2.line(image, px((-15, 82)), px((36, 70)), CREASE_BGR, 2, cv2.LINE_AA)
    thumb = ["thumb_cmc", "thumb_mcp", "thumb_ip", "thumb_tip"]
    for a, b, width_mm in zip(thumb, thumb[1:], (24.0, 19.0, 17.0)):
        cv2.line(image, px(points[a]), px(points[b]), CREASE_BGR, int(width_mm * scale) + 3, cv2.LINE_AA)
        cv2.line(image, px(points[a]), px(points[b]), SKIN_BGR, int(width_mm * scale), cv2.LINE_AA)
    for finger in ("pinky", "ring_finger", "middle_finger", "index_finger"):
        chain = [f"{finger}_{joint}" for joint in ("mcp", "pip", "dip", "tip")]
        for step, (a, b) in enumerate(zip(chain, chain[1:])):
            thickness_px = int(FINGER_WIDTH_MM[finger] * scale * (1.0 - 0.1 * step))
            cv2.line(image, px(points[a]), px(points[b]), CREASE_BGR, thickness_px + 3, cv2.LINE_AA)
            cv2.line(image, px(points[a]), px(points[b]), SKIN_BGR, thickness_px, cv2.LINE_AA)
            cv2.circle(image, px(points[b]), thickness_px // 2, SKIN_BGR, -1, cv2.LINE_AA)
    return cv2.GaussianBlur(image, (5, 5), 1.2)


def closure_at(t_s: float, repetitions: int, period_s: float) -> float:
    """Open at rest, closing and opening `repetitions` times, then open."""
    if t_s >= repetitions * period_s:
        return 0.0
    return 0.5 * (1.0 - math.cos(2.0 * math.pi * t_s / period_s))


def write_hand_clip(path: Path, repetitions: int, period_s: float, fps: float) -> Path:
    import cv2

    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, FRAME_SIZE_PX)
    assert writer.isOpened()
    frame_count = int(round((repetitions * period_s + 0.5) * fps))
    for index in range(frame_count):
        writer.write(render_hand(closure_at(index / fps, repetitions, period_s)))
    writer.release()
    return path


def test_mediapipe_hands_counts_a_drawn_hand_opening_and_closing(tmp_path: Path) -> None:
    pytest.importorskip("mediapipe")
    from gmi_trainer.clock import SimulatedClock
    from gmi_trainer.frames.video_file import VideoFileSource
    from gmi_trainer.mirror.repetitions import HAND_OPEN_CLOSE, RepetitionCounter, hand_closure
    from gmi_trainer.tracking.mediapipe_backend import MediaPipeHandsTracker

    repetitions, period_s, fps = 4, 1.2, 25.0
    clip = write_hand_clip(tmp_path / "hand.avi", repetitions, period_s, fps)
    clock = SimulatedClock()
    source = VideoFileSource(clip, clock, loop=False)
    tracker = MediaPipeHandsTracker(model_complexity=0)
    counter = RepetitionCounter.for_movement(HAND_OPEN_CLOSE)
    found = total = 0
    source.open()
    try:
        while True:
            try:
                frame = source.read()
            except Exception:  # noqa: BLE001 - SourceEnded: the clip is over
                break
            assert frame is not None, "every frame is due when the clock moves one frame at a time"
            total += 1
            hand = tracker.process(frame)
            found += hand is not None
            counter.update(None if hand is None else hand_closure(hand), frame.timestamp_s)
            clock.advance(1.0 / source.fps)
    finally:
        source.close()
        tracker.close()
    assert total == int(round((repetitions * period_s + 0.5) * fps))
    assert found >= 0.9 * total, f"MediaPipe found the drawn hand in {found} of {total} frames"
    assert counter.count == repetitions
    for repetition in counter.repetitions:
        assert repetition.range_of_motion > 0.6
        # Times are where the measured closure crosses the thresholds, so a repetition is
        # shorter than the drawn cycle; the peak lies inside it.
        assert 0.2 * period_s < repetition.end_s - repetition.start_s < 1.2 * period_s
        assert repetition.start_s < repetition.peak_s < repetition.end_s
