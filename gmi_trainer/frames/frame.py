"""What every frame source hands out, and how a source says it has stopped.

Images are BGR, HxWx3 uint8, exactly as the camera delivers them: *not* mirrored. BGR is
OpenCV's native order, so a webcam frame reaches the tracker and the compositor without a
colour conversion, and pygame can show it directly (`pygame.image.frombuffer(..., "BGR")`).
Not mirrored means the patient's right hand appears on the image's *left*, as another
person facing them would see it; mirroring for display is the compositor's job.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np


@dataclass(frozen=True)
class Frame:
    """One picture with the shared-clock time at which it was captured.

    `timestamp_s` is read from the injected Clock at capture (for paced files and synthetic
    frames: the moment the frame became due), so capture-to-flip latency is a plain
    difference of two readings of the same clock. `index` counts frames handed out by the
    source since it was opened; gaps mean frames were dropped to stay current.
    """

    image: np.ndarray
    timestamp_s: float
    index: int

    @property
    def width_px(self) -> int:
        return int(self.image.shape[1])

    @property
    def height_px(self) -> int:
        return int(self.image.shape[0])


class SourceState(enum.Enum):
    CLOSED = "closed"
    LIVE = "live"
    RECONNECTING = "reconnecting"
    ENDED = "ended"
    FAILED = "failed"


class SourceError(RuntimeError):
    """A source cannot deliver frames; the message is written for the patient to read."""


class NoCameraError(SourceError):
    """No camera could be opened at all."""


class SourceEnded(SourceError):
    """A video file reached its end and looping is off."""


@runtime_checkable
class FrameSource(Protocol):
    """Webcam, video file and synthetic frames share this one interface.

    `read()` never waits for the next frame: it returns the newest frame not yet handed out,
    or None if there is none yet, so a display loop stays in charge of its own timing. It
    raises SourceError once the source has ENDED or FAILED; while RECONNECTING it returns
    None and `problem` holds a message to show. `read()` is meant to be called from one
    thread (the display loop); the webcam's own grab thread is internal to it.
    """

    @property
    def size_px(self) -> tuple[int, int]:
        """(width, height) of the frames; meaningful after open()."""
        ...

    @property
    def fps(self) -> float: ...

    @property
    def description(self) -> str: ...

    @property
    def state(self) -> SourceState: ...

    @property
    def problem(self) -> str | None:
        """A human message while the source is RECONNECTING, ENDED or FAILED; else None."""
        ...

    def open(self) -> None: ...

    def read(self) -> Frame | None: ...

    def close(self) -> None: ...


class ContextManagedSource:
    """What every source shares: `with source: ...` (open on enter, close on exit), and the
    size and frame rate each source keeps in `_size_px` and `_fps`."""

    _size_px: tuple[int, int]
    _fps: float

    @property
    def size_px(self) -> tuple[int, int]:
        return self._size_px

    @property
    def fps(self) -> float:
        return self._fps

    def open(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def close(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def __enter__(self) -> "ContextManagedSource":
        self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
