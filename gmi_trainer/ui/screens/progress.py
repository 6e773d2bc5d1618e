"""Progress over days: pages of charts (Left/Right turn them) and the table of sessions,
newest first. The charts are drawn by matplotlib (imported only when this screen first
draws a chart) into an RGBA buffer that becomes a pygame surface."""

from __future__ import annotations

from typing import Any

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.progress import PAGE_TITLES
from gmi_trainer.core.progress import PROGRESS_PAGE_ROWS
from gmi_trainer.core.views import ProgressView
from gmi_trainer.i18n import _
from gmi_trainer.ui.widgets import Canvas

COLUMN_X = (60, 310, 560, 660, 880, 1060)
CHART_RECT = pygame.Rect(40, 184, 1200, 446)
BUTTON_Y = 660
# Drawn charts, keyed by the data's identity, page, size and look: turning back to a page
# is instant. The data object is kept with its surface so its id cannot be reused.
_charts: dict[tuple[int, str, tuple[int, int], bool, float], tuple[Any, pygame.Surface]] = {}


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
    title_right = canvas.width - 60
    if len(view.pages) > 1:
        title_right = canvas.text(_("Page {value} of {pages}").format(value=view.page + 1, pages=len(view.pages)), (canvas.width - 60, 104),
                                  "body", theme.muted, anchor="topright").left - 24
    canvas.text(title, (60, 88), "title", bold=True, max_width=title_right - 60)
    if page == "table":
        _draw_table(canvas, view)
    elif page == "alerts":
        _draw_alerts(canvas, view)
    else:
        canvas.text(view.headline, (60, 146), "small", theme.text)
        canvas.surface.blit(chart_surface(view.data, page, CHART_RECT.size,
                                          theme.high_contrast, theme.text_scale), CHART_RECT)
    if view.warnings:
        more = _(" (and {value} more)").format(value=len(view.warnings) - 1) if len(view.warnings) > 1 else ""
        canvas.paragraph("Note: " + view.warnings[0] + more,
                         pygame.Rect(60, 632, canvas.width - 120, 28), "small", theme.warn)
    _draw_buttons(canvas, view)


def _draw_table(canvas: Canvas, view: ProgressView) -> None:
    theme = canvas.theme
    for x, right, column in zip(COLUMN_X, (*COLUMN_X[1:], canvas.width - 60), view.columns):
        canvas.text(column, (x, 170), "small", theme.muted, bold=True, max_width=right - x - 12)
    pygame.draw.line(canvas.surface, theme.muted, (60, 202), (canvas.width - 60, 202), 2)
    rows = view.rows[view.first_row:view.first_row + PROGRESS_PAGE_ROWS]
    for i, row in enumerate(rows):
        y = 212 + i * 40
        for x, right, cell in zip(COLUMN_X, (*COLUMN_X[1:], canvas.width - 60), row):
            color = theme.warn if cell.startswith(_("incomplete")) or _("PAIN ALERT") in cell \
                else theme.text
            # Shrunk to its column, never over the next one.
            canvas.text(cell, (x, y), "small", color, max_width=right - x - 12)
    if view.rows:
        shown = _("Sessions {value}-{value2} of {rows}").format(value=view.first_row + 1, value2=view.first_row + len(rows), rows=len(view.rows))
        canvas.text(shown + ".  " + view.footer, (60, 606), "small", theme.muted)
    else:
        canvas.text(view.footer, (60, 606), "small", theme.muted)


def _draw_alerts(canvas: Canvas, view: ProgressView) -> None:
    """Flagged sessions first: when, pain before -> after, and why the patient was told to
    stop for the day."""
    theme = canvas.theme
    canvas.paragraph(view.headline, pygame.Rect(60, 140, canvas.width - 120, 56), "small",
                     theme.text)
    y = 204
    for when, pain, why in view.alert_rows[:8]:
        canvas.text(when, (60, y), "small", theme.warn, bold=True)
        canvas.text(_("pain {pain}").format(pain=pain), (310, y), "small", theme.text)
        y = canvas.paragraph(why, pygame.Rect(500, y, canvas.width - 560, 52), "small",
                             theme.text) + 8
    if len(view.alert_rows) > 8:
        canvas.text(_("... and {value} earlier (see the table).").format(value=len(view.alert_rows) - 8), (60, y),
                    "small", theme.muted)


def _draw_buttons(canvas: Canvas, view: ProgressView) -> None:
    if len(view.pages) > 1:
        canvas.button(pygame.Rect(60, BUTTON_Y, 300, 100), _("< Previous"), act.SELECT, "previous",
                      hint=_("(Left arrow)"))
        canvas.button(pygame.Rect(380, BUTTON_Y, 300, 100), _("Next >"), act.SELECT, "next",
                      hint=_("(Right arrow)"))
    canvas.button(pygame.Rect(canvas.width - 420, BUTTON_Y, 360, 100), _("Back to home"),
                  act.SELECT, "back", hint=_("(Enter)"), primary=True)
