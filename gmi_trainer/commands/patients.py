"""`gmi-trainer patient create|show`: patient profiles from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from gmi_trainer.app.root import paths_from, plan_reference
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
    parser = subparsers.add_parser("patient", help="create or show a patient profile")
    commands = parser.add_subparsers(dest="patient_command", required=True)
    create = commands.add_parser("create", help="create or update a profile")
    create.add_argument("patient", help="pseudonymous id, e.g. P017")
    create.add_argument("--affected", required=True, choices=tuple(LIMB_CHOICES))
    create.add_argument("--name", default=None, help="optional display name")
    create.add_argument("--plan", default=None, help="assigned plan name")
    create.add_argument("--skin-tone", choices=SKIN_TONES, default=None)
    create.add_argument("--text-size", type=float, default=None,
                        help="text size, 0.75 to 1.5 (1.0 is normal)")
    contrast = create.add_mutually_exclusive_group()
    contrast.add_argument("--high-contrast", dest="high_contrast", action="store_true", default=None)
    contrast.add_argument("--normal-contrast", dest="high_contrast", action="store_false")
    create.add_argument("--condition", choices=CONDITIONS, default=None,
                        help="amputation (phantom and residual limb pain asked apart; the "
                        "default) or crps (one pain scale)")
    create.add_argument("--data-dir")
    create.set_defaults(handler=_create)
    show = commands.add_parser("show", help="print a profile")
    show.add_argument("patient")
    show.add_argument("--data-dir")
    show.add_argument("--json", action="store_true",
                      help="print where the patient stands as JSON: the profile, the stage "
                      "and why, today's and this week's counted sessions against the plan")
    show.set_defaults(handler=_show)
    delete = commands.add_parser("delete", help="delete a patient's profile and all records")
    delete.add_argument("patient")
    delete.add_argument("--yes", action="store_true",
                        help="do not ask; for scripts (the deletion cannot be undone)")
    delete.add_argument("--data-dir")
    delete.set_defaults(handler=_delete)
    stage = commands.add_parser("set-stage", help="put a patient in a stage of their plan's "
                                "programme (auto: let the records decide again)")
    stage.add_argument("patient")
    stage.add_argument("stage", help="a stage name from the plan's [[stages]], or auto")
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
        print(f"gmi-trainer: --text-size must be from {low:g} to {high:g}.", file=sys.stderr)
        return 2
    plan = plan_reference(paths_from(args), args.plan) if args.plan is not None else None
    for key, value in (("display_name", args.name), ("plan", plan), ("skin_tone", args.skin_tone),
                       ("text_scale", args.text_size), ("high_contrast", args.high_contrast),
                       ("condition", args.condition)):
        if value is not None:
            changes[key] = value
    profile = replace(profile, **changes)
    if args.plan is not None and not paths_from(args).plan_file(args.plan).is_file():
        print(f"gmi-trainer: no plan '{args.plan}' in {paths_from(args).exercises_dir}.", file=sys.stderr)
        return 2
    path = save_profile(data_dir, profile)
    print(f"Saved {path}")
    return 0


def _show(args: argparse.Namespace) -> int:
    try:
        profile = load_profile(paths_from(args).data_dir, args.patient)
    except ProfileError as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return 2
    if profile is None:
        print(f"gmi-trainer: no profile for '{args.patient}'.", file=sys.stderr)
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
        print(f"gmi-trainer: no patient '{args.patient}' in {data_dir}.", file=sys.stderr)
        return 2
    sessions, _ = read_patient(data_dir, args.patient)
    if not args.yes:
        print(f"This deletes {args.patient}'s profile and {len(sessions)} sessions in {folder}. "
              "It cannot be undone. Type the patient id to confirm: ", end="", flush=True)
        answer = sys.stdin.readline().strip()
        if answer != args.patient:
            print("Not deleted.", file=sys.stderr)
            return 1
    shutil.rmtree(folder)
    print(f"Deleted {args.patient} ({len(sessions)} sessions).")
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
        print(f"gmi-trainer: no profile for '{args.patient}'; create one first with "
              "'gmi-trainer patient create'.", file=sys.stderr)
        return 2
    stage = "" if args.stage == "auto" else args.stage
    if stage:
        try:
            plan = load_plan(paths_from(args).plan_file(profile.plan))
        except PlanError as error:
            print(f"gmi-trainer: the patient's plan cannot be read:\n{error}", file=sys.stderr)
            return 2
        names = [s.name for s in plan.stages]
        if stage not in names:
            allowed = ", ".join([*names, "auto"]) if names else "none: the plan has no stages"
            print(f"gmi-trainer: plan '{plan.name}' has no stage '{stage}' (allowed: {allowed}).",
                  file=sys.stderr)
            return 2
    path = save_profile(data_dir, replace(profile, stage_override=stage))
    print(f"Saved {path}: " + (f"stage '{stage}', set by the therapist." if stage else
                               "stage decided from the records again."))
    return 0
