"""Reading records back. A damaged file is skipped with a warning naming it; everything
else is still shown, and nothing on disk is changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from gmi_trainer.i18n import _, ngettext
from gmi_trainer.records import format as fmt
from gmi_trainer.records.clean import (
    MAX_LINE_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_ROWS_BYTES,
    clean_figures,
    clean_manifest,
    set_aside_warning,
)
from gmi_trainer.storage.safe_json import Unreadable, parse_json


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
        """When the session began, always with a time zone (the reader has checked it)."""
        return _aware(datetime.fromisoformat(self.manifest["started_at"]))

    @property
    def autopilot(self) -> str | None:
        return self.manifest.get("autopilot")

    def pain(self, moment: str) -> int | None:
        """Pain 0-10 rated `moment` ("before"/"after"), from the summary or, for a session
        that was cut off, from the event log."""
        summary = self.manifest.get("summary") or {}
        if summary.get(f"pain_{moment}") is not None:
            return _pain(summary[f"pain_{moment}"])
        for event in reversed(self.events):
            if event.get("event") == "pain" and event.get("moment") == moment:
                return _pain(event.get("value"))
        return None


def _pain(value: Any) -> int | None:
    """A rating 0-10, or None for anything else a damaged record may hold."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10:
        return value
    return None


def _aware(moment: datetime) -> datetime:
    """Records carry their time zone; one that lost it is taken as this computer's local
    time, so that sessions from both still sort and count by day together."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def read_session(folder: Path, rows: bool = True) -> SessionRecord:
    """One session. With `rows=False` only the manifest is read (and, for a session cut off
    before its end, its trial rows and event log, which hold what it saved): enough for
    progress, which draws on the manifest's summary, and much faster for months of sessions."""
    manifest_path = folder / fmt.MANIFEST_FILE
    manifest = _read_manifest(manifest_path)
    warnings: list[str] = []
    set_aside: list[str] = []
    manifest = clean_manifest(manifest, set_aside)
    if set_aside:
        warnings.append(set_aside_warning(manifest_path, set_aside))
    if datetime.fromisoformat(manifest["started_at"]).tzinfo is None:
        warnings.append(_("{path}: the start time has no time zone; taken as local time").format(
            path=manifest_path))
    finished = manifest.get("status") in (fmt.STATUS_COMPLETE, fmt.STATUS_ENDED_EARLY)
    # A cut-off session has no summary: its rows are what it saved, so they are read anyway
    # (such sessions are few).
    if rows or not finished:
        trials = _read_rows(folder / fmt.TRIALS_FILE, warnings, finished)
        events = _read_rows(folder / fmt.EVENTS_FILE, warnings, finished)
    else:
        trials, events = [], []
    return SessionRecord(folder, manifest, trials, events, warnings)


def _read_manifest(manifest_path: Path) -> dict[str, Any]:
    try:
        with open(manifest_path, "rb") as handle:
            data = handle.read(MAX_MANIFEST_BYTES + 1)
    except FileNotFoundError:
        raise CorruptRecord(_("{path} is missing").format(path=manifest_path)) from None
    except OSError as error:
        raise CorruptRecord(_("{path} cannot be read ({why})").format(
            path=manifest_path, why=error.strerror or error)) from None
    if len(data) > MAX_MANIFEST_BYTES:
        raise CorruptRecord(_("{path} is larger than {size} MB, "
                            "far more than a session manifest holds").format(
            path=manifest_path, size=MAX_MANIFEST_BYTES // 2**20))
    try:
        manifest = parse_json(data.decode("utf-8"), str(manifest_path))
    except UnicodeDecodeError:
        raise CorruptRecord(_("{path} cannot be read (not UTF-8 text)").format(path=manifest_path)) from None
    except Unreadable as error:
        raise CorruptRecord(str(error)) from None
    if not isinstance(manifest, dict) or manifest.get("format") != fmt.FORMAT_NAME:
        raise CorruptRecord(_("{path} is not a gmi-trainer session manifest").format(path=manifest_path))
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version > fmt.FORMAT_VERSION:
        raise CorruptRecord(_("{path} has record format {version}, newer than this "
                            "program reads ({readable}); update gmi-trainer").format(
            path=manifest_path, version=repr(version), readable=fmt.FORMAT_VERSION))
    if not isinstance(manifest.get("started_at"), str):
        raise CorruptRecord(_("{path} has no start time").format(path=manifest_path))
    try:
        datetime.fromisoformat(manifest["started_at"])
    except ValueError:
        raise CorruptRecord(_("{path} has a start time that is not a date").format(path=manifest_path)) from None
    return manifest


def _read_rows(path: Path, warnings: list[str], finished: bool) -> list[dict[str, Any]]:
    """The rows of a JSON Lines file. A torn last line of a session that was cut off is the
    row being written when it stopped, and is dropped quietly; any other damaged row, and
    every damaged row of a finished session, is reported."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_ROWS_BYTES + 1)
    except FileNotFoundError:
        return []
    except OSError as error:
        warnings.append(_("{path}: cannot be read ({why}); its rows are not shown").format(
            path=path, why=error.strerror))
        return []
    if len(data) > MAX_ROWS_BYTES:
        warnings.append(_("{path}: larger than {size} MB; only the rows "
                        "before that point are shown").format(path=path, size=MAX_ROWS_BYTES // 2**20))
        data = data[:data.rfind(b"\n", 0, MAX_ROWS_BYTES) + 1]
    text = data.decode("utf-8", errors="replace")
    rows: list[dict[str, Any]] = []
    damaged: list[int] = []
    set_aside: list[str] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            if len(line) > MAX_LINE_BYTES:
                raise Unreadable("line too long")
            row = parse_json(line, f"{path}:{number}")
            if not isinstance(row, dict):
                raise Unreadable("not an object")
        except Unreadable:
            if finished or number != len(lines):
                damaged.append(number)
            continue
        rows.append(clean_figures(row, f"line {number}: ", set_aside))
    if damaged:
        if len(damaged) == 1:
            warnings.append(_("{path}:{line}: damaged row skipped").format(path=path, line=damaged[0]))
        else:
            shown = ", ".join(map(str, damaged[:5])) + (" ..." if len(damaged) > 5 else "")
            warnings.append(ngettext("{path}:{line}: {count} damaged row skipped (lines {shown})",
                                     "{path}:{line}: {count} damaged rows skipped (lines {shown})",
                                     len(damaged)).format(path=path, line=damaged[0],
                                                          count=len(damaged), shown=shown))
    if set_aside:
        warnings.append(set_aside_warning(path, set_aside))
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
        # The own pictures sit beside the sessions with a manifest of their own.
        if not child.is_dir() or child.name.startswith(".") or child.name == fmt.OWN_PICTURES_DIR:
            continue
        try:
            record = read_session(child, rows)
        except CorruptRecord as error:
            warnings.append(_("Skipped a damaged session: {error}").format(error=error))
            continue
        except PermissionError as error:
            warnings.append(_("Skipped {folder}: no permission to read it ({why})").format(
                folder=child, why=error.strerror))
            continue
        except OSError as error:
            warnings.append(_("Skipped {folder}: it cannot be read ({why})").format(
                folder=child, why=error.strerror or error))
            continue
        owner = record.manifest.get("patient")
        if owner is not None and owner != patient:
            warnings.append(_("Skipped {folder}: its manifest says it belongs to patient "
                            "'{owner}', not '{patient}'").format(folder=child, owner=owner, patient=patient))
            continue
        warnings.extend(record.warnings)
        sessions.append(record)
    sessions.sort(key=lambda record: record.started_at)
    return sessions, warnings
