"""Where the therapist's panel opens: on a second screen when there is one, else beside the
patient's window, at a compact size; where there is no room beside it (a laptop whose screen
the patient's window fills), at the screen's edge with the most room, covering as little of
the patient's window as the compact size allows. Pure: the caller finds the screens and the
patient's window (`app/desktop.py` under X11)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from gmi_trainer.i18n import _

Rect = tuple[int, int, int, int]  # x, y, width, height in desktop pixels

PANEL_SIZE = (460, 660)  # the compact panel's inside, window pixels
PANEL_MIN = (340, 480)  # smaller than this the figures would be too small to read
SECOND_SCREEN_SIZE = (720, 960)  # on a screen of its own the panel may be larger
# Room kept for the window manager's frame: a title bar above, a border around.
TITLE_BAR_PX = 30
BORDER_PX = 4


@dataclass(frozen=True)
class Placement:
    rect: Rect  # the window's inside: where SDL is asked to put it, and its size
    where: str  # "second screen", "beside", "over the edge", "default"
    reason: str  # one sentence for the therapist

    @property
    def position(self) -> tuple[int, int] | None:
        """Where to open the window; None when nothing is known (the window manager decides)."""
        return None if self.where == "default" and self.rect[:2] == (0, 0) else self.rect[:2]

    @property
    def size(self) -> tuple[int, int]:
        return self.rect[2], self.rect[3]


def _overlap(a: Rect, b: Rect) -> int:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, w) * max(0, h)


def _fit(size: tuple[int, int], room_w: int, room_h: int) -> tuple[int, int]:
    """`size` shrunk to the room a frame leaves inside `room_w` x `room_h`."""
    return (max(1, min(size[0], room_w - 2 * BORDER_PX)),
            max(1, min(size[1], room_h - TITLE_BAR_PX - BORDER_PX)))


def place_panel(screens: Sequence[Rect], patient: Rect | None,
                size: tuple[int, int] = PANEL_SIZE) -> Placement:
    """The panel's rectangle. `screens`: each screen's usable area (panels excluded), the
    first the primary; `patient`: the patient's window with its frame, or None."""
    if not screens:
        return Placement((0, 0, *size), "default", _("The screens could not be read: the window "
                         "manager places the panel."))
    if patient is None:
        sx, sy, sw, sh = screens[0]
        w, h = _fit(size, sw, sh)
        return Placement((sx + sw - w - BORDER_PX, sy + TITLE_BAR_PX, w, h), "default",
                         _("The patient's window was not found (is the session running on this "
                           "computer?): the panel opens at the right edge of the screen."))
    home = max(screens, key=lambda s: _overlap(s, patient))
    others = [s for s in screens if _overlap(s, patient) == 0]
    if others:
        sx, sy, sw, sh = max(others, key=lambda s: s[2] * s[3])
        w, h = _fit(SECOND_SCREEN_SIZE, sw, sh)
        return Placement((sx + BORDER_PX + (sw - w - 2 * BORDER_PX) // 2, sy + TITLE_BAR_PX,
                          w, h), "second screen", _("The panel opens on the second screen."))
    sx, sy, sw, sh = home
    px, py, pw, ph = patient
    left_room = px - sx
    right_room = sx + sw - (px + pw)
    top_y = max(sy, py) + TITLE_BAR_PX
    side_room = max(left_room, right_room)
    if side_room >= PANEL_MIN[0] + 2 * BORDER_PX:
        w, h = _fit(size, side_room, sh)
        x = px + pw + BORDER_PX if right_room >= left_room else px - w - BORDER_PX
        y = min(top_y, sy + sh - h - BORDER_PX)
        return Placement((x, y, w, h), "beside", _("The panel opens beside the patient's window."))
    # No room beside: at the screen's left edge, as narrow as it can be read, so it covers
    # the least of the patient's window; the left, because the patient's Pause button is at
    # the top right of every session screen and must stay in reach.
    w, h = _fit((PANEL_MIN[0] + (size[0] - PANEL_MIN[0]) // 3, size[1]), sw, sh)
    return Placement((sx + BORDER_PX, sy + TITLE_BAR_PX, w, h), "over the edge",
                     _("The patient's window fills the screen: the panel covers its left edge "
                       "(drag either window, or use a second screen)."))
