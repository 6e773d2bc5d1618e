"""`gmi-trainer bench rt`: how far recorded response times are from the true ones.

A second thread plays a patient's keyboard: it watches for each picture's flip, waits a
chosen response time, and posts a real key press into pygame's queue, noting when. The
main loop is the program's own (dummy video driver, real event path, 1 kHz polling), so the
error measured is what polling and drawing add to a real key press."""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gmi_trainer.clock import MonotonicClock
from gmi_trainer.i18n import _


def register_bench(bench_subparsers: argparse._SubParsersAction) -> None:
    parser = bench_subparsers.add_parser("rt", help=_("response-time error through the real event path"))
    parser.add_argument("--trials", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--display", choices=("dummy", "x11"), default="dummy",
                        help=_("dummy: key presses posted into pygame's queue (default); x11: "
                        "the real window on an X display, key presses sent through XTest"))
    parser.add_argument("--x-display", metavar=":N",
                        help=_("with --display x11: the X display to use (default: start an "
                        "Xvfb of its own; keys are pressed into it, so never name a desktop "
                        "in use)"))
    parser.add_argument("--priority", choices=("raise", "normal"), default="raise",
                        help=_("with --display x11: raise: the loop runs at a higher priority "
                        "while pictures are timed, where the system allows it, as a session "
                        "does (default); normal: never, to see what a computer that allows "
                        "no raise gives"))
    parser.set_defaults(handler=run_rt_bench)


def _make_pictures(folder: Path) -> list[Any]:
    import pygame

    pictures = []
    for side in ("left", "right"):
        image = pygame.Surface((300, 400), pygame.SRCALPHA)
        pygame.draw.rect(image, (200, 150, 120), (60, 120, 180, 260), border_radius=40)
        thumb_x = 10 if side == "right" else 230
        pygame.draw.rect(image, (200, 150, 120), (thumb_x, 180, 60, 40), border_radius=20)
        path = folder / f"{side}.png"
        pygame.image.save(image, str(path))
        pictures.append(_BenchPicture(f"bench-{side}", path, "hand", side, "back", "flat", "medium"))
    return pictures


@dataclass(frozen=True)
class _BenchPicture:
    id: str
    file: Path
    body_part: str
    side: str
    view: str
    posture: str
    skin_tone: str


def run_rt_bench(args: argparse.Namespace) -> int:
    if args.display == "x11":
        from gmi_trainer.bench.rt_x11 import run_x11_bench

        return run_x11_bench(args)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from gmi_trainer.app.loop import run
    from gmi_trainer.core.context import MemoryRecorder, SessionContext
    from gmi_trainer.core.laterality import LateralityStep
    from gmi_trainer.core.views import LateralityView, Screen
    from gmi_trainer.plans.validation import parse_plan
    from gmi_trainer.profiles.model import DEFAULT_KEYS, Profile
    from gmi_trainer.ui.keymap import KeyMap
    from gmi_trainer.ui.window import PygameUI

    clock = MonotonicClock()
    ui = PygameUI(clock, KeyMap(DEFAULT_KEYS), windowed=True)
    plan = parse_plan(f'version = 1\nname = "bench"\ntitle = "bench"\n[[laterality]]\n'
                      f'trials = {args.trials}\npractice_trials = 0\niti_ms = 500\n')
    with tempfile.TemporaryDirectory() as folder:
        recorder = MemoryRecorder()
        ctx = SessionContext(plan=plan, profile=Profile("bench", "hand", "right"),
                             recorder=recorder, origin_s=clock.now(), seed=args.seed,
                             wall_clock=lambda: datetime.now().astimezone(),
                             pictures=_make_pictures(Path(folder)))
        step = LateralityStep(ctx, plan.laterality[0], 0)
        presses: dict[int, tuple[float, float]] = {}  # trial -> (posted at, intended rt)
        shown = threading.Condition()
        latest: dict[str, Any] = {}
        rng = random.Random(args.seed)

        class StepFlow:
            finished = False

            def screen(self, now_s: float) -> Screen:
                return Screen(step.view(now_s))

            def handle(self, inp: Any) -> None:
                step.handle(inp)
                self.finished = step.finished or step.stage == "summary"

            def tick(self, now_s: float) -> None:
                step.tick(now_s)
                self.finished = step.finished or step.stage == "summary"

            def shown(self, screen: Screen, flip_s: float) -> None:
                step.shown(screen.view.token, flip_s)
                with shown:
                    latest["token"], latest["view"], latest["flip_s"] = screen.view.token, screen.view, flip_s
                    shown.notify()

        flow = StepFlow()

        def keyboard() -> None:
            handled: set[Any] = set()
            while not flow.finished:
                with shown:
                    shown.wait(0.05)
                    token, view, flip_s = latest.get("token"), latest.get("view"), latest.get("flip_s")
                if token is None or token in handled:
                    continue
                handled.add(token)
                if isinstance(view, LateralityView) and view.picture_id:
                    rt_s = rng.uniform(0.3, 1.5)
                    key = "left" if view.true_side == "left" else "right"
                elif not isinstance(view, LateralityView):
                    rt_s, key = 0.2, "return"
                else:
                    continue
                # Sleep rather than spin: a spinning Python thread would hold the interpreter
                # lock and delay the main loop's polling, which a real keyboard never does.
                clock.sleep(flip_s + rt_s - clock.now())
                posted_s = clock.now()
                pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.key.key_code(key),
                                                     mod=0, unicode="", scancode=0))
                if isinstance(view, LateralityView):
                    presses[view.trial_number] = (posted_s, posted_s - flip_s)

        thread = threading.Thread(target=keyboard, daemon=True)
        thread.start()
        run(flow, ui, ui, clock)
        flow.finished = True
        thread.join(1)
        ui.close()
    errors_ms = []
    for row in recorder.trials:
        if row["trial"] in presses and row["rt_ms"] is not None:
            _, true_rt_s = presses[row["trial"]]
            errors_ms.append(row["rt_ms"] - true_rt_s * 1000)
    errors_ms.sort()

    def pct(p: float) -> float:
        return round(errors_ms[min(len(errors_ms) - 1, int(p / 100 * len(errors_ms)))], 3)

    result = {
        "trials": len(errors_ms), "driver": os.environ.get("SDL_VIDEODRIVER"),
        "error_ms": {"min": round(errors_ms[0], 3), "p50": pct(50), "p90": pct(90),
                     "p95": pct(95), "p99": pct(99), "max": round(errors_ms[-1], 3),
                     "mean": round(statistics.fmean(errors_ms), 3)},
        "within_2ms": round(sum(1 for e in errors_ms if abs(e) <= 2) / len(errors_ms), 4),
    }
    e = result["error_ms"]
    print(f"Recorded minus true response time over {result['trials']} key presses (ms): "
          f"min {e['min']}, median {e['p50']}, p90 {e['p90']}, p95 {e['p95']}, p99 {e['p99']}, "
          f"max {e['max']}; within 2 ms: {result['within_2ms']:.1%}")
    print(json.dumps(result))
    return 0
