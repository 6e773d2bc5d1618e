"""One chart per progress page, from `core.progress.ProgressData`.

Three looks: `SCREEN` (the program's dark theme, large type for arm's length),
`HIGH_CONTRAST` (white and bright colours on black, thicker lines, no grey: the profile's
`high_contrast`) and `PRINT` (white paper, for the therapist report); `look_for` sets a look's
type to the profile's text size. Figures are built with `matplotlib.figure.Figure` and the
Agg canvas directly, not pyplot, so nothing global is touched and no window can open.

The x axis is days, counted from the patient's first day (day 1), never times of day: a
patient remembers "the third day", and a therapist compares day 3 with day 30. Sessions of
one day stand side by side around their day's tick, in the order they were done. Matplotlib's
constrained layout places titles, tick labels and the legend (outside the charts, on the
right) so that no text runs into another at any text size."""

from __future__ import annotations

import functools
import io
import math
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Callable, Sequence, TypeVar

from gmi_trainer.core.progress import (
    ProgressData,
    SessionFacts,
    amount_text,
    pain_changes,
)
from gmi_trainer.fonts import BOLD, FAMILY, REGULAR
from gmi_trainer.i18n import SOURCE_LANGUAGE, _, decimal_symbol, format_date, language, ngettext
from gmi_trainer.vocabulary import BODY_PART_TABLE
from gmi_trainer.vocabulary.body_parts import SIDE_WORDS
from gmi_trainer.vocabulary.clinical import PAIN_FALL_MODERATE, PAIN_FALL_SUBSTANTIAL, PAIN_KINDS
from gmi_trainer.vocabulary.targets import TARGET_ACCURACY, TARGET_RT_MS

# Beyond this many points a line's markers would merge into a smear.
MARKERS_UP_TO = 60
# A day's sessions spread over at most this much of the day's width, so neighbouring days
# stay apart; each session at least this far from the next (a gap a marker can be seen in).
DAY_SPREAD = 0.8
MIRROR_DOSE_MIN = 15  # mirror therapy: 15 minutes a day, as the sources prescribe
LABEL_BARS_UP_TO = 14  # bars are labelled with their value while they are this few


@dataclass(frozen=True)
class Look:
    background: str
    text: str
    muted: str
    grid: str
    band: str
    colors: tuple[str, ...]  # series colours: first, second, third
    font_pt: float
    line_scale: float = 1.0  # how much thicker than usual lines are drawn
    grid_style: str = "-"


SCREEN = Look("#181e28", "#f0f2f5", "#aab2c0", "#3c485c", "#2f6b45",
              ("#58a6ff", "#f5be50", "#5ac878"), 16)
# For low vision, as the program's high-contrast theme: white on black, bright colours, no
# grey, lines half as thick again; the grid dotted white so it is seen without being grey.
HIGH_CONTRAST = Look("#000000", "#ffffff", "#ffffff", "#ffffff", "#00551e",
                     ("#40e0ff", "#ffdd00", "#78ff78"), 16, line_scale=1.6, grid_style=":")
PRINT = Look("#ffffff", "#111111", "#555555", "#dddddd", "#c8ecd2",
             ("#1f5fbf", "#c0392b", "#2e8b57"), 9)


def look_for(high_contrast: bool, text_scale: float = 1.0, base: Look = SCREEN) -> Look:
    """The screen look for a profile: its contrast and its text size (0.75-1.5)."""
    look = HIGH_CONTRAST if high_contrast else base
    return replace(look, font_pt=look.font_pt * text_scale)


