"""`gmi-trainer bench rt --display x11`: response times through a real X display server.

The program's own window runs on an X display (an Xvfb of its own unless one is named) with
the real session flow, session bar included. A second thread plays the patient's keyboard
through XTest: for each picture it presses the right arrow key at a random moment, a third
of them just after a whole second of the session bar's clock (where a redraw used to delay
the key), noting the clock just before sending the press. Each press is matched to its
trial's recorded `onset_s + rt_ms`; the error is recorded minus pressed. The intervals
between trials are the rows' measured `iti_ms` against the plan's.

What it cannot see: the monitor (the flip is not the light) and the keyboard's own latency.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Sequence

from gmi_trainer.clock import MonotonicClock

ITI_MS = 200  # the shortest interval a plan allows: the hardest to keep
XVFB_START_S = 5.0


@dataclass(frozen=True)
class Press:
    trial: int
    pressed_s: float  # clock just before the press was sent (session seconds)
    sent_ms: float  # how long sending it and the server's round trip took
    after_second: bool  # placed just after a whole second of the session bar


class XvfbUnavailable(RuntimeError):
    pass


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb of the bench's own, on a free display number: key presses are never
    injected into a desktop someone is using."""
    if shutil.which("Xvfb") is None:
        raise XvfbUnavailable("Xvfb is not installed (apt-get install xvfb), and no display "
                              "was given with --x-display")
    rng = random.Random()
    for _ in range(20):
        number = rng.randrange(100, 400)
        if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
            continue
        process = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1366x768x24",
                                    "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + XVFB_START_S
        while time.monotonic() < deadline and process.poll() is None:
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                return process, f":{number}"
            time.sleep(0.05)
        process.terminate()
    raise XvfbUnavailable("Xvfb did not start")


def summary_ms(values: Sequence[float]) -> dict[str, float] | None:
    if not values:
        return None
    ordered = sorted(values)

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1)], 3)

    return {"min": round(ordered[0], 3), "median": round(statistics.median(ordered), 3),
            "p95": pct(95), "p99": pct(99), "max": round(ordered[-1], 3),
            "mean": round(statistics.fmean(ordered), 3)}


def run_x11_bench(args: argparse.Namespace) -> int:
    server: subprocess.Popen[bytes] | None = None
    name = args.x_display
    if name is None:
        try:
            server, name = _start_xvfb()
        except XvfbUnavailable as error:
            print(f"bench rt --display x11: {error}.")
            return 2
    # The window goes to that display; the caller's own settings come back afterwards (a
    # test run goes on with its dummy driver).
    saved = {key: os.environ.get(key) for key in ("DISPLAY", "SDL_VIDEODRIVER", "SDL_AUDIODRIVER")}
    try:
        result = measure(name, args.trials, args.seed, args.priority == "raise")
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if server is not None:
            server.terminate()
            server.wait(5)
    print(table(result))
    print(json.dumps(result))
    return 0


def table(result: dict[str, Any]) -> str:
    lines = [f"X display {result['display']} ({result['driver']}), {result['presses']} key presses "
             f"through XTest ({result['after_second']} just after a whole second), "
             f"load {result['load_before']} before, {result['load_after']} after",
             f"{'error (ms)':<38} {'median':>8} {'p95':>8} {'p99':>8} {'max':>8} {'min':>8}"]
    for label, key in (("response time, recorded minus pressed", "rt_error_ms"),
                       ("  of which just after a whole second", "rt_error_after_second_ms"),
                       (f"interval, measured minus {ITI_MS} ms planned", "iti_error_ms")):
        s = result[key]
        if s:
            lines.append(f"{label:<38} {s['median']:>8} {s['p95']:>8} {s['p99']:>8} "
                         f"{s['max']:>8} {s['min']:>8}")
    lines.append(f"sending a press (XTest and round trip): median {result['send_ms']['median']} ms; "
                 f"manifest screen: priority {result['screen']['priority']}, "
                 f"vsync {result['screen']['vsync']}, refresh "
                 f"{result['screen']['refresh_hz']}, flip interval "
                 f"{result['screen']['flip_interval_ms']}")
    return "\n".join(lines)


