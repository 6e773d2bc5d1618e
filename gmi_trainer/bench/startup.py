"""`gmi-trainer bench startup`: seconds from starting the program to its first screen."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from gmi_trainer.i18n import _


def register_bench(bench_subparsers: argparse._SubParsersAction) -> None:
    parser = bench_subparsers.add_parser("startup", help=_("time from launch to the home screen"))
    parser.add_argument("--runs", type=int, default=7)
    parser.set_defaults(handler=run_startup_bench)


def run_startup_bench(args: argparse.Namespace) -> int:
    env = dict(os.environ, PYGAME_HIDE_SUPPORT_PROMPT="1")
    if not env.get("DISPLAY"):
        env.setdefault("SDL_VIDEODRIVER", "dummy")
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    with tempfile.TemporaryDirectory() as data_dir:
        base = [sys.executable, "-m", "gmi_trainer", "run", "--windowed", "--patient", "bench",
                "--data-dir", data_dir]
        subprocess.run([*base, "--affected", "right-hand", "--exit-after-first-frame"], env=env,
                       check=True, capture_output=True)
        times_s, heavy = [], set()
        for _run in range(args.runs):
            start_s = time.perf_counter()  # CLOCK_MONOTONIC: comparable across processes
            out = subprocess.run([*base, "--exit-after-first-frame"], env=env, check=True,
                                 capture_output=True, text=True).stdout
            fields = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
            times_s.append(float(fields["first_frame_clock_s"]) - start_s)
            heavy |= set(filter(None, fields.get("heavy_modules", "").split(",")))
    result = {
        "runs": len(times_s), "median_s": round(statistics.median(times_s), 3),
        "min_s": round(min(times_s), 3), "max_s": round(max(times_s), 3),
        "video_driver": env.get("SDL_VIDEODRIVER", "x11 (DISPLAY=" + env.get("DISPLAY", "") + ")"),
        "heavy_modules_at_first_frame": sorted(heavy),
    }
    print(f"Start to first screen over {result['runs']} runs: median {result['median_s']:.3f} s "
          f"(min {result['min_s']:.3f}, max {result['max_s']:.3f}); "
          f"cv2/mediapipe/matplotlib loaded: {', '.join(result['heavy_modules_at_first_frame']) or 'none'}")
    print(json.dumps(result))
    return 0
