"""Colours and type sizes. Screens are laid out on a 1280x800 canvas that SDL scales to the
window, so sizes here are in canvas pixels; text is sized to read at arm's length."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

CANVAS = (1280, 800)


@dataclass(frozen=True)
class Theme:
    background: tuple[int, int, int] = (24, 30, 40)
    panel: tuple[int, int, int] = (38, 46, 60)
    text: tuple[int, int, int] = (240, 242, 245)
    muted: tuple[int, int, int] = (170, 178, 192)
    accent: tuple[int, int, int] = (88, 166, 255)
    accent_text: tuple[int, int, int] = (10, 20, 35)
    good: tuple[int, int, int] = (90, 200, 120)
    bad: tuple[int, int, int] = (240, 110, 100)
    warn: tuple[int, int, int] = (245, 190, 80)
    button: tuple[int, int, int] = (60, 72, 92)
    disabled: tuple[int, int, int] = (52, 56, 64)
    picture_ground: tuple[int, int, int] = (232, 232, 228)
    text_scale: float = 1.0


# For low vision: pure black and white, yellow for what is chosen, no muted greys.
HIGH_CONTRAST = Theme(
    background=(0, 0, 0), panel=(0, 0, 0), text=(255, 255, 255), muted=(255, 255, 255),
    accent=(255, 221, 0), accent_text=(0, 0, 0), good=(120, 255, 120), bad=(255, 120, 120),
    warn=(255, 221, 0), button=(40, 40, 40), disabled=(25, 25, 25), picture_ground=(255, 255, 255),
)


def theme_for(high_contrast: bool, text_scale: float) -> Theme:
    from dataclasses import replace

    return replace(HIGH_CONTRAST if high_contrast else Theme(), text_scale=text_scale)


class Fonts:
    """pygame's bundled font, so text looks the same on every machine."""

    SIZES = {"small": 24, "body": 30, "large": 40, "title": 52, "huge": 96}

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = scale
        self._cache: dict[tuple[str, bool], pygame.font.Font] = {}

    def get(self, size: str = "body", bold: bool = False) -> pygame.font.Font:
        key = (size, bold)
        if key not in self._cache:
            # The bundled font is already bold; pygame's synthetic bold on top smears it,
            # so "bold" text is set a size step larger instead.
            points = self.SIZES[size] * (1.12 if bold else 1.0)
            font = pygame.font.Font(None, round(points * self.scale * 1.3))
            self._cache[key] = font
        return self._cache[key]
