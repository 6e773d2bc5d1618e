"""`gmi-trainer screens`: the real flows, driven by the scripted patient and therapist, reach
every kind of screen; each is drawn at laptop sizes and text sizes and its text boxes checked."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pygame
import pytest

from gmi_trainer.app.paths import resolve_paths
from gmi_trainer.app.screen_tour import CaptureDisplay, english_left, overlaps, redraw, run_tour
from gmi_trainer.clock import SimulatedClock
from gmi_trainer.core import inputs as act
from gmi_trainer.core.choice import pause_choice
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.shell import HOME_SHORTCUTS
from gmi_trainer.core.views import ChoiceView, HomeView, LateralityView, NoteView, PausedView, Screen
from gmi_trainer.profiles.model import DEFAULT_KEYS, KEY_LABELS
from gmi_trainer.supervise.panel import SupervisorView
from gmi_trainer.ui.keymap import KeyMap
from gmi_trainer.ui.screens import draw_screen
from gmi_trainer.ui.theme import Fonts, canvas_size, theme_for
from gmi_trainer.ui.widgets import Canvas, types_text

# From the smallest laptop to a 4K screen; the layout check draws no pictures, so 4K costs
# no more than the others.
SIZES = ((1024, 600), (1366, 768), (1920, 1080), (3840, 2160))
TEXT_SCALES = (0.75, 1.0, 1.5)


@pytest.fixture(scope="module")
def tour(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], list[Any]]:
    """One tour (about 25 s on 2 cores), drawn again at each size below."""
    data = tmp_path_factory.mktemp("tour-data")
    out = tmp_path_factory.mktemp("tour-out")
    reached: list[Any] = []
    layout = run_tour(resolve_paths(str(data), "P000", {}), out, (1366, 768), 1.0, False, reached)
    assert json.loads((out / "layout.json").read_text()) == layout
    return layout, reached


def test_the_tour_reaches_every_kind_of_screen(tour: tuple[dict[str, Any], list[Any]]) -> None:
    layout, _ = tour
    names = [s["name"] for s in layout["screens"]]
    assert len(names) >= 30
    for expected in ("choice-welcome-which-limb-is-affected", "home-stage-1-of-3-left-right-judgement",
                     "paused-laterality-fixation", "pain-before", "laterality-picture",
                     "laterality-feedback-practice", "laterality-summary-hands-left-or-right",
                     "imagery-demo", "imagery-moving", "mirror-settle", "note-anything-to-note-optional",
                     "checklist-anything-unusual-during-this-session", "safety-please-stop-for-today",
                     "camera-problem-the-camera-is-not-showing-a-picture", "progress-table",
                     "progress-pain", "form-therapist-mode-keypad", "choice-patients",
                     "form-patient-p014", "form-plan-clinic", "supervisor-waiting",
                     "supervisor-ended", "capture-intro", "capture-looking-starting",
                     "capture-looking", "capture-looking-holding", "capture-taken",
                     "capture-done", "capture-confirm-delete", "paused-capture-intro",
                     "capture-looking-no-camera", "capture-intro-therapist"):
        assert expected in names
    home = next(s for s in layout["screens"] if s["name"].startswith("home-"))
    assert any(t["text"].startswith("Hello") for t in home["texts"])
    for screen in layout["screens"]:
        for text in screen["texts"]:
            assert len(text["rect"]) == 4 and text["rect"][2] > 0 and text["text"].strip()


def test_the_check_finds_an_overlap() -> None:
    layout = {"window": [100, 100], "screens": [{"name": "x", "texts": [
        {"text": "a", "rect": [0, 0, 20, 20]}, {"text": "b", "rect": [10, 10, 20, 20]},
        {"text": "c", "rect": [90, 90, 20, 20]}]}]}
    problems = overlaps(layout)
    assert len(problems) == 2  # a over b, c outside, nothing else
    assert any("'a'" in p and "'b'" in p for p in problems)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text_scale", TEXT_SCALES)
def test_no_text_overlaps_or_leaves_the_window(tour: tuple[dict[str, Any], list[Any]],
                                               tmp_path: Path, size: tuple[int, int],
                                               text_scale: float) -> None:
    _, reached = tour
    layout = redraw(reached, tmp_path, size, text_scale, pictures=False)
    assert overlaps(layout) == []
    assert not list(tmp_path.glob("*.png"))  # a layout check draws no pictures


LANGUAGE_TOURS = ("ru", "uk", "es", "de", "fr")


def _overlapping_kinds(layout: dict[str, Any]) -> set[str]:
    """The kinds of screen ('paused', 'choice', ...) on which some texts overlap."""
    return {problem.split(":")[0].split("-")[0] for problem in overlaps(layout)}


@pytest.fixture(scope="module")
def language_tours(tmp_path_factory: pytest.TempPathFactory
                   ) -> Callable[[str], tuple[dict[str, Any], list[Any]]]:
    """The tour in a language at 1366x768 and text size 1.0 (its layout and the screens it
    reached), run once per language for the tests below."""
    done: dict[str, tuple[dict[str, Any], list[Any]]] = {}

    def tour_in(language: str) -> tuple[dict[str, Any], list[Any]]:
        if language not in done:
            folder = tmp_path_factory.mktemp(f"tour-{language}")
            reached: list[Any] = []
            layout = run_tour(resolve_paths(str(folder / "data"), "P000", {}), folder / "out",
                              (1366, 768), 1.0, False, reached, language=language)
            done[language] = layout, reached
        return done[language]
    return tour_in


def _not_words_of_the_program() -> list[str]:
    """Plan file names, the scripted patient's note (what it typed), and each language's
    name in its own words ('English' on a patient who has not chosen one)."""
    from gmi_trainer.i18n import LANGUAGES

    plans = [path.stem for path in (Path(__file__).resolve().parents[1] / "exercises").glob("*.toml")]
    return [*plans, "autopilot (correct)", *LANGUAGES.values()]


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGE_TOURS)
def test_every_screen_in_another_language_has_no_english_left_and_no_new_overlap(
        tour: tuple[dict[str, Any], list[Any]], language_tours: Callable[[str], Any],
        language: str) -> None:
    """`gmi-trainer screens --language L` at 1366x768: every text is in L (names and plan
    file names aside), and longer words overlap nothing on a kind of screen that English
    keeps clear (the overlaps English still has are issue 14's, marked above)."""
    english, _ = tour
    layout, _ = language_tours(language)
    assert len(layout["screens"]) >= 30
    assert english_left(layout, language, _not_words_of_the_program()) == []
    assert _overlapping_kinds(layout) <= _overlapping_kinds(english)


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGE_TOURS)
def test_every_screen_in_another_language_fits_at_the_largest_text_size(
        language_tours: Callable[[str], Any], tmp_path: Path, language: str) -> None:
    """The same screens at text size 1.5 (the largest a profile allows) at 1366x768: the
    longer words of German or Russian set large still overlap nothing and stay inside the
    window, as English does at that size, and no English comes back."""
    _, reached = language_tours(language)
    layout = redraw(reached, tmp_path, (1366, 768), 1.5, language=language, pictures=False)
    assert len(layout["screens"]) >= 30
    assert overlaps(layout) == []
    assert english_left(layout, language, _not_words_of_the_program()) == []


