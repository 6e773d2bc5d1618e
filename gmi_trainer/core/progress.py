"""Progress over days, from the facts of each earlier session: the series the progress
screen and the therapist report draw, adherence against the plan, and the streak.

Pure: it receives `SessionFacts` (built from records by `records/history.py`) and today's
date; it reads no files and draws nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Sequence

from gmi_trainer.core.views import ProgressView
from gmi_trainer.i18n import N_, _, format_moment, format_number, format_percent, ngettext
from gmi_trainer.vocabulary import BODY_PART_TABLE
from gmi_trainer.vocabulary.clinical import (
    BPI_MEANINGFUL_POINTS,
    PAIN_FALL_MODERATE,
    PAIN_FALL_SUBSTANTIAL,
    PAIN_KINDS,
    PGIC_CHOICES,
    TREATMENT_KINDS,
)

STATUS_INCOMPLETE = "incomplete"


@dataclass(frozen=True)
class SideFacts:
    accuracy: float | None
    median_rt_ms: float | None
    answered: int = 0


@dataclass(frozen=True)
class TreatmentFacts:
    """Another treatment the therapist recorded: a dated line on every chart."""

    on: date
    kind: str
    name: str = ""
    dose: str = ""
    note: str = ""

    def words(self) -> str:
        """'Medicine started: pregabalin 75 mg twice a day'."""
        text = _(TREATMENT_KINDS[self.kind][0]) if self.kind in TREATMENT_KINDS else self.kind
        detail = " ".join(part for part in (self.name, self.dose) if part)
        return f"{text}: {detail}" if detail else text


@dataclass(frozen=True)
class SessionFacts:
    """What one session contributes to progress: figures from its manifest's summary (or,
    for a session cut off before its end, from its event log)."""

    session_id: str
    started_at: datetime
    status: str  # "complete", "ended_early", "incomplete"
    autopilot: str | None = None
    plan: str = ""
    stage: str = ""
    active_s: float | None = None
    pain_before: int | None = None
    pain_after: int | None = None
    laterality_accuracy: float | None = None
    laterality_rt_ms: float | None = None
    laterality_sides: dict[str, SideFacts] = field(default_factory=dict)
    # The same figures by body part ("hand", "leg", ...), for the chart by part.
    laterality_parts: dict[str, SideFacts] = field(default_factory=dict)
    imagery_median_ms: float | None = None
    imagery_movements: int = 0
    mirror_minutes: float = 0.0
    mirror_repetitions: int = 0
    note: str = ""
    unusual: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()  # phases with any work done
    # For the table of sessions: each laterality block with a figure (accuracy, median
    # time), the test pictures of a session that has no such block, and each imagery
    # block that showed pictures (median movement time, pictures done).
    laterality_blocks: tuple[tuple[float, float | None], ...] = ()
    laterality_pictures: int = 0
    imagery_blocks: tuple[tuple[float | None, int], ...] = ()
    counts_as_patient: bool = False  # an autopilot run told to count like the patient's own
    # Where the session's stage came from: "records", "therapist", or "this_run" (run
    # --stage, which no later stage decision reads); "" in records older than that.
    stage_source: str = ""
    planned_s: float | None = None  # the session's planned length (its stage's)
    min_active_s: float | None = None  # the active time it needed to count
    planned_per_day: int | None = None  # sessions a day its plan asked for (None: not known)
    pain_alert: tuple[str, ...] = ()  # why the patient was told to stop for today
    # Pain by kind ({"phantom": 5, "residual": 2}); empty in records from before the kinds.
    pain_before_kinds: dict[str, int] = field(default_factory=dict)
    pain_after_kinds: dict[str, int] = field(default_factory=dict)
    sensations_before: tuple[str, ...] | None = None  # None: not asked; (): none felt
    bpi_interference: float | None = None  # this session's weekly BPI interference score
    pgic: int | None = None  # this session's weekly PGIC answer, 1-7

    @property
    def day(self) -> date:
        return self.started_at.date()

    @property
    def by_person(self) -> bool:
        """Done by the patient (or by the autopilot standing in for them on purpose)."""
        return not self.autopilot or self.counts_as_patient

    @property
    def counts(self) -> bool:
        """The one adherence rule, used by home, progress, the report, the stages and the
        sessions export: a session counts when it was done by the patient, was not cut off,
        and its active time (pauses and camera problems excluded) reached the plan's minimum,
        half its planned length by default. A session ended early counts only if it got
        that far; a window closed after 10 s does not. Records from before the minimum was
        written count when they finished."""
        return self.not_counted_reason == ""

    @property
    def not_counted_reason(self) -> str:
        """Why the session does not count, in a few words ("" when it counts)."""
        if not self.by_person:
            return "autopilot"
        if self.status == STATUS_INCOMPLETE:
            return "cut off"
        if self.min_active_s is None:
            return "" if self.status == "complete" else "ended early"
        if (self.active_s or 0.0) < self.min_active_s:
            return f"too short ({duration_words(self.active_s or 0.0)} of " \
                   f"{duration_words(self.min_active_s)} needed)"
        return ""


def amount_text(value: float) -> str:
    """A measured amount with the precision it needs: '0', '0.31', '4.5', '12', so a small
    amount (a third of a minute) never reads as nothing; written the language's way ('0,31')."""
    size = abs(value)
    return format_number(value, 0 if size == 0 or size >= 10 else 1 if size >= 1 else 2)


