"""The mirror line when tracking comes and goes: held, then fixed, then gliding back."""

from __future__ import annotations

import pytest

from gmi_trainer.mirror.midline_state import LineSource, MidlineFollower, fixed_line
from gmi_trainer.tracking.midline import Midline, MidlineFilter


def follower() -> MidlineFollower:
    return MidlineFollower(fixed_line_x_px=320.0, fall_back_after_s=3.0, line_filter=MidlineFilter(640.0))


def test_follows_the_tracked_midline_smoothly_and_within_the_shoulder_band() -> None:
    f = follower()
    first = f.update(0.0, 300.0)
    assert first.source is LineSource.TRACKED and first.x_px == 300.0 and not first.tracking_lost
    assert first.notice is None
    moved = f.update(0.1, 340.0)
    assert 300.0 < moved.x_px < 340.0
    # However the filter lags, the line is held to the band the measurement carries.
    banded = f.update(0.2, Midline(380.0, 370.0, 390.0))
    assert 370.0 <= banded.x_px <= 390.0


def test_how_to_sit_takes_the_notice() -> None:
    line = follower().update(0.0, 300.0, "Your left side is out of the picture: move")
    assert line.notice is not None and line.notice.startswith("Your left side")


def test_tracking_lost_holds_the_last_line_then_falls_back_to_the_fixed_line() -> None:
    f = follower()
    f.update(0.0, 300.0)
    held = f.update(1.0, None)
    assert held.source is LineSource.HELD and held.x_px == 300.0
    assert held.tracking_lost and held.lost_for_s == 0.0 and "held" in (held.notice or "")
    still_held = f.update(3.9, None)
    assert still_held.source is LineSource.HELD and still_held.lost_for_s == pytest.approx(2.9)
    fallen = f.update(4.0, None)
    assert fallen.source is LineSource.FIXED and fallen.x_px == 320.0 and fallen.tracking_lost
    assert "fixed" in (fallen.notice or "")


def test_when_tracking_returns_the_line_glides_from_the_fixed_line() -> None:
    f = follower()
    f.update(0.0, 300.0)
    f.update(1.0, None)
    f.update(5.0, None)
    back = f.update(5.1, 200.0)
    assert back.source is LineSource.TRACKED and not back.tracking_lost
    assert back.x_px == 320.0, "continues from the line on screen, not from the old midline"
    gliding = f.update(5.2, 200.0)
    assert 200.0 < gliding.x_px < 320.0 - 10.0


def test_never_tracked_uses_the_fixed_line_with_a_notice() -> None:
    line = follower().update(0.0, None)
    assert line.source is LineSource.FIXED and line.tracking_lost and line.x_px == 320.0


def test_a_short_dropout_resets_the_lost_timer() -> None:
    f = follower()
    f.update(0.0, 300.0)
    f.update(1.0, None)
    f.update(2.0, 300.0)
    assert f.update(4.5, None).source is LineSource.HELD


def test_fixed_line_mode_never_reports_lost_tracking() -> None:
    line = fixed_line(250.0)
    assert line.source is LineSource.FIXED and not line.tracking_lost and line.notice is None
