"""A network camera (rtsp://, http://, https://) read through OpenCV like a webcam.

An IP camera or a phone camera app sends a live stream: OpenCV's VideoCapture opens it by
URL, and from then on it behaves as a webcam that may stop (the network drops, the phone
locks). So it reuses the webcam's grab thread, newest-frame buffer, stall detection and
reconnect attempts; only its name and its messages differ.
"""

from __future__ import annotations

from typing import Any, Callable
from urllib.parse import urlsplit, urlunsplit

from gmi_trainer.clock import Clock
from gmi_trainer.frames.webcam import WebcamSource, _open_opencv_capture
from gmi_trainer.i18n import _

STREAM_SCHEMES = ("rtsp", "http", "https")


def without_password(url: str) -> str:
    """The URL with any user name and password removed: descriptions go into the records."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


class NetworkStreamSource(WebcamSource):
    """A live stream at `url`; reconnects by opening the URL again, as a webcam does."""

    def __init__(
        self,
        url: str,
        clock: Clock,
        stall_timeout_s: float = 2.0,
        reconnect_attempts: int = 5,
        reconnect_interval_s: float = 1.0,
        capture_factory: Callable[[Any], Any] = _open_opencv_capture,
    ) -> None:
        # A stream's size and rate are the sender's; the webcam's requests are not made.
        # Networks jitter more than a USB cable, so a stall is declared later (2 s).
        super().__init__(url, clock, stall_timeout_s=stall_timeout_s,
                         reconnect_attempts=reconnect_attempts,
                         reconnect_interval_s=reconnect_interval_s,
                         capture_factory=capture_factory)
        self._shown_url = without_password(url)

    @property
    def description(self) -> str:
        return (f"network stream {self._shown_url} "
                f"({self._size_px[0]}x{self._size_px[1]} at {self._fps:g} fps)")

    def _no_camera_message(self) -> str:
        return (_("The network camera at {shown_url} could not be opened. Check that it "
                "is switched on, on the same network, and that the address is right; or use "
                "--camera 0 for a USB webcam, --camera path/to/clip.mp4 for a recorded video, "
                "or --camera synthetic to try the screen, or skip the mirror phase for today.").format(shown_url=self._shown_url))

    def _gave_up_message(self) -> str:
        return (_("The network camera stopped and did not come back after "
                "{reconnect_attempts} tries. Check that it is on and on the network, "
                "then start the mirror phase again, or use a video file "
                "(--camera path/to/clip.mp4), or skip it today.").format(reconnect_attempts=self._reconnect_attempts))

    def _request_format(self, capture: Any) -> None:
        """A stream's size and rate are the sender's: nothing to ask for."""
