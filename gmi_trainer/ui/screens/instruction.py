"""A phase's instructions, with any notice (a phase not available, pictures missing)."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import InstructionView
from gmi_trainer.i18n import _
from gmi_trainer.ui.widgets import Canvas


def draw_instruction(canvas: Canvas, view: InstructionView) -> None:
    theme = canvas.theme
    canvas.text(view.title, (canvas.width // 2, 130), "title", bold=True, anchor="center")
    y = canvas.paragraph(view.body, pygame.Rect(120, 190, canvas.width - 240, 360), "body")
    if view.notice:
        box = pygame.Rect(120, max(y + 16, 470), canvas.width - 240, 110)
        pygame.draw.rect(canvas.surface, theme.panel, box, border_radius=10)
        pygame.draw.rect(canvas.surface, theme.warn, box, width=3, border_radius=10)
        canvas.paragraph(view.notice, box.inflate(-36, -28), "body", theme.warn)
    starts = any(word in view.prompt.lower() for word in ("begin", "start"))
    canvas.button(pygame.Rect(canvas.width // 2 - 220, 620, 440, 110),
                  _("Begin") if starts else _("Continue"), act.CONFIRM, hint=_("(Enter or click)"),
                  primary=True)
