"""The pause overlay: the screen underneath dimmed, Resume or End on top."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import PausedView
from gmi_trainer.ui.widgets import Canvas


def draw_paused(canvas: Canvas, view: PausedView) -> None:
    theme = canvas.theme
    # Nothing underneath can be clicked while paused; only this box's buttons.
    canvas.hits.clear()
    canvas.click_fallback.clear()
    shade = pygame.Surface((canvas.width, canvas.height), pygame.SRCALPHA)
    shade.fill((0, 0, 0, 190))
    canvas.surface.blit(shade, (0, 0))
    box = pygame.Rect(0, 0, 760, 460)
    box.center = (canvas.width // 2, canvas.height // 2)
    pygame.draw.rect(canvas.surface, theme.panel, box, border_radius=18)
    canvas.text(view.title, (box.centerx, box.top + 64), "title", bold=True, anchor="center")
    canvas.text(view.subtitle, (box.centerx, box.top + 124),
                "body", theme.muted, anchor="center")
    for i, option in enumerate(view.options):
        rect = pygame.Rect(box.left + 60, box.top + 170 + i * 130, box.width - 120, 110)
        canvas.button(rect, option.label, act.SELECT, option.id, hint=f"({option.hint})",
                      focused=i == view.focus, primary=i == view.focus)
