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
from gmi_trainer.i18n import LANGUAGES, _, language, ngettext, use_language
from gmi_trainer.storage.files import write_text_atomic
from gmi_trainer.profiles.model import ProfileError, check_patient_id
from gmi_trainer.records.export import write_csv, write_sessions_csv
from gmi_trainer.records.reader import read_patient


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export", help=_("print a patient's trial or session rows as CSV"))
    parser.add_argument("--patient", required=True, help=_("patient id"))
    parser.add_argument("--format", choices=("csv", "fhir", "redcap"), default="csv",
                        help=_("csv (standard output); fhir: a FHIR R4 Bundle (JSON); redcap: a "
                        "data CSV and its data dictionary"))
    parser.add_argument("--what", choices=("trials", "sessions"), default="trials",
                        help=_("csv: one row per trial (default) or one row per session"))
    parser.add_argument("--out", help=_("fhir: the .json file (default: standard output); "
                        "redcap: the data CSV, with its dictionary beside it as "
                        "NAME-dictionary.csv (required)"))
    parser.add_argument("--data-dir", help=_("records folder (default: $GMI_TRAINER_DATA or sessions/)"))
    parser.set_defaults(handler=run_export)
    report = subparsers.add_parser("report", help=_("write a therapist report as one HTML file"))
    report.add_argument("--patient", required=True, help=_("patient id"))
    report.add_argument("--out", required=True, help=_("the HTML file to write, e.g. report.html"))
    report.add_argument("--data-dir", help=_("records folder (default: $GMI_TRAINER_DATA or sessions/)"))
    report.add_argument("--language", choices=tuple(LANGUAGES),
                        help=_("the report's language (default: the patient's, from the profile)"))
    report.set_defaults(handler=run_report)
    archive = subparsers.add_parser("archive", help=_("move a patient's records between machines"))
    commands = archive.add_subparsers(dest="archive_command", required=True)
    out = commands.add_parser("export", help=_("write all of a patient's records to one .zip"))
    out.add_argument("--patient", required=True)
    out.add_argument("--out", required=True, help=_("the archive to write, e.g. P017.zip"))
    out.add_argument("--include-own-pictures", action="store_true",
                     help=_("also carry the patient's own hand pictures (photographs of them; "
                     "left out unless asked for)"))
    out.add_argument("--data-dir")
    out.set_defaults(handler=run_archive_export)
    into = commands.add_parser("import", help=_("merge an archive into this machine's records"))
    into.add_argument("archive")
    into.add_argument("--data-dir")
    into.set_defaults(handler=run_archive_import)


def out_problem(out: Path) -> str:
    """Why `--out` cannot be written, checked before any work: '' when it can."""
    if out.is_dir():
        return _("--out {out} is a folder; give a file name in it, e.g. {example}").format(
            out=out, example=out / "report.html")
    folder = out.parent
    if not folder.is_dir():
        return _("--out {out}: the folder {folder} does not exist").format(out=out, folder=folder)
    if not os.access(folder, os.W_OK | os.X_OK) or out.exists() and not os.access(out, os.W_OK):
        return _("--out {out}: no permission to write there; choose a folder of your own").format(out=out)
    return ""


def run_archive_export(args: argparse.Namespace) -> int:
    from gmi_trainer.records.archive import ArchiveError, export_patient

    problem = out_problem(Path(args.out))
    if problem:
        print(_("gmi-trainer: {problem}. Nothing was written.").format(problem=problem), file=sys.stderr)
        return 2
    try:
        count = export_patient(paths_from(args).data_dir, check_patient_id(args.patient),
                               Path(args.out), args.include_own_pictures)
    except (ArchiveError, ProfileError, OSError) as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    print(ngettext("Wrote {count} session of {patient} to {out} (readable only by you; "
                   "it holds health records: carry it safely and delete it when done).",
                   "Wrote {count} sessions of {patient} to {out} (readable only by you; "
                   "it holds health records: carry it safely and delete it when done).",
                   count).format(count=count, patient=args.patient, out=args.out))
    return 0


def run_archive_import(args: argparse.Namespace) -> int:
    from gmi_trainer.records.archive import ArchiveError, import_archive

    try:
        patient, report = import_archive(Path(args.archive), paths_from(args).data_dir)
    except (ArchiveError, OSError) as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    print(_("Imported {archive} for {patient}: {added} new sessions, {there} already here, "
            "{completed} completed and {repaired} repaired from the archive; profile: {profile}; "
            "{treatments} other treatments added; own pictures: {own}.").format(
        archive=args.archive, patient=patient, added=len(report.added),
        there=len(report.already_there), completed=len(report.completed),
        repaired=len(report.repaired), profile=report.profile,
        treatments=report.treatments_added, own=report.own_pictures))
    for session in report.open_sessions:
        print(_("  session {session} is being recorded on this machine now: not touched; "
                "import again after it ends").format(session=session))
    for session, where in report.kept_aside:
        print(_("  session {session}: the two copies differ; the copy with more rows is used "
                "and the other is kept in {where}").format(session=session, where=where))
    for entry, why in report.refused:
        print(_("  refused {entry}: {why}").format(entry=entry, why=why))
    return 0


