"""`gmi-trainer treatment add|list`: the other treatments a therapist records (medicines, TENS,
nerve blocks, surgery, psychological therapy, a new prosthesis)."""

from __future__ import annotations

import argparse
import sys

from gmi_trainer.app.root import paths_from
from gmi_trainer.i18n import _, format_date
from gmi_trainer.commands.patient_arg import patient_arg
from gmi_trainer.records.treatments import (
    TreatmentError,
    add_treatment,
    make_treatment,
    read_treatments,
)
from gmi_trainer.vocabulary.clinical import TREATMENT_KINDS


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("treatment", help=_("record or list a patient's other treatments"))
    commands = parser.add_subparsers(dest="treatment_command", required=True)
    add = commands.add_parser("add", help=_("record a dated treatment event"))
    add.add_argument("--patient", required=True)
    add.add_argument("--date", required=True, help=_("the day, e.g. 2026-03-01"))
    add.add_argument("--kind", required=True, choices=tuple(TREATMENT_KINDS))
    add.add_argument("--name", default="", help=_("a medicine's name (required for medicines), "
                     "or what was done, e.g. 'targeted muscle reinnervation'"))
    add.add_argument("--dose", default="", help=_("as text, e.g. '75 mg twice a day'"))
    add.add_argument("--note", default="")
    add.add_argument("--data-dir")
    add.set_defaults(handler=_add)
    show = commands.add_parser("list", help=_("print a patient's treatments, oldest first"))
    show.add_argument("--patient", required=True)
    show.add_argument("--data-dir")
    show.set_defaults(handler=_list)


def _add(args: argparse.Namespace) -> int:
    data_dir = paths_from(args).data_dir
    patient = patient_arg(args)
    if patient is None:
        return 2
    try:
        treatment = make_treatment(args.date, args.kind, args.name, args.dose, args.note)
    except TreatmentError as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    if not (data_dir / patient).is_dir():
        print(_("gmi-trainer: no patient '{patient}' in {folder} (gmi-trainer patient create).")
              .format(patient=patient, folder=data_dir), file=sys.stderr)
        return 2
    path = add_treatment(data_dir / patient, treatment)
    print(_("Recorded {treatment} on {day} in {path}").format(
        treatment=treatment.facts().words(), day=format_date(treatment.on), path=path))
    return 0


def _list(args: argparse.Namespace) -> int:
    patient = patient_arg(args)
    if patient is None:
        return 2
    treatments, warnings = read_treatments(paths_from(args).data_dir / patient)
    for warning in warnings:
        print(_("warning: {warning}").format(warning=warning), file=sys.stderr)
    for number, treatment in enumerate(treatments, start=1):
        note = f"  ({treatment.note})" if treatment.note else ""
        print(f"T{number}  {treatment.on.isoformat()}  {treatment.facts().words()}{note}")
    if not treatments:
        print(_("No treatments recorded for {patient}.").format(patient=patient))
    return 0
