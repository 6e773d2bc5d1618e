"""A phase's instructions, with any notice (a phase not available, pictures missing)."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.i18n import _
from gmi_trainer.core.views import InstructionView
from gmi_trainer.ui.widgets import EDGE_MARGIN, Canvas


def draw_instruction(canvas: Canvas, view: InstructionView) -> None:
    theme = canvas.theme
    button = pygame.Rect(canvas.width // 2 - 220, canvas.height - EDGE_MARGIN - 16 - 110, 440, 110)
    y = canvas.text(view.title, (canvas.width // 2, 84), "title", bold=True, anchor="midtop").bottom + 12
    notice_h = 110 if view.notice else 0
    y = canvas.paragraph(view.body, pygame.Rect(120, y, canvas.width - 240,
                                                button.top - 20 - notice_h - 16 - y), "body")
    if view.notice:
        box = pygame.Rect(120, y + 16, canvas.width - 240, notice_h)
        pygame.draw.rect(canvas.surface, theme.panel, box, border_radius=10)
        pygame.draw.rect(canvas.surface, theme.warn, box, width=3, border_radius=10)
        canvas.paragraph(view.notice, box.inflate(-36, -28), "body", theme.warn)
    starts = any(word in view.prompt.lower() for word in ("begin", "start"))
    canvas.button(button, _("Begin") if starts else _("Continue"), act.CONFIRM, hint=_("(Enter or click)"),
                  primary=True)