def test_the_english_check_finds_english_and_leaves_names_and_kept_words() -> None:
    layout = {"screens": [{"name": "x", "texts": [
        {"text": "Продолжить", "rect": [0, 0, 1, 1]}, {"text": "Continue", "rect": [0, 0, 1, 1]},
        {"text": "Нажмите Enter", "rect": [0, 0, 1, 1]}, {"text": "Patient 3", "rect": [0, 0, 1, 1]},
        {"text": "План: lower-limb", "rect": [0, 0, 1, 1]},
        {"text": "Видео в /home/me/videos", "rect": [0, 0, 1, 1]}]}]}
    problems = english_left(layout, "ru", ["lower-limb"])
    assert len(problems) == 1 and "'Continue'" in problems[0]
    assert english_left(layout, "en") == []


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text_scale", TEXT_SCALES)
def test_the_supervise_panel_has_no_overlap_at_any_size(tour: tuple[dict[str, Any], list[Any]],
                                                        tmp_path: Path, size: tuple[int, int],
                                                        text_scale: float) -> None:
    _, reached = tour
    panel = [r for r in reached if r[0].startswith("supervisor-")]
    layout = redraw(panel, tmp_path, size, text_scale)
    assert len(layout["screens"]) == 2
    # Left to the shared button widget (the layout part of issue 14): at text size 1.5 a
    # button's label, set as large as it is, runs a pixel or two into its own key hint.
    labels = ("Pause / resume", "Skip this block", "Add a note", "Close the panel")
    inside_a_button = re.compile(r"'(%s)' \[.*\] overlaps '\([^']*\)'" % "|".join(
        re.escape(label) for label in labels))
    assert [p for p in overlaps(layout) if not inside_a_button.search(p)] == []
    ended = next(s for s in layout["screens"] if s["name"] == "supervisor-ended")
    assert any(t["text"].startswith("Now: the session has ended") for t in ended["texts"])


