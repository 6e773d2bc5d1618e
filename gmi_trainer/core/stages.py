"""Which stage of a graded programme a patient is in, and why: a pure function of the plan,
the records history and today's date.

There is no stored "current stage": every session records the stage it ran (manifest
`stage`), and the stage now is the latest session's stage, moved on when that stage's
advance criteria are met, or moved back one stage after a relapse (pain before sessions
rising over the stage's last sessions), and held where it is while pain alerts repeat (the
plan's `[safety] alerts_hold` within `alerts_days`). A therapist's override (profile
`stage_override`) wins over all of these. So the answer can always be re-derived and
explained from the records.

Only sessions that count (core/progress.py, SessionFacts.counts) move a stage, and a session
run with `run --stage` (stage source "this_run") is left out entirely: it was one run's
choice, not the programme's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Sequence

from gmi_trainer.core.progress import SessionFacts
from gmi_trainer.i18n import _, ngettext, plan_text
from gmi_trainer.plans.model import Plan, Stage


@dataclass(frozen=True)
class StageDecision:
    stage: Stage | None  # None: the plan has no stages
    reason: str
    number: int = 0  # 1-based position in the programme
    count: int = 0
    # Who chose it: "records", "therapist" (profile stage_override) or "this_run" (run
    # --stage); recorded with each session as its stage source.
    source: str = "records"

    @property
    def headline(self) -> str:
        if self.stage is None:
            return ""
        return _("Stage {number} of {count}: {label}").format(number=self.number, count=self.count, label=plan_text(self.stage.label))


def one_off_stage(plan: Plan, name: str) -> StageDecision:
    """`run --stage NAME`: this stage for this run only; later decisions never read it."""
    names = [s.name for s in plan.stages]
    return StageDecision(plan.stages[names.index(name)], _("This run only (chosen with "
                         "--stage): the next session's stage is decided as usual."),
                         names.index(name) + 1, len(names), source="this_run")


def stage_for(plan: Plan, history: Sequence[SessionFacts], today: date,
              override: str | None = None) -> StageDecision:
    """The stage the next session runs and why. `history`: the patient's sessions, oldest
    first (sessions that do not count, and one-off `--stage` runs, are ignored).
    `override`: the therapist's stage (profile `stage_override`)."""
    stages = plan.stages
    if not stages:
        return StageDecision(None, "")

    def decided(index: int, reason: str, source: str = "records") -> StageDecision:
        return StageDecision(stages[index], reason, index + 1, len(stages), source)

    names = [s.name for s in stages]
    if override:
        if override in names:
            return decided(names.index(override), _("Set by your therapist."), "therapist")
        note = _(" (your therapist's stage '{override}' is not in this plan)").format(override=override)
    else:
        note = ""
    done = [s for s in history if s.counts and s.stage_source != "this_run"]
    staged = [s for s in done if s.stage in names]
    if not staged:
        return decided(0, _("The start of the programme.") + note)
    current = names.index(staged[-1].stage)
    run = _current_run(staged)
    stage = stages[current]
    days = (today - run[0].day).days
    if current > 0 and _relapsed(stage, run):
        back = names.index(stage.relapse_to) if stage.relapse_to in names else current - 1
        return decided(back, _("Pain has risen over the last {relapse_sessions} "
                       "sessions, so back to {label} for a while.").format(relapse_sessions=stage.relapse_sessions, label=plan_text(stages[back].label)) + note)
    alerts = recent_alerts(plan, history, today)
    if alerts >= plan.safety.alerts_hold and current + 1 < len(stages):
        return decided(current, ngettext("{alerts} pain alert in the last {alerts_days} "
                       "days: staying at this stage until it settles. Please talk to your "
                       "therapist.", "{alerts} pain alerts in the last {alerts_days} "
                       "days: staying at this stage until they settle. Please talk to your "
                       "therapist.", alerts).format(alerts=alerts, alerts_days=plan.safety.alerts_days) + note)
    if current + 1 < len(stages):
        waiting = _advance_blocker(stage, run, days)
        if waiting is None:
            return decided(current + 1, _("{label} went well: on to the next stage.").format(label=plan_text(stage.label)) + note)
        return decided(current, waiting + note)
    return decided(current, _("The last stage, day {value}: keep going.").format(value=days + 1) + note)


def recent_alerts(plan: Plan, history: Sequence[SessionFacts], today: date) -> int:
    """The patient's sessions with a pain alert in the plan's alert window (today included)."""
    since = today - timedelta(days=plan.safety.alerts_days - 1)
    return sum(1 for s in history if s.by_person and s.pain_alert and since <= s.day <= today)


def _current_run(staged: Sequence[SessionFacts]) -> list[SessionFacts]:
    """The latest sessions that all ran the latest session's stage, oldest first."""
    run: list[SessionFacts] = []
    for session in reversed(staged):
        if session.stage != staged[-1].stage:
            break
        run.append(session)
    return run[::-1]


def _relapsed(stage: Stage, run: Sequence[SessionFacts]) -> bool:
    """Pain before the session rose by `relapse_pain_rise` or more from the first to the
    last of the stage's last `relapse_sessions` rated sessions, never falling on the way."""
    if stage.relapse_pain_rise is None:
        return False
    pains = [s.pain_before for s in run if s.pain_before is not None][-stage.relapse_sessions:]
    if len(pains) < stage.relapse_sessions:
        return False
    rising = all(b >= a for a, b in zip(pains, pains[1:]))
    return rising and pains[-1] - pains[0] >= stage.relapse_pain_rise


def _advance_blocker(stage: Stage, run: Sequence[SessionFacts], days: int) -> str | None:
    """Why the patient stays in `stage` (None: they may move on)."""
    if days < stage.min_days:
        left = stage.min_days - days  # today is a day in the stage too
        return (ngettext("Day {day} of at least {min_days}: {left} day to go, today included.",
                         "Day {day} of at least {min_days}: {left} days to go, today included.",
                         left).format(day=days + 1, min_days=stage.min_days, left=left))
    if stage.advance_accuracy is None and stage.advance_rt_ms is None:
        return None
    last = run[-stage.advance_sessions:]
    target = " and ".join(part for part in (
        _("{advance_accuracy:.0%} correct").format(advance_accuracy=stage.advance_accuracy) if stage.advance_accuracy is not None else "",
        _("under {value:g} s").format(value=stage.advance_rt_ms / 1000) if stage.advance_rt_ms is not None else "")
        if part)
    met = sum(1 for s in last if _meets(stage, s))
    if len(last) < stage.advance_sessions or met < stage.advance_sessions:
        return (_("Next stage after {advance_sessions} sessions in a row with left/right at "
                "{target} (last {last}: {met} did).").format(advance_sessions=stage.advance_sessions, target=target, last=len(last), met=met))
    return None


def _meets(stage: Stage, session: SessionFacts) -> bool:
    if stage.advance_accuracy is not None and (
            session.laterality_accuracy is None
            or session.laterality_accuracy < stage.advance_accuracy):
        return False
    if stage.advance_rt_ms is not None and (
            session.laterality_rt_ms is None or session.laterality_rt_ms >= stage.advance_rt_ms):
        return False
    return True
