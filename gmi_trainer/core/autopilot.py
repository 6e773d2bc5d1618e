"""A scripted patient: answers every screen so a whole session runs with nobody there.

It reacts to a view the first time a flip shows it, and returns what to press and how
long after that flip, so the same script drives a simulated clock or a real window."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

from gmi_trainer.core import inputs as act
from gmi_trainer.core.mirror import CameraProblemView
from gmi_trainer.core.views import (
    ChecklistView,
    ChoiceView,
    HomeView,
    ImageryPainView,
    ImagerySummaryView,
    ImageryView,
    InstructionView,
    LateralitySummaryView,
    LateralityView,
    NoteView,
    PainView,
    PausedView,
    ProgressView,
    SafetyView,
    SummaryView,
)
from gmi_trainer.vocabulary import other_side

MODES = ("correct", "wrong", "random")


@dataclass(frozen=True)
class Press:
    delay_s: float  # after the previous press, or after the flip for the first
    action: str
    value: Any = None


class Autopilot:
    def __init__(self, mode: str, seed: int, start_from_home: bool = True,
                 pain: tuple[int, int] | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"autopilot mode must be one of {', '.join(MODES)}")
        self.mode = mode
        self.pain = pain  # (before, after) to answer, instead of made-up ratings
        self.rng = random.Random(f"{seed}:autopilot")
        self.sessions_started = 0
        self.start_from_home = start_from_home
        self.pain_before = 5

    def respond(self, view: Any) -> list[Press]:
        if isinstance(view, PausedView):
            return []
        if isinstance(view, HomeView):
            startable = all(o.enabled for o in view.options if o.id == "start")
            if self.start_from_home and startable and view.start_asks_again:
                return [Press(0.5, act.SELECT, "start")]  # a pain alert today: start anyway
            if self.sessions_started == 0 and self.start_from_home and startable:
                self.sessions_started += 1
                return [Press(0.5, act.SELECT, "start")]
            return [Press(0.5, act.SELECT, "quit")]
        if isinstance(view, CameraProblemView):
            return [Press(1.0, act.SELECT, "skip")]
        if isinstance(view, ChoiceView):
            return [Press(0.8, act.CONFIRM)]
        if isinstance(view, PainView) and view.moment == "weekly":
            return [Press(1.0, act.SELECT, self.rng.randint(1, 6)), Press(0.5, act.CONFIRM)]
        if isinstance(view, PainView):
            if self.pain is not None:
                value = self.pain[0] if view.moment == "before" else self.pain[1]
                return [Press(1.2, act.SELECT, value), Press(0.5, act.CONFIRM)]
            if view.moment == "before":
                self.pain_before = self.rng.randint(2, 7)
                value = self.pain_before
            else:
                value = max(0, self.pain_before - self.rng.randint(0, 2))
            return [Press(1.2, act.SELECT, value), Press(0.5, act.CONFIRM)]
        if isinstance(view, LateralityView):
            if view.picture_id is None or view.true_side is None:
                return []
            return [Press(self.response_time_s(), self.answer(view.true_side))]
        if isinstance(view, ImageryView):
            # Watch the demonstration to its end; start; then one press per imagined movement.
            if view.stage == "ready":
                return [Press(1.0, act.CONFIRM)]
            if view.stage == "moving":
                return [Press(self.movement_time_s(), act.CONFIRM)]
            return []
        if isinstance(view, ImageryPainView):
            return [Press(1.0, act.SELECT, self.rng.randint(0, 2)), Press(0.5, act.CONFIRM)]
        if isinstance(view, (InstructionView, LateralitySummaryView, ImagerySummaryView,
                             SummaryView, ProgressView, SafetyView)):
            return [Press(1.5, act.CONFIRM)]
        if isinstance(view, NoteView):
            return [Press(1.0, act.TEXT, f"autopilot ({self.mode})"), Press(0.5, act.CONFIRM)]
        if isinstance(view, ChecklistView):
            return [Press(1.0, act.SELECT, "done")]
        return []

    def answer(self, true_side: str) -> str:
        if self.mode == "correct":
            return true_side
        if self.mode == "wrong":
            return other_side(true_side)
        return self.rng.choice(("left", "right"))

    def movement_time_s(self) -> float:
        """Log-normal around 3.5 s, like a slow imagined hand movement and back."""
        return min(12.0, max(1.0, math.exp(self.rng.gauss(math.log(3.5), 0.25))))

    def response_time_s(self) -> float:
        """Log-normal around 1.3 s, like a patient's left/right judgements."""
        return min(4.0, max(0.45, math.exp(self.rng.gauss(math.log(1.3), 0.3))))


class PressSchedule:
    """When each of the autopilot's presses is due: it answers a screen the first time a flip
    shows it, and drops what is left of an answer when the screen changes. Shared by the
    headless input source and the window, so both replay a session the same way."""

    def __init__(self, autopilot: Autopilot) -> None:
        self.autopilot = autopilot
        self._token: Any = object()
        self._due: list[tuple[float, Press]] = []

    def observe(self, view: Any, flip_s: float) -> None:
        token = (type(view).__name__, getattr(view, "token", None))
        if token == self._token:
            return
        self._token = token
        self._due = []
        t_s = flip_s
        for press in self.autopilot.respond(view):
            t_s += press.delay_s
            self._due.append((t_s, press))

    def next_due_s(self) -> float | None:
        return self._due[0][0] if self._due else None

    def pop(self) -> tuple[float, Press]:
        return self._due.pop(0)

