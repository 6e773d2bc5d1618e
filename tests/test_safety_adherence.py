"""Pain safety thresholds, the one adherence rule and its figures, the plan's [safety] table,
and the small truths of the closing screens."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from gmi_trainer.core import inputs as act
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.progress import SessionFacts, duration_words, progress_data, status_words
from gmi_trainer.core.safety import pain_alert
from gmi_trainer.core.session import summary_lines
from gmi_trainer.core.stages import one_off_stage, stage_for
from gmi_trainer.core.steps import UnusualStep
from gmi_trainer.core.views import ChecklistView, NoteView
from gmi_trainer.plans.loader import PlanError, parse_plan
from gmi_trainer.plans.model import Safety

TODAY = date(2026, 3, 9)


def _facts(day: int, active_s: float | None = 700.0, status: str = "complete",
           minimum: float | None = 390.0, hour: int = 9, **extra) -> SessionFacts:
    return SessionFacts(f"s{day}-{hour}", datetime(2026, 3, day, hour, tzinfo=timezone.utc),
                        status, active_s=active_s, planned_s=780.0, min_active_s=minimum,
                        **extra)


def test_the_default_thresholds_stop_the_day_with_reasons_in_words() -> None:
    safety = Safety()
    assert pain_alert(safety, 6, 10, ["more_pain"]) == (
        "pain 10 of 10 after the session (8 or more)",
        "pain rose by 4, from 6 to 10 (3 or more)")
    assert pain_alert(safety, 2, 5, []) == ("pain rose by 3, from 2 to 5 (3 or more)",)
    assert pain_alert(safety, 5, 7, ["more_pain", "other"]) == ()  # neither threshold met
    assert pain_alert(safety, None, 7, ["phantom_stuck"]) == ("phantom limb felt stuck or frozen",)
    assert pain_alert(Safety(stop_pain_after=6, warning_signs=("more_pain",)), 5, 6,
                      ["more_pain"]) == ("pain 6 of 10 after the session (6 or more)",
                                         "more pain than usual")


def test_a_plan_sets_its_own_thresholds_and_contact_checked_like_every_key() -> None:
    head = 'version = 1\nname = "x"\ntitle = "x"\n[[laterality]]\n'
    plan = parse_plan(head + '[safety]\nstop_pain_after = 7\ncontact = "Call 0123 456"\n', "x.toml")
    assert plan.safety.stop_pain_after == 7 and plan.safety.contact == "Call 0123 456"
    assert plan.safety.stop_pain_rise == 3  # the rest keep their defaults
    with pytest.raises(PlanError) as error:
        parse_plan(head + '[safety]\nstop_pain_after = 11\nwarning_signs = ["sneezing"]\n'
                   'contact = "  "\nphone = 1\n', "x.toml")
    problems = "\n".join(error.value.problems)
    assert "x.toml:6: safety.stop_pain_after: 11 is not allowed; expected a whole number, from 1 to 10" in problems
    assert "safety.warning_signs" in problems and "dizziness" in problems
    assert "safety.contact: must not be empty" in problems
    assert "safety.phone: unknown key" in problems


def test_a_session_counts_once_it_reached_half_its_planned_time() -> None:
    assert _facts(2).counts
    short = _facts(2, active_s=46.9)
    assert not short.counts
    assert short.not_counted_reason == "too short (46 s of 6 min 30 s needed)"
    assert status_words(short) == "complete, not counted: too short (46 s of 6 min 30 s needed)"
    assert status_words(short, short=True) == "complete: too short"
    assert _facts(2, active_s=400.0, status="ended_early").counts  # stopped late: practised
    assert not _facts(2, status="incomplete").counts  # cut off: shown, never counted
    assert not _facts(2, autopilot="correct").counts
    assert _facts(2, autopilot="correct", counts_as_patient=True).counts
    # Records written before the minimum was: finished ones count, ended-early ones do not.
    assert _facts(2, minimum=None).counts
    assert not _facts(2, minimum=None, status="ended_early").counts


def test_weekly_adherence_is_never_above_the_plan() -> None:
    sessions = [_facts(day, hour=hour) for day in (3, 4) for hour in range(8, 14)]  # 6 a day
    sessions += [_facts(5, active_s=10.0), _facts(6, status="incomplete")]
    data = progress_data(sessions, TODAY, 4)
    assert data.done_and_planned(7) == (8, 28)  # 2 days of 4 counted; 7 days since the 3rd
    assert data.adherence(7) == pytest.approx(8 / 28)
    assert [d.sessions for d in data.days][:4] == [6, 6, 0, 0]


def test_durations_are_floored() -> None:
    assert duration_words(46.9) == "46 s"
    assert duration_words(106.0) == "1 min 46 s"
    assert summary_lines({"blocks": [], "steps_done": 0, "steps_planned": 0}, 59.99)[0] == \
        "Time practising: 59 s"


def test_run_stage_is_one_off_and_a_therapist_choice_is_labelled() -> None:
    plan = parse_plan(open("exercises/default.toml", encoding="utf-8").read(), "default.toml")
    decision = one_off_stage(plan, "mirror")
    assert decision.source == "this_run" and decision.reason.startswith("This run only")
    one_off = _facts(2, stage="mirror", stage_source="this_run")
    assert stage_for(plan, [one_off], TODAY).stage.name == "laterality"
    therapist = stage_for(plan, [], TODAY, override="imagery")
    assert (therapist.stage.name, therapist.reason, therapist.source) == (
        "imagery", "Set by your therapist.", "therapist")


def test_the_checklist_takes_enter_as_done_and_asks_for_other_words_on_the_spot(make_ctx) -> None:
    ctx = make_ctx()
    step = UnusualStep(ctx)
    step.handle(Input(act.DOWN, 1.0))
    step.handle(Input(act.RIGHT, 1.1))  # Right ticks the item in focus: dizziness
    assert step.checked == {"dizziness"}
    step.handle(Input(act.SELECT, 1.2, 6))  # "Something else": the words, there and then
    asking = step.view(1.2)
    assert isinstance(asking, NoteView) and asking.title == "What else did you notice?"
    step.handle(Input(act.TEXT, 1.3, "Kribbeln überall"))
    step.handle(Input(act.CONFIRM, 1.4))
    view = step.view(1.4)
    assert isinstance(view, ChecklistView) and not step.finished
    assert view.items[-1].label == "Something else: Kribbeln überall"
    step.handle(Input(act.CONFIRM, 1.5))  # Enter, wherever the focus: Done
    assert step.finished
    [event] = [e for e in ctx.recorder.events if e["event"] == "unusual"]
    assert event["items"] == ["dizziness", "other"] and event["other"] == "Kribbeln überall"


def test_eyes_closed_without_sound_says_so_and_runs_eyes_open(make_ctx) -> None:
    from dataclasses import replace

    from gmi_trainer.core.imagery import ImageryStep

    ctx = make_ctx()
    ctx.sound = False
    block = replace(ctx.plan.imagery[0], eyes_closed=True)
    step = ImageryStep(ctx, block, 0)
    step.begin(0.0)
    intro = step.view(0.0)
    assert "no working sound" in intro.notice and "eyes open" in intro.prompt
    assert not step.block.eyes_closed
    assert ctx.recorder.events[-1]["event"] == "eyes_closed_unavailable"


def test_after_a_pain_alert_enter_alone_never_starts_a_session() -> None:
    """On a day whose session ended with 'please stop for today', home keeps the focus off
    Start, names it 'Start anyway', and starts only when it is chosen a second time."""
    from gmi_trainer.core import inputs as act
    from gmi_trainer.core.inputs import Input
    from gmi_trainer.core.shell import HomeInfo, Shell

    class Services:
        def __init__(self, alert: str) -> None:
            self.alert, self.started = alert, 0

        def home_info(self) -> HomeInfo:
            return HomeInfo("P017", "", True, "left hand", "Plan", 15, 1, 4, 0, alert=self.alert)

        def start_session(self, now_s: float):
            self.started += 1
            return None  # no flow: the shell stays on home, which is all this test reads

    alert_day = Services("Please stop for today: pain 9 of 10 after the session.")
    shell = Shell(alert_day)  # type: ignore[arg-type]
    home = shell.screen(0.0).view
    assert home.options[home.focus].id == "progress"
    assert home.options[0].label == "Start anyway" and not home.start_asks_again
    shell.handle(Input(act.SELECT, 0.1, "start"))
    home = shell.screen(0.1).view
    assert alert_day.started == 0 and home.start_asks_again
    assert "choose Start anyway again" in home.message
    shell.handle(Input(act.START, 0.2))  # the S key: the second choice of Start
    assert alert_day.started == 1

    quiet_day = Services("")
    shell = Shell(quiet_day)  # type: ignore[arg-type]
    home = shell.screen(0.0).view
    assert home.options[home.focus].id == "start" and home.options[0].label == "Start session"
    shell.handle(Input(act.CONFIRM, 0.1))
    assert quiet_day.started == 1
