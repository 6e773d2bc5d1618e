"""Waiting for input on the X server's connection itself, so a key is read the moment it
arrives instead of at the next poll.

SDL reads X events from one socket. Between polls the loop sleeps; sleeping in `select` on
that socket instead wakes the moment the server sends something (a key, a click, an expose),
typically within tens of microseconds, where a fixed sleep adds up to its whole length plus
the scheduler's overshoot. Where SDL does not use X (Windows, macOS, Wayland, the dummy
driver) or libX11 cannot be found, there is no socket to wait on and the loop keeps its
fixed short sleep.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import select
from typing import Any


def x11_connection_fd(wm_info: dict[str, Any]) -> int | None:
    """The file descriptor of SDL's X connection, from `pygame.display.get_wm_info()`, or
    None when the window is not on X or the descriptor cannot be had."""
    capsule = wm_info.get("display")
    if capsule is None or type(capsule).__name__ != "PyCapsule":
        return None
    library = ctypes.util.find_library("X11")
    if library is None:
        return None
    try:
        x11 = ctypes.CDLL(library)
        get_pointer = ctypes.pythonapi.PyCapsule_GetPointer
        get_pointer.restype = ctypes.c_void_p
        get_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
        display_ptr = get_pointer(capsule, b"display")
        x11.XConnectionNumber.argtypes = [ctypes.c_void_p]
        x11.XConnectionNumber.restype = ctypes.c_int
        fd = int(x11.XConnectionNumber(display_ptr))
    except (OSError, ValueError, AttributeError):
        return None
    return fd if fd >= 0 else None


def wait_readable(fd: int, timeout_s: float) -> None:
    """Sleep until the connection has something to read or `timeout_s` has passed. The
    caller polls SDL's queue afterwards either way, so a wake-up with nothing for SDL (or an
    error on the socket, which SDL itself will report) costs one empty poll."""
    try:
        select.select([fd], [], [], max(0.0, timeout_s))
    except (OSError, ValueError):
        return