def duration_words(seconds: float) -> str:
    """'1 min 46 s', '46 s': whole seconds, floored (46.9 s is 46 s, never '1 min')."""
    whole = int(max(0.0, seconds))
    minutes, rest = divmod(whole, 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def duration_text(seconds: float) -> str:
    """`duration_words` in the patient's language, for screens (records keep English)."""
    minutes, rest = divmod(int(max(0.0, seconds)), 60)
    return (_("{minutes} min {seconds:02d} s").format(minutes=minutes, seconds=rest) if minutes
            else _("{seconds} s").format(seconds=rest))


@dataclass(frozen=True)
class DayCount:
    day: date
    sessions: int
    planned: int = 0  # sessions the plan in force that day asked for


@dataclass(frozen=True)
class ProgressData:
    """Everything the progress charts show, oldest session first."""

    sessions: tuple[SessionFacts, ...]
    days: tuple[DayCount, ...]  # every day from the first session to today
    sessions_per_day: int  # the current plan's
    streak_days: int
    today: date
    affected_side: str = ""
    treatments: tuple[TreatmentFacts, ...] = ()  # the other treatments, oldest first

    @property
    def days_on_plan(self) -> int:
        return sum(1 for d in self.days if d.sessions >= d.planned)

    def done_and_planned(self, last_days: int) -> tuple[int, int]:
        """Counted sessions and planned sessions over the last `last_days` days to today
        (only days since the first session). A day's extra sessions do not make up for
        another day's missing ones, so adherence is never above 100%."""
        return done_and_planned(self.days, self.today, last_days)

    def adherence(self, last_days: int = 14) -> float | None:
        """Counted sessions over planned sessions in the last `last_days` days (to today)."""
        done, planned = self.done_and_planned(last_days)
        return done / planned if planned else None

    @property
    def alerts(self) -> tuple[SessionFacts, ...]:
        """Sessions that ended with a pain alert, newest first."""
        return tuple(s for s in reversed(self.sessions) if s.pain_alert)


def done_and_planned(days: Sequence[DayCount], today: date,
                     last_days: int) -> tuple[int, int]:
    """Each day against the plan in force that day (DayCount.planned)."""
    recent = [d for d in days if 0 <= (today - d.day).days < last_days]
    return sum(min(d.sessions, d.planned) for d in recent), sum(d.planned for d in recent)


def counted(sessions: Sequence[SessionFacts]) -> list[SessionFacts]:
    return [s for s in sessions if s.counts]


def sessions_per_day(sessions: Sequence[SessionFacts], today: date,
                     current_per_day: int) -> list[DayCount]:
    """Sessions that count, per calendar day from the patient's first session (counted or
    not: a week of sessions too short to count is a week of zeros, not no data) to today,
    each with what the plan in force that day asked for.

    The plan in force: on a day with sessions, the plan its last session ran (its record
    says how many a day that plan asked for); on a day without, the plan of the last session
    before it; after the last session, the current plan (`current_per_day`), which is what
    the patient is asked to do now. A session recorded before plans were noted in records
    counts as the current plan's."""
    if not sessions:
        return []
    per_day: dict[date, int] = {}
    for session in counted(sessions):
        per_day[session.day] = per_day.get(session.day, 0) + 1
    plan_on: dict[date, int] = {}
    for session in sorted(sessions, key=lambda s: s.started_at):
        plan_on[session.day] = session.planned_per_day or current_per_day
    first = min(s.day for s in sessions)
    last_session = max(s.day for s in sessions)
    last = max(today, last_session)
    days: list[DayCount] = []
    in_force = current_per_day
    for i in range((last - first).days + 1):
        day = first + timedelta(days=i)
        if day > last_session:
            in_force = current_per_day
        else:
            in_force = plan_on.get(day, in_force)
        days.append(DayCount(day, per_day.get(day, 0), in_force))
    return days


def streak(sessions: Sequence[SessionFacts], today: date) -> int:
    """Consecutive days with at least one session, ending today, or yesterday when today has
    none yet (a streak is not broken before the day is over)."""
    days = {s.day for s in counted(sessions)}
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def progress_data(sessions: Sequence[SessionFacts], today: date, planned_per_day: int,
                  affected_side: str = "",
                  treatments: Sequence[TreatmentFacts] = ()) -> ProgressData:
    """The progress figures of a patient's sessions (autopilot runs are left out, unless
    they were told to count as the patient's)."""
    people = tuple(s for s in sessions if s.by_person)
    return ProgressData(people, tuple(sessions_per_day(people, today, planned_per_day)),
                        planned_per_day,
                        streak(people, today), today, affected_side, tuple(treatments))


@dataclass(frozen=True)
class Change:
    """A measure now against its baseline, and whether the change is meaningful."""

    name: str
    baseline: float
    now: float
    verdict: str  # e.g. "30% lower: a moderate, meaningful fall"

    def words(self) -> str:
        return _("{name}: {baseline:.1f} at the start, {now:.1f} now ({verdict})").format(name=self.name, baseline=self.baseline, now=self.now, verdict=self.verdict)


def pain_changes(data: ProgressData) -> list[Change]:
    """Pain before sessions, by kind and overall: the first 7 days' mean (the baseline)
    against the last 7 days' mean, judged by IMMPACT's thresholds (a 30% fall is moderate,
    50% substantial). Needs sessions in both weeks, at least 7 days apart."""
    sessions = data.sessions
    if not sessions:
        return []
    first_day = sessions[0].day
    early = [s for s in sessions if (s.day - first_day).days < 7]
    late = [s for s in sessions if (data.today - s.day).days < 7 and s not in early]
    if not late:
        return []
    series: list[tuple[str, Any]] = [(_("Pain (the worst kind)"), lambda s: s.pain_before)]
    kinds = dict.fromkeys(k for s in sessions for k in s.pain_before_kinds)
    if len(kinds) > 1 or kinds and "crps" not in kinds:
        series += [(_(PAIN_KINDS[k]).capitalize(), lambda s, k=k: s.pain_before_kinds.get(k))
                   for k in kinds if k in PAIN_KINDS]
    changes = []
    for name, value in series:
        base = _mean([value(s) for s in early])
        now = _mean([value(s) for s in late])
        if base is None or now is None:
            continue
        changes.append(Change(name, base, now, _pain_verdict(base, now)))
    return changes


def _pain_verdict(base: float, now: float) -> str:
    if base <= 0:
        return _("no pain at the start") if now <= 0 else _("up by {now:.1f} points").format(now=now)
    fall = (base - now) / base
    if fall >= PAIN_FALL_SUBSTANTIAL:
        return _("{fall:.0%} lower: a substantial fall (at least 50%)").format(fall=fall)
    if fall >= PAIN_FALL_MODERATE:
        return _("{fall:.0%} lower: a moderate, meaningful fall (at least 30%)").format(fall=fall)
    if fall > 0:
        return _("{fall:.0%} lower: less than the 30% that counts as meaningful").format(fall=fall)
    return _("no fall") if fall == 0 else _("{value:.0%} higher").format(value=-fall)


def interference_change(data: ProgressData) -> Change | None:
    """BPI interference: the first weekly score against the latest; a fall of 1 point or more
    is meaningful."""
    scores = [s.bpi_interference for s in data.sessions if s.bpi_interference is not None]
    if len(scores) < 2:
        return None
    base, now = scores[0], scores[-1]
    fall = base - now
    verdict = (_("{fall:.1f} points lower: a meaningful fall (1 point or more)").format(fall=fall)
               if fall >= BPI_MEANINGFUL_POINTS else
               _("{fall:.1f} points lower: less than 1 point").format(fall=fall) if fall > 0 else
               _("no fall") if fall == 0 else _("{value:.1f} points higher").format(value=-fall))
    return Change(_("Pain interference (BPI, 0-10)"), base, now, verdict)


def latest_pgic(data: ProgressData) -> str:
    answers = [s.pgic for s in data.sessions if s.pgic is not None]
    return _(PGIC_CHOICES[answers[-1] - 1]) if answers else ""


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _recent(sessions: Sequence[SessionFacts], value: Any, last: int = 5) -> float | None:
    values = [v for s in sessions if (v := value(s)) is not None][-last:]
    return sum(values) / len(values) if values else None


def page_headline(data: ProgressData | None, page: str) -> str:
    """One line in words under a chart page's title: the figures a patient looks for."""
    if data is None or not data.sessions:
        return _("No sessions yet: your first session will appear here.")
    sessions = data.sessions
    if page == "alerts":
        alerts = data.alerts
        week = sum(1 for s in alerts if (data.today - s.day).days < 7)
        return (ngettext("{alerts} session ended with advice to stop for the day ({week} in the "
                         "last 7 days). Talk to your therapist about it.",
                         "{alerts} sessions ended with advice to stop for the day ({week} in the "
                         "last 7 days). Talk to your therapist about them.", len(alerts)
                         ).format(alerts=len(alerts), week=week))
    if page == "adherence":
        done, planned = data.done_and_planned(7)
        return (ngettext("Streak: {days} day in a row.", "Streak: {days} days in a row.",
                         data.streak_days).format(days=data.streak_days)
                + "  " + ngettext("Last 7 days: {done} session of {planned} planned.",
                                  "Last 7 days: {done} sessions of {planned} planned.",
                                  done).format(done=done, planned=planned)
                + "  " + _("Days with every planned session: {days_on_plan}.").format(
                    days_on_plan=data.days_on_plan))
    if page == "pain":
        before = _recent(sessions, lambda s: s.pain_before)
        after = _recent(sessions, lambda s: s.pain_after)
        if before is None and after is None:
            return _("No pain ratings yet.")
        return (_("Last 5 sessions, average pain: "
                "{value} before, "
                "{value2} after.").format(value='-' if before is None else format_number(before, 1), value2='-' if after is None else format_number(after, 1)))
    if page == "outcomes":
        words = [c.words() for c in pain_changes(data)[:1]]
        bpi = interference_change(data)
        if bpi is not None:
            words.append(bpi.words())
        if latest_pgic(data):
            words.append(_("Latest impression of change: {value}").format(value=latest_pgic(data).lower()))
        return ".  ".join(words) + "." if words else \
            _("The change from the first week shows here after a week of sessions.")
    if page == "laterality":
        parts = []
        for side in ("left", "right"):
            acc = _recent(sessions, lambda s: (s.laterality_sides.get(side) or _NO_SIDE).accuracy)
            rt = _recent(sessions, lambda s: (s.laterality_sides.get(side) or _NO_SIDE).median_rt_ms)
            if acc is None:
                continue
            word = _("Left") if side == "left" else _("Right")
            if data.affected_side:
                word += _(" (affected)") if side == data.affected_side else _(" (intact)")
            parts.append(f"{word}: {format_percent(acc)}" + (_(", {seconds:.2f} s").format(seconds=rt / 1000) if rt else ""))
        if not parts:
            return _("No left/right judgement yet.")
        by_part = []
        names = list(dict.fromkeys(p for s in sessions for p in s.laterality_parts))
        for name in names if len(names) > 1 else ():
            acc = _recent(sessions, lambda s: (s.laterality_parts.get(name) or _NO_SIDE).accuracy)
            if acc is not None:
                by_part.append(f"{_plural(name)} {format_percent(acc)}")
        return (_("Last 5 sessions: ") + ";  ".join(parts) + "."
                + (_("  By part: {by_part}.").format(by_part=', '.join(by_part)) if by_part else ""))
    if page == "imagery_mirror":
        imagery = _recent(sessions, lambda s: s.imagery_median_ms)
        minutes = sum(s.mirror_minutes for s in sessions if (data.today - s.day).days < 7)
        return ((_("Imagined movement, last 5 sessions: {value:.1f} s per movement.  ").format(value=imagery / 1000)
                 if imagery else "") + _("Mirror work in the last 7 days: {minutes} min.").format(minutes=amount_text(minutes)))
    return ngettext("{sessions} session recorded.", "{sessions} sessions recorded.", len(sessions)).format(sessions=len(sessions))


_NO_SIDE = SideFacts(None, None)


def _plural(part: str) -> str:
    """'feet' for a part of the table; a name from older records is shown as it is."""
    entry = BODY_PART_TABLE.get(part)
    return _(entry.plural) if entry is not None else part

# The chart pages of the progress screen, in the order Left/Right turns them; the charts
# themselves are drawn in gmi_trainer/charts/figures.py.
CHART_PAGES = ("adherence", "pain", "outcomes", "laterality", "imagery_mirror")
PAGE_TITLES = {
    "alerts": N_("Pain alerts: stop for the day"),
    "adherence": N_("Sessions per day"),
    "pain": N_("Pain before and after each session"),
    "outcomes": N_("Pain by kind and the weekly measures"),
    "laterality": N_("Left/right judgement"),
    "imagery_mirror": N_("Imagined movement and mirror work"),
    "table": N_("Every session"),
}


PROGRESS_PAGE_ROWS = 10  # session-table rows on one page


def browse(view: Any, inp: Any) -> tuple[Any, bool]:
    """The progress screen after one input, and whether the patient asked to leave it:
    Left/Right (or the page buttons) turn pages, Up/Down scroll the table, Enter goes back.
    The home screen and therapist mode share it."""
    from dataclasses import replace

    from gmi_trainer.core import inputs as act

    turn = {act.LEFT: -1, act.RIGHT: 1}.get(inp.action, 0)
    if inp.action == act.SELECT and inp.value in ("previous", "next"):
        turn = -1 if inp.value == "previous" else 1
    if turn:
        page = (view.page + turn) % len(view.pages)
        return replace(view, page=page, headline=page_headline(view.data, view.pages[page])), False
    if inp.action in (act.UP, act.DOWN) and view.pages[view.page] == "table":
        step = -PROGRESS_PAGE_ROWS if inp.action == act.UP else PROGRESS_PAGE_ROWS
        first = min(max(0, view.first_row + step), max(0, len(view.rows) - PROGRESS_PAGE_ROWS))
        return replace(view, first_row=first), False
    leave = inp.action in (act.CONFIRM, act.BACK, act.PAUSE) \
        or inp.action == act.SELECT and inp.value == "back"
    return view, leave



STATUS_WORDS = {"complete": N_("complete"), "ended_early": N_("ended early"), "incomplete": N_("incomplete")}
PROGRESS_COLUMNS = (N_("When"), N_("Status"), N_("Time"), N_("Pain before/after"), N_("Left/right"), N_("Imagery"))


def progress_rows(sessions: Sequence[SessionFacts]) -> list[tuple[str, ...]]:
    """The table of sessions, newest first."""
    rows = []
    for session in reversed(sessions):
        pain = f"{_dash(session.pain_before)} -> {_dash(session.pain_after)}"
        if len(session.laterality_blocks) > 2 and session.laterality_accuracy is not None:
            # Many blocks (a stage-1 session has six): their weighted figure fits the column.
            rt_ms = session.laterality_rt_ms
            laterality = format_percent(session.laterality_accuracy) + _seconds_after(rt_ms)
        elif session.laterality_blocks:
            laterality = ", ".join(format_percent(accuracy) + _seconds_after(rt_ms)
                                   for accuracy, rt_ms in session.laterality_blocks)
        else:
            pictures = session.laterality_pictures
            laterality = _("{pictures} pictures").format(pictures=pictures) if pictures else "-"
        if len(session.imagery_blocks) > 1:
            # The column fits one figure: several blocks (a stage-2 session has five), as one
            # median and the pictures done in all of them, like the left/right column.
            imagery = _imagery_cell(session.imagery_median_ms,
                                    sum(done for _median, done in session.imagery_blocks))
        else:
            imagery = ", ".join(_imagery_cell(median_ms, done)
                                for median_ms, done in session.imagery_blocks) or "-"
        rows.append((
            format_moment(session.started_at, year=False),
            status_words(session, short=True),
            _minutes(session.active_s) if session.active_s else "-",
            pain,
            laterality,
            imagery,
        ))
    return rows


def reason_text(session: SessionFacts) -> str:
    """Why a session does not count (`not_counted_reason`), in the patient's language."""
    reason = session.not_counted_reason
    if reason.startswith("too short"):
        return _("too short ({done} of {needed} needed)").format(
            done=duration_text(session.active_s or 0.0), needed=duration_text(session.min_active_s or 0.0))
    words = {"cut off": _("cut off"), "ended early": _("ended early"), "autopilot": _("autopilot")}
    return words.get(reason, reason)


def status_words(session: SessionFacts, short: bool = False) -> str:
    """'complete', 'ended early, not counted: too short (46 s of 7 min 30 s needed)',
    'complete, PAIN ALERT'; `short` (the progress table's narrow column): 'ended early: too
    short'."""
    words = _(STATUS_WORDS[session.status])
    reason = session.not_counted_reason
    if short and session.pain_alert:  # the flag first; the column is narrow
        return _("PAIN ALERT") + (_(", too short") if reason.startswith("too short")
                               else _(", not counted") if reason else "")
    if reason == "autopilot":
        words += _(" (autopilot)")
    elif reason.startswith("too short") and short:
        words += _(": too short")
    elif reason and reason != "cut off":
        words += _(", not counted") + ("" if short or reason == "ended early" else ": " + reason_text(session))
    if session.pain_alert:
        words += _(", PAIN ALERT")
    return words


def alert_rows(data: ProgressData) -> list[tuple[str, ...]]:
    """The progress screen's first page when there are alerts: each flagged session, newest
    first, with why."""
    return [(format_moment(s.started_at, year=False),
             f"{_dash(s.pain_before)} -> {_dash(s.pain_after)}", "; ".join(s.pain_alert))
            for s in data.alerts]


def _minutes(seconds: float) -> str:
    """The table's time column: whole minutes, floored; under a minute, seconds."""
    return (_("{value} min").format(value=int(seconds // 60)) if seconds >= 60
            else _("{seconds} s").format(seconds=int(seconds)))


def _seconds_after(rt_ms: float | None) -> str:
    """' 1.31 s' after a percentage in the table ('' without a time)."""
    return " " + _("{seconds:.2f} s").format(seconds=rt_ms / 1000) if rt_ms else ""


def _imagery_cell(median_ms: float | None, pictures_done: int) -> str:
    """Median imagined-movement time and pictures done, e.g. "4.1 s, 6 pics"."""
    speed = "-" if median_ms is None else _("{seconds:.1f} s").format(seconds=median_ms / 1000)
    return _("{speed}, {pictures_done} pics").format(speed=speed, pictures_done=pictures_done)


def _dash(value: Any) -> str:
    return "-" if value is None else str(value)


def progress_view(sessions: Sequence[SessionFacts], warnings: Sequence[str], patient: str,
                  planned_per_day: int, affected_side: str, today: date,
                  treatments: Sequence[TreatmentFacts] = ()) -> ProgressView:
    """The progress screen: chart pages first, then the table of sessions."""
    data = progress_data(list(sessions), today, planned_per_day, affected_side, treatments)
    rows = tuple(progress_rows(sessions))
    footer = (ngettext("{sessions} session recorded. Up/Down scroll the table.", "{sessions} sessions recorded. Up/Down scroll the table.", len(sessions)).format(sessions=len(sessions))
              if sessions else _("No sessions yet. Your first session will appear here."))
    pages = (*CHART_PAGES, "table") if data.sessions else ("table",)
    if data.alerts:  # flagged sessions first
        pages = ("alerts", *pages)
    return ProgressView(_("Progress: {patient}").format(patient=patient), tuple(_(c) for c in PROGRESS_COLUMNS), rows, footer, tuple(warnings),
                        pages=pages, page=0, headline=page_headline(data, pages[0]), data=data,
                        alert_rows=tuple(alert_rows(data)))
