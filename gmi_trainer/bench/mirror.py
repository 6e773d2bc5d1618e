"""Measure the mirror pipeline: threaded (as shipped) against a naive one-thread loop.

Both run in the same process on the same 640x480, 30 fps source, showing each composed
picture in a pygame window (SDL's dummy driver when there is no display) and timing the
flip on the shared clock. Latency is flip time minus the frame's capture timestamp.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass
from typing import Any, Callable

import numpy as np

from gmi_trainer.clock import Clock, MonotonicClock
from gmi_trainer.frames.frame import Frame, FrameSource

TARGET_DISPLAY_FPS = 29.0
TARGET_TRACKING_HZ = 15.0
TARGET_LATENCY_P95_MS = 50.0
SIZE_PX = (640, 480)
FPS = 30.0


@dataclass(frozen=True)
class PipelineFigures:
    name: str
    seconds: float
    frames_shown: int
    frames_skipped: int
    display_fps: float
    tracking_hz: float
    latency_p50_ms: float
    latency_p95_ms: float
    latency_max_ms: float
    cpu_cores: float  # process CPU seconds per wall second (1.0 = one core busy)
    cpu_percent_of_machine: float


def person_picture() -> tuple[np.ndarray, float, str]:
    """A photograph of a real person (BGR), the x of their midline in it, and its name."""
    try:
        from skimage import data as skimage_data

        rgb = skimage_data.astronaut()
        # Mid-shoulder of the astronaut (MediaPipe: 0.22 and 0.60 of the width).
        return np.ascontiguousarray(rgb[:, :, ::-1]), 0.41 * rgb.shape[1], "astronaut (scikit-image)"
    except ImportError:
        import cv2
        from matplotlib import cbook

        image = cv2.imread(str(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)))
        return image, 0.54 * image.shape[1], "grace_hopper (matplotlib)"


def make_source(clock: Clock, camera: str) -> tuple[FrameSource, str]:
    from gmi_trainer.frames.registry import open_source
    from gmi_trainer.frames.synthetic import SyntheticSource

    if camera != "photo":
        source = open_source(camera, clock, size_px=SIZE_PX, fps=FPS)
        return source, source.description
    picture, midline_px, name = person_picture()
    source = SyntheticSource(clock, size_px=SIZE_PX, fps=FPS, picture=picture, picture_midline_x_px=midline_px)
    source.open()
    return source, f"{source.description}: {name}, swaying"


class Display:
    """A pygame window; `show` blits a BGR picture, flips, and returns the flip time."""

    def __init__(self, clock: Clock) -> None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        import pygame

        self._pygame = pygame
        pygame.display.init()
        self._screen = pygame.display.set_mode(SIZE_PX)
        self._clock = clock
        self.driver = pygame.display.get_driver()

    def show(self, image_bgr: np.ndarray) -> float:
        pygame = self._pygame
        surface = pygame.image.frombuffer(image_bgr.data, (image_bgr.shape[1], image_bgr.shape[0]), "BGR")
        self._screen.blit(surface, (0, 0))
        pygame.display.flip()
        flip_s = self._clock.now()
        pygame.event.pump()
        return flip_s

    def close(self) -> None:
        self._pygame.display.quit()


class _Meter:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.latencies_ms: list[float] = []
        self.first_index: int | None = None
        self.last_index = 0
        self.start_s = clock.now()
        self.start_cpu_s = time.process_time()

    def record(self, frame: Frame, flip_s: float) -> None:
        if self.first_index is None:
            self.first_index = frame.index
        self.last_index = frame.index
        self.latencies_ms.append((flip_s - frame.timestamp_s) * 1000.0)

    def figures(self, name: str, tracked: int) -> PipelineFigures:
        wall_s = max(self.clock.now() - self.start_s, 1e-9)
        cpu_cores = (time.process_time() - self.start_cpu_s) / wall_s
        shown = len(self.latencies_ms)
        due = 0 if self.first_index is None else self.last_index - self.first_index + 1
        latencies = np.array(self.latencies_ms) if shown else np.array([float("nan")])
        return PipelineFigures(
            name=name,
            seconds=round(wall_s, 2),
            frames_shown=shown,
            frames_skipped=max(due - shown, 0),
            display_fps=round(shown / wall_s, 2),
            tracking_hz=round(tracked / wall_s, 2),
            latency_p50_ms=round(float(np.percentile(latencies, 50)), 1),
            latency_p95_ms=round(float(np.percentile(latencies, 95)), 1),
            latency_max_ms=round(float(np.max(latencies)), 1),
            cpu_cores=round(cpu_cores, 2),
            cpu_percent_of_machine=round(100.0 * cpu_cores / (os.cpu_count() or 1), 1),
        )


def _warm_up(tracker: Any, source: FrameSource, clock: Clock) -> None:
    """The first MediaPipe call builds its graph (a few hundred ms); keep that out of the figures."""
    deadline_s = clock.now() + 2.0
    while clock.now() < deadline_s:
        frame = source.read()
        if frame is not None:
            tracker.process(frame)
            return
        clock.sleep(0.002)


def run_threaded(seconds: float, clock: Clock, display: Display, camera: str, make_tracker: Callable[[], Any]) -> PipelineFigures:
    from gmi_trainer.mirror.pipeline import MirrorPipeline, MirrorSettings
    from gmi_trainer.tracking.one_euro import LandmarkSmoother
    from gmi_trainer.tracking.worker import TrackingWorker

    source, _ = make_source(clock, camera)
    tracker = make_tracker()
    _warm_up(tracker, source, clock)
    worker = TrackingWorker(tracker, clock, smoother=LandmarkSmoother())
    pipeline = MirrorPipeline(source, clock, MirrorSettings(intact_side="left"), worker=worker)
    pipeline.start()
    try:
        processed_at_start = worker.processed_count
        meter = _Meter(clock)
        end_s = meter.start_s + seconds
        while clock.now() < end_s:
            composed = pipeline.step()
            if composed is None:
                clock.sleep(0.001)
                continue
            meter.record(composed.frame, display.show(composed.image))
        figures = meter.figures("threaded", worker.processed_count - processed_at_start)
    finally:
        pipeline.stop()
        tracker.close()
        source.close()
    if worker.error is not None:
        raise RuntimeError(f"tracking failed during the benchmark: {worker.error}")
    return figures


def run_naive(seconds: float, clock: Clock, display: Display, camera: str, make_tracker: Callable[[], Any]) -> PipelineFigures:
    """Read, track, mirror and show one after another in one thread, as a first version would."""
    from gmi_trainer.mirror.compositor import MirrorCompositor, MirrorMode
    from gmi_trainer.mirror.midline_state import MidlineFollower
    from gmi_trainer.tracking.midline import body_midline_x_px
    from gmi_trainer.tracking.one_euro import LandmarkSmoother

    source, _ = make_source(clock, camera)
    tracker = make_tracker()
    _warm_up(tracker, source, clock)
    smoother = LandmarkSmoother()
    compositor = MirrorCompositor()
    follower = MidlineFollower(fixed_line_x_px=source.size_px[0] / 2.0)
    tracked = 0
    try:
        meter = _Meter(clock)
        end_s = meter.start_s + seconds
        while clock.now() < end_s:
            frame = source.read()
            if frame is None:
                clock.sleep(0.001)
                continue
            landmarks = smoother.smooth(tracker.process(frame), frame.timestamp_s)
            tracked += 1
            measured = None if landmarks is None else body_midline_x_px(landmarks)
            line = follower.update(clock.now(), measured)
            image = compositor.compose(frame.image, MirrorMode.BODY_MIDLINE, "left", line.x_px)
            meter.record(frame, display.show(image))
        return meter.figures("naive", tracked)
    finally:
        tracker.close()
        source.close()


def run_benchmark(seconds: float = 10.0, camera: str = "photo", clock: Clock | None = None) -> dict[str, Any]:
    from gmi_trainer.tracking.mediapipe_backend import MediaPipePoseTracker

    clock = clock if clock is not None else MonotonicClock()
    display = Display(clock)
    probe_source, source_description = make_source(clock, camera)
    probe_source.close()
    tracker_names: list[str] = []

    def make_tracker() -> Any:
        tracker = MediaPipePoseTracker()
        tracker_names.append(tracker.name)
        return tracker

    try:
        threaded = run_threaded(seconds, clock, display, camera, make_tracker)
        naive = run_naive(seconds, clock, display, camera, make_tracker)
    finally:
        display.close()

    def ratio(a: float, b: float) -> float | None:
        return round(a / b, 2) if b else None

    return {
        "benchmark": "mirror",
        "source": source_description,
        "tracker": tracker_names[0] if tracker_names else "",
        "display_driver": display.driver,
        "cpu_count": os.cpu_count(),
        "seconds_per_pipeline": seconds,
        "targets": {
            "display_fps_min": TARGET_DISPLAY_FPS,
            "tracking_hz_min": TARGET_TRACKING_HZ,
            "latency_p95_ms_max": TARGET_LATENCY_P95_MS,
        },
        "threaded": asdict(threaded),
        "naive": asdict(naive),
        "ratios_threaded_over_naive": {
            "display_fps": ratio(threaded.display_fps, naive.display_fps),
            "tracking_hz": ratio(threaded.tracking_hz, naive.tracking_hz),
            "latency_p50_ms": ratio(threaded.latency_p50_ms, naive.latency_p50_ms),
            "latency_p95_ms": ratio(threaded.latency_p95_ms, naive.latency_p95_ms),
            "cpu_cores": ratio(threaded.cpu_cores, naive.cpu_cores),
        },
        "threaded_meets_targets": {
            "display_fps": threaded.display_fps >= TARGET_DISPLAY_FPS,
            "tracking_hz": threaded.tracking_hz >= TARGET_TRACKING_HZ,
            "latency_p95_ms": threaded.latency_p95_ms <= TARGET_LATENCY_P95_MS,
        },
    }


def format_table(report: dict[str, Any]) -> str:
    rows = [
        ("display rate (fps)", "display_fps", f">= {TARGET_DISPLAY_FPS:g}"),
        ("tracking rate (Hz)", "tracking_hz", f">= {TARGET_TRACKING_HZ:g}"),
        ("latency p50 (ms)", "latency_p50_ms", ""),
        ("latency p95 (ms)", "latency_p95_ms", f"<= {TARGET_LATENCY_P95_MS:g}"),
        ("latency max (ms)", "latency_max_ms", ""),
        ("CPU (cores busy)", "cpu_cores", ""),
        ("CPU (% of machine)", "cpu_percent_of_machine", ""),
        ("frames shown", "frames_shown", ""),
        ("frames skipped", "frames_skipped", ""),
    ]
    ratios = report["ratios_threaded_over_naive"]
    lines = [
        f"gmi-trainer bench mirror - {report['source']}",
        f"tracker: {report['tracker']}; display driver: {report['display_driver']}; "
        f"{report['cpu_count']} CPUs; {report['seconds_per_pipeline']:g} s per pipeline",
        "",
        f"{'':22}{'threaded':>10}{'naive':>10}{'ratio':>8}  target",
    ]
    for label, key, target in rows:
        ratio = ratios.get(key)
        ratio_text = "" if ratio is None else f"{ratio:.2f}"
        lines.append(f"{label:22}{report['threaded'][key]:>10}{report['naive'][key]:>10}{ratio_text:>8}  {target}")
    met = report["threaded_meets_targets"]
    lines.append("")
    lines.append("threaded meets targets: " + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in met.items()))
    return "\n".join(lines)


def report_json(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2)
