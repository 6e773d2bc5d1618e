"""Pain now, 0 to 10: arrows, number keys or a click."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import PainView
from gmi_trainer.i18n import _
from gmi_trainer.ui.widgets import Canvas, Hit


def draw_pain(canvas: Canvas, view: PainView) -> None:
    """A 0-10 rating: pain of one kind, or a weekly interference item. With a "none today"
    answer, its button sits beside Continue, one click (or 0 then Enter) away."""
    theme = canvas.theme
    middle = canvas.width // 2
    if view.step:
        canvas.text(view.step, (middle, 110), "small", theme.muted, anchor="center")
    # A question that wraps (large text) pushes the hint and the scale down, never over them.
    below = canvas.paragraph(view.question, pygame.Rect(80, 130, canvas.width - 160, 90),
                             "title", align="center")
    if view.hint:
        below = canvas.paragraph(view.hint, pygame.Rect(80, below + 4, canvas.width - 160, 40),
                                 "body", theme.muted, align="center")
    draw_scale(canvas, view.value, max(290, below + 16), view.low_anchor, view.high_anchor)
    if view.message:
        canvas.text(view.message, (middle, 490), "body", theme.warn, anchor="center")
    if view.none_label:
        canvas.button(pygame.Rect(middle - 430, 560, 410, 110), view.none_label, act.SELECT,
                      "none", hint=_("(0, Enter)"))
        continue_rect = pygame.Rect(middle + 20, 560, 410, 110)
    else:
        continue_rect = pygame.Rect(middle - 200, 560, 400, 110)
    canvas.button(continue_rect, _("Continue"), act.CONFIRM, hint=_("(Enter)"),
                  enabled=view.value is not None, primary=True)
    canvas.text(_("Left/Right arrows or 0-9 to choose, or click a number."),
                (middle, 760), "small", theme.muted, anchor="center")


def draw_scale(canvas: Canvas, chosen_value: int | None, top: int,
               low_anchor: str = "",
               high_anchor: str = "") -> None:
    """The 0-10 row of numbers, each clickable, with its two anchors underneath."""
    theme = canvas.theme
    size, gap = 96, 10
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
    low_anchor = low_anchor or _("0 = no pain")  # defaults in the patient's language, now
    high_anchor = high_anchor or _("10 = worst pain imaginable")
    canvas.text(low_anchor, (left, top + 114), "small", theme.muted)
    canvas.text(high_anchor, (left + 11 * size + 10 * gap, top + 114), "small",
                theme.muted, anchor="topright")

