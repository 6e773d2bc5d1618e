"""Frame sources: webcam, video file, network stream and synthetic frames behind one interface.

Importing this package is cheap: OpenCV is imported only when a source is constructed or
opened. Images are BGR uint8 and not mirrored (see `frame.py`).
"""

from gmi_trainer.frames.registry import open_source
from gmi_trainer.frames.frame import Frame, FrameSource, NoCameraError, SourceEnded, SourceError, SourceState

__all__ = ["Frame", "FrameSource", "NoCameraError", "SourceEnded", "SourceError", "SourceState", "open_source"]
