"""The whole body as signed-distance solids, posed by joint angles: the building blocks of
the leg, arm, neck and back pictures (geometry_leg.py, geometry_figure.py).

Body frame, millimetres: +X to the person's own RIGHT, +Y the way they face, +Z up, the
floor at z = 0 and the midline at x = 0.  Everything is built as a right limb or turned to
the person's right; left pictures are exact mirror images made afterwards, as for hands.

Proportions are those of a 1.75 m adult from the segment-length fractions of body height
of Drillis and Contini (1966), as tabled by Winter (Biomechanics and Motor Control of Human
Movement, 4th ed., 2009, fig. 4.1): thigh (hip to knee) 0.245 H, shank (knee to ankle)
0.246 H, upper arm 0.186 H, forearm 0.146 H, hand 0.108 H, shoulder width 0.259 H,
shoulder height 0.818 H, hip joint 0.530 H, chin 0.870 H.  The hand and foot at the ends of
the limbs are the project's detailed hand and foot (geometry_hand.py, geometry_foot.py).

Joint ranges that the postures stay inside (checked by `check_limits`), from standard
range-of-motion tables (American Academy of Orthopaedic Surgeons, Joint Motion, 1965):
knee flexion 0-140 degrees and no bending forwards; elbow flexion 0-145 degrees, bending
only forwards with the palm turning towards the shoulder; neck rotation about 70-80 degrees
each way and side tilt about 40; trunk side bend about 30-35 and rotation about 30-45 with
the pelvis square.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from gmi_trainer.stimuli import materials
from gmi_trainer.stimuli.compose import Bounded, MirroredX, Placed
from gmi_trainer.stimuli.raymarch import SurfaceAttributes
from gmi_trainer.stimuli.sdf import Ellipsoid, Points, RoundCone, Shape, rotation, smin, to_local, unit

HEIGHT_MM = 1750.0
THIGH_MM = 0.245 * HEIGHT_MM
SHANK_MM = 0.246 * HEIGHT_MM
UPPER_ARM_MM = 0.186 * HEIGHT_MM
FOREARM_MM = 0.146 * HEIGHT_MM
SHOULDER_HALF_WIDTH_MM = 0.259 * HEIGHT_MM / 2.0
HIP_JOINT_Z = 0.530 * HEIGHT_MM
SHOULDER_Z = 0.818 * HEIGHT_MM
CHIN_Z = 0.870 * HEIGHT_MM
HIP_JOINT_X = 88.0  # hip joints about 18 cm apart
LUMBAR_PIVOT = np.array([0.0, -20.0, 1030.0])  # the trunk bends and turns about the low back
NECK_PIVOT = np.array([0.0, -10.0, 1460.0])  # the head turns and tilts about the base of the neck

KNEE_LIMITS_DEG = (0.0, 140.0)
ELBOW_LIMITS_DEG = (0.0, 145.0)
NECK_TURN_LIMIT_DEG = 75.0
NECK_TILT_LIMIT_DEG = 40.0
TRUNK_BEND_LIMIT_DEG = 35.0
TRUNK_TURN_LIMIT_DEG = 45.0

X = np.array([1.0, 0.0, 0.0])
Y = np.array([0.0, 1.0, 0.0])
Z = np.array([0.0, 0.0, 1.0])


def turn_right(angle_deg: float) -> np.ndarray:
    """Rotation about the vertical that turns the front towards the person's right."""
    return rotation(Z, -angle_deg)


def tilt_right(angle_deg: float) -> np.ndarray:
    """Side bend: the top moves towards the person's right (the right ear to the right shoulder)."""
    return rotation(Y, angle_deg)


def bend_forward(angle_deg: float) -> np.ndarray:
    """Flexion about the left-right axis: the top moves forwards."""
    return rotation(X, -angle_deg)


