"""After a session that met the plan's safety thresholds: stop for today, calmly said, with
what to do and when to contact the therapist. One key (Enter) or a click goes on."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import SafetyView
from gmi_trainer.i18n import _
from gmi_trainer.ui.widgets import Canvas

LONG_TEXT_CHARS = 360


def draw_safety(canvas: Canvas, view: SafetyView) -> None:
    theme = canvas.theme
    canvas.text(view.title, (canvas.width // 2, 120), "title", bold=True, anchor="center")
    y = canvas.paragraph(_("You told us: ") + view.reasons,
                         pygame.Rect(160, 170, canvas.width - 320, 90), "body", theme.muted,
                         align="center") + 16
    box = pygame.Rect(140, y, canvas.width - 280, 610 - y)
    pygame.draw.rect(canvas.surface, theme.panel, box, border_radius=12)
    inner = box.inflate(-48, -36)
    # A clinic's longer text (the plan allows 400 + 240 characters) still fits the box at
    # the largest text size in the smaller type.
    size = "body" if len(view.advice) + len(view.contact) <= LONG_TEXT_CHARS else "small"
    y = canvas.paragraph(view.advice, inner, size) + 18
    canvas.paragraph(view.contact, pygame.Rect(inner.x, y, inner.w, inner.bottom - y), size,
                     theme.accent)
    canvas.button(pygame.Rect(canvas.width // 2 - 220, 640, 440, 110), _("I understand"),
                  act.CONFIRM, hint=_("(Enter or click)"), primary=True)
