"""`gmi-trainer therapist set-pin`: the PIN that protects therapist mode."""

from __future__ import annotations

import argparse
import getpass
import sys

from gmi_trainer.app.root import paths_from
from gmi_trainer.profiles.pin import PinError, PinStore


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("therapist", help="therapist settings")
    commands = parser.add_subparsers(dest="therapist_command", required=True)
    set_pin = commands.add_parser("set-pin", help="set or change the therapist PIN")
    set_pin.add_argument("--data-dir")
    set_pin.add_argument("--pin-stdin", action="store_true",
                         help="read the PIN from standard input (for set-up scripts)")
    set_pin.set_defaults(handler=_set_pin)


def _set_pin(args: argparse.Namespace) -> int:
    store = PinStore(paths_from(args).data_dir)
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    else:
        pin = getpass.getpass("New therapist PIN (digits): ")
        if getpass.getpass("The same PIN again: ") != pin:
            print("gmi-trainer: the two PINs differ; nothing changed.", file=sys.stderr)
            return 2
    try:
        store.set_pin(pin)
    except PinError as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    print(f"Therapist PIN saved (as a salted hash) in {store.path}.")
    return 0
