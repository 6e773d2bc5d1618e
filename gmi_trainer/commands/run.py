"""`gmi-trainer run`: the trainer itself, in a window or headless with the autopilot."""

from __future__ import annotations

import argparse

from gmi_trainer.core.autopilot import MODES
from gmi_trainer.i18n import LANGUAGES, _
from gmi_trainer.vocabulary import AFFECTED_CHOICES


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("run", help=_("start the trainer (the default command)"))
    add_run_arguments(parser)
    parser.set_defaults(handler=_run)


def register_bench(bench_subparsers: argparse._SubParsersAction) -> None:
    from gmi_trainer.bench.startup import register_bench as register_startup
    from gmi_trainer.bench.faults import register_bench as register_faults
    from gmi_trainer.bench.rt import register_bench as register_rt

    register_startup(bench_subparsers)
    register_rt(bench_subparsers)
    register_faults(bench_subparsers)


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plan", help=_("plan name in exercises/ (e.g. default) or a .toml path; "
                        "default: the patient's assigned plan"))
    parser.add_argument("--patient", help=_("pseudonymous patient id (default: $GMI_TRAINER_PATIENT or 'me')"))
    parser.add_argument("--data-dir", help=_("where records go (default: $GMI_TRAINER_DATA or sessions/)"))
    parser.add_argument("--seed", type=int, help=_("random seed for the picture order"))
    parser.add_argument("--stage", help=_("run this stage of the plan's programme (a [[stages]] "
                        "name) instead of the one the records decide; for this run only: "
                        "later sessions' stages are decided as if it had not happened"))
    parser.add_argument("--affected", choices=tuple(AFFECTED_CHOICES),
                        help=_("set the patient's affected limb (saved in their profile)"))
    parser.add_argument("--headless", action="store_true", help=_("no window (needs --autopilot)"))
    parser.add_argument("--autopilot", choices=MODES,
                        help=_("a scripted patient answers every screen: correct, wrong or random"))
    parser.add_argument("--realtime", action="store_true",
                        help=_("headless on the wall clock instead of a simulated one"))
    parser.add_argument("--camera", default="0",
                        help=_("mirror therapy picture: a webcam number (0 or webcam:0), a video "
                        "file (path or file:PATH), a network camera (rtsp://, http://, "
                        "https://), or 'synthetic' (default: 0; a headless run always uses "
                        "'synthetic')"))
    parser.add_argument("--windowed", action="store_true", help=_("a window instead of full screen"))
    parser.add_argument("--language", choices=tuple(LANGUAGES),
                        help=_("the language of every screen for this run (default: the "
                        "patient's, chosen at first start or in therapist mode)"))
    # A scripted programme: days of sessions checked without a person (headless only).
    parser.add_argument("--at", metavar="DATETIME",
                        help=_("headless: the session's simulated start, e.g. 2026-03-02T09:00 "
                        "(local time unless an offset is given)"))
    parser.add_argument("--pain", metavar="BEFORE,AFTER",
                        help=_("headless: the autopilot's pain answers, 0-10 each, e.g. 3,2"))
    parser.add_argument("--end-after-s", type=float, metavar="N",
                        help=_("headless: the autopilot closes the window after N seconds of "
                        "the session"))
    parser.add_argument("--count-as-patient", action="store_true",
                        help=_("this autopilot run counts for stages and adherence like the "
                        "patient's own (without it autopilot runs are left out)"))
    parser.add_argument("--exit-after-first-frame", action="store_true", help=argparse.SUPPRESS)


def _run(args: argparse.Namespace) -> int:
    from gmi_trainer.app.root import run_from_args

    return run_from_args(args)
