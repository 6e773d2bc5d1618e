"""The practice figure's tracker finds the midline the synthetic source drew."""

from __future__ import annotations

import numpy as np
import pytest

from gmi_trainer.clock import SimulatedClock
from gmi_trainer.frames.frame import Frame
from gmi_trainer.frames.synthetic import SyntheticSource
from gmi_trainer.tracking.midline import body_midline_x_px
from gmi_trainer.tracking.synthetic_figure import SyntheticFigureTracker
from gmi_trainer.tracking.tracker import Tracker


@pytest.mark.parametrize("size_px", [(160, 120), (640, 480)])
def test_the_midline_found_is_the_one_drawn(size_px: tuple[int, int]) -> None:
    source = SyntheticSource(SimulatedClock(), size_px=size_px, fps=30.0)
    tracker = SyntheticFigureTracker()
    assert isinstance(tracker, Tracker)
    for index in (0, 17, 60, 95, 140):  # the figure sways and waves its arm
        landmarks = tracker.process(Frame(source.render(index), index / 30.0, index))
        assert landmarks is not None
        assert landmarks.is_visible("left_shoulder") and not landmarks.is_visible("left_elbow")
        # The patient's left is on the image's right (frames are not mirrored).
        assert landmarks.point_px("left_shoulder")[0] > landmarks.point_px("right_shoulder")[0]
        midline_px = body_midline_x_px(landmarks)
        assert midline_px == pytest.approx(source.midline_x_px(index), abs=1.5)


def test_a_picture_without_the_figure_has_no_landmarks() -> None:
    blank = Frame(np.zeros((120, 160, 3), np.uint8), 0.0, 0)
    assert SyntheticFigureTracker().process(blank) is None