def _hint(axis: np.ndarray, preferred: np.ndarray) -> np.ndarray:
    """A direction across `axis`, as near `preferred` as possible (for a segment's flattening)."""
    a = unit(axis)
    h = preferred - a * float(preferred @ a)
    if np.linalg.norm(h) < 1e-3:
        h = Y - a * float(Y @ a)
        if np.linalg.norm(h) < 1e-3:
            h = Z - a * float(Z @ a)
    return unit(h)


@dataclass
class Part:
    """A solid of the figure with what it is made of and how softly it joins the rest."""

    solid: Shape | Placed | Bounded | MirroredX
    material: int = materials.SKIN
    blend_mm: float = 0.0
    detailed: bool = False  # a hand or foot scene with its own surface attributes


def union(parts: list[Part], p: Points) -> tuple[np.ndarray, list[np.ndarray]]:
    """The smooth union of parts in order, and each part's own distance."""
    dists = [part.solid.distance(p) for part in parts]
    d = dists[0]
    for part, ds in zip(parts[1:], dists[1:]):
        d = smin(d, ds, part.blend_mm)
    return d, dists


class PartsScene:
    """A scene made of parts: distance is their smooth union; at each surface point the
    nearest part says what the surface is (skin, hair, cloth, an object), and a detailed hand
    or foot gives its own nails, creases and palm or sole."""

    def __init__(self, parts: list[Part], focus: list[tuple[np.ndarray, float]],
                 extent: list[tuple[np.ndarray, float]]) -> None:
        self.parts, self.focus, self.extent = parts, focus, extent

    def distance(self, p: Points) -> np.ndarray:
        return union(self.parts, p)[0]

    def attributes(self, p: Points, normal: Points) -> SurfaceAttributes:
        _, dists = union(self.parts, p)
        nearest = np.argmin(np.stack(dists), axis=0)
        n_points = p[0].shape[0]
        dorsal = np.ones(n_points, dtype=np.float32)
        nail = np.zeros(n_points, dtype=np.float32)
        crease = np.zeros(n_points, dtype=np.float32)
        pad = np.zeros(n_points, dtype=np.float32)
        material = np.zeros(n_points, dtype=np.float32)
        for i, part in enumerate(self.parts):
            mine = np.nonzero(nearest == i)[0]
            if mine.size == 0:
                continue
            material[mine] = part.material
            if part.detailed:
                sub = part.solid.attributes((p[0][mine], p[1][mine], p[2][mine]),
                                            (normal[0][mine], normal[1][mine], normal[2][mine]))
                dorsal[mine], nail[mine], crease[mine], pad[mine] = sub.dorsal, sub.nail, sub.crease, sub.pad
        crease = np.maximum(crease, self.marks(p))
        return SurfaceAttributes(dorsal=dorsal, nail=nail, crease=crease, pad=pad, material=material)

    def marks(self, p: Points) -> np.ndarray:
        """Dark lines and spots drawn on the skin (eyes, a spine's groove); none by default."""
        return np.zeros_like(p[0])

    def focus_points(self) -> tuple[np.ndarray, np.ndarray]:
        return np.array([c for c, _ in self.focus]), np.array([r for _, r in self.focus])

    def all_points(self) -> tuple[np.ndarray, np.ndarray]:
        """Bounds of every part (rays must start outside all of them) and the extent given."""
        both = self.focus + self.extent + [b for part in self.parts for b in bounds(part.solid)]
        return np.array([c for c, _ in both]), np.array([r for _, r in both])


def bounds(solid: object) -> list[tuple[np.ndarray, float]]:
    """Spheres that together hold a solid."""
    if isinstance(solid, Shape):
        return [(pt, solid.bound_radius()) for pt in solid.bound_points()]
    if isinstance(solid, Bounded):
        return [(solid.centre, solid.radius_mm)]
    if isinstance(solid, MirroredX):
        return [(c * np.array([-1.0, 1.0, 1.0]), r) for c, r in bounds(solid.inner)]
    if isinstance(solid, Placed):
        return [(solid.to_parent(c), r) for c, r in bounds(solid.inner)]
    raise TypeError(f"no bounds for {type(solid).__name__}")


