"""Checks of the message catalogs, shared by tools/translations.py and the tests: a catalog
is complete when it translates every message of the template, has no fuzzy entry, keeps every
placeholder of the English, gives each plural message all of its language's forms, and its
compiled .mo says what its .po says."""

from __future__ import annotations

import gettext
import re
import string
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

PERCENT_PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


def placeholders(text: str) -> Counter[str]:
    """'{n} of {total:g}' -> {'{n}': 1, '{total:g}': 1}; '%(name)s' counts too."""
    found: Counter[str] = Counter()
    try:
        for _literal, field, spec, conversion in string.Formatter().parse(text):
            if field is not None:
                found["{" + field + ("!" + conversion if conversion else "")
                      + (":" + spec if spec else "") + "}"] += 1
    except ValueError:
        found["<unbalanced braces>"] += 1
    for match in PERCENT_PLACEHOLDER.finditer(text):
        found[match.group(0)] += 1
    return found


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale)


def catalog_problems(locale_dir: Path, codes: list[str]) -> list[str]:
    """Every problem in the catalogs of `codes`, one line each ([] when all are complete)."""
    template = read_catalog(locale_dir / "messages.pot")
    wanted = [m for m in template if m.id]
    problems: list[str] = []
    for code in codes:
        po_path = locale_dir / code / "LC_MESSAGES" / "messages.po"
        mo_path = po_path.with_suffix(".mo")
        if not po_path.exists():
            problems.append(f"{code}: no catalog at {po_path}")
            continue
        catalog = read_catalog(po_path, code)
        forms = catalog.num_plurals
        for message in wanted:
            translated = catalog.get(message.id, message.context)
            name = message.id[0] if isinstance(message.id, tuple) else message.id
            if translated is None:
                problems.append(f"{code}: missing: {name!r}")
                continue
            if translated.fuzzy:
                problems.append(f"{code}: fuzzy: {name!r}")
            strings = translated.string if isinstance(translated.string, tuple) else (translated.string,)
            if not all(strings):
                problems.append(f"{code}: not translated: {name!r}")
                continue
            if isinstance(message.id, tuple):
                if len(strings) != forms:
                    problems.append(f"{code}: {len(strings)} plural forms, the language has "
                                    f"{forms}: {name!r}")
                english = placeholders(message.id[1])
            else:
                english = placeholders(message.id)
            for text in strings:
                if placeholders(text) != english:
                    problems.append(f"{code}: placeholders {sorted(placeholders(text))} differ "
                                    f"from the English {sorted(english)}: {name!r}")
        problems += _mo_problems(code, catalog, mo_path)
    return problems


def _mo_problems(code: str, catalog: Catalog, mo_path: Path) -> list[str]:
    """The compiled catalog must give every translation of the .po (compile after editing)."""
    if not mo_path.exists():
        return [f"{code}: no compiled catalog {mo_path.name}: run tools/translations.py compile"]
    with mo_path.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    stale = 0
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            got = tuple(compiled.ngettext(message.id[0], message.id[1], n) for n in (1, 2, 5))
            want = tuple(_form(catalog, message.string, n) for n in (1, 2, 5))
        elif message.context:
            got, want = compiled.pgettext(message.context, message.id), message.string
        else:
            got, want = compiled.gettext(message.id), message.string
        stale += got != want
    return [f"{code}: {stale} message(s) in {mo_path.name} differ from the .po: run "
            "tools/translations.py compile"] if stale else []


def _form(catalog: Catalog, forms: tuple[str, ...], n: int) -> str:
    return forms[gettext.c2py(catalog.plural_expr)(n)]
