"""A question with a few answers (first-time setup), or a list to choose from (therapist
mode's patients and plans), which scrolls with the focus."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import ChoiceView
from gmi_trainer.i18n import _
from gmi_trainer.ui.widgets import Canvas, more_marks, visible_window


def draw_choice(canvas: Canvas, view: ChoiceView) -> None:
    numbered = any(option.hint for option in view.options)
    hint = (_("Up/Down arrows and Enter, a number key, or click.") if numbered
            else _("Up/Down arrows and Enter, or click."))
    bottom = canvas.bottom_hint(hint) - 12
    y = canvas.text(view.title, (canvas.width // 2, 96), "title", bold=True,
                    anchor="midtop").bottom + 4
    below = canvas.paragraph(view.body, pygame.Rect(140, y, canvas.width - 280, 80), "body",
                             canvas.theme.muted, align="center", grow=True) if view.body else y
    top = below + 16  # a longer message (a plan that cannot be opened) pushes down
    # Up to four answers as big buttons; more (a 7-point scale, a list of patients) closer
    # together. A list longer than the room shows the rows around the focus.
    pitch, height = (105, 88) if len(view.options) <= 4 else (57, 50)
    rows = max(1, (bottom - top + pitch - height) // pitch)
    first = visible_window(len(view.options), view.focus, rows)
    shown = view.options[first:first + rows]
    for i, option in enumerate(shown):
        index = first + i
        rect = pygame.Rect(canvas.width // 2 - 330, top + i * pitch, 660, height)
        canvas.button(rect, f"{option.hint}.  {option.label}" if option.hint else option.label,
                      act.SELECT, option.id, focused=index == view.focus)
    if len(shown) < len(view.options):
        more_marks(canvas, pygame.Rect(canvas.width // 2 - 330, top, 660, len(shown) * pitch - pitch + height),
                    above=first > 0, below=first + len(shown) < len(view.options))

