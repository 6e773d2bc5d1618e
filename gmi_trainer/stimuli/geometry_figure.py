"""The upper body (head to thighs) as a signed-distance scene: the arm, neck and back pictures.

Body frame as in geometry_body.py (+X the person's own right, +Y forwards, +Z up).  The
pelvis stays square; the trunk bends and turns about the low back, the lumbar part taking
half of the movement; the head turns and tilts about the base of the neck, the chin leading a
turn and the ear leading a tilt.  The face (nose, brow, chin, eyes, mouth) is at the front
and the hair covers the top and back of the head, so front and back views cannot be taken
for each other; shoulder blades and the groove of the spine mark the back, the chest the
front.  The right arm takes the posture; the left arm is the mirror image of a right arm in
its own (usually resting) posture.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from gmi_trainer.stimuli import materials
from gmi_trainer.stimuli.compose import MirroredX, Placed
from gmi_trainer.stimuli.digits import line_mark
from gmi_trainer.stimuli.geometry_body import (
    LUMBAR_PIVOT,
    NECK_PIVOT,
    SHOULDER_HALF_WIDTH_MM,
    SHOULDER_Z,
    ArmPose,
    Part,
    PartsScene,
    arm_joints,
    arm_parts,
    bend_forward,
    check_limits,
    tilt_right,
    turn_right,
)
from gmi_trainer.stimuli.raymarch import SurfaceAttributes
from gmi_trainer.stimuli.sdf import Ellipsoid, Points, RoundCone, Shape, rotation, to_local

SHOULDER_JOINT = np.array([SHOULDER_HALF_WIDTH_MM - 40.0, -8.0, SHOULDER_Z - 30.0])
HEAD_CENTRE = np.array([0.0, 12.0, 1650.0])
WAIST_Z = 1030.0  # shorts below, bare skin above


@dataclass(frozen=True)
class FigurePose:
    trunk_bend_deg: float = 0.0  # side bend, to the person's right
    trunk_turn_deg: float = 0.0  # rotation, to the person's right
    trunk_flex_deg: float = 0.0  # forward bend
    head_turn_deg: float = 0.0  # to the person's right
    head_tilt_deg: float = 0.0  # right ear towards the right shoulder
    head_nod_deg: float = 0.0  # chin down (negative: looking up)
    right_arm: ArmPose = field(default_factory=ArmPose)
    left_arm: ArmPose = field(default_factory=ArmPose)  # given as for a right arm; mirrored

    def check(self) -> None:
        check_limits(elbow_deg=self.right_arm.elbow_deg, neck_turn_deg=self.head_turn_deg,
                     neck_tilt_deg=self.head_tilt_deg, trunk_bend_deg=self.trunk_bend_deg,
                     trunk_turn_deg=self.trunk_turn_deg)
        check_limits(elbow_deg=self.left_arm.elbow_deg)

    def trunk(self, share: float = 1.0) -> np.ndarray:
        """The trunk's rotation (a share of it for the lumbar part)."""
        return (turn_right(self.trunk_turn_deg * share) @ tilt_right(self.trunk_bend_deg * share)
                @ bend_forward(self.trunk_flex_deg * share))

    def head(self) -> np.ndarray:
        return turn_right(self.head_turn_deg) @ tilt_right(self.head_tilt_deg) @ bend_forward(self.head_nod_deg)


def _about(pivot: np.ndarray, basis: np.ndarray) -> np.ndarray:
    """The origin that turns a frame by `basis` about `pivot`."""
    return pivot - basis @ pivot


class _Group:
    """Shapes built upright in the body frame, all turned together by one rotation."""

    def __init__(self, parts: list[Part]) -> None:
        self.parts = parts


def _placed(parts: list[Part], pivot: np.ndarray, basis: np.ndarray) -> list[Part]:
    origin = _about(pivot, basis)
    return [Part(Placed(p.solid, origin, basis), p.material, p.blend_mm, p.detailed) for p in parts]


