"""Command line: `gmi-trainer [run]`, `validate`, `export`, `patient`, `media`, `bench`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Sequence

from gmi_trainer import __version__

# Each area of the program adds its own sub-commands through a `register(subparsers)`
# function in its `commands` module; importing is deferred so that `gmi-trainer` starts
# fast and an area's heavy dependencies load only when its command runs.
# A module may also define `register_bench(bench_subparsers)` to add `gmi-trainer bench NAME`.
COMMAND_MODULES = (
    "gmi_trainer.app.commands",
    "gmi_trainer.plans.commands",
    "gmi_trainer.records.commands",
    "gmi_trainer.profiles.commands",
    "gmi_trainer.profiles.therapist_commands",
    "gmi_trainer.stimuli.commands",
    "gmi_trainer.mirror.commands",
    "gmi_trainer.supervise.commands",
)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gmi-trainer",
        description="Graded motor imagery and mirror therapy trainer. "
        "With no command, starts the trainer with the default plan.",
    )
    parser.add_argument("--version", action="version", version=f"gmi-trainer {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    bench = subparsers.add_parser("bench", help="measure performance and print figures")
    bench_subparsers = bench.add_subparsers(dest="bench", metavar="NAME", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            # An area that is not part of this build is simply absent; anything else missing
            # inside an area is a real error.
            if not error.name or not name.startswith(error.name):
                raise
            continue
        if hasattr(module, "register"):
            module.register(subparsers)
        if hasattr(module, "register_bench"):
            module.register_bench(bench_subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args_list or args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version"):
        args_list = ["run", *args_list]
    args = parser.parse_args(args_list)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
