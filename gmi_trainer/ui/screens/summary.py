"""The end of a session: what was done, pain before and after, and where it is saved."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.i18n import _
from gmi_trainer.core.views import SummaryView
from gmi_trainer.ui.widgets import EDGE_MARGIN, Canvas


def draw_summary(canvas: Canvas, view: SummaryView) -> None:
    button = pygame.Rect(canvas.width // 2 - 260, canvas.height - EDGE_MARGIN - 16 - 110, 520, 110)
    y = canvas.text(view.title, (canvas.width // 2, 84), "title", bold=True,
                    anchor="midtop").bottom + 12
    # The lines share the room above the button; each is shrunk to its share if need be.
    share = (button.top - 16 - y) // max(1, len(view.lines)) - 8
    for line in view.lines:
        y = canvas.paragraph(line, pygame.Rect(160, y, canvas.width - 320, min(100, share)),
                             "body") + 8
    canvas.button(button, _(view.button), act.CONFIRM, hint=_("(Enter or click)"), primary=True)
