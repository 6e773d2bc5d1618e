"""A list of settings (therapist mode): the chosen row is outlined, its value can change."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.therapist import FormView
from gmi_trainer.i18n import _
from gmi_trainer.ui.widgets import Canvas, Hit

ROW_H = 50
VISIBLE_ROWS = 9  # rows end at y=664, above the message line (680) and the hint (740)


def draw_form(canvas: Canvas, view: FormView) -> None:
    theme = canvas.theme
    canvas.text(view.title, (60, 96), "title", bold=True, max_width=1160)
    first = min(max(0, view.focus - VISIBLE_ROWS + 1), max(0, len(view.rows) - VISIBLE_ROWS))
    for i, row in enumerate(view.rows[first:first + VISIBLE_ROWS]):
        index = first + i
        rect = pygame.Rect(60, 160 + i * (ROW_H + 6), canvas.width - 120, ROW_H)
        focused = index == view.focus
        pygame.draw.rect(canvas.surface, theme.button if focused else theme.panel, rect,
                         border_radius=8)
        if focused:
            pygame.draw.rect(canvas.surface, theme.accent, rect, width=3, border_radius=8)
        canvas.text(row.label, (rect.x + 18, rect.centery), "body", anchor="midleft",
                    max_width=640)
        canvas.hits.append(Hit(rect, act.SELECT, ("row", index)))
        if focused and row.adjustable:
            # The arrows are buttons too, for a mouse without a keyboard.
            less = pygame.Rect(rect.right - 330, rect.y + 4, 44, ROW_H - 8)
            more = pygame.Rect(rect.right - 50, rect.y + 4, 44, ROW_H - 8)
            for button, sign, action in ((less, "<", act.LEFT), (more, ">", act.RIGHT)):
                pygame.draw.rect(canvas.surface, theme.accent, button, border_radius=8)
                canvas.text(sign, button.center, "body", theme.accent_text, anchor="center")
                canvas.hits.append(Hit(button, action))
            canvas.text(row.value, (rect.right - 168, rect.centery), "body", theme.accent,
                        anchor="center", max_width=220)
        else:
            canvas.text(row.value, (rect.right - 18, rect.centery), "body", theme.text,
                        anchor="midright", max_width=480)
    if view.keypad:
        keys = [str(d) for d in range(1, 10)] + ["<-", "0", "OK"]
        for i, key in enumerate(keys):
            button = pygame.Rect(canvas.width // 2 - 180 + (i % 3) * 124, 240 + (i // 3) * 100,
                                 110, 86)
            action, value = ((act.BACK, None) if key == "<-" else (act.CONFIRM, None)
                             if key == "OK" else (act.SELECT, int(key)))
            canvas.button(button, key, action, value, size="large", primary=key == "OK")
    if len(view.rows) > VISIBLE_ROWS:
        canvas.text(_("{value} of {rows}").format(value=view.focus + 1, rows=len(view.rows)), (canvas.width - 60, 120), "small",
                    theme.muted, anchor="topright")
    if view.message:
        canvas.paragraph(view.message, pygame.Rect(60, 720 - 40, canvas.width - 120, 40), "small",
                         theme.warn)
    canvas.paragraph(view.hint, pygame.Rect(60, 740, canvas.width - 120, 60), "small", theme.muted)
