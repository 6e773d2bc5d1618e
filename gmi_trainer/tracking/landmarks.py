"""Named keypoints found in one frame: the common result of every tracker backend.

Coordinates are normalised to the frame as captured (x / width, y / height, *not*
mirrored), as MediaPipe reports them; `xy_px` gives pixels. `z_norm` is relative depth on
roughly the same scale as x (MediaPipe's convention), zero when a backend has none.
Side names (left_shoulder, a hand's `side`) are the patient's anatomical sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

POSE_KEYPOINTS: tuple[str, ...] = (
    "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye",
    "right_eye_outer", "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder",
    "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_pinky",
    "right_pinky", "left_index", "right_index", "left_thumb", "right_thumb", "left_hip",
    "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle", "left_heel",
    "right_heel", "left_foot_index", "right_foot_index",
)  # fmt: skip

HAND_KEYPOINTS: tuple[str, ...] = (
    "wrist", "thumb_cmc", "thumb_mcp", "thumb_ip", "thumb_tip",
    "index_finger_mcp", "index_finger_pip", "index_finger_dip", "index_finger_tip",
    "middle_finger_mcp", "middle_finger_pip", "middle_finger_dip", "middle_finger_tip",
    "ring_finger_mcp", "ring_finger_pip", "ring_finger_dip", "ring_finger_tip",
    "pinky_mcp", "pinky_pip", "pinky_dip", "pinky_tip",
)  # fmt: skip

POSE = "pose"
HAND = "hand"


@dataclass(frozen=True)
class Landmarks:
    kind: str
    names: tuple[str, ...]
    xy_norm: np.ndarray
    visibility: np.ndarray
    image_size_px: tuple[int, int]
    z_norm: np.ndarray = field(default_factory=lambda: np.zeros(0))
    side: str | None = None
    score: float = 1.0

    def __post_init__(self) -> None:
        count = len(self.names)
        if self.xy_norm.shape != (count, 2) or self.visibility.shape != (count,):
            raise ValueError("xy_norm must be (N, 2) and visibility (N,) for N names")
        if self.z_norm.shape != (count,):
            object.__setattr__(self, "z_norm", np.zeros(count))

    def index(self, name: str) -> int:
        return self.names.index(name)

    @property
    def xy_px(self) -> np.ndarray:
        width_px, height_px = self.image_size_px
        return self.xy_norm * np.array([width_px, height_px], dtype=float)

    @property
    def xyz_px(self) -> np.ndarray:
        """Pixels, with depth scaled like x, so 3D distances and angles are in one unit."""
        return np.column_stack([self.xy_px, self.z_norm * self.image_size_px[0]])

    def point_px(self, name: str) -> np.ndarray:
        return self.xy_px[self.index(name)]

    def is_visible(self, name: str, min_visibility: float = 0.5) -> bool:
        return bool(self.visibility[self.index(name)] >= min_visibility)

    def with_xy_px(self, xy_px: np.ndarray) -> "Landmarks":
        width_px, height_px = self.image_size_px
        return replace(self, xy_norm=np.asarray(xy_px, dtype=float) / np.array([width_px, height_px], dtype=float))
