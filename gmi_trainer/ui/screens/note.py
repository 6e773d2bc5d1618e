"""An optional note, typed. Letters type here, so Esc or the Pause button pauses."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import NoteView
from gmi_trainer.i18n import _
from gmi_trainer.ui.widgets import Canvas


def draw_note(canvas: Canvas, view: NoteView, cursor_on: bool) -> None:
    theme = canvas.theme
    canvas.text(view.title, (canvas.width // 2, 130), "title", bold=True, anchor="center")
    canvas.paragraph(view.body, pygame.Rect(120, 180, canvas.width - 240, 60), "body",
                     theme.muted, align="center")
    box = pygame.Rect(120, 260, canvas.width - 240, 260)
    pygame.draw.rect(canvas.surface, theme.panel, box, border_radius=10)
    pygame.draw.rect(canvas.surface, theme.accent, box, width=3, border_radius=10)
    text = view.text + ("|" if cursor_on else " ")
    canvas.paragraph(text, box.inflate(-40, -36), "body")
    canvas.text(f"{len(view.text)} / {view.max_chars}", (box.right, box.bottom + 10), "small",
                theme.muted, anchor="topright")
    canvas.button(pygame.Rect(canvas.width // 2 - 220, 600, 440, 110),
                  _("Save note") if view.text.strip() else _("No note, continue"), act.CONFIRM,
                  hint=_("(Enter)"), primary=True)
    canvas.text(_("While typing, Space and P type letters: pause with Esc or the Pause button."),
                (canvas.width // 2, 760), "small", theme.muted, anchor="center")
