"""The patient's language: translated text (gettext), and dates, numbers and durations
written the way that language writes them (Babel).

One language is in force at a time, set once by the composition root from the patient's
profile or `--language` (`set_language`). A process-wide language, like gettext's own
`install`, because every screen, message and chart of one run speaks to one person; tests
switch it with `use_language`.

Marking text:
- `_("Pause")` translates now; `ngettext("{n} trial", "{n} trials", n)` chooses the plural
  form the language needs (Russian and Ukrainian have three); `pgettext("button", "Back")`
  tells apart one English word with two meanings.
- `plan_text(block.title)` shows a plan's text in the language (see `add_plan_texts`).
- `N_("Left hand")` only marks a module-level constant for extraction; the code that shows
  it calls `_(CONSTANT)` at that moment, so the constant follows a change of language.

Catalogs: gmi_trainer/locale/LANG/LC_MESSAGES/messages.po, compiled to messages.mo beside
it (both in the repository, so a fresh clone runs with no build step); `python
tools/translations.py` extracts, updates, compiles and checks them (see the README)."""

from __future__ import annotations

import gettext as _gettext
import re
import string
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"
# Every shipped language, by its code, with its name as its own speakers write it (a menu of
# languages shows each name in its own language, so a patient finds theirs in any of them).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "ru": "Русский",
    "uk": "Українська",
    "es": "Español",
    "de": "Deutsch",
    "fr": "Français",
}

_current = SOURCE_LANGUAGE
_translations: dict[str, _gettext.NullTranslations] = {}


class LanguageError(ValueError):
    pass


def check_language(code: str) -> str:
    """The language code itself when it is shipped; otherwise a clear error."""
    if code not in LANGUAGES:
        raise LanguageError(f"'{code}' is not a shipped language (shipped: {', '.join(LANGUAGES)})")
    return code


def _catalog(code: str) -> _gettext.NullTranslations:
    if code not in _translations:
        if code == SOURCE_LANGUAGE:
            _translations[code] = _gettext.NullTranslations()
        else:
            # fallback=False: a shipped language whose .mo is missing is a broken install.
            _translations[code] = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])
    return _translations[code]


def set_language(code: str) -> None:
    """Make `code` the language of every text from now on."""
    global _current
    _catalog(check_language(code))
    _current = code


def language() -> str:
    """The language in force."""
    return _current


@contextmanager
def use_language(code: str) -> Iterator[None]:
    """The language `code` inside the block, the one before it after."""
    before = _current
    set_language(code)
    try:
        yield
    finally:
        set_language(before)


class _LocaleFormatter(string.Formatter):
    """str.format, except that a number with a fixed-point, percent or general spec
    ({value:.1f}, {fall:.0%}, {low:g}) is written the language's way: '2,5 s', '83 %'.
    English keeps Python's own formatting, digit for digit."""

    def format_field(self, value: object, format_spec: str) -> str:
        if (_current != SOURCE_LANGUAGE and isinstance(value, (int, float))
                and not isinstance(value, bool)):
            if format_spec == ",":  # thousands grouped: '1,361' is '1.361' in German
                return format_number(value, 0 if isinstance(value, int) else 2)
            spec = _NUMBER_SPEC.fullmatch(format_spec)
            if spec:
                text = _format_spec_number(float(value), spec.group(2), spec.group(3))
                # '+' (a difference: '+0,25 s') writes the sign of a gain too.
                return "+" + text if spec.group(1) and float(value) >= 0 else text
        return super().format_field(value, format_spec)


_NUMBER_SPEC = re.compile(r"(\+)?(?:\.(\d+))?([f%g])")


def _format_spec_number(value: float, digits: str | None, kind: str) -> str:
    from babel.numbers import format_decimal
    from babel.numbers import format_percent as babel_percent

    if kind == "g":  # as few decimals as the value needs, like Python's 'g'
        return format_decimal(float(f"{value:g}"), format="0.######", locale=_locale())
    places = int(digits) if digits is not None else 6
    fraction = "." + "0" * places if places else ""
    if kind == "f":
        return format_decimal(value, format="0" + fraction, locale=_locale())
    from babel import Locale

    # The language's own percent pattern ('#,##0 %' in German), with the decimals asked for.
    pattern = Locale.parse(_locale()).percent_formats[None].pattern.replace("0", "0" + fraction, 1) \
        if places else None
    return babel_percent(value, format=pattern, locale=_locale())


_formatter = _LocaleFormatter()


