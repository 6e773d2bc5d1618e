"""An optional note, typed. Letters type here, so Esc or the Pause button pauses."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.i18n import _
from gmi_trainer.core.views import NoteView
from gmi_trainer.profiles.model import spoken_keys
from gmi_trainer.ui.widgets import Canvas, types_text


def draw_note(canvas: Canvas, view: NoteView, cursor_on: bool) -> None:
    theme = canvas.theme
    bottom = canvas.bottom_hint(_pause_hint(canvas))
    button = pygame.Rect(canvas.width // 2 - 220, bottom - 16 - 110, 440, 110)
    y = canvas.text(view.title, (canvas.width // 2, 84), "title", bold=True, anchor="midtop").bottom
    y = canvas.paragraph(view.body, pygame.Rect(120, y, canvas.width - 240, 60), "body",
                         theme.muted, align="center", grow=True) + 12
    counter_h = canvas.line_h("small") + 10
    box = pygame.Rect(120, y, canvas.width - 240, min(260, button.top - 12 - counter_h - y))
    pygame.draw.rect(canvas.surface, theme.panel, box, border_radius=10)
    pygame.draw.rect(canvas.surface, theme.accent, box, width=3, border_radius=10)
    text = view.text + ("|" if cursor_on else " ")
    canvas.paragraph(text, box.inflate(-40, -36), "body")
    canvas.text(f"{len(view.text)} / {view.max_chars}", (box.right, box.bottom + 10), "small",
                theme.muted, anchor="topright")
    canvas.button(button,
                  _("Save note") if view.text.strip() else _("No note, continue"), act.CONFIRM,
                  hint=_("(Enter)"), primary=True)


def _pause_hint(canvas: Canvas) -> str:
    """Which keys pause here, where letters and Space type: the patient's own pause keys
    that cannot type, or the Pause button alone when every one of them types."""
    keys = canvas.keys_for(act.PAUSE)
    typing = [k for k in keys if types_text(k)]
    other = [k for k in keys if not types_text(k)]
    if (typing, other) == (["space", "p"], ["escape"]):
        return _("While typing, Space and P type letters: pause with Esc or the Pause button.")
    if other:
        return _("While typing, letters type: pause with {keys} or the Pause button.").format(keys=spoken_keys(other))
    return _("While typing, letters type: pause with the Pause button.")
