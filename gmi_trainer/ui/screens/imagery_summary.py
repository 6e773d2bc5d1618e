"""End of an imagery block: each picture's imagined-movement times, last time's, and pain."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.i18n import N_, _, format_number, ngettext
from gmi_trainer.core.views import ImageryPictureFigures, ImagerySummaryView
from gmi_trainer.ui.widgets import EDGE_MARGIN, Canvas

MAX_ROWS = 7  # more pictures than this: the rest are counted (all are in the records)
ROW_HEIGHT = 40
MAX_TIMES = 5  # movement times that fit in their column
# (heading, x) of each column, in canvas pixels
COLUMNS = ((N_("Position"), 60), (N_("Movements"), 290), (N_("Each movement (s)"), 500),
           (N_("Median"), 800), (N_("Last time"), 940), (N_("Hurt (0-10)"), 1090))


def draw_imagery_summary(canvas: Canvas, view: ImagerySummaryView) -> None:
    theme = canvas.theme
    button = pygame.Rect(canvas.width // 2 - 220, canvas.height - EDGE_MARGIN - 96, 440, 96)
    y = canvas.text(view.block_title, (60, 84), "title", bold=True).bottom + 4
    # Each heading and cell is shrunk to its column, never over the next one.
    rights = [x for _, x in COLUMNS[1:]] + [canvas.width - 60]
    for (heading, x), right in zip(COLUMNS, rights):
        canvas.text(_(heading), (x, y), "small", theme.muted, max_width=right - x - 12)
    y += canvas.line_h("small") + 2
    pygame.draw.line(canvas.surface, theme.button, (60, y), (canvas.width - 60, y), 2)
    y += 8
    row_h = max(ROW_HEIGHT, canvas.line_h("small") + 4)
    # What follows the rows, measured, so the rows stop before it rather than run into it.
    after = (row_h + 12 + canvas.line_h("body", True) + 12
             + canvas.paragraph_height(view.previous_text, canvas.width - 120, "small")
             + (canvas.paragraph_height(view.pain_text, canvas.width - 120, "small") + 4
                if view.pain_text else 0))
    rows = max(1, min(MAX_ROWS, (button.top - 12 - after - y) // row_h))
    if len(view.pictures) == rows + 1 and rows < MAX_ROWS:
        rows += 1  # the last row takes the place of the line that would count it
    for figures in view.pictures[:rows]:
        for (_heading, x), right, cell in zip(COLUMNS, rights, _cells(figures)):
            canvas.text(cell, (x, y), "small", max_width=right - x - 12)
        y += row_h
    hidden = len(view.pictures) - rows
    if hidden > 0:
        more = ngettext("{hidden} more picture", "{hidden} more pictures", hidden).format(hidden=hidden)
        canvas.text(_("... and {more} (all are saved)").format(more=more), (60, y), "small",
                    theme.muted)
        y += row_h
    overall = (_("no movements timed") if view.median_movement_ms is None else
               _("median {value:.1f} s per movement "
                 "({movements} movements)").format(value=view.median_movement_ms / 1000, movements=view.movements))
    y = canvas.text(_("All pictures: {overall}").format(overall=overall), (60, y + 12), "body", bold=True).bottom + 12
    y = canvas.paragraph(view.previous_text, pygame.Rect(60, y, canvas.width - 120, button.top - 8 - y),
                         "small", theme.muted)
    if view.pain_text:
        canvas.paragraph(view.pain_text, pygame.Rect(60, y + 4, canvas.width - 120, button.top - 12 - y),
                         "small", theme.warn)
    canvas.button(button, _("Continue"), act.CONFIRM,
                  hint=_("(Enter or click)"), primary=True)


def _cells(figures: ImageryPictureFigures) -> tuple[str, ...]:
    if figures.outcome == "skipped" and not figures.repetitions_done:
        done = _("skipped")
    else:
        done = _("{repetitions_done} of {repetitions}").format(repetitions_done=figures.repetitions_done, repetitions=figures.repetitions)
        if figures.outcome != "done":
            done += _(" (time up)") if figures.outcome == "timed_out" else _(" (skipped)")
    shown = figures.movement_ms[:MAX_TIMES]
    times = "  ".join(format_number(ms / 1000, 1) for ms in shown) or "-"
    if len(figures.movement_ms) > MAX_TIMES:  # the column holds five; the rest are saved
        times += f"  +{len(figures.movement_ms) - MAX_TIMES}"
    return (
        figures.posture_label,
        done,
        times,
        "-" if figures.median_ms is None else _("{seconds:.1f} s").format(seconds=figures.median_ms / 1000),
        "-" if figures.previous_median_ms is None else _("{seconds:.1f} s").format(
            seconds=figures.previous_median_ms / 1000),
        "-" if figures.pain_rating is None else str(figures.pain_rating),
    )