def register_font() -> None:
    """Put the package's DejaVu Sans (regular and bold) first in matplotlib's font list, so
    that the family name resolves to the shipped files: matplotlib takes the first font that
    matches a family exactly, and would otherwise take its own copy, or the system's where a
    distribution's matplotlib has none."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    shipped = {str(REGULAR), str(BOLD)}
    if {entry.fname for entry in manager.ttflist[:2]} == shipped:
        return
    manager.ttflist[:] = [entry for entry in manager.ttflist if entry.fname not in shipped]
    for path in (BOLD, REGULAR):
        manager.addfont(path)  # appends, and empties matplotlib's cache of choices
        manager.ttflist.insert(0, manager.ttflist.pop())


Drawing = TypeVar("Drawing", bound=Callable[..., Any])


def in_chart_font(function: Drawing) -> Drawing:
    """Build or render a figure with every text in DejaVu Sans and nothing else: with one
    family and no fallbacks, a letter it lacked would be a matplotlib warning (which the tests
    turn into failures), never a box in another font. The family is set for the call only
    (`rc_context`), so matplotlib's settings are left as they were."""

    @functools.wraps(function)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        from matplotlib import rc_context

        register_font()
        with rc_context({"font.family": [FAMILY], "mathtext.fontset": "dejavusans"}):
            return function(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


# When the text does not fit the figure at the asked size (three charts stacked in a short
# figure at text size 1.5), it is set smaller in these steps, as the program's own lines are.
FIT_STEPS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)


@in_chart_font
def draw(data: ProgressData, page: str, size_px: tuple[int, int], look: Look = SCREEN,
         dpi: float = 100) -> Any:
    """A matplotlib Figure of one page's chart in which no two texts overlap and none
    leaves the figure: titles too long for their chart are wrapped, and when the text still
    does not fit, it is set smaller (down to half the asked size)."""
    figure = None
    for shrink in FIT_STEPS:
        figure = _build(data, page, size_px, replace(look, font_pt=look.font_pt * shrink), dpi)
        if not _fit_titles(figure):
            return figure
    return figure


def _build(data: ProgressData, page: str, size_px: tuple[int, int], look: Look,
           dpi: float) -> Any:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(size_px[0] / dpi, size_px[1] / dpi), dpi=dpi,
                    facecolor=look.background, layout="constrained")
    # Small pads: the chart sits inside the program's own margins.
    figure.get_layout_engine().set(w_pad=4 / 72, h_pad=4 / 72, hspace=0.04, wspace=0.02)
    proxies = {"pain": _pain, "outcomes": _outcomes, "laterality": _laterality,
               "imagery_mirror": _imagery_mirror, "adherence": _adherence}[page](figure, data, look)
    _figure_legend(figure, look, proxies or [])
    return figure


@in_chart_font
def rgba(figure: Any) -> tuple[bytes, tuple[int, int]]:
    """The figure rendered to RGBA bytes and its size in pixels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = figure.canvas
    if not isinstance(canvas, FigureCanvasAgg):
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
    elif figure.stale:  # changed since `draw` checked its text (which drew it): draw again
        canvas.draw()
    buffer = canvas.buffer_rgba()
    return bytes(buffer), (int(buffer.shape[1]), int(buffer.shape[0]))


@in_chart_font
def png(figure: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    out = io.BytesIO()
    FigureCanvasAgg(figure).print_png(out)
    return out.getvalue()


@in_chart_font
def drawn_texts(figure: Any) -> list[tuple[str, Any]]:
    """Every text the renderer actually draws (tick labels of ticks out of view are not),
    with its box in pixels as matplotlib's renderer measures it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    renderer = canvas.get_renderer()
    seen: dict[int, Any] = {}
    original = renderer.draw_text

    def record(gc: Any, x: float, y: float, s: str, prop: Any, angle: float,
               ismath: Any = False, mtext: Any = None) -> Any:
        if mtext is not None and s.strip():
            seen[id(mtext)] = mtext
        return original(gc, x, y, s, prop, angle, ismath, mtext)

    renderer.draw_text = record
    try:
        canvas.draw()  # the layout runs here, then every artist draws
    finally:
        del renderer.draw_text
    return [(t.get_text(), t.get_window_extent(renderer)) for t in seen.values()]


def text_collisions(figure: Any, texts: list[tuple[str, Any]] | None = None) -> list[str]:
    """What is wrong with the figure's text: two texts that overlap, a text outside it."""
    texts = drawn_texts(figure) if texts is None else texts
    width, height = figure.bbox.width, figure.bbox.height
    problems = [f"{text!r} leaves the figure" for text, box in texts
                if box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > width + 0.5
                or box.y1 > height + 0.5]
    for i, (first, box) in enumerate(texts):
        problems += [f"{first!r} overlaps {second!r}" for second, other in texts[i + 1:]
                     if box.overlaps(other)]
    return problems