def _pelvis() -> list[Part]:
    cloth = materials.CLOTH
    return [
        Part(Ellipsoid(np.array([0.0, -8.0, 965.0]), np.array([168.0, 108.0, 120.0])), cloth),
        Part(Ellipsoid(np.array([0.0, -60.0, 905.0]), np.array([140.0, 58.0, 88.0])), cloth, 40.0),
        Part(RoundCone(np.array([90.0, 0.0, 930.0]), np.array([96.0, 12.0, 520.0]), 88.0, 64.0,
                       np.array([0.0, 1.0, 0.0])), cloth, 40.0),
        Part(RoundCone(np.array([-90.0, 0.0, 930.0]), np.array([-96.0, 12.0, 520.0]), 88.0, 64.0,
                       np.array([0.0, 1.0, 0.0])), cloth, 40.0),
    ]


def _abdomen() -> list[Part]:
    return [Part(Ellipsoid(np.array([0.0, 8.0, 1120.0]), np.array([138.0, 98.0, 130.0])), blend_mm=60.0)]


def _chest() -> list[Part]:
    """Ribcage, the upper chest and the slope from the neck to the shoulders (smooth: thin
    muscle shapes on top made ridges the ray marcher could not follow)."""
    sx = SHOULDER_HALF_WIDTH_MM
    up = np.array([0.0, 1.0, 0.0])
    parts = [
        Part(Ellipsoid(np.array([0.0, -4.0, 1275.0]), np.array([155.0, 96.0, 170.0])), blend_mm=70.0),
        Part(Ellipsoid(np.array([0.0, -6.0, 1395.0]), np.array([165.0, 78.0, 70.0])), blend_mm=45.0),
    ]
    for sign in (1.0, -1.0):
        parts += [
            Part(RoundCone(np.array([sign * 30.0, -18.0, 1470.0]), np.array([sign * (sx - 45.0), -10.0, 1415.0]),
                           46.0, 44.0, up), blend_mm=45.0),
        ]
    return parts


def _neck() -> RoundCone:
    return RoundCone(NECK_PIVOT + np.array([0.0, 0.0, -20.0]), np.array([0.0, 0.0, 1575.0]), 58.0, 50.0,
                     np.array([0.0, 1.0, 0.0]))


def _head() -> list[Part]:
    """Skull, jaw and chin, nose, brow, ears; hair over the top and the back."""
    c = HEAD_CENTRE
    fwd = np.array([0.0, 1.0, 0.0])
    parts = [
        Part(Ellipsoid(c, np.array([74.0, 92.0, 108.0]))),
        Part(Ellipsoid(c + np.array([0.0, 34.0, -72.0]), np.array([60.0, 58.0, 48.0])), blend_mm=30.0),
        Part(Ellipsoid(c + np.array([0.0, 76.0, -104.0]), np.array([26.0, 20.0, 20.0])), blend_mm=20.0),
        Part(RoundCone(c + np.array([0.0, 88.0, 14.0]), c + np.array([0.0, 112.0, -22.0]), 8.0, 13.0, fwd * 0 + np.array([0.0, 0.0, 1.0])),
             blend_mm=10.0),
        Part(Ellipsoid(c + np.array([0.0, 80.0, 30.0]), np.array([56.0, 14.0, 13.0])), blend_mm=12.0),
    ]
    for sign in (1.0, -1.0):
        parts.append(Part(Ellipsoid(c + np.array([sign * 74.0, -6.0, -2.0]), np.array([13.0, 22.0, 33.0]),
                                    rotation((0.0, 0.0, 1.0), sign * 20.0)), blend_mm=8.0))
    hair = Ellipsoid(c + np.array([0.0, -10.0, 18.0]), np.array([80.0, 98.0, 104.0]))
    parts.append(Part(_HairCap(hair, c), materials.HAIR, 6.0))
    return parts


