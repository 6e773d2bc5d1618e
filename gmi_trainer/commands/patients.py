"""`gmi-trainer patient create|show`: patient profiles from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from gmi_trainer.app.root import paths_from, plan_reference
from gmi_trainer.i18n import LANGUAGES, _, ngettext
from gmi_trainer.profiles.model import (
    TEXT_SCALE_RANGE,
    LIMB_CHOICES,
    SKIN_TONES,
    Profile,
    ProfileError,
    check_patient_id,
)
from gmi_trainer.profiles.store import load_profile, save_profile
from gmi_trainer.vocabulary.clinical import CONDITIONS


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("patient", help=_("create or show a patient profile"))
    commands = parser.add_subparsers(dest="patient_command", required=True)
    create = commands.add_parser("create", help=_("create or update a profile"))
    create.add_argument("patient", help=_("pseudonymous id, e.g. P017"))
    create.add_argument("--affected", required=True, choices=tuple(LIMB_CHOICES))
    create.add_argument("--name", default=None, help=_("optional display name"))
    create.add_argument("--plan", default=None, help=_("assigned plan name"))
    create.add_argument("--skin-tone", choices=SKIN_TONES, default=None)
    create.add_argument("--text-size", type=float, default=None,
                        help=_("text size, 0.75 to 1.5 (1.0 is normal)"))
    contrast = create.add_mutually_exclusive_group()
    contrast.add_argument("--high-contrast", dest="high_contrast", action="store_true", default=None)
    contrast.add_argument("--normal-contrast", dest="high_contrast", action="store_false")
    create.add_argument("--condition", choices=CONDITIONS, default=None,
                        help=_("amputation (phantom and residual limb pain asked apart; the "
                        "default) or crps (one pain scale)"))
    create.add_argument("--language", choices=tuple(LANGUAGES), default=None,
                        help=_("the language every screen speaks to this patient (as chosen on "
                        "the first start)"))
    create.add_argument("--data-dir")
    create.set_defaults(handler=_create)
    show = commands.add_parser("show", help=_("print a profile"))
    show.add_argument("patient")
    show.add_argument("--data-dir")
    show.add_argument("--json", action="store_true",
                      help=_("print where the patient stands as JSON: the profile, the stage "
                      "and why, today's and this week's counted sessions against the plan"))
    show.set_defaults(handler=_show)
    delete = commands.add_parser("delete", help=_("delete a patient's profile and all records"))
    delete.add_argument("patient")
    delete.add_argument("--yes", action="store_true",
                        help=_("do not ask; for scripts (the deletion cannot be undone)"))
    delete.add_argument("--data-dir")
    delete.set_defaults(handler=_delete)
    stage = commands.add_parser("set-stage", help=_("put a patient in a stage of their plan's "
                                "programme (auto: let the records decide again)"))
    stage.add_argument("patient")
    stage.add_argument("stage", help=_("a stage name from the plan's [[stages]], or auto"))
    stage.add_argument("--data-dir")
    stage.set_defaults(handler=_set_stage)


def _create(args: argparse.Namespace) -> int:
    data_dir = paths_from(args).data_dir
    limb, side = LIMB_CHOICES[args.affected]
    try:
        profile = load_profile(data_dir, args.patient) or Profile(args.patient, limb, side)
    except ProfileError as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    changes = {"affected_limb": limb, "affected_side": side}
    low, high = TEXT_SCALE_RANGE
    if args.text_size is not None and not low <= args.text_size <= high:
        print(_("gmi-trainer: --text-size must be from {low} to {high}.").format(low=f"{low:g}", high=f"{high:g}"),
              file=sys.stderr)
        return 2
    plan = plan_reference(paths_from(args), args.plan) if args.plan is not None else None
    for key, value in (("display_name", args.name), ("plan", plan), ("skin_tone", args.skin_tone),
                       ("text_scale", args.text_size), ("high_contrast", args.high_contrast),
                       ("condition", args.condition), ("language", args.language)):
        if value is not None:
            changes[key] = value
    profile = replace(profile, **changes)
    if args.plan is not None and not paths_from(args).plan_file(args.plan).is_file():
        print(_("gmi-trainer: no plan '{plan}' in {folder}.").format(
            plan=args.plan, folder=paths_from(args).exercises_dir), file=sys.stderr)
        return 2
    path = save_profile(data_dir, profile)
    print(_("Saved {path}").format(path=path))
    return 0


def _show(args: argparse.Namespace) -> int:
    try:
        profile = load_profile(paths_from(args).data_dir, args.patient)
    except ProfileError as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    if profile is None:
        print(_("gmi-trainer: no profile for '{patient}'.").format(patient=args.patient), file=sys.stderr)
        return 2
    if not args.json:
        print(json.dumps(profile.to_json(), indent=2))
        return 0
    from datetime import datetime

    from gmi_trainer.app.status import patient_status

    status = patient_status(paths_from(args), profile, datetime.now().astimezone())
    print(json.dumps({**status.to_json(), "profile": profile.to_json()}, indent=2,
                     ensure_ascii=False))
    return 0


def _delete(args: argparse.Namespace) -> int:
    import shutil

    from gmi_trainer.records.reader import read_patient

    try:
        check_patient_id(args.patient)
    except ProfileError as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    data_dir = paths_from(args).data_dir
    folder = data_dir / args.patient
    if not folder.is_dir():
        print(_("gmi-trainer: no patient '{patient}' in {folder}.").format(
            patient=args.patient, folder=data_dir), file=sys.stderr)
        return 2
    sessions, _warnings = read_patient(data_dir, args.patient)
    if not args.yes:
        print(ngettext("This deletes the profile of {patient} and {count} session in {folder}. "
                       "It cannot be undone. Type the patient id to confirm: ",
                       "This deletes the profile of {patient} and {count} sessions in {folder}. "
                       "It cannot be undone. Type the patient id to confirm: ",
                       len(sessions)).format(patient=args.patient, count=len(sessions), folder=folder),
              end="", flush=True)
        answer = sys.stdin.readline().strip()
        if answer != args.patient:
            print(_("Not deleted."), file=sys.stderr)
            return 1
    shutil.rmtree(folder)
    print(ngettext("Deleted {patient} ({count} session).", "Deleted {patient} ({count} sessions).",
                   len(sessions)).format(patient=args.patient, count=len(sessions)))
    return 0

def _set_stage(args: argparse.Namespace) -> int:
    from gmi_trainer.plans.loader import PlanError, load_plan

    data_dir = paths_from(args).data_dir
    try:
        profile = load_profile(data_dir, args.patient)
    except ProfileError as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    if profile is None:
        print(_("gmi-trainer: no profile for '{patient}'; create one first with "
                "'gmi-trainer patient create'.").format(patient=args.patient), file=sys.stderr)
        return 2
    stage = "" if args.stage == "auto" else args.stage
    if stage:
        try:
            plan = load_plan(paths_from(args).plan_file(profile.plan))
        except PlanError as error:
            print(_("gmi-trainer: the patient's plan cannot be read:\n{error}").format(error=error),
                  file=sys.stderr)
            return 2
        names = [s.name for s in plan.stages]
        if stage not in names:
            allowed = ", ".join([*names, "auto"]) if names else _("none: the plan has no stages")
            print(_("gmi-trainer: plan '{plan}' has no stage '{stage}' (allowed: {allowed}).").format(
                plan=plan.name, stage=stage, allowed=allowed), file=sys.stderr)
            return 2
    path = save_profile(data_dir, replace(profile, stage_override=stage))
    print(_("Saved {path}: ").format(path=path)
          + (_("stage '{stage}', set by the therapist.").format(stage=stage) if stage else
             _("stage decided from the records again.")))
    return 0
