"""Counting repetitions of the intact limb's movement, with each one's range of motion.

Pure: keypoints and times in, counts out. A movement becomes one number (hand closure,
elbow or knee flexion) and a hysteresis counter turns that number into repetitions: a
repetition starts at rest (at or below `low`), must reach `high`, and ends back at rest.
The gap between the two thresholds means tracking jitter near one threshold cannot count
twice, and a half-hearted movement that never reaches `high` is not counted.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Callable

import numpy as np

from gmi_trainer.tracking.landmarks import HAND, POSE, Landmarks
from gmi_trainer.vocabulary.movements import MOVEMENT_TABLE

HAND_OPEN_CLOSE = "hand_open_close"
ELBOW_FLEX_EXTEND = "elbow_flex"
KNEE_FLEX_EXTEND = "knee_flex"
ANKLE_PUMP = "ankle_pump"

FINGERS = ("index_finger", "middle_finger", "ring_finger", "pinky")
# Fingertip-to-wrist distance over knuckle(MCP)-to-wrist distance, seen from the front.
# Open: palm plus straight finger, about 1.8 (phalanges / palm from hand anthropometry).
# Fist: the fingertips fold back over the palm, about 0.8.
OPEN_TIP_RATIO = 1.75
CLOSED_TIP_RATIO = 0.9


def joint_angle_deg(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> float:
    """Interior angle at b between b->a and b->c, in degrees (180 = straight)."""
    u, v = np.asarray(a, float) - np.asarray(b, float), np.asarray(c, float) - np.asarray(b, float)
    norms = float(np.linalg.norm(u) * np.linalg.norm(v))
    if norms == 0.0:
        return 180.0
    return math.degrees(math.acos(float(np.clip(np.dot(u, v) / norms, -1.0, 1.0))))


def hand_closure(hand: Landmarks) -> float | None:
    """0 for an open hand, 1 for a fist, from how far the fingertips fold back towards the wrist.

    Uses image-plane distances as ratios, so it does not depend on the hand's size or
    distance from the camera, and works whether the palm or the side faces the camera.
    """
    if hand.kind != HAND:
        return None
    xy = hand.xy_px
    wrist = xy[hand.index("wrist")]
    ratios = []
    for finger in FINGERS:
        knuckle_px = float(np.linalg.norm(xy[hand.index(f"{finger}_mcp")] - wrist))
        if knuckle_px <= 1e-6:
            return None
        ratios.append(float(np.linalg.norm(xy[hand.index(f"{finger}_tip")] - wrist)) / knuckle_px)
    closure = (OPEN_TIP_RATIO - float(np.mean(ratios))) / (OPEN_TIP_RATIO - CLOSED_TIP_RATIO)
    return float(np.clip(closure, 0.0, 1.0))


def _flexion_deg(pose: Landmarks, names: tuple[str, str, str], min_visibility: float) -> float | None:
    if pose.kind != POSE or not all(pose.is_visible(name, min_visibility) for name in names):
        return None
    a, b, c = (pose.point_px(name) for name in names)
    return 180.0 - joint_angle_deg(a, b, c)


def elbow_flexion_deg(pose: Landmarks, side: str, min_visibility: float = 0.5) -> float | None:
    """0 with the arm straight, about 140 fully bent; None if the arm is not visible."""
    return _flexion_deg(pose, (f"{side}_shoulder", f"{side}_elbow", f"{side}_wrist"), min_visibility)


def knee_flexion_deg(pose: Landmarks, side: str, min_visibility: float = 0.5) -> float | None:
    return _flexion_deg(pose, (f"{side}_hip", f"{side}_knee", f"{side}_ankle"), min_visibility)


def ankle_plantarflexion_deg(pose: Landmarks, side: str, min_visibility: float = 0.5) -> float | None:
    """The angle knee-ankle-toes less a right angle: about 0 with the foot pulled up to
    neutral, 30-50 with the foot pushed down (pointed). In 3D (with the tracker's depth),
    because a camera low in front of a seated patient sees the foot end-on, where the
    picture's own angle hardly changes."""
    names = (f"{side}_knee", f"{side}_ankle", f"{side}_foot_index")
    if pose.kind != POSE or not all(pose.is_visible(name, min_visibility) for name in names):
        return None
    xyz = pose.xyz_px
    a, b, c = (xyz[pose.index(name)] for name in names)
    return joint_angle_deg(a, b, c) - 90.0


@dataclass(frozen=True)
class MovementSpec:
    """How to turn keypoints into one number for a movement, and its counting thresholds."""

    tracker_kind: str  # which tracker it needs: the movement table's `counted_by`
    signal: Callable[[Landmarks, str], float | None]
    low: float
    high: float
    unit: str


# Which movements are counted, and by which tracker, is the movement table's
# (vocabulary/movements.py); this adds how each becomes a number, and its thresholds.
COUNTABLE_MOVEMENTS: dict[str, MovementSpec] = {
    HAND_OPEN_CLOSE: MovementSpec(MOVEMENT_TABLE[HAND_OPEN_CLOSE].counted_by,
                                  lambda hand, side: hand_closure(hand), 0.3, 0.7, "closure (0 open, 1 fist)"),
    ELBOW_FLEX_EXTEND: MovementSpec(MOVEMENT_TABLE[ELBOW_FLEX_EXTEND].counted_by, elbow_flexion_deg, 35.0, 80.0, "deg"),
    KNEE_FLEX_EXTEND: MovementSpec(MOVEMENT_TABLE[KNEE_FLEX_EXTEND].counted_by, knee_flexion_deg, 25.0, 60.0, "deg"),
    # Active ankle range is about 20 degrees up and 50 down from neutral (AAOS norms); a
    # pump counts when the foot goes from near neutral (<= 15) to well pointed (>= 35).
    ANKLE_PUMP: MovementSpec(MOVEMENT_TABLE[ANKLE_PUMP].counted_by, ankle_plantarflexion_deg, 15.0, 35.0, "deg"),
}


def is_countable(movement_kind: str) -> bool:
    """Whether repetitions of this movement can be counted from tracking.

    Movements no tracker counts (the movement table says which: wrist turns, shoulder
    raises, ankle points, toe curls, free movement) are shown in the mirror without a
    count: a count that is often wrong is worse than none.
    """
    return movement_kind in COUNTABLE_MOVEMENTS


def movement_signal(movement_kind: str, landmarks: Landmarks, side: str) -> float | None:
    spec = COUNTABLE_MOVEMENTS.get(movement_kind)
    if spec is None or landmarks.kind != spec.tracker_kind:
        return None
    return spec.signal(landmarks, side)


@dataclass(frozen=True)
class Repetition:
    number: int
    start_s: float  # last moment at rest before the movement
    peak_s: float
    end_s: float  # first moment back at rest
    min_value: float
    max_value: float
    range_of_motion: float
    unit: str

    def as_row(self) -> dict[str, float | int | str]:
        return asdict(self)


class RepetitionCounter:
    """Hysteresis counter: rest (<= low) -> movement (>= high) -> rest is one repetition.

    Missing samples (None) are skipped; after a gap longer than `max_gap_s` a repetition in
    progress is abandoned rather than stitched together from two different movements.
    """

    def __init__(self, low: float, high: float, unit: str = "", max_gap_s: float = 1.0) -> None:
        if not low < high:
            raise ValueError("low must be below high")
        self.low = low
        self.high = high
        self.unit = unit
        self.max_gap_s = max_gap_s
        self.repetitions: list[Repetition] = []
        self._at_rest = False  # seen at rest, so a repetition may begin
        self._moving = False  # reached high since leaving rest
        self._last_t_s: float | None = None
        self._rest_s = 0.0
        self._min = math.inf
        self._max = -math.inf
        self._peak_s = 0.0

    @classmethod
    def for_movement(cls, movement_kind: str, max_gap_s: float = 1.0) -> "RepetitionCounter":
        spec = COUNTABLE_MOVEMENTS.get(movement_kind)
        if spec is None:
            raise ValueError(f"{movement_kind!r} cannot be counted; countable: {', '.join(COUNTABLE_MOVEMENTS)}")
        return cls(spec.low, spec.high, spec.unit, max_gap_s)

    @property
    def count(self) -> int:
        return len(self.repetitions)

    def update(self, value: float | None, t_s: float) -> Repetition | None:
        """Feed one sample; returns the repetition that this sample completed, if any."""
        if value is None:
            return None
        if self._last_t_s is not None and t_s - self._last_t_s > self.max_gap_s:
            self._at_rest = self._moving = False
        self._last_t_s = t_s
        if value <= self.low:
            if self._moving:
                repetition = self._finish(value, t_s)
                self._start_rest(value, t_s)
                return repetition
            if not self._at_rest:
                self._start_rest(value, t_s)
            else:
                self._rest_s = t_s
                self._min = min(self._min, value)
            return None
        if not self._at_rest:
            return None
        self._min = min(self._min, value)
        if value > self._max:
            self._max, self._peak_s = value, t_s
        if value >= self.high:
            self._moving = True
        return None

    def _start_rest(self, value: float, t_s: float) -> None:
        self._at_rest, self._moving = True, False
        self._rest_s, self._min, self._max, self._peak_s = t_s, value, -math.inf, t_s

    def _finish(self, value: float, t_s: float) -> Repetition:
        low_value = min(self._min, value)
        repetition = Repetition(
            number=self.count + 1,
            start_s=self._rest_s,
            peak_s=self._peak_s,
            end_s=t_s,
            min_value=low_value,
            max_value=self._max,
            range_of_motion=self._max - low_value,
            unit=self.unit,
        )
        self.repetitions.append(repetition)
        return repetition
