"""Reading JSON that may come from anywhere (another machine, an editor, a damaged disk)
without letting it exhaust memory or the stack."""

from __future__ import annotations

import json
from typing import Any

# Records nest four or five levels deep; JSON nested thousands of levels deep would
# overflow Python's stack in the readers that walk it.
MAX_DEPTH = 32


class Unreadable(ValueError):
    """The text is not a record this program can take in; the message says why."""


def parse_json(text: str, what: str) -> Any:
    """JSON with its nesting limited, NaN and Infinity refused (JSON has no such numbers;
    Python's parser accepts them, and a NaN accuracy would break every chart)."""
    def no_constant(name: str) -> Any:
        raise Unreadable(f"{what} holds {name}, which is not a number JSON allows")

    try:
        value = json.loads(text, parse_constant=no_constant)
    except RecursionError:
        raise Unreadable(f"{what} is nested too deeply") from None
    except json.JSONDecodeError as error:
        raise Unreadable(f"{what} is not valid JSON ({error.msg}, line {error.lineno})") from None
    if depth(value) > MAX_DEPTH:
        raise Unreadable(f"{what} is nested more than {MAX_DEPTH} levels deep")
    return value


def depth(value: Any) -> int:
    """How deeply lists and objects nest (a plain value is 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            return level
        stack.extend((child, level + 1) for child in children)
    return deepest