def _fit_titles(figure: Any) -> list[str]:
    """Wrap each chart's title that is wider than its chart into lines that fit, laying the
    figure out again until none is; then what still collides (empty: the figure fits)."""
    import textwrap

    for _attempt in range(3):  # the layout changes the charts' widths as titles wrap
        texts = drawn_texts(figure)
        renderer = figure.canvas.get_renderer()
        changed = False
        for ax in figure.axes:
            title = ax._left_title  # the titles are set on the left (loc="left")
            text = title.get_text()
            wide = title.get_window_extent(renderer).width if text else 0.0
            if wide > ax.bbox.width:
                longest = max(len(line) for line in text.split("\n"))
                columns = max(8, int(longest * ax.bbox.width / wide * 0.97))
                wrapped = textwrap.fill(text.replace("\n", " "), columns)
                if wrapped == text:
                    return ["a title cannot be wrapped to fit"]
                title.set_text(wrapped)
                changed = True
        if not changed:
            return text_collisions(figure, texts)
    return ["the titles did not settle"]


# -- days ---------------------------------------------------------------------------------

def day_number(day: date, data: ProgressData) -> int:
    """Day 1 is the patient's first day with a session."""
    return (day - data.sessions[0].day).days + 1


def session_x(data: ProgressData) -> dict[str, float]:
    """Each session's place on the day axis: its day's number, and a day's sessions side by
    side around it in the order they were done (at most DAY_SPREAD of a day wide)."""
    by_day: dict[date, list[SessionFacts]] = {}
    for session in data.sessions:
        by_day.setdefault(session.day, []).append(session)
    places: dict[str, float] = {}
    for day, sessions in by_day.items():
        step = DAY_SPREAD / max(len(sessions), 4)
        middle = (len(sessions) - 1) / 2
        for i, session in enumerate(sorted(sessions, key=lambda s: s.started_at)):
            places[session.session_id] = day_number(day, data) + (i - middle) * step
    return places


def _series(data: ProgressData, sessions: Sequence[SessionFacts],
            value: Callable[[SessionFacts], Any],
            gap_if: Callable[[SessionFacts], bool] | None = None) -> tuple[list[float], list[float]]:
    """One point per session; past MARKERS_UP_TO points, one per day (the day's mean), since
    months of sessions one by one are a smear, and a day is what a patient remembers.

    `gap_if`: sessions (or days) without a value for which the line breaks instead of joining
    its neighbours (NaN): a session cut off before its "after" rating has no pain after, and
    a line drawn across it would show a rating nobody gave."""
    places = session_x(data)
    points = [(s, float(y) if (y := value(s)) is not None else math.nan) for s in sessions
              if value(s) is not None or (gap_if is not None and gap_if(s))]
    # Per session or per day as the chart's title says (_per_day), for every series alike.
    if len(data.sessions) <= MARKERS_UP_TO:
        return [places[s.session_id] for s, _ in points], [y for _, y in points]
    days: dict[date, list[float]] = {}
    for session, y in points:
        days.setdefault(session.day, []).append(y)
    means = [[y for y in v if not math.isnan(y)] for v in days.values()]
    return ([float(day_number(d, data)) for d in days],
            [sum(v) / len(v) if v else math.nan for v in means])


def _per_day(data: ProgressData) -> str:
    return _("; each point a day's average") if len(data.sessions) > MARKERS_UP_TO else ""


def _day_step(span_days: int, most_ticks: int) -> int:
    """Tick every day, every 2 days, or every week, fortnight, 4 weeks...: at most
    `most_ticks` ticks, in steps a reader counts in."""
    for step in (1, 2, 7, 14, 28, 56, 112, 182, 364):
        if span_days / step < most_ticks:
            return step
    return 728


