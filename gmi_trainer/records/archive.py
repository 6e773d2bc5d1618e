"""One file with all of a patient's records, to carry between home and clinic.

The archive is a zip: `archive.json` (what it holds), then `<patient>/profile.json` and every
session folder as it is on disk. Importing never loses or duplicates a session: a session
already present with the same content is skipped; one that is present but only partly
written (cut off) is completed from the archive; any other difference is kept beside it
under a new name and reported."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from gmi_trainer import __version__
from gmi_trainer.records import format as fmt
from gmi_trainer.records.files import FILE_MODE, fsync_dir, make_private_dir, write_json_atomic
from gmi_trainer.records.reader import read_session

ARCHIVE_FORMAT = "gmi-trainer-archive"
ARCHIVE_VERSION = 1
INDEX = "archive.json"


class ArchiveError(Exception):
    """An archive that cannot be written or read; the message says which and why."""


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    already_there: list[str] = field(default_factory=list)
    completed: list[str] = field(default_factory=list)
    kept_both: list[tuple[str, str]] = field(default_factory=list)
    profile: str = ""  # "added", "kept (this machine's)", or "none in archive"


def export_patient(data_dir: Path, patient: str, out: Path) -> int:
    """Write the archive; returns the number of sessions in it."""
    folder = data_dir / patient
    if not folder.is_dir():
        raise ArchiveError(f"No records for patient '{patient}' in {data_dir}.")
    sessions = sorted(p.name for p in folder.iterdir()
                      if p.is_dir() and not p.name.startswith(".") and p.name != "videos")
    index = {"format": ARCHIVE_FORMAT, "version": ARCHIVE_VERSION, "patient": patient,
             "program_version": __version__, "sessions": sessions,
             "created_at": datetime.now().astimezone().isoformat(timespec="seconds")}
    temporary = out.with_name(f".{out.name}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(INDEX, json.dumps(index, indent=2))
        profile = folder / fmt.PROFILE_FILE
        if profile.is_file():
            zf.write(profile, f"{patient}/{fmt.PROFILE_FILE}")
        for session in sessions:
            for path in sorted((folder / session).iterdir()):
                if path.is_file() and not path.name.startswith("."):
                    zf.write(path, f"{patient}/{session}/{path.name}")
    os.replace(temporary, out)
    return len(sessions)


def import_archive(archive: Path, data_dir: Path) -> tuple[str, ImportReport]:
    """Merge an archive into `data_dir`; returns the patient id and what happened."""
    try:
        zf = zipfile.ZipFile(archive)
    except (OSError, zipfile.BadZipFile) as error:
        raise ArchiveError(f"{archive} is not a gmi-trainer archive ({error}).") from None
    with zf:
        try:
            index = json.loads(zf.read(INDEX))
        except (KeyError, ValueError):
            raise ArchiveError(f"{archive} has no readable {INDEX}; it was not made by "
                               "'gmi-trainer archive export'.") from None
        if index.get("format") != ARCHIVE_FORMAT or index.get("version") != ARCHIVE_VERSION:
            raise ArchiveError(f"{archive} is not a version {ARCHIVE_VERSION} gmi-trainer archive.")
        patient = str(index.get("patient", ""))
        from gmi_trainer.profiles.model import ProfileError, check_patient_id

        try:
            check_patient_id(patient)
        except ProfileError as error:
            raise ArchiveError(f"{archive}: {error}") from None
        members = _members(zf, patient, archive)
        staging = data_dir / f".import-{patient}-{os.getpid()}"
        if staging.exists():
            shutil.rmtree(staging)
        make_private_dir(staging)
        try:
            for name, parts in members.items():
                target = staging.joinpath(*parts)
                make_private_dir(target.parent)
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(zf.read(name))
            return patient, _merge(staging, data_dir / patient)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _members(zf: zipfile.ZipFile, patient: str, archive: Path) -> dict[str, tuple[str, ...]]:
    """Every file of the archive as path parts under the patient, refusing any path that
    would land outside the patient's folder."""
    members: dict[str, tuple[str, ...]] = {}
    for name in zf.namelist():
        if name == INDEX or name.endswith("/"):
            continue
        path = PurePosixPath(name)
        parts = path.parts
        if path.is_absolute() or ".." in parts or not parts or parts[0] != patient \
                or len(parts) not in (2, 3):
            raise ArchiveError(f"{archive}: unexpected entry '{name}'; nothing was imported.")
        members[name] = parts[1:]
    return members


def _merge(staging: Path, patient_dir: Path) -> ImportReport:
    report = ImportReport()
    make_private_dir(patient_dir)
    profile = staging / fmt.PROFILE_FILE
    if not profile.is_file():
        report.profile = "none in archive"
    elif (patient_dir / fmt.PROFILE_FILE).exists():
        report.profile = "kept (this machine's)"
    else:
        os.replace(profile, patient_dir / fmt.PROFILE_FILE)
        report.profile = "added"
    for session in sorted(p for p in staging.iterdir() if p.is_dir()):
        existing = patient_dir / session.name
        if not existing.exists():
            os.replace(session, existing)
            report.added.append(session.name)
        elif _same(session, existing):
            report.already_there.append(session.name)
        elif _extends(session, existing):
            backup = patient_dir / f".{session.name}.replaced"
            os.replace(existing, backup)
            os.replace(session, existing)
            shutil.rmtree(backup)
            report.completed.append(session.name)
        else:
            name = f"{session.name}-imported"
            number = 2
            while (patient_dir / name).exists():
                name, number = f"{session.name}-imported{number}", number + 1
            os.replace(session, patient_dir / name)
            _rename_session(patient_dir / name, name)
            report.kept_both.append((session.name, name))
    fsync_dir(patient_dir)
    return report


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _same(a: Path, b: Path) -> bool:
    return _files(a) == _files(b)


def _extends(archived: Path, existing: Path) -> bool:
    """The copy here was cut off and the archive holds the same session carried further:
    its rows begin with every row here, and this one never finished."""
    try:
        here = read_session(existing)
    except Exception:  # noqa: BLE001 - an unreadable copy is completed from the archive
        return True
    if here.status != fmt.STATUS_INCOMPLETE:
        return False
    ours, theirs = _files(existing), _files(archived)
    return all(theirs.get(name, b"").startswith(ours[name])
               for name in (fmt.TRIALS_FILE, fmt.EVENTS_FILE) if name in ours)


def _rename_session(folder: Path, session_id: str) -> None:
    manifest_path = folder / fmt.MANIFEST_FILE
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    manifest["session_id"] = session_id
    write_json_atomic(manifest_path, manifest)
