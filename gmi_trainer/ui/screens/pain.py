"""Pain now, 0 to 10: arrows, number keys or a click."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import PainView
from gmi_trainer.i18n import N_, _
from gmi_trainer.ui.widgets import Canvas, Hit

SCALE_BOX = 96  # each number's square, in canvas pixels


def draw_pain(canvas: Canvas, view: PainView) -> None:
    """A 0-10 rating: pain of one kind, or a weekly interference item. With a "none today"
    answer, its button sits beside Continue, one click (or 0 then Enter) away."""
    theme = canvas.theme
    middle = canvas.width // 2
    bottom = canvas.bottom_hint(_("Left/Right arrows or 0-9 to choose, or click a number.")) - 12
    buttons_top = bottom - 110
    y = 90
    if view.step:
        y = canvas.text(view.step, (middle, y), "small", theme.muted, anchor="midtop").bottom
    # A question that wraps (large text) pushes the hint and the scale down, never over them;
    # the scale, its anchors and a message must still fit above the buttons.
    scale_h = SCALE_BOX + 18 + canvas.line_h("small") + (canvas.line_h("body") + 8 if view.message else 0)
    room = buttons_top - 16 - scale_h - y
    hint_h = min(canvas.paragraph_height(view.hint, canvas.width - 160, "body"), room // 3) \
        if view.hint else 0
    below = canvas.paragraph(view.question, pygame.Rect(80, y, canvas.width - 160, room - hint_h),
                             "title", align="center")
    if view.hint:
        below = canvas.paragraph(view.hint, pygame.Rect(80, below + 4, canvas.width - 160, hint_h),
                                 "body", theme.muted, align="center")
    top = max(below + 16, (below + buttons_top - scale_h) // 2)
    y = draw_scale(canvas, view.value, top, view.low_anchor, view.high_anchor)
    if view.message:
        canvas.text(view.message, (middle, y + 8), "body", theme.warn, anchor="midtop")
    if view.none_label:
        canvas.button(pygame.Rect(middle - 430, buttons_top, 410, 110), view.none_label, act.SELECT,
                      "none", hint=_("(0, Enter)"))
        continue_rect = pygame.Rect(middle + 20, buttons_top, 410, 110)
    else:
        continue_rect = pygame.Rect(middle - 200, buttons_top, 400, 110)
    canvas.button(continue_rect, _("Continue"), act.CONFIRM, hint=_("(Enter)"),
                  enabled=view.value is not None, primary=True)


def draw_scale(canvas: Canvas, chosen_value: int | None, top: int,
               low_anchor: str = N_("0 = no pain"),
               high_anchor: str = N_("10 = worst pain imaginable")) -> int:
    """The 0-10 row of numbers, each clickable, with its two anchors underneath; returns
    the y under the anchors."""
    theme = canvas.theme
    size, gap = SCALE_BOX, 10
    left = (canvas.width - (11 * size + 10 * gap)) // 2
    for value in range(11):
        rect = pygame.Rect(left + value * (size + gap), top, size, size)
        chosen = value == chosen_value
        pygame.draw.rect(canvas.surface, theme.accent if chosen else theme.button, rect,
                         border_radius=12)
        if chosen:
            pygame.draw.rect(canvas.surface, theme.text, rect, width=4, border_radius=12)
        canvas.text(str(value), rect.center, "large", theme.accent_text if chosen else theme.text,
                    True, "center")
        canvas.hits.append(Hit(rect, act.SELECT, value))
    low = canvas.text(_(low_anchor), (left, top + size + 18), "small", theme.muted,
                      max_width=11 * size // 2)
    high = canvas.text(_(high_anchor), (left + 11 * size + 10 * gap, top + size + 18), "small",
                       theme.muted, anchor="topright", max_width=11 * size // 2)
    return max(low.bottom, high.bottom)

