"""Choosing one of a few options, the same way on every screen: arrows move the focus,
Enter picks it, a click or a number key picks directly. One place, so a pedal or a
keyboard behaves identically on the home screen, the camera question and the pause box."""

from __future__ import annotations

from typing import Mapping, Sequence

from gmi_trainer.core import inputs as act
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.views import Option
from gmi_trainer.i18n import _
from gmi_trainer.profiles.model import first_key_label

PAUSE_CHOICES = ("resume", "end")


def pick(inp: Input, ids: Sequence[str], focus: int) -> tuple[int, str | None]:
    """The new focus, and the chosen id if this input chose one."""
    if inp.action in (act.UP, act.LEFT):
        return (focus - 1) % len(ids), None
    if inp.action in (act.DOWN, act.RIGHT):
        return (focus + 1) % len(ids), None
    if inp.action == act.CONFIRM:
        return focus, ids[focus]
    if inp.action == act.SELECT:
        if isinstance(inp.value, int) and 1 <= inp.value <= len(ids):
            return focus, ids[inp.value - 1]
        if inp.value in ids:
            return focus, str(inp.value)
    return focus, None


def pause_options(keys: Mapping[str, Sequence[str]], end_label: str) -> tuple[Option, Option]:
    """The pause box's Resume and End, each with the patient's key for it."""
    return (Option(PAUSE_CHOICES[0], _("Resume"), first_key_label(keys, act.CONFIRM)),
            Option(PAUSE_CHOICES[1], end_label, first_key_label(keys, act.END)))


def pause_choice(inp: Input, focus: int) -> tuple[int, str | None]:
    """In the pause box: Resume or End. The pause key again resumes, the end key (E) or
    closing the window ends; number keys do nothing here, so a stray digit cannot end a
    session."""
    if inp.action == act.PAUSE:
        return focus, "resume"
    if inp.action in (act.END, act.QUIT):
        return focus, "end"
    if inp.action == act.SELECT and isinstance(inp.value, int):
        return focus, None
    return pick(inp, PAUSE_CHOICES, focus)