# --- arms ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ArmPose:
    """A right arm. The upper arm points `elevation_deg` up from hanging straight down, in a
    vertical plane `plane_deg` round from straight ahead towards the person's right (0: a
    forward raise, 90: a sideways raise, 180: backwards, negative: across the body)."""

    elevation_deg: float = 4.0
    plane_deg: float = 20.0
    inward_turn_deg: float = 0.0  # the upper arm turned about its own axis, the front inwards
    elbow_deg: float = 10.0  # 0 straight; the forearm comes forwards and up towards the shoulder
    supination_deg: float = 0.0  # forearm turned palm-up (negative: palm down)
    hand_posture: str = "relaxed_curl"
    wrist_deg: float = 0.0  # wrist bent towards the back of the hand (negative: towards the palm)


@dataclass(frozen=True)
class ArmJoints:
    shoulder: np.ndarray
    elbow: np.ndarray
    wrist: np.ndarray
    front: np.ndarray  # the upper arm's front (where the elbow crease faces)
    hand_basis: np.ndarray  # columns: the hand's (little finger, fingers, back of hand) axes


def arm_joints(pose: ArmPose, shoulder: np.ndarray) -> ArmJoints:
    """Joint positions of a right arm whose shoulder joint is at `shoulder` (trunk upright)."""
    e, ph = np.radians(pose.elevation_deg), np.radians(pose.plane_deg)
    down = -Z
    axis = np.array([np.sin(e) * np.sin(ph), np.sin(e) * np.cos(ph), -np.cos(e)])
    # The smallest turn that takes the hanging arm to `axis` carries its front (forwards when
    # hanging) along; the arm's own turn then swings the front inwards.
    cross = np.cross(down, axis)
    if np.linalg.norm(cross) < 1e-9:
        carry = np.eye(3)
    else:
        carry = rotation(cross, np.degrees(np.arccos(np.clip(down @ axis, -1.0, 1.0))))
    # About the arm's own axis (shoulder to elbow) the right-hand rule turns a hanging arm's
    # front outwards, so an inward turn is a negative angle (checked in tests).
    front = rotation(axis, -pose.inward_turn_deg) @ (carry @ Y)
    elbow = shoulder + axis * UPPER_ARM_MM
    b = np.radians(pose.elbow_deg)
    forearm = unit(axis * np.cos(b) + front * np.sin(b))
    wrist = elbow + forearm * FOREARM_MM
    # Hand frame (geometry_hand.py): +Y to the fingertips, +Z out of the back of the hand, +X
    # to the little finger.  With the forearm in mid-turn the thumb is on the front side.
    thumb_side = unit(front - forearm * float(front @ forearm))
    little = -thumb_side
    back = np.cross(little, forearm)
    turn = rotation(forearm, -pose.supination_deg)
    little, back = turn @ little, turn @ back
    wrist_turn = rotation(little, -pose.wrist_deg)
    fingers = wrist_turn @ forearm
    back = wrist_turn @ back
    return ArmJoints(shoulder, elbow, wrist, front, np.stack([little, fingers, back], axis=1))


