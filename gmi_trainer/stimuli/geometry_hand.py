"""A right hand (and a bit of forearm) as a signed-distance scene, posed by joint angles.

Hand frame, millimetres: origin at the middle of the wrist crease, +Y towards the fingertips,
+Z out of the back of the hand, +X towards the little finger.  Proportions follow published
adult hand anthropometry: hand length about 19 cm with the palm about 55% of it, the phalanx
lengths below, knuckles (MCP joints) on a gentle arc with the little finger's lowest, a thumb
that leaves a fleshy thenar base near the wrist turned about 80 degrees, and flexion within
the joints' limits.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from gmi_trainer.stimuli.digits import (
    Digit,
    DigitAnatomy,
    abduct_matrix,
    chain,
    joint_blend,
    line_mark,
    nail_for,
    polyline_distance,
)
from gmi_trainer.stimuli.raymarch import SurfaceAttributes
from gmi_trainer.stimuli.sdf import (
    Ellipsoid,
    Points,
    RoundCone,
    Shape,
    Slab,
    Web,
    frame_from,
    rotation,
    smin,
    to_local,
    unit,
)

# Flexion limits (degrees): MCP about 90, PIP about 100-110, DIP about 80-90; fingers do
# not bend backwards much. Postures are checked against them: a posture outside them looks
# wrong and slows a patient down for the wrong reason.
MCP_LIMITS = (-20.0, 90.0)
PIP_LIMITS = (-5.0, 110.0)
DIP_LIMITS = (-10.0, 90.0)


# Bases sit on a gentle arc; the little finger's knuckle is lowest.
FINGERS: tuple[DigitAnatomy, ...] = (
    DigitAnatomy("index", (-24.0, 97.0, 0.0), (40.0, 22.0, 16.0), 9.2, 0.86),
    DigitAnatomy("middle", (-4.5, 102.0, 0.0), (45.0, 26.0, 17.0), 9.5, 0.86),
    DigitAnatomy("ring", (14.0, 98.0, 0.0), (41.0, 26.0, 17.0), 9.0, 0.86),
    DigitAnatomy("little", (30.0, 88.0, -1.0), (33.0, 18.0, 16.0), 7.9, 0.86),
)
THUMB = DigitAnatomy("thumb", (-19.0, 20.0, -9.0), (46.0, 32.0, 22.0), 10.5, 0.82)
# Width along a digit, as fractions of its base radius: base, PIP, DIP, tip.
FINGER_TAPER = (1.0, 0.92, 0.84, 0.76)
THUMB_TAPER = (1.08, 1.0, 0.93, 0.8)


@dataclass(frozen=True)
class FingerPose:
    abduction_deg: float  # positive turns the finger towards the thumb
    mcp_deg: float
    pip_deg: float
    dip_deg: float


@dataclass(frozen=True)
class ThumbPose:
    radial_deg: float  # metacarpal swung away from the index in the palm plane
    palmar_deg: float  # metacarpal lifted out of the palm plane, towards the palm side
    roll_deg: float  # turn about its own axis: ~80 puts the nail sideways
    mcp_deg: float
    ip_deg: float


@dataclass(frozen=True)
class HandPose:
    fingers: tuple[FingerPose, FingerPose, FingerPose, FingerPose]  # index, middle, ring, little
    thumb: ThumbPose
    roll_deg: float = 0.0  # whole hand and forearm turned about the forearm's axis
    thumb_touches: ThumbTarget | None = None  # where the thumb tip must rest, solved when posed
    # How softly touching digits merge (mm). The curled fingers of a fist lie side by side
    # along their whole length: with the usual 1.5 mm they fused into one mitten-like block,
    # so the fist family keeps a visible groove between them.
    digit_contact_mm: float = 1.5


@dataclass(frozen=True)
class ThumbTarget:
    """A place on a finger for the thumb tip: its tip pad ("tip") or the back of a segment ("dorsal")."""

    finger: str
    segment: int = 2
    along: float = 1.0
    side: str = "tip"


FIST_CONTACT_MM = 0.4


def _fist(index: FingerPose | None = None, middle: FingerPose | None = None) -> tuple[FingerPose, ...]:
    # Curled fingers converge a little towards the base of the thumb; each stays a round
    # finger of its own (a fist is four fingers side by side, not a mitten).
    curled = (
        FingerPose(-1, 86, 100, 70),
        FingerPose(1, 86, 102, 70),
        FingerPose(3, 86, 102, 70),
        FingerPose(5, 86, 100, 70),
    )
    return (index or curled[0], middle or curled[1], curled[2], curled[3])


HAND_POSES: dict[str, HandPose] = {
    "flat": HandPose(
        (FingerPose(5, 3, 4, 3), FingerPose(0, 3, 4, 3), FingerPose(-4, 3, 4, 3), FingerPose(-10, 3, 4, 3)),
        ThumbPose(38, 14, 80, 6, 6),
    ),
    # The thumb wraps over the curled index finger's middle segment, seen beside the fist
    # from the back and across it from the thumb side.
    "fist": HandPose(_fist(), ThumbPose(20, 35, 100, 30, 25),  # type: ignore[arg-type]
                     thumb_touches=ThumbTarget("index", 1, 0.6, "dorsal"), digit_contact_mm=FIST_CONTACT_MM),
    "pointing": HandPose(
        _fist(index=FingerPose(2, 0, 2, 2)),  # type: ignore[arg-type]
        ThumbPose(15, 40, 100, 30, 25),
        thumb_touches=ThumbTarget("middle", 1, 0.45, "dorsal"),
        digit_contact_mm=FIST_CONTACT_MM,
    ),
    # The index bends round to the thumb, so the two make a ring that shows from the thumb
    # side. With the index nearly straight (40/45/18 degrees) the ring was hidden there and
    # MediaPipe named the wrong hand for 21 of 64 side views, nearly all tan and dark ones.
    "pinch": HandPose(
        (FingerPose(2, 50, 60, 30), FingerPose(0, 30, 50, 30), FingerPose(-3, 35, 55, 30), FingerPose(-6, 40, 55, 30)),
        ThumbPose(30, 40, 110, 10, 10),
        thumb_touches=ThumbTarget("index"),
    ),
    # Thumbs up: the thumb sticks out from the fist's radial side, away from the fingers.
    "thumb_up": HandPose(_fist(), ThumbPose(55, 8, 78, -5, -10), digit_contact_mm=FIST_CONTACT_MM),  # type: ignore[arg-type]
    "ok_sign": HandPose(
        (FingerPose(2, 40, 60, 30), FingerPose(-2, 8, 8, 5), FingerPose(-8, 10, 10, 5), FingerPose(-16, 14, 12, 6)),
        ThumbPose(30, 40, 110, 10, 10),
        thumb_touches=ThumbTarget("index"),
    ),
    "spread": HandPose(
        (FingerPose(14, 0, 0, 0), FingerPose(1, 0, 0, 0), FingerPose(-13, 0, 0, 0), FingerPose(-28, 0, 0, 0)),
        ThumbPose(62, 8, 75, 0, 0),
    ),
    "claw": HandPose(
        (FingerPose(10, 15, 80, 55), FingerPose(0, 15, 85, 55), FingerPose(-10, 15, 85, 55), FingerPose(-20, 15, 80, 55)),
        ThumbPose(50, 30, 95, 15, 40),
    ),
    # The ring and little fingers folded less tightly than in a fist, held down by the thumb
    # across the little finger. Folded into a fist with the thumb on the ring finger, seen
    # from the palm they were two dark knobs beside the thumb: MediaPipe found 25 of 64 palm
    # views (none of the dark ones).
    "two_fingers": HandPose(
        (FingerPose(12, 0, 2, 2), FingerPose(-8, 0, 2, 2), FingerPose(3, 55, 80, 40), FingerPose(5, 60, 85, 45)),
        ThumbPose(15, 40, 100, 30, 25),
        thumb_touches=ThumbTarget("little", 1, 0.5, "dorsal"),
        digit_contact_mm=FIST_CONTACT_MM,
    ),
    "relaxed_curl": HandPose(
        (FingerPose(3, 20, 30, 15), FingerPose(0, 28, 38, 20), FingerPose(-4, 35, 45, 22), FingerPose(-9, 42, 50, 25)),
        ThumbPose(30, 25, 90, 15, 15),
    ),
    "holding_ball": HandPose(
        (FingerPose(10, 35, 35, 20), FingerPose(1, 35, 35, 20), FingerPose(-9, 35, 35, 20), FingerPose(-19, 35, 35, 20)),
        ThumbPose(42, 45, 105, 10, 15),
    ),
    # Turned 75 degrees about the forearm: nearly edge-on from the back and from the palm,
    # and a three-quarter palm view from the thumb side.
    "edge_on": HandPose(
        (FingerPose(2, 2, 3, 2), FingerPose(0, 2, 3, 2), FingerPose(-2, 2, 3, 2), FingerPose(-5, 2, 3, 2)),
        ThumbPose(22, 18, 80, 5, 5),
        roll_deg=75.0,
    ),
}


def finger(anat: DigitAnatomy, pose: FingerPose) -> Digit:
    for value, (lo, hi) in ((pose.mcp_deg, MCP_LIMITS), (pose.pip_deg, PIP_LIMITS), (pose.dip_deg, DIP_LIMITS)):
        if not lo <= value <= hi:
            raise ValueError(f"{anat.name}: joint angle {value} outside {lo}..{hi}")
    basis0 = abduct_matrix(pose.abduction_deg)
    segments = chain(anat, basis0, (pose.mcp_deg, pose.pip_deg, pose.dip_deg), FINGER_TAPER)
    r_dist = anat.radius_mm * FINGER_TAPER[2]
    return Digit(
        anat.name,
        segments,
        nail_for(segments, anat.lengths_mm[2], r_dist),
        np.asarray(anat.base, dtype=np.float64),
        22.0,
        7.0,
        joint_blend((pose.pip_deg, pose.dip_deg)),
    )


def thumb(pose: ThumbPose) -> Digit:
    a = np.radians(pose.radial_deg)
    b = np.radians(pose.palmar_deg)
    axial = np.array([-np.sin(a) * np.cos(b), np.cos(a) * np.cos(b), -np.sin(b)])
    d0 = frame_from(axial, np.array([0.0, 0.0, 1.0]))[:, 2]
    radial = -np.cross(axial, d0)
    g = np.radians(pose.roll_deg)
    dorsal = np.cos(g) * d0 + np.sin(g) * radial
    basis0 = frame_from(axial, dorsal)
    segments = chain(THUMB, basis0, (0.0, pose.mcp_deg, pose.ip_deg), THUMB_TAPER)
    r_dist = THUMB.radius_mm * THUMB_TAPER[2]
    meta = segments[0]
    return Digit(
        "thumb",
        segments,
        nail_for(segments, THUMB.lengths_mm[2], r_dist),
        (meta.start + meta.end) / 2.0,
        40.0,
        20.0,  # the metacarpal sinks into the thenar flesh, with no ridge where it leaves it
        joint_blend((pose.mcp_deg, pose.ip_deg)),
    )


def _thumb_goal(target: ThumbTarget, fingers: list[Digit]) -> tuple[np.ndarray, float]:
    """The point the thumb tip's centre should reach, and how far from it it may stay."""
    digit = next(f for f in fingers if f.name == target.finger)
    seg = digit.segments[target.segment]
    if target.side == "tip":
        # Pads meet: aim a little to the palm side of the finger tip.
        return digit.tip - seg.basis[:, 2] * digit.tip_radius * 0.5, 0.9
    point = seg.start + (seg.end - seg.start) * target.along
    r = seg.r_start + (seg.r_end - seg.r_start) * target.along
    return point + seg.basis[:, 2] * r * seg.flat, 0.85


