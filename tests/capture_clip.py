"""Test clips for the own-picture capture, made without a camera.

A picture of a hand (the project's own rendered one, or a photograph of a real hand:
tests/real_hand.py) pasted on a real photograph (scikit-image's `coffee`, a cup on a table,
public domain), moving a little as a held hand does, with camera noise: each posture held
for `hold_s`, then a moment of moving to the next."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

FRAME_PX = (640, 480)
FPS = 15.0


def background() -> np.ndarray:
    import cv2
    from skimage import data

    photo = cv2.cvtColor(data.coffee(), cv2.COLOR_RGB2BGR)  # 400x600
    return cv2.resize(photo, FRAME_PX, interpolation=cv2.INTER_AREA)


def _paste(frame: np.ndarray, rgba: np.ndarray, centre: tuple[float, float], scale: float,
           angle_deg: float) -> None:
    import cv2

    height, width = rgba.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle_deg, scale)
    matrix[:, 2] += np.array(centre) - np.array([width / 2, height / 2])
    warped = cv2.warpAffine(rgba, matrix, FRAME_PX, flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0, 0))
    alpha = warped[..., 3:4].astype(np.float32) / 255.0
    bgr = warped[..., 2::-1].astype(np.float32)
    frame[...] = np.round(bgr * alpha + frame.astype(np.float32) * (1 - alpha)).astype(np.uint8)


def make_clip(path: Path, pictures: Sequence[Path | np.ndarray], hold_s: float = 1.6,
              move_s: float = 0.6, seed: int = 7, scale: float = 1.05, from_left: bool = False) -> Path:
    """Write an .avi (MJPG, which every OpenCV build reads and writes) of the pictures in turn
    (PNG files, or RGBA arrays). `from_left`: a picture whose arm is cut off at its left edge
    (a photograph) is set with that edge just outside the frame and comes in from the left,
    as an arm reaching in does; otherwise each comes in from below."""
    import cv2

    rng = np.random.default_rng(seed)
    ground = background()
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), FPS, FRAME_PX)
    for number, picture in enumerate(pictures):
        rgba = picture if isinstance(picture, np.ndarray) else cv2.cvtColor(
            cv2.imread(str(picture), cv2.IMREAD_UNCHANGED), cv2.COLOR_BGRA2RGBA)
        tilt = float(rng.uniform(-12, 12))  # a live hand is never quite upright
        place = np.array([320.0 + rng.uniform(-40, 40), 250.0 + rng.uniform(-20, 20)])
        if from_left:  # tilted a little less, so that the arm's cut end stays outside
            tilt, place[0] = tilt / 3, rgba.shape[1] * scale / 2 - 0.06 * rgba.shape[1] * scale
        frames_held, frames_moving = round(hold_s * FPS), round(move_s * FPS)
        for i in range(frames_moving + frames_held):
            frame = ground.copy()
            if i < frames_moving:  # coming in quickly
                coming = 260.0 * (1 - i / frames_moving)
                offset = np.array([-coming, 0.0]) if from_left else np.array([0.0, coming])
                sway = 0.0
            else:  # held: a tremor of about a pixel
                offset = rng.normal(0, 0.6, 2)
                sway = float(rng.normal(0, 0.3))
            _paste(frame, rgba, tuple(place + offset), scale, tilt + sway)
            noise = rng.normal(0, 3.0, frame.shape)
            writer.write(np.clip(frame + noise, 0, 255).astype(np.uint8))
    writer.release()
    return path
