"""Context pictures: the detailed right hand or foot in an everyday scene.

A hand holding a cup, resting on a keyboard, turning a key in a lock; a foot on a step, in a
shoe, on a car's pedal.  The limb is the same posed hand or foot as in the plain pictures
(geometry_hand.py, geometry_foot.py, in their own frames); the objects are plain solids with
their own colours (materials.py), and the left picture is still the exact mirror image of
the right one, objects and all.  Objects are placed from the posed limb itself (fingertips,
the sole), so they touch it where a real one would.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from gmi_trainer.stimuli import materials
from gmi_trainer.stimuli.raymarch import Scene, SurfaceAttributes
from gmi_trainer.stimuli.sdf import Ellipsoid, Points, RoundCone, Shape, rotation, smin, to_local


@dataclass
class Box(Shape):
    """A box with rounded edges: `half` sizes along the columns of `basis` around `centre`."""

    centre: np.ndarray
    half: np.ndarray
    rounding: float = 2.0
    basis: np.ndarray = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.centre = np.asarray(self.centre, float)
        self.half = np.asarray(self.half, float)
        if self.basis is None:
            self.basis = np.eye(3)

    def distance(self, p: Points) -> np.ndarray:
        x, y, z = to_local(p, self.centre, self.basis)
        r = np.float32(self.rounding)
        qx = np.abs(x) - np.float32(self.half[0]) + r
        qy = np.abs(y) - np.float32(self.half[1]) + r
        qz = np.abs(z) - np.float32(self.half[2]) + r
        outside = np.sqrt(np.maximum(qx, 0) ** 2 + np.maximum(qy, 0) ** 2 + np.maximum(qz, 0) ** 2)
        return outside + np.minimum(np.maximum(qx, np.maximum(qy, qz)), 0.0) - r

    def bound_points(self) -> np.ndarray:
        return self.centre[None, :]

    def bound_radius(self) -> float:
        return float(np.linalg.norm(self.half))


@dataclass
class Cylinder(Shape):
    """A capped cylinder along the unit `axis` from `base`, `length` long, with rounded rims."""

    base: np.ndarray
    axis: np.ndarray
    radius: float
    length: float
    rounding: float = 3.0
    hollow_mm: float = 0.0  # wall thickness of an open top (a cup); 0: solid

    def distance(self, p: Points) -> np.ndarray:
        a = np.asarray(self.axis, float)
        helper = np.array([1.0, 0.0, 0.0]) if abs(a[0]) < 0.9 else np.array([0.0, 1.0, 0.0])
        u = np.cross(a, helper)
        u /= np.linalg.norm(u)
        v = np.cross(a, u)
        x, y, h = to_local(p, np.asarray(self.base, float), np.stack([u, v, a], axis=1))
        radial = np.sqrt(x * x + y * y)
        r, rounding = np.float32(self.radius), np.float32(self.rounding)
        dr = radial - r + rounding
        dh = np.abs(h - np.float32(self.length / 2)) - np.float32(self.length / 2) + rounding
        solid = (np.minimum(np.maximum(dr, dh), 0.0)
                 + np.sqrt(np.maximum(dr, 0.0) ** 2 + np.maximum(dh, 0.0) ** 2) - rounding)
        if self.hollow_mm <= 0:
            return solid
        inner = np.maximum(radial - (r - np.float32(self.hollow_mm)),
                           np.float32(self.hollow_mm) - h)
        return np.maximum(solid, -inner)

    def bound_points(self) -> np.ndarray:
        b = np.asarray(self.base, float)
        return np.stack([b, b + np.asarray(self.axis, float) * self.length])

    def bound_radius(self) -> float:
        return self.radius + 2.0


class KeyRows(Shape):
    """Rows of keys on a keyboard's top face (z = top), repeated every 19 mm."""

    PITCH_MM = 19.0

    def __init__(self, centre: np.ndarray, half: np.ndarray, top_z: float) -> None:
        self.centre, self.half, self.top_z = np.asarray(centre, float), np.asarray(half, float), top_z

    def distance(self, p: Points) -> np.ndarray:
        x = p[0] - np.float32(self.centre[0])
        y = p[1] - np.float32(self.centre[1])
        pitch = np.float32(self.PITCH_MM)
        cx = x - pitch * np.round(x / pitch)
        cy = y - pitch * np.round(y / pitch)
        z = p[2] - np.float32(self.top_z + 3.5)
        key = Box(np.zeros(3), np.array([7.6, 7.6, 4.0]), 1.5)
        d = key.distance((cx, cy, z))
        # Only inside the keyboard's outline.
        outside = np.maximum(np.abs(x) - np.float32(self.half[0]), np.abs(y) - np.float32(self.half[1]))
        return np.maximum(d, outside)

    def bound_points(self) -> np.ndarray:
        return np.array([[self.centre[0], self.centre[1], self.top_z]])

    def bound_radius(self) -> float:
        return float(np.hypot(self.half[0], self.half[1])) + 10.0


