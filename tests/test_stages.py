"""Staged programmes: the plan syntax and its validation, the pure stage decision from a
synthetic history, the therapist's override, and a session running only its stage."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from gmi_trainer.core.progress import SessionFacts
from gmi_trainer.core.stages import stage_for
from gmi_trainer.plans.loader import PlanError, load_plan, parse_plan

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 20)
BLOCKS = """version = 1
name = "staged"
title = "Staged"
[[laterality]]
trials = 8
[[imagery]]
pictures = 2
[[mirror]]
[[mirror.exercises]]
prompt = "Watch."
"""
STAGES = """
[[stages]]
name = "laterality"
phases = ["laterality"]
min_days = 14
advance_accuracy = 0.8
advance_rt_ms = 2000
advance_sessions = 3

[[stages]]
name = "imagery"
phases = ["laterality", "imagery"]
min_days = 14
relapse_pain_rise = 2
relapse_sessions = 3

[[stages]]
name = "mirror"
title = "Mirror therapy"
phases = ["imagery", "laterality", "mirror"]
relapse_pain_rise = 2
relapse_sessions = 3
"""
PLAN = parse_plan(BLOCKS + STAGES, "staged.toml")


def _day(offset: int, stage: str, accuracy: float | None = 0.9, rt_ms: float | None = 1500,
         pain: int | None = 4, status: str = "complete", autopilot: str | None = None) -> SessionFacts:
    start = datetime(2026, 11, 20, 10, tzinfo=timezone.utc) + timedelta(days=offset)
    return SessionFacts(f"s{offset}", start, status, autopilot=autopilot, stage=stage,
                        pain_before=pain, laterality_accuracy=accuracy, laterality_rt_ms=rt_ms)


# -- the decision ---------------------------------------------------------------------------
def test_no_history_starts_at_the_first_stage() -> None:
    decision = stage_for(PLAN, [], TODAY)
    assert decision.stage.name == "laterality" and decision.number == 1 and decision.count == 3
    assert decision.headline == "Stage 1 of 3: laterality"
    assert "start" in decision.reason


def test_stays_until_min_days_even_when_laterality_is_good() -> None:
    history = [_day(-d, "laterality") for d in (10, 9, 8)]
    decision = stage_for(PLAN, history, TODAY)
    assert decision.stage.name == "laterality"
    assert decision.reason == "Day 11 of at least 14: 4 days to go, today included."


def test_stays_after_min_days_while_laterality_misses_the_target() -> None:
    history = [_day(-20, "laterality"), _day(-2, "laterality", accuracy=0.7),
               _day(-1, "laterality"), _day(0, "laterality", rt_ms=2300)]
    decision = stage_for(PLAN, history, TODAY)
    assert decision.stage.name == "laterality"
    assert "3 sessions in a row" in decision.reason and "80% correct and under 2 s" in decision.reason
    assert "(last 3: 1 did)" in decision.reason


def test_advances_after_min_days_and_three_good_sessions_in_a_row() -> None:
    history = [_day(-15, "laterality", accuracy=0.6), *(_day(-d, "laterality") for d in (2, 1, 0))]
    decision = stage_for(PLAN, history, TODAY)
    assert decision.stage.name == "imagery" and decision.number == 2
    assert "on to the next stage" in decision.reason


def test_days_count_from_the_start_of_the_current_stage_not_the_programme() -> None:
    history = [_day(-40, "laterality"), _day(-5, "imagery"), _day(-1, "imagery")]
    decision = stage_for(PLAN, history, TODAY)
    assert decision.stage.name == "imagery"
    assert decision.reason.startswith("Day 6 of at least 14")


def test_stage_without_advance_criteria_moves_on_after_min_days() -> None:
    history = [_day(-14, "imagery", accuracy=None, rt_ms=None), _day(0, "imagery", accuracy=None)]
    assert stage_for(PLAN, history, TODAY).stage.name == "mirror"


def test_pain_rising_over_three_sessions_steps_back_one_stage() -> None:
    history = [_day(-30, "imagery"), _day(-3, "mirror", pain=3), _day(-2, "mirror", pain=4),
               _day(-1, "mirror", pain=5)]
    decision = stage_for(PLAN, history, TODAY)
    assert decision.stage.name == "imagery"
    assert "Pain has risen over the last 3 sessions" in decision.reason


def test_relapse_to_names_the_stage_to_return_to() -> None:
    plan = parse_plan(BLOCKS + STAGES.replace('title = "Mirror therapy"\n',
                                              'title = "Mirror therapy"\nrelapse_to = "laterality"\n'))
    history = [_day(-3, "mirror", pain=3), _day(-2, "mirror", pain=4), _day(-1, "mirror", pain=5)]
    decision = stage_for(plan, history, TODAY)
    assert decision.stage.name == "laterality" and "back to laterality" in decision.reason
    with pytest.raises(PlanError) as error:
        parse_plan(BLOCKS + STAGES.replace('title = "Mirror therapy"\n',
                                           'title = "Mirror therapy"\nrelapse_to = "mirror"\n'), "r.toml")
    assert error.value.problems == ['r.toml:30: stages[3].relapse_to: "mirror" is not an earlier '
                                    "stage (earlier stages: laterality, imagery)"]


def test_pain_that_rises_and_falls_is_not_a_relapse() -> None:
    history = [_day(-3, "mirror", pain=3), _day(-2, "mirror", pain=6), _day(-1, "mirror", pain=5)]
    decision = stage_for(PLAN, history, TODAY)
    assert decision.stage.name == "mirror" and "last stage" in decision.reason


def test_after_a_step_back_only_the_new_stages_sessions_count() -> None:
    """The rising pain that caused the step back is not held against the earlier stage."""
    history = [_day(-4, "mirror", pain=3), _day(-3, "mirror", pain=4), _day(-2, "mirror", pain=6),
               _day(-1, "imagery", pain=6)]
    decision = stage_for(PLAN, history, TODAY)
    assert decision.stage.name == "imagery" and decision.reason.startswith("Day 2 of at least 14")


def test_cut_off_and_autopilot_sessions_do_not_count() -> None:
    history = [_day(-20, "imagery", status="incomplete"), _day(-19, "imagery", autopilot="correct")]
    assert stage_for(PLAN, history, TODAY).stage.name == "laterality"


def test_the_therapists_override_wins_and_an_unknown_one_is_said_and_ignored() -> None:
    history = [_day(-d, "laterality") for d in (2, 1)]
    decision = stage_for(PLAN, history, TODAY, override="mirror")
    assert decision.stage.name == "mirror" and decision.reason == "Set by your therapist."
    ignored = stage_for(PLAN, history, TODAY, override="walking")
    assert ignored.stage.name == "laterality" and "'walking' is not in this plan" in ignored.reason


def test_a_plan_without_stages_has_no_stage_and_runs_unchanged() -> None:
    plan = parse_plan(BLOCKS)
    decision = stage_for(plan, [_day(-1, "")], TODAY)
    assert decision.stage is None and decision.headline == "" and plan.for_stage(None) is plan


def test_a_stage_runs_only_its_phases_in_gmi_order() -> None:
    assert PLAN.for_stage(PLAN.stage("laterality")).phases() == ["laterality"]
    assert PLAN.for_stage(PLAN.stage("mirror")).phases() == ["laterality", "imagery", "mirror"]


def test_a_stage_that_leaves_phases_out_plans_a_shorter_session() -> None:
    """The session bar and the home screen give a stage's own length, not the full plan's."""
    default = load_plan(ROOT / "exercises" / "default.toml")
    assert default.for_stage(None).planned_minutes == default.planned_minutes  # every block
    for plan_file in sorted((ROOT / "exercises").glob("*.toml")):
        plan = load_plan(plan_file)
        # Every stage of every shipped plan is 10-20 minutes of practice (headless autopilot
        # runs measure 11-15 minutes, README "Measured performance").
        minutes = [plan.for_stage(s).planned_minutes for s in plan.stages] or [plan.planned_minutes]
        assert all(10 <= m <= 20 for m in minutes), (plan_file.name, minutes)
        assert all(m < plan.planned_minutes for m in minutes) or not plan.stages


def test_a_later_stage_keeps_the_first_blocks_of_an_earlier_phase_as_a_warm_up() -> None:
    default = load_plan(ROOT / "exercises" / "default.toml")
    imagery, mirror = default.for_stage(default.stage("imagery")), default.for_stage(default.stage("mirror"))
    assert len(default.laterality) == 6 and len(default.imagery) == 4
    assert imagery.laterality == default.laterality[:1] and imagery.imagery == default.imagery
    assert mirror.laterality == default.laterality[:1] and mirror.imagery == default.imagery[:1]
    bad = """version = 1\nname = "x"\ntitle = "x"\n[[laterality]]\n[[imagery]]\n
