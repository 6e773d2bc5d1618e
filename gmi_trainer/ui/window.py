"""The real screen and input: a pygame window. Between frames the loop waits for input on
the X connection itself where there is one (woken the moment a key arrives), and polls at
least every half millisecond."""

from __future__ import annotations

import os
import statistics
from collections import deque
from typing import Any, Callable

import pygame

from gmi_trainer.clock import Clock, MonotonicClock
from gmi_trainer.core import inputs as act
from gmi_trainer.core.autopilot import Autopilot, PressSchedule
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.views import LateralityView, NoteView, Screen
from gmi_trainer.ui.fliptiming import flip_report, time_flips
from gmi_trainer.ui.keymap import KeyMap
from gmi_trainer.ui.priority import TimedPriority
from gmi_trainer.ui.screens import draw_screen
from gmi_trainer.ui.screens.laterality import preload_next, prepare_picture
from gmi_trainer.ui.sound import Silence, Sound
from gmi_trainer.ui.theme import CANVAS, Fonts, canvas_size, theme_for
from gmi_trainer.ui.widgets import Canvas, Hit
from gmi_trainer.ui.xwait import wait_readable, x11_connection_fd

# Half a millisecond: without an X connection to wait on, a key waits for the next poll, so
# this bounds what polling adds to a response time (1 ms measured p95 1.4 ms through Xvfb).
# With one, it is only the longest sleep between polls (for timers and scripted presses).
POLL_INTERVAL_S = 0.0005
SCRIPTED = pygame.USEREVENT + 1


