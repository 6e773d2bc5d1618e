"""A recorded clip played as if it were a live camera.

Frames are paced to the file's own frame rate on the injected clock, and a reader that
falls behind skips ahead to the newest due frame, exactly as a live camera would drop them,
so a clip exercises the same pipeline as a webcam (tests, demos, patients without a camera).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gmi_trainer.clock import Clock
from gmi_trainer.frames.frame import ContextManagedSource, Frame, SourceEnded, SourceError, SourceState
from gmi_trainer.frames.pacing import due_frame_index, due_time_s
from gmi_trainer.i18n import _

# Files with no usable rate in their header are played at this rate.
FALLBACK_FPS = 30.0


@dataclass(frozen=True)
class VideoFolder:
    """A folder where a patient keeps recorded clips of themselves, to use without a camera."""

    folder: Path
    suffixes: tuple[str, ...]  # lower case, with the dot: ".mp4"

    def newest(self) -> Path | None:
        """The most recently changed clip, or None if there is none (or no folder)."""
        clips = self.clips()
        return clips[0] if clips else None

    def clips(self) -> list[Path]:
        """Every clip, newest first (none when there is no folder)."""
        if not self.folder.is_dir():
            return []
        clips = [p for p in self.folder.glob("*") if p.suffix.lower() in self.suffixes
                 and p.is_file()]
        return sorted(clips, key=lambda p: p.stat().st_mtime, reverse=True)


class VideoFileSource(ContextManagedSource):
    def __init__(self, path: str | Path, clock: Clock, loop: bool = False) -> None:
        self._path = Path(path)
        self._clock = clock
        self._loop = loop
        self._capture: Any = None
        self._state = SourceState.CLOSED
        self._problem: str | None = None
        self._size_px = (0, 0)
        self._fps = FALLBACK_FPS
        self._start_s = 0.0
        # Stream position: index of the next frame the decoder will produce (running count
        # across loops), and the index last handed out.
        self._next_decode_index = 0
        self._last_index = -1
        self._decoded_since_rewind = 0

    @property
    def description(self) -> str:
        loop = ", looping" if self._loop else ""
        return f"video file {self._path.name} ({self._size_px[0]}x{self._size_px[1]} at {self._fps:g} fps{loop})"

    @property
    def state(self) -> SourceState:
        return self._state

    @property
    def problem(self) -> str | None:
        return self._problem

    def open(self) -> None:
        import cv2  # lazy: keeps program start-up fast

        if not self._path.is_file():
            raise SourceError(
                _("There is no video file at {path}. Check the path, or use "
                "--camera 0 for a webcam or --camera synthetic to try the screen.").format(path=self._path)
            )
        capture = cv2.VideoCapture(str(self._path))
        if not capture.isOpened():
            raise SourceError(_("{path} could not be opened as a video. Is it an .mp4 or .avi file?").format(path=self._path))
        fps = float(capture.get(cv2.CAP_PROP_FPS) or 0.0)
        self._fps = fps if 1.0 <= fps <= 240.0 else FALLBACK_FPS
        self._size_px = (
            int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)),
            int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)),
        )
        self._capture = capture
        self._start_s = self._clock.now()
        self._next_decode_index = 0
        self._decoded_since_rewind = 0
        self._last_index = -1
        self._problem = None
        self._state = SourceState.LIVE

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None
        if self._state is SourceState.LIVE:
            self._state = SourceState.CLOSED

    def read(self) -> Frame | None:
        if self._state in (SourceState.ENDED, SourceState.FAILED):
            error = SourceEnded if self._state is SourceState.ENDED else SourceError
            raise error(self._problem or _("The video has stopped."))
        if self._state is not SourceState.LIVE or self._capture is None:
            raise SourceError(_("The video file is not open."))
        due_index = due_frame_index(self._start_s, self._clock.now(), self._fps)
        if due_index <= self._last_index:
            return None
        image = self._decode_up_to(due_index)
        self._last_index = due_index
        return Frame(image=image, timestamp_s=due_time_s(self._start_s, due_index, self._fps), index=due_index)

    def _decode_up_to(self, target_index: int) -> Any:
        """Decode forward to the frame with running index `target_index`, rewinding at the end.

        Frames the reader was too slow to show are grabbed but not converted.
        """
        while True:
            if self._next_decode_index < target_index:
                if self._capture.grab():
                    self._next_decode_index += 1
                    self._decoded_since_rewind += 1
                    continue
            else:
                ok, image = self._capture.read()
                if ok and image is not None:
                    self._next_decode_index += 1
                    self._decoded_since_rewind += 1
                    return image
            self._rewind_or_end()

    def _rewind_or_end(self) -> None:
        import cv2

        # A file that yields nothing after a rewind would loop for ever: treat it as ended.
        if not self._loop or self._decoded_since_rewind == 0:
            self._state = SourceState.ENDED
            self._problem = _("The video {name} has ended.").format(name=self._path.name)
            raise SourceEnded(self._problem)
        self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
        self._decoded_since_rewind = 0
