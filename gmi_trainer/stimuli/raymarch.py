"""Orthographic sphere tracing of a signed-distance scene into a geometry buffer.

The renderer is split in two: this module finds surfaces and what they are made of (a
G-buffer that does not depend on skin colour); shading.py turns that into pixels for each
skin tone.  So a posture and view is traced once and coloured four times.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from gmi_trainer.stimuli.sdf import Points, unit

STEP_SCALE = 0.8  # flattened shapes overestimate distance a little; step short
HIT_EPS_MM = 0.04
MAX_STEPS = 160


@dataclass(frozen=True)
class SurfaceAttributes:
    """What the surface is at each point, independent of skin colour."""

    dorsal: np.ndarray  # -1 palm/sole side .. +1 back/top side
    nail: np.ndarray  # 0..1 nail coverage
    crease: np.ndarray  # 0..1 how dark a skin fold line is here
    pad: np.ndarray  # 0..1 fleshy pad (heel, ball, thenar): a touch paler and pinker
    # What is not skin (hair, clothes, a cup): codes in stimuli/materials.py, 0 for skin.
    # None: skin everywhere, as for the bare hands and feet.
    material: np.ndarray | None = None


class Scene(Protocol):
    def distance(self, p: Points) -> np.ndarray: ...

    def attributes(self, p: Points, normal: Points) -> SurfaceAttributes: ...

    def focus_points(self) -> tuple[np.ndarray, np.ndarray]:
        """Points and radii of the parts the picture is centred on (not the forearm or leg)."""
        ...

    def all_points(self) -> tuple[np.ndarray, np.ndarray]:
        """Points and radii bounding the whole scene."""
        ...


@dataclass(frozen=True)
class Camera:
    """Orthographic camera: `forward` looks into the scene; `up` is the picture's up."""

    forward: np.ndarray
    up: np.ndarray
    px_per_mm: float
    size_px: int

    @property
    def right(self) -> np.ndarray:
        return unit(np.cross(unit(self.forward), unit(self.up)))

    def basis(self) -> np.ndarray:
        """Columns: picture right, picture up, towards the viewer."""
        f = unit(self.forward)
        u = unit(self.up - f * np.dot(self.up, f))
        return np.stack([np.cross(f, u), u, -f], axis=1)


@dataclass(frozen=True)
class GBuffer:
    alpha: np.ndarray  # (h, w) coverage 0..1
    normal: np.ndarray  # (h, w, 3) in camera space: right, up, towards viewer
    ao: np.ndarray  # (h, w) ambient occlusion 0..1 (1 = open)
    dorsal: np.ndarray
    nail: np.ndarray
    crease: np.ndarray
    pad: np.ndarray
    depth: np.ndarray  # (h, w) mm towards the viewer, for edge fading of cut limbs
    material: np.ndarray | None = None  # (h, w) material codes; None: all skin


def _centre(scene: Scene, basis: np.ndarray) -> np.ndarray:
    pts, radii = scene.focus_points()
    cam = pts @ basis
    lo = (cam - radii[:, None]).min(axis=0)
    hi = (cam + radii[:, None]).max(axis=0)
    mid_cam = (lo + hi) / 2.0
    return basis @ mid_cam


def _gradient(scene: Scene, p: Points, h: float = 0.05) -> Points:
    """Surface normal by the tetrahedron technique (4 distance calls)."""
    ks = ((1, -1, -1), (-1, -1, 1), (-1, 1, -1), (1, 1, 1))
    gx = np.zeros_like(p[0])
    gy = np.zeros_like(p[0])
    gz = np.zeros_like(p[0])
    for kx, ky, kz in ks:
        d = scene.distance((p[0] + kx * h, p[1] + ky * h, p[2] + kz * h))
        gx += kx * d
        gy += ky * d
        gz += kz * d
    n = np.sqrt(gx * gx + gy * gy + gz * gz) + 1e-9
    return gx / n, gy / n, gz / n


def _occlusion(scene: Scene, p: Points, n: Points) -> np.ndarray:
    """Ambient occlusion from a few distance samples along the normal: dark in folds and gaps."""
    occ = np.zeros_like(p[0])
    weight = 1.0
    for i in range(1, 6):
        h = 1.5 * i * i  # 1.5 .. 37.5 mm
        d = scene.distance((p[0] + n[0] * h, p[1] + n[1] * h, p[2] + n[2] * h))
        occ += weight * np.maximum(h - d, 0.0) / h
        weight *= 0.6
    return np.clip(1.0 - 0.55 * occ, 0.0, 1.0)


