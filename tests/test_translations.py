"""The translations: every shipped catalog complete and compiled, placeholders kept, plural
forms right, the template in step with the code, dates and numbers written the language's way,
and the screens free of English in other languages (the letters are drawable: test_fonts.py)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from gmi_trainer.i18n import (
    LANGUAGES,
    LOCALE_DIR,
    SOURCE_LANGUAGE,
    LanguageError,
    _,
    format_date,
    format_duration,
    format_number,
    language,
    language_from_environment,
    ngettext,
    set_language,
    use_language,
)
from gmi_trainer.i18n.catalogs import catalog_problems, placeholders, read_catalog

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


def test_every_catalog_is_complete_compiled_and_keeps_the_placeholders() -> None:
    assert set(TRANSLATED) == {"ru", "uk", "es", "de", "fr"}
    assert catalog_problems(LOCALE_DIR, TRANSLATED) == []


def test_the_template_holds_every_message_the_code_marks(tmp_path: Path) -> None:
    """A message added to the code without `tools/translations.py all` fails here."""
    from babel.messages.frontend import CommandLineInterface

    fresh = tmp_path / "messages.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", str(ROOT / "pyproject.toml"),
                                "--no-location", "-o", str(fresh), str(ROOT / "gmi_trainer"),
                                str(ROOT / "exercises")])
    ids = {m.id for m in read_catalog(fresh) if m.id}
    stored = {m.id for m in read_catalog(LOCALE_DIR / "messages.pot") if m.id}
    assert ids - stored == set(), "run: python tools/translations.py all"
    assert stored - ids == set(), "run: python tools/translations.py all"


def test_the_check_finds_a_missing_message_a_fuzzy_one_and_a_changed_placeholder(
        tmp_path: Path) -> None:
    assert placeholders("{n} of {total:g}, %(name)s") == {"{n}": 1, "{total:g}": 1, "%(name)s": 1}
    (tmp_path / "messages.pot").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello, {name}"\nmsgstr ""\n\nmsgid "Pause"\nmsgstr ""\n\n'
        'msgid "Save"\nmsgstr ""\n', encoding="utf-8")
    po = tmp_path / "de" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Hello, {name}"\nmsgstr "Hallo, {nom}"\n\n'
                  '#, fuzzy\nmsgid "Pause"\nmsgstr "Pause"\n', encoding="utf-8")
    problems = "\n".join(catalog_problems(tmp_path, ["de"]))
    assert "placeholders" in problems and "Hello" in problems
    assert "fuzzy: 'Pause'" in problems
    assert "missing: 'Save'" in problems
    assert "no compiled catalog" in problems


@pytest.mark.parametrize("code", ["ru", "uk"])
def test_russian_and_ukrainian_have_three_plural_forms(code: str) -> None:
    with use_language(code):
        forms = [ngettext("Streak: {days} day in a row.", "Streak: {days} days in a row.", n)
                 .format(days=n) for n in (1, 3, 5, 21, 22, 25, 11)]
    one, few, many = forms[0], forms[1], forms[2]
    assert len({one, few.replace("3", "1"), many.replace("5", "1")}) == 3
    assert forms[3].replace("21", "1") == one  # 21 takes the "one" form
    assert forms[4].replace("22", "3") == few and forms[5].replace("25", "5") == many
    assert forms[6].replace("11", "5") == many  # 11 is not "one"


def test_the_language_is_switched_and_an_unknown_one_refused() -> None:
    assert language() == SOURCE_LANGUAGE
    with use_language("de"):
        assert _("Pause / resume") == "Pause / weiter"
        assert _("phantom limb pain") == "Phantomschmerz"
    with use_language("ru"):
        assert _("phantom limb pain") == "фантомная боль"
        assert _("residual limb pain") == "боль в культе"
    assert _("Pause / resume") == "Pause / resume"
    with pytest.raises(LanguageError, match="shipped"):
        set_language("xx")
    assert language_from_environment({"GMI_TRAINER_LANGUAGE": "uk"}) == "uk"
    assert language_from_environment({"LANG": "de_DE.UTF-8"}) == SOURCE_LANGUAGE


def test_dates_numbers_and_durations_are_written_the_languages_way() -> None:
    day = date(2026, 3, 4)
    with use_language("de"):
        assert format_number(1234.5, 1) == "1.234,5"
        assert format_date(day, "short") == "04.03.26"
        assert format_duration(720) == "12 Minuten"
    with use_language("ru"):
        assert format_number(1234.5, 1) == "1\xa0234,5"
        assert format_duration(720) == "12 минут"
    with use_language("fr"):
        assert format_date(day, "long") == "4 mars 2026"
    assert format_number(1234.5, 1) == "1,234.5"


def test_command_line_help_follows_the_language_asked() -> None:
    out = subprocess.run([sys.executable, "-m", "gmi_trainer", "run", "--help", "--language", "de"],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert "--language" in out


@pytest.mark.parametrize("code", ["ru", "uk"])
def test_every_chart_draws_in_cyrillic_with_no_missing_glyph(code: str, tmp_path: Path) -> None:
    """The charts' font (matplotlib's DejaVu Sans) has every letter: matplotlib warns of a
    missing glyph, and the warning fails the test."""
    import warnings
    from datetime import datetime, timedelta

    from gmi_trainer.bench.synthetic import synthetic_sessions, write_synthetic
    from gmi_trainer.charts.figures import draw, png
    from gmi_trainer.core.progress import CHART_PAGES, progress_view
    from gmi_trainer.records.history import session_facts
    from gmi_trainer.records.reader import read_patient

    now = datetime.now().astimezone()
    write_synthetic(tmp_path, "P1", synthetic_sessions(12, 4, now - timedelta(days=4), days=4))
    sessions, damaged = read_patient(tmp_path, "P1", rows=False)
    with use_language(code), warnings.catch_warnings():
        warnings.simplefilter("error")
        view = progress_view([session_facts(s) for s in sessions], damaged, "P1", 4, "left",
                             now.date())
        for page in CHART_PAGES:
            assert png(draw(view.data, page, (900, 500)))[:4] == b"\x89PNG"