[[stages]]\nname = "a"\nphases = ["laterality"]\nimagery_blocks = 1\n
[[stages]]\nname = "b"\nphases = ["laterality", "imagery"]\n"""
    with pytest.raises(PlanError) as error:
        parse_plan(bad, "x.toml")
    assert 'stages[1].imagery_blocks: needs "imagery" in this stage\'s phases' in str(error.value)


# -- validation -------------------------------------------------------------------------------
def _problems(text: str) -> list[str]:
    with pytest.raises(PlanError) as error:
        parse_plan(BLOCKS + text, "x.toml")
    return error.value.problems


def test_bad_stages_are_reported_with_file_line_and_key() -> None:
    problems = _problems("""
[[stages]]
name = "laterality"
phases = ["laterality", "walking"]
min_days = 400

[[stages]]
name = "laterality"
phases = ["imagery"]
advance_accuracy = 0.8
colour = "blue"
relapse_sessions = 1
""")
    text = "\n".join(problems)
    assert "x.toml:14: stages[1].phases: " in text and "each one of laterality, imagery, mirror" in text
    assert "x.toml:15: stages[1].min_days: 400 is not allowed; expected a whole number, from 0 to 365 days" in text
    assert 'x.toml:18: stages[2].name: "laterality" names two stages' in text
    assert "x.toml:20: stages[2].advance_accuracy: needs \"laterality\"" in text
    assert "x.toml:21: stages[2].colour: unknown key" in text
    assert "x.toml:22: stages[2].relapse_sessions: 1 is not allowed" in text


def test_a_stage_phase_without_blocks_and_a_single_stage_are_errors() -> None:
    plan_text = BLOCKS.replace("[[imagery]]\npictures = 2\n", "")
    with pytest.raises(PlanError) as error:
        parse_plan(plan_text + STAGES, "y.toml")
    assert any('stages[2].phases: "imagery" has no [[imagery]] block' in p
               for p in error.value.problems)
    assert any("at least two stages" in p for p in _problems(
        '\n[[stages]]\nname = "only"\nphases = ["laterality"]\n'))
    with pytest.raises(PlanError) as error:
        parse_plan(BLOCKS.replace('title = "Staged"\n', 'title = "Staged"\nstages = 3\n'), "z.toml")
    assert error.value.problems == ["z.toml:4: stages: must be written as [[stages]] tables"]


def test_the_shipped_programmes_have_the_three_stages() -> None:
    for name in ("default", "lower-limb", "clinic"):
        plan = load_plan(ROOT / "exercises" / f"{name}.toml")
        assert [s.name for s in plan.stages] == ["laterality", "imagery", "mirror"], name
        assert [s.phases for s in plan.stages] == [
            ("laterality",), ("laterality", "imagery"), ("laterality", "imagery", "mirror")]
        assert plan.stages[0].min_days == 14 and plan.stages[0].advance_accuracy == 0.8
    assert load_plan(ROOT / "exercises" / "laterality-only.toml").stages == ()


# -- end to end -------------------------------------------------------------------------------
def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gmi_trainer", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_a_session_runs_its_stage_records_it_and_set_stage_overrides(tmp_path) -> None:
    data = str(tmp_path)
    first = _cli("run", "--headless", "--autopilot", "correct", "--data-dir", data,
                 "--patient", "S1", "--affected", "left-hand", "--seed", "1")
    assert first.returncode == 0, first.stderr
    [folder] = [p for p in (tmp_path / "S1").iterdir() if p.is_dir()]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["stage"] == "laterality"
    assert {b["phase"] for b in manifest["summary"]["blocks"]} == {"laterality"}

    bad = _cli("patient", "set-stage", "S1", "walking", "--data-dir", data)
    assert bad.returncode == 2 and "no stage 'walking'" in bad.stderr
    assert "laterality, imagery, mirror, auto" in bad.stderr
    good = _cli("patient", "set-stage", "S1", "imagery", "--data-dir", data)
    assert good.returncode == 0, good.stderr
    profile = json.loads((tmp_path / "S1" / "profile.json").read_text())
    assert profile["stage_override"] == "imagery"
    second = _cli("run", "--headless", "--autopilot", "correct", "--data-dir", data,
                  "--patient", "S1", "--seed", "2")
    assert second.returncode == 0, second.stderr
    # Both runs may start in the same second: the new folder is the one that was not there.
    [new] = [p for p in (tmp_path / "S1").iterdir() if p.is_dir() and p != folder]
    latest = json.loads((new / "manifest.json").read_text())
    assert latest["stage"] == "imagery"
    assert _cli("patient", "set-stage", "S1", "auto", "--data-dir", data).returncode == 0
    assert json.loads((tmp_path / "S1" / "profile.json").read_text())["stage_override"] == ""
    wrong = _cli("run", "--headless", "--autopilot", "correct", "--data-dir", data,
                 "--patient", "S1", "--stage", "walking")
    assert wrong.returncode == 2 and "no such stage" in wrong.stderr
