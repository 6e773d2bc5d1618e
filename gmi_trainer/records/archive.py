"""One file with all of a patient's records, to carry between home and clinic.

The archive is a zip: `archive.json` (what it holds), then `<patient>/profile.json` and every
session folder's record files. Importing never loses or doubles a session. A session is the
same session when its id matches; of two copies, rows are compared and the longer valid copy
wins (a copy cut off here is completed from the archive; a damaged copy here is repaired from
it, and its files are kept aside, never deleted). A session still being recorded is never
touched. Only the files a session has are accepted, each checked, within limits that refuse
an archive bomb before anything is written."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any, Callable

from gmi_trainer import __version__
from gmi_trainer.i18n import _, format_number, ngettext
from gmi_trainer.records import format as fmt
from gmi_trainer.profiles.model import Profile, ProfileError, check_patient_id
from gmi_trainer.profiles.store import MAX_PROFILE_BYTES, PROFILE_FILE
from gmi_trainer.records.treatments import (
    TREATMENTS_FILE,
    TREATMENTS_MAX_BYTES,
    make_treatment,
    read_treatments,
)
from gmi_trainer.records.clean import MAX_MANIFEST_BYTES, MAX_ROWS_BYTES
from gmi_trainer.storage.files import FILE_MODE, fsync_dir, make_private_dir
from gmi_trainer.storage.safe_json import Unreadable, parse_json
from gmi_trainer.records.lock import session_is_open

ARCHIVE_FORMAT = "gmi-trainer-archive"
ARCHIVE_VERSION = 1
INDEX = "archive.json"


class ArchiveError(Exception):
    """An archive that cannot be written or read; the message says which and why."""


# Limits checked before anything is written. A patient's half year is about 1,000 sessions
# of three files and a few MB each at most; these leave room for years.
MAX_ENTRIES = 30_000
MAX_TOTAL_BYTES = 2 * 1024 ** 3
MAX_FILE_BYTES = {fmt.MANIFEST_FILE: MAX_MANIFEST_BYTES, fmt.TRIALS_FILE: MAX_ROWS_BYTES,
                  fmt.EVENTS_FILE: MAX_ROWS_BYTES, PROFILE_FILE: MAX_PROFILE_BYTES}
SESSION_FILES = (fmt.MANIFEST_FILE, fmt.TRIALS_FILE, fmt.EVENTS_FILE)
# Session folders are named by SessionRecorder: date, time and a random part (older
# archives may hold "-imported" copies made by an earlier version of this import).
SESSION_NAME = re.compile(r"^\d{8}-\d{6}-[0-9a-f]{4}(-imported\d*)?$")
# The patient's own hand pictures travel only when the therapist includes them: their
# manifest and PNGs, by these names, each at most OWN_PICTURE_BYTES.
OWN_PICTURE_NAME = re.compile(r"^(manifest\.json|own-hand-(left|right)-[a-z_]{1,40}-[a-z]{1,12}\.png)$")
OWN_PICTURE_BYTES = 4 * 1024 ** 2
# Copies of a session that lost to another copy but held something the winner lacks.
KEPT_ASIDE = ".kept-aside"


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    already_there: list[str] = field(default_factory=list)
    completed: list[str] = field(default_factory=list)  # cut off here, completed from the archive
    repaired: list[str] = field(default_factory=list)  # damaged here, repaired from the archive
    open_sessions: list[str] = field(default_factory=list)  # being recorded here: not touched
    refused: list[tuple[str, str]] = field(default_factory=list)  # (entry or session, why)
    kept_aside: list[tuple[str, str]] = field(default_factory=list)  # (session, where)
    # What became of the profile and the own pictures, in words in the language in force:
    # "added", "kept (this machine's)", "none in archive", "refused: ..." ("added 12").
    profile: str = ""
    treatments_added: int = 0  # other treatments taken in (ones already here are not doubled)
    own_pictures: str = ""


def export_patient(data_dir: Path, patient: str, out: Path,
                   include_own_pictures: bool = False) -> int:
    """Write the archive; returns the number of sessions in it. The patient's own hand
    pictures are photographs of them: in only when the therapist asks
    (`include_own_pictures`)."""
    folder = data_dir / patient
    if not folder.is_dir():
        raise ArchiveError(_("No records for patient '{patient}' in {folder}.").format(
            patient=patient, folder=data_dir))
    sessions = sorted(p.name for p in folder.iterdir()
                      if p.is_dir() and not p.is_symlink() and SESSION_NAME.match(p.name))
    index = {"format": ARCHIVE_FORMAT, "version": ARCHIVE_VERSION, "patient": patient,
             "program_version": __version__, "sessions": sessions,
             "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
             "own_pictures": include_own_pictures}
    temporary = out.with_name(f".{out.name}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(INDEX, json.dumps(index, indent=2))
            profile = folder / PROFILE_FILE
            if profile.is_file():
                zf.write(profile, f"{patient}/{PROFILE_FILE}")
            treatments = folder / TREATMENTS_FILE
            if treatments.is_file() and not treatments.is_symlink():
                zf.write(treatments, f"{patient}/{TREATMENTS_FILE}")
            own = folder / fmt.OWN_PICTURES_DIR
            if include_own_pictures and own.is_dir() and not own.is_symlink():
                for picture in sorted(own.iterdir()):
                    if OWN_PICTURE_NAME.match(picture.name) and picture.is_file() \
                            and not picture.is_symlink():
                        zf.write(picture, f"{patient}/{fmt.OWN_PICTURES_DIR}/{picture.name}")
            for session in sessions:
                for name in SESSION_FILES:
                    if (folder / session / name).is_file():
                        zf.write(folder / session / name, f"{patient}/{session}/{name}")
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        # A full disk or an interruption leaves no partial copy of health records behind.
        temporary.unlink(missing_ok=True)
        raise
    os.replace(temporary, out)
    return len(sessions)


def import_archive(archive: Path, data_dir: Path,
                   check_profile: "Callable[[dict[str, Any], str], None] | None" = None,
                   ) -> tuple[str, ImportReport]:
    """Merge an archive into `data_dir`; returns the patient id and what happened.
    `check_profile(data, source)` raises ValueError for a profile that must not be taken in
    (by default the profile loader's own validation)."""
    try:
        zf = zipfile.ZipFile(archive)
    except (OSError, zipfile.BadZipFile) as error:
        raise ArchiveError(_("{archive} is not a gmi-trainer archive ({error}).").format(
            archive=archive, error=error)) from None
    with zf:
        patient = _patient(zf, archive)
        report = ImportReport(own_pictures=_("none in archive"))
        sessions, profile, treatments, own = _accepted(zf, patient, archive, report)
        patient_dir = data_dir / patient
        make_private_dir(patient_dir)
        staging = data_dir / f".import-{patient}-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        make_private_dir(staging)
        budget = _Budget(archive)
        try:
            if profile is None:
                report.profile = _("none in archive")
            else:
                _import_profile(zf, profile, patient, patient_dir, staging, report, budget,
                                check_profile or _profile_loader_check)
            if treatments is not None:
                _import_treatments(zf, treatments, patient_dir, staging, report, budget)
            if own:
                _import_own_pictures(zf, own, patient_dir, staging, report, budget)
            for name in sorted(sessions):
                _import_session(zf, name, sessions[name], patient, patient_dir, staging,
                                report, budget)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        fsync_dir(patient_dir)
        return patient, report


class _Refused(Exception):
    """One entry or session of the archive is not taken in; the message says why."""


class _Budget:
    """The bytes the whole import may still expand to, counted as they are read (a zip's
    own size fields can lie)."""

    def __init__(self, archive: Path) -> None:
        self.archive, self.left = archive, MAX_TOTAL_BYTES

    def read(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
        try:
            with zf.open(info) as member:
                data = member.read(min(limit, self.left) + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError,
                RuntimeError, ValueError) as error:
            raise _Refused(_("cannot be unpacked ({error})").format(error=error)) from None
        if len(data) > self.left:
            raise ArchiveError(_("{archive} expands to more than "
                                 "{size} MB; the rest was not imported.").format(
                archive=self.archive, size=format_number(MAX_TOTAL_BYTES // 2**20)))
        if len(data) > limit:
            raise _Refused(_("larger than {size} MB, more than such a file holds").format(
                size=format_number(limit // 2**20 or 1)))
        self.left -= len(data)
        return data


def _patient(zf: zipfile.ZipFile, archive: Path) -> str:
    try:
        info = zf.getinfo(INDEX)
        if info.file_size > 1024 * 1024:
            raise ValueError("too large")
        index = parse_json(zf.read(info).decode("utf-8"), INDEX)
    except (KeyError, ValueError, Unreadable, zipfile.BadZipFile, zlib.error, RuntimeError,
            NotImplementedError):
        raise ArchiveError(_("{archive} has no readable {index}; it was not made by "
                             "'gmi-trainer archive export'.").format(archive=archive, index=INDEX)) from None
    if not isinstance(index, dict) or index.get("format") != ARCHIVE_FORMAT \
            or index.get("version") != ARCHIVE_VERSION:
        raise ArchiveError(_("{archive} is not a version {version} gmi-trainer archive.").format(
            archive=archive, version=ARCHIVE_VERSION))
    patient = index.get("patient")
    try:
        return check_patient_id(str(patient) if isinstance(patient, str) else "")
    except ProfileError as error:
        raise ArchiveError(f"{archive}: {error}") from None


def _accepted(zf: zipfile.ZipFile, patient: str, archive: Path, report: ImportReport
              ) -> tuple[dict[str, dict[str, zipfile.ZipInfo]], zipfile.ZipInfo | None,
                         zipfile.ZipInfo | None, list[zipfile.ZipInfo]]:
    """The archive's session files by session, and its profile, after checking every entry:
    a path outside the patient's folder refuses the whole archive; an entry that is not a
    plain file a session or profile has is refused on its own."""
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ArchiveError(_("{archive} has {count} entries, more than the "
                             "{most} a patient's records could have; nothing was imported.").format(
            archive=archive, count=format_number(len(infos)), most=format_number(MAX_ENTRIES)))
    declared = sum(info.file_size for info in infos)
    if declared > MAX_TOTAL_BYTES:
        raise ArchiveError(_("{archive} would expand to {size} MB, more than "
                             "{most} MB; nothing was imported.").format(
            archive=archive, size=format_number(declared // 2**20),
            most=format_number(MAX_TOTAL_BYTES // 2**20)))
    sessions: dict[str, dict[str, zipfile.ZipInfo]] = {}
    profile: zipfile.ZipInfo | None = None
    treatments: zipfile.ZipInfo | None = None
    own: list[zipfile.ZipInfo] = []
    for info in infos:
        name = info.filename
        if name == INDEX:
            continue
        path = PurePosixPath(name)
        parts = path.parts
        if path.is_absolute() or ".." in parts or "\\" in name or not parts \
                or parts[0] != patient:
            raise ArchiveError(_("{archive}: unexpected entry '{name}'; nothing was imported.").format(
                archive=archive, name=name))
        if info.is_dir():
            continue
        kind = stat.S_IFMT(info.external_attr >> 16)
        if kind not in (0, stat.S_IFREG):
            report.refused.append((name, _("not a plain file (a link or a device)")))
        elif len(parts) == 2 and parts[1] == PROFILE_FILE:
            profile = info
        elif len(parts) == 2 and parts[1] == TREATMENTS_FILE:
            treatments = info
        elif len(parts) == 3 and parts[1] == fmt.OWN_PICTURES_DIR and OWN_PICTURE_NAME.match(parts[2]):
            own.append(info)
        elif len(parts) == 3 and SESSION_NAME.match(parts[1]) and parts[2] in SESSION_FILES:
            sessions.setdefault(parts[1], {})[parts[2]] = info
        else:
            report.refused.append((name, _("not a file that a session or a profile has")))
    return sessions, profile, treatments, own


def _import_treatments(zf: zipfile.ZipFile, info: zipfile.ZipInfo, patient_dir: Path,
                       staging: Path, report: ImportReport, budget: _Budget) -> None:
    """Merge the archive's treatments into this machine's: each entry checked like one typed
    at the command line (a bad one is refused and listed), none doubled, oldest first."""
    try:
        text = budget.read(zf, info, TREATMENTS_MAX_BYTES).decode("utf-8")
    except (_Refused, UnicodeDecodeError) as error:
        report.refused.append((info.filename, str(error)))
        return
    here, _warnings = read_treatments(patient_dir)
    known = {json.dumps(t.to_json(), sort_keys=True) for t in here}
    merged = list(here)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = parse_json(line, f"{info.filename}:{number}")
            if not isinstance(data, dict) or set(data) - {"on", "kind", "name", "dose", "note"}:
                raise ValueError(_("not a treatment entry"))
            treatment = make_treatment(data.get("on"), data.get("kind"), data.get("name", ""),
                                       data.get("dose", ""), data.get("note", ""))
        except (Unreadable, ValueError, TypeError) as error:
            report.refused.append((f"{info.filename}:{number}", str(error)))
            continue
        key = json.dumps(treatment.to_json(), sort_keys=True)
        if key not in known:
            known.add(key)
            merged.append(treatment)
            report.treatments_added += 1
    if report.treatments_added:
        merged.sort(key=lambda t: t.on)
        temporary = staging / TREATMENTS_FILE
        _write_private(temporary, "".join(json.dumps(t.to_json(), ensure_ascii=False) + "\n"
                                          for t in merged).encode("utf-8"))
        os.replace(temporary, patient_dir / TREATMENTS_FILE)


def _import_own_pictures(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], patient_dir: Path,
                         staging: Path, report: ImportReport, budget: _Budget) -> None:
    """The archive's own pictures, taken only when this machine has none for the patient
    (pictures taken here are newer or the patient's choice: never overwritten)."""
    target = patient_dir / fmt.OWN_PICTURES_DIR
    if target.exists():
        report.own_pictures = _("kept (this machine's)")
        return
    staged = staging / fmt.OWN_PICTURES_DIR
    make_private_dir(staged)
    try:
        for info in infos:
            data = budget.read(zf, info, OWN_PICTURE_BYTES)
            _write_private(staged / PurePosixPath(info.filename).name, data)
    except _Refused as error:
        report.own_pictures = _("refused: {why}").format(why=error)
        return
    os.replace(staged, target)
    pictures = sum(1 for i in infos if i.filename.endswith(".png"))
    report.own_pictures = ngettext("added {count} picture", "added {count} pictures", pictures).format(
        count=pictures)


def _profile_loader_check(data: dict[str, Any], source: str) -> None:
    Profile.from_json(data, source)


def _import_profile(zf: zipfile.ZipFile, info: zipfile.ZipInfo, patient: str,
                    patient_dir: Path, staging: Path, report: ImportReport, budget: _Budget,
                    check_profile: "Callable[[dict[str, Any], str], None]") -> None:
    if (patient_dir / PROFILE_FILE).exists():
        report.profile = _("kept (this machine's)")
        return
    try:
        data = budget.read(zf, info, MAX_FILE_BYTES[PROFILE_FILE])
        profile = parse_json(data.decode("utf-8"), info.filename)
        if not isinstance(profile, dict):
            raise _Refused(_("it is not a profile"))
        if profile.get("patient") != patient:
            raise _Refused(_("it belongs to patient '{owner}', not '{patient}'").format(
                owner=profile.get("patient"), patient=patient))
        check_profile(profile, info.filename)
    except (_Refused, Unreadable, UnicodeDecodeError, ValueError) as error:
        report.profile = _("refused: {why}").format(why=error)
        return
    temporary = staging / PROFILE_FILE
    _write_private(temporary, data)
    os.replace(temporary, patient_dir / PROFILE_FILE)
    report.profile = _("added")


@dataclass
class _Copy:
    """One copy of a session: its files as bytes and what could be read from them."""

    files: dict[str, bytes]
    manifest: dict[str, Any] | None  # None: missing or damaged
    rows: dict[str, list[Any]]  # trials and events, damaged lines left out
    damaged: bool  # something in it could not be read

    @property
    def finished(self) -> bool:
        return (self.manifest or {}).get("status") in (fmt.STATUS_COMPLETE, fmt.STATUS_ENDED_EARLY)

    def row_count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


def _read_copy(files: dict[str, bytes], name: str, patient: str) -> _Copy:
    manifest: dict[str, Any] | None = None
    damaged = False
    try:
        parsed = parse_json(files[fmt.MANIFEST_FILE].decode("utf-8"), fmt.MANIFEST_FILE)
        if isinstance(parsed, dict) and parsed.get("format") == fmt.FORMAT_NAME \
                and isinstance(parsed.get("format_version"), int) \
                and parsed["format_version"] <= fmt.FORMAT_VERSION \
                and isinstance(parsed.get("started_at"), str):
            manifest = parsed
    except (KeyError, UnicodeDecodeError, Unreadable):
        pass
    if manifest is None:
        damaged = True
    elif manifest.get("session_id") != name or manifest.get("patient") != patient:
        raise _Refused(_("its manifest names session '{session}' of patient '{patient}'").format(
            session=manifest.get("session_id"), patient=manifest.get("patient")))
    finished = (manifest or {}).get("status") in (fmt.STATUS_COMPLETE, fmt.STATUS_ENDED_EARLY)
    rows: dict[str, list[Any]] = {}
    for file in (fmt.TRIALS_FILE, fmt.EVENTS_FILE):
        rows[file] = []
        lines = files.get(file, b"").decode("utf-8", errors="replace").split("\n")
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = parse_json(line, file)
                if not isinstance(row, dict):
                    raise Unreadable("not an object")
                rows[file].append(row)
            except Unreadable:
                # A torn last line of a cut-off session is the row it was writing.
                damaged = damaged or finished or number != len(lines)
    return _Copy(files, manifest, rows, damaged)


def _import_session(zf: zipfile.ZipFile, name: str, members: dict[str, zipfile.ZipInfo],
                    patient: str, patient_dir: Path, staging: Path, report: ImportReport,
                    budget: _Budget) -> None:
    try:
        files = {file: budget.read(zf, info, MAX_FILE_BYTES[file]) for file, info in members.items()}
        theirs = _read_copy(files, name, patient)
        if theirs.manifest is None:
            raise _Refused(_("its manifest is missing or damaged in the archive"))
        if theirs.damaged:
            raise _Refused(_("some of its rows are damaged in the archive"))
    except _Refused as why:
        report.refused.append((name, str(why)))
        return
    target = patient_dir / name
    if not target.exists():
        _place(staging / name, files, target)
        report.added.append(name)
        return
    if target.is_symlink() or not target.is_dir():
        report.refused.append((name, _("{folder} exists here and is not a session folder").format(
            folder=target)))
        return
    if session_is_open(target):
        report.open_sessions.append(name)
        return
    try:
        ours = _read_copy(_local_files(target), name, patient)
    except _Refused as why:
        report.refused.append((name, _("the copy here is not this session: {why}").format(why=why)))
        return
    _merge(name, ours, theirs, target, staging, patient_dir, report)


def _merge(name: str, ours: _Copy, theirs: _Copy, target: Path, staging: Path,
           patient_dir: Path, report: ImportReport) -> None:
    """The longer copy of each log wins where one begins with the other; copies whose rows
    differ are not mixed: the one with more rows wins and the other is kept aside."""
    chosen: dict[str, bytes] = {}
    diverged = False
    for file in (fmt.TRIALS_FILE, fmt.EVENTS_FILE):
        a, b = ours.rows[file], theirs.rows[file]
        if b[:len(a)] == a and len(b) > len(a):
            chosen[file] = theirs.files.get(file, b"")
        elif a[:len(b)] == b:
            chosen[file] = ours.files.get(file, b"")
        else:
            diverged = True
    if diverged:
        winner = theirs if theirs.row_count() > ours.row_count() else ours
        if winner is ours:
            _keep_aside(None, theirs, name, staging, patient_dir, report)
            report.already_there.append(name)
        else:
            _replace(target, theirs.files, staging / name, name, patient_dir, report, keep_ours=True)
            report.repaired.append(name)
        return
    took_theirs_manifest = ours.manifest is None or (not ours.finished and theirs.finished)
    chosen[fmt.MANIFEST_FILE] = (theirs if took_theirs_manifest else ours).files[fmt.MANIFEST_FILE]
    if chosen == {file: ours.files.get(file, b"") for file in chosen}:
        report.already_there.append(name)
        return
    _replace(target, chosen, staging / name, name, patient_dir, report, keep_ours=ours.damaged)
    (report.repaired if ours.damaged else report.completed).append(name)


def _replace(target: Path, files: dict[str, bytes], staged: Path, name: str,
             patient_dir: Path, report: ImportReport, keep_ours: bool) -> None:
    """Swap the session folder for the merged one in two renames; the old copy is kept
    aside when it held anything the new one lacks (damaged or diverging rows)."""
    _stage(staged, files)
    old = patient_dir / f".{name}.replaced"
    shutil.rmtree(old, ignore_errors=True)
    os.replace(target, old)
    os.replace(staged, target)
    if keep_ours:
        _keep_aside(old, None, name, staged.parent, patient_dir, report)
    else:
        shutil.rmtree(old, ignore_errors=True)


def _keep_aside(folder: Path | None, copy: _Copy | None, name: str, staging: Path,
                patient_dir: Path, report: ImportReport) -> None:
    aside = patient_dir / KEPT_ASIDE
    make_private_dir(aside)
    number = 1
    while (aside / f"{name}-{number}").exists():
        number += 1
    destination = aside / f"{name}-{number}"
    if folder is not None:
        os.replace(folder, destination)
    elif copy is not None:
        _place(staging / f"{name}-aside", copy.files, destination)
    report.kept_aside.append((name, str(destination)))


def _local_files(folder: Path) -> dict[str, bytes]:
    files = {}
    for file in SESSION_FILES:
        path = folder / file
        try:
            with open(path, "rb") as handle:
                files[file] = handle.read(MAX_FILE_BYTES[file] + 1)
        except OSError:
            continue
    return files


def _stage(staged: Path, files: dict[str, bytes]) -> None:
    shutil.rmtree(staged, ignore_errors=True)
    make_private_dir(staged)
    for file, data in files.items():
        _write_private(staged / file, data)
    fsync_dir(staged)


def _place(staged: Path, files: dict[str, bytes], target: Path) -> None:
    """A session folder appears in one rename, its files already inside."""
    _stage(staged, files)
    os.replace(staged, target)


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
