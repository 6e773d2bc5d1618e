"""Skin colours and lighting: turns a geometry buffer into an RGBA picture.

Lights are fixed in camera space and symmetric about the picture's vertical axis (a key light
from above the viewer, a fill from below it), so a left picture (the mirror of a right one)
is lit exactly as a real left limb would be and the light gives no left/right cue.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gmi_trainer.stimuli.materials import COLOURS
from gmi_trainer.stimuli.raymarch import GBuffer


@dataclass(frozen=True)
class SkinTone:
    back: tuple[int, int, int]  # back of hand, top of foot (sRGB)
    palm: tuple[int, int, int]  # palm and sole: paler, especially on darker skin
    nail: tuple[int, int, int]


# Back colours sit near steps 4-5, 5-6, 6-7 and 7-8 of the Monk Skin Tone scale.  The palm is
# paler than the back, by more the darker the skin, but not chalk-white: with a
# palm much paler than the backs of curled fingers beside it, the fingers read as loose
# knobs rather than part of the hand (with the paler palms MediaPipe missed 15% of the dark
# pictures, against 9% with these, in one measurement).
SKIN: dict[str, SkinTone] = {
    "light": SkinTone(back=(226, 177, 150), palm=(240, 196, 178), nail=(236, 180, 172)),
    "medium": SkinTone(back=(196, 142, 104), palm=(228, 176, 146), nail=(226, 170, 150)),
    "tan": SkinTone(back=(150, 100, 66), palm=(200, 146, 110), nail=(204, 150, 126)),
    "dark": SkinTone(back=(108, 71, 50), palm=(172, 120, 92), nail=(176, 126, 106)),
}

KEY_LIGHT = np.array([0.0, 0.55, 0.84])
FILL_LIGHT = np.array([0.0, -0.45, 0.89])
EDGE_FADE_PX = 14  # a limb cut by the frame fades out instead of ending in a hard line


def _linear(rgb: tuple[int, int, int]) -> np.ndarray:
    return (np.asarray(rgb, dtype=np.float32) / 255.0) ** 2.2


def _smoothstep(e0: float, e1: float, x: np.ndarray) -> np.ndarray:
    t = np.clip((x - e0) / (e1 - e0), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def _edge_fade(size: int, fade_px: int = EDGE_FADE_PX) -> np.ndarray:
    idx = np.arange(size, dtype=np.float32)
    border = np.minimum(idx, size - 1 - idx)
    ramp = _smoothstep(0.0, float(fade_px), border)
    return np.minimum(ramp[:, None], ramp[None, :])


def _downsample(rgb: np.ndarray, alpha: np.ndarray, factor: int) -> tuple[np.ndarray, np.ndarray]:
    """Average factor x factor blocks, weighting colour by coverage (premultiplied alpha), so
    the transparent background never darkens the outline."""
    if factor == 1:
        return rgb, alpha
    h, w = alpha.shape
    a = alpha.reshape(h // factor, factor, w // factor, factor)
    premul = (rgb * alpha[..., None]).reshape(h // factor, factor, w // factor, factor, 3)
    a_sum = a.sum(axis=(1, 3))
    colour = premul.sum(axis=(1, 3)) / np.maximum(a_sum, 1e-6)[..., None]
    return colour, a_sum / float(factor * factor)


def shade(g: GBuffer, tone: SkinTone, supersample: int = 1) -> np.ndarray:
    """RGBA uint8 picture of the G-buffer in one skin tone.

    A G-buffer traced at `supersample` times the picture's size is averaged down to it: one
    ray per pixel leaves stair-stepped outlines and single dark pixels where a nail meets
    the skin.
    """
    n = g.normal
    nx, ny = n[..., 0], n[..., 1]
    # A visible surface cannot face away from the viewer; rays that only graze an outline get
    # such normals from the far side of a thin part, and would be shaded almost black.
    nz = np.maximum(n[..., 2], 0.0)
    nz = np.where(nx * nx + ny * ny + nz * nz < 1e-6, 1.0, nz)
    norm = np.sqrt(nx * nx + ny * ny + nz * nz)
    nx, ny, nz = nx / norm, ny / norm, nz / norm
    palmness = _smoothstep(0.3, -0.45, g.dorsal)
    albedo = _linear(tone.back)[None, None, :] * (1.0 - palmness[..., None]) + _linear(tone.palm)[None, None, :] * palmness[..., None]
    albedo = albedo * (1.0 + 0.06 * g.pad[..., None])
    # Skin folds are darker and a little redder.
    fold = np.clip(g.crease, 0.0, 1.0)[..., None]
    albedo = albedo * (1.0 - fold * np.array([0.42, 0.5, 0.5], dtype=np.float32))
    nail = np.clip(g.nail, 0.0, 1.0)[..., None]
    albedo = albedo * (1.0 - nail) + _linear(tone.nail)[None, None, :] * nail
    if g.material is not None:
        # Hair, clothes and objects keep their own colour in every skin tone.
        code = np.round(g.material).astype(np.int16)
        for material, rgb in COLOURS.items():
            albedo = np.where((code == material)[..., None], _linear(rgb)[None, None, :], albedo)

    key = nx * KEY_LIGHT[0] + ny * KEY_LIGHT[1] + nz * KEY_LIGHT[2]
    fill = nx * FILL_LIGHT[0] + ny * FILL_LIGHT[1] + nz * FILL_LIGHT[2]
    wrap = 0.35
    key_d = np.clip((key + wrap) / (1.0 + wrap), 0.0, 1.0)
    # Light scattered under the skin warms the shadow side.
    scatter = np.clip((key + 0.6) / 1.6, 0.0, 1.0) - key_d
    fill_d = np.clip(fill, 0.0, 1.0)
    sky = 0.5 + 0.5 * ny
    ao = g.ao
    diffuse = (
        1.1 * key_d[..., None]
        + 0.35 * scatter[..., None] * np.array([1.0, 0.45, 0.35], dtype=np.float32)
        + 0.22 * fill_d[..., None]
        + (0.16 + 0.1 * sky)[..., None] * ao[..., None]
    )
    # Contact shadow: folds, gaps and the undersides of curled fingers go clearly darker,
    # which is what lets the form read on dark skin.
    diffuse = diffuse * (0.4 + 0.6 * ao * ao)[..., None]
    colour = albedo * diffuse
    half = KEY_LIGHT + np.array([0.0, 0.0, 1.0])
    half = half / np.linalg.norm(half)
    nh = np.clip(nx * half[0] + ny * half[1] + nz * half[2], 0.0, 1.0)
    # Skin sheen: uncoloured, so it matters most on dark skin, where it carries much of the shape.
    gloss = 0.06 * (1.0 - nail[..., 0]) * nh**24 + 0.18 * nail[..., 0] * nh**40
    rim = 0.06 * (1.0 - np.clip(nz, 0.0, 1.0)) ** 3
    colour = colour + ((gloss + rim) * ao)[..., None]
    srgb = np.clip(colour, 0.0, 1.0) ** (1.0 / 2.2)
    alpha = g.alpha * _edge_fade(g.alpha.shape[0], EDGE_FADE_PX * supersample)
    srgb, alpha = _downsample(srgb, alpha, supersample)
    rgba = np.concatenate([srgb, alpha[..., None]], axis=-1)
    out = np.round(rgba * 255.0).astype(np.uint8)
    out[..., :3][alpha <= 0.0] = 0
    return out
