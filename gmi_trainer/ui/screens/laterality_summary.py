"""End of a left/right block: accuracy and speed by side, time by rotation, the target."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.i18n import _
from gmi_trainer.core.views import LateralitySummaryView
from gmi_trainer.ui.widgets import EDGE_MARGIN, Canvas
from gmi_trainer.vocabulary.targets import TARGET_RT_MS


def draw_laterality_summary(canvas: Canvas, view: LateralitySummaryView) -> None:
    theme = canvas.theme
    button = pygame.Rect(canvas.width // 2 - 220, canvas.height - EDGE_MARGIN - 16 - 110, 440, 110)
    top = canvas.text(view.block_title, (60, 84), "title", bold=True).bottom + 4
    column = pygame.Rect(60, top, 580, button.top - 12 - top)
    y = column.top
    for figures in view.sides:
        accuracy = "-" if figures.accuracy is None else _("{accuracy:.0%} correct").format(accuracy=figures.accuracy)
        speed = "-" if figures.median_rt_ms is None else _("median {value:.2f} s").format(value=figures.median_rt_ms / 1000)
        y = canvas.text((_("Left pictures") if figures.side == "left" else _("Right pictures")), (column.left, y), "body",
                        bold=True).bottom
        y = canvas.text(_("{accuracy}, {speed}, {timeouts} too slow").format(accuracy=accuracy, speed=speed, timeouts=figures.timeouts), (column.left, y),
                        "small", max_width=column.w).bottom + 8
    overall = "-" if view.accuracy is None else _("{accuracy:.0%} correct").format(accuracy=view.accuracy)
    if view.median_rt_ms is not None:
        overall += _(", median {value:.2f} s").format(value=view.median_rt_ms / 1000)
    y = canvas.text(_("All pictures: {overall}").format(overall=overall), (column.left, y), "body", bold=True,
                    max_width=column.w).bottom
    verdict_color = theme.good if view.meets_target else theme.warn
    verdict = (_(" Reached.") if view.meets_target else _(" Not yet.") if view.meets_target is False
               else "")
    # What is left of the column is shared by the three notes, each shrunk to its share.
    notes = [(view.target_text + verdict, verdict_color), (view.previous_text, theme.muted)]
    if view.norm_text:
        notes.append((view.norm_text, theme.muted))
    share = (column.bottom - y - 8 * len(notes)) // len(notes)
    for note, color in notes:
        y = canvas.paragraph(note, pygame.Rect(column.left, y + 8, column.w, share), "small", color)
    # With figures by body part the chart is shorter, to make room for them under it.
    parts_h = len(view.by_part) * canvas.line_h("small")
    chart = pygame.Rect(680, top, canvas.width - 740, min(340, button.top - 20 - parts_h - top))
    _rotation_chart(canvas, view, chart)
    y = chart.bottom + 8
    for plural, accuracy, rt_ms, answered in view.by_part:
        figures = "-" if accuracy is None else _("{accuracy:.0%} correct").format(accuracy=accuracy)
        if rt_ms is not None:
            figures += _(", median {value:.2f} s").format(value=rt_ms / 1000)
        y = canvas.text(_("{value}: {figures} ({answered} answered)").format(value=plural.capitalize(), figures=figures, answered=answered), (680, y), "small",
                        max_width=chart.w).bottom
    canvas.button(button, _("Continue"), act.CONFIRM,
                  hint=_("(Enter or click)"), primary=True)


def _rotation_chart(canvas: Canvas, view: LateralitySummaryView, box: pygame.Rect) -> None:
    theme = canvas.theme
    pygame.draw.rect(canvas.surface, theme.panel, box, border_radius=10)
    title = canvas.text(_("Median time by rotation (correct answers)"), (box.x + 16, box.y + 12),
                        "small", theme.muted, max_width=box.w - 32)
    plot_top = title.bottom + 12
    plot = pygame.Rect(box.x + 60, plot_top, box.w - 80,
                       box.bottom - 12 - canvas.line_h("small") - 8 - plot_top)
    values = [v for _, v in view.rt_by_rotation if v is not None]
    top_ms = max([2500.0, *values]) * 1.1
    # The published time norm, drawn for feet as well as hands (it is about 2 s for both,
    # though a foot block's verdict judges accuracy only): a reference, not the verdict.
    target_y = plot.bottom - round(plot.h * TARGET_RT_MS / top_ms)
    pygame.draw.line(canvas.surface, theme.warn, (plot.left, target_y), (plot.right, target_y), 2)
    canvas.text(_("{seconds:g} s").format(seconds=TARGET_RT_MS / 1000), (plot.left - 8, target_y), "small", theme.warn,
                anchor="midright")
    count = max(1, len(view.rt_by_rotation))
    slot = plot.w / count
    # Every label shrinks by the same factor when the widest does not fit its slot, so large
    # text gives one size of label rather than a mix.
    font = canvas.fonts.get("small")
    widths = {r: font.size(f"{r}°")[0] for r, _ in view.rt_by_rotation}
    fit = min([1.0, *((slot - 4) / w for w in widths.values() if w > 0)])
    for i, (rotation, value) in enumerate(view.rt_by_rotation):
        x = plot.left + round(i * slot + slot * 0.15)
        width = max(4, round(slot * 0.7))
        if value is not None:
            height = round(plot.h * value / top_ms)
            pygame.draw.rect(canvas.surface, theme.accent, (x, plot.bottom - height, width, height))
        canvas.text(f"{rotation}°", (x + width // 2, plot.bottom + 8), "small", theme.muted,
                    anchor="midtop", max_width=max(1, int(widths[rotation] * fit)))
    pygame.draw.line(canvas.surface, theme.muted, plot.bottomleft, plot.bottomright, 2)