def test_the_paused_screen_is_set_apart_under_the_box(tour: tuple[dict[str, Any], list[Any]]) -> None:
    """Under the pause box the screen is dimmed and not read: its texts are kept apart
    (`behind`), and only the box's own texts are checked."""
    layout, _ = tour
    paused = [s for s in layout["screens"] if s["name"].startswith("paused-")]
    assert paused
    for screen in paused:
        texts = [t["text"] for t in screen["texts"]]
        assert "Paused" in texts and "Resume" in texts
        assert screen["behind"] and not {t["text"] for t in screen["behind"]} & {"Paused", "Resume"}


def _drawn(view: Any, text_scale: float = 1.0, screen: Screen | None = None) -> Canvas:
    pygame.display.init()
    pygame.font.init()
    canvas = Canvas(pygame.Surface(canvas_size((1366, 768))), theme_for(False, text_scale),
                    Fonts(text_scale), keys=dict(DEFAULT_KEYS))
    draw_screen(canvas, replace(screen, view=view) if screen else Screen(view),
                lambda file, rot, box: None)
    return canvas


def _reached(tour: tuple[dict[str, Any], list[Any]], name: str) -> Any:
    return next(screen.view for n, screen, _ in tour[1] if n == name)


@pytest.mark.parametrize("name", ["choice-patients", "choice-plans", "form-patient-p014",
                                  "form-plan-clinic"])
@pytest.mark.parametrize("text_scale", TEXT_SCALES)
def test_long_lists_scroll_with_the_focus_on_screen(tour: tuple[dict[str, Any], list[Any]],
                                                    name: str, text_scale: float) -> None:
    """Every row the focus can reach (Up/Down go round) is drawn when focused, inside the
    window and clickable, and only drawn rows can be clicked."""
    view = _reached(tour, name)
    rows = view.options if isinstance(view, ChoiceView) else view.rows
    if name == "choice-patients":
        assert len(rows) >= 22  # 20 patients and the tour's own, New patient..., Back
    scrolled = False
    for focus in range(len(rows)):
        canvas = _drawn(replace(view, focus=focus), text_scale)
        inside = pygame.Rect(0, 0, canvas.width, canvas.height)
        texts = [t for t in canvas.texts if inside.contains(t.rect)]
        row_hits = [h for h in canvas.hits if h.action == act.SELECT]
        if isinstance(view, ChoiceView):
            label = rows[focus].label
            assert any(t.text.endswith(label) for t in texts), (name, focus, label)
            assert [h.value for h in row_hits if h.value == rows[focus].id] == [rows[focus].id]
            clickable = {h.value for h in row_hits}
        else:
            assert any(t.text == rows[focus].label for t in texts), (name, focus)
            clickable = {h.value[1] for h in row_hits if isinstance(h.value, tuple)}
            assert focus in clickable
        assert all(inside.contains(h.rect) for h in canvas.hits)
        scrolled = scrolled or len(clickable) < len(rows)
        drawn = {t.text for t in texts}
        for index in clickable:  # a clickable row is a drawn row
            row = next(r for r in rows if r.id == index) if isinstance(view, ChoiceView) else rows[index]
            assert any(text.endswith(row.label) for text in drawn)
    if name in ("choice-patients", "form-plan-clinic"):
        assert scrolled  # too long for one screen: it did scroll


