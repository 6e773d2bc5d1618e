"""Keys to meanings, decided once, here. A profile can change which keys mean what; a foot
pedal works because it sends ordinary key presses."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from gmi_trainer.core import inputs as act


class KeyMap:
    def __init__(self, keys: Mapping[str, Sequence[str]]) -> None:
        self.by_name: dict[str, str] = {}
        self.first_key: dict[str, str] = {}
        self.names: dict[str, tuple[str, ...]] = {a: tuple(n.lower() for n in ns) for a, ns in keys.items()}
        for action, names in keys.items():
            for name in names:
                self.by_name.setdefault(name.lower(), action)
            if names:
                self.first_key[action] = names[0].lower()

    def translate(self, name: str, unicode: str, text_mode: bool,
                  capture: bool = False) -> tuple[str, Any] | None:
        """The input a key press means. In text mode printable keys type, so only keys that
        cannot type (Esc, Enter, Backspace, arrows) keep their meanings. While a screen is
        learning a key (capture), every key but Esc is reported by name."""
        name = name.lower()
        action = self.by_name.get(name)
        if capture and name != "escape":
            return act.KEY, name
        printable = len(unicode) == 1 and unicode.isprintable()
        if text_mode:
            if printable:
                return act.TEXT, unicode
            return (action, None) if action else None
        if action:
            return action, None
        if printable and unicode.isdigit():
            return act.SELECT, int(unicode)
        if printable:
            return act.TEXT, unicode.lower()
        return None
