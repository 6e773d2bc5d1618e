"""`gmi-trainer validate FILE...`: check plan files before a patient meets them."""

from __future__ import annotations

import argparse
import sys

from gmi_trainer.plans.loader import PlanError, load_plan


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("validate", help="check plan files; exit 0 if all are valid, 2 if not")
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
        stages = (f"; stages: {', '.join(s.name for s in plan.stages)}" if plan.stages else "")
        print(f"{name}: valid plan '{plan.name}' ({blocks}; about {plan.planned_minutes:g} "
              f"minutes{stages})")
    if failed:
        print(f"{failed} of {len(args.files)} plan file(s) have problems.", file=sys.stderr)
        return 2
    return 0
