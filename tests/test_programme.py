"""Six weeks of the default plan, driven like a patient's days with the real `run` command
(in this process, for speed) on simulated dates: good days move the stages on the
published schedule (two weeks per phase), a week of flare-ups holds the stage and then steps
it back, short sessions do not count, and `--stage` runs leave the stage alone."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

import pytest

from gmi_trainer import cli
from gmi_trainer.app.paths import resolve_paths
from gmi_trainer.app.status import patient_status
from gmi_trainer.profiles.store import load_profile

# A Monday morning, in a fixed zone so days do not depend on the machine's.
START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))
PATIENT = "W6"


class Programme:
    def __init__(self, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data, self.capsys = data, capsys
        self.paths = resolve_paths(str(data), PATIENT, {})

    def session(self, day: int, *extra: str, pain: str = "2,1", hour: int = 9) -> dict:
        """One headless session on day `day` of the programme; its manifest."""
        at = (START + timedelta(days=day, hours=hour - 9)).isoformat()
        before = set(self._folders())
        code = cli.main(["run", "--headless", "--autopilot", "correct", "--data-dir",
                         str(self.data), "--patient", PATIENT, "--affected", "left-hand",
                         "--seed", str(day), "--count-as-patient", "--at", at, "--pain", pain,
                         *extra])
        self.capsys.readouterr()
        assert code == 0
        [folder] = set(self._folders()) - before
        return json.loads((folder / "manifest.json").read_text())

    def stage(self, day: int) -> tuple[str, str]:
        """The stage the next session runs on day `day` (evening), and why."""
        profile = load_profile(self.data, PATIENT)
        assert profile is not None
        status = patient_status(self.paths, profile, START + timedelta(days=day, hours=10))
        return status.stage, status.stage_reason

    def _folders(self) -> list[Path]:
        folder = self.data / PATIENT
        return [p for p in folder.iterdir() if p.is_dir()] if folder.is_dir() else []


@pytest.fixture
def programme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
              capsys: pytest.CaptureFixture[str]) -> Iterator[Programme]:
    from gmi_trainer.app import root
    from tests.conftest import fake_pictures

    # The rendered picture set is checked elsewhere; stand-ins keep six weeks to seconds.
    monkeypatch.setattr(root, "load_pictures", lambda media: (fake_pictures(), ""))
    monkeypatch.delenv("GMI_TRAINER_DATA", raising=False)
    # Every row is fsynced as it is written; in memory (where there is a RAM disk) that is
    # free, and six weeks take a few seconds instead of half a minute.
    shm = Path("/dev/shm")
    if shm.is_dir():
        with tempfile.TemporaryDirectory(dir=shm) as folder:
            yield Programme(Path(folder) / "data", capsys)
    else:
        yield Programme(tmp_path / "data", capsys)


def test_six_weeks_of_the_default_plan(programme: Programme) -> None:
    p = programme
    # -- weeks 1-2: left/right judgement, good days -----------------------------------------
    first = p.session(0)
    assert first["stage"] == "laterality" and first["stage_source"] == "records"
    assert first["active_s"] >= first["min_active_s"] == first["planned_s"] / 2
    # A short session (the window closed after a minute) is saved but does not count.
    short = p.session(1, "--end-after-s", "60")
    assert short["status"] == "ended_early" and short["active_s"] < short["min_active_s"]
    # A one-off run of the last stage is labelled and leaves the stage alone.
    one_off = p.session(2, "--stage", "mirror")
    assert (one_off["stage"], one_off["stage_source"]) == ("mirror", "this_run")
    assert p.stage(2)[0] == "laterality"
    for day in (11, 12, 13):  # the last three sessions of the stage meet 80% and 2 s
        assert p.session(day)["stage"] == "laterality"
    stage, reason = p.stage(13)
    assert stage == "laterality" and reason.startswith("Day 14 of at least 14")
    # -- weeks 3-4: imagined movement, from day 14 as published --------------------------------
    assert p.stage(14) == ("imagery", "Left/right judgement went well: on to the next stage.")
    assert p.session(14)["stage"] == "imagery"
    # A week of flare-ups: pain after 9 (a rise of 6) three times in a week.
    for day in (22, 25, 26):
        flare = p.session(day, pain="3,9")
        assert flare["summary"]["pain_alert"][0] == \
            "phantom limb pain 9 of 10 after the session (8 or more)"
    stage, reason = p.stage(28)  # two weeks in imagery are over, but the alerts hold it
    assert stage == "imagery" and reason.startswith("3 pain alerts in the last 7 days")
    # -- weeks 5-6: mirror therapy once the alerts have settled; then a relapse -------------
    assert p.stage(29)[0] == "mirror"  # the day-22 alert is more than a week old
    assert p.session(29)["stage"] == "mirror"
    for day, pain in ((33, "3,3"), (34, "5,5")):  # pain before rising: 2, 3, 5
        assert p.session(day, pain=pain)["stage"] == "mirror"
    stage, reason = p.stage(35)
    assert stage == "laterality" and reason.startswith("Pain has risen over the last 3")
    assert p.session(35)["stage"] == "laterality"
    # Where the patient stands, as `patient show --json` prints it.
    assert cli.main(["patient", "show", PATIENT, "--json", "--data-dir", str(p.data)]) == 0
    shown = json.loads(p.capsys.readouterr().out)
    assert shown["stage"]["name"] == "laterality" and shown["today"]["planned"] == 4

    # The one adherence rule, as the sessions export gives it.
    assert cli.main(["export", "--patient", PATIENT, "--what", "sessions", "--data-dir",
                     str(p.data), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(p.capsys.readouterr().out)))
    by_day = {(datetime.fromisoformat(r["started_at"]) - START).days: r for r in rows}
    assert by_day[1]["counted"] == "false" and by_day[1]["not_counted_reason"].startswith(
        "too short (1 min 00 s of 6 min 30 s needed)")
    assert by_day[0]["counted"] == "true" and by_day[0]["pain_alert"] == ""
    assert by_day[22]["pain_alert"].startswith("phantom limb pain 9 of 10")
    assert sum(r["counted"] == "true" for r in rows) == len(rows) - 1


def test_a_plan_given_by_path_is_found_again_at_the_next_plain_start(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gmi_trainer.app import root
    from tests.conftest import fake_pictures

    monkeypatch.setattr(root, "load_pictures", lambda media: (fake_pictures(), ""))
    monkeypatch.chdir(tmp_path)
    plans = tmp_path / "clinic plans"
    plans.mkdir()
    plan = (Path(__file__).resolve().parents[1] / "exercises" / "laterality-only.toml").read_text()
    (plans / "mine.toml").write_text(plan.replace('name = "laterality-only"', 'name = "mine"'))
    data = str(tmp_path / "data")
    assert cli.main(["run", "--headless", "--autopilot", "correct", "--data-dir", data,
                     "--patient", "PP", "--affected", "left-hand",
                     "--plan", "clinic plans/mine.toml"]) == 0
    profile = json.loads((tmp_path / "data" / "PP" / "profile.json").read_text())
    assert profile["plan"] == str((plans / "mine.toml").resolve())  # absolute: found from anywhere
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    assert cli.main(["run", "--headless", "--autopilot", "correct", "--data-dir", data,
                     "--patient", "PP"]) == 0
    manifests = [json.loads(m.read_text()) for m in (tmp_path / "data" / "PP").glob("*/manifest.json")]
    assert [m["plan"]["name"] for m in manifests] == ["mine", "mine"]


def test_a_missing_plan_opens_a_window_that_offers_the_default_plan_or_quitting(
        tmp_path: Path) -> None:
    from gmi_trainer.app.loop import NullDisplay, ScriptedInputs
    from gmi_trainer.app.root import _plan_after_problem
    from gmi_trainer.clock import SimulatedClock
    from gmi_trainer.core import inputs as act
    from gmi_trainer.core.autopilot import Autopilot
    from gmi_trainer.core.inputs import Input
    from gmi_trainer.core.shell import PlanProblem
    from gmi_trainer.core.views import ChoiceView, PausedView
    from gmi_trainer.profiles.model import DEFAULT_KEYS

    problems = ["/gone/mine.toml: plan file not found. Check the name, or list the plans in "
                "the exercises/ folder."]
    flow = PlanProblem(problems)
    view = flow.screen(0.0).view
    assert isinstance(view, ChoiceView) and view.title == "Your exercise plan could not be opened"
    assert problems[0] in view.body and [o.id for o in view.options] == ["default", "quit"]
    flow.handle(Input(act.PAUSE, 1.0))  # pause works here too
    assert isinstance(flow.screen(1.0).view, PausedView)
    flow.handle(Input(act.PAUSE, 2.0))
    flow.handle(Input(act.SELECT, 3.0, 2))  # the number key 2: quit
    assert flow.finished and flow.choice == "quit"

    class Window(NullDisplay, ScriptedInputs):
        """A window stand-in: the autopilot presses Enter on the first choice."""

        def __init__(self, clock: SimulatedClock) -> None:
            NullDisplay.__init__(self, clock)
            ScriptedInputs.__init__(self, Autopilot("correct", 0), clock)

    clock = SimulatedClock()
    paths = resolve_paths(str(tmp_path), "PP", {})
    plan = _plan_after_problem(Window(clock), clock, paths, problems, DEFAULT_KEYS)
    assert plan is not None and plan.name == "default"
