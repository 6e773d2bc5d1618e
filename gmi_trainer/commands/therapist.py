"""`gmi-trainer therapist set-pin` and `reset-pin`: the PIN that protects therapist mode."""

from __future__ import annotations

import argparse
import getpass
import sys

from gmi_trainer.app.root import paths_from
from gmi_trainer.i18n import _
from gmi_trainer.profiles.pin import PinError, PinStore


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("therapist", help=_("therapist settings"))
    commands = parser.add_subparsers(dest="therapist_command", required=True)
    set_pin = commands.add_parser("set-pin", help=_("set the therapist PIN, or change it "
                                  "(changing needs the current PIN)"))
    set_pin.add_argument("--data-dir")
    set_pin.add_argument("--pin-stdin", action="store_true",
                         help=_("read the PIN from standard input (for set-up scripts); when a "
                         "PIN is already set, the first line is the current PIN and the "
                         "second the new one"))
    set_pin.set_defaults(handler=_set_pin)
    reset = commands.add_parser("reset-pin", help=_("forget a forgotten PIN: removes only the "
                                "PIN, never a record or a profile"))
    reset.add_argument("--data-dir")
    reset.add_argument("--yes", action="store_true", help=_("do not ask to confirm"))
    reset.set_defaults(handler=_reset_pin)


def _set_pin(args: argparse.Namespace) -> int:
    store = PinStore(paths_from(args).data_dir)
    current = None
    if args.pin_stdin:
        if store.is_set():
            current = sys.stdin.readline().strip()
        pin = sys.stdin.readline().strip()
    else:
        if store.is_set():
            current = getpass.getpass(_("Current therapist PIN: "))
        pin = getpass.getpass(_("New therapist PIN (digits): "))
        if getpass.getpass(_("The same PIN again: ")) != pin:
            print(_("gmi-trainer: the two PINs differ; nothing changed."), file=sys.stderr)
            return 2
    try:
        store.set_pin(pin, current)
    except PinError as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    print(_("Therapist PIN saved (as a salted hash) in {path}.").format(path=store.path))
    return 0


def _reset_pin(args: argparse.Namespace) -> int:
    store = PinStore(paths_from(args).data_dir)
    if not store.is_set():
        print(_("No therapist PIN is set in {folder}; nothing to reset.").format(folder=store.path.parent))
        return 0
    if not args.yes:
        # RESET stays the word to type in every language: it is what the check compares.
        print(_("This removes the therapist PIN ({path}). Records and profiles stay. "
                "Type RESET to go on:").format(path=store.path))
        if sys.stdin.readline().strip() != "RESET":
            print(_("gmi-trainer: not reset."), file=sys.stderr)
            return 1
    store.reset()
    print(_("The therapist PIN is removed. Therapist mode stays closed until a new PIN is set "
            "with 'gmi-trainer therapist set-pin'."))
    return 0
