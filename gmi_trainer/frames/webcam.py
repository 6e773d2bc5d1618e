"""A live webcam read in its own thread, keeping only the newest frame.

Webcams and OpenCV's V4L backend queue several frames; reading them in the display loop
shows pictures that are already 100 ms or more old, which weakens the mirror illusion. A
grab thread empties the queue continuously and keeps only the latest picture. The same
thread notices a camera that stops sending (unplugged, taken by another program) and tries
to reconnect; `read()` also watches the time since the last frame, so a stall is reported
within `stall_timeout_s` even if the driver call itself hangs.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

import numpy as np

from gmi_trainer.clock import Clock
from gmi_trainer.frames.frame import ContextManagedSource, Frame, NoCameraError, SourceError, SourceState
from gmi_trainer.i18n import N_, _

NO_CAMERA_MESSAGE = N_(
    "No camera was found{where}. Connect a USB webcam (and close any other program using it), "
    "or practise with a recorded video: --camera path/to/clip.mp4, or try the screen with "
    "--camera synthetic, or skip the mirror phase for today."
)


def _open_opencv_capture(device: int | str) -> Any:
    """A webcam by number, or a network stream by URL (OpenCV opens both)."""
    import cv2  # lazy: keeps program start-up fast

    return cv2.VideoCapture(device)


class WebcamSource(ContextManagedSource):
    """OpenCV VideoCapture with a one-frame buffer, a grab thread and reconnect attempts.

    `capture_factory(device_index)` returns an object with the VideoCapture methods used here
    (isOpened, set, get, grab, retrieve, release); tests pass a fake one to exercise stalls
    and reconnects without a device.
    """

    def __init__(
        self,
        device_index: int | str,
        clock: Clock,
        size_px: tuple[int, int] = (640, 480),
        fps: float = 30.0,
        stall_timeout_s: float = 0.5,
        reconnect_attempts: int = 5,
        reconnect_interval_s: float = 1.0,
        capture_factory: Callable[[Any], Any] = _open_opencv_capture,
    ) -> None:
        self._device_index = device_index
        self._clock = clock
        self._requested_size_px = size_px
        self._size_px = size_px
        self._fps = float(fps)
        self._stall_timeout_s = stall_timeout_s
        self._reconnect_attempts = reconnect_attempts
        self._reconnect_interval_s = reconnect_interval_s
        self._capture_factory = capture_factory
        # Only a thread silent for longer than a reconnect attempt can take is treated as hung.
        self._hang_timeout_s = reconnect_interval_s + 2 * stall_timeout_s + 2.0
        self._lock = threading.Lock()
        self._state = SourceState.CLOSED
        self._problem: str | None = None
        self._newest: Frame | None = None
        self._last_read_index = -1
        self._next_index = 0
        self._last_frame_s = 0.0
        self._heartbeat_s = 0.0
        self._generation = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.reconnect_count = 0

    @property
    def description(self) -> str:
        return f"webcam {self._device_index} ({self._size_px[0]}x{self._size_px[1]} at {self._fps:g} fps)"

    @property
    def state(self) -> SourceState:
        with self._lock:
            return self._state

    @property
    def problem(self) -> str | None:
        with self._lock:
            return self._problem

    def open(self) -> None:
        capture = self._open_capture()
        if capture is None:
            raise NoCameraError(self._no_camera_message())
        now_s = self._clock.now()
        with self._lock:
            self._state = SourceState.LIVE
            self._problem = None
            self._last_frame_s = now_s
            self._heartbeat_s = now_s
            self._stop.clear()
        self._start_thread(capture)

    def close(self) -> None:
        self._stop.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=2.0)
        self._thread = None
        with self._lock:
            self._state = SourceState.CLOSED

    def read(self) -> Frame | None:
        now_s = self._clock.now()
        restart = False
        with self._lock:
            if self._state is SourceState.FAILED:
                raise SourceError(self._problem or _("The camera stopped."))
            if self._state is SourceState.CLOSED:
                raise SourceError(_("The camera is not open."))
            if self._state is SourceState.LIVE and now_s - self._last_frame_s > self._stall_timeout_s:
                self._state = SourceState.RECONNECTING
                self._problem = _("The camera stopped sending pictures. Trying to reconnect...")
            # A driver call can hang far longer than the stall timeout; give up on that
            # thread and let a fresh one reconnect (the old one exits when it wakes).
            if self._state is SourceState.RECONNECTING and now_s - self._heartbeat_s > self._hang_timeout_s:
                self._generation += 1
                self._heartbeat_s = now_s
                restart = True
            frame = self._newest
            if frame is None or frame.index <= self._last_read_index:
                frame = None
            else:
                self._last_read_index = frame.index
        if restart:
            self._start_thread(None)
        return frame

    # What a patient reads; a network stream words these for a camera on the network.
    def _no_camera_message(self) -> str:
        return _(NO_CAMERA_MESSAGE).format(where=_(" at camera number {device_index}").format(device_index=self._device_index))

    def _gave_up_message(self) -> str:
        return (
            _("The camera stopped and did not come back after {reconnect_attempts} tries. "
            "Check the cable and close other programs using the camera, then start the "
            "mirror phase again, or use a video file (--camera path/to/clip.mp4), or skip it today.").format(reconnect_attempts=self._reconnect_attempts)
        )

    # Internals: everything below runs on the grab thread unless noted.
    def _open_capture(self) -> Any | None:
        try:
            capture = self._capture_factory(self._device_index)
        except Exception:  # noqa: BLE001 - any driver failure means "no camera"
            return None
        if capture is None or not capture.isOpened():
            if capture is not None:
                capture.release()
            return None
        self._configure(capture)
        return capture

    def _configure(self, capture: Any) -> None:
        try:
            import cv2

            capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
            self._request_format(capture)
            width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH) or 0)
            height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT) or 0)
            fps = float(capture.get(cv2.CAP_PROP_FPS) or 0.0)
        except Exception:  # noqa: BLE001 - not every backend supports every property
            return
        if width > 0 and height > 0:
            self._size_px = (width, height)
        if 1.0 <= fps <= 240.0:
            self._fps = fps

    def _request_format(self, capture: Any) -> None:
        """Ask the camera for the wanted size and rate (it may choose others)."""
        import cv2

        capture.set(cv2.CAP_PROP_FRAME_WIDTH, self._requested_size_px[0])
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self._requested_size_px[1])
        capture.set(cv2.CAP_PROP_FPS, self._fps)

    def _start_thread(self, capture: Any | None) -> None:
        with self._lock:
            generation = self._generation
        thread = threading.Thread(
            target=self._run, args=(capture, generation), name=f"webcam-{self._device_index}", daemon=True
        )
        self._thread = thread
        thread.start()

    def _is_current(self, generation: int) -> bool:
        return not self._stop.is_set() and generation == self._generation

    def _run(self, capture: Any | None, generation: int) -> None:
        try:
            if capture is None:
                capture = self._reconnect(generation)
            while capture is not None and self._is_current(generation):
                ok = capture.grab()
                now_s = self._clock.now()
                image = None
                if ok:
                    ok, image = capture.retrieve()
                with self._lock:
                    if generation != self._generation:
                        break
                    self._heartbeat_s = now_s
                    if ok and image is not None:
                        self._publish(np.asarray(image), now_s)
                        continue
                    stalled = now_s - self._last_frame_s > self._stall_timeout_s
                if stalled:
                    capture.release()
                    capture = self._reconnect(generation)
                else:
                    self._clock.sleep(0.005)
        finally:
            if capture is not None:
                capture.release()

    def _publish(self, image: np.ndarray, now_s: float) -> None:
        """Called with the lock held."""
        self._newest = Frame(image=image, timestamp_s=now_s, index=self._next_index)
        self._next_index += 1
        self._last_frame_s = now_s
        self._state = SourceState.LIVE
        self._problem = None

    def _reconnect(self, generation: int) -> Any | None:
        for attempt in range(1, self._reconnect_attempts + 1):
            if not self._is_current(generation):
                return None
            with self._lock:
                self._state = SourceState.RECONNECTING
                self._problem = (
                    _("The camera stopped sending pictures. Trying to reconnect "
                    "(attempt {attempt} of {reconnect_attempts})...").format(attempt=attempt, reconnect_attempts=self._reconnect_attempts)
                )
                self._heartbeat_s = self._clock.now()
            capture = self._open_capture()
            if capture is not None:
                with self._lock:
                    self.reconnect_count += 1
                    # Not LIVE until a frame arrives; the stall clock restarts now.
                    self._last_frame_s = self._clock.now()
                return capture
            self._clock.sleep(self._reconnect_interval_s)
        with self._lock:
            if generation == self._generation:
                self._state = SourceState.FAILED
                self._problem = self._gave_up_message()
        return None