def _key_names(hint: str) -> list[str]:
    """'(Space / P / Esc)' or '1 or S' as pygame key names."""
    names = {label.lower(): name for name, label in KEY_LABELS.items()}
    parts = re.split(r" / | or |, ", hint.strip("() "))
    return [names.get(p.lower(), p.lower()) for p in parts if p]


def test_every_key_hint_names_keys_that_do_what_it_says(tour: tuple[dict[str, Any], list[Any]]) -> None:
    """The keys named on the screens, read back through the real key map as that screen
    hears them: the top right button's pause (or back) keys, the home buttons' keys, the
    answer buttons, the pause box and the note screen's line about pausing."""
    keymap = KeyMap(DEFAULT_KEYS)
    checked = 0
    for name, screen, _ in tour[1]:
        view = screen.view.under if isinstance(screen.view, PausedView) else screen.view
        if isinstance(view, SupervisorView):
            continue  # the therapist's panel: its own keys, checked in test_supervise
        typing = isinstance(view, NoteView) or bool(getattr(view, "text_entry", False))
        key_screen = str(getattr(view, "key_screen", ""))
        canvas = _drawn(view, screen=screen)
        button = next(h.rect for h in canvas.hits if h.action == act.PAUSE)
        top = next(t.text for t in canvas.texts if button.contains(t.rect))
        label, _, hint = top.partition("  ")
        assert label == screen.pause_label
        assert label == ("Back" if screen.status == "Therapist mode" else "Pause"), name
        for key in _key_names(hint):
            meaning = keymap.translate(key, " " if key == "space" else key if len(key) == 1 else "",
                                       typing, screen=key_screen)
            assert meaning == (act.PAUSE, None), (name, top, key)
            checked += 1
        if typing:  # no pause key that types is named
            assert not any(types_text(k) for k in _key_names(hint)), (name, top)
        if isinstance(view, HomeView):
            for index, option in enumerate(view.options):
                for key in _key_names(option.hint):
                    meaning = keymap.translate(key, key, False, screen="home")
                    assert meaning == (act.SELECT, index + 1) or \
                        HOME_SHORTCUTS.get(meaning[0] if meaning else "") == option.id, (option, key)
                    checked += 1
        if isinstance(view, LateralityView):
            for side in (act.LEFT, act.RIGHT):
                button = next(t.text for t in canvas.texts if t.text.startswith("(") and
                              keymap.translate(_key_names(t.text)[0], "", False) == (side, None))
                for key in _key_names(button):
                    assert keymap.translate(key, key if len(key) == 1 else "", False) == (side, None)
                    checked += 1
        if isinstance(view, NoteView):
            line = next(t.text for t in canvas.texts if t.text.startswith("While typing"))
            assert "Esc" in line and keymap.translate("escape", "", True) == (act.PAUSE, None)
            assert keymap.translate("space", " ", True) is None  # Space types here
    paused = next(s.view for n, s, _ in tour[1] if isinstance(s.view, PausedView))
    for option in paused.options:  # Resume (Enter) with the focus on it, End (E)
        meaning = keymap.translate(_key_names(option.hint)[0], "", False, screen="paused")
        focus = [o.id for o in paused.options].index(option.id)
        assert pause_choice(Input(meaning[0], 0.0, meaning[1]), focus)[1] == option.id
    assert checked > 100


