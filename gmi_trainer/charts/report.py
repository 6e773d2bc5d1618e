"""The therapist report: one self-contained HTML file (charts embedded as base64 PNG) that
prints well. Sections: overview, trends, left/right asymmetry, notes and "anything
unusual?" answers, and a table per session; incomplete sessions are marked."""

from __future__ import annotations

import base64
import html
from datetime import date, datetime
from typing import Any, Sequence

from gmi_trainer import __version__
from gmi_trainer.charts.figures import PRINT, draw, png
from gmi_trainer.core.progress import (
    CHART_PAGES,
    PAGE_TITLES,
    ProgressData,
    STATUS_WORDS,
    SessionFacts,
    TreatmentFacts,
    amount_text,
    duration_words,
    interference_change,
    latest_pgic,
    pain_changes,
    progress_data,
)
from gmi_trainer.records.history import session_facts
from gmi_trainer.records.reader import SessionRecord
from gmi_trainer.vocabulary import BODY_PART_TABLE
from gmi_trainer.vocabulary.targets import TARGET_ACCURACY, TARGET_RT_MS

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
    """The report as one HTML string. Manifests are enough: every figure comes from the
    sessions' summaries (or, for a cut-off session, its event log)."""
    profile = profile or _latest_profile(sessions)
    affected = str(profile.get("affected_side") or "")
    limb = str(profile.get("affected_limb") or "")
    all_facts = [session_facts(s) for s in sessions]
    people = [s for s, f in zip(sessions, all_facts) if f.by_person]
    facts = [f for f in all_facts if f.by_person]
    data = progress_data(facts, today, planned_per_day, affected, treatments)
    parts = [f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             f"<title>gmi-trainer report: {_e(patient)}</title><style>{CSS}</style></head><body>",
             f"<h1>Progress report: {_e(patient)}</h1>",
             f"<p class=\"muted\">Written {datetime.now().astimezone():%d %b %Y %H:%M} by "
             f"gmi-trainer {__version__}. Affected side: {_e(affected or 'not recorded')} "
             f"{_e(BODY_PART_TABLE[limb].limb_words if limb in BODY_PART_TABLE else limb)}. "
             f"{len(people)} sessions"
             + (f", from {facts[0].day:%d %b %Y} to {facts[-1].day:%d %b %Y}" if facts else "")
             + (f"; {len(sessions) - len(people)} autopilot runs left out" if len(people) < len(sessions) else "")
             + ".</p>"]
    for warning in warnings:
        parts.append(f"<p class=\"warn\">Skipped: {_e(warning)}</p>")
    parts.append(_alerts(data))  # flagged sessions first
    parts.append(_overview(data))
    parts.append(_outcomes(data))
    parts.append(_timeline(data))
    parts.append("<h2 id=\"trends\">Trends</h2>")
    if facts:
        for page in CHART_PAGES:
            image = base64.b64encode(png(draw(data, page, CHART_SIZE_PX, PRINT, CHART_DPI)))
            parts.append(f"<figure><img alt=\"{_e(PAGE_TITLES[page])}\" "
                         f"src=\"data:image/png;base64,{image.decode('ascii')}\"></figure>")
    else:
        parts.append("<p>No sessions yet.</p>")
    parts.append(_asymmetry(data))
    parts.append(_notes(facts))
    parts.append(_sessions(people, facts, session_tables))
    parts.append("</body></html>\n")
    return "\n".join(parts)


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
        return f"{done_n} of {planned} planned ({done_n / planned:.0%})"

    rows = [
        ("Sessions that count (reached the plan's minimum practice time)", str(len(done))),
        ("Sessions too short to count (shown below, not counted)", str(short)),
        ("Sessions cut off (incomplete)", str(incomplete)),
        ("Pain alerts (advised to stop for the day)", str(len(data.alerts))),
        ("Planned per day", str(data.sessions_per_day)),
        ("Sessions, last 7 days", against_plan(7)),
        ("Sessions, last 14 days", against_plan(14)),
        ("Days with every planned session", f"{data.days_on_plan} of {len(data.days)}"),
        ("Streak (days in a row with a session)", str(data.streak_days)),
        ("Time practising", f"{sum(f.active_s or 0 for f in facts) / 3600:.1f} h"),
        ("Mirror work", f"{amount_text(sum(f.mirror_minutes for f in facts))} min, "
                        f"{sum(f.mirror_repetitions for f in facts)} repetitions counted"),
    ]
    first, last = _pain_average(facts[:5]), _pain_average(facts[-5:])
    if first and last:
        rows.append(("Pain before / after, first 5 sessions", first))
        rows.append(("Pain before / after, last 5 sessions", last))
    body = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    return f"<h2 id=\"overview\">Overview</h2><table class=\"summary\">{body}</table>"


