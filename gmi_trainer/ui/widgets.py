"""Drawing helpers shared by the screens, the record of what can be clicked, and the record
of every text drawn (its box), which `gmi-trainer screens` writes to layout.json.

Layout rules for a screen (new screens too):
- place things from `canvas.width` / `canvas.height` (the canvas is at least 1280x800 and
  takes the window's shape), never from fixed 1280/800;
- give every text a box: `text(..., max_width=, max_height=)` shrinks one line to fit it,
  `paragraph(text, rect)` wraps and shrinks to fit the rectangle, buttons fit their label
  and hint inside themselves; so a larger text size never pushes text over its neighbour;
- lists longer than their room show a window of rows around the focus (`visible_window`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.profiles.model import DEFAULT_KEYS, key_label, spoken_keys
from gmi_trainer.ui.theme import CANVAS, Fonts, Theme


EDGE_MARGIN = 12  # canvas pixels kept clear at the screen's edges
SMALLEST_SHRINK = 0.45  # text shrinks to fit its box down to this fraction of its size


@dataclass(frozen=True)
class DrawnText:
    """A piece of text as drawn: what it says and the box its pixels take (canvas pixels)."""

    text: str
    rect: pygame.Rect


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
    texts: list[DrawnText] = field(default_factory=list)
    # Texts of a screen drawn under a dimming shade and a box (the pause box): seen, not read.
    behind: list[DrawnText] = field(default_factory=list)

    def key_hint(self, action: str, default: str) -> str:
        """'(Left arrow / A)': the keys that do `action` for this patient, a learned pedal key too."""
        names = self.keys.get(action)
        if not names:
            return default
        return "(" + " / ".join(key_label(n) for n in names) + ")"

    def key_hint_of(self, names: list[str] | tuple[str, ...]) -> str:
        """'(Space / P / Esc)': the given keys as a hint, '' for none."""
        return "(" + " / ".join(key_label(n) for n in names) + ")" if names else ""

    def keys_for(self, action: str) -> tuple[str, ...]:
        """The keys that do `action` for this patient; the usual ones if the window did not say."""
        return tuple(self.keys[action]) if action in self.keys else DEFAULT_KEYS.get(action, ())

    def spoken_hint(self, *key_lists: tuple[str, ...]) -> str:
        """'(Right arrow or S)': a button's hint naming the given keys, '' when there are none."""
        spoken = spoken_keys([n for names in key_lists for n in names])
        return f"({spoken})" if spoken else ""

    @property
    def width(self) -> int:
        return self.surface.get_width()

    @property
    def height(self) -> int:
        return self.surface.get_height()

    @property
    def extra_height(self) -> int:
        """How much taller than the 1280x800 design the canvas is (a 4:3 window)."""
        return max(0, self.height - CANVAS[1])

    def text(self, text: str, pos: tuple[int, int], size: str = "body", color: tuple[int, int, int] | None = None,
             bold: bool = False, anchor: str = "topleft", max_width: int | None = None,
             max_height: int | None = None) -> pygame.Rect:
        """One line of text. A line too wide for `max_width` (by default: the room left on
        the canvas from `pos`) or too tall for `max_height` is set in a smaller font to fit,
        so a large text size never cuts words off or runs into its neighbours."""
        room = max_width if max_width is not None else self._room(pos[0], anchor)
        font = self.fitting_font(text, size, bold, room, max_height)
        image = font.render(text, True, color or self.theme.text)
        rect = image.get_rect(**{anchor: pos})
        self.surface.blit(image, rect)
        self.record(text, rect)
        return rect

    def fitting_font(self, text: str, size: str, bold: bool, max_width: int,
                     max_height: int | None = None) -> pygame.font.Font:
        """The named size's font, or the largest smaller one in which `text` fits the box."""
        font = self.fonts.get(size, bold)
        width, height = font.size(text)[0], line_height(font)
        shrink = 1.0
        if max_width > 0 and width > max_width:
            shrink = max_width / width
        if max_height is not None and height > max_height > 0:
            shrink = min(shrink, max_height / height)
        if shrink >= 1.0:
            return font
        points = self.fonts.points(size, bold)
        fitted = max(8, int(points * max(shrink, SMALLEST_SHRINK)))
        font = self.fonts.of_points(fitted, bold)
        # Glyph widths do not scale exactly with the point size: step down until it fits.
        while fitted > 8 and (font.size(text)[0] > max_width > 0 or (
                max_height is not None and line_height(font) > max_height > 0)):
            fitted -= 1
            font = self.fonts.of_points(fitted, bold)
        return font

    def record(self, text: str, rect: pygame.Rect) -> None:
        """Note a drawn text's box (for layout checks); blank text takes no room."""
        if text.strip():
            self.texts.append(DrawnText(text, pygame.Rect(rect)))

    def line_h(self, size: str = "body", bold: bool = False) -> int:
        """The height one line of a named size takes when drawn."""
        return line_height(self.fonts.get(size, bold))

    def bottom_hint(self, text: str, color: tuple[int, int, int] | None = None) -> int:
        """A screen's key hint on its bottom line; returns the top of that line, where what
        the screen lays out above must end."""
        rect = self.text(text, (self.width // 2, self.height - EDGE_MARGIN), "small",
                         color or self.theme.muted, anchor="midbottom")
        return rect.top

    def cover(self) -> None:
        """What is drawn so far becomes the dimmed screen under a box (the pause box): its
        texts are kept apart (`behind`), neither clickable nor checked against the box."""
        self.behind.extend(self.texts)
        self.texts.clear()
        self.hits.clear()
        self.click_fallback.clear()

    def _room(self, x: int, anchor: str) -> int:
        if anchor in ("center", "midtop", "midbottom"):
            return 2 * min(x, self.width - x) - 2 * EDGE_MARGIN
        if anchor in ("topright", "midright", "bottomright"):
            return x - EDGE_MARGIN
        return self.width - x - EDGE_MARGIN

    def paragraph(self, text: str, rect: pygame.Rect, size: str = "body",
                  color: tuple[int, int, int] | None = None, align: str = "left",
                  grow: bool = False) -> int:
        """Wrapped text inside `rect`, set smaller when it would not fit the rectangle;
        returns the y below the last line. `grow`: the rectangle's height is only a
        minimum (the caller places what follows from the returned y)."""
        points, lines = self.fitting_lines(text, rect, size, grow)
        font = self.fonts.of_points(points)
        step = round(font.get_linesize() * 1.1)
        y = rect.top
        for line in lines:
            if line:
                line_font, line_points = font, points
                while line_font.size(line)[0] > rect.width and line_points > 8:
                    line_points -= 1  # one word longer than the box
                    line_font = self.fonts.of_points(line_points)
                image = line_font.render(line, True, color or self.theme.text)
                x = rect.centerx - image.get_width() // 2 if align == "center" else rect.left
                self.surface.blit(image, (x, y))
                self.record(line, image.get_rect(topleft=(x, y)))
            y += step
        return y

    def paragraph_height(self, text: str, width: int, size: str = "body") -> int:
        """How tall `paragraph` draws `text` at its full size in a box `width` wide."""
        points, lines = self.fitting_lines(text, pygame.Rect(0, 0, width, 1), size, grow=True)
        return len(lines) * round(self.fonts.of_points(points).get_linesize() * 1.1)

    def fitting_lines(self, text: str, rect: pygame.Rect, size: str = "body",
                      grow: bool = False) -> tuple[int, list[str]]:
        """The largest font size (down to SMALLEST_SHRINK of the named size) whose wrapped
        lines fit `rect`, and those lines."""
        points = self.fonts.points(size)
        shrink = 1.0
        while True:
            fitted = max(8, round(points * shrink))
            font = self.fonts.of_points(fitted)
            lines = wrap(text, font, rect.width)
            step = round(font.get_linesize() * 1.1)
            needed = (len(lines) - 1) * step + line_height(font)
            if grow or needed <= rect.height or shrink <= SMALLEST_SHRINK:
                return fitted, lines
            shrink = max(SMALLEST_SHRINK, shrink - 0.05)

    def button(self, rect: pygame.Rect, label: str, action: str, value: Any = None,
               hint: str = "", focused: bool = False, enabled: bool = True,
               primary: bool = False, size: str = "large") -> None:
        theme = self.theme
        fill = theme.disabled if not enabled else theme.accent if primary or focused else theme.button
        color = theme.muted if not enabled else theme.accent_text if primary or focused else theme.text
        pygame.draw.rect(self.surface, fill, rect, border_radius=14)
        if focused:
            pygame.draw.rect(self.surface, theme.text, rect, width=4, border_radius=14)
        inner = rect.inflate(-24, -12)
        if hint:
            # Label above hint, both inside the button: each gets its share of the height.
            label_font = self.fitting_font(label, size, True, inner.w, inner.h * 3 // 5)
            hint_font = self.fitting_font(hint, "small", False, inner.w, inner.h * 2 // 5)
            gap = 4
            total = line_height(label_font) + gap + line_height(hint_font)
            top = rect.centery - total // 2
            self.line(label, label_font, color, midtop=(rect.centerx, top))
            self.line(hint, hint_font, color,
                       midtop=(rect.centerx, top + line_height(label_font) + gap))
        else:
            self.text(label, rect.center, size, color, True, "center", max_width=inner.w,
                      max_height=inner.h)
        if enabled:
            self.hits.append(Hit(rect, action, value))


    def line(self, text: str, font: pygame.font.Font, color: tuple[int, int, int],
             **anchor: tuple[int, int]) -> pygame.Rect:
        """One line in a font the caller chose (one size for a column of rows)."""
        image = font.render(text, True, color)
        rect = image.get_rect(**anchor)
        self.surface.blit(image, rect)
        self.record(text, rect)
        return rect


def types_text(name: str) -> bool:
    """Whether a key (pygame name) types a character on a screen that takes typing: letters,
    digits, punctuation and Space do; Esc, Enter, arrows and function keys do not."""
    return len(name) == 1 or name == "space"


def line_height(font: pygame.font.Font) -> int:
    """The height a rendered line takes: pygame renders a line its line size tall, a few
    pixels more than `get_height()`, and boxes must hold the rendered line."""
    return max(font.get_height(), font.get_linesize())


def more_marks(canvas: Canvas, rows: pygame.Rect, above: bool, below: bool) -> None:
    """Arrows beside a scrolled list where rows are hidden above or below; clicking one moves
    the focus that way (as Up/Down do), so a mouse alone reaches every row."""
    x = rows.right + 30
    for show, tip_y, base_y, action in ((above, rows.top + 4, rows.top + 28, act.UP),
                                        (below, rows.bottom - 4, rows.bottom - 28, act.DOWN)):
        if show:
            pygame.draw.polygon(canvas.surface, canvas.theme.muted,
                                [(x - 16, base_y), (x + 16, base_y), (x, tip_y)])
            canvas.hits.append(Hit(pygame.Rect(x - 24, min(tip_y, base_y) - 6, 48, 36), action))


def visible_window(count: int, focus: int, rows: int) -> int:
    """The first of `rows` shown rows of a `count`-long list, so the focused row is shown."""
    return min(max(0, focus - rows + 1), max(0, count - rows))


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