def _days(ax: Any, look: Look, data: ProgressData, label: bool) -> None:
    """The same span on every chart, day 1 to today, so charts line up when compared; day
    numbers on the ticks of the lowest chart (`label`), and under it what day 1 was."""
    from matplotlib.ticker import FuncFormatter

    if not data.sessions:
        return
    last = max(day_number(data.today, data), day_number(data.sessions[-1].day, data))
    ax.set_xlim(0.5, last + 0.5)
    width_in = ax.get_figure().get_size_inches()[0]
    most = max(3, min(10, int(width_in * 72 / (look.font_pt * 4))))
    step = _day_step(last, most)
    ax.set_xticks(range(1, last + 1, step))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:.0f}"))  # day numbers
    if label:
        ax.set_xlabel(_("Day (day 1: {day})").format(day=format_date(data.sessions[0].day, "EEE dd MMM y")),
                      color=look.muted,
                      fontsize=look.font_pt * 0.85)
    else:  # a chart above another: the lowest one numbers the days for both
        ax.tick_params(labelbottom=False)
    _treatment_lines(ax, look, data, last)


def _treatment_lines(ax: Any, look: Look, data: ProgressData, last_day: int) -> None:
    """The other treatments as dotted lines at the start of their day, numbered at the top,
    so a change in a trend can be read against them (the report's timeline lists the
    numbers). Numbers that would touch step down a line."""
    width_px = ax.get_figure().get_size_inches()[0] * ax.get_figure().dpi * 0.75
    label_days = (look.font_pt * 0.75 * 3 * ax.get_figure().dpi / 72) / max(width_px, 1) * last_day
    placed: list[float] = []
    for number, treatment in enumerate(data.treatments, start=1):
        x = day_number(treatment.on, data) - 0.5
        if not 0.5 <= x <= last_day + 0.5:
            continue  # before the first day: the report's timeline lists it
        ax.axvline(x, color=look.muted, linestyle=":", linewidth=1.6 * look.line_scale, zorder=1)
        row = sum(1 for other in placed if abs(other - x) < label_days)
        placed.append(x)
        ax.annotate(f"T{number}", (x, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(3, -2 - row * look.font_pt * 0.9), textcoords="offset points",
                    va="top", color=look.text, fontsize=look.font_pt * 0.75)


# -- drawing helpers --------------------------------------------------------------------

def _axes(figure: Any, look: Look, rows: int = 1) -> list[Any]:
    axes = [figure.add_subplot(rows, 1, i + 1) for i in range(rows)]
    for ax in axes:
        ax.set_facecolor(look.background)
        ax.tick_params(colors=look.muted, labelsize=look.font_pt * 0.85,
                       width=look.line_scale, labelcolor=look.text if look.line_scale > 1 else look.muted)
        for spine in ax.spines.values():
            spine.set_color(look.grid)
            spine.set_linewidth(0.8 * look.line_scale)
        ax.spines["top"].set_visible(False)
        ax.spines["right"].set_visible(False)
        ax.grid(True, color=look.grid, linewidth=0.6 * look.line_scale, alpha=0.8,
                linestyle=look.grid_style)
        ax.set_axisbelow(True)
        _local_ticks(ax)
    return axes


def _local_ticks(ax: Any) -> None:
    """The value axis's numbers with the language's decimal sign ('0,5' in German); English
    keeps matplotlib's own labels."""
    if language() == SOURCE_LANGUAGE:
        return
    from matplotlib.ticker import ScalarFormatter

    sign = decimal_symbol()

    class LocalDecimals(ScalarFormatter):
        def __call__(self, x: float, pos: int | None = None) -> str:
            return super().__call__(x, pos).replace(".", sign)

    ax.yaxis.set_major_formatter(LocalDecimals())


def _label(ax: Any, look: Look, title: str, ylabel: str = "") -> None:
    ax.set_title(title, color=look.text, fontsize=look.font_pt, loc="left", pad=6)
    if ylabel:
        ax.set_ylabel(ylabel, color=look.muted, fontsize=look.font_pt * 0.85)


def _figure_legend(figure: Any, look: Look, proxies: Sequence[Any]) -> None:
    """One legend for the figure, outside the charts on the right (so it never covers a
    line, a title or a treatment's number), each label once; `proxies`: handles for what
    has no single artist (bars coloured day by day)."""
    handles: dict[str, Any] = {p.get_label(): p for p in proxies}
    for ax in figure.axes:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            if not label.startswith("_"):
                handles.setdefault(label, handle)
    if handles:
        figure.legend(list(handles.values()), list(handles), loc="outside right upper",
                      fontsize=look.font_pt * 0.8, facecolor=look.background,
                      edgecolor=look.grid, labelcolor=look.text, framealpha=1.0)


def _empty(ax: Any, look: Look, text: str) -> None:
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center",
            color=look.muted, fontsize=look.font_pt)
    ax.set_xticks([])
    ax.set_yticks([])