def _thumb_tip_gap(pose: ThumbPose, goal: np.ndarray, reach: float, fingers: list[Digit]) -> float:
    """Squared miss of the thumb tip, plus how deep the thumb would sink into the fingers."""
    t = thumb(pose)
    gap = float(np.linalg.norm(t.tip - goal)) - t.tip_radius * reach
    samples = []
    radii = []
    for seg in t.segments[1:]:
        for f in (0.0, 0.35, 0.7, 1.0):
            samples.append(seg.start + (seg.end - seg.start) * f)
            radii.append(seg.r_start + (seg.r_end - seg.r_start) * f)
    pts = np.asarray(samples, dtype=np.float32)
    p = (pts[:, 0], pts[:, 1], pts[:, 2])
    inside = np.min([f.finger_distance(p) for f in fingers], axis=0)
    sink = np.maximum(np.asarray(radii, dtype=np.float32) * 0.85 - inside, 0.0)
    return gap * gap + float(np.sum(sink * sink))


def solve_thumb_contact(pose: ThumbPose, goal: np.ndarray, reach: float, fingers: list[Digit]) -> ThumbPose:
    """Adjust the thumb's angles (coordinate descent, deterministic) until its tip rests on `goal`."""
    names = ("radial_deg", "palmar_deg", "roll_deg", "mcp_deg", "ip_deg")
    limits = {"radial_deg": (0, 70), "palmar_deg": (0, 70), "roll_deg": (60, 140), "mcp_deg": (0, 60), "ip_deg": (-10, 80)}
    best = pose
    best_cost = _thumb_tip_gap(best, goal, reach, fingers)
    step = 8.0
    while step > 0.2:
        improved = False
        for name in names:
            for sign in (1.0, -1.0):
                value = getattr(best, name) + sign * step
                lo, hi = limits[name]
                if not lo <= value <= hi:
                    continue
                trial = replace(best, **{name: value})
                cost = _thumb_tip_gap(trial, goal, reach, fingers)
                if cost < best_cost - 1e-9:
                    best, best_cost, improved = trial, cost, True
        if not improved:
            step /= 2.0
    return best


