"""`gmi-trainer screens`: the real program, driven by a scripted patient and therapist through
the real flows and the real drawing code, with a picture saved of every distinct screen.

Nothing here builds a view by hand: a fresh data folder gets twenty patient profiles and a
PIN, then the Shell runs as for a patient (first start, a session of the default plan with
the autopilot, a pause, a camera that cannot be opened, a second session whose pain rise
shows the safety advice, the progress pages) and the therapist (PIN, the patient list,
a patient's settings, a plan's settings); last, the supervise panel reads the patient's
records: no session running, then the last session followed to its end. Taking own pictures
(from home, from therapist mode, and with a camera that cannot be opened) runs the real
capture flow and its camera side; only the hand tracker and the cut-out are stood in for
(`StandInHand`), as the synthetic figure stands in for the mirror's trackers. Each distinct screen (see `screen_name`) is drawn on a canvas of the asked window
size and text size and saved as NAME.png; layout.json lists every text drawn and its box."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterable

import pygame

from gmi_trainer.app.capture_runtime import CaptureRuntime
from gmi_trainer.app.loop import ScriptedInputs, run
from gmi_trainer.app.mirror_runtime import MirrorRuntime
from gmi_trainer.app.paths import Paths
from gmi_trainer.app.root import (
    HEADLESS_CAMERA,
    HEADLESS_FPS,
    HEADLESS_FRAME_PX,
    _adapters,
    _videos,
    frame_opener,
    synthetic_figure_trackers,
)
from gmi_trainer.app.services import AppServices, RunSettings
from gmi_trainer.capture.cutout import Cutout
from gmi_trainer.capture.engine import Look
from gmi_trainer.capture.pose_match import match_score
from gmi_trainer.capture.targets import Target
from gmi_trainer.clock import Clock, SimulatedClock
from gmi_trainer.core import inputs as act
from gmi_trainer.core import views
from gmi_trainer.core.autopilot import Autopilot, Press
from gmi_trainer.core.capture import CONFIRM_DELETE, DONE, INTRO, LOOKING, CaptureView
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.shell import Shell
from gmi_trainer.core.therapist import FormView
from gmi_trainer.i18n import N_, SOURCE_LANGUAGE, _, use_language
from gmi_trainer.plans.loader import load_plan
from gmi_trainer.profiles.model import DEFAULT_KEYS, Profile
from gmi_trainer.profiles.pin import PinStore
from gmi_trainer.profiles.store import save_profile
from gmi_trainer.records.live import LiveReader
from gmi_trainer.records.reader import read_patient
from gmi_trainer.supervise.panel import SupervisorPanel, SupervisorView
from gmi_trainer.ui.screens import draw_screen
from gmi_trainer.ui.screens.laterality import prepare_picture
from gmi_trainer.ui.theme import Fonts, canvas_size, theme_for
from gmi_trainer.ui.widgets import Canvas
from gmi_trainer.vocabulary.targets import LATERALITY_NORMS

TOUR_PIN = "246813"
TOUR_PATIENTS = 20  # the therapist's list must scroll
TOUR_START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)  # a Monday morning
TOUR_LIMIT_S = 6 * 3600.0  # simulated seconds: a tour that runs longer is stuck on a screen


@dataclass
class TourStep:
    """Presses for the first screen that `matches`, instead of the autopilot's answer."""

    matches: Callable[[Any], bool]
    presses: list[Press]
    used: bool = False


class TourPilot(Autopilot):
    """The autopilot, with detours taken once each, in order, where their screen appears."""

    def __init__(self, steps: list[TourStep], pain: tuple[int, int] | None = None) -> None:
        super().__init__("correct", 0, pain=pain)
        self.steps = steps

    def respond(self, view: Any) -> list[Press]:
        for step in self.steps:
            if not step.used and step.matches(view):
                step.used = True
                return step.presses
        if isinstance(view, views.HomeView):
            return [Press(0.5, act.SELECT, "quit")]  # every session is started by a step
        return super().respond(view)


def _press(action: str, value: Any = None, delay_s: float = 0.3) -> Press:
    return Press(delay_s, action, value)


