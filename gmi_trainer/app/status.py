"""Where a patient stands today, from their profile, plan and records: the stage and why,
and today's and this week's counted sessions against the plan. Shared by
`gmi-trainer patient show ID --json` and the reminder notification, so both say what the
home screen says."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gmi_trainer.app.paths import Paths
from gmi_trainer.core.progress import progress_data
from gmi_trainer.core.stages import stage_for
from gmi_trainer.plans.loader import PlanError, load_plan
from gmi_trainer.profiles.model import Profile
from gmi_trainer.records.history import session_facts
from gmi_trainer.records.reader import read_patient

WEEK_DAYS = 7


@dataclass(frozen=True)
class PatientStatus:
    patient: str
    plan: str  # the profile's plan reference
    plan_problem: str  # why the plan could not be read ("" when it could)
    stage: str  # the stage's name ("" for a plan without stages)
    stage_title: str
    stage_reason: str
    stage_source: str  # "records" or "therapist"
    sessions_per_day: int
    today_counted: int
    today_not_counted: int  # finished or cut off today, but not counted
    week_counted: int  # the last 7 days, today included, each day at most the plan's number
    week_planned: int  # the plan's sessions over the days of those 7 since the first session
    pain_alerts_week: int
    pain_alerts_today: int = 0

    @property
    def left_today(self) -> int:
        return max(0, self.sessions_per_day - self.today_counted)

    def to_json(self) -> dict[str, Any]:
        return {
            "patient": self.patient, "plan": self.plan, "plan_problem": self.plan_problem or None,
            "stage": {"name": self.stage or None, "title": self.stage_title or None,
                      "reason": self.stage_reason, "source": self.stage_source},
            "today": {"counted": self.today_counted, "planned": self.sessions_per_day,
                      "left": self.left_today, "not_counted": self.today_not_counted},
            "week": {"days": WEEK_DAYS, "counted": self.week_counted,
                     "planned": self.week_planned},
            "pain_alerts_last_7_days": self.pain_alerts_week,
            "pain_alerts_today": self.pain_alerts_today,
        }


def patient_status(paths: Paths, profile: Profile, now: datetime) -> PatientStatus:
    """The patient's standing at `now` (local time): read-only."""
    today = now.astimezone().date()
    problem = ""
    try:
        plan = load_plan(paths.plan_file(profile.plan))
    except PlanError as error:
        problem = "; ".join(error.problems)
        plan = load_plan(paths.plan_file("default"))
    sessions, _ = read_patient(paths.data_dir, profile.patient, rows=False)
    facts = [session_facts(s) for s in sessions]
    decision = stage_for(plan, facts, today, profile.stage_override or None)
    per_day = plan.for_stage(decision.stage).sessions_per_day
    data = progress_data(facts, today, per_day)
    todays = [f for f in data.sessions if f.day == today]
    week_counted, week_planned = data.done_and_planned(WEEK_DAYS)
    return PatientStatus(
        patient=profile.patient, plan=profile.plan, plan_problem=problem,
        stage=decision.stage.name if decision.stage else "",
        stage_title=decision.stage.label if decision.stage else "",
        stage_reason=decision.reason, stage_source=decision.source,
        sessions_per_day=per_day,
        today_counted=sum(1 for f in todays if f.counts),
        today_not_counted=sum(1 for f in todays if not f.counts),
        week_counted=week_counted, week_planned=week_planned,
        pain_alerts_week=sum(1 for f in data.alerts if (today - f.day).days < WEEK_DAYS),
        pain_alerts_today=sum(1 for f in data.alerts if f.day == today))