def _outcomes(data: ProgressData) -> str:
    """Meaningful change: pain (overall and by kind) from the first week to the last, the
    weekly BPI interference score and the latest PGIC, with the thresholds named."""
    head = ("<h2 id=\"outcomes\">Outcomes</h2><p class=\"muted\">Meaningful change (IMMPACT): a "
            "30% fall in pain is moderate, 50% substantial; a 1-point fall in BPI interference "
            "is meaningful. Pain: the mean before sessions in the first 7 days against the "
            "last 7 days.</p>")
    rows = [(c.name, f"{c.baseline:.1f}", f"{c.now:.1f}", c.verdict) for c in pain_changes(data)]
    bpi = interference_change(data)
    if bpi is not None:
        rows.append((bpi.name, f"{bpi.baseline:.1f}", f"{bpi.now:.1f}", bpi.verdict))
    pgic = latest_pgic(data)
    if pgic:
        rows.append(("Patient Global Impression of Change (latest)", "", pgic, ""))
    if not rows:
        return head + "<p>Not enough weeks of records yet.</p>"
    body = "".join("<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>"
                   for row in rows)
    return head + _table(("Measure", "Start", "Now", "Change"), body)


def _timeline(data: ProgressData) -> str:
    """The other treatments, numbered as on the charts' dotted lines."""
    head = "<h2 id=\"timeline\">Other treatments (timeline)</h2>"
    if not data.treatments:
        return head + "<p>No other treatment recorded (gmi-trainer treatment add).</p>"
    body = "".join(f"<tr><td>T{n}</td><td>{t.on:%d %b %Y}</td><td>{_e(t.words())}</td>"
                   f"<td>{_e(t.note)}</td></tr>" for n, t in enumerate(data.treatments, start=1))
    return (head + "<p class=\"muted\">Marked on every chart as dotted lines with their "
            "numbers.</p>" + _table(("", "Date", "Treatment", "Note"), body))


def _alerts(data: ProgressData) -> str:
    """Sessions that ended with advice to stop for the day, newest first, with why."""
    head = "<h2 id=\"alerts\">Pain alerts</h2>"
    if not data.alerts:
        return head + "<p>No session ended with a pain alert.</p>"
    body = "".join(f"<tr class=\"incomplete\"><td>{f.started_at:%a %d %b %Y %H:%M}</td>"
                   f"<td>{_dash(f.pain_before)} &rarr; {_dash(f.pain_after)}</td>"
                   f"<td>{_e('; '.join(f.pain_alert))}</td><td>{_e(f.note)}</td></tr>"
                   for f in data.alerts)
    return (head + f"<p class=\"warn\">{len(data.alerts)} session(s) met the plan's safety "
            "thresholds; the patient was advised to stop for the day and contact you.</p>"
            + _table(("When", "Pain before &rarr; after", "Why", "Note"), body))


def _pain_average(facts: Sequence[SessionFacts]) -> str:
    before = [f.pain_before for f in facts if f.pain_before is not None]
    after = [f.pain_after for f in facts if f.pain_after is not None]
    if not before and not after:
        return ""
    mean = lambda v: f"{sum(v) / len(v):.1f}" if v else "-"  # noqa: E731
    return f"{mean(before)} / {mean(after)}"


