"""One chart per progress page, from `core.progress.ProgressData`.

Two looks: `SCREEN` (the program's dark theme, large type for arm's length) and `PRINT`
(white paper, for the therapist report). Figures are built with `matplotlib.figure.Figure`
and the Agg canvas directly, not pyplot, so nothing global is touched and no window can
open."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Sequence

from gmi_trainer.core.progress import (
    ProgressData,
    SessionFacts,
    pain_changes,
)
from gmi_trainer.i18n import SOURCE_LANGUAGE, _, format_date, language, ngettext
from gmi_trainer.vocabulary import BODY_PART_TABLE
from gmi_trainer.vocabulary.body_parts import SIDE_WORDS
from gmi_trainer.vocabulary.clinical import PAIN_FALL_MODERATE, PAIN_FALL_SUBSTANTIAL, PAIN_KINDS
from gmi_trainer.vocabulary.targets import TARGET_ACCURACY, TARGET_RT_MS

# Beyond this many points a line's markers would merge into a smear.
MARKERS_UP_TO = 60


@dataclass(frozen=True)
class Look:
    background: str
    text: str
    muted: str
    grid: str
    band: str
    colors: tuple[str, ...]  # series colours: first, second, third
    font_pt: float


SCREEN = Look("#181e28", "#f0f2f5", "#aab2c0", "#3c485c", "#2f6b45",
              ("#58a6ff", "#f5be50", "#5ac878"), 16)
PRINT = Look("#ffffff", "#111111", "#555555", "#dddddd", "#c8ecd2",
             ("#1f5fbf", "#c0392b", "#2e8b57"), 9)


def draw(data: ProgressData, page: str, size_px: tuple[int, int], look: Look = SCREEN,
         dpi: float = 100) -> Any:
    """A matplotlib Figure of one page's chart."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(size_px[0] / dpi, size_px[1] / dpi), dpi=dpi,
                    facecolor=look.background)
    {"pain": _pain, "outcomes": _outcomes, "laterality": _laterality, "imagery_mirror": _imagery_mirror,
     "adherence": _adherence}[page](figure, data, look)
    return figure


def rgba(figure: Any) -> tuple[bytes, tuple[int, int]]:
    """The figure rendered to RGBA bytes and its size in pixels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    buffer = canvas.buffer_rgba()
    return bytes(buffer), (int(buffer.shape[1]), int(buffer.shape[0]))


def png(figure: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    out = io.BytesIO()
    FigureCanvasAgg(figure).print_png(out)
    return out.getvalue()


def _axes(figure: Any, look: Look, rows: int = 1) -> list[Any]:
    axes = [figure.add_subplot(rows, 1, i + 1) for i in range(rows)]
    for ax in axes:
        ax.set_facecolor(look.background)
        ax.tick_params(colors=look.muted, labelsize=look.font_pt * 0.85)
        for spine in ax.spines.values():
            spine.set_color(look.grid)
        ax.spines["top"].set_visible(False)
        ax.spines["right"].set_visible(False)
        ax.grid(True, color=look.grid, linewidth=0.6, alpha=0.8)
        ax.set_axisbelow(True)
    figure.subplots_adjust(left=0.08, right=0.94, top=0.9 if rows == 1 else 0.93,
                           bottom=0.12 if rows == 1 else 0.09, hspace=0.45)
    return axes


def _label(ax: Any, look: Look, title: str, ylabel: str = "") -> None:
    ax.set_title(title, color=look.text, fontsize=look.font_pt, loc="left", pad=6)
    if ylabel:
        ax.set_ylabel(ylabel, color=look.muted, fontsize=look.font_pt * 0.85)


def _legend(ax: Any, look: Look) -> None:
    handles, _ = ax.get_legend_handles_labels()
    if handles:
        ax.legend(fontsize=look.font_pt * 0.8, facecolor=look.background, edgecolor=look.grid,
                  labelcolor=look.text, loc="best", ncol=2, framealpha=0.9)


def _empty(ax: Any, look: Look, text: str) -> None:
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center",
            color=look.muted, fontsize=look.font_pt)
    ax.set_xticks([])
    ax.set_yticks([])


def _series(sessions: Sequence[SessionFacts], value: Any) -> tuple[list[datetime], list[float]]:
    """One point per session; past MARKERS_UP_TO points, one per day (the day's mean), since
    months of sessions one by one are a smear, and a day is what a patient remembers."""
    points = [(s.started_at, float(y)) for s in sessions if (y := value(s)) is not None]
    if len(points) <= MARKERS_UP_TO:
        return [x for x, _ in points], [y for _, y in points]
    days: dict[date, list[float]] = {}
    for x, y in points:
        days.setdefault(x.date(), []).append(y)
    tz = points[0][0].tzinfo
    xs = [datetime.combine(day, time(12), tz) for day in days]
    return xs, [sum(v) / len(v) for v in days.values()]


def _per_day(data: ProgressData) -> str:
    return _("; each point a day's average") if len(data.sessions) > MARKERS_UP_TO else ""


def _line(ax: Any, xs: list[datetime], ys: list[float], color: str, label: str,
          dashed: bool = False) -> None:
    marker = "o" if len(xs) <= MARKERS_UP_TO else None
    ax.plot(xs, ys, color=color, label=label, marker=marker, markersize=5,
            linewidth=1.4 if len(xs) > MARKERS_UP_TO else 2.2, linestyle="--" if dashed else "-")


def _dates(ax: Any, look: Look, data: ProgressData) -> None:
    """The same span on every chart, from the first session's day to the end of today, so
    charts line up when compared."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, num2date
    from matplotlib.ticker import FuncFormatter

    if data.sessions:
        first = datetime.combine(data.sessions[0].day, time(), data.sessions[0].started_at.tzinfo)
        last = datetime.combine(data.today + timedelta(days=1), time(), first.tzinfo)
        ax.set_xlim(first - timedelta(hours=12), last)
    locator = AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    if language() == SOURCE_LANGUAGE:
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator, show_offset=False))
    else:  # day and month in the patient's language (Babel), not the C locale's English
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: format_date(num2date(x), "d MMM")))
    _treatment_lines(ax, look, data)


