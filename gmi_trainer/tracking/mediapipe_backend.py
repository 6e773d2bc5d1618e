"""MediaPipe Pose and Hands through the Tasks API, with models that ship in this package.

Current mediapipe has no `mp.solutions` and no models; its PoseLandmarker and
HandLandmarker load `.task` bundles, which `models/` holds (built from the networks of the
mediapipe 0.10.21 wheel by `tools/build_models.py`, pinned by `models/SHA256SUMS`), so
tracking needs no download. Pose runs the full landmark model; hands the lite pair for
live tracking (`model_complexity=0`, as before) or the full pair (`1`).

Live trackers run in VIDEO mode, which follows the previous frame's result and wants
strictly increasing timestamps; `static_image_mode=True` runs IMAGE mode (every frame
detected afresh).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from gmi_trainer.frames.frame import Frame
from gmi_trainer.tracking.landmarks import HAND, HAND_KEYPOINTS, POSE, POSE_KEYPOINTS, Landmarks
from gmi_trainer.tracking.tracker import TrackerError

MODELS_DIR = Path(__file__).resolve().parent / "models"
POSE_MODEL = "pose_landmarker_full.task"
HAND_MODELS = {0: "hand_landmarker_lite.task", 1: "hand_landmarker_full.task"}
SEGMENTER_MODEL = "selfie_segmenter.tflite"
# The pose network sees a 256x256 picture of the person, so a 1280x720 webcam frame is
# halved before it is handed over: a fifth less work per frame, the same landmarks (they are
# fractions of the frame). Hands are not: their landmark model crops the hand from the
# picture it is given, and a small hand needs every pixel.
POSE_MAX_WIDTH_PX = 640


def _vision() -> Any:
    try:
        from mediapipe.tasks.python import vision  # lazy: about 0.5 s to import
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise TrackerError("Body tracking needs the 'mediapipe' package (pip install mediapipe).") from error
    return vision


def model_path(name: str) -> Path:
    path = MODELS_DIR / name
    if not path.is_file():
        raise TrackerError(f"The tracking model {path} is missing; reinstall gmi-trainer or run tools/build_models.py.")
    return path


def _base_options(name: str) -> Any:
    from mediapipe.tasks.python import BaseOptions

    return BaseOptions(model_asset_path=str(model_path(name)))


def _running_mode(static_image_mode: bool) -> Any:
    modes = _vision().RunningMode
    return modes.IMAGE if static_image_mode else modes.VIDEO


def _to_image(frame: Frame, max_width_px: int | None = None) -> Any:
    import cv2
    import mediapipe as mp

    image = frame.image
    if max_width_px is not None and frame.width_px > max_width_px:
        size = (max_width_px, max(1, round(frame.height_px * max_width_px / frame.width_px)))
        image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    return mp.Image(image_format=mp.ImageFormat.SRGB, data=cv2.cvtColor(image, cv2.COLOR_BGR2RGB))


class _VideoTimestamps:
    """Milliseconds for VIDEO mode: the frame's capture time, nudged on when it does not advance."""

    def __init__(self) -> None:
        self._last_ms = -1

    def next_ms(self, frame: Frame) -> int:
        self._last_ms = max(int(round(frame.timestamp_s * 1000.0)), self._last_ms + 1)
        return self._last_ms


class _TasksTracker:
    def __init__(self, landmarker: Any, static_image_mode: bool, max_width_px: int | None = None) -> None:
        self._landmarker = landmarker
        self._static = static_image_mode
        self._timestamps = _VideoTimestamps()
        self._max_width_px = max_width_px

    def _detect(self, frame: Frame) -> Any:
        image = _to_image(frame, self._max_width_px)
        if self._static:
            return self._landmarker.detect(image)
        return self._landmarker.detect_for_video(image, self._timestamps.next_ms(frame))

    def close(self) -> None:
        self._landmarker.close()


