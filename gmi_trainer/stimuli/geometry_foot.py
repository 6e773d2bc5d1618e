"""A right foot (and a stretch of lower leg) as a signed-distance scene, posed by joint angles.

Foot frame, millimetres: origin on the floor below the ankle, +Y towards the toes, +Z up,
+X to the outer (lateral) side.  Foot length about 26 cm (adult anthropometry).  The cues
that make a foot read as left or right: the big toe on the inner side,
toes shortening outwards, an arch on the inner side while the outer edge of the sole meets
the floor, the inner ankle bone higher and further forward than the outer one, nails on top,
a paler sole with a heel pad and a ball.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gmi_trainer.stimuli.digits import Digit, DigitAnatomy, abduct_matrix, chain, line_mark, nail_for
from gmi_trainer.stimuli.raymarch import SurfaceAttributes
from gmi_trainer.stimuli.sdf import Ellipsoid, Points, RoundCone, Shape, rotation, smin, to_local

ANKLE_CENTRE = np.array([0.0, -2.0, 70.0])


@dataclass(frozen=True)
class ToeAnatomy:
    digit: DigitAnatomy
    splay_deg: float  # natural direction: positive points the toe outwards
    taper: tuple[float, ...]


TOES: tuple[ToeAnatomy, ...] = (
    ToeAnatomy(DigitAnatomy("hallux", (-29.0, 140.0, 20.0), (32.0, 27.0), 13.0, 0.78), 6.0, (1.0, 0.93, 0.82)),
    ToeAnatomy(DigitAnatomy("second", (-7.0, 143.0, 15.0), (24.0, 11.0, 10.0), 8.4, 0.86), 1.0, (1.0, 0.88, 0.82, 0.76)),
    ToeAnatomy(DigitAnatomy("third", (9.0, 136.0, 14.0), (21.0, 10.0, 9.0), 8.0, 0.86), 4.0, (1.0, 0.88, 0.82, 0.76)),
    ToeAnatomy(DigitAnatomy("fourth", (23.0, 127.0, 13.0), (17.0, 9.0, 8.0), 7.6, 0.86), 8.0, (1.0, 0.88, 0.82, 0.76)),
    ToeAnatomy(DigitAnatomy("little", (35.5, 114.0, 12.0), (14.0, 7.0, 7.0), 7.2, 0.86), 13.0, (1.0, 0.88, 0.82, 0.78)),
)


@dataclass(frozen=True)
class ToePose:
    spread_deg: float  # extra turn outwards (negative: inwards)
    flexions_deg: tuple[float, ...]  # MTP, then IP joints; negative lifts the toe


@dataclass(frozen=True)
class FootPose:
    plantar_deg: float  # ankle: pointing the foot down (negative pulls it up)
    inversion_deg: float  # sole turned inwards (negative: outwards)
    adduction_deg: float  # toes turned inwards (negative: outwards)
    toes: tuple[ToePose, ToePose, ToePose, ToePose, ToePose]


def _toes(mtp: float, pip: float, dip: float, spread: tuple[float, ...] = (0, 0, 0, 0, 0)) -> tuple[ToePose, ...]:
    big = ToePose(spread[0], (mtp, pip))
    return (big, *(ToePose(s, (mtp, pip, dip)) for s in spread[1:]))


FOOT_POSES: dict[str, FootPose] = {
    "flat": FootPose(0, 0, 0, _toes(8, 12, 4)),  # type: ignore[arg-type]
    "pointed": FootPose(42, 0, 0, _toes(14, 16, 6)),  # type: ignore[arg-type]
    "pulled_up": FootPose(-20, 0, 0, _toes(-28, 0, 0)),  # type: ignore[arg-type]
    "toes_curled": FootPose(0, 0, 0, _toes(22, 55, 35)),  # type: ignore[arg-type]
    "toes_spread": FootPose(0, 0, 0, _toes(-6, 4, 0, (-14, -6, 2, 10, 22))),  # type: ignore[arg-type]
    "turned_in": FootPose(12, 24, 16, _toes(8, 12, 4)),  # type: ignore[arg-type]
    "turned_out": FootPose(0, -14, -16, _toes(8, 12, 4)),  # type: ignore[arg-type]
    "tiptoe": FootPose(45, 0, 0, _toes(-48, 6, 4)),  # type: ignore[arg-type]
}


def toe(anat: ToeAnatomy, pose: ToePose) -> Digit:
    # Toes leave the ball pointing slightly down towards the floor.
    splay = anat.splay_deg + pose.spread_deg
    basis0 = abduct_matrix(-splay) @ rotation((1.0, 0.0, 0.0), -8.0)
    segments = chain(anat.digit, basis0, pose.flexions_deg, anat.taper)
    r_dist = anat.digit.radius_mm * anat.taper[-2]
    return Digit(
        anat.digit.name,
        segments,
        nail_for(segments, anat.digit.lengths_mm[-1] * (1.3 if anat.digit.name == "hallux" else 1.0), r_dist),
        np.asarray(anat.digit.base, dtype=np.float64) - np.array([0.0, 6.0, 0.0]),
        20.0,
        9.0,
    )


def _foot_body() -> list[tuple[Shape, float]]:
    up = np.array([0.0, 0.0, 1.0])
    heel = Ellipsoid(np.array([2.0, -36.0, 31.0]), np.array([29.0, 33.0, 31.0]))
    medial_back = RoundCone(np.array([-8.0, -28.0, 36.0]), np.array([-22.0, 62.0, 40.0]), 25.0, 20.0, up)
    medial_front = RoundCone(np.array([-22.0, 62.0, 40.0]), np.array([-29.0, 138.0, 17.0]), 20.0, 15.5, up)
    lateral_back = RoundCone(np.array([14.0, -28.0, 30.0]), np.array([29.0, 62.0, 17.0]), 22.0, 15.0, up)
    lateral_front = RoundCone(np.array([29.0, 62.0, 17.0]), np.array([36.0, 116.0, 12.0]), 15.0, 11.0, up)
    instep = RoundCone(np.array([0.0, -4.0, 62.0]), np.array([-8.0, 104.0, 26.0]), 30.0, 18.0, up, 0.9)
    ball = RoundCone(np.array([-29.0, 138.0, 16.0]), np.array([36.0, 116.0, 11.0]), 16.0, 11.0, np.array([0.0, 1.0, 0.0]))
    ball_pad = Ellipsoid(np.array([-6.0, 130.0, 10.0]), np.array([34.0, 17.0, 10.0]))
    # Broad, low forefoot and midfoot fill the space between the two columns of bones.
    forefoot = Ellipsoid(np.array([2.0, 100.0, 20.0]), np.array([38.0, 42.0, 15.0]), rotation((1.0, 0.0, 0.0), -12.0))
    midfoot = Ellipsoid(np.array([6.0, 40.0, 30.0]), np.array([32.0, 48.0, 24.0]), rotation((1.0, 0.0, 0.0), -10.0))
    return [
        (heel, 0.0),
        (lateral_back, 18.0),
        (medial_back, 18.0),
        (medial_front, 10.0),
        (lateral_front, 10.0),
        (instep, 16.0),
        (ball, 10.0),
        (ball_pad, 8.0),
        (forefoot, 12.0),
        (midfoot, 12.0),
    ]


def _leg() -> list[tuple[Shape, float]]:
    shin = RoundCone(np.array([0.0, -8.0, 66.0]), np.array([2.0, -22.0, 430.0]), 31.0, 45.0, np.array([0.0, 1.0, 0.0]), 0.84)
    achilles = RoundCone(np.array([1.0, -56.0, 48.0]), np.array([1.0, -44.0, 170.0]), 10.0, 14.0, np.array([0.0, 1.0, 0.0]), 0.8)
    # The inner ankle bone sits higher and further forward than the outer one.
    medial_malleolus = Ellipsoid(np.array([-26.0, 5.0, 82.0]), np.array([9.0, 11.0, 12.0]))
    lateral_malleolus = Ellipsoid(np.array([28.0, -9.0, 63.0]), np.array([9.0, 11.0, 13.0]))
    return [(shin, 0.0), (achilles, 14.0), (medial_malleolus, 9.0), (lateral_malleolus, 9.0)]


# Below the lowest point of the shin (35 mm), the Achilles tendon (38) and the ankle bones
# (50): seen from the sole nothing of the leg is left to stick out beside a turned heel.
SOLE_LEG_BELOW_MM = 30.0


class FootScene:
    """The posed right foot: the foot turns at the ankle; the leg and ankle bones stay put."""

    def __init__(self, pose: FootPose, leg_below_mm: float | None = None) -> None:
        self.pose = pose
        # Seen from the sole, the shin behind the heel shows end-on around it as dark fins
        # (in the heel's shadow): that view keeps nothing of the leg above this height.
        self.leg_below_mm = leg_below_mm
        self.toes = [toe(anat, tp) for anat, tp in zip(TOES, pose.toes)]
        self.body = _foot_body()
        self.leg = _leg()
        self.turn = (
            rotation((0.0, 0.0, 1.0), pose.adduction_deg)
            @ rotation((0.0, 1.0, 0.0), pose.inversion_deg)
            @ rotation((1.0, 0.0, 0.0), -pose.plantar_deg)
        )

    def for_view(self, view: str) -> FootScene:
        """The foot as one view draws it: from the sole, without the shin above the heel."""
        if view != "sole":
            return self
        clipped = FootScene(self.pose, SOLE_LEG_BELOW_MM)
        clipped.leg = self.leg
        return clipped

    def _to_foot(self, p: Points) -> Points:
        """Leg-frame points into the posed foot's own frame."""
        x, y, z = to_local(p, ANKLE_CENTRE, self.turn)
        return x + np.float32(ANKLE_CENTRE[0]), y + np.float32(ANKLE_CENTRE[1]), z + np.float32(ANKLE_CENTRE[2])

    @staticmethod
    def _chain(shapes: list[tuple[Shape, float]], p: Points) -> np.ndarray:
        d = None
        for shape, k in shapes:
            ds = shape.distance(p)
            d = ds if d is None else smin(d, ds, k)
        assert d is not None
        return d

    def _parts(self, p: Points) -> tuple[np.ndarray, np.ndarray, Points]:
        q = self._to_foot(p)
        body = self._chain(self.body, q)
        leg = self._chain(self.leg, p)
        if self.leg_below_mm is not None:
            leg = np.maximum(leg, p[2] - np.float32(self.leg_below_mm))
        return body, leg, q

    def _blend_k(self, q: Points, digit: Digit) -> np.ndarray:
        c = digit.blend_centre
        r2 = ((q[0] - c[0]) ** 2 + (q[1] - c[1]) ** 2 + (q[2] - c[2]) ** 2) / np.float32(digit.blend_radius**2)
        w = np.clip(1.0 - r2, 0.0, 1.0)
        return np.float32(digit.blend_k) * w * w

    def distance(self, p: Points) -> np.ndarray:
        body, leg, q = self._parts(p)
        foot = smin(body, leg, 22.0)
        d = None
        for digit in self.toes:
            joined = smin(foot, digit.distance(q), self._blend_k(q, digit))
            d = joined if d is None else np.minimum(d, joined)
        assert d is not None
        return d

    def attributes(self, p: Points, normal: Points) -> SurfaceAttributes:
        body, leg, q = self._parts(p)
        n = to_local(normal, np.zeros(3), self.turn)
        # Up in the foot's frame is its top; the leg's front and back count as neither.
        w_body = np.exp(-np.maximum(body, 0.0) / 3.0)
        w_leg = np.exp(-np.maximum(leg, 0.0) / 3.0)
        dx = np.zeros_like(body)
        dy = np.zeros_like(body)
        dz = w_body.copy()
        wsum = w_body + w_leg
        nail = np.zeros_like(body)
        crease = np.zeros_like(body)
        for digit in self.toes:
            for i, seg in enumerate(digit.segments):
                x, y, z = seg.local(q)
                ds = seg.distance_local(x, y, z)
                w = np.exp(-np.maximum(ds, 0.0) / 1.5)
                b = seg.basis[:, 2]
                dx += w * np.float32(b[0])
                dy += w * np.float32(b[1])
                dz += w * np.float32(b[2])
                wsum += w
                r = np.float32(seg.r_start)
                across = np.clip(1.0 - (x / (r * 1.05)) ** 2, 0.0, 1.0)
                under = np.clip(-z / (r * np.float32(seg.flat)) * 1.5, 0.0, 1.0) * across
                over = np.clip(z / (r * np.float32(seg.flat)) * 1.5, 0.0, 1.0) * across
                if i > 0:
                    near = np.clip(1.0 - np.maximum(ds, 0.0) / 3.0, 0.0, 1.0)  # this toe's own skin only
                    crease = np.maximum(crease, near * under * line_mark(y - 1.0, 0.9))
                    crease = np.maximum(crease, near * over * 0.25 * (line_mark(y + 1.0, 0.8) + line_mark(y - 2.0, 0.8)))
            dn = digit.nail_distance(q)
            df = digit.finger_distance(q)
            nail = np.maximum(nail, np.clip((df - dn) / 0.25, 0.0, 1.0) * (dn < 0.3))
        # The leg has no sole side: blend its points towards "neither" (0).
        norm = np.sqrt(dx * dx + dy * dy + dz * dz) + 1e-9
        toward = (dx * n[0] + dy * n[1] + dz * n[2]) / norm
        dorsal = toward * (1.0 - w_leg / np.maximum(wsum, 1e-6)) + 0.35 * (w_leg / np.maximum(wsum, 1e-6))
        sole = np.clip(-n[2], 0.0, 1.0) * np.clip((30.0 - q[2]) / 15.0, 0.0, 1.0)
        return SurfaceAttributes(dorsal=dorsal, nail=nail, crease=crease * (1.0 - nail), pad=sole)

    # --- framing ------------------------------------------------------------------------
    def _world(self, pts: np.ndarray) -> np.ndarray:
        return (pts - ANKLE_CENTRE) @ self.turn.T + ANKLE_CENTRE

    def focus_points(self) -> tuple[np.ndarray, np.ndarray]:
        pts: list[np.ndarray] = []
        radii: list[float] = []
        for shape, _ in self.body:
            for bp in shape.bound_points():
                pts.append(bp)
                radii.append(shape.bound_radius())
        for digit in self.toes:
            for seg in digit.segments:
                for bp in seg.bound_points():
                    pts.append(bp)
                    radii.append(seg.bound_radius())
        world = self._world(np.array(pts))
        malleoli = np.array([s.center for s, _ in self.leg[2:]])  # type: ignore[attr-defined]
        return np.vstack([world, malleoli]), np.concatenate([radii, [12.0, 12.0]])

    def all_points(self) -> tuple[np.ndarray, np.ndarray]:
        pts, radii = self.focus_points()
        leg_pts = [bp for shape, _ in self.leg for bp in shape.bound_points()]
        leg_r = [shape.bound_radius() for shape, _ in self.leg for _ in shape.bound_points()]
        return np.vstack([pts, np.array(leg_pts)]), np.concatenate([radii, leg_r])


def scene(posture: str) -> FootScene:
    """The right foot in a posture; the body-part table names this as the foot's scene."""
    return FootScene(FOOT_POSES[posture])


def demo_poses(start: str, target: str) -> tuple[FootPose, FootPose, type[FootScene]]:
    """Two postures as poses to interpolate for a demonstration (stimuli/motion.py)."""
    return FOOT_POSES[start], FOOT_POSES[target], FootScene
