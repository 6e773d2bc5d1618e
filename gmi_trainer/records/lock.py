"""Telling whether a session is being recorded right now, so that nothing else (an archive
import) replaces its folder under the open files.

The recorder holds an exclusive advisory lock on the session folder while it writes; a
lock dies with its process, so a crashed or killed session is not mistaken for an open
one. Where the platform has no `fcntl` (Windows), a session that says `in_progress` and
whose event log changed in the last few minutes is taken as open: a living session writes
an event at least at every block and pause, and a wrong guess only defers an import."""

from __future__ import annotations

import os
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from gmi_trainer.records import format as fmt

RECENT_S = 15 * 60


class SessionLock:
    """Held by the recorder from the moment the session folder exists until it closes."""

    def __init__(self, folder: Path) -> None:
        self._fd: int | None = None
        if fcntl is None:
            return
        try:
            self._fd = os.open(folder, os.O_RDONLY)
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.release()

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None


def session_is_open(folder: Path) -> bool:
    if fcntl is None:
        return _looks_open(folder)
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return _looks_open(folder)
    finally:
        os.close(fd)
    return False


def _looks_open(folder: Path) -> bool:
    try:
        manifest = (folder / fmt.MANIFEST_FILE).read_text(encoding="utf-8")
        changed_s = (folder / fmt.EVENTS_FILE).stat().st_mtime
    except OSError:
        return False
    return f'"{fmt.STATUS_IN_PROGRESS}"' in manifest and time.time() - changed_s < RECENT_S
