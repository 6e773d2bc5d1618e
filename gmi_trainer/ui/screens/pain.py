"""Pain now, 0 to 10: arrows, number keys or a click."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import PainView
from gmi_trainer.ui.widgets import Canvas, Hit


def draw_pain(canvas: Canvas, view: PainView) -> None:
    theme = canvas.theme
    canvas.text(view.question, (canvas.width // 2, 170), "title", bold=True, anchor="center")
    draw_scale(canvas, view.value, 290)
    if view.message:
        canvas.text(view.message, (canvas.width // 2, 490), "body", theme.warn, anchor="center")
    canvas.button(pygame.Rect(canvas.width // 2 - 200, 560, 400, 110), "Continue",
                  act.CONFIRM, hint="(Enter)", enabled=view.value is not None, primary=True)
    canvas.text("Left/Right arrows or 0-9 to choose, or click a number.",
                (canvas.width // 2, 760), "small", theme.muted, anchor="center")


def draw_scale(canvas: Canvas, chosen_value: int | None, top: int) -> None:
    """The 0-10 row of numbers, each clickable, with its two anchors underneath."""
    theme = canvas.theme
    size, gap = 96, 10
    left = (canvas.width - (11 * size + 10 * gap)) // 2
    for value in range(11):
        rect = pygame.Rect(left + value * (size + gap), top, size, size)
        chosen = value == chosen_value
        pygame.draw.rect(canvas.surface, theme.accent if chosen else theme.button, rect,
                         border_radius=12)
        if chosen:
            pygame.draw.rect(canvas.surface, theme.text, rect, width=4, border_radius=12)
        canvas.text(str(value), rect.center, "large", theme.accent_text if chosen else theme.text,
                    True, "center")
        canvas.hits.append(Hit(rect, act.SELECT, value))
    canvas.text("0 = no pain", (left, top + 114), "small", theme.muted)
    canvas.text("10 = worst pain imaginable", (left + 11 * size + 10 * gap, top + 114), "small",
                theme.muted, anchor="topright")

