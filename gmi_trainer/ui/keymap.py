"""Keys to meanings, decided once, here. A profile can change which keys mean what; a foot
pedal works because it sends ordinary key presses. The core only ever sees the meanings."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from gmi_trainer.core import inputs as act
from gmi_trainer.profiles.model import listens


class KeyMap:
    def __init__(self, keys: Mapping[str, Sequence[str]]) -> None:
        # Each key's actions in the map's order: a key may serve several shortcuts as long as
        # no screen listens for two of them (the profile refuses that), e.g. S for start and skip.
        self.by_name: dict[str, tuple[str, ...]] = {}
        self.first_key: dict[str, str] = {}
        self.names: dict[str, tuple[str, ...]] = {a: tuple(n.lower() for n in ns) for a, ns in keys.items()}
        for action, names in self.names.items():
            for name in names:
                self.by_name[name] = (*self.by_name.get(name, ()), action)
            if names:
                self.first_key[action] = names[0]

    def action_for(self, name: str, screen: str = "") -> str | None:
        """What the key `name` means on a screen whose view says `key_screen = screen`."""
        return next((a for a in self.by_name.get(name.lower(), ()) if listens(a, screen)), None)

    def translate(self, name: str, unicode: str, text_mode: bool,
                  capture: bool = False, screen: str = "") -> tuple[str, Any] | None:
        """The input a key press means. In text mode printable keys type, so only keys that
        cannot type (Esc, Enter, Backspace, arrows) keep their meanings. While a screen is
        learning a key (capture), every key but Esc is reported by name. A letter with no
        meaning on this screen is passed on as TEXT, which only typing screens read."""
        name = name.lower()
        action = self.action_for(name, screen)
        if capture and name != "escape":
            return act.KEY, name
        printable = len(unicode) == 1 and unicode.isprintable()
        if text_mode:
            if printable:
                # The characters arrive as a text-input event (`text`), which also carries
                # what a key press cannot: accents typed with dead keys, an input method's
                # words, a pasted letter. Taking them from both would type them twice.
                return None
            return (action, None) if action else None
        if action:
            return action, None
        if printable and unicode.isdigit():
            return act.SELECT, int(unicode)
        if printable:
            return act.TEXT, unicode.lower()
        return None

    @staticmethod
    def text(text: str, text_mode: bool) -> tuple[str, Any] | None:
        """Typed text (a pygame TEXTINPUT event): any Unicode, on a screen that takes typing."""
        printable = "".join(ch for ch in text if ch.isprintable())
        return (act.TEXT, printable) if text_mode and printable else None