class PygameUI:
    """Display and input in one: clicks need to know what the last frame drew where."""

    def __init__(self, clock: Clock, keymap: KeyMap, *, text_scale: float = 1.0,
                 high_contrast: bool = False,
                 windowed: bool = False, autopilot: Autopilot | None = None,
                 sound: Sound | None = None, caption: str = "GMI Trainer",
                 window_px: tuple[int, int] | None = None,
                 window_pos: tuple[int, int] | None = None,
                 min_canvas: tuple[int, int] = CANVAS, raise_priority: bool = True) -> None:
        """For a second window placed beside the first (the therapist's panel): `window_px`
        its size and `window_pos` where it opens (desktop pixels; None: where the window
        manager puts it); `min_canvas`: the smallest canvas its screens are laid out for.
        `raise_priority`: run the loop at a higher priority while pictures are timed
        (ui/priority.py), where the system allows it."""
        self.clock = clock
        self.keymap = keymap
        self.sound: Sound = sound or Silence()
        self._last_cue: Any = None
        self.min_canvas = min_canvas
        pygame.display.init()
        pygame.font.init()
        # Not translated: the therapist's panel finds the patient's window by this title.
        pygame.display.set_caption(caption)
        # Full screen takes the desktop's size; a window opens to fit the screen (room left
        # for a title bar and a panel) and can be resized. Screens draw on a canvas shaped
        # like the window (theme.canvas_size) that is scaled to it.
        flags = pygame.RESIZABLE if windowed else pygame.FULLSCREEN
        size = window_px if window_px is not None and windowed else window_size(windowed)
        if window_pos is not None and windowed:
            # SDL reads the position when it creates the window (and only then).
            os.environ["SDL_VIDEO_WINDOW_POS"] = f"{window_pos[0]},{window_pos[1]}"
        self.vsync = True
        try:
            self.window = pygame.display.set_mode(size, flags, vsync=1)
        except pygame.error:
            self.vsync = False
            self.window = pygame.display.set_mode(size, flags)
        finally:
            os.environ.pop("SDL_VIDEO_WINDOW_POS", None)
        self.surface = self._canvas_for(self.window.get_size())
        pygame.key.set_repeat(0)
        # Wait on the X socket only on the real clock: a simulated one must be moved by sleeps.
        self._x_fd = (x11_connection_fd(pygame.display.get_wm_info())
                      if isinstance(clock, MonotonicClock) else None)
        # Only for a real window on the real clock: tests with the dummy driver never change
        # the test process's priority.
        self._priority = TimedPriority(raise_priority and isinstance(clock, MonotonicClock)
                                       and pygame.display.get_driver() != "dummy")
        # -- flip timing: the loop paces at 60 Hz until the flips are timed (`describe`).
        self.refresh_hz = 60.0
        self._flip_report: dict[str, Any] | None = None
        self._draw_times_s: deque[float] = deque(maxlen=15)  # drawing and flipping, lately
        self.theme = theme_for(high_contrast, text_scale)
        self.fonts = Fonts(text_scale)
        self.hits: list[Hit] = []
        self.click_fallback: dict[int, tuple[str, Any]] = {}
        self.text_mode = False
        self.capture_mode = False
        self.key_screen = ""  # which shortcuts the shown screen listens for (its view's key_screen)
        self.frames = 0
        self._images: dict[str, pygame.Surface | None] = {}
        self._prepared: dict[tuple[str, int, int], pygame.Surface | None] = {}
        self._last_key: Any = None
        # The newest composed mirror frame, set by the composition root to the mirror runtime's.
        self.live_picture: Callable[[], Any] | None = None
        self._presses = PressSchedule(autopilot) if autopilot is not None else None

    def describe(self) -> dict[str, Any]:
        """The manifest's `screen`: the flips are timed once, when a session first asks
        (about half a second with vsync, kept off the start-up path)."""
        if self._flip_report is None:
            self._flip_report = flip_report(time_flips(pygame.display.flip, self.clock),
                                            self.vsync, _reported_refresh_hz())
            if self._flip_report["refresh_hz"] != "unknown":
                self.refresh_hz = self._flip_report["refresh_hz"]
        return {"canvas": list(self.surface.get_size()),
                "window": list(pygame.display.get_window_size()),
                "driver": pygame.display.get_driver(), "loop_hz": round(self.refresh_hz, 2),
                "input_wait": "x11-socket" if self._x_fd is not None else "poll-0.5ms",
                "priority": self._priority.probe(),
                **self._flip_report}

    # -- display ----------------------------------------------------------------------------
    def show(self, screen: Screen) -> float:
        if isinstance(screen.view, LateralityView):
            self._priority.raise_for_timing()
        else:
            self._priority.restore()
        cursor_on = (self.frames // 30) % 2 == 0
        # An unchanged screen is not drawn or flipped again: while a picture waits for an
        # answer, the loop then spends its time polling input instead of drawing or
        # blocking in a vsync'd flip, which keeps response times at millisecond resolution.
        live = self.live_picture() if self.live_picture is not None else None
        key = (screen, cursor_on if isinstance(screen.view, NoteView) else None,
               None if live is None else live.frame.index)
        if key == self._last_key:
            self.frames += 1
            return self.clock.now()
        self._last_key = key
        self.window = pygame.display.get_surface()  # a new one after a resize
        self.surface = self._canvas_for(self.window.get_size())
        draw_start_s = self.clock.now()
        canvas = Canvas(self.surface, self.theme, self.fonts, keys=self.keymap.names)
        draw_screen(canvas, screen, self.picture, cursor_on, live)
        if self.surface.get_size() != self.window.get_size():
            pygame.transform.smoothscale(self.surface, self.window.get_size(), self.window)
        self.hits, self.click_fallback = canvas.hits, canvas.click_fallback
        self.text_mode = isinstance(screen.view, NoteView) or getattr(screen.view, "text_entry", False)
        self.capture_mode = bool(getattr(screen.view, "capture_key", False))
        self.key_screen = str(getattr(screen.view, "key_screen", ""))
        pygame.display.flip()
        flip_s = self.clock.now()
        self._draw_times_s.append(flip_s - draw_start_s)
        self._sound_cue(screen)
        preload_next(screen.view, self.picture)
        self.frames += 1
        return flip_s

    @property
    def draw_s(self) -> float:
        """How long a changed screen takes from drawing to flipped (median of the last 15):
        the loop starts a timed picture this much early so it appears on time."""
        return statistics.median(self._draw_times_s) if self._draw_times_s else 0.0

    def _canvas_for(self, window_px: tuple[int, int]) -> pygame.Surface:
        """The window itself when it has the canvas's size, else a surface scaled to it."""
        size = canvas_size(window_px, self.min_canvas)
        if size == tuple(window_px):
            return self.window
        current = getattr(self, "surface", None)
        if current is not None and current is not self.window and current.get_size() == size:
            return current  # kept from the last frame: no new surface per frame
        return pygame.Surface(size)

    def to_canvas(self, pos: tuple[int, int]) -> tuple[int, int]:
        """A window position (a click) in canvas pixels."""
        window_w, window_h = self.window.get_size()
        return (pos[0] * self.surface.get_width() // max(1, window_w),
                pos[1] * self.surface.get_height() // max(1, window_h))

    def _sound_cue(self, screen: Screen) -> None:
        """Play a view's tone when its cue changes, right after the flip that shows it. A
        pause screen has no cue and does not reset the last one, so resuming is silent."""
        cue = getattr(screen.view, "cue", None)
        if cue is not None and cue != self._last_cue:
            self._last_cue = cue
            self.sound.play(cue[0])

    def picture(self, file: str, rotation_deg: int, box: int) -> pygame.Surface | None:
        key = (file, rotation_deg, box)
        if key not in self._prepared:
            if file not in self._images:
                try:
                    self._images[file] = pygame.image.load(file).convert_alpha()
                except (pygame.error, FileNotFoundError, OSError):
                    self._images[file] = None
            image = self._images[file]
            self._prepared[key] = None if image is None else prepare_picture(image, rotation_deg, box)
        return self._prepared[key]

    def close(self) -> None:
        self._priority.restore()
        pygame.display.quit()

    # -- input ------------------------------------------------------------------------------
    def wait(self, until_s: float) -> list[Input]:
        while True:
            self._inject_due()
            inputs = self.poll()
            if inputs:
                return inputs
            now = self.clock.now()
            if now >= until_s:
                return []
            if self._x_fd is not None:
                wait_readable(self._x_fd, min(POLL_INTERVAL_S, until_s - now))
            else:
                self.clock.sleep(min(POLL_INTERVAL_S, until_s - now))

    def poll(self) -> list[Input]:
        inputs = []
        for event in pygame.event.get():
            t_s = self.clock.now()
            meaning = self._translate(event)
            if meaning is not None:
                action, value, device = meaning
                inputs.append(Input(action, t_s, value, device))
        return inputs

    def _translate(self, event: pygame.event.Event) -> tuple[str, Any, str] | None:
        if event.type == pygame.QUIT:
            return act.QUIT, None, "window"
        if event.type in (pygame.VIDEOEXPOSE, pygame.WINDOWEXPOSED, pygame.WINDOWSIZECHANGED):
            self._last_key = None  # the window was uncovered or resized: draw it again
            return None
        if event.type == pygame.TEXTINPUT:
            meaning = self.keymap.text(event.text, self.text_mode and not self.capture_mode)
            return None if meaning is None else (*meaning, "key")
        if event.type == pygame.KEYDOWN:
            meaning = self.keymap.translate(pygame.key.name(event.key), event.unicode,
                                            self.text_mode, self.capture_mode, self.key_screen)
            return None if meaning is None else (*meaning, "key")
        if event.type == pygame.MOUSEBUTTONDOWN and event.button in (1, 2, 3):
            for hit in reversed(self.hits):
                if hit.rect.collidepoint(self.to_canvas(event.pos)):
                    return hit.action, hit.value, "button"
            if event.button in self.click_fallback:
                return (*self.click_fallback[event.button], "mouse")
            return None
        if event.type == SCRIPTED:
            return event.action, event.value, "autopilot"
        return None

    # -- a scripted patient, pressing through the real event queue ---------------------------
    def observe(self, screen: Screen, flip_s: float) -> None:
        if self._presses is not None:
            self._presses.observe(screen.view, flip_s)

    def _inject_due(self) -> None:
        if self._presses is None:
            return
        now = self.clock.now()
        while (due_s := self._presses.next_due_s()) is not None and due_s <= now:
            _due_s, press = self._presses.pop()
            post_input(self.keymap, press.action, press.value)


def _reported_refresh_hz() -> float | None:
    """The desktop mode's nominal refresh rate, when SDL knows one (0 means it does not)."""
    try:
        rates = pygame.display.get_desktop_refresh_rates()
    except (pygame.error, AttributeError):
        return None
    return float(rates[0]) if rates and rates[0] > 0 else None


def window_size(windowed: bool) -> tuple[int, int]:
    """Full screen: the desktop's size. A window: 1280x800, or smaller to fit the screen
    with room for a title bar and a task bar (a 1366x768 laptop gets 1280x688)."""
    sizes = pygame.display.get_desktop_sizes() if pygame.display.get_init() else []
    desktop_w, desktop_h = sizes[0] if sizes else (1280, 800)
    if not windowed:
        return desktop_w, desktop_h
    return max(640, min(1280, desktop_w - 40)), max(400, min(800, desktop_h - 80))


def post_input(keymap: KeyMap, action: str, value: Any = None) -> None:
    """Put an input on pygame's queue: as a real key press when a key means it, so it takes
    the same path (and the same timing) as a patient's key."""
    key_name = keymap.first_key.get(action) if value is None else None
    if key_name is not None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.key.key_code(key_name),
                                             mod=0, unicode="", scancode=0))
    else:
        pygame.event.post(pygame.event.Event(SCRIPTED, action=action, value=value))