def _line(ax: Any, look: Look, xs: list[float], ys: list[float], color: str, label: str,
          dashed: bool = False) -> None:
    marker = "o" if len(xs) <= MARKERS_UP_TO else None
    width = 1.4 if len(xs) > MARKERS_UP_TO else 2.2
    ax.plot(xs, ys, color=color, label=label, marker=marker, markersize=5 * look.line_scale,
            linewidth=width * look.line_scale, linestyle="--" if dashed else "-")


def side_label(side: str, data: ProgressData) -> str:
    """'left (affected)', 'right (intact)': a side named for the charts and the report."""
    word = _(SIDE_WORDS.get(side, side))
    if not data.affected_side:
        return word
    return word + (_(" (affected)") if side == data.affected_side else _(" (intact)"))


def _pain_axis(ax: Any) -> None:
    ax.set_ylim(-0.3, 10.8)
    ax.set_yticks(range(0, 11, 2))


# -- the pages ----------------------------------------------------------------------------

def _pain(figure: Any, data: ProgressData, look: Look) -> None:
    (ax,) = _axes(figure, look)
    _label(ax, look, _("Pain 0-10 (lower is better)") + _per_day(data), _("pain"))
    before = _series(data, data.sessions, lambda s: s.pain_before)
    after = _series(data, data.sessions, lambda s: s.pain_after,
                    gap_if=lambda s: s.pain_before is not None)
    if not before[0] and not after[0]:
        _empty(ax, look, _("No pain ratings yet"))
        return
    _line(ax, look, *before, look.colors[1], _("before the session"))
    _line(ax, look, *after, look.colors[0], _("after the session"))
    _pain_axis(ax)
    _days(ax, look, data, label=True)


def _outcomes(figure: Any, data: ProgressData, look: Look) -> None:
    """Pain before each session by kind, with the 30% and 50% falls from the first week's
    mean; below, the weekly BPI interference score (lower is better) and the PGIC."""
    pain_ax, weekly_ax = _axes(figure, look, 2)
    _label(pain_ax, look, _("Pain before each session, by kind") + _per_day(data), _("pain"))
    kinds = list(dict.fromkeys(k for s in data.sessions for k in s.pain_before_kinds))
    weekly = [s for s in data.sessions if s.bpi_interference is not None]
    drawn = False
    for i, kind in enumerate(kinds):
        xs, ys = _series(data, data.sessions, lambda s, k=kind: s.pain_before_kinds.get(k))
        if xs:
            _line(pain_ax, look, xs, ys, look.colors[i % len(look.colors)],
                  _(PAIN_KINDS.get(kind, kind)), dashed=kind == "residual")
            drawn = True
    changes = pain_changes(data)
    if changes:
        base = changes[0].baseline
        for fall, style in ((PAIN_FALL_MODERATE, "--"), (PAIN_FALL_SUBSTANTIAL, ":")):
            pain_ax.axhline(base * (1 - fall), color=look.muted, linestyle=style,
                            linewidth=1.2 * look.line_scale,
                            label=_("{fall:.0%} below the first week").format(fall=fall))
    if not drawn:
        _empty(pain_ax, look, _("No pain ratings by kind yet"))
    else:
        _pain_axis(pain_ax)
        _days(pain_ax, look, data, label=not weekly)
    _label(weekly_ax, look, _("Weekly: pain interference (BPI, 0-10; lower is better)"), "BPI")
    if not weekly:
        _empty(weekly_ax, look, _("No weekly questions answered yet"))
        return
    places = session_x(data)
    _line(weekly_ax, look, [places[s.session_id] for s in weekly],
          [float(s.bpi_interference or 0) for s in weekly], look.colors[2], _("interference"))
    for s in weekly:
        if s.pgic is not None:
            score = float(s.bpi_interference or 0)
            # Above the point, or below it near the top, so it stays inside the chart.
            weekly_ax.annotate(_("PGIC {pgic}").format(pgic=s.pgic), (places[s.session_id], score),
                               xytext=(0, 8 if score < 7 else -8), textcoords="offset points",
                               ha="center", va="bottom" if score < 7 else "top",
                               color=look.text, fontsize=look.font_pt * 0.7)
    _pain_axis(weekly_ax)
    _days(weekly_ax, look, data, label=True)


