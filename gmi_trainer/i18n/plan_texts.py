"""Babel's extraction of the texts of the shipped plans (exercises/*.toml), so that their
titles, prompts and advice are translated in the catalogs like the program's own messages.

A plan a therapist writes carries its translations itself (`title.ru = "..."`, see the README);
the shipped plans need none in their files. Used by `pybabel extract` through pyproject.toml's
[tool.babel] mapping; no other code imports it."""

from __future__ import annotations

import sys
from typing import Any, BinaryIO, Iterator

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# The plan keys whose values a patient reads (the rest are numbers and names).
TEXT_KEYS = ("title", "description", "prompt", "advice", "contact")


def plan_messages(document: Any) -> Iterator[str]:
    """Every text of a parsed plan, in document order; of a translated text, its main one."""
    if isinstance(document, dict):
        for key, value in document.items():
            if key in TEXT_KEYS and isinstance(value, str):
                yield value
            elif key in TEXT_KEYS and isinstance(value, dict) and isinstance(value.get("en"), str):
                yield value["en"]
            else:
                yield from plan_messages(value)
    elif isinstance(document, list):
        for item in document:
            yield from plan_messages(item)


def extract(fileobj: BinaryIO, keywords: Any, comment_tags: Any,
            options: Any) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's extractor interface: (line, function, message, comments) for each text."""
    for text in plan_messages(tomllib.loads(fileobj.read().decode("utf-8"))):
        yield 0, "", text, []
