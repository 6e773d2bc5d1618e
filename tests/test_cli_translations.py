"""The command line in the patient's language: help, argparse's own words (usage:, options:,
error:) and our error messages come out in German or Russian with no English sentence left."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gmi_trainer import cli
from gmi_trainer.i18n import SOURCE_LANGUAGE, set_language

# Words that any English sentence of our help or messages carries; none is a German or
# Russian word ('an' is German; 'default' is also a plan's name, kept as typed), so one of
# them in a German or Russian text is English left behind.
ENGLISH_WORDS = frozenset(
    "the of and with for to from is this when or not usage options error show "
    "help exit write print required invalid choose records file folder session patient's "
    "no nothing".split())

HELP_COMMANDS = (
    ["--help"], ["run", "--help"], ["export", "--help"], ["report", "--help"],
    ["archive", "export", "--help"], ["patient", "create", "--help"],
    ["patient", "set-stage", "--help"], ["therapist", "set-pin", "--help"],
    ["treatment", "add", "--help"], ["remind", "install", "--help"], ["capture", "--help"],
    ["screens", "--help"], ["validate", "--help"], ["media", "--help"], ["bench", "--help"],
)


@pytest.fixture(autouse=True)
def _english_after(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("GMI_TRAINER_LANGUAGE", raising=False)
    yield
    set_language(SOURCE_LANGUAGE)


def english_left(text: str) -> list[str]:
    """The English words in `text` once the things that stay as typed are taken out:
    option names, metavariables, {choice,lists}, paths and file names, the program's name."""
    text = re.sub(r"gmi-trainer(?: [a-z][a-z-]*)*", " ", text)  # the program and its commands
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"(?<![\w-])--?[a-z][a-z0-9-]*", " ", text)
    text = re.sub(r"\S*[/$_]\S*|\S+[.:][\w*]\S*", " ", text)  # paths, $VARIABLES, a.toml, file:PATH
    return sorted({w for w in re.findall(r"[A-Za-z']+", text) if w in ENGLISH_WORDS})


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = cli.main(args)
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("code", ["de", "ru"])
def test_help_of_the_commands_has_no_english_left(code: str, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GMI_TRAINER_LANGUAGE", code)
    for args in HELP_COMMANDS:
        status, text = run_cli(args, capsys)
        assert status == 0, (args, text)
        assert len(text) > 100, (args, text)
        assert english_left(text) == [], (args, text)
    # argparse's own words are translated too, not only ours.
    status, text = run_cli(["export", "--help"], capsys)
    assert ("Aufruf:" if code == "de" else "использование:") in text
    assert ("Optionen:" if code == "de" else "параметры:") in text


def test_the_check_finds_english_in_english_help(capsys: pytest.CaptureFixture[str]) -> None:
    """The same check on the English help finds English: it is not a check that cannot fail."""
    status, text = run_cli(["export", "--help"], capsys)
    assert status == 0
    assert {"the", "or", "usage", "options", "help"} <= set(english_left(text))


def test_language_option_chooses_the_help_language(capsys: pytest.CaptureFixture[str]) -> None:
    status, text = run_cli(["run", "--help", "--language", "de"], capsys)
    assert status == 0
    assert "die Sprache aller Bildschirme für diesen Lauf" in " ".join(text.split())
    assert english_left(text) == []


def test_errors_come_in_the_language(capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GMI_TRAINER_LANGUAGE", "de")
    # argparse's error, with its sentence, in German.
    status, text = run_cli(["export"], capsys)
    assert status == 2
    assert "Fehler: folgende Argumente sind erforderlich: --patient" in text
    assert english_left(text) == []
    status, text = run_cli(["run", "--autopilot", "bogus"], capsys)
    assert status == 2 and "ungültige Auswahl" in text
    # Our own error, before any work.
    status, text = run_cli(["report", "--patient", "P404", "--out", str(tmp_path / "r.html"),
                            "--data-dir", str(tmp_path)], capsys)
    assert status == 2
    assert "keine Aufzeichnungen für Patient 'P404'" in text
    assert english_left(text) == []
    monkeypatch.setenv("GMI_TRAINER_LANGUAGE", "ru")
    status, text = run_cli(["run", "--headless", "--data-dir", str(tmp_path)], capsys)
    assert status == 2
    assert "--headless требует --autopilot" in text
    assert english_left(text) == []