class MediaPipePoseTracker(_TasksTracker):
    """The most prominent person's 33 body keypoints, with per-keypoint visibility."""

    def __init__(
        self,
        static_image_mode: bool = False,
        min_detection_confidence: float = 0.5,
        min_tracking_confidence: float = 0.5,
    ) -> None:
        vision = _vision()
        options = vision.PoseLandmarkerOptions(
            base_options=_base_options(POSE_MODEL),
            running_mode=_running_mode(static_image_mode),
            num_poses=1,
            min_pose_detection_confidence=min_detection_confidence,
            min_pose_presence_confidence=min_detection_confidence,
            min_tracking_confidence=min_tracking_confidence,
            output_segmentation_masks=False,
        )
        super().__init__(vision.PoseLandmarker.create_from_options(options), static_image_mode,
                         POSE_MAX_WIDTH_PX)

    @property
    def name(self) -> str:
        return "mediapipe-pose (tasks, full model)"

    def process(self, frame: Frame) -> Landmarks | None:
        result = self._detect(frame)
        if not result.pose_landmarks:
            return None
        points = result.pose_landmarks[0]
        return Landmarks(
            kind=POSE,
            names=POSE_KEYPOINTS,
            xy_norm=np.array([(p.x, p.y) for p in points], dtype=float),
            z_norm=np.array([p.z for p in points], dtype=float),
            visibility=np.array([p.visibility or 0.0 for p in points], dtype=float),
            image_size_px=(frame.width_px, frame.height_px),
        )


class MediaPipeHandsTracker(_TasksTracker):
    """One hand's 21 keypoints and which hand it is (the patient's anatomical side).

    The Tasks API names a hand as it appears in the image given (unlike `mp.solutions`,
    which assumed a mirrored selfie picture), so the label is the side unless
    `frame_is_mirrored`. Hands have no per-point visibility: a found hand's points all get
    its handedness score.
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
        if prefer_side not in (None, "left", "right"):
            raise ValueError("prefer_side must be 'left', 'right' or None")
        if model_complexity not in HAND_MODELS:
            raise TrackerError(f"model_complexity must be one of {sorted(HAND_MODELS)} for hands")
        self._prefer_side = prefer_side
        self._frame_is_mirrored = frame_is_mirrored
        vision = _vision()
        options = vision.HandLandmarkerOptions(
            base_options=_base_options(HAND_MODELS[model_complexity]),
            running_mode=_running_mode(static_image_mode),
            num_hands=max_num_hands,
            min_hand_detection_confidence=min_detection_confidence,
            min_hand_presence_confidence=min_detection_confidence,
            min_tracking_confidence=min_tracking_confidence,
        )
        super().__init__(vision.HandLandmarker.create_from_options(options), static_image_mode)

    @property
    def name(self) -> str:
        return "mediapipe-hands (tasks)"

    def process(self, frame: Frame) -> Landmarks | None:
        result = self._detect(frame)
        if not result.hand_landmarks:
            return None
        hands = []
        for points, handedness in zip(result.hand_landmarks, result.handedness):
            label = handedness[0]
            side = label.category_name.lower()
            if self._frame_is_mirrored:
                side = "left" if side == "right" else "right"
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


class MediaPipeSelfieSegmenter:
    """How likely each pixel is to be the person (a hand held up to the camera included):
    MediaPipe's selfie segmentation network through the Tasks API's ImageSegmenter, in
    IMAGE mode (it is asked once per picture taken, not per frame)."""

    def __init__(self) -> None:
        vision = _vision()
        options = vision.ImageSegmenterOptions(
            base_options=_base_options(SEGMENTER_MODEL), running_mode=_running_mode(True),
            output_confidence_masks=True, output_category_mask=False)
        self._segmenter = vision.ImageSegmenter.create_from_options(options)

    def person_probability(self, frame: Frame) -> np.ndarray:
        """HxW float32 in 0..1, the frame's size."""
        result = self._segmenter.segment(_to_image(frame))
        mask = np.asarray(result.confidence_masks[0].numpy_view(), dtype=np.float32)
        return mask.reshape(frame.height_px, frame.width_px)

    def close(self) -> None:
        self._segmenter.close()