class Text(str):
    """A translated message: a str whose `.format` writes numbers the language's way, so
    `_("today {value:.1f} s").format(value=2.5)` reads '2,5 s' in German and French."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:  # type: ignore[override]
        return _formatter.vformat(self, args, kwargs)


def gettext(message: str) -> str:
    return Text(_catalog(_current).gettext(message))


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    return Text(_catalog(_current).ngettext(singular, plural, n))


def pgettext(context: str, message: str) -> str:
    return Text(_catalog(_current).pgettext(context, message))


# A plan's own translations of its texts (`title = {en = "...", ru = "..."}`), by the main
# text: filled as plans are read, consulted by `plan_text`.
_plan_texts: dict[str, dict[str, str]] = {}


def add_plan_texts(texts: dict[str, dict[str, str]]) -> None:
    """Translations a plan file carries, by its main text (the plans layer calls this)."""
    for main, by_language in texts.items():
        _plan_texts.setdefault(main, {}).update(by_language)


def plan_text(text: str) -> str:
    """A plan's text (a title, a prompt, the safety advice) in the patient's language: the
    plan's own translation, else the catalogs' (the shipped plans' texts are in them), else
    the plan's main text as written."""
    own = _plan_texts.get(text, {}).get(_current)
    return own if own else gettext(text)


def N_(message: str) -> str:
    """Marks a constant for extraction; translate it where it is shown with `_(...)`."""
    return message


def language_from_environment(environ: dict[str, str]) -> str:
    """$GMI_TRAINER_LANGUAGE when it names a shipped language, else English: the language
    where no patient's is known (command-line help, a first start). Only this variable, not
    LANG: a clinic computer set up in one language often serves patients of another, and a
    developer's LANG must not change what the tests read."""
    code = environ.get("GMI_TRAINER_LANGUAGE", "").strip().lower()
    return code if code in LANGUAGES else SOURCE_LANGUAGE


def _locale() -> str:
    return _current


def format_number(value: float, decimals: int = 0) -> str:
    """1234.5 -> '1,234.5' in English, '1 234,5' in Russian, '1.234,5' in German."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=_locale())


def decimal_symbol() -> str:
    """The sign between whole and fraction: '.' in English, ',' in German, French, Russian."""
    from babel.numbers import get_decimal_symbol

    return get_decimal_symbol(_locale())


def format_percent(fraction: float) -> str:
    """0.83 -> '83%' in English, '83 %' in German and French."""
    from babel.numbers import format_percent as babel_percent

    return babel_percent(fraction, locale=_locale())


def format_date(day: date | datetime, form: str = "medium") -> str:
    """A calendar day: 'Mar 4, 2026', '4 мар. 2026 г.', '04.03.2026' (form: short, medium, long)."""
    from babel.dates import format_date as babel_date

    return babel_date(day, format=form, locale=_locale())


def format_datetime(moment: datetime, form: str = "short") -> str:
    """A day and time of day in the language's own order."""
    from babel.dates import format_datetime as babel_datetime

    return babel_datetime(moment, format=form, locale=_locale())


def format_moment(moment: datetime, weekday: bool = True, year: bool = True) -> str:
    """A day and its time of day on the 24-hour clock, in the language's order and words:
    'Mon, Mar 2, 2026, 09:05', 'пн, 2 мар. 2026 г., 09:05', 'Mo., 2. März 2026, 09:05'."""
    from babel.dates import format_skeleton, get_datetime_format

    skeleton = ("E" if weekday else "") + ("yMMMd" if year else "MMMd")
    day = format_skeleton(skeleton, moment, locale=_locale())
    time_of_day = format_skeleton("Hm", moment, locale=_locale())
    return get_datetime_format("medium", locale=_locale()).replace("{1}", day).replace("{0}", time_of_day)


def format_day_month(day: date | datetime) -> str:
    """A day of this year, short: 'Mar 2', '2 мар.', '2. März'."""
    from babel.dates import format_skeleton

    return format_skeleton("MMMd", day, locale=_locale())


def format_duration(seconds: float, granularity: str = "second") -> str:
    """A length of time in words: '12 minutes', '12 минут', '12 Minuten'."""
    from babel.dates import format_timedelta

    return format_timedelta(seconds, granularity=granularity, threshold=1.0, locale=_locale())


# argparse's own words (usage:, options:, error:), which it looks up through gettext's
# module-level `_` when help or an error is written. Marked here so the catalogs carry them;
# `translate_argparse` points argparse at this module's gettext, so the command line speaks
# the patient's language around our own help texts too. The words of Python 3.10 to 3.13.
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("subcommands"),
    N_("show this help message and exit"), N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("expected one argument"),
    N_("expected at most one argument"), N_("expected at least one argument"),
    N_("not allowed with argument %s"), N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("can't open '%(filename)s': %(error)s"), N_(" (default: %(default)s)"),
)


def translate_argparse() -> None:
    """argparse's usage:, options:, error: and its error sentences in the language in force."""
    import argparse

    # argparse calls its module-level `_`/`ngettext` at the moment it writes, so pointing them
    # here follows every later `set_language` too.
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
