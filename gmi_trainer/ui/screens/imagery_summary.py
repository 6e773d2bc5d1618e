"""End of an imagery block: each picture's imagined-movement times, last time's, and pain."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import ImageryPictureFigures, ImagerySummaryView
from gmi_trainer.i18n import N_, _, ngettext
from gmi_trainer.ui.widgets import Canvas

MAX_ROWS = 7  # more pictures than this: the rest are counted (all are in the records)
ROW_HEIGHT = 40
MAX_TIMES = 5  # movement times that fit in their column
# (heading, x) of each column, in canvas pixels
COLUMNS = ((N_("Position"), 60), (N_("Movements"), 290), (N_("Each movement (s)"), 500),
           (N_("Median"), 800), (N_("Last time"), 940), (N_("Hurt (0-10)"), 1090))


def draw_imagery_summary(canvas: Canvas, view: ImagerySummaryView) -> None:
    theme = canvas.theme
    canvas.text(view.block_title, (60, 96), "title", bold=True)
    y = 168
    for heading, x in COLUMNS:
        canvas.text(_(heading), (x, y), "small", theme.muted, max_width=_column_width(canvas, x))
    pygame.draw.line(canvas.surface, theme.button, (60, y + 34), (canvas.width - 60, y + 34), 2)
    y += 44
    for figures in view.pictures[:MAX_ROWS]:
        for (_heading, x), cell in zip(COLUMNS, _cells(figures)):
            canvas.text(cell, (x, y), "small", max_width=_column_width(canvas, x))
        y += ROW_HEIGHT
    hidden = len(view.pictures) - MAX_ROWS
    if hidden > 0:
        more = ngettext("{hidden} more picture", "{hidden} more pictures", hidden).format(hidden=hidden)
        canvas.text(_("... and {more} (all are saved)").format(more=more), (60, y), "small",
                    theme.muted)
        y += ROW_HEIGHT
    overall = (_("no movements timed") if view.median_movement_ms is None else
               _("median {value:.1f} s per movement "
               "({movements} movements)").format(value=view.median_movement_ms / 1000, movements=view.movements))
    canvas.text(_("All pictures: {overall}").format(overall=overall), (60, y + 12), "body", bold=True)
    y = canvas.paragraph(view.previous_text, pygame.Rect(60, y + 62, canvas.width - 120, 40),
                         "small", theme.muted)
    if view.pain_text:
        canvas.paragraph(view.pain_text, pygame.Rect(60, y + 4, canvas.width - 120, 70),
                         "small", theme.warn)
    canvas.button(pygame.Rect(canvas.width // 2 - 220, 690, 440, 96), _("Continue"), act.CONFIRM,
                  hint=_("(Enter or click)"), primary=True)


def _column_width(canvas: Canvas, x: int) -> int:
    """Room for a cell up to the next column (a longer word in another language shrinks)."""
    rights = [other for _heading, other in COLUMNS if other > x] + [canvas.width - 48]
    return rights[0] - x - 12


def _cells(figures: ImageryPictureFigures) -> tuple[str, ...]:
    if figures.outcome == "skipped" and not figures.repetitions_done:
        done = _("skipped")
    else:
        done = _("{repetitions_done} of {repetitions}").format(repetitions_done=figures.repetitions_done, repetitions=figures.repetitions)
        if figures.outcome != "done":
            done += _(" (time up)") if figures.outcome == "timed_out" else _(" (skipped)")
    shown = figures.movement_ms[:MAX_TIMES]
    times = "  ".join(f"{ms / 1000:.1f}" for ms in shown) or "-"
    if len(figures.movement_ms) > MAX_TIMES:  # the column holds five; the rest are saved
        times += f"  +{len(figures.movement_ms) - MAX_TIMES}"
    return (
        figures.posture_label,
        done,
        times,
        "-" if figures.median_ms is None else f"{figures.median_ms / 1000:.1f} s",
        "-" if figures.previous_median_ms is None else f"{figures.previous_median_ms / 1000:.1f} s",
        "-" if figures.pain_rating is None else str(figures.pain_rating),
    )
