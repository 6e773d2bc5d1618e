"""'Anything unusual?': tick what happened, then Done."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import ChecklistView
from gmi_trainer.i18n import _
from gmi_trainer.ui.widgets import Canvas, Hit


def draw_checklist(canvas: Canvas, view: ChecklistView) -> None:
    theme = canvas.theme
    bottom = canvas.bottom_hint(_("Up/Down choose; Left/Right, 1-{items} or a click tick; "
                                  "Enter: Done.").format(items=len(view.items))) - 10
    y = canvas.text(view.title, (canvas.width // 2, 84), "title", bold=True, anchor="midtop").bottom
    y = canvas.paragraph(view.body, pygame.Rect(120, y, canvas.width - 240, 60), "body",
                         theme.muted, align="center", grow=True) + 8
    done_h = max(80, min(100, canvas.line_h("large", True) + canvas.line_h("small") + 24))
    # The rows share what the title, the question and Done leave, up to their usual height.
    pitch = max(34, min(68, (bottom - done_h - 12 - y) // max(1, len(view.items))))
    height = pitch - 10 if pitch > 44 else pitch - 4
    for i, item in enumerate(view.items):
        rect = pygame.Rect(220, y + i * pitch, canvas.width - 440, height)
        focused = i == view.focus
        pygame.draw.rect(canvas.surface, theme.button, rect, border_radius=10)
        if focused:
            pygame.draw.rect(canvas.surface, theme.text, rect, width=3, border_radius=10)
        side = min(36, height - 12)
        tick = pygame.Rect(rect.x + 16, rect.centery - side // 2, side, side)
        pygame.draw.rect(canvas.surface, theme.text, tick, width=3, border_radius=6)
        if item.id in view.checked:
            pygame.draw.rect(canvas.surface, theme.accent, tick.inflate(-10, -10), border_radius=4)
        canvas.text(f"{item.hint}.  {item.label}", (tick.right + 20, rect.centery), "body",
                    anchor="midleft", max_width=rect.right - tick.right - 36, max_height=height - 4)
        canvas.hits.append(Hit(rect, act.SELECT, item.id))
    done = pygame.Rect(canvas.width // 2 - 220, y + len(view.items) * pitch + 6, 440, done_h)
    canvas.button(done, _("Done"), act.SELECT, "done", hint=_("(Enter)"),
                  focused=view.focus == len(view.items), primary=True)
