"""Fingers, thumbs and toes: chains of tapered segments with a nail, bent at their joints.

A digit's local frame has columns (lateral, axial, dorsal); flexion turns the axial direction
towards the palm or sole side, abduction turns it about the dorsal axis.  Hands and feet
share this so that a toe is built, nailed and creased exactly like a finger.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gmi_trainer.stimuli.sdf import Points, RoundCone, rotation, smin


@dataclass(frozen=True)
class DigitAnatomy:
    name: str
    base: tuple[float, float, float]  # MCP joint centre (CMC for the thumb)
    lengths_mm: tuple[float, float, float]
    radius_mm: float  # half the width at the base of the digit
    flat: float  # thickness / width


JOINT_K_STRAIGHT = 2.0
JOINT_K_PER_DEG = 0.07


def joint_blend(flexions_deg: tuple[float, ...]) -> tuple[float, ...]:
    """Blend widths for the joints between segments, given those joints' flexion."""
    return tuple(JOINT_K_STRAIGHT + JOINT_K_PER_DEG * max(f, 0.0) for f in flexions_deg)


def flex_matrix(angle_deg: float) -> np.ndarray:
    """Local rotation that bends the axial direction towards the palm side."""
    return rotation((1.0, 0.0, 0.0), -angle_deg)


def abduct_matrix(angle_deg: float) -> np.ndarray:
    """Local rotation that swings the axial direction towards the radial side."""
    return rotation((0.0, 0.0, 1.0), angle_deg)


@dataclass
class Digit:
    """One finger or the thumb: three tapered segments, a nail, and where it blends into the palm."""

    name: str
    segments: list[RoundCone]
    nail_footprint: tuple[float, float, float, float]  # lateral half-width, axial from, axial to, dorsal from
    blend_centre: np.ndarray
    blend_radius: float
    blend_k: float
    # Smoothing where each segment meets the next.  A bent joint's skin bunches up on the palm
    # side and fills the inside of the angle, so the more a joint is flexed the wider the blend.
    joint_k: tuple[float, ...] = ()

    @property
    def tip(self) -> np.ndarray:
        last = self.segments[-1]
        return last.end

    @property
    def tip_radius(self) -> float:
        return self.segments[-1].r_end

    def finger_distance(self, p: Points) -> np.ndarray:
        d = self.segments[0].distance(p)
        for i, seg in enumerate(self.segments[1:]):
            k = self.joint_k[i] if i < len(self.joint_k) else JOINT_K_STRAIGHT
            d = smin(d, seg.distance(p), k)
        return d

    def nail_distance(self, p: Points) -> np.ndarray:
        """The nail: the last segment's skin lifted 0.5 mm inside an oval on its back."""
        seg = self.segments[-1]
        x, y, z = seg.local(p)
        lifted = seg.distance_local(x, y, z) - 0.5
        half_w, y0, y1, z0 = self.nail_footprint
        half_len = (y1 - y0) / 2.0
        yc = (y0 + y1) / 2.0
        u = x / np.float32(half_w)
        v = (y - np.float32(yc)) / np.float32(half_len)
        # A rounded-rectangle outline: square towards the free edge, U-shaped at the cuticle.
        v = np.where(v > 0, v * 0.6, v)
        oval = (np.sqrt(u * u * u * u + v * v * v * v) ** 0.5 - 1.0) * np.float32(min(half_w, half_len))
        return np.maximum(np.maximum(lifted, oval), np.float32(z0) - z)

    def distance(self, p: Points) -> np.ndarray:
        return np.minimum(self.finger_distance(p), self.nail_distance(p))


def chain(
    anat: DigitAnatomy, basis0: np.ndarray, flexions: tuple[float, ...], taper: tuple[float, ...]
) -> list[RoundCone]:
    """Tapered segments from the digit's base, each bent by its joint's flexion; the last ends at the tip."""
    basis = basis0
    pos = np.asarray(anat.base, dtype=np.float64)
    radii = [anat.radius_mm * f for f in taper]
    segments = []
    last = len(anat.lengths_mm) - 1
    for i, (length, flex) in enumerate(zip(anat.lengths_mm, flexions)):
        basis = basis @ flex_matrix(flex)
        axial, dorsal = basis[:, 1], basis[:, 2]
        seg_len = length - radii[i + 1] if i == last else length
        end = pos + axial * seg_len
        segments.append(RoundCone(pos, end, radii[i], radii[i + 1], dorsal, anat.flat))
        pos = pos + axial * length
    return segments


def nail_for(segments: list[RoundCone], length_mm: float, radius_mm: float) -> tuple[float, float, float, float]:
    seg = segments[-1]
    return (0.8 * radius_mm, 0.36 * length_mm, seg.length + seg.r_end * 1.1, 0.05 * radius_mm)


def polyline_distance(x: np.ndarray, y: np.ndarray, line: np.ndarray) -> np.ndarray:
    best = np.full(x.shape, np.inf, dtype=np.float32)
    for (ax, ay), (bx, by) in zip(line[:-1], line[1:]):
        ex, ey = bx - ax, by - ay
        t = np.clip(((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey), 0.0, 1.0)
        dx = x - ax - t * ex
        dy = y - ay - t * ey
        best = np.minimum(best, np.sqrt(dx * dx + dy * dy))
    return best


def line_mark(distance: np.ndarray, width_mm: float) -> np.ndarray:
    """1 on a line, fading over about width_mm: how skin folds are drawn."""
    return np.exp(-((distance / np.float32(width_mm)) ** 2))
