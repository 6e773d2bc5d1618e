"""The tracker interface: frames in, named keypoints out. MediaPipe is one backend."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol, runtime_checkable

from gmi_trainer.frames.frame import Frame
from gmi_trainer.tracking.landmarks import Landmarks


class TrackerError(RuntimeError):
    """A tracker cannot run (missing model, bad setting); the message says what to do."""


@runtime_checkable
class Tracker(Protocol):
    """Finds one body or one hand in a frame. A tracker never opens a camera: it is handed frames.

    `process` may keep state between calls (video-mode trackers follow the previous
    result), so frames should be given in capture order; it returns None when nothing is found.
    """

    @property
    def name(self) -> str: ...

    def process(self, frame: Frame) -> Landmarks | None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Trackers:
    """The trackers the mirror builds, chosen by the composition root.

    `pose()` builds the body tracker (it finds the midline; with elbows and knees it also
    counts those movements), `hands(intact_side)` a hand tracker for finger exercises, or
    None when hand movements cannot be counted. `threaded` runs tracking beside the display
    (live); otherwise each frame is tracked as it is shown, which keeps a run on a
    simulated clock repeatable.
    """

    name: str  # what the session's manifest says tracked the picture
    pose: Callable[[], Tracker]
    hands: Callable[[str], Tracker] | None = None
    pose_counts_repetitions: bool = True
    threaded: bool = True
    # The body tracker for the drawn practice figure, which a pose network does not see
    # (with none, the line would fall back to a fixed line the figure sways across, and the
    # figure's head would be shown twice).
    practice: Callable[[], Tracker] | None = None
