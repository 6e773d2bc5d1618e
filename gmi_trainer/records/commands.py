"""`gmi-trainer export`: a patient's trial rows as CSV on standard output."""

from __future__ import annotations

import argparse
import sys

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
