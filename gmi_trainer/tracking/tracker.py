"""The tracker interface: frames in, named keypoints out. MediaPipe is one backend."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

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
