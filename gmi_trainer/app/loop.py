"""The main loop, the same for a window and for a headless run.

Each turn: advance the flow's timers, draw the screen, flip, tell the flow when the flip
happened (picture onsets are flip times), then poll input until the next frame is due or,
sooner, until the flow's next timer (an interval's end, a deadline) runs out: waking only at
frames would stretch a 200 ms interval by up to a frame plus the drawing. A timer that puts
a picture up is woken for early, by the display's recent drawing time, and the flow is told
the timer's own time, so the flip showing the picture lands on it."""

from __future__ import annotations

from typing import Protocol

from gmi_trainer.clock import Clock
from gmi_trainer.core import inputs as act
from gmi_trainer.core.autopilot import Autopilot, PressSchedule
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.steps import Due
from gmi_trainer.core.views import Screen


class Flow(Protocol):
    finished: bool

    def screen(self, now_s: float) -> Screen: ...

    def handle(self, inp: Input) -> None: ...

    def tick(self, now_s: float) -> None: ...

    def shown(self, screen: Screen, flip_s: float) -> None: ...


class Display(Protocol):
    refresh_hz: float
    draw_s: float  # how long drawing and flipping a changed screen takes lately

    def show(self, screen: Screen) -> float:
        """Draw and flip; return the clock reading taken right after the flip."""
        ...


class Inputs(Protocol):
    def wait(self, until_s: float) -> list[Input]:
        """Inputs stamped as they are polled, returning early as soon as there are some."""
        ...

    def observe(self, screen: Screen, flip_s: float) -> None:
        """See each flipped screen (a scripted input source answers what it sees)."""
        ...


# With a display that blocks in flip until the vertical blank, stop polling slightly
# early so the next frame's drawing does not miss its blank.
FLIP_MARGIN_S = 0.003


def next_due(flow: Flow) -> Due | None:
    """The flow's next timer, for flows that time something (`next_due`); flows without
    timers (the therapist's and supervisor's screens) need not define it."""
    due = getattr(flow, "next_due", None)
    return due() if due is not None else None


def flow_time(flow: Flow, now_s: float, draw_s: float) -> float:
    """The time to give the flow: now, or a picture timer's own time when the picture's
    drawing is due to start (it will be on screen then, not now)."""
    due = next_due(flow)
    if due is not None and due.shows_picture and due.at_s - draw_s <= now_s < due.at_s:
        return due.at_s
    return now_s


def run(flow: Flow, display: Display, inputs: Inputs, clock: Clock) -> None:
    while not flow.finished:
        frame_s = 1.0 / display.refresh_hz  # a display may learn its true rate as it runs
        now_s = flow_time(flow, clock.now(), display.draw_s)
        flow.tick(now_s)
        if flow.finished:
            break
        screen = flow.screen(max(now_s, clock.now()))
        flip_s = display.show(screen)
        flow.shown(screen, flip_s)
        inputs.observe(screen, flip_s)
        until_s = flip_s + frame_s - FLIP_MARGIN_S
        due = next_due(flow)
        if due is not None:
            until_s = min(until_s, due.at_s - (display.draw_s if due.shows_picture else 0.0))
        for inp in inputs.wait(until_s):
            flow.handle(inp)
            if flow.finished:
                break


class NullDisplay:
    """No window: a 'flip' happens at the moment the screen is ready."""

    def __init__(self, clock: Clock, refresh_hz: float = 60.0) -> None:
        self.clock = clock
        self.refresh_hz = refresh_hz
        self.draw_s = 0.0
        self.frames = 0

    def show(self, screen: Screen) -> float:
        self.frames += 1
        return self.clock.now()


class ScriptedInputs:
    """Inputs from the autopilot, delivered at the times it chose, on any clock.

    `end_after_s`: the scripted patient closes the window once a session has run that many
    seconds (from the first screen with a session bar), as a patient who gives up would."""

    def __init__(self, autopilot: Autopilot, clock: Clock,
                 end_after_s: float | None = None) -> None:
        self.schedule = PressSchedule(autopilot)
        self.clock = clock
        self.end_after_s = end_after_s
        self.session_start_s: float | None = None
        self.closed = False

    def observe(self, screen: Screen, flip_s: float) -> None:
        if screen.bar is not None and self.session_start_s is None:
            self.session_start_s = flip_s
        self.schedule.observe(screen.view, flip_s)

    def wait(self, until_s: float) -> list[Input]:
        if self.end_after_s is not None and self.session_start_s is not None \
                and not self.closed:
            close_s = self.session_start_s + self.end_after_s
            if close_s <= until_s:
                due_s = self.schedule.next_due_s()
                if due_s is None or close_s <= due_s:
                    self.clock.sleep(close_s - self.clock.now())
                    self.closed = True
                    return [Input(act.QUIT, max(close_s, self.clock.now()), None, "window")]
        return self._scripted(until_s)

    def _scripted(self, until_s: float) -> list[Input]:
        due_s = self.schedule.next_due_s()
        if due_s is not None and due_s <= until_s:
            t_s, press = self.schedule.pop()
            self.clock.sleep(t_s - self.clock.now())
            return [Input(press.action, max(t_s, self.clock.now()), press.value, "autopilot")]
        self.clock.sleep(until_s - self.clock.now())
        return []
