"""Colours, type sizes and the canvas size. Screens are laid out on a canvas at least
1280x800 whose shape follows the window's (see `canvas_size`), scaled to the window, so
sizes here are in canvas pixels; text is sized to read at arm's length."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from gmi_trainer.fonts import BOLD, REGULAR

CANVAS = (1280, 800)  # the smallest canvas: every screen is designed to fit it


def canvas_size(window_px: tuple[int, int],
                minimum: tuple[int, int] = CANVAS) -> tuple[int, int]:
    """The canvas for a window: the window's shape, scaled so both sides are at least
    CANVAS. A 1366x768 window gets a 1423x800 canvas, a 1024x768 one 1280x960.

    Why a scaled canvas rather than laying out in window pixels: every screen then has one
    set of sizes that reads the same at arm's length from 1024x600 to 3840x2160 (text scales
    with the window, as the issue asks), and following the window's shape means no bars and
    no stretched pictures. The cost: on windows much larger than the canvas, text is
    smoothed up rather than drawn at full resolution (softer at 4K, still legible).
    `minimum`: another smallest canvas, for a window laid out for its own shape (the
    therapist's compact panel)."""
    width, height = max(1, window_px[0]), max(1, window_px[1])
    scale = min(width / minimum[0], height / minimum[1])
    return max(minimum[0], round(width / scale)), max(minimum[1], round(height / scale))


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
    high_contrast: bool = False  # the charts take their own high-contrast look from this


# For low vision: pure black and white, yellow for what is chosen, no muted greys.
HIGH_CONTRAST = Theme(
    background=(0, 0, 0), panel=(0, 0, 0), text=(255, 255, 255), muted=(255, 255, 255),
    accent=(255, 221, 0), accent_text=(0, 0, 0), good=(120, 255, 120), bad=(255, 120, 120),
    warn=(255, 221, 0), button=(40, 40, 40), disabled=(25, 25, 25), picture_ground=(255, 255, 255),
    high_contrast=True,
)


def theme_for(high_contrast: bool, text_scale: float) -> Theme:
    from dataclasses import replace

    return replace(HIGH_CONTRAST if high_contrast else Theme(), text_scale=text_scale)


class Fonts:
    """DejaVu Sans, shipped with the package (`gmi_trainer.fonts`): the same letters and
    widths on every machine, and every Latin, Cyrillic and Greek letter the languages use."""

    SIZES = {"small": 24, "body": 30, "large": 40, "title": 52, "huge": 96}
    # Canvas pixels per unit of a named size. Body text is then 26 px, with an x-height of
    # 14 px and capitals of 19 px on the 1280x800 canvas (about 3 and 4 mm on a 14-inch
    # 1366x768 laptop), large enough to read at arm's length.
    PIXELS_PER_UNIT = 0.87

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = scale
        self._cache: dict[tuple[int, bool], pygame.font.Font] = {}

    def points(self, size: str = "body", bold: bool = False) -> int:
        """The font size in canvas pixels for a named size at this text scale. Bold is the
        font's own bold face at the same size (already wider than the regular)."""
        return round(self.SIZES[size] * self.scale * self.PIXELS_PER_UNIT)

    def get(self, size: str = "body", bold: bool = False, shrink: float = 1.0) -> pygame.font.Font:
        """The font for a named size; `shrink` < 1 for a line that must fit a smaller box."""
        return self.of_points(max(8, round(self.points(size, bold) * shrink)), bold)

    def of_points(self, points: int, bold: bool = False) -> pygame.font.Font:
        if (points, bold) not in self._cache:
            self._cache[points, bold] = pygame.font.Font(str(BOLD if bold else REGULAR), points)
        return self._cache[points, bold]
