"""The mirror exercises' movements: the names a plan may use, whose limb does each, and
which tracker counts its repetitions.

How a counted movement becomes one number and its thresholds (tracking geometry) live in
mirror/repetitions.py, keyed by these names.
"""

from __future__ import annotations

from dataclasses import dataclass

# Tracker kinds, the same strings as the landmark kinds in tracking/landmarks.py.
POSE_TRACKER = "pose"  # whole body: the midline, shoulders, elbows, hips, knees
HAND_TRACKER = "hand"  # one hand's fingers; started only while a hand exercise is on screen

ANY_PART = ""  # a movement any limb can do


@dataclass(frozen=True)
class Movement:
    name: str  # in plans and records: "elbow_flex"
    body_part: str  # the body part (vocabulary/body_parts.py) whose limb makes it; ANY_PART: any
    # The tracker that counts its repetitions; "" for a movement shown without a count,
    # because a count that is often wrong is worse than none.
    counted_by: str


MOVEMENT_TABLE: dict[str, Movement] = {m.name: m for m in (
    Movement("free", ANY_PART, ""),
    Movement("hand_open_close", "hand", HAND_TRACKER),
    Movement("wrist_turn", "hand", ""),
    Movement("elbow_flex", "hand", POSE_TRACKER),
    Movement("shoulder_raise", "hand", ""),
    Movement("ankle_point", "foot", ""),
    # Seated, camera low: the foot pulled up and pushed down (the angle knee-ankle-toes).
    Movement("ankle_pump", "foot", POSE_TRACKER),
    Movement("knee_flex", "foot", POSE_TRACKER),
    Movement("toe_curl", "foot", ""),
)}
MOVEMENTS: tuple[str, ...] = tuple(MOVEMENT_TABLE)


def counted_by(tracker: str) -> tuple[str, ...]:
    """The movements whose repetitions this tracker counts."""
    return tuple(m.name for m in MOVEMENT_TABLE.values() if m.counted_by == tracker)


COUNTED_MOVEMENTS: tuple[str, ...] = tuple(m.name for m in MOVEMENT_TABLE.values() if m.counted_by)
