"""`gmi-trainer validate FILE...`: check plan files before a patient meets them."""

from __future__ import annotations

import argparse
import sys

from gmi_trainer.i18n import _, ngettext
from gmi_trainer.plans.loader import PlanError, load_plan


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("validate", help=_("check plan files; exit 0 if all are valid, 2 if not"))
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.set_defaults(handler=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    failed = 0
    for name in args.files:
        try:
            plan = load_plan(name)
        except PlanError as error:
            failed += 1
            for problem in error.problems:
                print(problem, file=sys.stderr)
            continue
        blocks = ", ".join(f"{len(getattr(plan, p))} {p}" for p in plan.phases())
        stages = (_("; stages: {names}").format(names=", ".join(s.name for s in plan.stages))
                  if plan.stages else "")
        print(_("{name}: valid plan '{plan}' ({blocks}; about {minutes:g} "
              "minutes{stages})").format(name=name, plan=plan.name, blocks=blocks,
                                         minutes=plan.planned_minutes, stages=stages))
    if failed:
        print(ngettext("{failed} of {total} plan file has problems.",
                       "{failed} of {total} plan files have problems.",
                       len(args.files)).format(failed=failed, total=len(args.files)),
              file=sys.stderr)
        return 2
    return 0