def _treatment_lines(ax: Any, look: Look, data: ProgressData) -> None:
    """The other treatments as dotted lines, numbered at the top, so a change in a trend can
    be read against them (the report's timeline lists the numbers)."""
    if not data.sessions:
        return
    tz = data.sessions[0].started_at.tzinfo
    for number, treatment in enumerate(data.treatments, start=1):
        x = datetime.combine(treatment.on, time(), tz)
        ax.axvline(x, color=look.muted, linestyle=":", linewidth=1.6, zorder=1)
        ax.annotate(f"T{number}", (x, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(3, -2), textcoords="offset points", va="top",
                    color=look.text, fontsize=look.font_pt * 0.75)


def _noon(day: date, data: ProgressData) -> datetime:
    """A day's bar is centred on its middle."""
    return datetime.combine(day, time(12), data.sessions[0].started_at.tzinfo)


def _side_label(side: str, data: ProgressData) -> str:
    word = _(SIDE_WORDS.get(side, side))
    if not data.affected_side:
        return word
    return word + (_(" (affected)") if side == data.affected_side else _(" (intact)"))


def _pain(figure: Any, data: ProgressData, look: Look) -> None:
    (ax,) = _axes(figure, look)
    _label(ax, look, _("Pain 0-10 (lower is better)") + _per_day(data), "pain")
    before = _series(data.sessions, lambda s: s.pain_before)
    after = _series(data.sessions, lambda s: s.pain_after)
    if not before[0] and not after[0]:
        _empty(ax, look, _("No pain ratings yet"))
        return
    _line(ax, *before, look.colors[1], _("before the session"))
    _line(ax, *after, look.colors[0], _("after the session"))
    ax.set_ylim(-0.3, 10.8)
    ax.set_yticks(range(0, 11, 2))
    _dates(ax, look, data)
    _legend(ax, look)


def _outcomes(figure: Any, data: ProgressData, look: Look) -> None:
    """Pain before each session by kind, with the 30% and 50% falls from the first week's
    mean; below, the weekly BPI interference score (lower is better) and the PGIC."""
    pain_ax, weekly_ax = _axes(figure, look, 2)
    _label(pain_ax, look, _("Pain before each session, by kind") + _per_day(data), "pain")
    kinds = list(dict.fromkeys(k for s in data.sessions for k in s.pain_before_kinds))
    drawn = False
    for i, kind in enumerate(kinds):
        xs, ys = _series(data.sessions, lambda s, k=kind: s.pain_before_kinds.get(k))
        if xs:
            _line(pain_ax, xs, ys, look.colors[i % len(look.colors)], _(PAIN_KINDS.get(kind, kind)),
                  dashed=kind == "residual")
            drawn = True
    changes = pain_changes(data)
    if changes:
        base = changes[0].baseline
        for fall, style in ((PAIN_FALL_MODERATE, "--"), (PAIN_FALL_SUBSTANTIAL, ":")):
            pain_ax.axhline(base * (1 - fall), color=look.muted, linestyle=style, linewidth=1.2,
                            label=_("{fall:.0%} below the first week").format(fall=fall))
    if not drawn:
        _empty(pain_ax, look, _("No pain ratings by kind yet"))
    else:
        pain_ax.set_ylim(-0.3, 10.8)
        pain_ax.set_yticks(range(0, 11, 2))
        _dates(pain_ax, look, data)
        _legend(pain_ax, look)
    _label(weekly_ax, look, _("Weekly: pain interference (BPI, 0-10; lower is better)"), "BPI")
    weekly = [s for s in data.sessions if s.bpi_interference is not None]
    if not weekly:
        _empty(weekly_ax, look, _("No weekly questions answered yet"))
        return
    _line(weekly_ax, [s.started_at for s in weekly], [float(s.bpi_interference or 0)
                                                      for s in weekly], look.colors[2],
          "interference")
    for s in weekly:
        if s.pgic is not None:
            weekly_ax.annotate(_("PGIC {pgic}").format(pgic=s.pgic), (s.started_at, s.bpi_interference),
                               xytext=(0, 8), textcoords="offset points", ha="center",
                               color=look.text, fontsize=look.font_pt * 0.7)
    weekly_ax.set_ylim(-0.3, 10.8)
    weekly_ax.set_yticks(range(0, 11, 2))
    _dates(weekly_ax, look, data)


def _laterality(figure: Any, data: ProgressData, look: Look) -> None:
    parts = list(dict.fromkeys(p for s in data.sessions for p in s.laterality_parts))
    by_part = len(parts) > 1  # a third chart, by body part, once more than one is trained
    axes = _axes(figure, look, 3 if by_part else 2)
    accuracy_ax, rt_ax = axes[0], axes[1]
    _label(accuracy_ax, look, _("Correct (target: at least {TARGET_ACCURACY:.0%}, the green band)").format(TARGET_ACCURACY=TARGET_ACCURACY)
           + _per_day(data),
           _("{percent} correct").format(percent="%"))
    _label(rt_ax, look, _("Median response time (target: under {value:.0f} s, "
           "the green band)").format(value=TARGET_RT_MS / 1000), "seconds")
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
        xs, ys = _series(sessions, lambda s: _pct(s.laterality_sides.get(side)))
        _line(accuracy_ax, xs, ys, color, _side_label(side, data), dashed)
        xs, ys = _series(sessions, lambda s: _secs(s.laterality_sides.get(side)))
        _line(rt_ax, xs, ys, color, _side_label(side, data), dashed)
        top_s = max([top_s, *ys])
    accuracy_ax.set_ylim(min(40, accuracy_ax.get_ylim()[0]), 102)
    rt_ax.set_ylim(0, min(top_s * 1.1, 9))
    for ax in (accuracy_ax, rt_ax):
        _dates(ax, look, data)
    _legend(accuracy_ax, look)
    if by_part:
        part_ax = axes[2]
        _label(part_ax, look, _("Correct by body part (both sides)"), _("{percent} correct").format(percent="%"))
        part_ax.axhspan(TARGET_ACCURACY * 100, 102, color=look.band, alpha=0.5, linewidth=0)
        for i, name in enumerate(parts):
            xs, ys = _series(sessions, lambda s: _pct(s.laterality_parts.get(name)))
            entry = BODY_PART_TABLE.get(name)
            _line(part_ax, xs, ys, look.colors[i % len(look.colors)], _(entry.plural) if entry else name)
        part_ax.set_ylim(min(40, part_ax.get_ylim()[0]), 102)
        _dates(part_ax, look, data)
        _legend(part_ax, look)


def _pct(side: Any) -> float | None:
    return None if side is None or side.accuracy is None else side.accuracy * 100


def _secs(side: Any) -> float | None:
    return None if side is None or side.median_rt_ms is None else side.median_rt_ms / 1000


def _imagery_mirror(figure: Any, data: ProgressData, look: Look) -> None:
    imagery_ax, mirror_ax = _axes(figure, look, 2)
    _label(imagery_ax, look, _("Imagined movement: median time per movement") + _per_day(data),
           "seconds")
    _label(mirror_ax, look, _("Mirror work per day: minutes (bars) and repetitions counted (dots)"),
           "minutes")
    xs, ys = _series(data.sessions, lambda s: None if s.imagery_median_ms is None
                     else s.imagery_median_ms / 1000)
    if xs:
        _line(imagery_ax, xs, ys, look.colors[2], _("imagined movement"))
        imagery_ax.set_ylim(0, max(ys) * 1.15)
        _dates(imagery_ax, look, data)
    else:
        _empty(imagery_ax, look, _("No imagined movements yet"))
    minutes: dict[Any, float] = {}
    reps: dict[Any, int] = {}
    for session in data.sessions:
        if session.mirror_minutes or session.mirror_repetitions:
            minutes[session.day] = minutes.get(session.day, 0.0) + session.mirror_minutes
            reps[session.day] = reps.get(session.day, 0) + session.mirror_repetitions
    if not minutes:
        _empty(mirror_ax, look, _("No mirror work yet"))
        return
    days = [_noon(d, data) for d in sorted(minutes)]
    mirror_ax.bar(days, [minutes[d.date()] for d in days], color=look.colors[0], width=0.8)
    mirror_ax.axhline(15, color=look.muted, linestyle=":", linewidth=1.5)
    mirror_ax.text(0.005, 15, _("15 min a day"), transform=mirror_ax.get_yaxis_transform(),
                   color=look.muted, fontsize=look.font_pt * 0.75, ha="left", va="bottom")
    _dates(mirror_ax, look, data)
    reps_ax = mirror_ax.twinx()
    reps_ax.plot(days, [reps[d.date()] for d in days], "o", color=look.colors[1], markersize=4)
    reps_ax.set_ylim(0, max(max(reps.values()) * 1.2, 10))
    reps_ax.tick_params(colors=look.colors[1], labelsize=look.font_pt * 0.85)
    reps_ax.set_ylabel("repetitions", color=look.colors[1], fontsize=look.font_pt * 0.85)
    for spine in reps_ax.spines.values():
        spine.set_visible(False)


def _adherence(figure: Any, data: ProgressData, look: Look) -> None:
    (ax,) = _axes(figure, look)
    _label(ax, look, ngettext("Sessions per day (plan: {sessions_per_day}); "
           "streak: {streak_days} day in a row", "Sessions per day (plan: {sessions_per_day}); "
           "streak: {streak_days} days in a row", data.streak_days).format(sessions_per_day=data.sessions_per_day, streak_days=data.streak_days),
           "sessions")
    if not data.days:
        _empty(ax, look, _("No sessions yet"))
        return
    days = [_noon(d.day, data) for d in data.days]
    counts = [d.sessions for d in data.days]
    colors = [look.colors[2] if c >= data.sessions_per_day else
              look.colors[0] if c else look.grid for c in counts]
    ax.bar(days, [max(c, 0.08) for c in counts], color=colors, width=0.8)
    from matplotlib.patches import Patch

    line = ax.axhline(data.sessions_per_day, color=look.colors[1], linestyle="--", linewidth=2,
                      label=_("planned per day"))
    handles = [Patch(color=look.colors[2], label=_("every planned session")),
               Patch(color=look.colors[0], label="fewer"), line]
    ax.set_ylim(0, max(max(counts), data.sessions_per_day) + 1.6)  # room for the legend
    ax.yaxis.get_major_locator().set_params(integer=True)
    _dates(ax, look, data)
    ax.legend(handles=handles, fontsize=look.font_pt * 0.8, facecolor=look.background,
              edgecolor=look.grid, labelcolor=look.text, loc="upper right", ncol=3,
              framealpha=0.9)
