"""`gmi-trainer export` (trial or session rows as CSV), `gmi-trainer report` (the therapist's
HTML report), `gmi-trainer archive export|import` (all of a patient's records in one file, to
move between machines) and `gmi-trainer bench progress`."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from gmi_trainer.app.paths import Paths
from gmi_trainer.app.root import paths_from
from gmi_trainer.commands.patient_arg import patient_arg
from gmi_trainer.storage.files import write_text_atomic
from gmi_trainer.profiles.model import ProfileError, check_patient_id
from gmi_trainer.records.export import write_csv, write_sessions_csv
from gmi_trainer.records.reader import read_patient


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export", help="print a patient's trial or session rows as CSV")
    parser.add_argument("--patient", required=True, help="patient id")
    parser.add_argument("--format", choices=("csv", "fhir", "redcap"), default="csv",
                        help="csv (standard output); fhir: a FHIR R4 Bundle (JSON); redcap: a "
                        "data CSV and its data dictionary")
    parser.add_argument("--what", choices=("trials", "sessions"), default="trials",
                        help="csv: one row per trial (default) or one row per session")
    parser.add_argument("--out", help="fhir: the .json file (default: standard output); "
                        "redcap: the data CSV, with its dictionary beside it as "
                        "NAME-dictionary.csv (required)")
    parser.add_argument("--data-dir", help="records folder (default: $GMI_TRAINER_DATA or sessions/)")
    parser.set_defaults(handler=run_export)
    report = subparsers.add_parser("report", help="write a therapist report as one HTML file")
    report.add_argument("--patient", required=True, help="patient id")
    report.add_argument("--out", required=True, help="the HTML file to write, e.g. report.html")
    report.add_argument("--data-dir", help="records folder (default: $GMI_TRAINER_DATA or sessions/)")
    report.set_defaults(handler=run_report)
    archive = subparsers.add_parser("archive", help="move a patient's records between machines")
    commands = archive.add_subparsers(dest="archive_command", required=True)
    out = commands.add_parser("export", help="write all of a patient's records to one .zip")
    out.add_argument("--patient", required=True)
    out.add_argument("--out", required=True, help="the archive to write, e.g. P017.zip")
    out.add_argument("--include-own-pictures", action="store_true",
                     help="also carry the patient's own hand pictures (photographs of them; "
                     "left out unless asked for)")
    out.add_argument("--data-dir")
    out.set_defaults(handler=run_archive_export)
    into = commands.add_parser("import", help="merge an archive into this machine's records")
    into.add_argument("archive")
    into.add_argument("--data-dir")
    into.set_defaults(handler=run_archive_import)


def out_problem(out: Path) -> str:
    """Why `--out` cannot be written, checked before any work: '' when it can."""
    if out.is_dir():
        return f"--out {out} is a folder; give a file name in it, e.g. {out / 'report.html'}"
    folder = out.parent
    if not folder.is_dir():
        return f"--out {out}: the folder {folder} does not exist"
    if not os.access(folder, os.W_OK | os.X_OK) or out.exists() and not os.access(out, os.W_OK):
        return f"--out {out}: no permission to write there; choose a folder of your own"
    return ""


def run_archive_export(args: argparse.Namespace) -> int:
    from gmi_trainer.records.archive import ArchiveError, export_patient

    problem = out_problem(Path(args.out))
    if problem:
        print(f"gmi-trainer: {problem}. Nothing was written.", file=sys.stderr)
        return 2
    try:
        count = export_patient(paths_from(args).data_dir, check_patient_id(args.patient),
                               Path(args.out), args.include_own_pictures)
    except (ArchiveError, ProfileError, OSError) as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    print(f"Wrote {count} sessions of {args.patient} to {args.out} (readable only by you; "
          "it holds health records: carry it safely and delete it when done).")
    return 0


def run_archive_import(args: argparse.Namespace) -> int:
    from gmi_trainer.records.archive import ArchiveError, import_archive

    try:
        patient, report = import_archive(Path(args.archive), paths_from(args).data_dir)
    except (ArchiveError, OSError) as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    print(f"Imported {args.archive} for {patient}: {len(report.added)} new sessions, "
          f"{len(report.already_there)} already here, {len(report.completed)} completed and "
          f"{len(report.repaired)} repaired from the archive; profile: {report.profile}; "
          f"{report.treatments_added} other treatments added; own pictures: {report.own_pictures}.")
    for session in report.open_sessions:
        print(f"  session {session} is being recorded on this machine now: not touched; "
              "import again after it ends")
    for session, where in report.kept_aside:
        print(f"  session {session}: the two copies differ; the copy with more rows is used "
              f"and the other is kept in {where}")
    for entry, why in report.refused:
        print(f"  refused {entry}: {why}")
    return 0


def register_bench(bench_subparsers: argparse._SubParsersAction) -> None:
    bench = bench_subparsers.add_parser(
        "progress", help="time reading, the progress charts and the report for months of data")
    bench.add_argument("--sessions", type=int, default=1000)
    bench.add_argument("--trials", type=int, default=100, help="trials per session")
    bench.add_argument("--keep", help="write the generated data here and keep it")
    bench.set_defaults(handler=_run_bench)


def _run_bench(args: argparse.Namespace) -> int:
    from gmi_trainer.bench.progress import run_bench

    return run_bench(args.sessions, args.trials, Path(args.keep) if args.keep else None)


def _patient_records(args: argparse.Namespace, rows: bool):
    """The patient's sessions and warnings, or None after printing why not."""
    patient = patient_arg(args)
    if patient is None:
        return None
    data_dir = paths_from(args).data_dir
    if not (data_dir / patient).is_dir():
        print(f"gmi-trainer: no records for patient '{patient}' in {data_dir}. Check the id "
              "(gmi-trainer patient show ID) and --data-dir.", file=sys.stderr)
        return None
    sessions, warnings = read_patient(data_dir, patient, rows=rows)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return patient, data_dir, sessions, warnings


