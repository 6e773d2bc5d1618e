"""Putting scenes together: a scene placed in another's frame, a mirrored scene, and a
bounding sphere that spares the ray marcher a detailed scene's cost far from it.

The whole-body pictures (arm, leg, neck, back) reuse the detailed hand and foot scenes at
the end of their limbs through these, and the context pictures add everyday objects.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from gmi_trainer.stimuli.raymarch import SurfaceAttributes
from gmi_trainer.stimuli.sdf import Points, to_local


class Solid(Protocol):
    """Anything with a distance and surface attributes (a Scene without the framing)."""

    def distance(self, p: Points) -> np.ndarray: ...

    def attributes(self, p: Points, normal: Points) -> SurfaceAttributes: ...


class Placed:
    """A solid built in its own frame, set into a parent frame: `origin` is where its frame's
    origin lies and `basis` holds its axes as columns, both in the parent's coordinates."""

    def __init__(self, inner: Solid, origin: np.ndarray, basis: np.ndarray) -> None:
        self.inner, self.origin, self.basis = inner, np.asarray(origin, float), np.asarray(basis, float)

    def local(self, p: Points) -> Points:
        return to_local(p, self.origin, self.basis)

    def distance(self, p: Points) -> np.ndarray:
        return self.inner.distance(self.local(p))

    def attributes(self, p: Points, normal: Points) -> SurfaceAttributes:
        return self.inner.attributes(self.local(p), to_local(normal, np.zeros(3), self.basis))

    def to_parent(self, pts: np.ndarray) -> np.ndarray:
        return self.origin + np.asarray(pts, float) @ self.basis.T


def mirror_x(p: Points) -> Points:
    return -p[0], p[1], p[2]


class MirroredX:
    """The mirror image of a solid across the plane x = 0 (a left limb from a right one)."""

    def __init__(self, inner: Solid) -> None:
        self.inner = inner

    def distance(self, p: Points) -> np.ndarray:
        return self.inner.distance(mirror_x(p))

    def attributes(self, p: Points, normal: Points) -> SurfaceAttributes:
        return self.inner.attributes(mirror_x(p), mirror_x(normal))


class Bounded:
    """A solid that lies inside a sphere: far from the sphere its distance is the sphere's,
    which never overshoots (the solid is inside it), so the costly distance is evaluated
    only for points near it."""

    def __init__(self, inner: Solid, centre: np.ndarray, radius_mm: float, margin_mm: float = 30.0) -> None:
        self.inner, self.centre = inner, np.asarray(centre, float)
        self.radius_mm, self.margin_mm = float(radius_mm), float(margin_mm)

    def _sphere(self, p: Points) -> np.ndarray:
        c = self.centre
        return np.sqrt((p[0] - np.float32(c[0])) ** 2 + (p[1] - np.float32(c[1])) ** 2
                       + (p[2] - np.float32(c[2])) ** 2) - np.float32(self.radius_mm)

    def distance(self, p: Points) -> np.ndarray:
        d = self._sphere(p).astype(np.float32)
        near = np.nonzero(d < self.margin_mm)[0]
        if near.size:
            d[near] = self.inner.distance((p[0][near], p[1][near], p[2][near]))
        return d

    def attributes(self, p: Points, normal: Points) -> SurfaceAttributes:
        return self.inner.attributes(p, normal)
