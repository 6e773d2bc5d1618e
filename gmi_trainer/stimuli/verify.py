"""An independent check of realism and labels: does MediaPipe Hands see a hand, and which one?

Each hand picture is composited on a plain grey background, rotated in the picture plane
(the way the trainer shows it) and given to the trainer's own hand tracker (MediaPipe's
HandLandmarker, full model, still-image mode). Every image is flipped horizontally and the
tracker told so (the way this check has always run, as a selfie camera shows a hand); the
side it names is then the limb as drawn, and a match with the manifest's `side` counts as
agreement.  Rotations are counter-clockwise.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any, Callable, Iterable

import numpy as np
from PIL import Image

from gmi_trainer.stimuli.library import Stimulus
from gmi_trainer.vocabulary import body_part

ROTATIONS_DEG: tuple[int, ...] = (0, 45, 90, 135, 180, 225, 270, 315)
BACKGROUND_RGB = (128, 128, 128)
CANVAS_PX = 500  # room for a 340 px picture at any rotation
DETECTION_TARGET = 0.90
HANDEDNESS_TARGET = 0.95


@dataclass(frozen=True)
class Trial:
    id: str
    side: str
    view: str
    posture: str
    skin_tone: str
    rotation_deg: int
    found: bool
    label: str | None  # "left"/"right" as MediaPipe saw it (after the flip), or None
    score: float


def composite(rgba: np.ndarray, rotation_deg: float) -> np.ndarray:
    """RGB picture on the grey canvas, rotated counter-clockwise by rotation_deg."""
    import cv2

    h, w = rgba.shape[:2]
    canvas = np.zeros((CANVAS_PX, CANVAS_PX, 4), dtype=np.uint8)
    y0, x0 = (CANVAS_PX - h) // 2, (CANVAS_PX - w) // 2
    canvas[y0 : y0 + h, x0 : x0 + w] = rgba
    if rotation_deg % 360:
        m = cv2.getRotationMatrix2D((CANVAS_PX / 2.0, CANVAS_PX / 2.0), float(rotation_deg), 1.0)
        canvas = cv2.warpAffine(canvas, m, (CANVAS_PX, CANVAS_PX), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0, 0))
    alpha = canvas[..., 3:4].astype(np.float32) / 255.0
    bg = np.asarray(BACKGROUND_RGB, dtype=np.float32)
    rgb = canvas[..., :3].astype(np.float32) * alpha + bg * (1.0 - alpha)
    return np.round(rgb).astype(np.uint8)


class HandDetector:
    """The hand tracker in still-image mode; one instance is reused for all pictures."""

    def __init__(self) -> None:
        from gmi_trainer.tracking.mediapipe_backend import MediaPipeHandsTracker

        self._hands = MediaPipeHandsTracker(
            model_complexity=1, static_image_mode=True, min_detection_confidence=0.5, frame_is_mirrored=True
        )

    def detect(self, rgb: np.ndarray) -> tuple[bool, str | None, float]:
        from gmi_trainer.frames.frame import Frame

        flipped_bgr = np.ascontiguousarray(rgb[:, ::-1, ::-1])
        hand = self._hands.process(Frame(flipped_bgr, 0.0, 0))
        if hand is None:
            return False, None, 0.0
        return True, hand.side, hand.score

    def close(self) -> None:
        self._hands.close()


def run(
    stimuli: Iterable[Stimulus],
    rotations: Iterable[int] = ROTATIONS_DEG,
    progress: Callable[[int], None] | None = None,
) -> list[Trial]:
    detector = HandDetector()
    trials: list[Trial] = []
    try:
        for s in stimuli:
            # Only parts whose side MediaPipe Hands can name (the body-part table says which).
            if not body_part(s.body_part).pictures_verified_by_hand_tracker:
                continue
            with Image.open(s.file) as im:
                rgba = np.asarray(im.convert("RGBA"))
            for rot in rotations:
                found, label, score = detector.detect(composite(rgba, rot))
                trials.append(Trial(s.id, s.side, s.view, s.posture, s.skin_tone, int(rot), found, label, score))
            if progress is not None:
                progress(len(trials))
    finally:
        detector.close()
    return trials


def _rates(trials: list[Trial]) -> dict[str, Any]:
    found = [t for t in trials if t.found]
    agree = [t for t in found if t.label == t.side]
    return {
        "pictures": len(trials),
        "found": len(found),
        "detection_rate": round(len(found) / len(trials), 4) if trials else 0.0,
        "handedness_agreement": round(len(agree) / len(found), 4) if found else 0.0,
    }


def summarise(trials: list[Trial]) -> dict[str, Any]:
    """Detection and handedness agreement overall and by posture, view, rotation, side and tone."""
    groups: dict[str, dict[str, list[Trial]]] = {k: defaultdict(list) for k in ("posture", "view", "rotation_deg", "side", "skin_tone")}
    posture_view: dict[str, list[Trial]] = defaultdict(list)
    for t in trials:
        for key, bucket in groups.items():
            bucket[str(getattr(t, key))].append(t)
        posture_view[f"{t.posture}/{t.view}"].append(t)
    overall = _rates(trials)
    return {
        "method": "MediaPipe HandLandmarker (Tasks API, full model from the mediapipe 0.10.21 wheel), "
        "IMAGE mode, num_hands=1, min_hand_detection_confidence=0.5; grey background; "
        "image flipped horizontally before processing",
        "overall": overall,
        "targets": {"detection_rate": DETECTION_TARGET, "handedness_agreement": HANDEDNESS_TARGET},
        "meets_targets": overall["detection_rate"] >= DETECTION_TARGET
        and overall["handedness_agreement"] >= HANDEDNESS_TARGET,
        **{f"by_{key}": {name: _rates(ts) for name, ts in bucket.items()} for key, bucket in groups.items()},
        "by_posture_view": {name: _rates(ts) for name, ts in sorted(posture_view.items())},
    }


def format_table(summary: dict[str, Any]) -> str:
    lines = []
    for key in ("posture", "view", "posture_view", "rotation_deg", "side", "skin_tone"):
        lines.append(f"by {key}:")
        lines.append(f"  {'':16s} {'n':>5s} {'found':>7s} {'agree':>7s}")
        for name, r in summary[f"by_{key}"].items():
            lines.append(f"  {name:16s} {r['pictures']:5d} {r['detection_rate']:7.1%} {r['handedness_agreement']:7.1%}")
    o = summary["overall"]
    lines.append(
        f"overall: {o['pictures']} pictures, hand found in {o['detection_rate']:.1%}, "
        f"handedness agrees in {o['handedness_agreement']:.1%} of those "
        f"(targets {DETECTION_TARGET:.0%} / {HANDEDNESS_TARGET:.0%}: {'met' if summary['meets_targets'] else 'NOT met'})"
    )
    return "\n".join(lines)


def trials_json(trials: list[Trial]) -> list[dict[str, Any]]:
    return [asdict(t) for t in trials]


def dump(summary: dict[str, Any]) -> str:
    return json.dumps(summary, indent=1, sort_keys=True)
