"""Is the hand in the posture to copy, and has it been held still? Pure numpy.

A posture is compared by its 21 hand landmarks in the picture: both sets are centred and
scaled to unit size, then the best rotation of one onto the other is found (Procrustes,
no reflection, so a back view does not match its palm view, which is its mirror image).
What is left over, as a root-mean-square distance in hand sizes, says how far the
postures differ; a hand turned in the picture still matches."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

# The hand's skeleton in MediaPipe's landmark numbering (wrist 0, thumb 1-4, index 5-8,
# middle 9-12, ring 13-16, little 17-20), for drawing outlines and cut-out masks.
HAND_BONES: tuple[tuple[int, int], ...] = (
    (0, 1), (1, 2), (2, 3), (3, 4), (0, 5), (5, 6), (6, 7), (7, 8), (5, 9), (9, 10),
    (10, 11), (11, 12), (9, 13), (13, 14), (14, 15), (15, 16), (13, 17), (0, 17), (17, 18),
    (18, 19), (19, 20),
)
PALM: tuple[int, ...] = (0, 1, 5, 9, 13, 17)
WRIST, MIDDLE_KNUCKLE = 0, 9

# Measured on the library's right-hand pictures (full hand model; 127 of 144 found): the
# same drawing in another skin tone, which only the tracker's noise tells apart, differs by
# up to 0.24 (0.32 once, a pinch from the thumb side). Some different postures are as
# close as 0.06 (a claw and a hand holding a ball, from the back): the check asks for the
# picture's posture roughly and held still; which posture it is, the patient was told.
MATCH_TOLERANCE = 0.25
HOLD_S = 0.7  # held this long...
# ...with the landmarks, on average, never further than this from where they sat (in hand
# sizes; the tracker's own jitter on a still hand is about 0.02-0.05, a hand moving on to the
# next posture goes past 0.2 within a few frames).
STILL_HAND_SIZES = 0.08


def hand_size_px(points_px: np.ndarray) -> float:
    """Wrist to middle knuckle: about the palm's length, steady in every posture."""
    return float(np.linalg.norm(points_px[MIDDLE_KNUCKLE] - points_px[WRIST]))


def _normalised(points: np.ndarray) -> np.ndarray:
    centred = points - points.mean(axis=0)
    scale = float(np.sqrt((centred ** 2).sum(axis=1).mean()))
    return centred / max(scale, 1e-9)


def shape_distance(points_px: np.ndarray, target_px: np.ndarray) -> float:
    """Root-mean-square distance of the two landmark sets after the best move, rotation and
    scaling of the first onto the second (0: the same posture)."""
    a, b = _normalised(np.asarray(points_px, float)), _normalised(np.asarray(target_px, float))
    u, _, vt = np.linalg.svd(a.T @ b)
    d = np.sign(np.linalg.det(u @ vt))
    rotation = u @ np.diag([1.0, d]) @ vt  # a proper rotation: never a reflection
    return float(np.sqrt(((a @ rotation - b) ** 2).sum(axis=1).mean()))


def match_score(distance: float, tolerance: float = MATCH_TOLERANCE) -> float:
    """0..1 for the screen's gauge: 1 at a perfect match, 0.5 at the tolerance."""
    return float(max(0.0, 1.0 - 0.5 * distance / tolerance))


@dataclass
class Stillness:
    """Whether the matching posture has been held still for `hold_s`: every sample in the
    window matched, and in none did the landmarks lie, on average, more than `still` hand
    sizes from their mean position over the window."""

    hold_s: float = HOLD_S
    still: float = STILL_HAND_SIZES

    def __post_init__(self) -> None:
        self.samples: deque[tuple[float, np.ndarray]] = deque()

    def reset(self) -> None:
        self.samples.clear()

    def add(self, t_s: float, points_px: np.ndarray | None, matched: bool) -> float:
        """Add a frame; returns how much of the hold is done, 0..1 (1: take the picture)."""
        if points_px is None or not matched:
            self.samples.clear()
            return 0.0
        size = max(hand_size_px(points_px), 1.0)
        self.samples.append((t_s, np.asarray(points_px, float) / size))
        # Keep one sample at least `hold_s` old, so a full hold can be seen.
        while len(self.samples) > 1 and t_s - self.samples[1][0] >= self.hold_s:
            self.samples.popleft()
        stack = np.stack([points for _, points in self.samples])
        moved = float(np.linalg.norm(stack - stack.mean(axis=0), axis=2).mean(axis=1).max())
        if moved > self.still:
            # Moving: start the hold again from this frame.
            self.samples.clear()
            self.samples.append((t_s, np.asarray(points_px, float) / size))
            return 0.0
        held_s = t_s - self.samples[0][0]
        return min(1.0, held_s / self.hold_s)
