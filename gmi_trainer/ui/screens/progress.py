"""Earlier sessions as a table, newest first."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.shell import PROGRESS_PAGE_ROWS
from gmi_trainer.core.views import ProgressView
from gmi_trainer.ui.widgets import Canvas

COLUMN_X = (60, 310, 560, 660, 880, 1060)


def draw_progress(canvas: Canvas, view: ProgressView) -> None:
    theme = canvas.theme
    canvas.text(view.title, (60, 96), "title", bold=True)
    for x, column in zip(COLUMN_X, view.columns):
        canvas.text(column, (x, 170), "small", theme.muted, bold=True)
    pygame.draw.line(canvas.surface, theme.muted, (60, 202), (canvas.width - 60, 202), 2)
    rows = view.rows[view.first_row:view.first_row + PROGRESS_PAGE_ROWS]
    for i, row in enumerate(rows):
        y = 214 + i * 40
        for x, cell in zip(COLUMN_X, row):
            color = theme.warn if cell.startswith("incomplete") else theme.text
            canvas.text(cell, (x, y), "small", color)
    if view.rows:
        shown = f"Sessions {view.first_row + 1}-{view.first_row + len(rows)} of {len(view.rows)}"
        canvas.text(shown, (60, 622), "small", theme.muted)
    y = 650
    for warning in view.warnings[:1]:
        canvas.paragraph("Note: " + warning, pygame.Rect(60, y, 760, 60), "small", theme.warn)
    canvas.paragraph(view.footer, pygame.Rect(60, 700, 760, 60), "small", theme.muted)
    canvas.button(pygame.Rect(canvas.width - 420, 640, 360, 110), "Back to home", act.SELECT,
                  "back", hint="(Enter)", primary=True)
