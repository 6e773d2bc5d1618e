"""Progress over days: adherence, streak and chart series from synthetic sessions, the
progress screen's pages, and reading manifests only."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from gmi_trainer.core import inputs as act
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.progress import (
    SessionFacts,
    page_headline,
    progress_data,
    sessions_per_day,
    streak,
)
from gmi_trainer.core.shell import HomeInfo, Shell
from gmi_trainer.core.progress import progress_view
from gmi_trainer.records.history import session_facts
from gmi_trainer.records.reader import read_patient
from gmi_trainer.bench.synthetic import in_memory, synthetic_sessions, write_synthetic

UTC = timezone.utc
TODAY = date(2026, 11, 20)


def _session(day_offset: int, hour: int = 10, status: str = "complete",
             autopilot: str | None = None) -> SessionFacts:
    start = datetime.combine(TODAY + timedelta(days=day_offset), datetime.min.time(), UTC)
    return SessionFacts(f"s{day_offset}-{hour}", start + timedelta(hours=hour), status,
                        autopilot=autopilot)


def test_sessions_per_day_counts_every_day_to_today_and_leaves_out_cut_off_and_autopilot() -> None:
    sessions = [_session(-3), _session(-3, 12), _session(-3, 14, status="incomplete"),
                _session(-1, autopilot="correct"), _session(0)]
    days = sessions_per_day(sessions, TODAY, 4)
    assert [(d.day, d.sessions) for d in days] == [
        (TODAY - timedelta(days=3), 2), (TODAY - timedelta(days=2), 0),
        (TODAY - timedelta(days=1), 0), (TODAY, 1)]


def test_each_day_is_counted_against_the_plan_in_force_that_day(tmp_path) -> None:
    """Four a day under the first plan, then the therapist's plan of one a day: the days
    before the change keep their four, the days after (and today) count one."""
    from dataclasses import replace

    def under(day_offset: int, per_day: int | None, hour: int = 10) -> SessionFacts:
        return replace(_session(day_offset, hour), planned_per_day=per_day)

    sessions = [under(-5, 4), under(-5, 4, 12), under(-3, 4), under(-2, 1), under(-1, None)]
    data = progress_data(sessions, TODAY, 1)
    assert [(d.sessions, d.planned) for d in data.days] == [
        (2, 4), (0, 4), (1, 4), (1, 1), (1, 1), (0, 1)]
    # 2+0+1 of 4+4+4 before the change, then 1+1+0 of 1+1+1 (the old records' None: current).
    assert data.done_and_planned(7) == (5, 15)
    assert data.days_on_plan == 2
    # With every day counted against today's one a day, the first plan's days would have
    # looked done: the check above can fail.
    assert progress_data([replace(s, planned_per_day=None) for s in sessions], TODAY,
                         1).done_and_planned(7) == (4, 6)

    # From the records: the manifest's figure, or the plan text kept in older manifests.
    from gmi_trainer.records.history import planned_per_day

    assert planned_per_day({"sessions_per_day": 2, "content": ""}) == 2
    # A damaged figure (outside what a plan may ask, or not a whole number) is not used.
    assert planned_per_day({"sessions_per_day": 10**9, "content": ""}) is None
    assert planned_per_day({"sessions_per_day": True}) is None
    text = 'version = 1\nname = "x"\ntitle = "X"\nsessions_per_day = 3\n[[laterality]]\ntrials = 4\n'
    assert planned_per_day({"name": "x", "content": text}) == 3
    assert planned_per_day({"content": "version = 1\nname = [broken"}) is None
    assert planned_per_day(None) is None


def test_streak_counts_consecutive_days_and_is_not_broken_before_today_ends() -> None:
    run = [_session(-d) for d in (1, 2, 3)] + [_session(-5)]
    assert streak(run, TODAY) == 3  # nothing yet today: the streak still stands
    assert streak([*run, _session(0)], TODAY) == 4
    assert streak([_session(-2)], TODAY) == 0
    assert streak([], TODAY) == 0
    assert streak([_session(-1, status="incomplete")], TODAY) == 0


def test_adherence_is_sessions_done_over_sessions_planned() -> None:
    sessions = [_session(0), _session(0, 12), _session(-1)]
    data = progress_data(sessions, TODAY, 4)
    assert data.adherence(7) == 3 / 8  # two days on record, 4 planned a day
    assert data.days_on_plan == 0
    assert "Streak: 2 days" in page_headline(data, "adherence")


def test_facts_come_from_the_summary_and_a_cut_off_session_from_its_events() -> None:
    records = in_memory(synthetic_sessions(200, 8, datetime(2026, 10, 1, 9, tzinfo=UTC), seed=4))
    facts = [session_facts(r) for r in records]
    done = [f for f in facts if f.status == "complete"]
    cut = [f for f in facts if f.status == "incomplete"]
    assert done and cut
    first = done[0]
    assert first.pain_before is not None and first.pain_after is not None
    assert set(first.laterality_sides) == {"left", "right"}
    assert first.laterality_sides["left"].answered > 0
    # No summary: the laterality block's figures and the pain before come from the events.
    assert cut[0].laterality_sides and cut[0].pain_before is not None and cut[0].pain_after is None
    late = facts[-1]
    assert late.stage == "mirror" and late.mirror_minutes > 0 and late.imagery_median_ms


def test_progress_view_pages_turn_with_left_right_and_the_table_scrolls() -> None:
    records = in_memory(synthetic_sessions(40, 10, datetime(2026, 11, 1, 9, tzinfo=UTC)))
    view = progress_view([session_facts(r) for r in records], [], "P017", 4, "left", TODAY)
    assert view.pages == ("adherence", "pain", "outcomes", "laterality", "imagery_mirror", "table")

    class Services:
        def home_info(self) -> HomeInfo:
            return HomeInfo("P017", "", True, "left hand", "Plan", 15, 0, 4, 0)

        def progress(self):
            return view

    shell = Shell(Services())  # type: ignore[arg-type]
    shell.handle(Input(act.PROGRESS, 0.0))
    assert shell.mode == "progress"
    shell.handle(Input(act.LEFT, 0.1))
    assert shell.progress_view.pages[shell.progress_view.page] == "table"
    shell.handle(Input(act.DOWN, 0.2))
    assert shell.progress_view.first_row == 10
    shell.handle(Input(act.SELECT, 0.3, "next"))
    assert shell.progress_view.page == 0 and shell.progress_view.headline.startswith("Streak")
    shell.handle(Input(act.RIGHT, 0.4))
    assert shell.progress_view.headline.startswith("Last 5 sessions, average pain")
    shell.handle(Input(act.PAUSE, 0.5))
    assert shell.paused
    shell.handle(Input(act.CONFIRM, 0.6))  # resume
    assert not shell.paused and shell.mode == "progress"
    shell.handle(Input(act.CONFIRM, 0.7))
    assert shell.mode == "home"


def test_no_sessions_shows_only_the_table_with_a_friendly_line() -> None:
    view = progress_view([], [], "P017", 4, "left", TODAY)
    assert view.pages == ("table",) and "first session" in view.footer


def test_reading_manifests_only_skips_trials_but_keeps_a_cut_off_sessions_pain(tmp_path) -> None:
    write_synthetic(tmp_path, "P1", synthetic_sessions(200, 10, datetime(2026, 11, 1, 9, tzinfo=UTC),
                                                       seed=4))
    full, _ = read_patient(tmp_path, "P1")
    quick, warnings = read_patient(tmp_path, "P1", rows=False)
    assert not warnings and len(full) == len(quick) == 200
    assert any(s.status == "incomplete" for s in quick)
    assert sum(len(s.trials) for s in full) == 2000
    assert not any(s.trials for s in quick if s.status != "incomplete")
    assert all(s.trials for s in quick if s.status == "incomplete")
    assert [session_facts(s) for s in full] == [session_facts(s) for s in quick]
    assert not any(s.autopilot for s in quick)


def test_the_table_gives_several_imagery_blocks_one_readable_figure() -> None:
    """A stage-2 session has five imagery blocks: the narrow column shows their median and
    the pictures done in all, not five figures shrunk to fit."""
    from dataclasses import replace

    from gmi_trainer.core.progress import progress_rows

    five = replace(_session(0), imagery_median_ms=3600.0,
                   imagery_blocks=((3800.0, 8), (3700.0, 8), (3000.0, 8), (3600.0, 8), (3500.0, 6)))
    one = replace(_session(-1), imagery_median_ms=4100.0, imagery_blocks=((4100.0, 6),))
    rows = {row[0]: row[-1] for row in progress_rows([five, one])}
    assert sorted(rows.values()) == ["3.6 s, 38 pics", "4.1 s, 6 pics"]
