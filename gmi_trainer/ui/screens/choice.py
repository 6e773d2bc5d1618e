"""A question with a few answers (first-time setup)."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import ChoiceView
from gmi_trainer.i18n import _
from gmi_trainer.ui.widgets import Canvas


def draw_choice(canvas: Canvas, view: ChoiceView) -> None:
    canvas.text(view.title, (canvas.width // 2, 130), "title", bold=True, anchor="center")
    below = canvas.paragraph(view.body, pygame.Rect(140, 180, canvas.width - 280, 80), "body",
                             canvas.theme.muted, align="center")
    top = max(290, below + 20)  # a longer message (a plan that cannot be opened) pushes down
    # Up to four answers as big buttons; more (a 7-point scale) closer together, still whole.
    pitch, height = (105, 88) if len(view.options) <= 4 else (57, 50)
    for i, option in enumerate(view.options):
        rect = pygame.Rect(canvas.width // 2 - 330, top + i * pitch, 660, height)
        canvas.button(rect, f"{option.hint}.  {option.label}" if option.hint else option.label,
                      act.SELECT, option.id, focused=i == view.focus)
    canvas.text(_("Up/Down arrows and Enter, a number key, or click."), (canvas.width // 2, 760),
                "small", canvas.theme.muted, anchor="center")
