"""One frame at a time: is the intact hand there, in the posture to copy, held still? And,
when it is, the picture: cut out, set on the card like the library's, and its twin.

Handed frames (never opens a camera) and its trackers, so a webcam, a video file and a
test's synthetic frames take the same path."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from gmi_trainer.capture.cutout import Cutout, hand_mask, place_on_card
from gmi_trainer.capture.pose_match import MATCH_TOLERANCE, Stillness, match_score, shape_distance
from gmi_trainer.capture.targets import Target
from gmi_trainer.frames.frame import Frame

# A hand this close to the posture just taken (shape distance) has not changed yet: the
# tracker's own jitter on a still hand is 0.02-0.05; the closest two library posture-views
# are 0.07-0.12 apart.
CHANGED = 0.06

# The library's pictures are drawn on a transparent card; the hand tracker sees them on
# this grey, which neither skin tone nor shadow resembles.
CARD_GROUND_BGR = (128, 128, 128)


@dataclass(frozen=True)
class Look:
    """What one frame showed."""

    t_s: float
    hand_found: bool = False
    target: Target | None = None  # the target the hand is closest to (among those asked)
    distance: float | None = None
    match: float = 0.0  # 0..1, 0.5 at the tolerance
    held: float = 0.0  # 0..1: how much of the still hold is done
    # The hand still holds the posture just taken: nothing is taken until it changes, so a
    # posture held on past "Got it" is never taken again under the next posture's name.
    waiting_for_change: bool = False
    points_px: np.ndarray | None = field(default=None, compare=False)

    @property
    def ready(self) -> bool:
        return self.held >= 1.0


def picture_landmarks(picture_rgba: np.ndarray, tracker: Any) -> np.ndarray | None:
    """The 21 landmarks (pixels) of a library picture, seen on the grey card ground."""
    alpha = picture_rgba[..., 3:4].astype(np.float32) / 255.0
    bgr = picture_rgba[..., 2::-1].astype(np.float32)
    ground = np.array(CARD_GROUND_BGR, np.float32)
    image = np.ascontiguousarray(np.round(bgr * alpha + ground * (1.0 - alpha)).astype(np.uint8))
    found = tracker.process(Frame(image, 0.0, 0))
    return None if found is None else found.xy_px


class CaptureEngine:
    def __init__(self, hands: Any, segmenter: Any, intact_side: str,
                 load_rgba: Callable[[str], np.ndarray], picture_tracker: Any,
                 tolerance: float = MATCH_TOLERANCE) -> None:
        """`hands` tracks the live hand (VIDEO mode); `picture_tracker` finds the library
        pictures' landmarks (IMAGE mode); `load_rgba` reads a library PNG."""
        self.hands, self.segmenter = hands, segmenter
        self.intact_side, self.tolerance = intact_side, tolerance
        self.load_rgba, self.picture_tracker = load_rgba, picture_tracker
        self.still = Stillness()
        self._landmarks: dict[str, np.ndarray | None] = {}
        self._held_target: Target | None = None
        self._last_taken: np.ndarray | None = None

    def target_landmarks(self, target: Target) -> np.ndarray | None:
        """The target picture's landmarks, or those of the same drawing in another skin
        tone when the tracker misses them (curled fingers seen from the palm)."""
        for picture in (target.picture, *target.alternatives):
            key = str(picture.file)
            if key not in self._landmarks:
                self._landmarks[key] = picture_landmarks(self.load_rgba(key), self.picture_tracker)
            if self._landmarks[key] is not None:
                return self._landmarks[key]
        return None

    def look(self, frame: Frame, targets: Sequence[Target]) -> Look:
        """Compare the frame's hand with each target asked for (one when guided, all those
        left when a recording may show them in any order)."""
        found = self.hands.process(frame)
        if found is None:
            self.still.reset()
            self._last_taken = None  # the hand left the picture: it has changed
            return Look(frame.timestamp_s)
        points = found.xy_px
        if self._last_taken is not None:
            if shape_distance(points, self._last_taken) <= CHANGED:
                self.still.reset()
                return Look(frame.timestamp_s, hand_found=True, points_px=points,
                            waiting_for_change=True)
            self._last_taken = None
        best: tuple[float, Target] | None = None
        for target in targets:
            target_px = self.target_landmarks(target)
            if target_px is not None:
                distance = shape_distance(points, target_px)
                if best is None or distance < best[0]:
                    best = (distance, target)
        if best is None:
            self.still.reset()
            return Look(frame.timestamp_s, hand_found=True, target=targets[0] if targets else None,
                        points_px=points)
        distance, target = best
        if target is not self._held_target:
            self.still.reset()
            self._held_target = target
        matched = distance <= self.tolerance
        held = self.still.add(frame.timestamp_s, points, matched)
        return Look(frame.timestamp_s, hand_found=True, target=target, distance=distance,
                    match=match_score(distance, self.tolerance), held=held, points_px=points)

    def take(self, frame: Frame, look: Look, card_px: int) -> tuple[Cutout, Cutout]:
        """The picture of `look`'s hand and its mirror twin."""
        if look.points_px is None or look.target is None:
            raise ValueError("no hand to take")
        target_px = self.target_landmarks(look.target)
        if target_px is None:
            raise ValueError("the library picture's landmarks are not known")
        person = self.segmenter.person_probability(frame) if self.segmenter is not None else None
        mask = hand_mask(frame.image, look.points_px, person)
        picture = place_on_card(frame.image, mask, look.points_px, target_px, card_px)
        self.still.reset()
        self._last_taken = look.points_px
        return picture, picture.mirrored()