def _palm_shapes() -> tuple[list[tuple[Shape, float]], RoundCone]:
    polygon = np.array(
        [(-14, 6), (18, 6), (27, 45), (28, 78), (14, 90), (-5, 95), (-24, 90), (-29, 79), (-23, 40)], dtype=np.float64
    )
    slab = Slab(np.array([0.0, 0.0, -1.5]), np.eye(3), polygon, 3.0, 10.6, thickness_slope=-0.018)
    thenar_axis = unit((-np.sin(np.radians(28)), np.cos(np.radians(28)), 0.0))
    thenar = Ellipsoid(np.array([-19.0, 36.0, -9.0]), np.array([15.0, 27.0, 12.0]), frame_from(thenar_axis, np.array([0, 0, 1.0])))
    hypothenar = Ellipsoid(np.array([22.0, 42.0, -8.0]), np.array([10.0, 30.0, 9.0]))
    pads = Ellipsoid(np.array([2.0, 84.0, -8.0]), np.array([29.0, 9.0, 7.0]))
    styloid = Ellipsoid(np.array([25.0, -4.0, 6.0]), np.array([6.0, 6.0, 5.0]))
    shapes: list[tuple[Shape, float]] = [(slab, 0.0), (thenar, 8.0), (hypothenar, 8.0), (pads, 6.0), (styloid, 6.0)]
    for anat in FINGERS:
        base = np.asarray(anat.base)
        knuckle = Ellipsoid(base + np.array([0.0, -4.0, 2.5]), np.array([anat.radius_mm * 0.9, anat.radius_mm, anat.radius_mm * 0.85]))
        shapes.append((knuckle, 4.0))
    for anat in FINGERS:
        base = np.asarray(anat.base)
        start = np.array([base[0] * 0.35, 8.0, 7.0])
        tendon = RoundCone(start, base + np.array([0.0, -9.0, 7.0]), 2.4, 2.6, np.array([0, 0, 1.0]), 0.8)
        shapes.append((tendon, 5.0))
    forearm = RoundCone(np.array([1.0, 6.0, -1.5]), np.array([6.0, -300.0, -3.0]), 27.0, 37.0, np.array([0, 0, 1.0]), 0.72)
    return shapes, forearm


