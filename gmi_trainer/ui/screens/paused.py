"""The pause overlay: the screen underneath dimmed, Resume or End on top."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import PausedView
from gmi_trainer.ui.widgets import EDGE_MARGIN, Canvas

BOX_W = 760
PAD = 36


def draw_paused(canvas: Canvas, view: PausedView) -> None:
    theme = canvas.theme
    # Nothing underneath can be clicked or read while paused; only this box's buttons. The
    # screen under it stays as a dim backdrop (where the patient was), its texts set apart.
    canvas.cover()
    shade = pygame.Surface((canvas.width, canvas.height), pygame.SRCALPHA)
    shade.fill((0, 0, 0, 190))
    canvas.surface.blit(shade, (0, 0))
    width = min(BOX_W, canvas.width - 2 * EDGE_MARGIN)
    inner_w = width - 2 * PAD
    # The box is as tall as what it holds at this text size, measured before drawing.
    title_h = canvas.line_h("title", bold=True)
    subtitle_h = canvas.paragraph_height(view.subtitle, inner_w, "body")
    button_h = max(100, canvas.line_h("large", True) + canvas.line_h("small") + 28)
    height = PAD + title_h + 8 + subtitle_h + 16 + len(view.options) * (button_h + 20) + PAD - 20
    height = min(height, canvas.height - 2 * EDGE_MARGIN)
    box = pygame.Rect(0, 0, width, height)
    box.center = (canvas.width // 2, canvas.height // 2)
    pygame.draw.rect(canvas.surface, theme.panel, box, border_radius=18)
    y = canvas.text(view.title, (box.centerx, box.top + PAD), "title", bold=True, anchor="midtop",
                    max_width=inner_w).bottom + 8
    y = canvas.paragraph(view.subtitle, pygame.Rect(box.left + PAD, y, inner_w, subtitle_h),
                         "body", theme.muted, align="center") + 16
    button_h = min(button_h, (box.bottom - PAD + 20 - y) // max(1, len(view.options)) - 20)
    for i, option in enumerate(view.options):
        rect = pygame.Rect(box.left + PAD, y + i * (button_h + 20), inner_w, button_h)
        canvas.button(rect, option.label, act.SELECT, option.id, hint=f"({option.hint})",
                      focused=i == view.focus, primary=i == view.focus)