class Dilated(Shape):
    """Another solid grown by `grow_mm` and cut above a sloping plane: a shoe round a foot."""

    def __init__(self, inner: Callable[[Points], np.ndarray], grow_mm: float,
                 cut_z: float, slope: float, bounds: tuple[np.ndarray, float]) -> None:
        self.inner, self.grow_mm, self.cut_z, self.slope = inner, grow_mm, cut_z, slope
        self._bounds = bounds

    def distance(self, p: Points) -> np.ndarray:
        top = p[2] - (np.float32(self.cut_z) + np.float32(self.slope) * p[1])
        return np.maximum(self.inner(p) - np.float32(self.grow_mm), top)

    def bound_points(self) -> np.ndarray:
        return self._bounds[0][None, :]

    def bound_radius(self) -> float:
        return self._bounds[1]


class ContextScene:
    """A limb scene with objects. Objects are not blended into the skin: they touch it."""

    def __init__(self, limb: Scene, objects: list[tuple[Shape, int]]) -> None:
        self.limb, self.objects = limb, objects

    def distance(self, p: Points) -> np.ndarray:
        d = self.limb.distance(p)
        for shape, _ in self.objects:
            d = np.minimum(d, shape.distance(p))
        return d

    def attributes(self, p: Points, normal: Points) -> SurfaceAttributes:
        base = self.limb.attributes(p, normal)
        limb_d = self.limb.distance(p)
        best = limb_d
        material = np.zeros_like(limb_d)
        for shape, code in self.objects:
            d = shape.distance(p)
            closer = d < best
            material = np.where(closer, np.float32(code), material)
            best = np.minimum(best, d)
        on_object = material > 0
        zero = np.zeros_like(limb_d)
        return SurfaceAttributes(
            dorsal=np.where(on_object, np.float32(1.0), base.dorsal),
            nail=np.where(on_object, zero, base.nail), crease=np.where(on_object, zero, base.crease),
            pad=np.where(on_object, zero, base.pad), material=material)

    def focus_points(self) -> tuple[np.ndarray, np.ndarray]:
        return self.limb.focus_points()

    def all_points(self) -> tuple[np.ndarray, np.ndarray]:
        pts, radii = self.limb.all_points()
        extra = [(bp, shape.bound_radius()) for shape, _ in self.objects for bp in shape.bound_points()]
        return (np.vstack([pts, np.array([e[0] for e in extra])]),
                np.concatenate([radii, [e[1] for e in extra]]))


# --- hands: frame of geometry_hand.py (+Y fingers, +Z back of the hand, +X little finger) --
def _hand(posture: str):  # type: ignore[no-untyped-def]
    from gmi_trainer.stimuli.geometry_hand import scene as hand_scene

    return hand_scene(posture)


def _tips(hand) -> np.ndarray:  # type: ignore[no-untyped-def]
    return np.array([hand._world(d.tip[None, :])[0] for d in hand.digits])


def holding_cup() -> ContextScene:
    """Fingers round a cup held upright, its rim towards the thumb side."""
    hand = _hand("holding_ball")
    tips = _tips(hand)
    # The cup's axis runs across the fingers; its near wall sits against the finger pads.
    centre_y = float(np.mean(tips[:4, 1])) - 18.0
    centre_z = float(np.min(tips[:4, 2])) - 4.0
    axis = np.array([-1.0, 0.0, 0.0])  # from the little finger's side up to the thumb's
    cup = Cylinder(np.array([75.0, centre_y, centre_z]), axis, 42.0, 105.0, 3.0, hollow_mm=4.0)
    return ContextScene(hand, [(cup, materials.CERAMIC)])


def on_keyboard() -> ContextScene:
    """The hand resting on a keyboard, fingertips on the keys."""
    hand = _hand("relaxed_curl")
    tips = _tips(hand)
    top = float(np.min(tips[:4, 2])) - 7.5
    centre = np.array([0.0, float(np.mean(tips[:4, 1])) - 20.0, top - 12.0])
    half = np.array([220.0, 80.0, 12.0])
    case = Box(centre, half + np.array([8.0, 8.0, 0.0]), 4.0)
    keys = KeyRows(centre, half, top)
    return ContextScene(hand, [(case, materials.PLASTIC_DARK), (keys, materials.PLASTIC_LIGHT)])


