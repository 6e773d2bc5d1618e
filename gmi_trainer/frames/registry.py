"""Frame-source backends keyed by scheme, and opening the source a `--camera` value names.

`--camera` takes `SCHEME:REST`, with two short forms:

    0, webcam:0                   a webcam by number
    path/to/clip.mp4, file:PATH   a recorded video, played in a loop as if live
    rtsp://..., http://..., https://...
                                  a network camera, opened by OpenCV with the whole URL
    synthetic                     the drawn practice figure

A value with a scheme that is not registered is refused with the list of those that are,
never guessed to be a file name. Every backend is imported only when its source is built,
so that importing this module stays cheap (OpenCV loads later).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from gmi_trainer.clock import Clock
from gmi_trainer.frames.frame import FrameSource, SourceError
from gmi_trainer.i18n import _


@dataclass(frozen=True)
class SourceOptions:
    """What the caller wants of a source; a backend uses what applies to it."""

    size_px: tuple[int, int] = (640, 480)
    fps: float = 30.0
    loop: bool = True  # video files start again at their end


@dataclass(frozen=True)
class Backend:
    scheme: str
    example: str  # how a patient or therapist writes it, for messages and --help
    build: Callable[[str, Clock, SourceOptions], FrameSource]  # (rest of the value, ...)
    whole_value: bool = False  # the backend is handed the whole value (a URL), not the rest


def _webcam(rest: str, clock: Clock, options: SourceOptions) -> FrameSource:
    from gmi_trainer.frames.webcam import WebcamSource

    if not rest.isdigit():
        raise SourceError(_("'webcam:{rest}': a webcam is given by its number, e.g. --camera 0.").format(rest=rest))
    return WebcamSource(int(rest), clock, size_px=options.size_px, fps=options.fps)


def _file(rest: str, clock: Clock, options: SourceOptions) -> FrameSource:
    from gmi_trainer.frames.video_file import VideoFileSource

    path = Path(rest).expanduser()
    if not path.exists():
        raise SourceError(
            _("'{rest}' is neither a camera number nor an existing video file. Use --camera 0 for "
            "the first webcam, --camera path/to/clip.mp4 for a video, or --camera synthetic.").format(rest=rest)
        )
    return VideoFileSource(path, clock, loop=options.loop)


def _stream(url: str, clock: Clock, options: SourceOptions) -> FrameSource:
    from gmi_trainer.frames.stream import NetworkStreamSource

    return NetworkStreamSource(url, clock)


def _synthetic(rest: str, clock: Clock, options: SourceOptions) -> FrameSource:
    from gmi_trainer.frames.synthetic import SyntheticSource

    return SyntheticSource(clock, size_px=options.size_px, fps=options.fps)


WEBCAM, FILE, SYNTHETIC = "webcam", "file", "synthetic"

_BACKENDS: dict[str, Backend] = {
    WEBCAM: Backend(WEBCAM, "0 (or webcam:0)", _webcam),
    FILE: Backend(FILE, "path/to/clip.mp4 (or file:path/to/clip.mp4)", _file),
    "rtsp": Backend("rtsp", "rtsp://camera.local/stream", _stream, whole_value=True),
    "http": Backend("http", "http://camera.local/video.mjpg", _stream, whole_value=True),
    "https": Backend("https", "https://camera.local/video.mjpg", _stream, whole_value=True),
    SYNTHETIC: Backend(SYNTHETIC, "synthetic", _synthetic),
}


def available_backends() -> tuple[str, ...]:
    """The registered schemes, in the order they are offered."""
    return tuple(_BACKENDS)


def allowed_text() -> str:
    return ", ".join(backend.example for backend in _BACKENDS.values())


def parse_spec(spec: str) -> tuple[Backend, str]:
    """The backend a `--camera` value names and what that backend is handed."""
    value = spec.strip()
    if not value:
        raise SourceError(_("No camera was given. Use --camera with one of: {value}.").format(value=allowed_text()))
    if value.isdigit():
        return _BACKENDS[WEBCAM], value
    if value.lower() == SYNTHETIC:
        return _BACKENDS[SYNTHETIC], ""
    scheme, colon, rest = value.partition(":")
    # "C:\\clips\\a.mp4" has a one-letter drive, not a scheme; a name without a colon is a path.
    if not colon or len(scheme) == 1 or Path(value).expanduser().exists():
        return _BACKENDS[FILE], value
    backend = _BACKENDS.get(scheme.lower())
    if backend is None:
        raise SourceError(_("'{value}': '{scheme}:' is not a kind of camera this program "
                          "knows. Use --camera with one of: {value2}.").format(value=value, scheme=scheme, value2=allowed_text()))
    if backend.whole_value:
        return backend, value
    return backend, rest.removeprefix("//") if backend.scheme == FILE else rest


def make_source(spec: str, clock: Clock, options: SourceOptions = SourceOptions()) -> FrameSource:
    """The source `spec` names, not yet opened; SourceError with a readable message if none."""
    backend, rest = parse_spec(spec)
    return backend.build(rest, clock, options)


def open_source(
    spec: str,
    clock: Clock,
    size_px: tuple[int, int] = (640, 480),
    fps: float = 30.0,
    loop: bool = True,
) -> FrameSource:
    """Open and return the source named by `spec`; raise SourceError with a readable message."""
    source = make_source(spec, clock, SourceOptions(size_px=size_px, fps=fps, loop=loop))
    source.open()
    return source
