"""MediaPipe Pose and Hands (legacy `mp.solutions`, models shipped inside the wheel).

mediapipe 0.10.21 ships only the *full* pose landmark model; the lite one
(model_complexity=0) would be downloaded on first use, which fails offline and writes into
site-packages. So the default complexity is 0 only when the lite file is already present,
otherwise 1 (about 17 ms per 640x480 frame on one core of the development laptop). Hands
ship both models; complexity 0 is used for speed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from gmi_trainer.frames.frame import Frame
from gmi_trainer.tracking.landmarks import HAND, HAND_KEYPOINTS, POSE, POSE_KEYPOINTS, Landmarks
from gmi_trainer.tracking.tracker import TrackerError


def _mediapipe() -> Any:
    try:
        import mediapipe as mp  # lazy: about 0.7 s to import
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise TrackerError("Body tracking needs the 'mediapipe' package (pip install mediapipe==0.10.21).") from error
    return mp


def lite_pose_model_present() -> bool:
    mp = _mediapipe()
    return (Path(mp.__file__).parent / "modules" / "pose_landmark" / "pose_landmark_lite.tflite").is_file()


def _to_rgb(frame: Frame) -> np.ndarray:
    import cv2

    rgb = cv2.cvtColor(frame.image, cv2.COLOR_BGR2RGB)
    rgb.flags.writeable = False  # lets MediaPipe use the buffer without copying
    return rgb


class MediaPipePoseTracker:
    """The most prominent person's 33 body keypoints, with per-keypoint visibility."""

    def __init__(
        self,
        model_complexity: int | None = None,
        static_image_mode: bool = False,
        min_detection_confidence: float = 0.5,
        min_tracking_confidence: float = 0.5,
    ) -> None:
        mp = _mediapipe()
        if model_complexity is None:
            model_complexity = 0 if lite_pose_model_present() else 1
        if model_complexity == 0 and not lite_pose_model_present():
            raise TrackerError(
                "The lite pose model is not installed with mediapipe and cannot be downloaded here; "
                "use model_complexity=1 (the default when it is missing)."
            )
        if model_complexity == 2:
            raise TrackerError("The heavy pose model is not shipped with mediapipe; use model_complexity 0 or 1.")
        self.model_complexity = model_complexity
        self._pose = mp.solutions.pose.Pose(
            static_image_mode=static_image_mode,
            model_complexity=model_complexity,
            smooth_landmarks=True,
            min_detection_confidence=min_detection_confidence,
            min_tracking_confidence=min_tracking_confidence,
        )

    @property
    def name(self) -> str:
        return f"mediapipe-pose (complexity {self.model_complexity})"

    def process(self, frame: Frame) -> Landmarks | None:
        result = self._pose.process(_to_rgb(frame))
        if result.pose_landmarks is None:
            return None
        points = result.pose_landmarks.landmark
        return Landmarks(
            kind=POSE,
            names=POSE_KEYPOINTS,
            xy_norm=np.array([(p.x, p.y) for p in points], dtype=float),
            z_norm=np.array([p.z for p in points], dtype=float),
            visibility=np.array([p.visibility for p in points], dtype=float),
            image_size_px=(frame.width_px, frame.height_px),
        )

    def close(self) -> None:
        self._pose.close()


class MediaPipeHandsTracker:
    """One hand's 21 keypoints and which hand it is (the patient's anatomical side).

    MediaPipe labels handedness assuming a mirrored (selfie) image; frames here are not
    mirrored, so the label is swapped unless `frame_is_mirrored` says otherwise. Hands have
    no per-point visibility: a found hand's points all get its detection score.
    """

    def __init__(
        self,
        model_complexity: int = 0,
        max_num_hands: int = 1,
        prefer_side: str | None = None,
        static_image_mode: bool = False,
        min_detection_confidence: float = 0.5,
        min_tracking_confidence: float = 0.5,
        frame_is_mirrored: bool = False,
    ) -> None:
        mp = _mediapipe()
        if prefer_side not in (None, "left", "right"):
            raise ValueError("prefer_side must be 'left', 'right' or None")
        self._prefer_side = prefer_side
        self._frame_is_mirrored = frame_is_mirrored
        self._hands = mp.solutions.hands.Hands(
            static_image_mode=static_image_mode,
            max_num_hands=max_num_hands,
            model_complexity=model_complexity,
            min_detection_confidence=min_detection_confidence,
            min_tracking_confidence=min_tracking_confidence,
        )

    @property
    def name(self) -> str:
        return "mediapipe-hands"

    def process(self, frame: Frame) -> Landmarks | None:
        result = self._hands.process(_to_rgb(frame))
        if not result.multi_hand_landmarks:
            return None
        hands = []
        for hand_landmarks, handedness in zip(result.multi_hand_landmarks, result.multi_handedness):
            label = handedness.classification[0]
            side = label.label.lower()
            if not self._frame_is_mirrored:
                side = "left" if side == "right" else "right"
            points = hand_landmarks.landmark
            score = float(label.score)
            hands.append(
                Landmarks(
                    kind=HAND,
                    names=HAND_KEYPOINTS,
                    xy_norm=np.array([(p.x, p.y) for p in points], dtype=float),
                    z_norm=np.array([p.z for p in points], dtype=float),
                    visibility=np.full(len(points), score),
                    image_size_px=(frame.width_px, frame.height_px),
                    side=side,
                    score=score,
                )
            )
        preferred = [hand for hand in hands if hand.side == self._prefer_side]
        return max(preferred or hands, key=lambda hand: hand.score)

    def close(self) -> None:
        self._hands.close()