WEB_BLEND_MM = 7.0
WEB_SAG = 0.35  # how far the middle of the web's free edge falls back towards its base


def thumb_web(thumb_digit: Digit, index: Digit) -> Web:
    """The first web space: flesh from the thumb's metacarpal and proximal phalanx to the index base.

    Its free edge sags towards the wrist in the middle, as a real web's does when the thumb
    is spread, instead of running straight from thumb to index like a duck's foot.
    """
    meta, proximal = thumb_digit.segments[0], thumb_digit.segments[1]
    first = index.segments[0]
    a = meta.start + (meta.end - meta.start) * 0.45
    b = proximal.start + (proximal.end - proximal.start) * 0.3
    c = first.start + (first.end - first.start) * 0.2
    sag = (b + c) / 2.0 + (a - (b + c) / 2.0) * WEB_SAG
    return Web(a, np.stack([b, sag, c]), 7.0, 2.5)


# Palm creases, as polylines in the hand frame's (X, Y) plane, seen on the palm side.
PALM_CREASES: tuple[np.ndarray, ...] = (
    np.array([(37, 70), (22, 73), (8, 78), (-6, 85), (-14, 92)], dtype=np.float64),  # distal transverse
    np.array([(-33, 80), (-20, 75), (-5, 70), (10, 64), (24, 58)], dtype=np.float64),  # proximal transverse
    np.array([(-32, 79), (-22, 66), (-15, 52), (-11, 38), (-8, 22), (-6, 10)], dtype=np.float64),  # thenar
    np.array([(-24, 3), (0, 1), (24, 3)], dtype=np.float64),  # wrist
    np.array([(-22, -8), (0, -9), (22, -8)], dtype=np.float64),  # wrist
)


