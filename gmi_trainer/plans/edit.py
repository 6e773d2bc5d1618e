"""Changing a plan's settings from the program, as text: the file keeps its comments and
layout, and the result is validated by the same loader as any plan file before it is kept."""

from __future__ import annotations

from dataclasses import dataclass
from textwrap import shorten
from typing import Any

from gmi_trainer.i18n import N_, _, plan_text
from gmi_trainer.plans.validation import (
    EXERCISE_KEYS,
    IMAGERY_KEYS,
    LATERALITY_KEYS,
    MIRROR_KEYS,
    PLAN_KEYS,
    Spec,
    _key_lines,
)
from gmi_trainer.plans.model import Plan

Where = tuple[Any, ...]  # e.g. ("laterality", 0, "trials")


@dataclass(frozen=True)
class Setting:
    """One number a therapist may change in the program, with the loader's own limits."""

    where: Where
    label: str
    value: float
    spec: Spec
    step: float

    def moved(self, steps: int) -> float:
        value = self.value + steps * self.step
        low = self.spec.low if self.spec.low is not None else value
        high = self.spec.high if self.spec.high is not None else value
        value = min(high, max(low, value))
        return int(round(value)) if self.spec.kind == "int" else round(value, 2)


STEPS = {"trials": 4, "practice_trials": 1, "deadline_ms": 500, "iti_ms": 50,
         "feedback_ms": 100, "pictures": 1, "repetitions": 1, "demo_s": 1.0,
         "max_movement_s": 5.0, "settle_s": 5.0, "duration_s": 15.0, "metronome_bpm": 5,
         "planned_minutes": 1.0, "sessions_per_day": 1}
LABELS = {"trials": N_("pictures"), "practice_trials": N_("practice pictures"),
          "deadline_ms": N_("answer deadline (ms)"), "iti_ms": N_("pause between pictures (ms)"),
          "feedback_ms": N_("practice feedback (ms)"), "pictures": N_("pictures"),
          "repetitions": N_("repetitions per picture"), "demo_s": N_("demonstration (s)"),
          "max_movement_s": N_("longest movement (s)"), "settle_s": N_("settling time (s)"),
          "duration_s": N_("time (s)"), "metronome_bpm": N_("metronome (per minute)"),
          "planned_minutes": N_("planned minutes"), "sessions_per_day": N_("sessions per day")}


def settings(plan: Plan) -> list[Setting]:
    """The numbers of a plan, in the order a therapist reads them."""
    out = [Setting((key,), _(LABELS[key]), float(getattr(plan, key)), PLAN_KEYS[key], STEPS[key])
           for key in ("planned_minutes", "sessions_per_day")]
    for phase, blocks, specs in (("laterality", plan.laterality, LATERALITY_KEYS),
                                 ("imagery", plan.imagery, IMAGERY_KEYS),
                                 ("mirror", plan.mirror, MIRROR_KEYS)):
        for index, block in enumerate(blocks):
            for key, spec in specs.items():
                if key in STEPS and spec.kind in ("int", "float"):
                    out.append(Setting((phase, index, key), f"{plan_text(block.title)}: {_(LABELS[key])}",
                                       float(getattr(block, key)), spec, STEPS[key]))
            if phase == "mirror":
                for number, exercise in enumerate(block.exercises):
                    for key in ("duration_s", "metronome_bpm"):
                        out.append(Setting((phase, index, "exercises", number, key),
                                           f"{shorten(plan_text(exercise.prompt), 32, placeholder='...')}: "
                                           f"{_(LABELS[key])}",
                                           float(getattr(exercise, key)), EXERCISE_KEYS[key],
                                           STEPS[key]))
    return out


def set_value(text: str, where: Where, value: Any) -> str:
    """The plan text with one key set; a key not written yet is added under its table."""
    lines = text.splitlines()
    located = _key_lines(text)
    literal = _toml(value)
    if where in located:
        number = located[where] - 1
        key = where[-1]
        lines[number] = f"{lines[number][: lines[number].index(key)]}{key} = {literal}"
    else:
        table = where[:-1]
        if table and table not in located:
            raise KeyError(f"no table {table} in the plan")
        insert_at = located[table] if table else _first_table_line(lines)
        lines.insert(insert_at, f"{where[-1]} = {literal}")
    return "\n".join(lines) + "\n"


def _first_table_line(lines: list[str]) -> int:
    for number, line in enumerate(lines):
        if line.lstrip().startswith("["):
            return number
    return len(lines)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