def turning_key() -> ContextScene:
    """A key held between thumb and index finger, its blade in a lock on a door."""
    hand = _hand("pinch")
    tips = _tips(hand)
    grip = (tips[0] + tips[4]) / 2.0  # between the index and the thumb tips
    # The key's bow lies in the plane of the thumb and index pads; the blade runs on towards
    # the door in front of the fingers.
    bow = Cylinder(grip - np.array([0.0, 12.0, 0.0]), np.array([0.0, 0.0, 1.0]), 14.0, 2.6, 1.0)
    bow.base = bow.base - np.array([0.0, 0.0, 1.3])
    blade_start = grip + np.array([0.0, 2.0, 0.0])
    door_y = float(max(tips[:, 1])) + 40.0
    blade = Box(np.array([grip[0], (blade_start[1] + door_y) / 2.0, grip[2]]),
                np.array([4.5, (door_y - blade_start[1]) / 2.0, 1.2]), 0.6)
    lock = Cylinder(np.array([grip[0], door_y - 12.0, grip[2]]), np.array([0.0, 1.0, 0.0]), 16.0, 14.0, 2.0)
    door = Box(np.array([0.0, door_y + 30.0, grip[2]]), np.array([260.0, 30.0, 260.0]), 3.0)
    return ContextScene(hand, [(bow, materials.BRASS), (blade, materials.BRASS),
                               (lock, materials.BRASS), (door, materials.PAINT)])


# --- feet: frame of geometry_foot.py (+Y toes, +Z up, +X outer side, floor at z = 0) --------
def _foot(posture: str):  # type: ignore[no-untyped-def]
    from gmi_trainer.stimuli.geometry_foot import scene as foot_scene

    return foot_scene(posture)


def on_step() -> ContextScene:
    """The foot on a wooden step, the front of the step under the ball of the foot."""
    foot = _foot("flat")
    tread = Box(np.array([0.0, 60.0, -40.0]), np.array([300.0, 140.0, 40.0]), 4.0)
    riser = Box(np.array([0.0, 190.0, -230.0]), np.array([300.0, 10.0, 170.0]), 3.0)
    return ContextScene(foot, [(tread, materials.WOOD), (riser, materials.WOOD)])


class _Shoe(ContextScene):
    """A shoe is the foot grown by its leather, so its shape carries the foot's cues: the
    straight inner edge, the big toe's bulge on the inner side, the outer side's curve."""


def in_shoe() -> ContextScene:
    foot = _foot("flat")

    # A toe box round the toes, its long side along the line of the toe tips (the big toe's
    # reaching furthest forwards, on the inner side).
    toe_box = Ellipsoid(np.array([-4.0, 160.0, 20.0]), np.array([52.0, 58.0, 26.0]),
                        rotation((0.0, 0.0, 1.0), -18.0))

    def foot_body(p: Points) -> np.ndarray:
        body, _, q = foot._parts(p)
        return smin(body, toe_box.distance(q) + np.float32(7.0), 24.0)

    upper = Dilated(foot_body, 7.0, 62.0, -0.12, (np.array([0.0, 50.0, 30.0]), 160.0))
    return _Shoe(foot, [(upper, materials.LEATHER), (_Sole(foot_body), materials.RUBBER)])


class _Sole(Shape):
    """A shoe's sole: the foot's outline just above the floor, grown by 10 mm, 14 mm thick."""

    def __init__(self, foot_body: Callable[[Points], np.ndarray]) -> None:
        self.foot_body = foot_body

    def distance(self, p: Points) -> np.ndarray:
        outline = self.foot_body((p[0], p[1], np.full_like(p[2], 12.0))) - np.float32(10.0)
        return np.maximum(outline, np.abs(p[2] + np.float32(5.0)) - np.float32(7.0))

    def bound_points(self) -> np.ndarray:
        return np.array([[0.0, 50.0, 0.0]])

    def bound_radius(self) -> float:
        return 170.0


def on_pedal() -> ContextScene:
    """The ball of the foot on a car's pedal, its arm running down and away under the toes."""
    foot = _foot("flat")
    pad = Box(np.array([-4.0, 122.0, -7.0]), np.array([42.0, 46.0, 6.0]), 3.0,
              rotation((1.0, 0.0, 0.0), 6.0))
    arm = RoundCone(np.array([-4.0, 150.0, -14.0]), np.array([-4.0, 250.0, -220.0]), 9.0, 9.0,
                    np.array([1.0, 0.0, 0.0]))
    return ContextScene(foot, [(pad, materials.RUBBER), (arm, materials.METAL)])


SCENES: dict[str, Callable[[], ContextScene]] = {
    "holding_cup": holding_cup,
    "on_keyboard": on_keyboard,
    "turning_key": turning_key,
    "on_step": on_step,
    "in_shoe": in_shoe,
    "on_pedal": on_pedal,
}


def scene(posture: str) -> ContextScene:
    """A context picture's scene; the body-part table names this for the scene postures."""
    return SCENES[posture]()