def measure(display_name: str, trials: int, seed: int,
            raise_priority: bool = True) -> dict[str, Any]:
    """Run one laterality block in the real window on `display_name`, pressing through XTest
    (the Xvfb and the key process keep ordinary priority, whatever the window obtains)."""
    os.environ["DISPLAY"] = display_name
    os.environ["SDL_VIDEODRIVER"] = "x11"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from gmi_trainer.app.loop import run
    from gmi_trainer.bench.rt import _make_pictures
    from gmi_trainer.core.context import MemoryRecorder, SessionContext
    from gmi_trainer.core.laterality import LateralityStep
    from gmi_trainer.core.session import SessionFlow
    from gmi_trainer.core.steps import Due
    from gmi_trainer.core.views import InstructionView, LateralityView, Screen
    from gmi_trainer.plans.validation import parse_plan
    from gmi_trainer.profiles.model import DEFAULT_KEYS, Profile
    from gmi_trainer.ui.keymap import KeyMap
    from gmi_trainer.ui.window import PygameUI

    load_before = round(os.getloadavg()[0], 2)
    clock = MonotonicClock()
    ui = PygameUI(clock, KeyMap(DEFAULT_KEYS), windowed=True, raise_priority=raise_priority)
    window_id = pygame.display.get_wm_info()["window"]
    plan = parse_plan(f'version = 1\nname = "bench"\ntitle = "bench"\n[[laterality]]\n'
                      f'trials = {trials}\npractice_trials = 0\niti_ms = {ITI_MS}\n')
    rng = random.Random(seed)
    presses: dict[int, Press] = {}
    with tempfile.TemporaryDirectory() as folder:
        recorder = MemoryRecorder()
        ctx = SessionContext(plan=plan, profile=Profile("bench", "hand", "right"),
                             recorder=recorder, origin_s=clock.now(), seed=seed,
                             wall_clock=lambda: datetime.now().astimezone(),
                             pictures=_make_pictures(Path(folder)))
        screen_report = ui.describe()
        session = SessionFlow(ctx, clock.now())
        # Straight to the block: the pain question before it is not what is measured.
        block = next(s for s in session.work if isinstance(s, LateralityStep))
        session.index = session.steps.index(block)
        block.begin(clock.now())
        flips = threading.Condition()
        latest: dict[str, Any] = {}

        class BlockFlow:
            """The session, ending when its laterality block reaches its summary."""

            finished = False

            def screen(self, now_s: float) -> Screen:
                return session.screen(now_s)

            def handle(self, inp: Any) -> None:
                session.handle(inp)
                self._check()

            def tick(self, now_s: float) -> None:
                session.tick(now_s)
                self._check()

            def next_due(self) -> Due | None:
                return session.next_due()

            def shown(self, screen: Screen, flip_s: float) -> None:
                session.shown(screen, flip_s)
                with flips:
                    latest["view"], latest["flip_s"] = screen.view, flip_s
                    flips.notify()

            def _check(self) -> None:
                self.finished = block.stage == "summary" or session.finished

        flow = BlockFlow()

        # The keys come from a process of its own (see xtest_keys); this thread only
        # tells it when, and waits on a pipe, holding no lock the loop needs.
        keys = subprocess.Popen([sys.executable, "-m", "gmi_trainer.bench.xtest_keys",
                                 display_name, str(window_id)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
        assert keys.stdin is not None and keys.stdout is not None
        before_s = clock.now()
        ready = keys.stdout.readline().split()
        if not ready or not before_s <= float(ready[1]) <= clock.now():
            keys.kill()
            raise RuntimeError("the key process's clock is not this one's (perf_counter "
                               "differs between processes here); cannot match presses")

        def keyboard() -> None:
            handled: set[Any] = set()
            while not flow.finished:
                with flips:
                    flips.wait(0.05)
                    view, flip_s = latest.get("view"), latest.get("flip_s")
                if view is None or view.token in handled:
                    continue
                if isinstance(view, LateralityView) and view.picture_id:
                    press_s, after_second = _press_moment(flip_s, session.start_s, rng)
                    key = "Left" if view.true_side == "left" else "Right"
                elif isinstance(view, InstructionView):
                    press_s, after_second, key = flip_s + 0.3, False, "Return"
                else:
                    continue
                handled.add(view.token)
                keys.stdin.write(f"{press_s:.9f} {key}\n")
                keys.stdin.flush()
                answer = keys.stdout.readline().split()
                if len(answer) != 2:
                    raise RuntimeError(f"the key process stopped (exit code {keys.poll()})")
                sent_s, done_s = (float(v) for v in answer)
                if isinstance(view, LateralityView):
                    presses[view.trial_number] = Press(view.trial_number, ctx.rel(sent_s),
                                                       (done_s - sent_s) * 1000, after_second)

        thread = threading.Thread(target=keyboard, daemon=True)
        thread.start()
        run(flow, ui, ui, clock)
        flow.finished = True
        thread.join(2)
        keys.stdin.close()
        keys.wait(5)
        ui.close()
    rt_errors, after_errors = [], []
    for row in recorder.trials:
        press = presses.get(row["trial"])
        if press is None or row["rt_ms"] is None:
            continue
        error_ms = (row["onset_s"] + row["rt_ms"] / 1000 - press.pressed_s) * 1000
        rt_errors.append(error_ms)
        if press.after_second:
            after_errors.append(error_ms)
    iti_errors = [row["iti_ms"] - row["planned_iti_ms"] for row in recorder.trials
                  if row.get("iti_ms") is not None]
    return {"display": display_name, "driver": "x11", "trials": len(recorder.trials),
            "presses": len(rt_errors), "after_second": len(after_errors),
            "unanswered": sum(1 for row in recorder.trials if row["rt_ms"] is None),
            "rt_error_ms": summary_ms(rt_errors),
            "rt_error_after_second_ms": summary_ms(after_errors),
            "iti_error_ms": summary_ms(iti_errors),
            "send_ms": summary_ms([p.sent_ms for p in presses.values()]),
            "screen": screen_report, "load_before": load_before,
            "load_after": round(os.getloadavg()[0], 2), "cores": os.cpu_count()}


def _press_moment(onset_s: float, bar_origin_s: float,
                  rng: random.Random) -> tuple[float, bool]:
    """When to press for a picture shown at `onset_s`: a third just after a whole second of
    the session bar's clock (0.6-19 ms after it), the rest anywhere 0.25-1.2 s in."""
    if rng.random() < 1 / 3:
        earliest_s = onset_s + 0.25
        second_s = bar_origin_s + math.ceil(earliest_s - bar_origin_s)
        return second_s + rng.uniform(0.0006, 0.019), True
    return onset_s + rng.uniform(0.25, 1.2), False

