"""The therapist report: one self-contained HTML file (charts embedded as base64 PNG) that
prints well. Sections: overview, trends, left/right asymmetry, notes and "anything
unusual?" answers, and a table per session; incomplete sessions are marked.

Written in the language in force (the caller sets the patient's, or the one asked for):
every text through the catalogs, dates, numbers and durations the language's way. What the
records hold as written (notes, the alert reasons shown at the time, plan and stage names)
is shown as it is."""

from __future__ import annotations

import base64
import html
import re
from datetime import date, datetime
from typing import Any, Sequence

from gmi_trainer import __version__
from gmi_trainer.charts.figures import PRINT, draw, png, side_label
from gmi_trainer.core.progress import (
    CHART_PAGES,
    PAGE_TITLES,
    ProgressData,
    STATUS_WORDS,
    SessionFacts,
    TreatmentFacts,
    amount_text,
    duration_text,
    interference_change,
    latest_pgic,
    pain_changes,
    progress_data,
    reason_text,
)
from gmi_trainer.i18n import (
    _,
    format_date,
    format_moment,
    format_number,
    format_percent,
    language,
    ngettext,
    plan_text,
)
from gmi_trainer.records.history import session_facts
from gmi_trainer.records.reader import SessionRecord
from gmi_trainer.vocabulary import BODY_PART_TABLE
from gmi_trainer.vocabulary.body_parts import SIDE_WORDS, Affected
from gmi_trainer.vocabulary.targets import TARGET_ACCURACY, TARGET_RT_MS
from gmi_trainer.vocabulary.unusual import UNUSUAL_WORDS

CHART_SIZE_PX = (1400, 520)
CHART_DPI = 140  # with PRINT's 9 pt type: sharp on paper at 18 cm wide

CSS = """
body { font: 11pt/1.4 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #111;
       max-width: 1000px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 20pt; margin-bottom: 0; } h2 { font-size: 14pt; margin-top: 28px;
     border-bottom: 2px solid #333; padding-bottom: 2px; }
h3 { font-size: 12pt; margin: 18px 0 4px; }
.muted { color: #555; } .warn { color: #a15c00; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 10pt; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num, th.num { text-align: right; }
tr.incomplete td { background: #fff3d6; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-weight: 600; }
.badge.incomplete { background: #f5be50; color: #000; }
.badge.ended_early { background: #ddd; }
figure { margin: 10px 0; } figure img { width: 100%; height: auto; border: 1px solid #ddd; }
.session { page-break-inside: avoid; break-inside: avoid; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { page-break-after: avoid; break-after: avoid; }
  figure, table.summary { page-break-inside: avoid; break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .noprint { display: none; }
}
"""


def build_report(sessions: Sequence[SessionRecord], warnings: Sequence[str], patient: str,
                 profile: dict[str, Any] | None, planned_per_day: int, today: date,
                 session_tables: bool = True,
                 treatments: Sequence[TreatmentFacts] = ()) -> str:
    """The report as one HTML string, in the language in force. Manifests are enough: every
    figure comes from the sessions' summaries (or, for a cut-off session, its event log)."""
    profile = profile or _latest_profile(sessions)
    affected = str(profile.get("affected_side") or "")
    limb = str(profile.get("affected_limb") or "")
    all_facts = [session_facts(s) for s in sessions]
    people = [s for s, f in zip(sessions, all_facts) if f.by_person]
    facts = [f for f in all_facts if f.by_person]
    data = progress_data(facts, today, planned_per_day, affected, treatments)
    intro = [_("Written {when} by gmi-trainer {version}.").format(
                 when=format_moment(datetime.now().astimezone(), weekday=False), version=__version__),
             _("Affected side: {affected}").format(affected=_affected_words(affected, limb)) + "."]
    if facts:
        intro.append(ngettext("{count} session, from {first} to {last}.",
                              "{count} sessions, from {first} to {last}.", len(people)).format(
            count=len(people), first=format_date(facts[0].day), last=format_date(facts[-1].day)))
    else:
        intro.append(ngettext("{count} session.", "{count} sessions.", len(people)).format(count=len(people)))
    if len(people) < len(sessions):
        left_out = len(sessions) - len(people)
        intro.append(ngettext("{count} autopilot run left out.", "{count} autopilot runs left out.",
                              left_out).format(count=left_out))
    parts = [f"<!DOCTYPE html>\n<html lang=\"{language()}\"><head><meta charset=\"utf-8\">"
             "<title>" + _e(_("gmi-trainer report: {patient}").format(patient=patient)) + "</title>"
             f"<style>{CSS}</style></head><body>",
             "<h1>" + _e(_("Progress report: {patient}").format(patient=patient)) + "</h1>",
             _p(_sentences(intro), "muted")]
    for warning in warnings:
        parts.append(_p(_("Skipped: {warning}").format(warning=warning), "warn"))
    parts.append(_alerts(data))  # flagged sessions first
    parts.append(_overview(data))
    parts.append(_outcomes(data))
    parts.append(_timeline(data))
    parts.append(_h2("trends", _("Trends")))
    if facts:
        for page in CHART_PAGES:
            image = base64.b64encode(png(draw(data, page, CHART_SIZE_PX, PRINT, CHART_DPI)))
            parts.append(f"<figure><img alt=\"{_e(_(PAGE_TITLES[page]))}\" "
                         f"src=\"data:image/png;base64,{image.decode('ascii')}\"></figure>")
    else:
        parts.append(_p(_("No sessions yet.")))
    parts.append(_asymmetry(data))
    parts.append(_notes(facts))
    parts.append(_sessions(people, facts, session_tables))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _sentences(sentences: Sequence[str]) -> str:
    """Sentences in a row, without the doubled full stop of a sentence that ends in an
    abbreviated date ('по 6 окт. 2026 г.')."""
    return re.sub(r"\.\.(?=\s|$)", ".", " ".join(sentences))


