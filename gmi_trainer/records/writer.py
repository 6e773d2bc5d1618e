"""Writing one session's records as it happens.

Layout: <data_dir>/<patient>/<session_id>/ with manifest.json, trials.jsonl, events.jsonl.
Each trial row and event is fsynced before the call returns, so a crash loses at most the
trial in progress. The session folder appears in one rename, with its manifest already in
it, so a reader never meets a half-made session.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from gmi_trainer import __version__
from gmi_trainer.core.context import RecordingFailed
from gmi_trainer.core.rows import TrialRow
from gmi_trainer.records import format as fmt
from gmi_trainer.records.lock import SessionLock
from gmi_trainer.storage.files import (
    FILE_MODE,
    AppendLog,
    fsync_dir,
    make_private_dir,
    write_json_atomic,
)


class RecordsError(Exception):
    """Records cannot be written; the message says where and what to do."""


def check_writable(folder: Path) -> None:
    """Fail early, before a session starts, when records could not be saved. Creates
    nothing: the nearest existing folder must be a folder this user may write in."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    problem = ""
    if not existing.is_dir():
        problem = f"{existing} is not a folder"
    elif not os.access(existing, os.W_OK | os.X_OK):
        problem = "permission denied"
    if problem:
        raise RecordsError(
            f"Cannot save records in {folder}: {problem}. Choose a folder you can write to "
            "with --data-dir or the GMI_TRAINER_DATA environment variable."
        )
    free = shutil.disk_usage(existing).free
    if free < SPACE_NEEDED_MB * 2**20:
        raise RecordsError(
            f"Cannot save records in {folder}: the disk is full ({free // 1024} KB free). "
            f"Free at least {SPACE_NEEDED_MB} MB on that disk, then start again."
        )


# What a session needs on disk, with room to spare: a 20-minute session writes about 50 KB.
SPACE_NEEDED_MB = 1


def recording_failed_message(error: OSError, folder: Path) -> str:
    """What the patient is told when a write fails: what happened, that what was finished
    is safe, and what to do."""
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        what = "The disk is full"
        todo = (f"Free at least {SPACE_NEEDED_MB} MB on that disk (delete or move files you "
                "do not need), then start a new session.")
    elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        what = "The records folder can no longer be written to"
        todo = ("Check that the disk is connected and writable, or choose another folder "
                "with --data-dir, then start a new session.")
    else:
        what = f"The records could not be written ({error.strerror or error})"
        todo = "Check the disk, then start a new session."
    return (f"{what}, so this session stops here. Everything you finished before this is "
            f"saved in {folder}. {todo}")


def new_session_id(started_at: datetime) -> str:
    return started_at.strftime("%Y%m%d-%H%M%S") + "-" + secrets.token_hex(2)


class SessionRecorder:
    """The records of one session. Times passed in are seconds since the session started."""

    def __init__(self, folder: Path, manifest: dict[str, Any], durable: bool = True) -> None:
        self.folder = folder
        self.manifest = manifest
        # durable=False skips the fsync after each row: only for generated data (the
        # progress benchmark), where a power cut does not matter; same files, same format.
        self._lock = SessionLock(folder)
        self._trials = AppendLog(folder / fmt.TRIALS_FILE, durable)
        self._events = AppendLog(folder / fmt.EVENTS_FILE, durable)

    @classmethod
    def create(cls, patient_dir: Path, *, started_at: datetime, patient: str,
               plan: dict[str, Any], seed: int, clock: str, autopilot: str | None,
               profile: dict[str, Any], screen: dict[str, Any],
               durable: bool = True, stage: str | None = None,
               extra: dict[str, Any] | None = None) -> "SessionRecorder":
        """`extra`: further manifest fields decided at the start (the stage's source, the
        planned length and the minimum that counts, whether an autopilot run counts)."""
        make_private_dir(patient_dir)
        session_id = new_session_id(started_at)
        manifest: dict[str, Any] = {
            "format": fmt.FORMAT_NAME,
            "format_version": fmt.FORMAT_VERSION,
            "program_version": __version__,
            "session_id": session_id,
            "patient": patient,
            "status": fmt.STATUS_IN_PROGRESS,
            "started_at": started_at.isoformat(timespec="seconds"),
            "ended_at": None,
            "active_s": None,
            "autopilot": autopilot,
            "clock": clock,
            "seed": seed,
            "screen": screen,
            "camera": None,
            "profile": profile,
            "plan": plan,
            "stage": stage,
            **(extra or {}),
            "summary": {},
        }
        staging = patient_dir / f".{session_id}.tmp"
        try:
            make_private_dir(staging)
            write_json_atomic(staging / fmt.MANIFEST_FILE, manifest)
            for name in (fmt.TRIALS_FILE, fmt.EVENTS_FILE):
                fd = os.open(staging / name, os.O_WRONLY | os.O_CREAT, FILE_MODE)
                os.fsync(fd)
                os.close(fd)
            folder = patient_dir / session_id
            os.replace(staging, folder)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)  # no half-made session is left behind
            raise
        fsync_dir(patient_dir)
        return cls(folder, manifest, durable)

    def event(self, kind: str, t_s: float, **fields: Any) -> None:
        with self._failure():
            self._events.append({"t_s": round(t_s, 4), "event": kind, **fields})

    def trial(self, row: TrialRow) -> None:
        with self._failure():
            self._trials.append(row.as_record())

    def update(self, **fields: Any) -> None:
        """Rewrite manifest fields (camera details, summary so far) atomically."""
        self.manifest.update(fields)
        with self._failure():
            write_json_atomic(self.folder / fmt.MANIFEST_FILE, self.manifest)

    @contextlib.contextmanager
    def _failure(self) -> Iterator[None]:
        """A write that fails becomes RecordingFailed, with what to do about it."""
        try:
            yield
        except OSError as error:
            raise RecordingFailed(recording_failed_message(error, self.folder)) from None

    def finish(self, status: str, ended_at: datetime, active_s: float,
               summary: dict[str, Any]) -> None:
        self.update(status=status, ended_at=ended_at.isoformat(timespec="seconds"),
                    active_s=round(active_s, 3), summary=summary)

    def close(self) -> None:
        self._trials.close()
        self._events.close()
        self._lock.release()

