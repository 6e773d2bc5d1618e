"""Where the mirror line goes this frame, and what to tell the patient when tracking fails.

Pure logic: time and the latest measured midline are passed in. While the body is tracked
the line follows the (slowly smoothed) midline. When tracking is lost the line stays where
it was, with a "tracking lost" notice, because a jumping mirror is worse than a slightly
misplaced one; after `fall_back_after_s` without tracking it moves to the fixed line the
user set, which is at least predictable. When tracking returns the line glides back.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from gmi_trainer.tracking.midline import MidlineSmoother


class LineSource(enum.Enum):
    TRACKED = "tracked"  # following the body midline
    HELD = "held"  # tracking lost: last good midline kept
    FIXED = "fixed"  # fallen back to (or chosen) the user's fixed line


@dataclass(frozen=True)
class MirrorLine:
    x_px: float
    source: LineSource
    tracking_lost: bool
    lost_for_s: float

    @property
    def notice(self) -> str | None:
        """A short message for the screen, or None when all is well."""
        if self.source is LineSource.HELD:
            return "Tracking lost - mirror held in place. Stay in view of the camera."
        if self.tracking_lost:
            return "Tracking lost - using the fixed mirror line."
        return None


class MidlineFollower:
    def __init__(
        self,
        fixed_line_x_px: float,
        fall_back_after_s: float = 3.0,
        smoother: MidlineSmoother | None = None,
    ) -> None:
        if fall_back_after_s < 0:
            raise ValueError("fall_back_after_s must not be negative")
        self.fixed_line_x_px = fixed_line_x_px
        self.fall_back_after_s = fall_back_after_s
        self._smoother = smoother if smoother is not None else MidlineSmoother()
        self._last_good_s: float | None = None
        self._lost_since_s: float | None = None
        self._fell_back = False

    def set_fixed_line(self, x_px: float) -> None:
        self.fixed_line_x_px = x_px

    def update(self, now_s: float, measured_x_px: float | None) -> MirrorLine:
        if measured_x_px is not None:
            if self._fell_back or self._smoother.x_px is None:
                # Glide from where the line is on screen now, not from a stale midline.
                self._smoother.reset()
                self._smoother.update(self.fixed_line_x_px if self._fell_back else measured_x_px, now_s)
            self._fell_back = False
            self._lost_since_s = None
            self._last_good_s = now_s
            return MirrorLine(self._smoother.update(measured_x_px, now_s), LineSource.TRACKED, False, 0.0)
        if self._lost_since_s is None:
            self._lost_since_s = now_s
        lost_for_s = now_s - self._lost_since_s
        held_x_px = self._smoother.x_px
        if held_x_px is not None and lost_for_s < self.fall_back_after_s:
            return MirrorLine(held_x_px, LineSource.HELD, True, lost_for_s)
        self._fell_back = True
        return MirrorLine(self.fixed_line_x_px, LineSource.FIXED, True, lost_for_s)


def fixed_line(x_px: float) -> MirrorLine:
    """The line when the user chose FIXED_LINE mode: no tracking, so nothing is ever lost."""
    return MirrorLine(x_px, LineSource.FIXED, False, 0.0)
