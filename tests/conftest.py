"""Shared test set-up: headless SDL, fake pictures, and a session context on a fake clock."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from gmi_trainer.core.context import MemoryRecorder, SessionContext  # noqa: E402
from gmi_trainer.plans.loader import load_plan  # noqa: E402
from gmi_trainer.profiles.model import Profile  # noqa: E402
from gmi_trainer.vocabulary import POSTURES, SIDES, VIEWS  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
FIXED_WALL = datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc)


@dataclass(frozen=True)
class FakePicture:
    id: str
    body_part: str
    side: str
    view: str
    posture: str
    skin_tone: str
    file: str = ""


def fake_pictures(body_parts: tuple[str, ...] = ("hand", "foot")) -> list[FakePicture]:
    return [
        FakePicture(f"{part}-{side}-{view}-{posture}", part, side, view, posture, "medium",
                    f"/nonexistent/{part}-{side}-{view}-{posture}.png")
        for part in body_parts for side in SIDES for view in VIEWS[part]
        for posture in POSTURES[part]
    ]


@pytest.fixture
def pictures() -> list[FakePicture]:
    return fake_pictures()


@pytest.fixture
def make_ctx():
    def make(plan_name: str = "default", *, pictures=None, affected=("hand", "right"),
             history=(), seed: int = 7, pain_ask=("phantom",)) -> SessionContext:
        from dataclasses import replace

        from gmi_trainer.plans.model import PainQuestions

        # One pain question by default, as the flow tests script it; test_clinical.py asks
        # the plan's kinds (pain_ask=DEFAULT_ASK).
        plan = load_plan(PROJECT / "exercises" / f"{plan_name}.toml")
        plan = replace(plan, pain=replace(plan.pain, ask=tuple(pain_ask)))
        return SessionContext(
            plan=plan, profile=Profile("T01", affected[0], affected[1]),
            recorder=MemoryRecorder(), origin_s=100.0, seed=seed,
            wall_clock=lambda: FIXED_WALL,
            pictures=fake_pictures() if pictures is None else pictures,
            history=history)
    return make