def run_export(args: argparse.Namespace) -> int:
    if args.format == "redcap" and not args.out:
        print("gmi-trainer: --format redcap needs --out DATA.csv (the data dictionary is "
              "written beside it).", file=sys.stderr)
        return 2
    problem = out_problem(Path(args.out)) if args.out else ""
    if problem:
        print(f"gmi-trainer: {problem}. Nothing was written.", file=sys.stderr)
        return 2
    found = _patient_records(args, rows=args.what == "trials" and args.format == "csv")
    if found is None:
        return 2
    patient, data_dir, sessions, _ = found
    if args.format in ("fhir", "redcap"):
        return _export_standard(args, patient, data_dir, sessions)
    if args.what == "sessions":
        count = write_sessions_csv(sessions, sys.stdout)
        print(f"{count} session rows.", file=sys.stderr)
    else:
        count = write_csv(sessions, sys.stdout)
        print(f"{count} trial rows from {len(sessions)} sessions.", file=sys.stderr)
    return 0


def _export_standard(args: argparse.Namespace, patient: str, data_dir: Path,
                     sessions: list) -> int:
    """FHIR or REDCap: owner-only files (they hold health records), written whole or not."""
    import io
    import json

    if args.format == "fhir":
        from gmi_trainer.records.fhir import FhirError, build_bundle, validate_bundle
        from gmi_trainer.records.treatments import read_treatments, treatment_facts

        treatments, warnings = read_treatments(data_dir / patient)
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        bundle = build_bundle(patient, sessions, treatment_facts(treatments),
                              datetime.now().astimezone())
        try:
            validate_bundle(bundle)
        except FhirError as error:
            print(f"gmi-trainer: the FHIR bundle did not validate, nothing was written: {error}",
                  file=sys.stderr)
            return 1
        text = json.dumps(bundle, indent=1, ensure_ascii=False) + "\n"
        if not args.out:
            sys.stdout.write(text)
        else:
            write_text_atomic(Path(args.out), text)
        print(f"FHIR R4 Bundle: {len(bundle['entry'])} resources, validated with "
              "fhir.resources." + (f" Wrote {args.out}." if args.out else ""), file=sys.stderr)
        return 0
    from gmi_trainer.records.redcap import write_redcap

    out = Path(args.out)
    dictionary_path = out.with_name(out.stem + "-dictionary.csv")
    data, dictionary = io.StringIO(), io.StringIO()
    count = write_redcap(sessions, data, dictionary)
    try:
        write_text_atomic(out, data.getvalue())
        write_text_atomic(dictionary_path, dictionary.getvalue())
    except OSError as error:
        print(f"gmi-trainer: cannot write {out}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"Wrote {count} REDCap records to {out} and the data dictionary to "
          f"{dictionary_path}.", file=sys.stderr)
    return 0


def run_report(args: argparse.Namespace) -> int:
    problem = out_problem(Path(args.out))
    if problem:
        print(f"gmi-trainer: {problem}. Nothing was written.", file=sys.stderr)
        return 2
    found = _patient_records(args, rows=False)
    if found is None:
        return 2
    patient, data_dir, sessions, warnings = found
    from gmi_trainer.charts.report import build_report

    from gmi_trainer.records.treatments import read_treatments, treatment_facts

    profile, planned = _profile_and_plan(paths_from(args), patient)
    treatments, treatment_warnings = read_treatments(data_dir / patient)
    for warning in treatment_warnings:
        print(f"warning: {warning}", file=sys.stderr)
    text = build_report(sessions, [*warnings, *treatment_warnings], patient, profile, planned,
                        datetime.now().astimezone().date(),
                        treatments=treatment_facts(treatments))
    out = Path(args.out)
    try:
        # A report is a health record like the sessions it comes from: owner-only.
        write_text_atomic(out, text)
    except OSError as error:
        print(f"gmi-trainer: cannot write {out}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"Wrote {out} ({len(text) // 1024} KB, {len(sessions)} sessions).", file=sys.stderr)
    return 0


def _profile_and_plan(paths: Paths, patient: str) -> tuple[dict | None, int]:
    """The patient's profile (None if unreadable) and their plan's sessions per day
    (4, the plan default, when the plan cannot be read)."""
    from gmi_trainer.plans.loader import PlanError, load_plan
    from gmi_trainer.profiles.store import load_profile

    try:
        profile = load_profile(paths.data_dir, patient)
    except ProfileError:
        profile = None
    try:
        plan = load_plan(paths.plan_file(profile.plan if profile else "default"))
        planned = plan.sessions_per_day
    except PlanError:
        planned = 4
    return (profile.to_json() if profile else None), planned
