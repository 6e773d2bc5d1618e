"""The desktop as the X server sees it: each monitor's usable area, and where a window with a
given title is (the patient's, for the therapist's panel to open beside it). Under X11 only,
through python-xlib; elsewhere nothing is known and the window manager places the panel."""

from __future__ import annotations

import os
import sys
from typing import Any

Rect = tuple[int, int, int, int]


def desktop_layout(title: str) -> tuple[list[Rect], Rect | None]:
    """(every monitor's usable area, the primary first; the outer rectangle, frame included,
    of the largest window titled `title`, or None). ([], None) without an X display."""
    if not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
        return [], None
    try:
        from Xlib import X, display as xdisplay
        from Xlib.error import XError
    except ImportError:
        return [], None
    try:
        connection = xdisplay.Display()
    except Exception:  # no X server there, or not allowed: a panel still opens
        return [], None
    try:
        root = connection.screen().root
        monitors = _monitors(connection, root)
        work = _cardinals(connection, root, "_NET_WORKAREA")[:4]
        if len(work) == 4:  # keep each monitor inside the desktop's usable area
            monitors = [r for m in monitors if (r := _intersect(m, tuple(work))) is not None] \
                or monitors
        return monitors, _window(connection, root, title, X)
    except XError:
        return [], None
    finally:
        connection.close()


def _monitors(connection: Any, root: Any) -> list[Rect]:
    found: list[Rect] = []
    try:
        if connection.has_extension("RANDR"):
            reply = root.xrandr_get_monitors(is_active=True)
            monitors = sorted(reply.monitors, key=lambda m: not m.primary)
            found = [(m.x, m.y, m.width_in_pixels, m.height_in_pixels) for m in monitors]
    except Exception:  # an old RandR without monitors: ask Xinerama
        found = []
    if not found and connection.has_extension("XINERAMA"):
        try:
            found = [(s["x"], s["y"], s["width"], s["height"])
                     for s in connection.xinerama_query_screens().screens]
        except Exception:
            found = []
    if not found:
        geometry = root.get_geometry()
        found = [(0, 0, geometry.width, geometry.height)]
    return separate_screens(found)


def separate_screens(monitors: list[Rect]) -> list[Rect]:
    """The monitors less any that holds another whole: that is a union of them (some
    servers list the whole desktop as one more monitor), not a screen of its own."""
    return [m for m in monitors if not any(o != m and _intersect(m, o) == o for o in monitors)]


def _cardinals(connection: Any, window: Any, name: str) -> list[int]:
    prop = window.get_full_property(connection.intern_atom(name), 0)
    return list(prop.value) if prop is not None else []


def _intersect(a: Rect, b: Rect) -> Rect | None:
    x, y = max(a[0], b[0]), max(a[1], b[1])
    right, bottom = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    return (x, y, right - x, bottom - y) if right > x and bottom > y else None


def _window(connection: Any, root: Any, title: str, X: Any) -> Rect | None:
    """The largest visible top-level window titled `title`, frame included."""
    clients = _cardinals(connection, root, "_NET_CLIENT_LIST")
    windows = [connection.create_resource_object("window", w) for w in clients] \
        or _all_windows(root)
    utf8 = connection.intern_atom("UTF8_STRING")
    best: Rect | None = None
    for window in windows:
        try:
            prop = window.get_full_property(connection.intern_atom("_NET_WM_NAME"), utf8)
            name = prop.value.decode("utf-8", "replace") if prop is not None else \
                window.get_wm_name()
            if name != title or window.get_attributes().map_state != X.IsViewable:
                continue
            geometry = window.get_geometry()
            origin = root.translate_coords(window, 0, 0)
            left, right, top, bottom = (_cardinals(connection, window, "_NET_FRAME_EXTENTS")
                                        or [0, 0, 0, 0])[:4]
            rect = (origin.x - left, origin.y - top, geometry.width + left + right,
                    geometry.height + top + bottom)
        except Exception:  # the window went away while it was being read
            continue
        if best is None or rect[2] * rect[3] > best[2] * best[3]:
            best = rect
    return best


def _all_windows(root: Any) -> list[Any]:
    """Every window, for a window manager that keeps no client list."""
    found, todo = [], [root]
    while todo:
        window = todo.pop()
        try:
            children = window.query_tree().children
        except Exception:
            continue
        found += children
        todo += children
    return found
