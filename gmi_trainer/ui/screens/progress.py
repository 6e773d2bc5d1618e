"""Progress over days: pages of charts (Left/Right turn them) and the table of sessions,
newest first. The charts are drawn by matplotlib (imported only when this screen first
draws a chart) into an RGBA buffer that becomes a pygame surface."""

from __future__ import annotations

from typing import Any

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.i18n import _
from gmi_trainer.core.progress import PAGE_TITLES
from gmi_trainer.core.progress import PROGRESS_PAGE_ROWS
from gmi_trainer.core.views import ProgressView
from gmi_trainer.ui.widgets import EDGE_MARGIN, Canvas

COLUMN_X = (60, 310, 560, 660, 880, 1060)
BUTTON_H = 100
# The chart's size at text size 1 on the smallest canvas; `bench progress` times charts of it.
CHART_RECT = pygame.Rect(40, 184, 1200, 446)
# Drawn charts, keyed by the data's identity, page and size: turning back to a page is
# instant. The data object is kept with its surface so its id cannot be reused.
_charts: dict[tuple[int, str, tuple[int, int]], tuple[Any, pygame.Surface]] = {}


def chart_surface(data: Any, page: str, size: tuple[int, int], high_contrast: bool = False,
                  text_scale: float = 1.0) -> pygame.Surface:
    """A page's chart in the screen's look: high contrast and the text size as the profile
    asks."""
    key = (id(data), page, size, high_contrast, text_scale)
    if key not in _charts:
        from gmi_trainer.charts.figures import draw, look_for, rgba

        pixels, got = rgba(draw(data, page, size, look_for(high_contrast, text_scale)))
        surface = pygame.image.frombuffer(pixels, got, "RGBA").copy()
        if len(_charts) > 12:
            _charts.clear()
        _charts[key] = (data, surface)
    return _charts[key][1]


def draw_progress(canvas: Canvas, view: ProgressView) -> None:
    theme = canvas.theme
    page = view.pages[view.page]
    title = view.title if page == "table" else _(PAGE_TITLES.get(page, page))
    buttons_top = canvas.height - EDGE_MARGIN - BUTTON_H
    bottom = buttons_top - 4
    if view.warnings:
        more = _(" (and {value} more)").format(value=len(view.warnings) - 1) if len(view.warnings) > 1 else ""
        bottom -= canvas.line_h("small")
        canvas.paragraph(_("Note: ") + view.warnings[0] + more,
                         pygame.Rect(60, bottom, canvas.width - 120, canvas.line_h("small")),
                         "small", theme.warn)
        bottom -= 4
    counter = _("Page {value} of {pages}").format(value=view.page + 1, pages=len(view.pages)) if len(view.pages) > 1 else ""
    counter_w = canvas.fonts.get("body").size(counter)[0] + 24 if counter else 0
    y = canvas.text(title, (60, 84), "title", bold=True,
                    max_width=canvas.width - 120 - counter_w).bottom
    if counter:
        y = max(y, canvas.text(counter, (canvas.width - 60, 104), "body", theme.muted,
                               anchor="topright").bottom)
    if page == "table":
        _draw_table(canvas, view, y + 4, bottom)
    elif page == "alerts":
        _draw_alerts(canvas, view, y, bottom)
    else:
        y = canvas.paragraph(view.headline, pygame.Rect(60, y, canvas.width - 120, 2 * canvas.line_h("small")),
                             "small", theme.text) + 4
        chart = pygame.Rect(40, y, canvas.width - 80, bottom - 8 - y)
        canvas.surface.blit(chart_surface(view.data, page, chart.size, theme.high_contrast,
                                          theme.text_scale), chart)
    _draw_buttons(canvas, view, buttons_top)


def _draw_table(canvas: Canvas, view: ProgressView, top: int, bottom: int) -> None:
    theme = canvas.theme
    rights = (*COLUMN_X[1:], canvas.width - 60)
    # The page's rows share the room between the headings and the footer; at a large text
    # size they are set smaller rather than pushed off the page (Up/Down turn whole pages).
    footer_h = canvas.line_h("small")
    pitch = min(max(40, canvas.line_h("small") + 4),
                (bottom - footer_h - 8 - top - canvas.line_h("small", True) - 12) // PROGRESS_PAGE_ROWS)
    for x, right, column in zip(COLUMN_X, rights, view.columns):
        canvas.text(column, (x, top), "small", theme.muted, bold=True, max_width=right - x - 12,
                    max_height=pitch)
    y = top + min(canvas.line_h("small", True), pitch) + 4
    pygame.draw.line(canvas.surface, theme.muted, (60, y), (canvas.width - 60, y), 2)
    y += 8
    rows = view.rows[view.first_row:view.first_row + PROGRESS_PAGE_ROWS]
    for i, row in enumerate(rows):
        for x, right, cell in zip(COLUMN_X, rights, row):
            color = theme.warn if cell.startswith(_("incomplete")) or _("PAIN ALERT") in cell \
                else theme.text
            # Shrunk to its column, never over the next one.
            canvas.text(cell, (x, y + i * pitch), "small", color, max_width=right - x - 12,
                        max_height=pitch - 2)
    y += PROGRESS_PAGE_ROWS * pitch
    if view.rows:
        shown = _("Sessions {value}-{value2} of {rows}").format(value=view.first_row + 1, value2=view.first_row + len(rows), rows=len(view.rows))
        canvas.text(shown + ".  " + view.footer, (60, y), "small", theme.muted, max_height=footer_h)
    else:
        canvas.text(view.footer, (60, y), "small", theme.muted, max_height=footer_h)


def _draw_alerts(canvas: Canvas, view: ProgressView, top: int, bottom: int) -> None:
    """Flagged sessions first: when, pain before -> after, and why the patient was told to
    stop for the day."""
    theme = canvas.theme
    y = canvas.paragraph(view.headline, pygame.Rect(60, top + 4, canvas.width - 120, 56), "small",
                         theme.text, grow=True) + 8
    row_h = 3 * canvas.line_h("small") + 8
    shown = max(0, min(8, (bottom - canvas.line_h("small") - y) // row_h))
    for when, pain, why in view.alert_rows[:shown]:
        canvas.text(when, (60, y), "small", theme.warn, bold=True, max_width=300 - 60 - 12)
        canvas.text(_("pain {pain}").format(pain=pain), (310, y), "small", theme.text, max_width=500 - 310 - 12)
        y = canvas.paragraph(why, pygame.Rect(500, y, canvas.width - 560, row_h - 8), "small",
                             theme.text) + 8
    if len(view.alert_rows) > shown:
        canvas.text(_("... and {value} earlier (see the table).").format(value=len(view.alert_rows) - shown), (60, y),
                    "small", theme.muted)


def _draw_buttons(canvas: Canvas, view: ProgressView, top: int) -> None:
    if len(view.pages) > 1:
        canvas.button(pygame.Rect(60, top, 300, BUTTON_H), _("< Previous"), act.SELECT, "previous",
                      hint=_("(Left arrow)"))
        canvas.button(pygame.Rect(380, top, 300, BUTTON_H), _("Next >"), act.SELECT, "next",
                      hint=_("(Right arrow)"))
    canvas.button(pygame.Rect(canvas.width - 420, top, 360, BUTTON_H), _(view.back_label),
                  act.SELECT, "back", hint=_("(Enter)"), primary=True)
