"""Where the mirror line goes this frame, and what to tell the patient when tracking fails.

Pure logic: time and the latest measured midline are passed in. While the body is tracked
the line follows the filtered midline (tracking/midline.py: steady when still, jumps
rejected), held to the band between the shoulders that the measurement carries. When tracking is lost the line stays where
it was, with a "tracking lost" notice, because a jumping mirror is worse than a slightly
misplaced one; after `fall_back_after_s` without tracking it moves to the fixed line the
user set, which is at least predictable. When tracking returns the line glides back.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from gmi_trainer.tracking.midline import Midline, MidlineFilter


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
    how_to_sit: str | None = None  # the patient is partly out of the picture: what to do

    @property
    def notice(self) -> str | None:
        """A short message for the screen, or None when all is well."""
        if self.how_to_sit:
            return self.how_to_sit
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
        line_filter: MidlineFilter | None = None,
        frame_width_px: float = 640.0,
    ) -> None:
        if fall_back_after_s < 0:
            raise ValueError("fall_back_after_s must not be negative")
        self.fixed_line_x_px = fixed_line_x_px
        self.fall_back_after_s = fall_back_after_s
        self._filter = line_filter if line_filter is not None else MidlineFilter(frame_width_px)
        self._last_good_s: float | None = None
        self._lost_since_s: float | None = None
        self._fell_back = False

    def set_fixed_line(self, x_px: float) -> None:
        self.fixed_line_x_px = x_px

    @property
    def fell_back(self) -> bool:
        """Whether the fixed line is in use now (the patient may move it with Up/Down)."""
        return self._fell_back

    def update(self, now_s: float, measured: Midline | float | None,
               how_to_sit: str | None = None) -> MirrorLine:
        if measured is not None:
            midline = measured if isinstance(measured, Midline) else Midline(measured, -1e9, 1e9)
            if self._fell_back:
                # Glide from where the line is on screen now, not from a stale midline.
                self._filter.glide_from(self.fixed_line_x_px, now_s)
            self._fell_back = False
            self._lost_since_s = None
            self._last_good_s = now_s
            # The filtered line lags a moving body a little; the band keeps even a lagging
            # line between the shoulders, off the face.
            x_px = midline.clamp(self._filter.update(midline.x_px, now_s))
            return MirrorLine(x_px, LineSource.TRACKED, False, 0.0, how_to_sit)
        if self._lost_since_s is None:
            self._lost_since_s = now_s
        lost_for_s = now_s - self._lost_since_s
        held_x_px = self._filter.x_px
        if held_x_px is not None and lost_for_s < self.fall_back_after_s and not self._fell_back:
            return MirrorLine(held_x_px, LineSource.HELD, True, lost_for_s, how_to_sit)
        self._fell_back = True
        return MirrorLine(self.fixed_line_x_px, LineSource.FIXED, True, lost_for_s, how_to_sit)


def fixed_line(x_px: float) -> MirrorLine:
    """The line when the user chose FIXED_LINE mode: no tracking, so nothing is ever lost."""
    return MirrorLine(x_px, LineSource.FIXED, False, 0.0)
