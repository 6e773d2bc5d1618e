"""`gmi-trainer remind install|status|remove|notify`: reminders for the day's sessions,
scheduled with the operating system's own scheduler (app/reminders.py)."""

from __future__ import annotations

import argparse
import os
import sys

from gmi_trainer.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "remind", help=_("desktop reminders for the day's sessions (the system's scheduler)"))
    commands = parser.add_subparsers(dest="remind_command", required=True)
    install = commands.add_parser("install", help=_("remind at these times every day"))
    install.add_argument("--times", required=True,
                         help=_("times of day, e.g. 09:00,13:00,17:00,21:00"))
    status = commands.add_parser("status", help=_("show the reminder times that are scheduled"))
    remove = commands.add_parser("remove", help=_("remove the reminders"))
    notify = commands.add_parser("notify", help=_("send the reminder now (what the scheduler runs)"))
    notify.add_argument("--dry-run", action="store_true",
                        help=_("print the notification instead of sending it"))
    for command in (install, status, remove, notify):
        command.add_argument("--patient", help=_("pseudonymous patient id (default: "
                             "$GMI_TRAINER_PATIENT or 'me')"))
        command.add_argument("--data-dir")
    for command in (install, status, remove):
        command.add_argument("--scheduler", default="auto",
                             choices=("auto", "systemd", "cron", "schtasks", "launchd"),
                             help=_("default: the platform's own (on Linux a systemd user timer "
                             "if systemd runs for the user, else cron)"))
    for command, handler in ((install, _install), (status, _status), (remove, _remove),
                             (notify, _notify)):
        command.set_defaults(handler=handler)


def _fail(message: str) -> int:
    print(f"gmi-trainer: {message}", file=sys.stderr)
    return 2


def _patient(args: argparse.Namespace) -> tuple[object, str]:
    from gmi_trainer.app.root import paths_from
    from gmi_trainer.profiles.model import ProfileError, check_patient_id

    paths = paths_from(args)
    try:
        return paths, check_patient_id(paths.patient)
    except ProfileError as error:
        return paths, f"!{error}"


def _scheduler(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from gmi_trainer.app.reminders import choose_scheduler

    return choose_scheduler(args.scheduler, os.environ)


def _install(args: argparse.Namespace) -> int:
    from gmi_trainer.app.reminders import ReminderError, notify_command, parse_times

    paths, patient = _patient(args)
    if patient.startswith("!"):
        return _fail(patient[1:])
    try:
        times = parse_times(args.times)
        scheduler = _scheduler(args)
        written = scheduler.install(patient, times, notify_command(patient, paths.data_dir))  # type: ignore[attr-defined]
        shown = scheduler.status(patient)
    except ReminderError as error:
        return _fail(str(error))
    print(_("Reminders for {patient} at {times} every day ({scheduler}):").format(
        patient=patient, times=", ".join(shown), scheduler=scheduler.name))
    for line in written:
        print(f"  {line}")
    return 0


def _status(args: argparse.Namespace) -> int:
    from gmi_trainer.app.reminders import ReminderError

    _paths, patient = _patient(args)
    if patient.startswith("!"):
        return _fail(patient[1:])
    try:
        scheduler = _scheduler(args)
        times = scheduler.status(patient)
    except ReminderError as error:
        return _fail(str(error))
    if times:
        print(_("Reminders for {patient} at {times} every day ({scheduler}).").format(
            patient=patient, times=", ".join(times), scheduler=scheduler.name))
    else:
        print(_("No reminders are scheduled for {patient} ({scheduler}).").format(
            patient=patient, scheduler=scheduler.name))
    return 0


def _remove(args: argparse.Namespace) -> int:
    from gmi_trainer.app.reminders import ReminderError

    _paths, patient = _patient(args)
    if patient.startswith("!"):
        return _fail(patient[1:])
    try:
        scheduler = _scheduler(args)
        removed = scheduler.remove(patient)
    except ReminderError as error:
        return _fail(str(error))
    print((_("Reminders for {patient} removed ({scheduler}).") if removed
           else _("There were no reminders for {patient} ({scheduler}).")).format(
        patient=patient, scheduler=scheduler.name))
    return 0


def _notify(args: argparse.Namespace) -> int:
    from datetime import datetime

    from gmi_trainer.app.reminders import ReminderError, reminder_text, send_notification
    from gmi_trainer.app.status import patient_status
    from gmi_trainer.i18n import language_from_environment, set_language
    from gmi_trainer.profiles.model import ProfileError
    from gmi_trainer.profiles.store import load_profile

    paths, patient = _patient(args)
    if patient.startswith("!"):
        return _fail(patient[1:])
    try:
        profile = load_profile(paths.data_dir, patient)  # type: ignore[attr-defined]
    except ProfileError as error:
        return _fail(str(error))
    if profile is None:
        return _fail(_("no profile for '{patient}': start the trainer once first.").format(patient=patient))
    # The notification in the patient's language (their profile's, else the environment's).
    set_language(profile.language or language_from_environment(dict(os.environ)))
    status = patient_status(paths, profile, datetime.now().astimezone())  # type: ignore[arg-type]
    text = reminder_text(status)
    if text is None:
        print(_("No reminder: a pain alert today: the advice is to rest.") if status.pain_alerts_today
              else _("No reminder: every session for today is done."))
        return 0
    title, message = text
    if args.dry_run:
        print(f"{title}\n{message}")
        return 0
    try:
        send_notification(title, message)
    except ReminderError as error:
        return _fail(str(error))
    print(_("Sent: {title}").format(title=title))
    return 0