def _affected_words(side: str, limb: str) -> str:
    """'left hand or arm' in the language; 'not recorded' when the profile has no side."""
    if side in SIDE_WORDS and limb in BODY_PART_TABLE:
        return Affected(limb, side).words()
    if side in SIDE_WORDS:
        return _(SIDE_WORDS[side])
    return _("not recorded")


def _latest_profile(sessions: Sequence[SessionRecord]) -> dict[str, Any]:
    for session in reversed(sessions):
        if isinstance(session.manifest.get("profile"), dict):
            return session.manifest["profile"]
    return {}


def _overview(data: ProgressData) -> str:
    facts = data.sessions
    done = [f for f in facts if f.counts]
    incomplete = sum(1 for f in facts if f.status == "incomplete")
    short = sum(1 for f in facts if f.status != "incomplete" and not f.counts)

    def against_plan(last_days: int) -> str:
        done_n, planned = data.done_and_planned(last_days)
        if not planned:
            return "-"
        return _("{done} of {planned} planned ({share})").format(
            done=done_n, planned=planned, share=format_percent(done_n / planned))

    repetitions = sum(f.mirror_repetitions for f in facts)
    rows = [
        (_("Sessions that count (reached the plan's minimum practice time)"), _number(len(done))),
        (_("Sessions too short to count (shown below, not counted)"), _number(short)),
        (_("Sessions cut off (incomplete)"), _number(incomplete)),
        (_("Pain alerts (advised to stop for the day)"), _number(len(data.alerts))),
        (_("Planned per day"), _number(data.sessions_per_day)),
        *((ngettext("Sessions, last {days} day", "Sessions, last {days} days", days).format(days=days),
           against_plan(days)) for days in (7, 14)),
        (_("Days with every planned session"),
         _("{done} of {total}").format(done=data.days_on_plan, total=len(data.days))),
        (_("Streak (days in a row with a session)"), _number(data.streak_days)),
        (_("Time practising"), _("{hours:.1f} h").format(hours=sum(f.active_s or 0 for f in facts) / 3600)),
        (_("Mirror work"), _("{minutes} min").format(minutes=amount_text(sum(f.mirror_minutes for f in facts)))
         + ", " + ngettext("{count} repetition counted", "{count} repetitions counted",
                           repetitions).format(count=_number(repetitions))),
    ]
    first, last = _pain_average(facts[:5]), _pain_average(facts[-5:])
    if first and last:
        rows.append((_("Pain before / after, first 5 sessions"), first))
        rows.append((_("Pain before / after, last 5 sessions"), last))
    body = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    return _h2("overview", _("Overview")) + f"<table class=\"summary\">{body}</table>"


