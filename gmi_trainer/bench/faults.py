"""`gmi-trainer bench faults`: does the window keep responding when the camera is missing or
stops, and how soon does the patient see a message?

The program's own loop, display (SDL dummy driver) and mirror runtime run a mirror block in
three states: a live practice picture, no camera at all, and a webcam that delivers frames
and then stops (a stand-in capture, since this machine has no webcam). Figures: loop turns
per second (each turn polls input, so this is how quickly a key is handled), the longest gap
between turns, and for the stopped camera the time from its last frame to the core being
told."""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from gmi_trainer.clock import Clock, MonotonicClock
from gmi_trainer.i18n import _


def register_bench(bench_subparsers: argparse._SubParsersAction) -> None:
    parser = bench_subparsers.add_parser("faults", help=_("window responsiveness with no camera "
                                         "or a camera that stops"))
    parser.add_argument("--seconds", type=float, default=6.0, help=_("seconds per state"))
    parser.set_defaults(handler=run_faults_bench)


class _StoppingCapture:
    """A webcam stand-in: frames at 30 fps for `live_s`, then nothing (unplugged)."""

    def __init__(self, clock: Clock, live_s: float) -> None:
        self.clock, self.live_s = clock, live_s
        self.started_s: float | None = None
        self.last_frame_s: float | None = None
        self.properties: dict[int, float] = {}

    def isOpened(self) -> bool:  # noqa: N802 - mirrors cv2.VideoCapture
        return True

    def set(self, prop: int, value: float) -> bool:
        self.properties[prop] = value
        return True

    def get(self, prop: int) -> float:
        return self.properties.get(prop, 0.0)

    def grab(self) -> bool:
        now = self.clock.now()
        self.started_s = self.started_s if self.started_s is not None else now
        if now - self.started_s > self.live_s:
            time.sleep(0.01)
            return False
        time.sleep(1 / 30)
        self.last_frame_s = self.clock.now()
        return True

    def retrieve(self) -> tuple[bool, np.ndarray]:
        return True, np.full((480, 640, 3), 90, np.uint8)

    def release(self) -> None:
        pass


def run_faults_bench(args: argparse.Namespace) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from gmi_trainer.app.mirror_runtime import VIDEO_SUFFIXES, MirrorRuntime
    from gmi_trainer.app.root import mediapipe_trackers
    from gmi_trainer.app.loop import run
    from gmi_trainer.core import inputs as act
    from gmi_trainer.core.context import MemoryRecorder, SessionContext
    from gmi_trainer.core.inputs import Input
    from gmi_trainer.core.mirror import MirrorStep
    from gmi_trainer.core.views import Screen
    from gmi_trainer.frames.registry import open_source
    from gmi_trainer.frames.video_file import VideoFolder
    from gmi_trainer.frames.webcam import WebcamSource
    from gmi_trainer.plans.validation import parse_plan
    from gmi_trainer.profiles.model import DEFAULT_KEYS, Profile
    from gmi_trainer.ui.keymap import KeyMap
    from gmi_trainer.ui.window import PygameUI

    clock = MonotonicClock()
    plan = parse_plan('version = 1\nname = "bench"\ntitle = "bench"\n[[mirror]]\nsettle_s = 0\n'
                      '[[mirror.exercises]]\nprompt = "Open and close your hand."\n'
                      'duration_s = 600\n')
    ui = PygameUI(clock, KeyMap(DEFAULT_KEYS), windowed=True)
    results: dict[str, Any] = {}
    stopping = _StoppingCapture(clock, live_s=args.seconds / 3)

    def opener(spec: str, clock_: Clock) -> Any:
        if spec == "stops":
            source = WebcamSource(0, clock_, capture_factory=lambda index: stopping
                                  if stopping.started_s is None else None,
                                  reconnect_attempts=2, reconnect_interval_s=0.5)
            source.open()
            return source
        return open_source(spec, clock_)

    for state, spec in (("live (practice picture)", "synthetic"), ("no camera", "99"),
                        ("camera stops", "stops")):
        recorder = MemoryRecorder()
        ctx = SessionContext(plan=plan, profile=Profile("bench", "hand", "right"),
                             recorder=recorder, origin_s=clock.now(), seed=1,
                             wall_clock=lambda: datetime.now().astimezone())
        step = MirrorStep(ctx, plan.mirror[0], 0)
        step.handle(Input(act.CONFIRM, clock.now()))
        edge = MirrorRuntime(ui, clock, spec, opener, mediapipe_trackers(),
                             VideoFolder(Path("videos"), VIDEO_SUFFIXES))
        ui.live_picture = edge.picture
        turns: list[float] = []
        end_s = clock.now() + args.seconds

        class Flow:
            finished = False

            def screen(self, now_s: float) -> Screen:
                turns.append(now_s)
                self.finished = now_s >= end_s
                return Screen(step.view(now_s))

            def handle(self, inp: Input) -> None:
                step.handle(inp)

            def tick(self, now_s: float) -> None:
                step.tick(now_s)

            def shown(self, screen: Screen, flip_s: float) -> None:
                step.shown(None, flip_s)

        run(Flow(), ui, edge, clock)
        edge.close()
        gaps_ms = np.diff(np.array(turns)) * 1000
        figures: dict[str, Any] = {
            "loop_turns_per_s": round(len(turns) / args.seconds, 1),
            "longest_gap_ms": round(float(gaps_ms.max()), 1),
            "p99_gap_ms": round(float(np.percentile(gaps_ms, 99)), 1),
            "screen": type(step.view(clock.now())).__name__,
            "camera_events": [e["state"] for e in recorder.events if e["event"] == "camera"],
        }
        if spec == "stops" and stopping.last_frame_s is not None:
            told = [e["t_s"] + ctx.origin_s for e in recorder.events
                    if e["event"] == "camera" and e["state"] != "live"
                    and e["t_s"] + ctx.origin_s > stopping.last_frame_s]
            figures["message_after_stop_ms"] = (round((told[0] - stopping.last_frame_s) * 1000, 1)
                                                if told else None)
        results[state] = figures
    ui.close()
    for state, figures in results.items():
        extra = (f", message {figures['message_after_stop_ms']} ms after the last frame"
                 if "message_after_stop_ms" in figures else "")
        print(f"{state:24s} {figures['loop_turns_per_s']:7.1f} loop turns/s, longest gap "
              f"{figures['longest_gap_ms']} ms (p99 {figures['p99_gap_ms']} ms), ends on "
              f"{figures['screen']}, camera: {' -> '.join(figures['camera_events'])}{extra}")
    print(json.dumps(results))
    return 0
