"""The `--patient` argument every per-patient command takes, checked in one place."""

from __future__ import annotations

import argparse
import sys

from gmi_trainer.profiles.model import ProfileError, check_patient_id


def patient_arg(args: argparse.Namespace) -> str | None:
    """The patient id, or None after saying on standard error why it cannot be one."""
    try:
        return check_patient_id(args.patient)
    except ProfileError as error:
        print(f"gmi-trainer: {error}", file=sys.stderr)
        return None