def _outcomes(data: ProgressData) -> str:
    """Meaningful change: pain (overall and by kind) from the first week to the last, the
    weekly BPI interference score and the latest PGIC, with the thresholds named."""
    head = _h2("outcomes", _("Outcomes")) + _p(_(
        "Meaningful change (IMMPACT): a 30% fall in pain is moderate, 50% substantial; a "
        "1-point fall in BPI interference is meaningful. Pain: the mean before sessions in the "
        "first 7 days against the last 7 days."), "muted")
    rows = [(c.name, format_number(c.baseline, 1), format_number(c.now, 1), c.verdict)
            for c in pain_changes(data)]
    bpi = interference_change(data)
    if bpi is not None:
        rows.append((bpi.name, format_number(bpi.baseline, 1), format_number(bpi.now, 1), bpi.verdict))
    pgic = latest_pgic(data)
    if pgic:
        rows.append((_("Patient Global Impression of Change (latest)"), "", pgic, ""))
    if not rows:
        return head + _p(_("Not enough weeks of records yet."))
    body = "".join("<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>"
                   for row in rows)
    return head + _table((_("Measure"), _("Start"), _("Now"), _("Change")), body)


def _timeline(data: ProgressData) -> str:
    """The other treatments, numbered as on the charts' dotted lines."""
    head = _h2("timeline", _("Other treatments (timeline)"))
    if not data.treatments:
        return head + _p(_("No other treatment recorded (gmi-trainer treatment add)."))
    body = "".join(f"<tr><td>T{n}</td><td>{_e(format_date(t.on))}</td><td>{_e(t.words())}</td>"
                   f"<td>{_e(t.note)}</td></tr>" for n, t in enumerate(data.treatments, start=1))
    return (head + _p(_("Marked on every chart as dotted lines with their numbers."), "muted")
            + _table(("", _("Date"), _("Treatment"), _("Note")), body))


def _alerts(data: ProgressData) -> str:
    """Sessions that ended with advice to stop for the day, newest first, with why."""
    head = _h2("alerts", _("Pain alerts"))
    if not data.alerts:
        return head + _p(_("No session ended with a pain alert."))
    body = "".join(f"<tr class=\"incomplete\"><td>{_e(format_moment(f.started_at))}</td>"
                   f"<td>{_dash(f.pain_before)} &rarr; {_dash(f.pain_after)}</td>"
                   f"<td>{_e('; '.join(f.pain_alert))}</td><td>{_e(f.note)}</td></tr>"
                   for f in data.alerts)
    count = len(data.alerts)
    return (head + "<p class=\"warn\">" + _e(ngettext(
                "{count} session met the plan's safety thresholds; the patient was advised to "
                "stop for the day and contact you.",
                "{count} sessions met the plan's safety thresholds; the patient was advised to "
                "stop for the day and contact you.", count).format(count=count)) + "</p>"
            + _table((_("When"), _("Pain before/after"), _("Why"), _("Note")), body))


def _pain_average(facts: Sequence[SessionFacts]) -> str:
    before = [f.pain_before for f in facts if f.pain_before is not None]
    after = [f.pain_after for f in facts if f.pain_after is not None]
    if not before and not after:
        return ""
    mean = lambda v: format_number(sum(v) / len(v), 1) if v else "-"  # noqa: E731
    return f"{mean(before)} / {mean(after)}"


