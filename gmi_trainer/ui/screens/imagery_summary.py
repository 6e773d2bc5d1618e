"""End of an imagery block: each picture's imagined-movement times, last time's, and pain."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import ImageryPictureFigures, ImagerySummaryView
from gmi_trainer.ui.widgets import Canvas

MAX_ROWS = 7  # more pictures than this: the rest are counted (all are in the records)
ROW_HEIGHT = 40
MAX_TIMES = 5  # movement times that fit in their column
# (heading, x) of each column, in canvas pixels
COLUMNS = (("Position", 60), ("Movements", 290), ("Each movement (s)", 500),
           ("Median", 800), ("Last time", 940), ("Hurt (0-10)", 1090))


def draw_imagery_summary(canvas: Canvas, view: ImagerySummaryView) -> None:
    theme = canvas.theme
    canvas.text(view.block_title, (60, 96), "title", bold=True)
    y = 168
    for heading, x in COLUMNS:
        canvas.text(heading, (x, y), "small", theme.muted)
    pygame.draw.line(canvas.surface, theme.button, (60, y + 34), (canvas.width - 60, y + 34), 2)
    y += 44
    for figures in view.pictures[:MAX_ROWS]:
        for (_, x), cell in zip(COLUMNS, _cells(figures)):
            canvas.text(cell, (x, y), "small")
        y += ROW_HEIGHT
    hidden = len(view.pictures) - MAX_ROWS
    if hidden > 0:
        more = "1 more picture" if hidden == 1 else f"{hidden} more pictures"
        canvas.text(f"... and {more} (all are saved)", (60, y), "small",
                    theme.muted)
        y += ROW_HEIGHT
    overall = ("no movements timed" if view.median_movement_ms is None else
               f"median {view.median_movement_ms / 1000:.1f} s per movement "
               f"({view.movements} movements)")
    canvas.text(f"All pictures: {overall}", (60, y + 12), "body", bold=True)
    y = canvas.paragraph(view.previous_text, pygame.Rect(60, y + 62, canvas.width - 120, 40),
                         "small", theme.muted)
    if view.pain_text:
        canvas.paragraph(view.pain_text, pygame.Rect(60, y + 4, canvas.width - 120, 70),
                         "small", theme.warn)
    canvas.button(pygame.Rect(canvas.width // 2 - 220, 690, 440, 96), "Continue", act.CONFIRM,
                  hint="(Enter or click)", primary=True)


def _cells(figures: ImageryPictureFigures) -> tuple[str, ...]:
    if figures.outcome == "skipped" and not figures.repetitions_done:
        done = "skipped"
    else:
        done = f"{figures.repetitions_done} of {figures.repetitions}"
        if figures.outcome != "done":
            done += " (time up)" if figures.outcome == "timed_out" else " (skipped)"
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
