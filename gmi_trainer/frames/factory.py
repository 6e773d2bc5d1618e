"""Turn the `--camera` option into an open frame source.

`--camera 0` (a webcam number), `--camera path/to/clip.mp4` (a recorded video, looped) or
`--camera synthetic` (a drawn figure). This is the one place that chooses a backend.
"""

from __future__ import annotations

from pathlib import Path

from gmi_trainer.clock import Clock
from gmi_trainer.frames.frame import FrameSource, SourceError

SYNTHETIC_SPEC = "synthetic"


def open_source(
    spec: str,
    clock: Clock,
    size_px: tuple[int, int] = (640, 480),
    fps: float = 30.0,
    loop: bool = True,
) -> FrameSource:
    """Open and return the source named by `spec`; raise SourceError with a readable message."""
    spec = spec.strip()
    if not spec:
        raise SourceError("No camera was given. Use --camera 0, --camera path/to/clip.mp4 or --camera synthetic.")
    source: FrameSource
    if spec.lower() == SYNTHETIC_SPEC:
        from gmi_trainer.frames.synthetic import SyntheticSource

        source = SyntheticSource(clock, size_px=size_px, fps=fps)
    elif spec.isdigit():
        from gmi_trainer.frames.webcam import WebcamSource

        source = WebcamSource(int(spec), clock, size_px=size_px, fps=fps)
    else:
        from gmi_trainer.frames.video_file import VideoFileSource

        path = Path(spec).expanduser()
        if not path.exists():
            raise SourceError(
                f"'{spec}' is neither a camera number nor an existing video file. Use --camera 0 for "
                "the first webcam, --camera path/to/clip.mp4 for a video, or --camera synthetic."
            )
        source = VideoFileSource(path, clock, loop=loop)
    source.open()
    return source