def trace(scene: Scene, camera: Camera, centre: np.ndarray | None = None) -> GBuffer:
    """Sphere-trace one picture of `scene`; silhouettes get analytic half-pixel coverage.
    `centre`: the point the picture is centred on (default: the middle of the scene's focus
    points; a movement's frames share one so the camera stays still)."""
    basis = camera.basis()
    right, up, towards = basis[:, 0], basis[:, 1], basis[:, 2]
    forward = -towards
    centre = _centre(scene, basis) if centre is None else np.asarray(centre, dtype=np.float64)
    size = camera.size_px
    mm_per_px = 1.0 / camera.px_per_mm
    offsets = (np.arange(size, dtype=np.float64) - size / 2.0 + 0.5) * mm_per_px
    gx, gy = np.meshgrid(offsets, -offsets)  # row 0 is the top of the picture
    gx = gx.ravel()
    gy = gy.ravel()

    pts, radii = scene.all_points()
    depth_cam = (pts - centre) @ towards
    near = float((depth_cam + radii).max()) + 5.0
    far = float((depth_cam - radii).min()) - 5.0
    # Rays only need to start where the scene's bounds project.
    proj_x = (pts - centre) @ right
    proj_y = (pts - centre) @ up
    inside = (
        (gx >= (proj_x - radii).min() - 2)
        & (gx <= (proj_x + radii).max() + 2)
        & (gy >= (proj_y - radii).min() - 2)
        & (gy <= (proj_y + radii).max() + 2)
    )
    ray_ids = np.nonzero(inside)[0]
    ox = (centre[0] + gx[ray_ids] * right[0] + gy[ray_ids] * up[0] + near * towards[0]).astype(np.float32)
    oy = (centre[1] + gx[ray_ids] * right[1] + gy[ray_ids] * up[1] + near * towards[1]).astype(np.float32)
    oz = (centre[2] + gx[ray_ids] * right[2] + gy[ray_ids] * up[2] + near * towards[2]).astype(np.float32)
    fx, fy, fz = (np.float32(c) for c in forward)
    span = near - far

    n_rays = ray_ids.size
    t = np.zeros(n_rays, dtype=np.float32)
    hit = np.zeros(n_rays, dtype=bool)
    dmin = np.full(n_rays, np.inf, dtype=np.float32)
    tmin = np.zeros(n_rays, dtype=np.float32)
    active = np.arange(n_rays)
    for _ in range(MAX_STEPS):
        if active.size == 0:
            break
        ta = t[active]
        d = scene.distance((ox[active] + fx * ta, oy[active] + fy * ta, oz[active] + fz * ta))
        closer = d < dmin[active]
        dmin[active] = np.where(closer, d, dmin[active])
        tmin[active] = np.where(closer, ta, tmin[active])
        done = d < HIT_EPS_MM
        hit[active[done]] = True
        t[active] = ta + np.where(done, 0.0, d * STEP_SCALE)
        keep = ~done & (t[active] < span)
        active = active[keep]
    # Rays that ran out of steps while grazing count as hits.
    hit |= dmin < HIT_EPS_MM * 4
    coverage = np.where(hit, 1.0, np.clip(0.5 - dmin * camera.px_per_mm, 0.0, 1.0)).astype(np.float32)
    shade = coverage > 0.0
    t_surf = np.where(hit, t, tmin)
    sel = np.nonzero(shade)[0]
    px = ox[sel] + fx * t_surf[sel]
    py = oy[sel] + fy * t_surf[sel]
    pz = oz[sel] + fz * t_surf[sel]
    n = _gradient(scene, (px, py, pz))
    # Near-miss rays: move onto the surface before asking what it is.
    back = np.where(hit[sel], 0.0, np.maximum(dmin[sel], 0.0))
    px, py, pz = px - n[0] * back, py - n[1] * back, pz - n[2] * back
    ao = _occlusion(scene, (px, py, pz), n)
    attrs = scene.attributes((px, py, pz), n)

    def image(values: np.ndarray, fill: float = 0.0) -> np.ndarray:
        out = np.full(size * size, fill, dtype=np.float32)
        out[ray_ids[sel]] = values
        return out.reshape(size, size)

    alpha = np.zeros(size * size, dtype=np.float32)
    alpha[ray_ids] = coverage
    n_cam = [n[0] * b[0] + n[1] * b[1] + n[2] * b[2] for b in (right, up, towards)]
    normal = np.stack([image(c) for c in n_cam], axis=-1)
    depth = image((px - centre[0]) * towards[0] + (py - centre[1]) * towards[1] + (pz - centre[2]) * towards[2])
    return GBuffer(
        alpha=alpha.reshape(size, size),
        normal=normal,
        ao=image(ao, 1.0),
        dorsal=image(attrs.dorsal),
        nail=image(attrs.nail),
        crease=image(attrs.crease),
        pad=image(attrs.pad),
        depth=depth,
        material=None if attrs.material is None else image(attrs.material.astype(np.float32)),
    )
