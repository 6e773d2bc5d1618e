"""The display-side step: newest frame, tracking result, mirror line, composed picture."""

from __future__ import annotations

import time

import numpy as np
import pytest

from gmi_trainer.clock import SimulatedClock
from gmi_trainer.frames import Frame
from gmi_trainer.frames.synthetic import SyntheticSource
from gmi_trainer.mirror.compositor import MirrorCompositor, MirrorMode
from gmi_trainer.mirror.midline_state import LineSource
from gmi_trainer.mirror.pipeline import ComposedFrame, MirrorPipeline, MirrorSettings, measured_midline_x_px
from gmi_trainer.tracking import POSE, POSE_KEYPOINTS, Landmarks, TrackingResult, TrackingWorker


class TruthTracker:
    """Reports shoulders 60 px either side of the synthetic figure's true midline, until told to stop."""

    def __init__(self, source: SyntheticSource) -> None:
        self.source = source
        self.lost_from_index: int | None = None

    @property
    def name(self) -> str:
        return "truth"

    def process(self, frame: Frame) -> Landmarks | None:
        if self.lost_from_index is not None and frame.index >= self.lost_from_index:
            return None
        midline_px = self.source.midline_x_px(frame.index)
        xy = np.full((len(POSE_KEYPOINTS), 2), 0.5)
        visibility = np.zeros(len(POSE_KEYPOINTS))
        for name, x_px in (("left_shoulder", midline_px + 60), ("right_shoulder", midline_px - 60)):
            xy[POSE_KEYPOINTS.index(name)] = (x_px / frame.width_px, 0.36)
            visibility[POSE_KEYPOINTS.index(name)] = 0.99
        return Landmarks(POSE, POSE_KEYPOINTS, xy, visibility, (frame.width_px, frame.height_px))

    def close(self) -> None:
        pass


def step_until_tracked(pipeline: MirrorPipeline, clock: SimulatedClock, worker: TrackingWorker, frames: int) -> ComposedFrame:
    """Advance one frame at a time, giving the worker thread real time to catch up."""
    composed = None
    for _ in range(frames):
        clock.advance(1 / 30)
        composed = pipeline.step()
        assert composed is not None
        deadline = time.perf_counter() + 1.0
        while (worker.latest() is None or worker.latest().frame_index != composed.frame.index) and time.perf_counter() < deadline:  # type: ignore[union-attr]
            time.sleep(0.001)
    assert composed is not None
    return composed


def test_pipeline_follows_the_body_midline_and_composes_the_mirror() -> None:
    clock = SimulatedClock()
    source = SyntheticSource(clock, size_px=(320, 240), fps=30.0, sway_px=20.0)
    tracker = TruthTracker(source)
    worker = TrackingWorker(tracker, clock)
    source.open()
    pipeline = MirrorPipeline(source, clock, MirrorSettings(intact_side="left"), worker=worker)
    pipeline.start()
    try:
        first = pipeline.step()
        assert first is not None and pipeline.step() is None, "no new frame, nothing to show"
        composed = step_until_tracked(pipeline, clock, worker, 60)
        line = composed.line
        assert line is not None and line.source is LineSource.TRACKED and line.notice is None
        assert abs(line.x_px - source.midline_x_px(composed.frame.index)) < 4.0
        view = composed.view
        assert view is not None
        expected = MirrorCompositor().compose(composed.frame.image, MirrorMode.BODY_MIDLINE, "left", line.x_px,
                                              view.zoom, view.centre_y_norm)
        assert np.array_equal(composed.image, expected)
        assert composed.tracking is not None and composed.tracking.frame_index <= composed.frame.index

        tracker.lost_from_index = composed.frame.index + 1
        held = step_until_tracked(pipeline, clock, worker, 5).line
        assert held is not None and held.source is LineSource.HELD and held.notice
        clock.advance(3.5)
        fallen = step_until_tracked(pipeline, clock, worker, 2).line
        assert fallen is not None and fallen.source is LineSource.FIXED and fallen.x_px == 160.0
        assert fallen.tracking_lost
    finally:
        pipeline.stop()
        source.close()


def test_fixed_line_and_whole_flip_modes_need_no_tracker() -> None:
    clock = SimulatedClock()
    source = SyntheticSource(clock, size_px=(320, 240), fps=30.0)
    source.open()
    fixed = MirrorPipeline(source, clock, MirrorSettings(mode=MirrorMode.FIXED_LINE, intact_side="right", fixed_line_x_norm=0.25))
    composed = fixed.step()
    assert composed is not None and composed.line is not None
    assert composed.line.x_px == 80.0 and not composed.line.tracking_lost
    assert np.array_equal(composed.image, composed.image[:, ::-1])
    fixed.set_settings(MirrorSettings(mode=MirrorMode.WHOLE_FLIP))
    clock.advance(1 / 30)
    flipped = fixed.step()
    assert flipped is not None and flipped.line is None
    assert np.array_equal(flipped.image, flipped.frame.image[:, ::-1])


def test_a_stale_tracking_result_counts_as_lost() -> None:
    xy = np.full((len(POSE_KEYPOINTS), 2), 0.5)
    xy[POSE_KEYPOINTS.index("left_shoulder")] = (0.6, 0.4)
    xy[POSE_KEYPOINTS.index("right_shoulder")] = (0.4, 0.4)
    pose = Landmarks(POSE, POSE_KEYPOINTS, xy, np.ones(len(POSE_KEYPOINTS)), (640, 480))
    result = TrackingResult(frame_index=3, frame_timestamp_s=10.0, landmarks=pose, finished_s=10.02, processing_ms=20.0)
    assert measured_midline_x_px(result, 10.1, max_age_s=0.5) == pytest.approx(320.0)
    assert measured_midline_x_px(result, 10.6, max_age_s=0.5) is None
    assert measured_midline_x_px(None, 10.1, max_age_s=0.5) is None


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError):
        MirrorSettings(intact_side="middle")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        MirrorSettings(fixed_line_x_norm=1.5)
