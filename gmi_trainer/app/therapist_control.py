"""Commands from the therapist's panel (a second program, `gmi-trainer supervise`) reach a
supervised session through a file in the session's own folder: control.jsonl, one JSON
command per line. Only three commands exist; anything else in the file is ignored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from gmi_trainer.clock import Clock
from gmi_trainer.core import inputs as act
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.views import Screen

CONTROL_FILE = "control.jsonl"
COMMANDS = {"pause": act.PAUSE, "skip_block": act.SKIP_BLOCK, "note": act.THERAPIST_NOTE}


class TherapistControl:
    def __init__(self, inner: Any, clock: Clock, session_folder: Callable[[], Path | None]) -> None:
        self.inner = inner
        self.clock = clock
        self.session_folder = session_folder
        self.folder: Path | None = None
        self.offset = 0

    def observe(self, screen: Screen, flip_s: float) -> None:
        self.inner.observe(screen, flip_s)

    def wait(self, until_s: float) -> list[Input]:
        commands = self._read()
        return commands if commands else self.inner.wait(until_s)

    def _read(self) -> list[Input]:
        folder = self.session_folder()
        if folder != self.folder:
            self.folder, self.offset = folder, 0
        if folder is None:
            return []
        path = folder / CONTROL_FILE
        try:
            with open(path, "rb") as handle:
                handle.seek(self.offset)
                data = handle.read()
        except OSError:
            return []
        complete = data[: data.rfind(b"\n") + 1]  # a line still being written waits
        self.offset += len(complete)
        inputs = []
        for line in complete.splitlines():
            try:
                command = json.loads(line)
                action = COMMANDS[command["command"]]
            except (ValueError, KeyError, TypeError):
                continue
            value = str(command.get("text", ""))[:500] if action == act.THERAPIST_NOTE else None
            inputs.append(Input(action, self.clock.now(), value, "therapist"))
        return inputs


def send(folder: Path, command: str, text: str = "") -> None:
    """Append one command for the session in `folder` (used by the therapist's panel)."""
    import os

    from gmi_trainer.records.files import FILE_MODE

    if command not in COMMANDS:
        raise ValueError(f"unknown command {command!r}")
    row = {"command": command, **({"text": text} if text else {})}
    fd = os.open(folder / CONTROL_FILE, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(row) + "\n")