def _is(kind: type, **attrs: Any) -> Callable[[Any], bool]:
    def matches(view: Any) -> bool:
        return isinstance(view, kind) and all(getattr(view, k, None) == v for k, v in attrs.items())
    return matches


def _title(kind: type, title: str) -> Callable[[Any], bool]:
    """A screen of this kind whose title starts with `title` (an English message, or one with
    a {placeholder} left empty), in the tour's language."""
    return lambda view: isinstance(view, kind) and str(getattr(view, "title", "")).startswith(
        _(title).split("{")[0].strip())


def screen_name(screen: views.Screen) -> str:
    """What makes a screen distinct: its kind and the state that changes its layout."""
    view = screen.view
    prefix = ""
    if isinstance(view, views.PausedView):
        prefix, view = "paused-", view.under
    kind = re.sub(r"(?<!^)(?=[A-Z])", "_", type(view).__name__.removesuffix("View")).lower()
    parts = [kind]
    if isinstance(view, views.LateralityView):
        parts.append("feedback" if view.feedback else "picture" if view.picture_file
                     else "fixation")
        parts.append("practice" if view.practice else "")
    elif isinstance(view, views.ProgressView):
        parts.append(view.pages[view.page])
    elif isinstance(view, SupervisorView):
        parts.append(view.mode if view.live else "ended" if view.session else "waiting")
    elif isinstance(view, views.HomeView) and view.alert:
        # The day's pain alert in place of the profile lines, and the second ask to start.
        parts.append("alert-start-asked" if view.start_asks_again else "alert")
    else:
        for attr in ("stage", "moment", "mode", "title", "block_title"):
            value = getattr(view, attr, None)
            if isinstance(value, str) and value:
                parts.append(value)
                break
        if isinstance(view, FormView):
            parts.append("keypad" if view.keypad else "")
        if isinstance(view, CaptureView):
            parts.append("therapist" if view.patient else "")
            if view.stage == LOOKING:
                look = view.look
                parts.append("no-camera" if view.camera_problem else "starting" if look is None
                             else "holding" if look.held > 0 else "")
    name = _ascii(prefix + "-".join(p for p in parts if p))
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]


# Cyrillic letters in Latin ones, so screens of a Russian or Ukrainian tour get file names as
# distinct as the English ones (accents of other languages are dropped by NFKD).
_CYRILLIC = dict(zip("абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюя",
                     ["a", "b", "v", "g", "g", "d", "e", "ye", "yo", "zh", "z", "i", "i", "yi", "y",
                      "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh",
                      "shch", "", "y", "", "e", "yu", "ya"]))


def _ascii(text: str) -> str:
    spelled = "".join(_CYRILLIC.get(ch, ch) for ch in text.lower())
    return unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode("ascii")