class HandScene:
    """The posed right hand; `roll` turns the whole limb about the forearm axis."""

    def __init__(self, pose: HandPose) -> None:
        self.pose = pose
        self.fingers = [finger(anat, fp) for anat, fp in zip(FINGERS, pose.fingers)]
        thumb_pose = pose.thumb
        if pose.thumb_touches is not None:
            goal, reach = _thumb_goal(pose.thumb_touches, self.fingers)
            thumb_pose = solve_thumb_contact(thumb_pose, goal, reach, self.fingers)
        self.thumb_pose = thumb_pose
        self.digits = [*self.fingers, thumb(thumb_pose)]
        self.palm_shapes, self.forearm = _palm_shapes()
        self.web = thumb_web(self.digits[-1], self.fingers[0])
        self.roll = rotation((0.0, 1.0, 0.0), pose.roll_deg)

    # --- geometry -----------------------------------------------------------------------
    def _to_hand(self, p: Points) -> Points:
        return to_local(p, np.zeros(3), self.roll)

    def _palm(self, p: Points) -> np.ndarray:
        d = None
        for shape, k in self.palm_shapes:
            ds = shape.distance(p)
            d = ds if d is None else smin(d, ds, k)
        assert d is not None
        d = smin(d, self.web.distance(p), WEB_BLEND_MM)
        return smin(d, self.forearm.distance(p), 22.0)

    def _blend_k(self, p: Points, digit: Digit) -> np.ndarray:
        c = digit.blend_centre
        r2 = ((p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2 + (p[2] - c[2]) ** 2) / np.float32(digit.blend_radius**2)
        w = np.clip(1.0 - r2, 0.0, 1.0)
        return np.float32(digit.blend_k) * w * w

    def _distance_hand(self, p: Points) -> np.ndarray:
        palm = self._palm(p)
        d = None
        for digit in self.digits:
            joined = smin(palm, digit.distance(p), self._blend_k(p, digit))
            # Digits that touch press together a little rather than meeting in a hard line.
            d = joined if d is None else smin(d, joined, self.pose.digit_contact_mm)
        assert d is not None
        return d

    def distance(self, p: Points) -> np.ndarray:
        return self._distance_hand(self._to_hand(p))

    # --- surface ------------------------------------------------------------------------
    def attributes(self, p: Points, normal: Points) -> SurfaceAttributes:
        q = self._to_hand(p)
        n = to_local(normal, np.zeros(3), self.roll)
        palm = self._palm(q)
        # Dorsal direction: a blend of the nearby parts' own "back" directions.
        # Falloffs of a few millimetres: the border between palm and back skin is soft,
        # not a line where one part's influence ends.
        w_palm = np.exp(-np.maximum(palm, 0.0) / 4.0)
        dx = np.zeros_like(palm)
        dy = np.zeros_like(palm)
        dz = w_palm.copy()
        wsum = w_palm.copy()
        nail = np.zeros_like(palm)
        crease = np.zeros_like(palm)
        nearest_digit = np.full(palm.shape, np.inf, dtype=np.float32)
        for digit in self.digits:
            for i, seg in enumerate(digit.segments):
                x, y, z = seg.local(q)
                ds = seg.distance_local(x, y, z)
                w = np.exp(-np.maximum(ds, 0.0) / 4.0)
                b = seg.basis[:, 2]
                dx += w * np.float32(b[0])
                dy += w * np.float32(b[1])
                dz += w * np.float32(b[2])
                wsum += w
                nearest_digit = np.minimum(nearest_digit, ds)
                # Only on this segment's own skin: the crease lines are defined across the joint's
                # whole plane, which would otherwise mark the wrist wherever that plane cuts it.
                near = np.clip(1.0 - np.maximum(ds, 0.0) / 3.0, 0.0, 1.0)
                crease = np.maximum(crease, near * self._digit_creases(digit, i, x, y, z, seg))
            dn = digit.nail_distance(q)
            df = digit.finger_distance(q)
            nail = np.maximum(nail, np.clip((df - dn) / 0.25, 0.0, 1.0) * (dn < 0.3))
        dorsal = (dx * n[0] + dy * n[1] + dz * n[2]) / np.sqrt(dx * dx + dy * dy + dz * dz + 1e-9)
        on_palm = np.clip((nearest_digit - palm) / 2.0, 0.0, 1.0) * np.clip((-4.0 - q[2]) / 4.0, 0.0, 1.0)
        palm_lines = np.zeros_like(palm)
        for k, line in enumerate(PALM_CREASES):
            width = 1.1 if k < 3 else 0.8
            palm_lines = np.maximum(palm_lines, line_mark(polyline_distance(q[0], q[1], line), width))
        crease = np.maximum(crease, on_palm * palm_lines * np.clip(-n[2], 0.0, 1.0))
        pad = on_palm * np.clip(-n[2], 0.0, 1.0)
        return SurfaceAttributes(dorsal=dorsal, nail=nail, crease=crease * (1.0 - nail), pad=pad)

    def _digit_creases(
        self, digit: Digit, index: int, x: np.ndarray, y: np.ndarray, z: np.ndarray, seg: RoundCone
    ) -> np.ndarray:
        """Flexion creases across the palm side at the joints, faint wrinkles over the back of them."""
        r = np.float32(seg.r_start)
        across = np.clip(1.0 - (x / (r * 1.05)) ** 2, 0.0, 1.0)
        palmar = np.clip(-z / (r * np.float32(seg.flat)) * 1.5, 0.0, 1.0) * across
        dorsal = np.clip(z / (r * np.float32(seg.flat)) * 1.5, 0.0, 1.0) * across
        out = np.zeros_like(x)
        if digit.name == "thumb":
            if index == 2:
                out = np.maximum(out, palmar * line_mark(y - 1.0, 0.9))
                out = np.maximum(out, dorsal * 0.45 * line_mark(y + 1.0, 1.4))
            if index == 1:
                out = np.maximum(out, palmar * line_mark(y - 1.5, 0.9))
            return out
        if index == 0:
            out = np.maximum(out, palmar * line_mark(y - 13.0, 1.0))  # palmar digital crease at the web
        else:
            out = np.maximum(out, palmar * line_mark(y - 1.0, 0.8))
            out = np.maximum(out, palmar * 0.8 * line_mark(y + 1.8, 0.7))
            lines = line_mark(y + 1.5, 0.7) + line_mark(y - 1.5, 0.7) * 0.8 + line_mark(y + 4.0, 0.7) * 0.6
            out = np.maximum(out, dorsal * (0.3 if index == 1 else 0.18) * np.clip(lines, 0.0, 1.0))
        return out

    # --- framing ------------------------------------------------------------------------
    def _world(self, pts: np.ndarray) -> np.ndarray:
        return pts @ self.roll.T

    def focus_points(self) -> tuple[np.ndarray, np.ndarray]:
        pts: list[np.ndarray] = []
        radii: list[float] = []
        for shape, _ in self.palm_shapes:
            for bp in shape.bound_points():
                pts.append(bp)
                radii.append(shape.bound_radius())
        for digit in self.digits:
            for seg in digit.segments:
                for bp in seg.bound_points():
                    pts.append(bp)
                    radii.append(seg.bound_radius())
        return self._world(np.array(pts)), np.array(radii)

    def all_points(self) -> tuple[np.ndarray, np.ndarray]:
        pts, radii = self.focus_points()
        extra = self._world(self.forearm.bound_points())
        return np.vstack([pts, extra]), np.concatenate([radii, [self.forearm.bound_radius()] * 2])


def scene(posture: str) -> HandScene:
    """The right hand in a posture; the body-part table names this as the hand's scene."""
    return HandScene(HAND_POSES[posture])


def demo_poses(start: str, target: str) -> tuple[HandPose, HandPose, type[HandScene]]:
    """Two postures as poses to interpolate for a demonstration (stimuli/motion.py), and what
    makes a scene of a pose. The thumb's contact with a finger is solved for each still
    posture; the movement interpolates the solved angles."""

    def solved(name: str) -> HandPose:
        pose = HAND_POSES[name]
        return replace(pose, thumb=HandScene(pose).thumb_pose, thumb_touches=None)

    return solved(start), solved(target), HandScene
