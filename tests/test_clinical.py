"""The clinical picture end to end: pain by kind and CRPS wording, phantom sensations, the weekly
measures and their schedule, other treatments (records, charts, report, archive), the FHIR
bundle validated with fhir.resources, and the REDCap export."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from gmi_trainer.core import inputs as act
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.safety import pain_alert
from gmi_trainer.core.session import SessionFlow
from gmi_trainer.core.views import ChecklistView, ChoiceView, PainView
from gmi_trainer.core.weekly import weekly_due
from gmi_trainer.plans.model import Safety
from gmi_trainer.vocabulary.clinical import DEFAULT_ASK

PROJECT = Path(__file__).resolve().parents[1]


def press(flow: SessionFlow, action: str, value=None, t: list[float] = [200.0]) -> None:
    t[0] += 0.5
    flow.handle(Input(action, t[0], value))


def test_pain_by_kind_none_today_sensations_and_records(make_ctx) -> None:
    ctx = make_ctx(pain_ask=DEFAULT_ASK)
    flow = SessionFlow(ctx, 100.0)
    view = flow.screen(101.0).view
    assert isinstance(view, PainView) and view.kind == "phantom"
    assert "phantom limb pain" in view.question and view.step == "Question 1 of 2"
    press(flow, act.SELECT, 6)
    press(flow, act.CONFIRM)
    view = flow.screen(102.0).view
    assert view.kind == "residual" and "residual limb" in view.question
    press(flow, act.SELECT, "none")  # "No residual limb pain today": one press
    event = [e for e in ctx.recorder.events if e["event"] == "pain"][-1]
    assert event["value"] == 6 and event["kinds"] == {"phantom": 6, "residual": 0}
    assert event["none_today"] == ["residual"]
    view = flow.screen(103.0).view
    assert isinstance(view, ChecklistView) and view.token == ("sensations", "before")
    press(flow, act.SELECT, 1)  # tingling
    press(flow, act.CONFIRM)
    sensations = [e for e in ctx.recorder.events if e["event"] == "sensations"][-1]
    assert sensations["present"] is True and sensations["items"] == ["tingling"]
    summary, _ = flow._summary()
    assert summary["pain_before"] == 6
    assert summary["pain_before_by_kind"] == {"phantom": 6, "residual": 0}
    assert summary["sensations_before"] == {"present": True, "items": ["tingling"], "other": None}


def test_crps_patient_gets_one_scale_worded_for_them(make_ctx) -> None:
    ctx = make_ctx(pain_ask=DEFAULT_ASK)
    ctx.profile = replace(ctx.profile, condition="crps")
    flow = SessionFlow(ctx, 100.0)
    view = flow.screen(101.0).view
    assert view.kind == "crps" and "right hand" in view.question and not view.step
    press(flow, act.SELECT, 4)
    press(flow, act.CONFIRM)
    assert not isinstance(flow.screen(102.0).view, ChecklistView)  # no phantom sensations
    assert flow.pain_before.by_kind == {"crps": 4}


def test_alerts_read_each_kind_apart() -> None:
    safety = Safety()
    reasons = pain_alert(safety, {"phantom": 6, "residual": 1}, {"phantom": 6, "residual": 5})
    assert reasons == ("residual limb pain rose by 4, from 1 to 5 (3 or more)",)
    assert pain_alert(safety, {"phantom": 2}, {"phantom": 9})[0] == \
        "phantom limb pain 9 of 10 after the session (8 or more)"
    assert pain_alert(safety, 6, 10)[0] == "pain 10 of 10 after the session (8 or more)"


def test_weekly_schedule() -> None:
    today = date(2026, 3, 10)
    first = weekly_due([], [], today)
    assert first.due and not first.ask_pgic
    assert not weekly_due([date(2026, 3, 4)], [], today).due  # 6 days ago
    second = weekly_due([date(2026, 3, 3)], [], today)  # 7 days ago: the second week
    assert second.due and second.ask_pgic
    assert not weekly_due([], [today], today).due  # skipped today: not again today
    assert weekly_due([], [date(2026, 3, 9)], today).due  # offered again the next day


def test_weekly_step_records_bpi_and_pgic_or_a_skip(make_ctx) -> None:
    ctx = make_ctx(pain_ask=DEFAULT_ASK)
    ctx.weekly_due, ctx.weekly_pgic = True, True
    flow = SessionFlow(ctx, 100.0)
    assert isinstance(flow.screen(101.0).view, ChoiceView)
    press(flow, act.CONFIRM)  # answer now
    for value in (3, 4, 5, 6, 2, 7, 1):
        view = flow.screen(102.0).view
        assert isinstance(view, PainView) and view.low_anchor == "0 = does not interfere"
        press(flow, act.SELECT, value)
        press(flow, act.CONFIRM)
    view = flow.screen(103.0).view
    assert isinstance(view, ChoiceView) and len(view.options) == 7
    press(flow, act.SELECT, 2)  # much improved
    weekly = [e for e in ctx.recorder.events if e["event"] == "weekly"][-1]
    assert weekly["bpi_interference"]["sleep"] == 7 and weekly["pgic"] == 2
    assert weekly["bpi_interference_mean"] == 4.0
    assert isinstance(flow.screen(104.0).view, PainView)  # then pain before
    skipping = make_ctx(pain_ask=DEFAULT_ASK)
    skipping.weekly_due = True
    flow = SessionFlow(skipping, 100.0)
    press(flow, act.SELECT, "skip")
    assert skipping.recorder.events[-1]["event"] == "weekly_skipped"
    assert flow._summary()[0]["weekly"] is None and flow._summary()[0]["weekly_skipped"]


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gmi_trainer", *args], cwd=PROJECT,
                          capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "SDL_VIDEODRIVER": "dummy",
                               "SDL_AUDIODRIVER": "dummy"})


@pytest.fixture(scope="module")
def two_weeks(tmp_path_factory) -> Path:
    """Two sessions a week apart (the second with the PGIC) and two treatments between."""
    data = tmp_path_factory.mktemp("clinic")
    for when, pain in (("2026-03-02T09:00", "6,3"), ("2026-03-10T09:00", "2,9")):
        result = _cli("run", "--headless", "--autopilot", "correct", "--data-dir", str(data),
                      "--affected", "left-hand", "--pain", pain, "--count-as-patient",
                      "--at", when, "--patient", "P21")
        assert result.returncode == 0, result.stderr
    for args in (("--date", "2026-03-05", "--kind", "medicine_started", "--name", "pregabalin",
                  "--dose", "75 mg twice a day"),
                 ("--date", "2026-03-07", "--kind", "nerve_block")):
        assert _cli("treatment", "add", "--patient", "P21", "--data-dir", str(data),
                    *args).returncode == 0
    return data


def test_records_charts_and_report_carry_kinds_weekly_and_treatments(two_weeks: Path,
                                                                     tmp_path: Path) -> None:
    from gmi_trainer.charts.figures import draw
    from gmi_trainer.core.progress import progress_data
    from gmi_trainer.records.history import session_facts
    from gmi_trainer.records.reader import read_patient
    from gmi_trainer.records.treatments import read_treatments, treatment_facts

    assert (two_weeks / "P21" / "treatments.jsonl").stat().st_mode & 0o077 == 0
    sessions, warnings = read_patient(two_weeks, "P21", rows=False)
    assert not warnings
    facts = [session_facts(s) for s in sessions]
    assert facts[1].pain_after_kinds == {"phantom": 9, "residual": 9}
    assert facts[0].bpi_interference is not None and facts[1].pgic is not None
    assert facts[0].pgic is None  # the first week has no impression of change
    assert "phantom limb pain 9 of 10" in facts[1].pain_alert[0]
    treatments, _ = read_treatments(two_weeks / "P21")
    data = progress_data(facts, date(2026, 3, 10), 4, "left", treatment_facts(treatments))
    figure = draw(data, "outcomes", (900, 500))
    lines = [l for ax in figure.axes for l in ax.get_lines() if l.get_linestyle() == ":"]
    assert len(lines) >= 2 * 2  # each treatment on both axes (and the 50% line)
    for page in ("pain", "adherence", "laterality"):
        texts = [t.get_text() for ax in draw(data, page, (900, 500)).axes for t in ax.texts]
        assert "T1" in texts and "T2" in texts
    out = tmp_path / "r.html"
    assert _cli("report", "--patient", "P21", "--data-dir", str(two_weeks), "--out",
                str(out)).returncode == 0
    html = out.read_text()
    assert "Other treatments (timeline)" in html and "pregabalin 75 mg twice a day" in html
    assert "Pain interference (BPI, 0-10)" in html


def test_fhir_bundle_is_valid_r4_with_units_and_every_kind(two_weeks: Path, tmp_path: Path) -> None:
    from fhir.resources.R4B.bundle import Bundle

    out = tmp_path / "b.json"
    result = _cli("export", "--patient", "P21", "--data-dir", str(two_weeks), "--format",
                  "fhir", "--out", str(out))
    assert result.returncode == 0, result.stderr
    bundle = json.loads(out.read_text())
    Bundle.model_validate(bundle)  # raises if not valid
    resources = [e["resource"] for e in bundle["entry"]]
    kinds = {r["resourceType"] for r in resources}
    assert kinds == {"Patient", "Observation", "QuestionnaireResponse", "MedicationStatement",
                     "Procedure"}
    patient = next(r for r in resources if r["resourceType"] == "Patient")
    assert set(patient) == {"resourceType", "id", "identifier"}  # the pseudonym only
    assert patient["identifier"][0]["value"] == "P21"
    units = {r["valueQuantity"]["code"] for r in resources if r["resourceType"] == "Observation"}
    assert units == {"{score}", "%", "ms"}
    texts = [r["code"]["text"] for r in resources if r["resourceType"] == "Observation"]
    assert any(t.startswith("Phantom limb pain, after") for t in texts)
    assert any(t.startswith("Residual limb pain, before") for t in texts)
    questionnaires = [r for r in resources if r["resourceType"] == "QuestionnaireResponse"]
    assert len(questionnaires) == 2 and any(i["linkId"] == "pgic" for i in questionnaires[1]["item"])
    medicine = next(r for r in resources if r["resourceType"] == "MedicationStatement")
    assert medicine["dosage"][0]["text"] == "75 mg twice a day"
    from gmi_trainer.records.fhir import FhirError, validate_bundle
    observation = next(r for r in resources if r["resourceType"] == "Observation")
    observation["valueQuantity"]["value"] = "a lot"  # a decimal that is not a number
    with pytest.raises(FhirError, match="Observation"):
        validate_bundle(bundle)


def test_redcap_data_and_dictionary_agree(two_weeks: Path, tmp_path: Path) -> None:
    out = tmp_path / "study.csv"
    result = _cli("export", "--patient", "P21", "--data-dir", str(two_weeks), "--format",
                  "redcap", "--out", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.open()))
    dictionary = list(csv.DictReader((tmp_path / "study-dictionary.csv").open()))
    assert [d["Variable / Field Name"] for d in dictionary] == list(rows[0])
    assert dictionary[0]["Variable / Field Name"] == "record_id"  # REDCap's first field
    assert len(dictionary[0]) == 18
    assert rows[1]["phantom_after"] == "9" and rows[1]["pgic"] != "" and rows[0]["pgic"] == ""


def test_archive_carries_treatments_and_refuses_bad_ones(two_weeks: Path, tmp_path: Path) -> None:
    import zipfile

    from gmi_trainer.records.archive import export_patient, import_archive
    from gmi_trainer.records.treatments import read_treatments

    archive = tmp_path / "a.zip"
    export_patient(two_weeks, "P21", archive)
    with zipfile.ZipFile(archive, "a") as zf:
        text = zf.read("P21/treatments.jsonl").decode()
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(bad, "w") as zf:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("treatments.jsonl"):
                data += b'{"on": "2026-03-09", "kind": "magic"}\n'
            zf.writestr(info, data)
    other = tmp_path / "other"
    _, report = import_archive(bad, other)
    assert report.treatments_added == 2 and len(report.refused) == 1
    assert len(read_treatments(other / "P21")[0]) == 2 and "pregabalin" in text
    _, again = import_archive(bad, other)
    assert again.treatments_added == 0  # never doubled


def test_plan_pain_keys_are_checked() -> None:
    from gmi_trainer.plans.validation import PlanError, parse_plan

    text = (PROJECT / "exercises" / "default.toml").read_text()
    assert parse_plan(text + '\n[pain]\nask = ["residual"]\nweekly = false\n').pain.ask == ("residual",)
    with pytest.raises(PlanError, match="pain.ask"):
        parse_plan(text + '\n[pain]\nask = ["sensations"]\n')
    with pytest.raises(PlanError, match="pain.ask"):
        parse_plan(text + '\n[pain]\nask = ["stump"]\n')