SNAPSHOTS = Path(__file__).parent / "snapshots"
# Screens reached by the tour, stored as pictures and compared pixel for pixel. A 1280x800
# window draws its canvas unscaled. Left out: the camera-problem screen (it names the tour's
# temporary data folder) and the progress charts (drawn by matplotlib: checked by their own
# tests, and their pixels follow matplotlib's version).
SNAPSHOT_SCREENS = {
    ((1280, 800), 1.0, False): (
        "choice-welcome-which-limb-is-affected", "home-stage-1-of-3-left-right-judgement",
        "paused-home-stage-1-of-3-left-right-judgement", "pain-weekly", "pain-before",
        "checklist-phantom-sensations-that-do-not-hurt", "instruction-hands-left-or-right",
        "laterality-fixation-practice", "laterality-feedback-practice", "laterality-picture",
        "paused-laterality-fixation", "laterality-summary-hands-and-feet-mixed",
        "imagery-demo", "imagery-ready", "imagery-moving", "imagery-pain-imagine-moving-your-hand",
        "imagery-summary-imagine-moving-your-hand", "instruction-mirror-therapy", "mirror-settle",
        "summary-mirror-therapy-done", "pain-after", "note-anything-to-note-optional",
        "checklist-anything-unusual-during-this-session", "safety-please-stop-for-today",
        "summary-session-finished", "progress-alerts", "progress-table",
        "form-therapist-mode-keypad", "choice-therapist-mode", "choice-patients",
        "form-patient-p014", "form-plan-clinic", "capture-intro", "capture-looking",
        "capture-looking-holding", "capture-taken", "capture-done", "capture-confirm-delete",
        "capture-looking-no-camera", "capture-intro-therapist", "home-alert-start-asked"),
    ((1366, 768), 1.5, False): (
        "home-stage-2-of-3-imagined-movement", "paused-laterality-fixation", "pain-after",
        "laterality-summary-hands-and-feet-mixed", "imagery-summary-imagine-moving-your-hand",
        "choice-patients", "form-plan-clinic", "capture-looking-holding", "capture-taken",
        "capture-looking-no-camera", "capture-intro-therapist"),
    ((1024, 600), 0.75, True): (
        "home-stage-1-of-3-left-right-judgement", "laterality-picture", "pain-before"),
}


def _snapshot_cases() -> list[tuple[str, tuple[int, int], float, bool]]:
    return [(name, size, scale, contrast) for (size, scale, contrast), names in SNAPSHOT_SCREENS.items()
            for name in names]


def _snapshot_file(name: str, size: tuple[int, int], scale: float, contrast: bool) -> Path:
    suffix = "" if (size, scale, contrast) == ((1280, 800), 1.0, False) else \
        f"-{size[0]}x{size[1]}-{scale:g}" + ("-contrast" if contrast else "")
    return SNAPSHOTS / f"{name}{suffix}.png"


@pytest.mark.parametrize("name,size,scale,contrast", _snapshot_cases())
def test_screens_reached_by_the_tour_match_their_stored_pictures_exactly(
        tour: tuple[dict[str, Any], list[Any]], tmp_path: Path, name: str,
        size: tuple[int, int], scale: float, contrast: bool) -> None:
    """Pixel for pixel: a changed word, colour or position fails. After a deliberate change,
    UPDATE_SNAPSHOTS=1 rewrites the pictures, which must then be looked at."""
    screen, live = next((s, live) for n, s, live in tour[1] if n == name)
    display = CaptureDisplay(tmp_path, size, scale, contrast, SimulatedClock(), pictures=False)
    display.capture(name, screen, live)
    path = _snapshot_file(name, size, scale, contrast)
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOTS.mkdir(exist_ok=True)
        pygame.image.save(display.surface, str(path))
    if not path.exists():
        pytest.fail(f"no stored picture {path}; run with UPDATE_SNAPSHOTS=1 and look at it")
    got = pygame.surfarray.array3d(display.surface)
    want = pygame.surfarray.array3d(pygame.image.load(str(path)))
    assert got.shape == want.shape, path
    differing = int(np.count_nonzero(np.any(got != want, axis=2)))
    assert differing == 0, f"{name}: {differing} pixels differ from {path}"


def test_every_stored_picture_is_compared() -> None:
    """No stale picture is left behind in tests/snapshots."""
    wanted = {_snapshot_file(*case).name for case in _snapshot_cases()}
    assert {p.name for p in SNAPSHOTS.glob("*.png")} == wanted
