"""`gmi-trainer capture`: take pictures of the patient's own intact hand with the webcam
(or from a recording), or delete them."""

from __future__ import annotations

import argparse
import sys

from gmi_trainer.app.root import paths_from
from gmi_trainer.commands.patient_arg import patient_arg
from gmi_trainer.i18n import _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "capture", help=_("take pictures of the patient's own intact hand (or delete them)"),
        description=_("Shows the camera with the outline of each hand posture to copy; a "
        "posture held still is taken, cut out of the background and mirrored into the other "
        "side's picture. Only the intact hand is shown to the camera. The pictures are kept "
        "owner-only in the patient's folder; a plan uses them with pictures = \"own\" or \"mixed\"."))
    parser.add_argument("--patient", required=True)
    parser.add_argument("--camera", default="0",
                        help=_("a webcam number (default 0) or a recorded video file"))
    parser.add_argument("--only", default="",
                        help=_("take (or retake) only these, e.g. fist:back,flat:palm"))
    parser.add_argument("--windowed", action="store_true", help=_("a window instead of full screen"))
    parser.add_argument("--headless", action="store_true",
                        help=_("no window (a recording): each posture in turn, as a patient who "
                        "holds it still; one not taken within --skip-after-s is skipped"))
    parser.add_argument("--skip-after-s", type=float, default=6.0,
                        help=_("with --headless: seconds of the recording to wait for a posture"))
    parser.add_argument("--delete", action="store_true", help=_("delete the patient's own pictures"))
    parser.add_argument("--yes", action="store_true", help=_("with --delete: do not ask"))
    parser.add_argument("--data-dir")
    parser.set_defaults(handler=_capture)


def _capture(args: argparse.Namespace) -> int:
    patient = patient_arg(args)
    if patient is None:
        return 2
    paths = paths_from(args)
    if args.delete:
        return _delete(args, paths.data_dir, patient)
    from gmi_trainer.app.capture_app import run_capture

    return run_capture(args, paths, patient)


def _delete(args: argparse.Namespace, data_dir: object, patient: str) -> int:
    from pathlib import Path

    from gmi_trainer.capture import own_set

    folder = own_set.folder(Path(str(data_dir)), patient)
    if not folder.exists():
        print(_("No own pictures for {patient}.").format(patient=patient))
        return 0
    if not args.yes:
        try:
            answer = input(_("Delete every own picture of {patient} in {folder}? Type the id to "
                             "confirm: ").format(patient=patient, folder=folder))
        except EOFError:
            answer = ""
        if answer.strip() != patient:
            print(_("Nothing deleted."), file=sys.stderr)
            return 1
    removed = own_set.delete(Path(str(data_dir)), patient)
    print(ngettext("Deleted {count} picture of {patient}.", "Deleted {count} pictures of {patient}.",
                   removed).format(count=removed, patient=patient))
    return 0
