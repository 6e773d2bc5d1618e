"""Drawing helpers shared by the screens, and the record of what can be clicked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pygame

from gmi_trainer.profiles.model import DEFAULT_KEYS, key_label, spoken_keys
from gmi_trainer.ui.theme import CANVAS, Fonts, Theme


EDGE_MARGIN = 12  # canvas pixels kept clear at the screen's edges


@dataclass(frozen=True)
class Hit:
    """A clickable area and the input a click there means."""

    rect: pygame.Rect
    action: str
    value: Any = None


@dataclass
class Canvas:
    """One frame being drawn: the surface, the look, and the clickable areas so far."""

    surface: pygame.Surface
    theme: Theme
    fonts: Fonts
    hits: list[Hit] = field(default_factory=list)
    # Where a click that hits no button goes, e.g. left/right mouse buttons as answers.
    click_fallback: dict[int, tuple[str, Any]] = field(default_factory=dict)
    # The patient's keys for each action (pygame names), when the window knows them.
    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def key_hint(self, action: str, default: str) -> str:
        """'(Left arrow / A)': the keys that do `action` for this patient, a learned pedal key too."""
        names = self.keys.get(action)
        if not names:
            return default
        return "(" + " / ".join(key_label(n) for n in names) + ")"

    def keys_for(self, action: str) -> tuple[str, ...]:
        """The keys that do `action` for this patient; the usual ones if the window did not say."""
        return tuple(self.keys[action]) if action in self.keys else DEFAULT_KEYS.get(action, ())

    def spoken_hint(self, *key_lists: tuple[str, ...]) -> str:
        """'(Right arrow or S)': a button's hint naming the given keys, '' when there are none."""
        spoken = spoken_keys([n for names in key_lists for n in names])
        return f"({spoken})" if spoken else ""

    @property
    def width(self) -> int:
        return CANVAS[0]

    @property
    def height(self) -> int:
        return CANVAS[1]

    def text(self, text: str, pos: tuple[int, int], size: str = "body", color: tuple[int, int, int] | None = None,
             bold: bool = False, anchor: str = "topleft", max_width: int | None = None) -> pygame.Rect:
        """One line of text. A line too wide for `max_width` (by default: the room left on
        the canvas from `pos`) is shrunk to fit, so a large text size never cuts words off."""
        image = self.fonts.get(size, bold).render(text, True, color or self.theme.text)
        room = max_width if max_width is not None else self._room(pos[0], anchor)
        if image.get_width() > room > 0:
            scale = room / image.get_width()
            image = pygame.transform.smoothscale(
                image, (room, max(1, round(image.get_height() * scale))))
        rect = image.get_rect(**{anchor: pos})
        self.surface.blit(image, rect)
        return rect

    def _room(self, x: int, anchor: str) -> int:
        if anchor in ("center", "midtop", "midbottom"):
            return 2 * min(x, self.width - x) - 2 * EDGE_MARGIN
        if anchor in ("topright", "midright", "bottomright"):
            return x - EDGE_MARGIN
        return self.width - x - EDGE_MARGIN

    def paragraph(self, text: str, rect: pygame.Rect, size: str = "body",
                  color: tuple[int, int, int] | None = None, align: str = "left") -> int:
        """Wrapped text inside `rect`; returns the y below the last line."""
        font = self.fonts.get(size)
        y = rect.top
        for line in wrap(text, font, rect.width):
            if line:
                image = font.render(line, True, color or self.theme.text)
                x = rect.centerx - image.get_width() // 2 if align == "center" else rect.left
                self.surface.blit(image, (x, y))
            y += round(font.get_linesize() * 1.1)
        return y

    def button(self, rect: pygame.Rect, label: str, action: str, value: Any = None,
               hint: str = "", focused: bool = False, enabled: bool = True,
               primary: bool = False, size: str = "large") -> None:
        theme = self.theme
        fill = theme.disabled if not enabled else theme.accent if primary or focused else theme.button
        color = theme.muted if not enabled else theme.accent_text if primary or focused else theme.text
        pygame.draw.rect(self.surface, fill, rect, border_radius=14)
        if focused:
            pygame.draw.rect(self.surface, theme.text, rect, width=4, border_radius=14)
        if hint:
            label_rect = self.text(label, (rect.centerx, rect.centery - 12), size, color, True,
                                   "center", max_width=rect.w - 24)
            self.text(hint, (rect.centerx, label_rect.bottom + 14), "small", color,
                      anchor="center", max_width=rect.w - 24)
        else:
            self.text(label, rect.center, size, color, True, "center", max_width=rect.w - 24)
        if enabled:
            self.hits.append(Hit(rect, action, value))


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        line = ""
        for word in words:
            trial = f"{line} {word}" if line else word
            if font.size(trial)[0] <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def format_clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"