def arm_parts(pose: ArmPose, shoulder: np.ndarray) -> tuple[list[Part], ArmJoints]:
    """The right arm from the shoulder joint: deltoid, upper arm with biceps, elbow point at
    the back (olecranon), forearm, and the detailed hand."""
    from gmi_trainer.stimuli.geometry_hand import scene as hand_scene

    j = arm_joints(pose, shoulder)
    axis = unit(j.elbow - j.shoulder)
    forearm_axis = unit(j.wrist - j.elbow)
    upper = RoundCone(j.shoulder, j.elbow, 50.0, 38.0, _hint(axis, j.front), 0.92)
    deltoid = Ellipsoid(j.shoulder + axis * 42.0 + X * 6.0, np.array([54.0, 70.0, 52.0]),
                        np.stack([_hint(axis, X), axis, np.cross(_hint(axis, X), axis)], axis=1))
    side = _hint(axis, j.front)
    biceps = Ellipsoid(j.shoulder + axis * 170.0 + side * 14.0, np.array([30.0, 80.0, 30.0]),
                       np.stack([np.cross(axis, side), axis, side], axis=1))
    olecranon = Ellipsoid(j.elbow - side * 26.0, np.array([18.0, 18.0, 20.0]))
    fore = RoundCone(j.elbow, j.wrist - forearm_axis * 10.0, 40.0, 27.0,
                     _hint(forearm_axis, j.hand_basis[:, 2]), 0.8)
    fore_bulk = Ellipsoid(j.elbow + forearm_axis * 70.0, np.array([40.0, 75.0, 34.0]),
                          np.stack([np.cross(forearm_axis, _hint(forearm_axis, j.hand_basis[:, 2])),
                                    forearm_axis, _hint(forearm_axis, j.hand_basis[:, 2])], axis=1))
    hand = hand_scene(pose.hand_posture)
    # Only a stub of the hand's own forearm: the arm's forearm carries on from it.
    hand.forearm = RoundCone(np.array([1.0, 6.0, -1.5]), np.array([4.0, -70.0, -2.5]), 27.0, 30.0,
                             np.array([0, 0, 1.0]), 0.72)
    placed = Placed(hand, j.wrist, j.hand_basis)
    hand_centre = j.wrist + j.hand_basis[:, 1] * 70.0
    parts = [
        Part(upper), Part(deltoid, blend_mm=30.0), Part(biceps, blend_mm=30.0),
        Part(olecranon, blend_mm=16.0), Part(fore, blend_mm=22.0), Part(fore_bulk, blend_mm=30.0),
        Part(Bounded(placed, hand_centre, 125.0), blend_mm=14.0, detailed=True),
    ]
    return parts, j


# --- legs ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LegPose:
    """A right leg: hip and knee angles and the foot's own posture (geometry_foot.py)."""

    hip_flex_deg: float = 0.0  # thigh forwards (negative: backwards)
    hip_out_deg: float = 0.0  # thigh out to the side (negative: across)
    hip_turn_out_deg: float = 0.0  # the leg turned about its axis, kneecap and toes outwards
    knee_deg: float = 0.0  # 0 straight; the knee bends only backwards
    foot_posture: str = "flat"
    toe_out_deg: float = 8.0  # a foot points forwards and slightly out
    # The foot's pose by its joint angles (geometry_foot.FootPose), instead of foot_posture:
    # a demonstration's in-between legs carry in-between feet.
    foot: Any = None


@dataclass(frozen=True)
class LegJoints:
    hip: np.ndarray
    knee: np.ndarray
    ankle: np.ndarray
    thigh: np.ndarray  # columns (outwards, forwards, up the thigh)
    shank: np.ndarray  # the same for the shank


def leg_joints(pose: LegPose, hip: np.ndarray) -> LegJoints:
    thigh = (rotation(X, pose.hip_flex_deg) @ rotation(Y, -pose.hip_out_deg)
             @ rotation(Z, -pose.hip_turn_out_deg))
    knee = hip + thigh @ np.array([0.0, 0.0, -THIGH_MM])
    shank = thigh @ rotation(X, -pose.knee_deg)
    ankle = knee + shank @ np.array([0.0, 0.0, -SHANK_MM])
    return LegJoints(hip, knee, ankle, thigh, shank)


def half_turn(pose: LegPose) -> np.ndarray:
    """The knee's own frame, half-way between thigh and shank: where the kneecap sits."""
    return (rotation(X, pose.hip_flex_deg) @ rotation(Y, -pose.hip_out_deg)
            @ rotation(Z, -pose.hip_turn_out_deg) @ rotation(X, -pose.knee_deg / 2.0))