def _laterality(figure: Any, data: ProgressData, look: Look) -> None:
    parts = list(dict.fromkeys(p for s in data.sessions for p in s.laterality_parts))
    by_part = len(parts) > 1  # a third chart, by body part, once more than one is trained
    axes = _axes(figure, look, 3 if by_part else 2)
    accuracy_ax, rt_ax = axes[0], axes[1]
    _label(accuracy_ax, look, _("Correct (target: at least {TARGET_ACCURACY:.0%}, the green band)").format(TARGET_ACCURACY=TARGET_ACCURACY)
           + _per_day(data),
           _("{percent} correct").format(percent="%"))
    _label(rt_ax, look, _("Median response time (target: under {value:.0f} s, "
           "the green band)").format(value=TARGET_RT_MS / 1000), _("seconds"))
    sessions = [s for s in data.sessions if s.laterality_sides]
    if not sessions:
        for ax in (accuracy_ax, rt_ax):
            _empty(ax, look, _("No left/right judgement yet"))
        return
    accuracy_ax.axhspan(TARGET_ACCURACY * 100, 102, color=look.band, alpha=0.5, linewidth=0)
    rt_ax.axhspan(0, TARGET_RT_MS / 1000, color=look.band, alpha=0.5, linewidth=0)
    top_s = 3.0
    for side, color in (("left", look.colors[0]), ("right", look.colors[1])):
        dashed = bool(data.affected_side) and side != data.affected_side
        xs, ys = _series(data, sessions, lambda s: _pct(s.laterality_sides.get(side)))
        _line(accuracy_ax, look, xs, ys, color, side_label(side, data), dashed)
        xs, ys = _series(data, sessions, lambda s: _secs(s.laterality_sides.get(side)))
        _line(rt_ax, look, xs, ys, color, side_label(side, data), dashed)
        top_s = max([top_s, *ys])
    accuracy_ax.set_ylim(min(40, accuracy_ax.get_ylim()[0]), 102)
    rt_ax.set_ylim(0, min(top_s * 1.1, 9))
    _days(accuracy_ax, look, data, label=False)
    _days(rt_ax, look, data, label=not by_part)
    if by_part:
        part_ax = axes[2]
        _label(part_ax, look, _("Correct by body part (both sides)"), _("{percent} correct").format(percent="%"))
        part_ax.axhspan(TARGET_ACCURACY * 100, 102, color=look.band, alpha=0.5, linewidth=0)
        for i, name in enumerate(parts):
            xs, ys = _series(data, sessions, lambda s: _pct(s.laterality_parts.get(name)))
            entry = BODY_PART_TABLE.get(name)
            _line(part_ax, look, xs, ys, look.colors[i % len(look.colors)],
                  _(entry.plural) if entry else name)
        part_ax.set_ylim(min(40, part_ax.get_ylim()[0]), 102)
        _days(part_ax, look, data, label=True)


def _pct(side: Any) -> float | None:
    return None if side is None or side.accuracy is None else side.accuracy * 100


def _secs(side: Any) -> float | None:
    return None if side is None or side.median_rt_ms is None else side.median_rt_ms / 1000