def _asymmetry(data: ProgressData) -> str:
    """Affected against intact side: accuracy and median response time, first and last
    sessions with left/right judgement."""
    facts = [f for f in data.sessions if f.laterality_sides]
    head = "<h2 id=\"asymmetry\">Left/right asymmetry</h2>"
    if not facts:
        return head + "<p>No left/right judgement recorded.</p>"
    affected = data.affected_side
    sides = ("left", "right")
    if affected in sides:
        sides = (affected, "right" if affected == "left" else "left")
    rows = []
    for label, group in (("First 5 sessions", facts[:5]), ("Last 5 sessions", facts[-5:]),
                         ("All sessions", facts)):
        cells = [label]
        figures = {}
        for side in sides:
            accuracy = _mean([f.laterality_sides[side].accuracy for f in group if side in f.laterality_sides])
            rt = _mean([f.laterality_sides[side].median_rt_ms for f in group if side in f.laterality_sides])
            figures[side] = (accuracy, rt)
            cells += ["-" if accuracy is None else f"{accuracy:.0%}",
                      "-" if rt is None else f"{rt / 1000:.2f} s"]
        (a_acc, a_rt), (i_acc, i_rt) = figures[sides[0]], figures[sides[1]]
        cells.append("-" if a_rt is None or i_rt is None else f"{(a_rt - i_rt) / 1000:+.2f} s")
        cells.append("-" if a_acc is None or i_acc is None else f"{(a_acc - i_acc) * 100:+.0f} points")
        rows.append(cells)

    def name(side: str) -> str:
        if affected not in ("left", "right"):
            return side
        return f"{side} ({'affected' if side == affected else 'intact'})"

    header = ("<tr><th></th>" + "".join(f"<th class=\"num\">{_e(name(s))}: correct</th>"
                                          f"<th class=\"num\">{_e(name(s))}: median time</th>" for s in sides)
              + f"<th class=\"num\">time, {_e(sides[0])} minus {_e(sides[1])}</th>"
              f"<th class=\"num\">correct, {_e(sides[0])} minus {_e(sides[1])}</th></tr>")
    body = "".join("<tr>" + "".join(f"<td{'' if i == 0 else ' class=num'}>{_e(c)}</td>"
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return (head + f"<p>Target: at least {TARGET_ACCURACY:.0%} correct and under "
            f"{TARGET_RT_MS / 1000:.0f} s per picture. Patients are often slower for pictures of "
            "their affected side; a shrinking difference is progress. Averages of per-session "
            f"figures.</p><table class=\"summary\">{header}{body}</table>")


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _notes(facts: Sequence[SessionFacts]) -> str:
    rows = [f for f in facts if f.note or f.unusual]
    head = "<h2 id=\"notes\">Notes and \"anything unusual?\"</h2>"
    if not rows:
        return head + "<p>No notes and nothing unusual reported.</p>"
    body = "".join(f"<tr><td>{f.started_at:%d %b %Y %H:%M}</td><td>{_e(f.note)}</td>"
                   f"<td>{_e(', '.join(u.replace('_', ' ') for u in f.unusual))}</td></tr>"
                   for f in rows)
    return head + _table(("When", "Note", "Anything unusual"), body)


def _sessions(sessions: Sequence[SessionRecord], facts: Sequence[SessionFacts],
              tables: bool) -> str:
    parts = ["<h2 id=\"sessions\">Sessions</h2>",
             "<p>Newest first. <span class=\"badge incomplete\">incomplete</span> marks a "
             "session cut off before its end (closed window, crash, power cut): what it saved "
             "is shown.</p>"]
    for session, fact in reversed(list(zip(sessions, facts))):
        status = session.status
        badge = f" <span class=\"badge {status}\">{_e(STATUS_WORDS[status])}</span>"
        if fact.not_counted_reason and status != "incomplete":
            badge += f" <span class=\"badge ended_early\">not counted: {_e(fact.not_counted_reason)}</span>"
        if fact.pain_alert:
            badge += " <span class=\"badge incomplete\">pain alert</span>"
        parts.append(f"<div class=\"session {status}\"><h3>{fact.started_at:%a %d %b %Y %H:%M}"
                     f"{badge}</h3>")
        line = [f"plan {_e(fact.plan or '-')}"]
        if fact.stage:
            line.append(f"stage {_e(fact.stage)}")
        if fact.active_s:
            line.append(f"{duration_words(fact.active_s)} practising")
        line.append(f"pain {_dash(fact.pain_before)} before, {_dash(fact.pain_after)} after")
        if status == "incomplete":
            line.append(f"cut off after {len(session.trials)} saved trial row"
                        f"{'s' if len(session.trials) != 1 else ''}")
        parts.append(f"<p class=\"muted\">{'; '.join(line)}.</p>")
        blocks = (session.manifest.get("summary") or {}).get("blocks") or []
        rows = [_block_row(b) for b in blocks if isinstance(b, dict)]
        if not rows and fact.laterality_sides:
            rows = [("Left/right judgement (from the event log)",
                     f"left {_side(fact, 'left')}; right {_side(fact, 'right')}")]
        if rows and tables:
            parts.append(_table(("Block", "Figures"), "".join(
                f"<tr><td>{_e(a)}</td><td>{_e(b)}</td></tr>" for a, b in rows)))
        parts.append("</div>")
    return "\n".join(parts)


def _table(headings: Sequence[str], body: str) -> str:
    """A table: its heading cells (HTML, already escaped) and its rows' HTML."""
    return ("<table><tr>" + "".join(f"<th>{h}</th>" for h in headings) + "</tr>" + body
            + "</table>")


def _block_row(block: dict[str, Any]) -> tuple[str, str]:
    phase = block.get("phase")
    title = str(block.get("title") or phase)
    if block.get("skipped"):
        return title, "skipped"
    if phase == "laterality":
        if block.get("accuracy") is None:
            return title, f"not finished ({block.get('trials_done', 0)} pictures)"
        sides = block.get("by_side") or {}
        per_side = "; ".join(
            f"{side} {_pct(f.get('accuracy'))}, {_secs(f.get('median_rt_ms'))}"
            for side, f in sides.items() if isinstance(f, dict))
        return title, (f"{block.get('trials')} pictures, {_pct(block.get('accuracy'))} correct, "
                       f"median {_secs(block.get('median_rt_ms'))}, {block.get('timeouts', 0)} "
                       f"timed out; {per_side}")
    if phase == "imagery":
        return title, (f"{block.get('pictures_done', 0)} pictures, {block.get('movements', 0)} "
                       f"imagined movements, median {_secs(block.get('median_movement_ms'))}"
                       + ("" if block.get("complete") else " (not finished)"))
    if phase == "mirror":
        return title, (f"{block.get('mirror_minutes', 0):g} min, "
                       f"{block.get('exercises_done', 0)} of {block.get('exercises_planned', 0)} "
                       f"exercises, {block.get('repetitions', 0)} repetitions counted"
                       + ("" if block.get("complete") else " (not finished)"))
    return title, ""


def _side(fact: SessionFacts, side: str) -> str:
    figures = fact.laterality_sides.get(side)
    if figures is None:
        return "-"
    return f"{_pct(figures.accuracy)}, {_secs(figures.median_rt_ms)}"


def _pct(value: Any) -> str:
    return "-" if value is None else f"{value:.0%}"


def _secs(value: Any) -> str:
    return "-" if value is None else f"{value / 1000:.2f} s"


def _dash(value: Any) -> str:
    return "-" if value is None else str(value)


def _e(text: Any) -> str:
    return html.escape(str(text))