def leg_parts(pose: LegPose, hip: np.ndarray) -> tuple[list[Part], LegJoints]:
    """The right leg from the hip joint: thigh with the inner bulge above the knee (vastus
    medialis), kneecap in front, the knee's width, calf muscles at the back (the inner head
    lower and larger), shank, and the detailed foot."""
    from gmi_trainer.stimuli import geometry_foot

    j = leg_joints(pose, hip)
    t, s = j.thigh, j.shank
    thigh = RoundCone(j.hip + t @ np.array([8.0, 0.0, 20.0]), j.knee, 90.0, 52.0, t[:, 1], 0.95)
    vastus = Ellipsoid(j.knee + t @ np.array([-34.0, 14.0, 95.0]), np.array([30.0, 30.0, 62.0]), t)
    half = half_turn(pose)
    knee_body = Ellipsoid(j.knee, np.array([49.0, 40.0, 44.0]), half)
    kneecap = Ellipsoid(j.knee + half @ np.array([0.0, 38.0, 12.0]), np.array([24.0, 13.0, 28.0]), half)
    calf_inner = Ellipsoid(j.knee + s @ np.array([-18.0, -24.0, -140.0]), np.array([34.0, 36.0, 92.0]), s)
    calf_outer = Ellipsoid(j.knee + s @ np.array([20.0, -22.0, -115.0]), np.array([30.0, 32.0, 78.0]), s)
    shank = RoundCone(j.knee, j.ankle + s @ np.array([0.0, -12.0, 10.0]), 46.0, 33.0, s[:, 1], 0.9)
    foot = geometry_foot.scene(pose.foot_posture) if pose.foot is None \
        else geometry_foot.FootScene(pose.foot)
    foot.leg = foot.leg[1:]  # the Achilles tendon and ankle bones; the shank is the leg's own
    foot_basis = s @ rotation(Z, -pose.toe_out_deg)
    origin = j.ankle - foot_basis @ geometry_foot.ANKLE_CENTRE
    placed = Placed(foot, origin, foot_basis)
    foot_centre = placed.to_parent(np.array([0.0, 55.0, 40.0]))
    parts = [
        Part(thigh), Part(vastus, blend_mm=40.0), Part(knee_body, blend_mm=40.0),
        Part(kneecap, blend_mm=14.0), Part(shank, blend_mm=40.0),
        Part(calf_inner, blend_mm=40.0), Part(calf_outer, blend_mm=40.0),
        Part(Bounded(placed, foot_centre, 190.0), blend_mm=18.0, detailed=True),
    ]
    return parts, j


def check_limits(knee_deg: float = 0.0, elbow_deg: float = 0.0, neck_turn_deg: float = 0.0,
                 neck_tilt_deg: float = 0.0, trunk_bend_deg: float = 0.0,
                 trunk_turn_deg: float = 0.0) -> None:
    """A posture outside the joints' ranges looks wrong and slows people down for the
    wrong reason: refuse it."""
    checks = (
        ("knee", knee_deg, KNEE_LIMITS_DEG), ("elbow", elbow_deg, ELBOW_LIMITS_DEG),
        ("neck turn", abs(neck_turn_deg), (0.0, NECK_TURN_LIMIT_DEG)),
        ("neck tilt", abs(neck_tilt_deg), (0.0, NECK_TILT_LIMIT_DEG)),
        ("trunk bend", abs(trunk_bend_deg), (0.0, TRUNK_BEND_LIMIT_DEG)),
        ("trunk turn", abs(trunk_turn_deg), (0.0, TRUNK_TURN_LIMIT_DEG)),
    )
    for name, value, (low, high) in checks:
        if not low <= value <= high:
            raise ValueError(f"{name} {value} degrees is outside {low}-{high}")


def local_points(p: Points, origin: np.ndarray, basis: np.ndarray) -> Points:
    return to_local(p, origin, basis)
