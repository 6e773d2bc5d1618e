"""Reading a plan file: only a regular file of a plan's size, decoded as UTF-8, then
validated (plans/validation.py)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from gmi_trainer.i18n import _
from gmi_trainer.plans.model import Plan
from gmi_trainer.plans.validation import PlanError, parse_plan

__all__ = ["MAX_PLAN_BYTES", "PlanError", "load_plan"]  # PlanError: what load_plan raises

# A plan is a page or two of text; its text is copied into every session's manifest.
MAX_PLAN_BYTES = 256 * 1024


def load_plan(path: str | Path) -> Plan:
    """Read and validate a plan file; raise PlanError naming every problem."""
    path = Path(path)
    try:
        # Non-blocking, so that a FIFO named as a plan cannot hang the program.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise PlanError(str(path), [_("{path}: plan file not found. Check the name, or list the "
                                    "plans in the exercises/ folder.").format(path=path)]) from None
    except OSError as error:
        raise PlanError(str(path), [_("{path}: cannot read the plan file ({strerror}).").format(path=path, strerror=error.strerror)]) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise PlanError(str(path), [_("{path}: is not a plan file (not a regular file).").format(path=path)])
        with os.fdopen(os.dup(fd), "rb") as handle:
            raw = handle.read(MAX_PLAN_BYTES + 1)
    except OSError as error:
        raise PlanError(str(path), [_("{path}: cannot read the plan file ({strerror}).").format(path=path, strerror=error.strerror)]) from None
    finally:
        os.close(fd)
    if len(raw) > MAX_PLAN_BYTES:
        raise PlanError(str(path), [_("{path}: larger than {value} KB; a plan "
                                    "is a page or two of text. Shorten its descriptions.").format(path=path, value=MAX_PLAN_BYTES // 1024)])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PlanError(str(path), [_("{path}: not a text file in UTF-8; save it as UTF-8 text.").format(path=path)]) from None
    return parse_plan(text, str(path))
