"""A list of settings (therapist mode): the chosen row is outlined, its value can change.
A list longer than the room scrolls with the focus."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.therapist import FormView
from gmi_trainer.i18n import _
from gmi_trainer.ui.widgets import Canvas, Hit, more_marks, visible_window

ROW_H = 50
ROW_GAP = 6


def draw_form(canvas: Canvas, view: FormView) -> None:
    theme = canvas.theme
    # From the bottom up: the hint, then the message; the rows get what is left.
    hint_h = canvas.paragraph_height(view.hint, canvas.width - 120, "small")
    hint_top = canvas.height - 8 - hint_h
    canvas.paragraph(view.hint, pygame.Rect(60, hint_top, canvas.width - 120, hint_h), "small",
                     theme.muted)
    bottom = hint_top - 8
    if view.message:
        message_h = min(2 * canvas.line_h("small") + 8, 90)
        bottom -= message_h
        canvas.paragraph(view.message, pygame.Rect(60, bottom, canvas.width - 120, message_h),
                         "small", theme.warn)
        bottom -= 8
    counter = _("{done} of {total}").format(done=view.focus + 1, total=len(view.rows))
    counter_w = canvas.fonts.get("small").size(counter)[0] + 20
    y = canvas.text(view.title, (60, 90), "title", bold=True,
                    max_width=canvas.width - 120 - counter_w).bottom + 8
    rows = max(1, (bottom - y + ROW_GAP) // (ROW_H + ROW_GAP))
    if view.keypad:
        rows = 1  # the PIN row; the digit pad takes the room under it
    first = visible_window(len(view.rows), view.focus, rows)
    shown = view.rows[first:first + rows]
    if len(shown) < len(view.rows):
        canvas.text(counter, (canvas.width - 60, 104), "small", theme.muted, anchor="topright")
    # The values get the room their widest needs (with the < > buttons on an adjustable
    # row); the labels get the rest, in one type size: the largest the longest shown fits.
    body = canvas.fonts.get("body")
    widest = max((body.size(r.value)[0] for r in shown), default=0)
    arrows = 2 * 44 + 24 if any(r.adjustable for r in shown) else 0
    value_w = min((canvas.width - 120) // 2, max(200, widest + arrows + 24))
    label_w = canvas.width - 120 - value_w - 36
    label_font = min((canvas.fitting_font(r.label, "body", False, label_w, ROW_H - 8) for r in shown),
                     key=lambda f: f.get_height())
    for i, row in enumerate(shown):
        index = first + i
        rect = pygame.Rect(60, y + i * (ROW_H + ROW_GAP), canvas.width - 120, ROW_H)
        focused = index == view.focus
        pygame.draw.rect(canvas.surface, theme.button if focused else theme.panel, rect,
                         border_radius=8)
        if focused:
            pygame.draw.rect(canvas.surface, theme.accent, rect, width=3, border_radius=8)
        canvas.line(row.label, label_font, theme.text, midleft=(rect.x + 18, rect.centery))
        canvas.hits.append(Hit(rect, act.SELECT, ("row", index)))
        value_room = value_w
        if focused and row.adjustable:
            # The arrows are buttons too, for a mouse without a keyboard.
            less = pygame.Rect(rect.right - value_room, rect.y + 4, 44, ROW_H - 8)
            more = pygame.Rect(rect.right - 50, rect.y + 4, 44, ROW_H - 8)
            for button, sign, action in ((less, "<", act.LEFT), (more, ">", act.RIGHT)):
                pygame.draw.rect(canvas.surface, theme.accent, button, border_radius=8)
                canvas.text(sign, button.center, "body", theme.accent_text, anchor="center",
                            max_height=button.h)
                canvas.hits.append(Hit(button, action))
            canvas.text(row.value, ((less.right + more.left) // 2, rect.centery), "body",
                        theme.accent, anchor="center", max_width=more.left - less.right - 12,
                        max_height=ROW_H - 8)
        else:
            canvas.text(row.value, (rect.right - 18, rect.centery), "body", theme.text,
                        anchor="midright", max_width=value_room, max_height=ROW_H - 8)
    if len(shown) < len(view.rows):
        more_marks(canvas, pygame.Rect(60, y, canvas.width - 120, len(shown) * (ROW_H + ROW_GAP) - ROW_GAP),
                   above=first > 0, below=first + len(shown) < len(view.rows))
    if view.keypad:
        keys = [str(d) for d in range(1, 10)] + ["<-", "0", "OK"]
        pad_top = y + ROW_H + 20
        step = max(40, min(100, (bottom - pad_top) // 4))
        for i, key in enumerate(keys):
            button = pygame.Rect(canvas.width // 2 - 180 + (i % 3) * 124, pad_top + (i // 3) * step,
                                 110, step - 14)
            action, value = ((act.BACK, None) if key == "<-" else (act.CONFIRM, None)
                             if key == "OK" else (act.SELECT, int(key)))
            canvas.button(button, key, action, value, size="large", primary=key == "OK")
