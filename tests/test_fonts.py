"""The shipped typeface: the files are the pinned ones and install with the package, the
screens and the charts draw with them, and they have a glyph for every letter the program
shows (every catalog, the plans' texts, the languages' own names) and the Greek alphabet."""

from __future__ import annotations

import hashlib
import string
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pygame
import pytest
from fontTools.ttLib import TTFont  # matplotlib's own dependency, so always installed with it

from gmi_trainer.fonts import BOLD, FAMILY, FONT_DIR, REGULAR
from gmi_trainer.i18n import LANGUAGES, LOCALE_DIR, use_language
from gmi_trainer.i18n.catalogs import read_catalog
from gmi_trainer.ui.theme import Fonts

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
GREEK = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψως" "ΆΈΉΊΌΎΏάέήίόύώϊϋΐΰ"
NOT_A_CHARACTER = "\U0010fffd"  # a private-use code point no font has: drawn as the box


def _shown_letters() -> set[str]:
    """Every character of every message (English and each catalog's translation), of the
    shipped plans (their translated titles and prompts), of the program's source (what it
    draws without a catalog: the degree sign, a language's own name) and every printable ASCII character
    (what a patient may type in a note)."""
    texts: list[str] = []
    catalogs = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/messages.po"))
    assert len(catalogs) == len(LANGUAGES) - 1  # every language but English has one
    for path in [LOCALE_DIR / "messages.pot", *catalogs]:
        for message in read_catalog(path):
            for field in (message.id, message.string):
                texts += [t for t in (field if isinstance(field, tuple) else (field,)) if t]
    texts += [path.read_text(encoding="utf-8") for path in (ROOT / "exercises").glob("*.toml")]
    texts += LANGUAGES.values()
    texts += [path.read_text(encoding="utf-8") for path in (ROOT / "gmi_trainer").rglob("*.py")]
    texts.append(string.printable)
    return {ch for text in texts for ch in text if ch.isprintable() and not ch.isspace()}


def _drawn_as_the_box(font: pygame.font.Font, letters: set[str] | str) -> list[str]:
    """The letters pygame draws as the font's missing-glyph box (the same picture as a
    character no font has)."""
    def picture(text: str) -> bytes:
        image = font.render(text, True, (255, 255, 255), (0, 0, 0))
        return bytes(image.get_size()) + pygame.image.tobytes(image, "RGB")

    box = picture(NOT_A_CHARACTER)
    return sorted(ch for ch in letters if picture(ch) == box)


def test_the_font_files_are_the_pinned_dejavu_sans_2_35() -> None:
    pinned = dict(reversed(line.split("  ")) for line in
                  (FONT_DIR / "SHA256SUMS").read_text().splitlines())
    assert set(pinned) == {REGULAR.name, BOLD.name}
    for path in (REGULAR, BOLD):
        assert hashlib.sha256(path.read_bytes()).hexdigest() == pinned[path.name]
        names = TTFont(path)["name"]
        assert names.getDebugName(1) == FAMILY and names.getDebugName(5) == "Version 2.35"
    assert "Bitstream Vera" in (FONT_DIR / "LICENSE").read_text()


def test_the_font_files_install_with_the_package() -> None:
    """They live inside the package, so an installed copy finds them where a checkout does;
    the package data in pyproject.toml carries them (and the licence) into the wheel."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        patterns = tomllib.load(file)["tool"]["setuptools"]["package-data"]["gmi_trainer.fonts"]
    shipped = {path.name for pattern in patterns for path in FONT_DIR.glob(pattern)}
    assert {REGULAR.name, BOLD.name, "LICENSE", "SHA256SUMS"} <= shipped
    assert (FONT_DIR / "__init__.py").exists()  # a package, found by setuptools' find


def test_the_screens_draw_with_dejavu_sans_and_its_own_bold() -> None:
    pygame.font.init()
    fonts = Fonts(1.0)
    regular, bold = fonts.get("body"), fonts.get("body", bold=True)
    assert (regular.name, regular.style_name) == (FAMILY, "Book")
    assert (bold.name, bold.style_name) == (FAMILY, "Bold")
    assert fonts.points("body") == fonts.points("body", bold=True) == 26


@pytest.mark.parametrize("bold", [False, True])
def test_every_letter_shown_and_the_greek_alphabet_have_a_glyph(bold: bool) -> None:
    """No missing-glyph boxes: the font file maps every character (its cmap), and pygame
    draws each as something other than the box."""
    pygame.font.init()
    letters = _shown_letters() | set(GREEK)
    assert {"ж", "ї", "ß", "é", "ñ", "Ω", "—", "°"} <= letters and len(letters) > 180
    cmap = TTFont(BOLD if bold else REGULAR).getBestCmap()
    assert sorted(ch for ch in letters if ord(ch) not in cmap) == []
    font = Fonts(1.0).get("body", bold)
    assert _drawn_as_the_box(font, "中") == ["中"]  # the check sees a missing glyph
    assert _drawn_as_the_box(font, letters) == []


@pytest.mark.parametrize("language", ["ru", "uk", "en"])
def test_every_chart_text_resolves_to_the_shipped_files(language: str, tmp_path: Path) -> None:
    """Each text of each progress chart (titles, ticks, legends, notes) is set in DejaVu Sans
    alone, and matplotlib finds that family in the package's files."""
    from matplotlib import font_manager
    from matplotlib.text import Text

    from gmi_trainer.bench.synthetic import synthetic_sessions, write_synthetic
    from gmi_trainer.charts.figures import draw, png
    from gmi_trainer.core.progress import CHART_PAGES, progress_view
    from gmi_trainer.records.history import session_facts
    from gmi_trainer.records.reader import read_patient

    now = datetime.now().astimezone()
    write_synthetic(tmp_path, "P1", synthetic_sessions(12, 4, now - timedelta(days=4), days=4))
    sessions, damaged = read_patient(tmp_path, "P1", rows=False)
    checked = 0
    with use_language(language):
        view = progress_view([session_facts(s) for s in sessions], damaged, "P1", 4, "left",
                             now.date())
        for page in CHART_PAGES:
            figure = draw(view.data, page, (900, 500))
            assert png(figure)[:4] == b"\x89PNG"
            for text in figure.findobj(lambda a: isinstance(a, Text) and a.get_text().strip()):
                prop = text.get_fontproperties()
                assert prop.get_family() == [FAMILY], text.get_text()
                found = Path(font_manager.findfont(prop, fallback_to_default=False))
                assert found in (REGULAR, BOLD), (text.get_text(), found)
                checked += 1
    assert checked > 50
