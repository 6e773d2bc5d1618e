"""Command line: `gmi-trainer [run]`, `validate`, `export`, `patient`, `media`, `bench`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Sequence

from gmi_trainer import __version__
from gmi_trainer.i18n import LANGUAGES, _, language_from_environment, set_language, translate_argparse

# Each sub-command lives in its own module of gmi_trainer.commands with a
# `register(subparsers)` function (and `register_bench(bench_subparsers)` for
# `gmi-trainer bench NAME`); importing is deferred so that `gmi-trainer` starts fast and an
# area's heavy dependencies load only when its command runs.
COMMAND_MODULES = (
    "gmi_trainer.commands.run",
    "gmi_trainer.commands.validate",
    "gmi_trainer.commands.records",
    "gmi_trainer.commands.patients",
    "gmi_trainer.commands.therapist",
    "gmi_trainer.commands.media",
    "gmi_trainer.commands.bench_mirror",
    "gmi_trainer.commands.supervise",
    "gmi_trainer.commands.remind",
    "gmi_trainer.commands.screens",
    "gmi_trainer.commands.treatments",
    "gmi_trainer.commands.capture",
)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gmi-trainer",
        description=_("Graded motor imagery and mirror therapy trainer. "
                      "With no command, starts the trainer with the default plan."),
    )
    parser.add_argument("--version", action="version", version=f"gmi-trainer {__version__}",
                        help=_("show program's version number and exit"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    bench = subparsers.add_parser("bench", help=_("measure performance and print figures"))
    bench_subparsers = bench.add_subparsers(dest="bench", metavar="NAME", required=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "register"):
            module.register(subparsers)
        if hasattr(module, "register_bench"):
            module.register_bench(bench_subparsers)
    return parser


def language_asked(args_list: Sequence[str]) -> str:
    """The shipped language a `--language L` (or `--language=L`) among the arguments names."""
    for i, arg in enumerate(args_list):
        value = args_list[i + 1] if arg == "--language" and i + 1 < len(args_list) else (
            arg.partition("=")[2] if arg.startswith("--language=") else "")
        if value in LANGUAGES:
            return value
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    args_list = list(sys.argv[1:] if argv is None else argv)
    # Help and messages in the language asked for, before the parser's help texts are made.
    set_language(language_asked(args_list) or language_from_environment(dict(os.environ)))
    translate_argparse()
    parser = build_parser()
    if not args_list or args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version"):
        args_list = ["run", *args_list]
    args = parser.parse_args(args_list)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`... | head`): nothing is wrong with the data.
        # Point stdout at nothing so the interpreter's final flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
