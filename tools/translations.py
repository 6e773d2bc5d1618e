"""The message catalogs: extract the English text from the code, update every language's
catalog, compile them, and check that every catalog is complete.

    python tools/translations.py extract    # gmi_trainer/locale/messages.pot from the code
    python tools/translations.py update     # merge the template into each LANG/.../messages.po
    python tools/translations.py compile    # messages.po -> messages.mo (committed)
    python tools/translations.py check      # exit 1 when a catalog misses a message, has a
                                            # fuzzy entry, or its placeholders differ
    python tools/translations.py all        # extract, update, compile, check

Babel does the work (its `pybabel` commands with the settings in pyproject.toml's
[tool.babel]); this script only runs them in order for every shipped language, so nobody has
to remember the paths. The .mo files are committed so that a fresh clone runs with no build
step; tests/test_translations.py fails when one is older than its .po."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from babel.messages.frontend import CommandLineInterface  # noqa: E402

from gmi_trainer.i18n import LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE  # noqa: E402
from gmi_trainer.i18n.catalogs import catalog_problems  # noqa: E402

TEMPLATE = LOCALE_DIR / "messages.pot"
TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


def _babel(*args: str) -> None:
    os.chdir(ROOT)  # relative paths: the template does not name this machine's folders
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    _babel("extract", "-F", "pyproject.toml", "--no-wrap", "--no-location", "--sort-output",
           "--project", "gmi-trainer", "--msgid-bugs-address", "",
           "--add-comments", "Translators:", "-o", str(TEMPLATE), "gmi_trainer", "exercises")


def update() -> None:
    for code in TRANSLATED:
        po = LOCALE_DIR / code / "LC_MESSAGES" / "messages.po"
        if po.exists():
            _babel("update", "--no-wrap", "--no-fuzzy-matching", "--ignore-obsolete",
                   "-i", str(TEMPLATE), "-d", str(LOCALE_DIR), "-l", code)
        else:
            _babel("init", "--no-wrap", "-i", str(TEMPLATE), "-d", str(LOCALE_DIR), "-l", code)


def compile_catalogs() -> None:
    for code in TRANSLATED:
        _babel("compile", "--statistics", "-d", str(LOCALE_DIR),
               "-l", code)


def check() -> int:
    problems = catalog_problems(LOCALE_DIR, TRANSLATED)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {len(TRANSLATED)} catalogs")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    steps = {"extract": extract, "update": update, "compile": compile_catalogs}
    if len(argv) != 1 or argv[0] not in (*steps, "check", "all"):
        print(__doc__)
        return 2
    if argv[0] == "check":
        return check()
    for name in (steps if argv[0] == "all" else [argv[0]]):
        steps[name]()
    return check() if argv[0] == "all" else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
