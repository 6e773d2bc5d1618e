"""The therapist report in every shipped language: built from real sessions (the headless
autopilot through all three phases, a pain alert, a note and another treatment), it keeps no
English text of the program's, no placeholder unfilled, the plural forms the language
needs, and names its language in `<html lang>`; the command writes it in the patient's
language unless `--language` asks for another."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from gmi_trainer.app.screen_tour import english_left
from gmi_trainer.charts.report import build_report
from gmi_trainer.i18n import LANGUAGES, SOURCE_LANGUAGE, use_language
from gmi_trainer.records.history import session_facts
from gmi_trainer.records.reader import read_patient
from gmi_trainer.records.treatments import add_treatment, make_treatment, read_treatments, treatment_facts

ROOT = Path(__file__).resolve().parents[1]
PATIENT = "P1"
TRANSLATED = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gmi_trainer", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=180,
                          env={k: v for k, v in os.environ.items() if k != "GMI_TRAINER_LANGUAGE"})


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four sessions of one patient: left/right judgement, imagined movement, mirror work
    with pain that rises (a pain alert), and one ended after a minute (not counted)."""
    data = tmp_path_factory.mktemp("report-languages")
    runs = (["--at", "2026-03-02T09:00"], ["--stage", "imagery", "--at", "2026-03-02T13:00"],
            ["--stage", "mirror", "--pain", "2,8", "--at", "2026-03-03T09:00"],
            ["--end-after-s", "60", "--at", "2026-03-04T09:00"])
    for extra in runs:
        result = _cli("run", "--headless", "--autopilot", "correct", "--count-as-patient",
                      "--data-dir", str(data), "--patient", PATIENT, "--affected", "left-hand",
                      *extra)
        assert result.returncode == 0, result.stderr
    add_treatment(data / PATIENT, make_treatment("2026-03-03", "tens", note="twice a day"))
    return data


_REPORTS: dict[tuple[Path, str], str] = {}


def _report(data: Path, code: str) -> str:
    """The report in `code` (built once per language: each draws five charts)."""
    if (data, code) not in _REPORTS:
        _REPORTS[data, code] = _build(data, code)
    return _REPORTS[data, code]


def _build(data: Path, code: str) -> str:
    sessions, warnings = read_patient(data, PATIENT, rows=False)
    treatments, _ = read_treatments(data / PATIENT)
    with use_language(code):
        return build_report(sessions, warnings, PATIENT, None, 4, date(2026, 3, 5),
                            treatments=treatment_facts(treatments))


def shown_texts(page: str) -> list[str]:
    """What a reader of the page sees: its text between tags, its title and its pictures'
    alternative texts, one entry per text node."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    alts = re.findall(r'alt="([^"]*)"', page)
    page = re.sub(r'src="data:[^"]*"', " ", page)
    nodes = [html.unescape(t).strip() for t in re.split(r"<[^>]+>", page)]
    return [t for t in [*nodes, *map(html.unescape, alts)] if t]


def _recorded(data: Path) -> list[str]:
    """What the records hold as it was written, shown as it is in every language: the
    plan's and stages' names, notes (the therapist's on a treatment too), and the alert
    reasons the patient read at the time."""
    sessions, _ = read_patient(data, PATIENT, rows=False)
    treatments, _ = read_treatments(data / PATIENT)
    words = {PATIENT, *(t.note for t in treatments)}
    for fact in (session_facts(s) for s in sessions):
        words |= {fact.plan, fact.stage, fact.note, *fact.pain_alert}
    return sorted((w for w in words if w), key=len, reverse=True)


@pytest.mark.slow
@pytest.mark.parametrize("code", TRANSLATED)
def test_the_report_in_each_language_has_no_english_left(records: Path, code: str) -> None:
    page = _report(records, code)
    assert f'<html lang="{code}">' in page
    texts = shown_texts(page)
    layout = {"screens": [{"name": "report", "texts": [{"text": t} for t in texts]}]}
    assert english_left(layout, code, _recorded(records)) == []
    # No placeholder left unfilled, in the text or in a picture's alternative text.
    assert not [t for t in texts if re.search(r"\{\w*(:[^}]*)?\}", t)]
    # The English report's own sentences are gone: not one of its texts of two words or
    # more that the records do not hold is left as it was.
    english = set(shown_texts(_report(records, SOURCE_LANGUAGE)))
    kept = set(_recorded(records)) | {"gmi-trainer"}
    left = [t for t in english & set(texts) if len(re.findall(r"[A-Za-z]{3,}", t)) >= 2
            and not any(t in k or k in t for k in kept)]
    assert left == []


@pytest.mark.slow
@pytest.mark.parametrize(("code", "sessions", "repetitions"), [
    ("ru", "4 занятия", "0 повторений засчитано"), ("uk", "4 заняття", "0 повторень зараховано"),
    ("de", "4 Sitzungen", "0 Wiederholungen gezählt"), ("fr", "4 séances", "0 répétition comptée"),
    ("es", "4 sesiones", "0 repeticiones contadas")])
def test_counts_take_the_plural_form_of_the_language(records: Path, code: str, sessions: str,
                                                     repetitions: str) -> None:
    """Four sessions take Russian's and Ukrainian's 'few' form; no repetitions ('0') their
    'many' form, French's singular, and the plural of the others."""
    page = html.unescape(_report(records, code))
    assert sessions in page
    assert repetitions in page


def test_numbers_and_dates_are_written_the_languages_way(records: Path) -> None:
    german = html.unescape(_report(records, "de"))
    english = html.unescape(_report(records, SOURCE_LANGUAGE))
    assert re.search(r"\d,\d\d s", german) and not re.search(r"\d\.\d\d s", german)
    assert re.search(r"\d\.\d\d s", english)
    assert "Mo., 2. März 2026" in german and "Mon, Mar 2, 2026" in english


@pytest.mark.slow
def test_the_command_writes_the_patients_language_unless_asked_for_another(
        records: Path, tmp_path: Path) -> None:
    created = _cli("patient", "create", PATIENT, "--affected", "left-hand", "--language", "uk",
                   "--data-dir", str(records))
    assert created.returncode == 0, created.stderr
    assert '"language": "uk"' in (records / PATIENT / "profile.json").read_text(encoding="utf-8")
    for extra, code in (((), "uk"), (("--language", "fr"), "fr")):
        out = tmp_path / f"report-{code}.html"
        result = _cli("report", "--patient", PATIENT, "--out", str(out), "--data-dir",
                      str(records), *extra)
        assert result.returncode == 0, result.stderr
        assert f'<html lang="{code}">' in out.read_text(encoding="utf-8")
    refused = _cli("patient", "create", PATIENT, "--affected", "left-hand", "--language", "xx",
                   "--data-dir", str(records))
    assert refused.returncode == 2 and "xx" in refused.stderr
