"""Measure the mirror pipeline: threaded (as shipped) against a naive one-thread loop.

Both run in the same process on the same source (by default 1280x720 at 30 fps, as laptop
webcams deliver), with pose tracking alone or pose and hands together (as hand exercises
run), showing each composed picture in a pygame window (SDL's dummy driver when there is no
display) and timing the flip on the shared clock. Latency is flip time minus the frame's
capture timestamp. Each pipeline's mirror line is kept frame by frame (`line`: the frame's
time and `line_x_norm`), so the line's steadiness can be judged from outside.
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
TARGET_P95_OVER_NAIVE = 0.5  # the threaded loop's p95 at most half the naive loop's
SIZE_PX = (1280, 720)
FPS = 30.0
TRACKS = ("pose", "hands")


@dataclass(frozen=True)
class PipelineFigures:
    name: str
    seconds: float
    frames_shown: int
    frames_skipped: int
    display_fps: float
    tracking_hz: float  # the slowest tracker's rate
    tracking_hz_by_tracker: dict[str, float]
    latency_p50_ms: float
    latency_p95_ms: float
    latency_max_ms: float
    cpu_cores: float  # process CPU seconds per wall second (1.0 = one core busy)
    cpu_percent_of_machine: float
    line: list[tuple[float, float | None]]  # per frame shown: (capture time s, line_x_norm)


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


def make_source(clock: Clock, camera: str, size_px: tuple[int, int] = SIZE_PX) -> tuple[FrameSource, str]:
    from gmi_trainer.frames.registry import open_source
    from gmi_trainer.frames.synthetic import SyntheticSource

    if camera != "photo":
        source = open_source(camera, clock, size_px=size_px, fps=FPS)
        return source, source.description
    picture, midline_px, name = person_picture()
    # Swaying 25 px (at 640 wide; scaled with the frame), as the first report's footage.
    source = SyntheticSource(clock, size_px=size_px, fps=FPS, picture=picture, picture_midline_x_px=midline_px,
                             sway_px=25.0 * size_px[0] / 640.0)
    source.open()
    return source, f"{source.description}: {name}, swaying"


class Display:
    """A pygame window; `show` blits a BGR picture, flips, and returns the flip time."""

    def __init__(self, clock: Clock, size_px: tuple[int, int] = SIZE_PX) -> None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        import pygame

        self._pygame = pygame
        pygame.display.init()
        self._screen = pygame.display.set_mode(size_px)
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
    def __init__(self, clock: Clock, size_px: tuple[int, int] = SIZE_PX) -> None:
        self.clock = clock
        self.latencies_ms: list[float] = []
        self.line: list[tuple[float, float | None]] = []
        self.first_index: int | None = None
        self.last_index = 0
        self.start_s = clock.now()
        self.start_cpu_s = time.process_time()

    def record(self, frame: Frame, flip_s: float, line_x_px: float | None) -> None:
        if self.first_index is None:
            self.first_index = frame.index
        self.last_index = frame.index
        self.latencies_ms.append((flip_s - frame.timestamp_s) * 1000.0)
        self.line.append((round(frame.timestamp_s - self.start_s, 4),
                          None if line_x_px is None else round(line_x_px / frame.width_px, 5)))

    def figures(self, name: str, tracked: dict[str, int]) -> PipelineFigures:
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
            tracking_hz=round(min(tracked.values()) / wall_s, 2) if tracked else 0.0,
            tracking_hz_by_tracker={k: round(v / wall_s, 2) for k, v in tracked.items()},
            latency_p50_ms=round(float(np.percentile(latencies, 50)), 1),
            latency_p95_ms=round(float(np.percentile(latencies, 95)), 1),
            latency_max_ms=round(float(np.max(latencies)), 1),
            cpu_cores=round(cpu_cores, 2),
            cpu_percent_of_machine=round(100.0 * cpu_cores / (os.cpu_count() or 1), 1),
            line=self.line,
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


TrackerFactory = Callable[[str], Any]  # a track name ("pose", "hands") -> a tracker


def _open(clock: Clock, camera: str, size_px: tuple[int, int], make_tracker: TrackerFactory,
          tracks: tuple[str, ...]) -> tuple[FrameSource, dict[str, Any]]:
    """A fresh source and warmed-up trackers, so each pipeline starts from the same state."""
    source, _ = make_source(clock, camera, size_px)
    trackers = {track: make_tracker(track) for track in tracks}
    for tracker in trackers.values():
        _warm_up(tracker, source, clock)
    return source, trackers


def run_threaded(seconds: float, clock: Clock, display: Display, camera: str, make_tracker: TrackerFactory,
                 tracks: tuple[str, ...] = TRACKS, size_px: tuple[int, int] = SIZE_PX) -> PipelineFigures:
    """As shipped: the pose worker feeds the pipeline; a hand worker sees the same frames."""
    from gmi_trainer.mirror.pipeline import MirrorPipeline, MirrorSettings
    from gmi_trainer.tracking.one_euro import LandmarkSmoother
    from gmi_trainer.tracking.worker import TrackingWorker

    source, trackers = _open(clock, camera, size_px, make_tracker, tracks)
    workers = {track: TrackingWorker(tracker, clock, smoother=LandmarkSmoother())
               for track, tracker in trackers.items()}
    extra = [worker for track, worker in workers.items() if track != "pose"]
    pipeline = MirrorPipeline(source, clock, MirrorSettings(intact_side="left"), worker=workers["pose"])
    pipeline.start()
    for worker in extra:
        worker.start()
    try:
        at_start = {track: worker.processed_count for track, worker in workers.items()}
        meter = _Meter(clock)
        end_s = meter.start_s + seconds
        while clock.now() < end_s:
            composed = pipeline.step()
            if composed is None:
                clock.sleep(0.001)
                continue
            for worker in extra:
                worker.submit(composed.frame)
            line_x_px = None if composed.line is None else composed.line.x_px
            meter.record(composed.frame, display.show(composed.image), line_x_px)
        figures = meter.figures("threaded", {t: w.processed_count - at_start[t] for t, w in workers.items()})
    finally:
        pipeline.stop()
        for worker in extra:
            worker.stop()
        for tracker in trackers.values():
            tracker.close()
        source.close()
    for worker in workers.values():
        if worker.error is not None:
            raise RuntimeError(f"tracking failed during the benchmark: {worker.error}")
    return figures


def run_naive(seconds: float, clock: Clock, display: Display, camera: str, make_tracker: TrackerFactory,
              tracks: tuple[str, ...] = TRACKS, size_px: tuple[int, int] = SIZE_PX) -> PipelineFigures:
    """Read, track, mirror and show one after another in one thread, as a first version would."""
    from gmi_trainer.mirror.compositor import MirrorCompositor, MirrorMode
    from gmi_trainer.mirror.midline_state import MidlineFollower
    from gmi_trainer.tracking.midline import torso_midline
    from gmi_trainer.tracking.one_euro import LandmarkSmoother

    source, trackers = _open(clock, camera, size_px, make_tracker, tracks)
    smoothers = {track: LandmarkSmoother() for track in tracks}
    compositor = MirrorCompositor()
    follower = MidlineFollower(fixed_line_x_px=source.size_px[0] / 2.0, frame_width_px=source.size_px[0])
    tracked = {track: 0 for track in tracks}
    try:
        meter = _Meter(clock)
        end_s = meter.start_s + seconds
        while clock.now() < end_s:
            frame = source.read()
            if frame is None:
                clock.sleep(0.001)
                continue
            found = {}
            for track, tracker in trackers.items():
                found[track] = smoothers[track].smooth(tracker.process(frame), frame.timestamp_s)
                tracked[track] += 1
            pose = found.get("pose")
            line = follower.update(clock.now(), None if pose is None else torso_midline(pose))
            image = compositor.compose(frame.image, MirrorMode.BODY_MIDLINE, "left", line.x_px)
            meter.record(frame, display.show(image), line.x_px)
        return meter.figures("naive", tracked)
    finally:
        for tracker in trackers.values():
            tracker.close()
        source.close()


def mediapipe_tracker(track: str) -> Any:
    from gmi_trainer.tracking.mediapipe_backend import MediaPipeHandsTracker, MediaPipePoseTracker

    if track == "pose":
        return MediaPipePoseTracker()
    if track == "hands":
        return MediaPipeHandsTracker(prefer_side="left")
    raise ValueError(f"unknown track {track!r}: use pose or hands")


def run_benchmark(seconds: float = 10.0, camera: str = "photo", clock: Clock | None = None,
                  size_px: tuple[int, int] = SIZE_PX, tracks: tuple[str, ...] = TRACKS,
                  make_tracker: TrackerFactory = mediapipe_tracker) -> dict[str, Any]:
    if "pose" not in tracks or not set(tracks) <= set(TRACKS):
        raise ValueError("tracks must be pose, or pose and hands")
    clock = clock if clock is not None else MonotonicClock()
    display = Display(clock, size_px)
    probe_source, source_description = make_source(clock, camera, size_px)
    probe_source.close()
    tracker_names: list[str] = []

    def named_tracker(track: str) -> Any:
        tracker = make_tracker(track)
        if tracker.name not in tracker_names:
            tracker_names.append(tracker.name)
        return tracker

    try:
        threaded = run_threaded(seconds, clock, display, camera, named_tracker, tracks, size_px)
        naive = run_naive(seconds, clock, display, camera, named_tracker, tracks, size_px)
    finally:
        display.close()

    def ratio(a: float, b: float) -> float | None:
        return round(a / b, 2) if b else None

    p95_ratio = ratio(threaded.latency_p95_ms, naive.latency_p95_ms)
    return {
        "benchmark": "mirror",
        "source": source_description,
        "size_px": list(size_px),
        "tracks": list(tracks),
        "tracker": ", ".join(tracker_names),
        "display_driver": display.driver,
        "cpu_count": os.cpu_count(),
        "seconds_per_pipeline": seconds,
        "targets": {
            "display_fps_min": TARGET_DISPLAY_FPS,
            "tracking_hz_min": TARGET_TRACKING_HZ,
            "latency_p95_ms_max": TARGET_LATENCY_P95_MS,
            "latency_p95_over_naive_max": TARGET_P95_OVER_NAIVE,
        },
        "threaded": asdict(threaded),
        "naive": asdict(naive),
        "ratios_threaded_over_naive": {
            "display_fps": ratio(threaded.display_fps, naive.display_fps),
            "tracking_hz": ratio(threaded.tracking_hz, naive.tracking_hz),
            "latency_p50_ms": ratio(threaded.latency_p50_ms, naive.latency_p50_ms),
            "latency_p95_ms": p95_ratio,
            "cpu_cores": ratio(threaded.cpu_cores, naive.cpu_cores),
        },
        "threaded_meets_targets": {
            "display_fps": threaded.display_fps >= TARGET_DISPLAY_FPS,
            "tracking_hz": all(hz >= TARGET_TRACKING_HZ for hz in threaded.tracking_hz_by_tracker.values()),
            "latency_p95_ms": threaded.latency_p95_ms <= TARGET_LATENCY_P95_MS,
            "latency_p95_over_naive": p95_ratio is not None and p95_ratio <= TARGET_P95_OVER_NAIVE,
        },
    }


def format_table(report: dict[str, Any]) -> str:
    rows = [
        ("display rate (fps)", "display_fps", f">= {TARGET_DISPLAY_FPS:g}"),
        ("tracking rate, slowest (Hz)", "tracking_hz", f">= {TARGET_TRACKING_HZ:g} each"),
        ("latency p50 (ms)", "latency_p50_ms", ""),
        ("latency p95 (ms)", "latency_p95_ms", f"<= {TARGET_LATENCY_P95_MS:g}, ratio <= {TARGET_P95_OVER_NAIVE:g}"),
        ("latency max (ms)", "latency_max_ms", ""),
        ("CPU (cores busy)", "cpu_cores", ""),
        ("CPU (% of machine)", "cpu_percent_of_machine", ""),
        ("frames shown", "frames_shown", ""),
        ("frames skipped", "frames_skipped", ""),
    ]
    ratios = report["ratios_threaded_over_naive"]
    lines = [
        f"gmi-trainer bench mirror - {report['source']}; tracks: {', '.join(report['tracks'])}",
        f"tracker: {report['tracker']}; display driver: {report['display_driver']}; "
        f"{report['cpu_count']} CPUs; {report['seconds_per_pipeline']:g} s per pipeline",
        "",
        f"{'':28}{'threaded':>10}{'naive':>10}{'ratio':>8}  target",
    ]
    for label, key, target in rows:
        ratio = ratios.get(key)
        ratio_text = "" if ratio is None else f"{ratio:.2f}"
        lines.append(f"{label:28}{report['threaded'][key]:>10}{report['naive'][key]:>10}{ratio_text:>8}  {target}")
    for track, hz in report["threaded"]["tracking_hz_by_tracker"].items():
        lines.append(f"{'  ' + track + ' (Hz)':28}{hz:>10}{report['naive']['tracking_hz_by_tracker'][track]:>10}")
    steady = line_steadiness(report["threaded"]["line"])
    if steady is not None:
        lines.append(f"{'line jitter (% of width)':28}{steady:>10}")
    met = report["threaded_meets_targets"]
    lines.append("")
    lines.append("threaded meets targets: " + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in met.items()))
    return "\n".join(lines)


def report_json(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2)


def line_steadiness(line: list[tuple[float, float | None]]) -> float | None:
    """Jitter of the mirror line: the standard deviation, in % of the frame width, of the
    line's frame-to-frame steps (a smooth sway has small steps, a jittery line large ones)."""
    xs = np.array([x for _, x in line if x is not None], dtype=float)
    if xs.size < 3:
        return None
    return round(float(np.std(np.diff(xs))) * 100.0, 3)
