"""How in step the two sides move, for bilateral mirror tasks (both limbs at once).

Pure: pose keypoints and times in, a percent out. Each side's limb end (wrist and index
finger for the arms; ankle and toes for the legs) is measured from its own root (shoulder
or hip) in shoulder or hip spans, with x measured away from the midline, so a movement and
its mirror image give the same numbers. Over the last `window_s` the two sides' velocities
are compared: the cosine of the two velocity sequences (1 when both move the same way at
the same moments, 0 when one moves alone, negative when they move in opposite phases),
reported as a percent clamped at 0. When neither side moves enough there is nothing to
compare and the answer is None.
"""

from __future__ import annotations

import collections

import numpy as np

from gmi_trainer.tracking.landmarks import POSE, Landmarks

ARM_POINTS = ("wrist", "index")
LEG_POINTS = ("ankle", "foot_index")


def side_features(pose: Landmarks, side: str, lower_limb: bool, min_visibility: float = 0.5) -> np.ndarray | None:
    """The side's limb end relative to its root, in spans, x away from the midline."""
    root, other = ("hip", "hip") if lower_limb else ("shoulder", "shoulder")
    names = [f"{side}_{root}"] + [f"{side}_{p}" for p in (LEG_POINTS if lower_limb else ARM_POINTS)]
    opposite = f"{'right' if side == 'left' else 'left'}_{other}"
    if pose.kind != POSE or not all(pose.is_visible(n, min_visibility) for n in [*names, opposite]):
        return None
    root_px, opposite_px = pose.point_px(names[0]), pose.point_px(opposite)
    span_px = float(abs(root_px[0] - opposite_px[0]))
    if span_px < 1.0:
        return None
    outward = 1.0 if root_px[0] > opposite_px[0] else -1.0
    points = np.array([pose.point_px(n) - root_px for n in names[1:]], dtype=float) / span_px
    points[:, 0] *= outward
    return points.ravel()


class InStep:
    def __init__(self, lower_limb: bool = False, window_s: float = 4.0, min_motion: float = 0.3) -> None:
        self.lower_limb = lower_limb
        self.window_s = window_s
        # Summed movement (in spans) each side must make in the window to be compared.
        self.min_motion = min_motion
        self._samples: collections.deque[tuple[float, np.ndarray, np.ndarray]] = collections.deque()

    def update(self, pose: Landmarks | None, t_s: float) -> int | None:
        if pose is not None:
            left = side_features(pose, "left", self.lower_limb)
            right = side_features(pose, "right", self.lower_limb)
            if left is not None and right is not None and (not self._samples or t_s > self._samples[-1][0]):
                self._samples.append((t_s, left, right))
        while self._samples and t_s - self._samples[0][0] > self.window_s:
            self._samples.popleft()
        return self.percent()

    def percent(self) -> int | None:
        if len(self._samples) < 3:
            return None
        left = np.diff(np.array([s[1] for s in self._samples]), axis=0)
        right = np.diff(np.array([s[2] for s in self._samples]), axis=0)
        motion_left = float(np.linalg.norm(left, axis=1).sum())
        motion_right = float(np.linalg.norm(right, axis=1).sum())
        if max(motion_left, motion_right) < self.min_motion:
            return None  # both at rest: nothing to compare
        norms = float(np.sqrt((left ** 2).sum() * (right ** 2).sum()))
        cosine = float((left * right).sum()) / norms if norms > 0 else 0.0
        return int(round(100.0 * max(cosine, 0.0)))
