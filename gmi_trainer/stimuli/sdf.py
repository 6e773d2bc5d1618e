"""Signed-distance primitives evaluated on many points at once (numpy, millimetres).

Points travel as three float32 arrays (x, y, z) rather than an (N, 3) array: every primitive
works coordinate by coordinate, and separate arrays avoid strided copies in the hot loop of
the ray marcher.  Flattened and ellipsoidal shapes are not exact distances; the marcher
takes shortened steps to stay safe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

Points = tuple[np.ndarray, np.ndarray, np.ndarray]
Vec = np.ndarray


def unit(v: Sequence[float] | np.ndarray) -> np.ndarray:
    a = np.asarray(v, dtype=np.float64)
    return a / np.linalg.norm(a)


def rotation(axis: Sequence[float] | np.ndarray, angle_deg: float) -> np.ndarray:
    """Rotation matrix about `axis` (right-hand rule) by `angle_deg` (Rodrigues)."""
    k = unit(axis)
    a = np.radians(angle_deg)
    kx = np.array([[0.0, -k[2], k[1]], [k[2], 0.0, -k[0]], [-k[1], k[0], 0.0]])
    return np.eye(3) + np.sin(a) * kx + (1.0 - np.cos(a)) * (kx @ kx)


def frame_from(axial: np.ndarray, dorsal_hint: np.ndarray) -> np.ndarray:
    """Orthonormal basis, columns (lateral, axial, dorsal), with dorsal as close to the hint as possible."""
    a = unit(axial)
    d = np.asarray(dorsal_hint, dtype=np.float64) - a * float(np.dot(dorsal_hint, a))
    d = d / np.linalg.norm(d)
    lateral = np.cross(a, d)
    return np.stack([lateral, a, d], axis=1)


def to_local(p: Points, origin: np.ndarray, basis: np.ndarray) -> Points:
    """Coordinates of points in a frame whose columns are its axes."""
    dx = p[0] - np.float32(origin[0])
    dy = p[1] - np.float32(origin[1])
    dz = p[2] - np.float32(origin[2])
    b = basis.astype(np.float32)
    return (
        dx * b[0, 0] + dy * b[1, 0] + dz * b[2, 0],
        dx * b[0, 1] + dy * b[1, 1] + dz * b[2, 1],
        dx * b[0, 2] + dy * b[1, 2] + dz * b[2, 2],
    )


def smin(a: np.ndarray, b: np.ndarray, k: float | np.ndarray) -> np.ndarray:
    """Polynomial smooth minimum: joins two shapes with a fillet of size about k."""
    if np.isscalar(k):
        if k <= 0:
            return np.minimum(a, b)
        h = np.maximum(k - np.abs(a - b), 0.0) / k
        return np.minimum(a, b) - h * h * (k * 0.25)
    kk = np.maximum(k, 1e-3)
    h = np.maximum(kk - np.abs(a - b), 0.0) / kk
    return np.minimum(a, b) - h * h * kk * 0.25


class Shape:
    """A solid with a distance function and rough bounds (for framing the camera)."""

    def distance(self, p: Points) -> np.ndarray:
        raise NotImplementedError

    def bound_points(self) -> np.ndarray:
        """A few points whose hull, grown by bound_radius, contains the shape."""
        raise NotImplementedError

    def bound_radius(self) -> float:
        raise NotImplementedError


@dataclass
class RoundCone(Shape):
    """A tapered limb segment: spheres of radius r_start and r_end joined by a cone.

    `flat` < 1 squashes the cross-section along the dorsal axis: fingers and toes are wider
    than they are thick.
    """

    start: np.ndarray
    end: np.ndarray
    r_start: float
    r_end: float
    dorsal_hint: np.ndarray
    flat: float = 1.0
    basis: np.ndarray = field(init=False)
    length: float = field(init=False)

    def __post_init__(self) -> None:
        self.start = np.asarray(self.start, dtype=np.float64)
        self.end = np.asarray(self.end, dtype=np.float64)
        self.length = float(np.linalg.norm(self.end - self.start))
        self.basis = frame_from(self.end - self.start, np.asarray(self.dorsal_hint, dtype=np.float64))

    def local(self, p: Points) -> Points:
        return to_local(p, self.start, self.basis)

    def distance(self, p: Points) -> np.ndarray:
        x, y, z = self.local(p)
        return self.distance_local(x, y, z)

    def distance_local(self, x: np.ndarray, y: np.ndarray, z: np.ndarray) -> np.ndarray:
        r1, r2, h = self.r_start, self.r_end, self.length
        qx = np.sqrt(x * x + (z * np.float32(1.0 / self.flat)) ** 2)
        b = (r1 - r2) / h
        a = np.sqrt(max(1.0 - b * b, 1e-6))
        k = -b * qx + a * y
        side = qx * a + y * b - r1
        near_start = np.sqrt(qx * qx + y * y) - r1
        near_end = np.sqrt(qx * qx + (y - h) ** 2) - r2
        d = np.where(k < 0.0, near_start, np.where(k > a * h, near_end, side))
        return d * np.float32(self.flat) if self.flat < 1.0 else d

    def bound_points(self) -> np.ndarray:
        return np.stack([self.start, self.end])

    def bound_radius(self) -> float:
        return max(self.r_start, self.r_end)


@dataclass
class Ellipsoid(Shape):
    """An ellipsoid with semi-axes `radii` along the columns of `basis`."""

    center: np.ndarray
    radii: np.ndarray
    basis: np.ndarray = field(default_factory=lambda: np.eye(3))

    def __post_init__(self) -> None:
        self.center = np.asarray(self.center, dtype=np.float64)
        self.radii = np.asarray(self.radii, dtype=np.float64)

    def distance(self, p: Points) -> np.ndarray:
        x, y, z = to_local(p, self.center, self.basis)
        rx, ry, rz = (np.float32(r) for r in self.radii)
        k0 = np.sqrt((x / rx) ** 2 + (y / ry) ** 2 + (z / rz) ** 2)
        k1 = np.sqrt((x / (rx * rx)) ** 2 + (y / (ry * ry)) ** 2 + (z / (rz * rz)) ** 2)
        return k0 * (k0 - 1.0) / np.maximum(k1, 1e-6)

    def bound_points(self) -> np.ndarray:
        return self.center[None, :]

    def bound_radius(self) -> float:
        return float(self.radii.max())


@dataclass
class Slab(Shape):
    """A convex polygon in a frame's (lateral, axial) plane, given thickness and rounded edges.

    Used for the palm: a box-like body with soft edges that capsules cannot give.
    Thickness may change along the axial direction (`half_thickness` at axial 0, plus
    `thickness_slope` per mm).
    """

    origin: np.ndarray
    basis: np.ndarray
    polygon: np.ndarray  # (n, 2) convex, counter-clockwise, in (lateral, axial)
    half_thickness: float
    rounding: float
    thickness_slope: float = 0.0
    normals: np.ndarray = field(init=False)
    offsets: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.origin = np.asarray(self.origin, dtype=np.float64)
        poly = np.asarray(self.polygon, dtype=np.float64)
        edges = np.roll(poly, -1, axis=0) - poly
        normals = np.stack([edges[:, 1], -edges[:, 0]], axis=1)
        normals /= np.linalg.norm(normals, axis=1, keepdims=True)
        self.normals = normals
        self.offsets = np.einsum("ij,ij->i", normals, poly)
        self.polygon = poly

    def distance(self, p: Points) -> np.ndarray:
        x, y, z = to_local(p, self.origin, self.basis)
        d2 = None
        for (nx, ny), off in zip(self.normals, self.offsets):
            e = x * np.float32(nx) + y * np.float32(ny) - np.float32(off)
            d2 = e if d2 is None else np.maximum(d2, e)
        half = np.float32(self.half_thickness) + y * np.float32(self.thickness_slope)
        dz = np.abs(z) - np.maximum(half, 0.5)
        outside = np.sqrt(np.maximum(d2, 0.0) ** 2 + np.maximum(dz, 0.0) ** 2)
        return outside + np.minimum(np.maximum(d2, dz), 0.0) - np.float32(self.rounding)

    def bound_points(self) -> np.ndarray:
        pts = np.column_stack([self.polygon, np.zeros(len(self.polygon))])
        return self.origin + pts @ self.basis.T

    def bound_radius(self) -> float:
        return self.half_thickness + self.rounding + abs(self.thickness_slope) * 120.0


def _dot(v: np.ndarray, x: np.ndarray, y: np.ndarray, z: np.ndarray) -> np.ndarray:
    return x * np.float32(v[0]) + y * np.float32(v[1]) + z * np.float32(v[2])


def _to_segment2(e: np.ndarray, q: Points) -> np.ndarray:
    """Squared distance from points q (relative to a segment's start) to the segment along e."""
    t = np.clip(_dot(e, *q) / np.float32(e @ e), 0.0, 1.0)
    dx = q[0] - np.float32(e[0]) * t
    dy = q[1] - np.float32(e[1]) * t
    dz = q[2] - np.float32(e[2]) * t
    return dx * dx + dy * dy + dz * dz


def _triangle(p: Points, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Distance to the triangle a, b, c (after Inigo Quilez's udTriangle)."""
    pa = (p[0] - np.float32(a[0]), p[1] - np.float32(a[1]), p[2] - np.float32(a[2]))
    pb = (p[0] - np.float32(b[0]), p[1] - np.float32(b[1]), p[2] - np.float32(b[2]))
    pc = (p[0] - np.float32(c[0]), p[1] - np.float32(c[1]), p[2] - np.float32(c[2]))
    ba, cb, ac = b - a, c - b, a - c
    nor = np.cross(ba, ac)
    inside = (
        np.sign(_dot(np.cross(ba, nor), *pa)) + np.sign(_dot(np.cross(cb, nor), *pb)) + np.sign(_dot(np.cross(ac, nor), *pc))
    ) >= 2.0
    to_edges = np.minimum(np.minimum(_to_segment2(ba, pa), _to_segment2(cb, pb)), _to_segment2(ac, pc))
    to_plane = _dot(nor, *pa) ** 2 / np.float32(nor @ nor)
    return np.sqrt(np.where(inside, to_plane, to_edges))


@dataclass
class Web(Shape):
    """A sheet of flesh spanned from corner `a` to a free edge, given a thickness either side.

    Used for the thumb's web space, the fold of skin and muscle between the thumb and the
    index finger that a chain of capsules leaves out.  The free edge is a polyline (a fan of
    triangles from `a`), so it can sag like a real web's; the sheet is `radius` thick at `a`
    and thins to `edge_radius` at the free edge, like the muscle that fills it.
    """

    a: np.ndarray
    edge: np.ndarray  # (k, 3) points along the free edge, k >= 2
    radius: float
    edge_radius: float

    def distance(self, p: Points) -> np.ndarray:
        a = np.asarray(self.a, dtype=np.float64)
        pts = np.asarray(self.edge, dtype=np.float64)
        best = None
        for b, c in zip(pts[:-1], pts[1:]):
            d = _triangle(p, a, b, c)
            # How far from the free edge b-c towards a, across the sheet: 0 on the edge, 1 at a.
            along = (c - b) / np.linalg.norm(c - b)
            towards_a = (a - b) - along * float((a - b) @ along)
            height = float(np.linalg.norm(towards_a))
            pb = (p[0] - np.float32(b[0]), p[1] - np.float32(b[1]), p[2] - np.float32(b[2]))
            w = np.clip(_dot(towards_a / height**2, *pb), 0.0, 1.0)
            d = d - (np.float32(self.edge_radius) + np.float32(self.radius - self.edge_radius) * w)
            best = d if best is None else np.minimum(best, d)
        assert best is not None
        return best

    def bound_points(self) -> np.ndarray:
        return np.vstack([np.asarray(self.a, dtype=np.float64)[None, :], np.asarray(self.edge, dtype=np.float64)])

    def bound_radius(self) -> float:
        return self.radius
