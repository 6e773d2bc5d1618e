"""Reading records back. A damaged file is skipped with a warning naming it; everything
else is still shown, and nothing on disk is changed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from gmi_trainer.records import format as fmt


class CorruptRecord(Exception):
    """A session folder that cannot be read; the message names the file."""


@dataclass
class SessionRecord:
    folder: Path
    manifest: dict[str, Any]
    trials: list[dict[str, Any]]
    events: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)

    @property
    def session_id(self) -> str:
        return str(self.manifest.get("session_id", self.folder.name))

    @property
    def status(self) -> str:
        status = self.manifest.get("status")
        if status in (fmt.STATUS_COMPLETE, fmt.STATUS_ENDED_EARLY):
            return str(status)
        return fmt.STATUS_INCOMPLETE

    @property
    def started_at(self) -> datetime:
        return datetime.fromisoformat(self.manifest["started_at"])

    @property
    def autopilot(self) -> str | None:
        return self.manifest.get("autopilot")

    def pain(self, moment: str) -> int | None:
        """Pain 0-10 rated `moment` ("before"/"after"), from the summary or, for a session
        that was cut off, from the event log."""
        summary = self.manifest.get("summary") or {}
        if f"pain_{moment}" in summary:
            return summary[f"pain_{moment}"]
        for event in reversed(self.events):
            if event.get("event") == "pain" and event.get("moment") == moment:
                return event.get("value")
        return None


def read_session(folder: Path, rows: bool = True) -> SessionRecord:
    """One session. With `rows=False` only the manifest is read (and, for a session cut off
    before its end, its trial rows and event log, which hold what it saved): enough for
    progress, which draws on the manifest's summary, and much faster for months of sessions."""
    manifest_path = folder / fmt.MANIFEST_FILE
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorruptRecord(f"{manifest_path} is missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorruptRecord(f"{manifest_path} cannot be read ({error})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != fmt.FORMAT_NAME:
        raise CorruptRecord(f"{manifest_path} is not a gmi-trainer session manifest")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > fmt.FORMAT_VERSION:
        raise CorruptRecord(f"{manifest_path} has record format {version!r}, newer than this "
                            f"program reads ({fmt.FORMAT_VERSION}); update gmi-trainer")
    if not isinstance(manifest.get("started_at"), str):
        raise CorruptRecord(f"{manifest_path} has no start time")
    try:
        datetime.fromisoformat(manifest["started_at"])
    except ValueError:
        raise CorruptRecord(f"{manifest_path} has a start time that is not a date") from None
    warnings: list[str] = []
    finished = manifest.get("status") in (fmt.STATUS_COMPLETE, fmt.STATUS_ENDED_EARLY)
    # A cut-off session has no summary: its rows are what it saved, so they are read anyway
    # (such sessions are few).
    trials = _read_rows(folder / fmt.TRIALS_FILE, warnings) if rows or not finished else []
    events = _read_rows(folder / fmt.EVENTS_FILE, warnings) if rows or not finished else []
    return SessionRecord(folder, manifest, trials, events, warnings)


def _read_rows(path: Path, warnings: list[str]) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    except OSError as error:
        warnings.append(f"{path}: cannot be read ({error.strerror}); its rows are not shown")
        return []
    rows: list[dict[str, Any]] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError("not an object")
        except ValueError:
            last = number == len(lines)
            if not last:  # a torn last line is the row that was being written at a crash
                warnings.append(f"{path}:{number}: damaged row skipped")
            continue
        rows.append(row)
    return rows


def patient_dirs(data_dir: Path) -> list[Path]:
    if not data_dir.is_dir():
        return []
    return sorted(p for p in data_dir.iterdir() if p.is_dir() and not p.name.startswith("."))


def read_patient(data_dir: Path, patient: str,
                 rows: bool = True) -> tuple[list[SessionRecord], list[str]]:
    """Every readable session of `patient`, oldest first, and warnings for the rest.
    `rows=False`: manifests only (see `read_session`)."""
    folder = data_dir / patient
    sessions: list[SessionRecord] = []
    warnings: list[str] = []
    if not folder.is_dir():
        return sessions, warnings
    for child in sorted(folder.iterdir()):
        if not child.is_dir() or child.name.startswith("."):
            continue
        try:
            record = read_session(child, rows)
        except CorruptRecord as error:
            warnings.append(f"Skipped a damaged session: {error}")
            continue
        except PermissionError as error:
            warnings.append(f"Skipped {child}: no permission to read it ({error.strerror})")
            continue
        warnings.extend(record.warnings)
        sessions.append(record)
    sessions.sort(key=lambda record: record.started_at)
    return sessions, warnings