@dataclass
class CaptureDisplay:
    """A display that draws each screen with the real drawing code on a canvas of the tour's
    size, and keeps the first picture and text layout of every distinct screen."""

    out_dir: Path
    window_px: tuple[int, int]
    text_scale: float
    high_contrast: bool
    clock: SimulatedClock
    live: Callable[[], Any] | None = None
    pictures: bool = True  # False: only the layout (checks at many sizes need no PNGs)
    refresh_hz: float = 60.0
    draw_s: float = 0.0  # drawing takes no time on the tour's simulated clock
    layout: dict[str, Any] = field(default_factory=dict)
    # Every distinct screen as reached (name, screen, live mirror frame), to draw again at
    # other sizes without running the flows again.
    reached: list[tuple[str, views.Screen, Any]] = field(default_factory=list)
    _pictures: dict[tuple[str, int, int], pygame.Surface | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.surface = pygame.Surface(canvas_size(self.window_px))
        self.theme = theme_for(self.high_contrast, self.text_scale)
        self.fonts = Fonts(self.text_scale)

    def show(self, screen: views.Screen) -> float:
        if self.clock.now() > TOUR_LIMIT_S:
            raise RuntimeError(f"the screen tour is stuck on {screen_name(screen)}")
        name = screen_name(screen)
        if name not in self.layout:
            live = self.live() if self.live is not None else None
            self.reached.append((name, screen, live))
            self.capture(name, screen, live)
        return self.clock.now()

    def capture(self, name: str, screen: views.Screen, live: Any) -> None:
        canvas = Canvas(self.surface, self.theme, self.fonts,
                        keys={k: tuple(v) for k, v in DEFAULT_KEYS.items()})
        draw_screen(canvas, screen, self.picture, True, live)
        if self.pictures:
            window = pygame.transform.smoothscale(self.surface, self.window_px)
            pygame.image.save(window, str(self.out_dir / f"{name}.png"))
        sx = self.window_px[0] / self.surface.get_width()
        sy = self.window_px[1] / self.surface.get_height()
        self.layout[name] = {
            "name": name, "canvas": list(self.surface.get_size()),
            "texts": [{"text": t.text, "rect": window_rect(t.rect, sx, sy)} for t in canvas.texts]}
        if canvas.behind:  # the dimmed screen under the pause box: seen, not read or checked
            self.layout[name]["behind"] = [{"text": t.text, "rect": window_rect(t.rect, sx, sy)}
                                           for t in canvas.behind]

    def picture(self, file: str, rotation_deg: int, box: int) -> pygame.Surface | None:
        key = (file, rotation_deg, box)
        if key not in self._pictures:
            try:
                image = pygame.image.load(file)
            except (pygame.error, FileNotFoundError, OSError):
                self._pictures[key] = None
            else:
                self._pictures[key] = prepare_picture(image, rotation_deg, box)
        return self._pictures[key]


def window_rect(rect: pygame.Rect, sx: float, sy: float) -> list[int]:
    """A canvas rectangle in window pixels, [x, y, w, h]. Each edge is rounded, not the
    size: two boxes that touch on the canvas then touch in the window, never overlap by a
    rounding pixel."""
    left, top = round(rect.left * sx), round(rect.top * sy)
    return [left, top, round(rect.right * sx) - left, round(rect.bottom * sy) - top]


# The capture's camera in the tour: the picture to copy itself, held up to the camera.
CAPTURE_FRAME_PX = (640, 480)
CAPTURE_WALL_BGR = (96, 104, 112)
HOLD_STEPS_S = (1.0, 2.0)  # matched, then half held, then held: the picture is taken


class StandInHand:
    """The capture engine's hand tracker and cut-out, stood in for: MediaPipe's landmarks
    and GrabCut's edges vary a little between machines and versions, and the tour's pictures
    must not. The hand is always seen and in the posture; it is half held after 1 s and held
    after 2 s of each posture; the picture taken is the library's picture itself."""

    def __init__(self, intact_side: str) -> None:
        self.intact_side = intact_side
        self.target: Target | None = None
        self.since_s = 0.0

    def load_rgba(self, file: str) -> Any:
        import numpy as np
        from PIL import Image

        with Image.open(file) as image:
            return np.array(image.convert("RGBA"))

    def look(self, frame: Any, targets: list[Target]) -> Look:
        import numpy as np

        target = targets[0] if targets else None
        if target != self.target:
            self.target, self.since_s = target, frame.timestamp_s
        held_s = frame.timestamp_s - self.since_s
        held = 0.0 if held_s < HOLD_STEPS_S[0] else 0.5 if held_s < HOLD_STEPS_S[1] else 1.0
        return Look(frame.timestamp_s, hand_found=True, target=target, distance=0.05,
                    match=match_score(0.05), held=held, points_px=np.zeros((0, 2)))

    def take(self, frame: Any, look: Look, card_px: int) -> tuple[Cutout, Cutout]:
        import cv2

        assert look.target is not None
        rgba = self.load_rgba(str(look.target.picture.file))
        picture = Cutout(cv2.resize(rgba, (card_px, card_px), interpolation=cv2.INTER_AREA))
        self.target = None  # the next posture starts its hold afresh
        return picture, picture.mirrored()


def _capture_camera(runtime: Callable[[], CaptureRuntime]) -> Callable[[str, Clock], Any]:
    """The tour's camera for taking pictures: the first posture's library picture, as large
    in the frame as the outline drawn over it (90% of its height), on a plain wall; any other
    camera (one that cannot be opened) through the real frames registry."""
    def open_source(spec: str, clock: Clock) -> Any:
        import numpy as np

        from gmi_trainer.app.capture_runtime import CARD_PX
        from gmi_trainer.frames.synthetic import SyntheticSource

        if spec != HEADLESS_CAMERA:
            return frame_opener()(spec, clock)
        target = runtime().setup().targets[0]
        rgba = StandInHand("").load_rgba(str(target.picture.file)).astype(np.float32)
        height = round(CARD_PX / 0.9)
        width = height * CAPTURE_FRAME_PX[0] // CAPTURE_FRAME_PX[1]  # the wall fills the frame
        wall = np.empty((height, width, 3), np.float32)
        wall[:] = CAPTURE_WALL_BGR
        top = (height - rgba.shape[0]) // 2
        left = (width - rgba.shape[1]) // 2
        alpha = rgba[..., 3:4] / 255.0
        area = wall[top:top + rgba.shape[0], left:left + rgba.shape[1]]
        area[:] = rgba[..., 2::-1] * alpha + area * (1.0 - alpha)
        source = SyntheticSource(clock, CAPTURE_FRAME_PX, HEADLESS_FPS, sway_px=0.0,
                                 picture=np.round(wall).astype(np.uint8))
        source.open()
        return source

    return open_source


def _capture_steps() -> list[TourStep]:
    """My pictures from home: the first page, the camera (starting, the outline to copy,
    the hold filling), the picture taken with its twin, Finish and the summary; then the
    first page again with a set to delete, No, and the pause box."""
    def looking(number: int) -> Callable[[Any], bool]:
        return lambda v: isinstance(v, CaptureView) and v.stage == LOOKING and v.number == number

    return [
        TourStep(_is(views.HomeView), [_press(act.PICTURES)]),
        TourStep(_is(CaptureView, stage=INTRO), [_press(act.CONFIRM)]),
        TourStep(looking(2), [_press(act.SELECT, "finish")]),
        TourStep(_is(CaptureView, stage=DONE), [_press(act.CONFIRM)]),
        TourStep(_is(views.HomeView), [_press(act.PICTURES)]),
        TourStep(_is(CaptureView, stage=INTRO), [_press(act.DOWN), _press(act.CONFIRM)]),
        TourStep(_is(CaptureView, stage=CONFIRM_DELETE), [_press(act.CONFIRM)]),  # No
        TourStep(_is(CaptureView, stage=INTRO), [_press(act.PAUSE)]),
        TourStep(_is(views.PausedView), [_press(act.SELECT, "end")]),
    ]


def _no_camera_capture_steps() -> list[TourStep]:
    """My pictures with a camera that cannot be opened: the camera page says why."""
    return [
        TourStep(_is(views.HomeView), [_press(act.PICTURES)]),
        TourStep(_is(CaptureView, stage=INTRO), [_press(act.CONFIRM)]),
        TourStep(lambda v: isinstance(v, CaptureView) and bool(v.camera_problem),
                 [_press(act.SELECT, "finish", delay_s=1.0)]),
        TourStep(_is(CaptureView, stage=DONE), [_press(act.CONFIRM)]),
    ]


def _patient_steps() -> list[TourStep]:
    """First start, home paused, the first session with a pause, the progress pages."""
    return [
        TourStep(_is(views.HomeView), [_press(act.PAUSE)]),
        TourStep(_is(views.PausedView), [_press(act.PAUSE)]),
        TourStep(_is(views.HomeView), [_press(act.SELECT, "start")]),
        TourStep(lambda v: isinstance(v, views.LateralityView) and v.picture_file is not None
                 and not v.practice, [_press(act.PAUSE, delay_s=0.2)]),
        TourStep(_is(views.PausedView), [_press(act.PAUSE)]),
    ]


def _progress_steps(pages: int) -> list[TourStep]:
    steps = [TourStep(_is(views.HomeView), [_press(act.SELECT, "progress")])]
    # Page by page; a screen's remaining presses are dropped when its token changes.
    turns = [*[_press(act.RIGHT) for _ in range(pages)], _press(act.CONFIRM)]
    steps += [TourStep(_is(views.ProgressView), turns) for _ in range(pages)]
    return steps


def _therapist_steps() -> list[TourStep]:
    # Each digit changes the PIN screen's token (and drops the presses left): one per step.
    digits = [TourStep(_title(FormView, N_("Therapist mode")), [_press(act.SELECT, int(d))])
              for d in TOUR_PIN]
    return [
        TourStep(_is(views.HomeView), [_press(act.THERAPIST)]),
        *digits,
        TourStep(_title(FormView, N_("Therapist mode")), [_press(act.CONFIRM)]),
        TourStep(_title(views.ChoiceView, N_("Therapist mode")), [_press(act.SELECT, "patients")]),
        # Up from the first row goes to the last (Back): the list must show it.
        TourStep(_title(views.ChoiceView, N_("Patients")),
                 [_press(act.UP), *[_press(act.UP) for _ in range(8)], _press(act.CONFIRM)]),
        # Down to the own pictures row, Enter: the capture's first page, for the therapist.
        TourStep(_title(FormView, N_("Patient {patient}")),
                 [*[_press(act.DOWN) for _ in range(12)], _press(act.CONFIRM)]),
        TourStep(_is(CaptureView, stage=INTRO), [_press(act.SELECT, "back")]),
        TourStep(_title(FormView, N_("Patient {patient}")), [_press(act.PAUSE), _press(act.PAUSE)]),
        TourStep(_title(views.ChoiceView, N_("Patients")), [_press(act.PAUSE)]),
        TourStep(_title(views.ChoiceView, N_("Therapist mode")), [_press(act.SELECT, "plans")]),
        TourStep(_title(views.ChoiceView, N_("Plans")), [_press(act.CONFIRM)]),
        TourStep(_title(FormView, N_("Plan: {plan_name}")),
                 [*[_press(act.DOWN) for _ in range(14)], _press(act.PAUSE), _press(act.PAUSE)]),
        TourStep(_title(views.ChoiceView, N_("Plans")), [_press(act.PAUSE)]),
        TourStep(_title(views.ChoiceView, N_("Therapist mode")), [_press(act.PAUSE)]),
    ]


def _run_shell(paths: Paths, display: CaptureDisplay, clock: SimulatedClock,
               steps: list[TourStep], camera: str = HEADLESS_CAMERA,
               pain: tuple[int, int] | None = None, stage: str = "", language: str = "") -> None:
    plan = load_plan(paths.plan_file("default"))
    settings = RunSettings(data_dir=paths.data_dir, patient=paths.patient, plan=plan, seed=0,
                           clock_name="simulated", autopilot="correct",
                           screen=lambda: {"driver": "gmi-trainer screens"}, stage=stage,
                           plan_ref="default", count_as_patient=True, sound=False,
                           language=language)
    scripted = ScriptedInputs(TourPilot(steps, pain), clock)
    mirror = MirrorRuntime(scripted, clock, camera, frame_opener(HEADLESS_FRAME_PX, HEADLESS_FPS),
                           synthetic_figure_trackers(), _videos(paths, paths.patient),
                           open_in_background=False)
    capture = CaptureRuntime(mirror, clock, camera, _capture_camera(lambda: capture), StandInHand,
                             lambda: None, wall_clock=lambda: TOUR_START + timedelta(seconds=clock.now()),
                             open_in_background=False)
    display.live = lambda: capture.picture() or mirror.picture()
    # The date and time on every screen follow the simulated clock from a fixed start, so
    # the pictures are the same on every run (the snapshot tests compare them exactly).
    services = AppServices(settings, clock.now, _adapters(paths, lambda: mirror.details, capture),
                           wall_clock=lambda: TOUR_START + timedelta(seconds=clock.now()))
    try:
        run(Shell(services), display, capture, clock)
    finally:
        capture.close()
        mirror.close()
        services.close()
        display.live = None


def _run_panel(paths: Paths, display: CaptureDisplay, clock: SimulatedClock) -> None:
    """The therapist's panel on the patient's real records: nothing running, then the last
    session followed to its end (its figures kept), then closed with its Esc/Q meaning."""
    reader = LiveReader(paths.data_dir, paths.patient)
    panel = SupervisorPanel(paths.patient, reader.read, lambda command, text: None)
    panel.tick(clock.now())
    display.show(panel.screen(clock.now()))
    sessions, _warnings = read_patient(paths.data_dir, paths.patient, rows=False)
    reader.follow(sessions[-1].folder)
    clock.sleep(1.0)  # the panel reads the records twice a second
    panel.tick(clock.now())
    display.show(panel.screen(clock.now()))
    panel.handle(Input(act.EXIT, clock.now()))
    if not panel.finished:
        raise RuntimeError("the supervise panel did not close")


def _seed_patients(data_dir: Path) -> None:
    for i in range(1, TOUR_PATIENTS + 1):
        save_profile(data_dir, Profile(f"P{i:03d}", "hand", "left" if i % 2 else "right",
                                       display_name=f"Patient {i}"))
    PinStore(data_dir).set_pin(TOUR_PIN)


def run_tour(paths: Paths, out_dir: Path, window_px: tuple[int, int], text_scale: float,
             high_contrast: bool, reached: list[Any] | None = None,
             language: str = SOURCE_LANGUAGE) -> dict[str, Any]:
    """Drive every flow once; returns the layout written to out_dir/layout.json, and adds
    the screens reached to `reached` when given (for `redraw`). In English the first start
    asks for the language (and English is chosen); in another language the tour runs as
    with `--language`."""
    with use_language(language):
        return _tour(paths, out_dir, window_px, text_scale, high_contrast, reached,
                     "" if language == SOURCE_LANGUAGE else language)


def _tour(paths: Paths, out_dir: Path, window_px: tuple[int, int], text_scale: float,
          high_contrast: bool, reached: list[Any] | None, language: str) -> dict[str, Any]:
    pygame.display.init()
    pygame.font.init()
    out_dir.mkdir(parents=True, exist_ok=True)
    _seed_patients(paths.data_dir)
    clock = SimulatedClock()
    display = CaptureDisplay(out_dir, window_px, text_scale, high_contrast, clock)
    _run_shell(paths, display, clock, _patient_steps(), language=language)
    # A camera that cannot be opened; pain that rises: the safety advice.
    start = [TourStep(_is(views.HomeView), [_press(act.SELECT, "start")])]
    _run_shell(paths, display, clock, list(start), stage="imagery", language=language)
    _run_shell(paths, display, clock, list(start), stage="mirror", language=language)
    # A camera that cannot be opened; pain that rises: the safety advice.
    _run_shell(paths, display, clock, [TourStep(_is(views.HomeView), [_press(act.SELECT, "start")])],
               camera="file:/nonexistent/camera.mp4", pain=(2, 8), stage="mirror", language=language)
    # Home on the day of that alert: Start chosen once asks again, then the progress pages.
    _run_shell(paths, display, clock,
               [TourStep(_is(views.HomeView), [_press(act.SELECT, "start")]), *_progress_steps(8)],
               language=language)
    _run_shell(paths, display, clock, _capture_steps(), language=language)
    _run_shell(paths, display, clock, _no_camera_capture_steps(),
               camera="file:/nonexistent/camera.mp4", language=language)
    _run_shell(paths, display, clock, _therapist_steps(), language=language)
    _run_panel(paths, display, clock)
    if reached is not None:
        reached.extend(display.reached)
    return write_layout(display)


def write_layout(display: CaptureDisplay) -> dict[str, Any]:
    layout = {"window": list(display.window_px), "text_scale": display.text_scale,
              "high_contrast": display.high_contrast, "screens": list(display.layout.values())}
    (display.out_dir / "layout.json").write_text(json.dumps(layout, indent=1), encoding="utf-8")
    return layout


def redraw(reached: list[tuple[str, views.Screen, Any]], out_dir: Path,
           window_px: tuple[int, int], text_scale: float,
           high_contrast: bool = False, language: str = SOURCE_LANGUAGE,
           pictures: bool = True) -> dict[str, Any]:
    """The screens a tour reached, drawn again at another window or text size (in the
    tour's language: the screens translate their own labels as they draw; with no PNGs when
    `pictures` is False)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    display = CaptureDisplay(out_dir, window_px, text_scale, high_contrast, SimulatedClock(),
                             pictures=pictures)
    with use_language(language):
        for name, screen, live in reached:
            display.capture(name, screen, live)
    return write_layout(display)


def english_left(layout: dict[str, Any], language: str, names: Iterable[str] = ()) -> list[str]:
    """Every text of a tour in `language` that still has English in it: a word of three
    letters or more that the English messages use and none of the language's translations
    does ('Continue', 'pictures'; not 'PIN', 'Enter' or 'CRPS', which the translations keep).
    Names are not words of the program's and are left out: the patients the tour made up,
    folders, and `names` (plan file names such as 'lower-limb', shown as they are)."""
    if language == SOURCE_LANGUAGE:
        return []
    english, translated = message_words(language)
    only_english = english - translated
    made_up = {f"Patient {i}".lower() for i in range(1, TOUR_PATIENTS + 1)}
    names = tuple(names)
    problems = []
    for screen in layout["screens"]:
        for text in screen["texts"]:
            shown = _CODE.sub(" ", _without_names(text["text"], names))
            words = set(_WORD.findall(shown.lower()))
            left = sorted(words & only_english)
            if left and text["text"].lower() not in made_up:
                problems.append(f"{screen['name']}: '{text['text']}' has English: {', '.join(left)}")
    return problems


_WORD = re.compile(r"[a-z]{3,}")
# Command lines, quotes and names as written in any language: '--stage', '.mp4', 'lower-limb'.
_CODE = re.compile(r"'[^']*'|\"[^\"]*\"|\[[^\]]*\]|{[^}]*}|--[\w-]+|\S*[-_/.:]\w\S*")
# Sources cited by name, as published ("European Pain Federation"), kept in every language.
_CITED = tuple(norm.source for norm in LATERALITY_NORMS.values())


def _without_names(text: str, names: Iterable[str]) -> str:
    """The text less plan names and cited sources, also where a line break cut a source's
    name in two ('... (European Pain' / 'Federation).')."""
    for name in names:
        text = text.replace(name, " ")
    for cited in _CITED:
        words = cited.split()
        for k in range(len(words), 0, -1):
            head, tail = " ".join(words[:k]), " ".join(words[-k:])
            if text.rstrip().endswith(head) or cited in text:
                text = text.replace(head, " ")
            if text.lstrip("( ").startswith(tail):
                text = text.replace(tail, " ", 1)
    return text


def message_words(language: str) -> tuple[set[str], set[str]]:
    """(words of the English messages, words of their translations into `language`), lower case."""
    from babel.messages.mofile import read_mo

    from gmi_trainer.i18n import DOMAIN, LOCALE_DIR

    with (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as file:
        catalog = read_mo(file)
    english: set[str] = set()
    translated: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        for text in (message.id if isinstance(message.id, (tuple, list)) else (message.id,)):
            english |= set(_WORD.findall(re.sub(r"{[^}]*}", " ", text).lower()))
        for text in (message.string if isinstance(message.string, (tuple, list)) else (message.string,)):
            # Command lines and names quoted in a translation ('--affected left-foot') are
            # not words of the language: they must not excuse an English word on screen.
            translated |= set(_WORD.findall(_CODE.sub(" ", text).lower()))
    return english, translated


def overlaps(layout: dict[str, Any]) -> list[str]:
    """Every pair of text boxes that overlap and every text outside the window, per screen."""
    width, height = layout["window"]
    problems = []
    for screen in layout["screens"]:
        boxes = [(t["text"], pygame.Rect(t["rect"])) for t in screen["texts"]]
        for i, (text, rect) in enumerate(boxes):
            if not pygame.Rect(0, 0, width, height).contains(rect):
                problems.append(f"{screen['name']}: '{text}' {list(rect)} is outside the window")
            for other, other_rect in boxes[i + 1:]:
                if rect.colliderect(other_rect):
                    problems.append(f"{screen['name']}: '{text}' {list(rect)} overlaps "
                                    f"'{other}' {list(other_rect)}")
    return problems
