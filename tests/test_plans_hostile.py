"""Malformed plans are refused with the file, the line and the key, before anything starts;
no plan text, however broken, gets past the loader as anything but a PlanError or a plan."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gmi_trainer.plans.loader import PlanError, load_plan, parse_plan

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT = (PROJECT / "exercises" / "default.toml").read_text(encoding="utf-8")

MINIMAL = """version = 1
name = "x"
title = "X"
{extra}
[[laterality]]
{laterality}
[[mirror]]
settle_s = {settle}
[[mirror.exercises]]
prompt = "Open and close the hand"
duration_s = {duration}
"""


def _plan(extra: str = "", laterality: str = "", settle: str = "10",
          duration: str = "60") -> str:
    return MINIMAL.format(extra=extra, laterality=laterality, settle=settle, duration=duration)


@pytest.mark.parametrize("text, where", [
    (_plan(settle="nan"), "mirror[1].settle_s"),
    (_plan(duration="inf"), "mirror[1].exercises[1].duration_s"),
    (_plan(extra="planned_minutes = nan"), "planned_minutes"),
    (_plan(laterality='postures_exclude = ["flat", "fist", "pointing", "pinch", "thumb_up", '
                      '"ok_sign", "spread", "claw", "two_fingers", "relaxed_curl", '
                      '"holding_ball", "edge_on"]'), "laterality[1].postures_exclude"),
    (_plan(extra=f'description = "{"x" * 10_000}"'), "description"),
    (_plan(laterality=f'title = "{"t" * 500}"'), "laterality[1].title"),
], ids=["nan", "inf", "nan-top", "every-posture-excluded", "huge-description", "long-title"])
def test_a_bad_value_is_refused_with_line_and_key(text: str, where: str) -> None:
    with pytest.raises(PlanError) as caught:
        parse_plan(text, "plan.toml")
    assert any(f": {where}: " in problem and problem.startswith("plan.toml:")
               for problem in caught.value.problems), caught.value.problems
    assert all(len(problem) < 400 for problem in caught.value.problems)


def test_deep_nesting_and_huge_or_special_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="nested too deeply"):
        parse_plan("x = " + "[" * 50_000 + "]" * 50_000, "deep.toml")
    huge = tmp_path / "huge.toml"
    huge.write_text(_plan(extra=f'description = "{"x" * 400_000}"'))
    with pytest.raises(PlanError, match="larger than"):
        load_plan(huge)
    with pytest.raises(PlanError, match="not a regular file"):
        load_plan("/dev/zero")
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    with pytest.raises(PlanError, match="not a regular file"):
        load_plan(fifo)  # returns at once instead of waiting for a writer


def test_validate_exits_2_and_names_the_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(_plan(settle="nan"))
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    done = subprocess.run([sys.executable, "-m", "gmi_trainer", "validate", str(bad)],
                          capture_output=True, text=True, cwd=PROJECT, env=env, timeout=60)
    assert done.returncode == 2 and "mirror[1].settle_s" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def _finite_everywhere(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, (tuple, list)):
        return all(_finite_everywhere(v) for v in value)
    if is_dataclass(value):
        return all(_finite_everywhere(getattr(value, f.name)) for f in fields(value))
    return True


@settings(max_examples=150, deadline=None)
@given(cut=st.integers(0, len(DEFAULT)), length=st.integers(0, 40),
       noise=st.text(alphabet=st.sampled_from(list('[]{}="\n.,#0123456789naif-+ ')), max_size=12))
def test_any_damage_to_a_plan_is_a_plan_error_or_a_sound_plan(cut: int, length: int,
                                                              noise: str) -> None:
    text = DEFAULT[:cut] + noise + DEFAULT[cut + length:]
    try:
        plan = parse_plan(text, "default.toml")
    except PlanError as error:
        assert error.problems and all(p.startswith("default.toml") for p in error.problems)
        return
    assert _finite_everywhere(plan)
    assert plan.laterality or plan.imagery or plan.mirror
