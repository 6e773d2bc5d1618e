"""The progress charts read well from the first day: a day axis counted from day 1, a day's
sessions side by side, high contrast honoured, small values with the precision they need,
treatments still drawn, and at text sizes 0.75 and 1.5 no two texts overlap and none leaves
the figure (measured by matplotlib's own renderer)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from gmi_trainer.charts.figures import (
    HIGH_CONTRAST,
    PRINT,
    SCREEN,
    draw,
    drawn_texts,
    look_for,
    text_collisions,
)
from gmi_trainer.charts.report import CHART_DPI, CHART_SIZE_PX
from gmi_trainer.core.progress import (
    CHART_PAGES,
    SessionFacts,
    SideFacts,
    TreatmentFacts,
    amount_text,
    page_headline,
    progress_data,
)
from gmi_trainer.ui.screens.progress import CHART_RECT

UTC = timezone.utc
DAY1 = date(2026, 10, 5)  # a Monday


def _facts(days: int, per_day: int = 4, mirror_minutes: float = 0.31) -> list[SessionFacts]:
    """`per_day` sessions a day with every figure the charts show, pain by kind, weekly
    measures on days 1, 8, 15..."""
    out = []
    for d in range(days):
        for i in range(per_day):
            k = d * per_day + i
            out.append(SessionFacts(
                f"s{k:03d}", datetime(2026, 10, 5, 9, tzinfo=UTC) + timedelta(days=d, hours=3 * i),
                "complete", active_s=800, pain_before=6 - k % 3, pain_after=4 - k % 2,
                laterality_sides={"left": SideFacts(0.7 + 0.01 * (k % 20), 2100 - 5 * k),
                                  "right": SideFacts(0.9, 1600)},
                laterality_parts={"hand": SideFacts(0.8, 1800), "foot": SideFacts(0.75, 1900)},
                imagery_median_ms=4200 - 10 * k, mirror_minutes=mirror_minutes,
                mirror_repetitions=3, pain_before_kinds={"phantom": 6 - k % 3, "residual": 2},
                bpi_interference=6.0 - d / 10 if i == 0 and d % 7 == 0 else None,
                pgic=3 if i == 0 and d % 7 == 0 and d else None))
    return out


def _data(days: int, per_day: int = 4, mirror_minutes: float = 0.31):
    sessions = _facts(days, per_day, mirror_minutes)
    treatments = (TreatmentFacts(DAY1 + timedelta(days=min(2, days - 1)), "medicine_started",
                                 "pregabalin"),
                  TreatmentFacts(DAY1 + timedelta(days=min(3, days - 1)), "tens"))
    return progress_data(sessions, sessions[-1].day, 4, "left", treatments)


ONE_DAY = _data(1)
SIX_WEEKS = _data(42)


def test_the_overlap_check_sees_an_overlap_and_a_text_outside() -> None:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4, 3), dpi=100)
    figure.text(0.1, 0.5, "first text here")
    figure.text(0.15, 0.5, "second one")
    figure.text(0.95, 0.1, "runs off the right edge")
    problems = text_collisions(figure)
    assert "'first text here' overlaps 'second one'" in problems
    assert "'runs off the right edge' leaves the figure" in problems


# Screen charts at the progress screen's size in both looks and both ends of the text
# sizes; the report's at its size and resolution.
CASES = [("screen", SCREEN, 0.75), ("screen", SCREEN, 1.5), ("high contrast", HIGH_CONTRAST, 1.5),
         ("report", PRINT, 1.0)]


@pytest.mark.parametrize("days", [1, 42], ids=["one-day", "six-weeks"])
@pytest.mark.parametrize("where,base,scale", CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_no_text_overlaps_or_leaves_the_figure(days: int, where: str, base, scale: float) -> None:
    data = ONE_DAY if days == 1 else SIX_WEEKS
    size, dpi = (CHART_SIZE_PX, CHART_DPI) if where == "report" else (CHART_RECT.size, 100)
    look = look_for(base is HIGH_CONTRAST, scale, base)
    for page in CHART_PAGES:
        figure = draw(data, page, size, look, dpi)
        texts = [t for t, _ in drawn_texts(figure)]
        assert any(t.startswith("Day (day 1: Mon 05 Oct 2026)") for t in texts), page
        assert text_collisions(figure) == [], page


def test_text_size_is_honoured_where_there_is_room() -> None:
    for scale in (0.75, 1.5):
        figure = draw(SIX_WEEKS, "pain", (1600, 900), look_for(False, scale))
        assert figure.axes[0]._left_title.get_fontsize() == pytest.approx(SCREEN.font_pt * scale)


def _line(figure, label: str):
    return next(l for ax in figure.axes for l in ax.get_lines() if l.get_label() == label)


def test_one_day_is_day_one_with_its_sessions_side_by_side_in_order() -> None:
    figure = draw(ONE_DAY, "pain", CHART_RECT.size)
    ax = figure.axes[0]
    xs = list(_line(figure, "before the session").get_xdata())
    assert len(xs) == 4 and xs == sorted(xs) and len(set(xs)) == 4  # in the order done
    assert all(0.5 < x < 1.5 for x in xs) and min(b - a for a, b in zip(xs, xs[1:])) >= 0.19
    assert ax.get_xlim() == (0.5, 1.5)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1"]  # a day, not times of day
    assert ax.get_xlabel() == "Day (day 1: Mon 05 Oct 2026)"


def test_six_weeks_count_days_from_the_first_in_weeks() -> None:
    figure = draw(SIX_WEEKS, "laterality", CHART_RECT.size)
    bottom = figure.axes[-1]
    assert list(bottom.get_xticks()) == [1, 8, 15, 22, 29, 36]
    assert bottom.get_xlim() == (0.5, 42.5)
    left = list(_line(figure, "left (affected)").get_xdata())
    # 168 sessions, past MARKERS_UP_TO: one point a day (the day's average), on the day.
    assert left == [float(day) for day in range(1, 43)]
    # Under 60 sessions each stands beside the others of its day, around the day's number.
    figure = draw(_data(10, per_day=3), "pain", CHART_RECT.size)
    xs = list(_line(figure, "after the session").get_xdata())
    assert xs[6:9] == pytest.approx([3 - 0.2, 3.0, 3 + 0.2])


def test_the_after_line_breaks_at_a_session_cut_off_before_its_after_rating() -> None:
    """A session with a pain before and no pain after (the window was closed) leaves a gap
    in the "after" line instead of a line drawn across a rating nobody gave; the same with
    one point per day, for a day whose sessions all lack it."""
    import math
    from dataclasses import replace

    for days, per_day, gap in ((3, 3, 4), (20, 4, 5)):
        sessions = _facts(days, per_day)
        # Per session: the 5th session; per day (80 sessions): every session of day 6.
        cut = [k for k in range(len(sessions)) if (k == gap if days == 3 else k // per_day == gap)]
        for k in cut:
            sessions[k] = replace(sessions[k], status="incomplete", pain_after=None)
        data = progress_data(sessions, sessions[-1].day, per_day)
        figure = draw(data, "pain", CHART_RECT.size)
        after = list(_line(figure, "after the session").get_ydata())
        before = list(_line(figure, "before the session").get_ydata())
        assert len(after) == len(before)
        assert [i for i, y in enumerate(after) if math.isnan(y)] == [gap]
        assert not any(math.isnan(y) for y in before)


def test_treatments_are_still_dotted_lines_numbered_on_every_chart() -> None:
    for page in ("pain", "adherence", "laterality", "outcomes", "imagery_mirror"):
        figure = draw(SIX_WEEKS, page, CHART_RECT.size)
        ax = figure.axes[0]
        dotted = [l for l in ax.get_lines() if l.get_linestyle() == ":"]
        # At the start of day 3 and day 4 (the 3rd and 4th days).
        assert {l.get_xdata()[0] for l in dotted} >= {2.5, 3.5}, page
        assert {"T1", "T2"} <= {t.get_text() for t in ax.texts}, page


def test_high_contrast_is_light_on_dark_with_thicker_lines_and_no_grey() -> None:
    from matplotlib.colors import to_rgb

    plain = draw(SIX_WEEKS, "pain", CHART_RECT.size, look_for(False))
    strong = draw(SIX_WEEKS, "pain", CHART_RECT.size, look_for(True))
    assert to_rgb(strong.get_facecolor()) == (0, 0, 0)
    assert _line(strong, "after the session").get_linewidth() >= \
        1.5 * _line(plain, "after the session").get_linewidth()
    for page in CHART_PAGES:
        figure = draw(SIX_WEEKS, page, CHART_RECT.size, look_for(True))
        drawn_texts(figure)
        for text in figure.findobj(lambda a: hasattr(a, "get_color") and hasattr(a, "get_text")):
            r, g, b = to_rgb(text.get_color())
            grey = max(r, g, b) - min(r, g, b) < 0.05 and 0.05 < r < 0.95
            assert not grey, (page, text.get_text(), text.get_color())
        for line in (l for ax in figure.axes for l in ax.get_lines()):
            r, g, b = to_rgb(line.get_color())
            assert not (max(r, g, b) - min(r, g, b) < 0.05 and 0.05 < r < 0.95), page


def test_small_values_keep_the_precision_they_need() -> None:
    assert [amount_text(v) for v in (0, 0.31, 0.049, 4.46, 12.4, 118.2)] == \
        ["0", "0.31", "0.05", "4.5", "12", "118"]
    data = _data(1, per_day=1, mirror_minutes=0.31)
    assert "Mirror work in the last 7 days: 0.31 min." in page_headline(data, "imagery_mirror")
    figure = draw(data, "imagery_mirror", CHART_RECT.size)
    assert "0.31" in [t for t, _ in drawn_texts(figure)]  # the bar's own label


def test_the_progress_screen_draws_its_chart_in_the_profiles_look() -> None:
    from dataclasses import replace

    import pygame

    from gmi_trainer.core.progress import progress_view
    from gmi_trainer.core.views import Screen
    from gmi_trainer.ui.screens import draw_screen
    from gmi_trainer.ui.theme import CANVAS, Fonts, theme_for
    from gmi_trainer.ui.widgets import Canvas

    sessions = _facts(3)
    view = progress_view(sessions, (), "P1", 4, "left", sessions[-1].day)
    view = replace(view, page=view.pages.index("pain"))
    pygame.display.init()
    pygame.font.init()
    try:
        colours = {}
        for high_contrast in (False, True):
            canvas = Canvas(pygame.Surface(CANVAS), theme_for(high_contrast, 1.5), Fonts(1.5))
            draw_screen(canvas, Screen(view), lambda *a: None)
            colours[high_contrast] = tuple(canvas.surface.get_at(
                (CHART_RECT.right - 4, CHART_RECT.bottom - 4)))[:3]
    finally:
        pygame.display.quit()
    assert colours[True] == (0, 0, 0) and colours[False] == (0x18, 0x1E, 0x28)