def _imagery_mirror(figure: Any, data: ProgressData, look: Look) -> None:
    imagery_ax, mirror_ax = _axes(figure, look, 2)
    _label(imagery_ax, look, _("Imagined movement: median time per movement") + _per_day(data),
           _("seconds"))
    _label(mirror_ax, look, _("Mirror work per day: minutes (bars) and repetitions counted (dots)"),
           _("minutes"))
    minutes: dict[date, float] = {}
    reps: dict[date, int] = {}
    for session in data.sessions:
        if session.mirror_minutes or session.mirror_repetitions:
            minutes[session.day] = minutes.get(session.day, 0.0) + session.mirror_minutes
            reps[session.day] = reps.get(session.day, 0) + session.mirror_repetitions
    xs, ys = _series(data, data.sessions, lambda s: None if s.imagery_median_ms is None
                     else s.imagery_median_ms / 1000)
    if xs:
        _line(imagery_ax, look, xs, ys, look.colors[2], _("imagined movement"))
        imagery_ax.set_ylim(0, max(ys) * 1.15)
        _days(imagery_ax, look, data, label=not minutes)
    else:
        _empty(imagery_ax, look, _("No imagined movements yet"))
    if not minutes:
        _empty(mirror_ax, look, _("No mirror work yet"))
        return
    days = sorted(minutes)
    xs = [float(day_number(d, data)) for d in days]
    values = [minutes[d] for d in days]
    bars = mirror_ax.bar(xs, values, color=look.colors[0], width=0.8, label=_("minutes"))
    mirror_ax.axhline(MIRROR_DOSE_MIN, color=look.muted, linestyle=":",
                      linewidth=1.5 * look.line_scale, label=_("15 min a day"))
    # Room above the tallest bar for its value.
    mirror_ax.set_ylim(0, max(MIRROR_DOSE_MIN, *values) * 1.25)
    if len(days) <= LABEL_BARS_UP_TO:
        # Each bar's minutes, with the precision a small value needs (0.31, not 0).
        mirror_ax.bar_label(bars, labels=[amount_text(v) for v in values], padding=2,
                            color=look.text, fontsize=look.font_pt * 0.7)
    _days(mirror_ax, look, data, label=True)
    reps_ax = mirror_ax.twinx()
    reps_ax.plot(xs, [reps[d] for d in days], "o", color=look.colors[1],
                 markersize=4 * look.line_scale, label=_("repetitions"))
    reps_ax.set_ylim(0, max(max(reps.values()) * 1.25, 10))
    reps_ax.tick_params(colors=look.colors[1], labelsize=look.font_pt * 0.85)
    _local_ticks(reps_ax)
    reps_ax.set_ylabel(_("repetitions"), color=look.colors[1], fontsize=look.font_pt * 0.85)
    for spine in reps_ax.spines.values():
        spine.set_visible(False)


def _adherence(figure: Any, data: ProgressData, look: Look) -> list[Any]:
    (ax,) = _axes(figure, look)
    _label(ax, look, ngettext("Sessions per day (plan: {sessions_per_day}); "
           "streak: {streak_days} day in a row", "Sessions per day (plan: {sessions_per_day}); "
           "streak: {streak_days} days in a row", data.streak_days).format(sessions_per_day=data.sessions_per_day, streak_days=data.streak_days),
           _("sessions"))
    if not data.days:
        _empty(ax, look, _("No sessions yet"))
        return []
    xs = [float(day_number(d.day, data)) for d in data.days]
    counts = [d.sessions for d in data.days]
    planned = [d.planned for d in data.days]
    colors = [look.colors[2] if c >= p else look.colors[0] if c else look.grid
              for c, p in zip(counts, planned)]
    ax.bar(xs, [max(c, 0.08) for c in counts], color=colors, width=0.8)
    from matplotlib.patches import Patch

    # Each day's plan: a step where the therapist changed how many sessions a day.
    ax.step([xs[0] - 0.5, *[x + 0.5 for x in xs]], [planned[0], *planned], where="pre",
            color=look.colors[1], linestyle="--", linewidth=2 * look.line_scale,
            label=_("planned per day"))
    ax.set_ylim(0, max(max(counts), max(planned)) + 0.6)
    ax.yaxis.get_major_locator().set_params(integer=True)
    _days(ax, look, data, label=True)
    return [Patch(color=look.colors[2], label=_("every planned session")),
            Patch(color=look.colors[0], label=_("fewer"))]
