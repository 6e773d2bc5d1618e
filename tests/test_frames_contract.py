"""One contract for every frame source: every backend in the frames registry.

Network streams are served from this machine (no internet): a small HTTP server sends a
paced MJPEG stream, as many IP cameras do, and OpenCV reads it. An rtsp:// or https://
source is the same stream source with the same OpenCV capture; it is pointed at the local
HTTP stream through its capture seam, since neither server can run here.
"""

from __future__ import annotations

import glob
import http.server
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np
import pytest

from gmi_trainer.clock import MonotonicClock
from gmi_trainer.frames import FrameSource, SourceError, SourceState
from gmi_trainer.frames import registry
from gmi_trainer.frames.stream import NetworkStreamSource
from gmi_trainer.frames.synthetic import SyntheticSource
from gmi_trainer.frames.video_file import VideoFileSource
from gmi_trainer.frames.webcam import WebcamSource


def write_clip(path: Path, frame_count: int, fps: float, size_px: tuple[int, int] = (160, 120)) -> Path:
    """A small MJPG clip whose frame n has brightness 10 * n, so content identifies the frame."""
    import cv2

    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, size_px)
    assert writer.isOpened()
    for n in range(frame_count):
        writer.write(np.full((size_px[1], size_px[0], 3), 10 * n, dtype=np.uint8))
    writer.release()
    return path


def webcam_present() -> bool:
    if sys.platform.startswith("linux"):
        return bool(glob.glob("/dev/video*"))
    return os.environ.get("GMI_WEBCAM") == "1"


def make_synthetic(tmp_path: Path, clock: MonotonicClock) -> FrameSource:
    return SyntheticSource(clock, size_px=(320, 240), fps=30.0)


def make_video_file(tmp_path: Path, clock: MonotonicClock) -> FrameSource:
    return VideoFileSource(write_clip(tmp_path / "clip.avi", 20, 30.0), clock, loop=True)


def make_webcam(tmp_path: Path, clock: MonotonicClock) -> FrameSource:
    return WebcamSource(0, clock)


class _MjpegStream(http.server.BaseHTTPRequestHandler):
    """Sends JPEG pictures at 30 per second as multipart/x-mixed-replace, until hung up."""

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server hook
        import cv2

        self.send_response(200)
        self.send_header("Content-Type", "multipart/x-mixed-replace; boundary=frame")
        self.end_headers()
        n = 0
        try:
            while True:
                ok, jpeg = cv2.imencode(".jpg", np.full((120, 160, 3), 10 * (n % 25), np.uint8))
                body = jpeg.tobytes()
                self.wfile.write(b"--frame\r\nContent-Type: image/jpeg\r\n"
                                 b"Content-Length: %d\r\n\r\n" % len(body) + body + b"\r\n")
                n += 1
                time.sleep(1 / 30)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def stream_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _MjpegStream)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/stream.mjpg"
    server.shutdown()
    server.server_close()


def make_http_stream(tmp_path: Path, clock: MonotonicClock, url: str) -> FrameSource:
    return registry.make_source(url, clock)  # through the registry, as --camera http://... does


def _stream_seen_as(scheme: str) -> Callable[[Path, MonotonicClock, str], FrameSource]:
    def make(tmp_path: Path, clock: MonotonicClock, url: str) -> FrameSource:
        import cv2

        source = registry.make_source(f"{scheme}://camera.invalid/stream", clock)
        assert isinstance(source, NetworkStreamSource)
        return NetworkStreamSource(f"{scheme}://camera.invalid/stream", clock,
                                   capture_factory=lambda _url: cv2.VideoCapture(url))

    return make


# Every registered backend, by scheme; the test below keeps this list complete.
MAKERS: dict[str, Callable[..., FrameSource]] = {
    "synthetic": make_synthetic, "file": make_video_file, "webcam": make_webcam,
    "http": make_http_stream, "rtsp": _stream_seen_as("rtsp"), "https": _stream_seen_as("https"),
}
STREAMS = ("http", "rtsp", "https")

BACKENDS = [
    pytest.param(make_synthetic, id="synthetic"),
    pytest.param(make_video_file, id="video_file"),
    pytest.param(
        make_webcam,
        id="webcam",
        marks=[pytest.mark.webcam, pytest.mark.skipif(not webcam_present(), reason="no webcam on this machine")],
    ),
    *[pytest.param(MAKERS[scheme], id=f"{scheme}_stream") for scheme in STREAMS],
]


def test_every_registered_backend_is_held_to_the_contract() -> None:
    assert set(MAKERS) == set(registry.available_backends())


@pytest.mark.parametrize("make_source", BACKENDS)
def test_source_contract(make_source: Callable[..., FrameSource], tmp_path: Path,
                         request: pytest.FixtureRequest) -> None:
    clock = MonotonicClock()
    if make_source in [MAKERS[scheme] for scheme in STREAMS]:
        source = make_source(tmp_path, clock, request.getfixturevalue("stream_url"))
    else:
        source = make_source(tmp_path, clock)
    assert isinstance(source, FrameSource)
    assert source.state is SourceState.CLOSED
    with pytest.raises(SourceError):
        source.read()

    opened_at_s = clock.now()
    source.open()
    try:
        assert source.state is SourceState.LIVE
        assert source.problem is None
        assert source.fps > 0
        assert isinstance(source.description, str) and source.description
        frames = []
        deadline_s = clock.now() + 0.6
        while clock.now() < deadline_s:
            call_start_s = clock.now()
            frame = source.read()
            # Never a blocking wait: the display loop owns its timing.
            assert clock.now() - call_start_s < 0.2
            if frame is not None:
                frames.append(frame)
                # Newest-only: the same frame is never handed out twice.
                again = source.read()
                assert again is None or again.index > frame.index
                if again is not None:
                    frames.append(again)
            clock.sleep(0.003)
        assert len(frames) >= 8, "a 30 fps source should deliver frames within 0.6 s"
        width_px, height_px = source.size_px
        for frame in frames:
            assert frame.image.dtype == np.uint8
            assert frame.image.shape == (height_px, width_px, 3)
            assert opened_at_s - 0.05 <= frame.timestamp_s <= clock.now()
        indices = [frame.index for frame in frames]
        assert indices == sorted(set(indices))
        stamps = [frame.timestamp_s for frame in frames]
        assert stamps == sorted(stamps)
    finally:
        source.close()
    assert source.state is SourceState.CLOSED
    with pytest.raises(SourceError):
        source.read()
