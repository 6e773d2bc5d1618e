"""Commands from the therapist's panel (a second program, `gmi-trainer supervise`) reach a
supervised session through a file in the session's own folder: control.jsonl, one JSON
command per line. Only three commands exist; anything else in the file is ignored.

The file is read as data from another program: only a regular file is opened (a FIFO or a
device in its place would block the patient's session, whose pause must always work), at
most READ_LIMIT bytes per look, and a line still being written is waited for, not dropped."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any, Callable

from gmi_trainer.clock import Clock
from gmi_trainer.core import inputs as act
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.views import Screen

CONTROL_FILE = "control.jsonl"
READ_LIMIT = 64 * 1024
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
        data = _read_regular(folder / CONTROL_FILE, self.offset)
        complete = data[: data.rfind(b"\n") + 1]  # a line still being written waits
        if not complete and len(data) >= READ_LIMIT:
            complete = data  # one line longer than any command: skip it
        self.offset += len(complete)
        inputs = []
        for line in complete.splitlines():
            command = _command(line)
            if command is None:
                continue
            action = COMMANDS[command["command"]]
            text = command.get("text", "")
            value = str(text)[:500] if action == act.THERAPIST_NOTE else None
            inputs.append(Input(action, self.clock.now(), value, "therapist"))
        return inputs


def _read_regular(path: Path, offset: int) -> bytes:
    """Up to READ_LIMIT bytes from `offset`, or nothing when `path` is not a regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        os.lseek(fd, offset, os.SEEK_SET)
        return os.read(fd, READ_LIMIT)
    except OSError:
        return b""
    finally:
        os.close(fd)


def _command(line: bytes) -> dict | None:
    """The command on a line. A line that a crashed writer left torn, with the next command
    appended to it, still yields that command."""
    for start in (0, line.rfind(b'{"command"')):
        if start < 0:
            continue
        try:
            command = json.loads(line[start:])
        except (ValueError, RecursionError):
            continue
        if isinstance(command, dict) and command.get("command") in COMMANDS:
            return command
    return None


def send(folder: Path, command: str, text: str = "") -> None:
    """Append one command for the session in `folder` (used by the therapist's panel)."""
    from gmi_trainer.storage.files import FILE_MODE

    if command not in COMMANDS:
        raise ValueError(f"unknown command {command!r}")
    row = {"command": command, **({"text": text} if text else {})}
    line = json.dumps(row) + "\n"
    path = folder / CONTROL_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_NONBLOCK", 0),
                 FILE_MODE)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = "\n" + line  # end a line torn by a crash so this command stands alone
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)
