"""'Anything unusual?': tick what happened, then Done."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import ChecklistView
from gmi_trainer.i18n import _
from gmi_trainer.ui.widgets import Canvas, Hit


def draw_checklist(canvas: Canvas, view: ChecklistView) -> None:
    theme = canvas.theme
    canvas.text(view.title, (canvas.width // 2, 120), "title", bold=True, anchor="center")
    canvas.paragraph(view.body, pygame.Rect(120, 160, canvas.width - 240, 60), "body",
                     theme.muted, align="center")
    for i, item in enumerate(view.items):
        rect = pygame.Rect(220, 220 + i * 68, canvas.width - 440, 58)
        focused = i == view.focus
        pygame.draw.rect(canvas.surface, theme.button, rect, border_radius=10)
        if focused:
            pygame.draw.rect(canvas.surface, theme.text, rect, width=3, border_radius=10)
        tick = pygame.Rect(rect.x + 16, rect.y + 11, 36, 36)
        pygame.draw.rect(canvas.surface, theme.text, tick, width=3, border_radius=6)
        if item.id in view.checked:
            pygame.draw.rect(canvas.surface, theme.accent, tick.inflate(-10, -10), border_radius=4)
        canvas.text(f"{item.hint}.  {item.label}", (tick.right + 20, rect.centery), "body",
                    anchor="midleft")
        canvas.hits.append(Hit(rect, act.SELECT, item.id))
    done = pygame.Rect(canvas.width // 2 - 220, 640, 440, 100)
    canvas.button(done, _("Done"), act.SELECT, "done", hint=_("(Enter)"),
                  focused=view.focus == len(view.items), primary=True)
    canvas.text(_("Up/Down choose; Left/Right, 1-{items} or a click tick; "
                "Enter: Done.").format(items=len(view.items)), (canvas.width // 2, 770), "small", theme.muted, anchor="center")
