"""`gmi-trainer export`: a patient's trial rows as CSV on standard output; `gmi-trainer
archive export|import`: all of a patient's records in one file, to move between machines."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gmi_trainer.app import paths
from gmi_trainer.profiles.model import ProfileError, check_patient_id
from gmi_trainer.records.export import write_csv
from gmi_trainer.records.reader import read_patient


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export", help="print a patient's trial rows as CSV")
    parser.add_argument("--patient", required=True, help="patient id")
    parser.add_argument("--format", choices=("csv",), default="csv")
    parser.add_argument("--data-dir", help="records folder (default: $GMI_TRAINER_DATA or sessions/)")
    parser.set_defaults(handler=run_export)
    archive = subparsers.add_parser("archive", help="move a patient's records between machines")
    commands = archive.add_subparsers(dest="archive_command", required=True)
    out = commands.add_parser("export", help="write all of a patient's records to one .zip")
    out.add_argument("--patient", required=True)
    out.add_argument("--out", required=True, help="the archive to write, e.g. P017.zip")
    out.add_argument("--data-dir")
    out.set_defaults(handler=run_archive_export)
    into = commands.add_parser("import", help="merge an archive into this machine's records")
    into.add_argument("archive")
    into.add_argument("--data-dir")
    into.set_defaults(handler=run_archive_import)


def run_archive_export(args: argparse.Namespace) -> int:
    from gmi_trainer.records.archive import ArchiveError, export_patient

    try:
        count = export_patient(paths.data_dir(args.data_dir), check_patient_id(args.patient),
                               Path(args.out))
    except (ArchiveError, ProfileError, OSError) as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    print(f"Wrote {count} sessions of {args.patient} to {args.out} (readable only by you; "
          "it holds health records: carry it safely and delete it when done).")
    return 0


def run_archive_import(args: argparse.Namespace) -> int:
    from gmi_trainer.records.archive import ArchiveError, import_archive

    try:
        patient, report = import_archive(Path(args.archive), paths.data_dir(args.data_dir))
    except (ArchiveError, OSError) as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    print(f"Imported {args.archive} for {patient}: {len(report.added)} new sessions, "
          f"{len(report.already_there)} already here, {len(report.completed)} completed from "
          f"the archive; profile: {report.profile}.")
    for ours, kept in report.kept_both:
        print(f"  session {ours} differs from the one here: the archive's copy is kept as {kept}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    try:
        patient = check_patient_id(args.patient)
    except ProfileError as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    data_dir = paths.data_dir(args.data_dir)
    if not (data_dir / patient).is_dir():
        print(f"gmi-trainer: no records for patient '{patient}' in {data_dir}.", file=sys.stderr)
        return 2
    sessions, warnings = read_patient(data_dir, patient)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    count = write_csv(sessions, sys.stdout)
    print(f"{count} trial rows from {len(sessions)} sessions.", file=sys.stderr)
    return 0