def _asymmetry(data: ProgressData) -> str:
    """Affected against intact side: accuracy and median response time, first and last
    sessions with left/right judgement."""
    facts = [f for f in data.sessions if f.laterality_sides]
    head = _h2("asymmetry", _("Left/right asymmetry"))
    if not facts:
        return head + _p(_("No left/right judgement recorded."))
    affected = data.affected_side
    sides = ("left", "right")
    if affected in sides:
        sides = (affected, "right" if affected == "left" else "left")
    rows = []
    for label, group in ((_("First 5 sessions"), facts[:5]), (_("Last 5 sessions"), facts[-5:]),
                         (_("All sessions"), facts)):
        cells = [label]
        figures = {}
        for side in sides:
            accuracy = _mean([f.laterality_sides[side].accuracy for f in group if side in f.laterality_sides])
            rt = _mean([f.laterality_sides[side].median_rt_ms for f in group if side in f.laterality_sides])
            figures[side] = (accuracy, rt)
            cells += [_pct(accuracy), _secs(rt)]
        (a_acc, a_rt), (i_acc, i_rt) = figures[sides[0]], figures[sides[1]]
        cells.append("-" if a_rt is None or i_rt is None else
                     _("{seconds:+.2f} s").format(seconds=(a_rt - i_rt) / 1000))
        if a_acc is None or i_acc is None:
            cells.append("-")
        else:
            points = round((a_acc - i_acc) * 100)
            cells.append(ngettext("{points:+.0f} point", "{points:+.0f} points", abs(points))
                         .format(points=points))
        rows.append(cells)

    first, second = _(SIDE_WORDS[sides[0]]), _(SIDE_WORDS[sides[1]])
    headings = [text for s in sides for text in (
        _("{side}: correct").format(side=side_label(s, data)),
        _("{side}: median time").format(side=side_label(s, data)))]
    headings += [_("time, {first} minus {second}").format(first=first, second=second),
                 _("correct, {first} minus {second}").format(first=first, second=second)]
    header = "<tr><th></th>" + "".join(f"<th class=\"num\">{_e(h)}</th>" for h in headings) + "</tr>"
    body = "".join("<tr>" + "".join(f"<td{'' if i == 0 else ' class=num'}>{_e(c)}</td>"
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return (head + "<p>" + _e(_(
        "Target: at least {accuracy} correct and under {seconds:.0f} s per picture. Patients are "
        "often slower for pictures of their affected side; a shrinking difference is progress. "
        "Averages of per-session figures.").format(accuracy=format_percent(TARGET_ACCURACY),
                                                   seconds=TARGET_RT_MS / 1000))
        + f"</p><table class=\"summary\">{header}{body}</table>")


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _notes(facts: Sequence[SessionFacts]) -> str:
    rows = [f for f in facts if f.note or f.unusual]
    head = _h2("notes", _("Notes and “anything unusual?”"))
    if not rows:
        return head + _p(_("No notes and nothing unusual reported."))
    body = "".join(f"<tr><td>{_e(format_moment(f.started_at, weekday=False))}</td><td>{_e(f.note)}</td>"
                   f"<td>{_e(', '.join(_unusual_words(u) for u in f.unusual))}</td></tr>"
                   for f in rows)
    return head + _table((_("When"), _("Note"), _("Anything unusual")), body)


def _unusual_words(item: str) -> str:
    """A checklist answer as the checklist words it ('Dizziness'); an unknown one as recorded."""
    return _(UNUSUAL_WORDS[item]) if item in UNUSUAL_WORDS else item.replace("_", " ")


def _sessions(sessions: Sequence[SessionRecord], facts: Sequence[SessionFacts],
              tables: bool) -> str:
    incomplete_badge = f"<span class=\"badge incomplete\">{_e(_(STATUS_WORDS['incomplete']))}</span>"
    parts = [_h2("sessions", _("Sessions")),
             "<p>" + _e(_("Newest first. {badge} marks a session cut off before its end (closed "
                          "window, crash, power cut): what it saved is shown.")).format(
                 badge=incomplete_badge) + "</p>"]
    for session, fact in reversed(list(zip(sessions, facts))):
        status = session.status
        badge = f" <span class=\"badge {status}\">{_e(_(STATUS_WORDS[status]))}</span>"
        if fact.not_counted_reason and status != "incomplete":
            badge += (" <span class=\"badge ended_early\">"
                      + _e(_("not counted: {reason}").format(reason=reason_text(fact))) + "</span>")
        if fact.pain_alert:
            badge += " <span class=\"badge incomplete\">" + _e(_("pain alert")) + "</span>"
        parts.append(f"<div class=\"session {status}\"><h3>{_e(format_moment(fact.started_at))}"
                     f"{badge}</h3>")
        line = [_("plan {plan}").format(plan=fact.plan or "-")]
        if fact.stage:
            line.append(_("stage {stage}").format(stage=fact.stage))
        if fact.active_s:
            line.append(_("{duration} practising").format(duration=duration_text(fact.active_s)))
        line.append(_("pain {before} before, {after} after").format(
            before=_dash(fact.pain_before), after=_dash(fact.pain_after)))
        if status == "incomplete":
            saved = len(session.trials)
            line.append(ngettext("cut off after {count} saved trial row",
                                 "cut off after {count} saved trial rows", saved).format(count=saved))
        parts.append(f"<p class=\"muted\">{_e('; '.join(line))}.</p>")
        blocks = (session.manifest.get("summary") or {}).get("blocks") or []
        rows = [_block_row(b) for b in blocks if isinstance(b, dict)]
        if not rows and fact.laterality_sides:
            rows = [(_("Left/right judgement (from the event log)"),
                     _("left {left}; right {right}").format(left=_side(fact, "left"),
                                                            right=_side(fact, "right")))]
        if rows and tables:
            parts.append(_table((_("Block"), _("Figures")), "".join(
                f"<tr><td>{_e(a)}</td><td>{_e(b)}</td></tr>" for a, b in rows)))
        parts.append("</div>")
    return "\n".join(parts)


def _h2(anchor: str, text: str) -> str:
    return f"<h2 id=\"{anchor}\">{_e(text)}</h2>"


def _p(text: str, kind: str = "") -> str:
    return (f"<p class=\"{kind}\">" if kind else "<p>") + _e(text) + "</p>"


def _table(headings: Sequence[str], body: str) -> str:
    """A table: its heading cells (plain text, escaped here) and its rows' HTML."""
    return ("<table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in headings) + "</tr>" + body
            + "</table>")


def _block_row(block: dict[str, Any]) -> tuple[str, str]:
    """A block of a session: its title in the language, and its figures in words."""
    phase = block.get("phase")
    title = plan_text(str(block.get("title") or phase))
    if block.get("skipped"):
        return title, _("skipped")
    unfinished = "" if block.get("complete") else _(" (not finished)")
    if phase == "laterality":
        if block.get("accuracy") is None:
            done = int(block.get("trials_done", 0) or 0)
            return title, ngettext("not finished ({count} picture)", "not finished ({count} pictures)",
                                   done).format(count=done)
        sides = block.get("by_side") or {}
        per_side = "; ".join(
            f"{_(SIDE_WORDS.get(side, side))} {_pct(f.get('accuracy'))}, {_secs(f.get('median_rt_ms'))}"
            for side, f in sides.items() if isinstance(f, dict))
        trials, timeouts = _count(block.get("trials")), _count(block.get("timeouts"))
        return title, (ngettext("{count} picture", "{count} pictures", trials).format(count=trials)
                       + ", " + _("{accuracy} correct, median {median}").format(
                           accuracy=_pct(block.get("accuracy")), median=_secs(block.get("median_rt_ms")))
                       + ", " + ngettext("{count} timed out", "{count} timed out", timeouts).format(count=timeouts)
                       + "; " + per_side)
    if phase == "imagery":
        pictures, movements = _count(block.get("pictures_done")), _count(block.get("movements"))
        return title, (ngettext("{count} picture", "{count} pictures", pictures).format(count=pictures)
                       + ", " + ngettext("{count} imagined movement", "{count} imagined movements",
                                         movements).format(count=movements)
                       + ", " + _("median {median}").format(median=_secs(block.get("median_movement_ms")))
                       + unfinished)
    if phase == "mirror":
        repetitions = _count(block.get("repetitions"))
        return title, (_("{minutes} min").format(minutes=amount_text(float(block.get("mirror_minutes", 0) or 0)))
                       + ", " + _("{done} of {planned} exercises").format(
                           done=_count(block.get("exercises_done")), planned=_count(block.get("exercises_planned")))
                       + ", " + ngettext("{count} repetition counted", "{count} repetitions counted",
                                         repetitions).format(count=repetitions)
                       + unfinished)
    return title, ""


def _count(value: Any) -> int:
    """A count from a record's summary (0 where it is missing or damaged)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _side(fact: SessionFacts, side: str) -> str:
    figures = fact.laterality_sides.get(side)
    if figures is None:
        return "-"
    return f"{_pct(figures.accuracy)}, {_secs(figures.median_rt_ms)}"


def _pct(value: Any) -> str:
    return "-" if value is None else format_percent(value)


def _secs(value: Any) -> str:
    return "-" if value is None else _("{seconds:.2f} s").format(seconds=value / 1000)


def _number(value: int) -> str:
    return format_number(value)


def _dash(value: Any) -> str:
    return "-" if value is None else str(value)


def _e(text: Any) -> str:
    return html.escape(str(text))