class _HairCap(Shape):
    """Hair: an ellipsoid over the skull, cut away in front of the ears and above the brow."""

    def __init__(self, cap: Ellipsoid, centre: np.ndarray) -> None:
        self.cap, self.centre = cap, centre

    def distance(self, p: Points) -> np.ndarray:
        y, z = p[1] - np.float32(self.centre[1]), p[2] - np.float32(self.centre[2])
        # The hairline: a plane sloping back from the brow down to behind the ears.
        front = (y * np.float32(0.8) - z * np.float32(0.6)) - np.float32(22.0)
        return np.maximum(self.cap.distance(p), front)

    def bound_points(self) -> np.ndarray:
        return self.cap.bound_points()

    def bound_radius(self) -> float:
        return self.cap.bound_radius()


class FigureScene(PartsScene):
    """The posed upper body. Eyes, eyebrows, the mouth and the spine's groove are drawn as
    dark marks on the skin."""

    def __init__(self, pose: FigurePose, focus: str) -> None:
        pose.check()
        self.pose = pose
        trunk, lumbar, head = pose.trunk(), pose.trunk(0.5), pose.trunk() @ pose.head()
        right, rj = arm_parts(pose.right_arm, SHOULDER_JOINT)
        left, lj = arm_parts(pose.left_arm, SHOULDER_JOINT)
        mirrored = [Part(MirroredX(p.solid), p.material, p.blend_mm, p.detailed) for p in left]
        # Arms join the shoulders with a softer blend than their own parts.
        arms = [Part(p.solid, p.material, 34.0 if i == 0 else p.blend_mm, p.detailed)
                for arm in (right, mirrored) for i, p in enumerate(arm)]
        self.neck_origin = _about(LUMBAR_PIVOT, trunk)
        self.head_pivot = NECK_PIVOT @ trunk.T + self.neck_origin
        self.head_basis = head
        self.head_origin = self.head_pivot - head @ NECK_PIVOT
        self.trunk_basis, self.trunk_origin = trunk, self.neck_origin
        head_parts = [Part(Placed(p.solid, self.head_origin, head), p.material, p.blend_mm, p.detailed)
                      for p in _head()]
        neck = _NeckLink(_neck(), self.trunk_origin, trunk, self.head_origin, head)
        parts = [
            *_pelvis(),
            *_placed(_abdomen(), LUMBAR_PIVOT, lumbar),
            *_placed(_chest(), LUMBAR_PIVOT, trunk),
            *_placed(arms, LUMBAR_PIVOT, trunk),
            Part(neck, blend_mm=40.0),
            *[Part(p.solid, p.material, 30.0 if i == 0 else p.blend_mm, p.detailed)
              for i, p in enumerate(head_parts)],
        ]
        self.right_joints = rj
        self.left_joints = lj
        super().__init__(parts, *self._framing(focus, rj, lj))

    def to_body(self, pts: np.ndarray, where: str = "trunk") -> np.ndarray:
        """Points given upright (as built) moved with the trunk or the head."""
        if where == "head":
            return self.head_origin + np.asarray(pts) @ self.head_basis.T
        return self.trunk_origin + np.asarray(pts) @ self.trunk_basis.T

    def landmarks(self) -> dict[str, np.ndarray]:
        """Named points of the posed figure, for checks: joints of both arms, nose, ears."""
        flip = np.array([-1.0, 1.0, 1.0])
        c = HEAD_CENTRE
        return {
            "right_shoulder": self.to_body(self.right_joints.shoulder),
            "right_elbow": self.to_body(self.right_joints.elbow),
            "right_wrist": self.to_body(self.right_joints.wrist),
            "left_shoulder": self.to_body(self.left_joints.shoulder * flip),
            "left_elbow": self.to_body(self.left_joints.elbow * flip),
            "left_wrist": self.to_body(self.left_joints.wrist * flip),
            "nose": self.to_body(c + np.array([0.0, 118.0, -22.0]), "head"),
            "right_ear": self.to_body(c + np.array([84.0, -6.0, -2.0]), "head"),
            "left_ear": self.to_body(c + np.array([-84.0, -6.0, -2.0]), "head"),
            "crown": self.to_body(c + np.array([0.0, 0.0, 110.0]), "head"),
            "right_hip": np.array([90.0, 0.0, 930.0]),
            "left_hip": np.array([-90.0, 0.0, 930.0]),
        }

    def _framing(self, focus: str, rj: object, lj: object) -> tuple[list, list]:
        marks = self.landmarks()
        head = [(marks["crown"] + np.array([0.0, 0.0, -100.0]), 115.0), (marks["crown"], 40.0)]
        shoulders = [(marks["right_shoulder"], 70.0), (marks["left_shoulder"], 70.0)]
        if focus == "neck":
            return head + shoulders + [(self.to_body(np.array([0.0, 0.0, 1340.0])), 90.0)], []
        body = head + shoulders + [(np.array([0.0, 0.0, 880.0]), 150.0)]
        if focus == "arm":
            body += [(marks["right_elbow"], 45.0), (marks["right_wrist"], 60.0),
                     (marks["right_wrist"] + (marks["right_wrist"] - marks["right_elbow"]) * 0.7, 40.0)]
        return body, []

    def marks(self, p: Points) -> np.ndarray:
        q = to_local(p, self.head_origin, self.head_basis)
        c = HEAD_CENTRE
        x, y, z = q[0] - np.float32(c[0]), q[1] - np.float32(c[1]), q[2] - np.float32(c[2])
        front = np.clip((y - np.float32(50.0)) / 10.0, 0.0, 1.0)
        eyes = np.zeros_like(x)
        for sign in (1.0, -1.0):
            r = np.sqrt((x - np.float32(sign * 30.0)) ** 2 + (z - np.float32(8.0)) ** 2)
            eyes = np.maximum(eyes, np.clip((np.float32(10.0) - r) / 3.0, 0.0, 1.0) * 0.85)
            brow = np.sqrt((x - np.float32(sign * 32.0)) ** 2 / 4.0 + (z - np.float32(28.0)) ** 2)
            eyes = np.maximum(eyes, line_mark(brow, 3.0) * 0.6 * (np.abs(x) < 55))
        mouth = line_mark(z + np.float32(52.0), 2.2) * (np.abs(x) < 22) * 0.7
        face = np.maximum(eyes, mouth) * front
        t = to_local(p, self.trunk_origin, self.trunk_basis)
        spine = (line_mark(t[0], 7.0) * 0.35 * np.clip((-t[1] - 60.0) / 15.0, 0.0, 1.0)
                 * (t[2] > WAIST_Z) * (t[2] < 1440.0))
        return np.maximum(face, spine).astype(np.float32)

    def attributes(self, p: Points, normal: Points) -> SurfaceAttributes:
        attrs = super().attributes(p, normal)
        # Shorts end at the thighs' middle: the cloth there is cut at a hem.
        assert attrs.material is not None
        cloth = attrs.material == materials.CLOTH
        attrs.material[cloth & (p[2] < 640.0)] = materials.SKIN
        return attrs


class _NeckLink(Shape):
    """The neck: its lower end moves with the trunk and its upper end with the head."""

    def __init__(self, neck: RoundCone, trunk_origin: np.ndarray, trunk: np.ndarray,
                 head_origin: np.ndarray, head: np.ndarray) -> None:
        start = trunk_origin + trunk @ neck.start
        end = head_origin + head @ neck.end
        self.cone = RoundCone(start, end, neck.r_start, neck.r_end, trunk @ np.array([0.0, 1.0, 0.0]))

    def distance(self, p: Points) -> np.ndarray:
        return self.cone.distance(p)

    def bound_points(self) -> np.ndarray:
        return self.cone.bound_points()

    def bound_radius(self) -> float:
        return self.cone.bound_radius()


__all__ = ["FigurePose", "FigureScene", "ArmPose", "arm_joints"]