def register_bench(bench_subparsers: argparse._SubParsersAction) -> None:
    bench = bench_subparsers.add_parser(
        "progress", help=_("time reading, the progress charts and the report for months of data"))
    bench.add_argument("--sessions", type=int, default=1000)
    bench.add_argument("--trials", type=int, default=100, help=_("trials per session"))
    bench.add_argument("--keep", help=_("write the generated data here and keep it"))
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
        print(_("gmi-trainer: no records for patient '{patient}' in {folder}. Check the id "
                "(gmi-trainer patient show ID) and --data-dir.").format(patient=patient, folder=data_dir),
              file=sys.stderr)
        return None
    sessions, warnings = read_patient(data_dir, patient, rows=rows)
    for warning in warnings:
        print(_("warning: {warning}").format(warning=warning), file=sys.stderr)
    return patient, data_dir, sessions, warnings


def run_export(args: argparse.Namespace) -> int:
    if args.format == "redcap" and not args.out:
        print(_("gmi-trainer: --format redcap needs --out DATA.csv (the data dictionary is "
                "written beside it)."), file=sys.stderr)
        return 2
    problem = out_problem(Path(args.out)) if args.out else ""
    if problem:
        print(_("gmi-trainer: {problem}. Nothing was written.").format(problem=problem), file=sys.stderr)
        return 2
    found = _patient_records(args, rows=args.what == "trials" and args.format == "csv")
    if found is None:
        return 2
    patient, data_dir, sessions, _warnings = found
    if args.format in ("fhir", "redcap"):
        return _export_standard(args, patient, data_dir, sessions)
    if args.what == "sessions":
        count = write_sessions_csv(sessions, sys.stdout)
        print(ngettext("{count} session row.", "{count} session rows.", count).format(count=count),
              file=sys.stderr)
    else:
        count = write_csv(sessions, sys.stdout)
        print(ngettext("{count} trial row from {sessions} sessions.",
                       "{count} trial rows from {sessions} sessions.", count).format(
            count=count, sessions=len(sessions)), file=sys.stderr)
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
            print(_("warning: {warning}").format(warning=warning), file=sys.stderr)
        bundle = build_bundle(patient, sessions, treatment_facts(treatments),
                              datetime.now().astimezone())
        try:
            validate_bundle(bundle)
        except FhirError as error:
            print(_("gmi-trainer: the FHIR bundle did not validate, nothing was written: {error}")
                  .format(error=error), file=sys.stderr)
            return 1
        text = json.dumps(bundle, indent=1, ensure_ascii=False) + "\n"
        if not args.out:
            sys.stdout.write(text)
        else:
            write_text_atomic(Path(args.out), text)
        print(_("FHIR R4 Bundle: {count} resources, validated with fhir.resources.").format(
            count=len(bundle["entry"])) + (_(" Wrote {out}.").format(out=args.out) if args.out else ""),
              file=sys.stderr)
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
        print(_("gmi-trainer: cannot write {out}: {why}").format(out=out, why=error.strerror or error),
              file=sys.stderr)
        return 1
    print(ngettext("Wrote {count} REDCap record to {out} and the data dictionary to {dictionary}.",
                   "Wrote {count} REDCap records to {out} and the data dictionary to {dictionary}.",
                   count).format(count=count, out=out, dictionary=dictionary_path), file=sys.stderr)
    return 0


def run_report(args: argparse.Namespace) -> int:
    problem = out_problem(Path(args.out))
    if problem:
        print(_("gmi-trainer: {problem}. Nothing was written.").format(problem=problem), file=sys.stderr)
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
        print(_("warning: {warning}").format(warning=warning), file=sys.stderr)
    # The patient's language unless another is asked for: the report is read with them, or
    # by a therapist who chose it. With neither, the language the command speaks already.
    with use_language(args.language or (profile or {}).get("language") or language()):
        text = build_report(sessions, [*warnings, *treatment_warnings], patient, profile, planned,
                            datetime.now().astimezone().date(),
                            treatments=treatment_facts(treatments))
    out = Path(args.out)
    try:
        # A report is a health record like the sessions it comes from: owner-only.
        write_text_atomic(out, text)
    except OSError as error:
        print(_("gmi-trainer: cannot write {out}: {why}").format(out=out, why=error.strerror or error),
              file=sys.stderr)
        return 1
    print(ngettext("Wrote {out} ({size} KB, {count} session).",
                   "Wrote {out} ({size} KB, {count} sessions).", len(sessions)).format(
        out=out, size=len(text) // 1024, count=len(sessions)), file=sys.stderr)
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
