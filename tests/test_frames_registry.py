"""The frames registry: which backend each `--camera` value names, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from gmi_trainer.clock import SimulatedClock
from gmi_trainer.frames import NoCameraError, SourceError
from gmi_trainer.frames.registry import available_backends, parse_spec
from gmi_trainer.frames.stream import NetworkStreamSource, without_password


@pytest.mark.parametrize("spec, scheme, handed", [
    ("0", "webcam", "0"),
    (" 2 ", "webcam", "2"),
    ("webcam:1", "webcam", "1"),
    ("synthetic", "synthetic", ""),
    ("SYNTHETIC", "synthetic", ""),
    ("clips/me.mp4", "file", "clips/me.mp4"),
    ("file:clips/me.mp4", "file", "clips/me.mp4"),
    ("file:///home/me/clip.mp4", "file", "/home/me/clip.mp4"),
    (r"C:\clips\me.mp4", "file", r"C:\clips\me.mp4"),
    ("rtsp://10.0.0.5:554/stream1", "rtsp", "rtsp://10.0.0.5:554/stream1"),
    ("http://phone.local:8080/video", "http", "http://phone.local:8080/video"),
    ("HTTPS://cam.example/live.mjpg", "https", "HTTPS://cam.example/live.mjpg"),
])
def test_each_value_names_one_backend(spec: str, scheme: str, handed: str) -> None:
    backend, rest = parse_spec(spec)
    assert (backend.scheme, rest) == (scheme, handed)


def test_a_network_camera_is_never_taken_for_a_file() -> None:
    """The old factory guessed: anything not a number or 'synthetic' was a file path."""
    source = NetworkStreamSource("rtsp://user:secret@10.0.0.5/stream", SimulatedClock(),
                                 capture_factory=lambda url: None, reconnect_attempts=1)
    with pytest.raises(NoCameraError) as caught:
        source.open()
    message = str(caught.value)
    assert "network camera at rtsp://10.0.0.5/stream" in message and "secret" not in message
    assert "secret" not in source.description and "rtsp://10.0.0.5/stream" in source.description


def test_an_unknown_scheme_is_refused_with_the_allowed_ones() -> None:
    with pytest.raises(SourceError) as caught:
        parse_spec("ftp://cam/stream")
    message = str(caught.value)
    assert "'ftp:' is not a kind of camera" in message
    for example in ("0 (or webcam:0)", "path/to/clip.mp4", "rtsp://", "http://", "https://",
                    "synthetic"):
        assert example in message
    with pytest.raises(SourceError, match="webcam is given by its number"):
        from gmi_trainer.frames.registry import make_source

        make_source("webcam:front", SimulatedClock())


def test_an_existing_file_with_a_colon_in_its_name_is_still_a_file(tmp_path: Path) -> None:
    clip = tmp_path / "take:2.avi"
    clip.write_bytes(b"")
    backend, rest = parse_spec(str(clip))
    assert backend.scheme == "file" and rest == str(clip)


def test_the_registry_lists_its_backends_in_order() -> None:
    assert available_backends() == ("webcam", "file", "rtsp", "http", "https", "synthetic")


def test_passwords_are_kept_out_of_what_is_recorded() -> None:
    assert without_password("rtsp://admin:pw@cam:554/s?x=1") == "rtsp://cam:554/s?x=1"
    assert without_password("http://cam/video") == "http://cam/video"
