"""The end of a session: what was done, pain before and after, and where it is saved."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import SummaryView
from gmi_trainer.i18n import _
from gmi_trainer.ui.widgets import Canvas


def draw_summary(canvas: Canvas, view: SummaryView) -> None:
    canvas.text(view.title, (canvas.width // 2, 130), "title", bold=True, anchor="center")
    y = 210
    for line in view.lines:
        y = canvas.paragraph(line, pygame.Rect(160, y, canvas.width - 320, 100), "body") + 8
    canvas.button(pygame.Rect(canvas.width // 2 - 220, 630, 440, 110), _("Back to home"),
                  act.CONFIRM, hint=_("(Enter or click)"), primary=True)
