"""Keys are decided at the edge: the key map turns key presses into meanings, a profile can
remap every shortcut, and the core never reads a typed letter as a command."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any, Iterator

import pygame
import pytest

from gmi_trainer.clock import SimulatedClock
from gmi_trainer.core import inputs as act
from gmi_trainer.core import views as v
from gmi_trainer.core.imagery import ImageryStep
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.shell import HomeInfo, Shell
from gmi_trainer.plans.model import ImageryBlock
from gmi_trainer.profiles.model import (
    ACTIONS,
    DEFAULT_KEYS,
    SHORTCUT_SCREENS,
    Profile,
    ProfileError,
    resolve_keys,
)
from gmi_trainer.core.capture import CaptureView
from gmi_trainer.supervise.panel import SupervisorView
from gmi_trainer.ui.keymap import KeyMap

PACKAGE = Path(__file__).resolve().parents[1] / "gmi_trainer"
# Every module that reads inputs in the core, and the therapist's panel, which did too.
INPUT_READERS = sorted((PACKAGE / "core").glob("*.py")) + [PACKAGE / "supervise" / "panel.py"]


def _profile(**keys: list[str]) -> Profile:
    return Profile.from_json({"patient": "P017", "affected_limb": "hand", "affected_side": "left",
                              "keys": keys}, "profile.json")


# -- the core reads meanings, not letters --------------------------------------------------------
def _one_character(node: ast.AST) -> Iterator[str]:
    """One-character text literals in `node`, alone or in a tuple, list or set literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) == 1:
        yield node.value
    elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        for element in node.elts:
            yield from _one_character(element)


def _letter_meanings(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Where a module gives a meaning to a typed letter or digit: a comparison or membership
    test with one, a dict keyed by one, a case matching one, or a module constant set to one."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for operand in (node.left, *node.comparators):
                for text in _one_character(operand):
                    yield node.lineno, f"compares with {text!r}"
        elif isinstance(node, ast.Dict):
            for key in node.keys:
                for text in _one_character(key) if key is not None else ():
                    yield node.lineno, f"a dict keyed by {text!r}"
        elif isinstance(node, ast.MatchValue):
            for text in _one_character(node.value):
                yield node.lineno, f"matches {text!r}"
    for statement in getattr(tree, "body", []):
        if isinstance(statement, ast.Assign):
            for text in _one_character(statement.value):
                yield statement.lineno, f"a module constant set to {text!r}"


def test_no_core_module_gives_a_typed_letter_a_meaning() -> None:
    assert len(INPUT_READERS) > 10 and any(p.name == "shell.py" for p in INPUT_READERS)
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}: {what}"
             for path in INPUT_READERS
             for line, what in _letter_meanings(ast.parse(path.read_text(), str(path)))]
    assert not found, "letters decoded outside the key map:\n" + "\n".join(found)


def test_the_letter_test_catches_the_old_ways_of_decoding_keys() -> None:
    old = ('SKIP_LETTER = "s"\n'
           'choice = {"g": "progress"}.get(text)\n'
           'if text == "e" or text in ("p", "q"): pass\n')
    assert sorted(_letter_meanings(ast.parse(old))) == [
        (1, "a module constant set to 's'"), (2, "a dict keyed by 'g'"), (3, "compares with 'e'"),
        (3, "compares with 'p'"), (3, "compares with 'q'")]


# -- the key map ----------------------------------------------------------------------------------
def test_the_usual_keys_have_no_conflicts_and_name_every_action() -> None:
    keys, problems = resolve_keys({})
    assert problems == [] and keys == DEFAULT_KEYS
    assert set(DEFAULT_KEYS) == set(ACTIONS)
    shortcuts = [getattr(act, name) for name in ("START", "PROGRESS", "EXIT", "THERAPIST", "END",
                                                  "SKIP", "NOTE", "PICTURES")]
    assert set(shortcuts) == set(SHORTCUT_SCREENS) and set(shortcuts) <= set(ACTIONS)
    # Every screen a shortcut is listened for on is named by a view.
    screens = {view.key_screen for view in (v.HomeView, v.PausedView, v.ImageryView,
                                            v.ImageryPainView, SupervisorView, CaptureView)}
    assert set().union(*SHORTCUT_SCREENS.values()) == screens


def test_one_key_means_what_the_screen_listens_for() -> None:
    keymap = KeyMap(DEFAULT_KEYS)
    assert keymap.translate("s", "s", False, screen="home") == (act.START, None)
    assert keymap.translate("s", "s", False, screen="imagery") == (act.SKIP, None)
    assert keymap.translate("s", "s", False, screen="supervisor") == (act.SKIP, None)
    assert keymap.translate("g", "g", False, screen="home") == (act.PROGRESS, None)
    assert keymap.translate("q", "q", False, screen="home") == (act.EXIT, None)
    assert keymap.translate("t", "t", False, screen="home") == (act.THERAPIST, None)
    assert keymap.translate("e", "e", False, screen="paused") == (act.END, None)
    assert keymap.translate("n", "n", False, screen="supervisor") == (act.NOTE, None)
    # Elsewhere a shortcut letter means nothing, as before: passed on as text nobody reads.
    assert keymap.translate("e", "e", False, screen="home") == (act.TEXT, "e")
    assert keymap.translate("s", "s", False) == (act.TEXT, "s")
    # Keys for every screen work on all of them; digits stay numbers.
    assert keymap.translate("p", "p", False, screen="home") == (act.PAUSE, None)
    assert keymap.translate("3", "3", False, screen="home") == (act.SELECT, 3)
    # Typing: letters come from text-input events, even shortcut letters, so a key press
    # that can type means nothing by itself (it would type twice); Enter still confirms.
    assert keymap.translate("s", "S", True, screen="supervisor") is None
    assert keymap.text("S", True) == (act.TEXT, "S")
    assert keymap.translate("return", "\r", True) == (act.CONFIRM, None)


def test_text_input_takes_any_unicode_only_where_a_screen_types() -> None:
    keymap = KeyMap(DEFAULT_KEYS)
    # Accents typed with a dead key reach only the text-input event: nothing may be lost.
    assert keymap.text("ü", True) == (act.TEXT, "ü")
    assert keymap.text("日本", True) == (act.TEXT, "日本")
    assert keymap.text("é\x07", True) == (act.TEXT, "é")  # control characters are dropped
    assert keymap.text("ü", False) is None  # not on a screen that takes typing


# -- a profile remaps every shortcut --------------------------------------------------------------
class HomeServices:
    def __init__(self) -> None:
        self.opened: list[str] = []

    def home_info(self) -> HomeInfo:
        return HomeInfo("P017", "", True, "left hand", "Plan", 15, 0, 4, 0)

    def progress(self) -> Any:
        self.opened.append("progress")
        return object()  # the shell only holds it here

    def therapist(self) -> Any:
        self.opened.append("therapist")
        return None  # the shell goes on showing home: enough to see it was asked for


@pytest.fixture
def window():
    from gmi_trainer.ui.window import PygameUI

    made: list[PygameUI] = []

    def make(profile: Profile) -> PygameUI:
        made.append(PygameUI(SimulatedClock(), KeyMap(profile.keys), windowed=True))
        return made[-1]

    yield make
    for ui in made:
        ui.close()


def _key(ui: Any, shell: Shell, name: str) -> list[Input]:
    """Show the shell's screen, press the key `name` through pygame's queue, hand on its meaning."""
    ui.show(shell.screen(0.0))
    pygame.event.clear()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.key.key_code(name), mod=0,
                                         unicode=name, scancode=0))
    inputs = ui.poll()
    for inp in inputs:
        shell.handle(inp)
    return inputs


def test_progress_remapped_to_h_works_through_the_key_map_and_the_shell(window) -> None:
    profile = _profile(progress=["h"])
    assert profile.keys["progress"] == ("h",) and profile.keys["start"] == ("s",)
    services = HomeServices()
    shell = Shell(services, profile.keys)  # type: ignore[arg-type]
    ui = window(profile)
    home = shell.screen(0.0).view
    # the hint names the new key, beside the number key that chooses the button by position
    assert [o.hint for o in home.options] == ["1 or S", "2 or H", "3 or Q"]
    assert _key(ui, shell, "g") == [Input(act.TEXT, 0.0, "g", "key")]  # G no longer opens it
    assert shell.mode == "home" and services.opened == []
    assert [i.action for i in _key(ui, shell, "h")] == [act.PROGRESS]
    assert shell.mode == "progress" and services.opened == ["progress"]


def test_the_therapist_button_sends_the_therapist_meaning_not_a_keystroke(window) -> None:
    services = HomeServices()
    shell = Shell(services)  # type: ignore[arg-type]
    ui = window(_profile())
    ui.show(shell.screen(0.0))
    button = next(hit for hit in ui.hits if hit.action == act.THERAPIST)
    pygame.event.clear()
    # A click comes in window pixels; the window may be smaller than the canvas it shows.
    (window_w, window_h), (canvas_w, canvas_h) = ui.window.get_size(), ui.surface.get_size()
    pos = (button.rect.centerx * window_w // canvas_w, button.rect.centery * window_h // canvas_h)
    assert ui.to_canvas(pos) == button.rect.center or button.rect.collidepoint(ui.to_canvas(pos))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    inputs = ui.poll()
    assert [(i.action, i.value, i.device) for i in inputs] == [(act.THERAPIST, None, "button")]
    shell.handle(inputs[0])
    assert services.opened == ["therapist"]


def test_a_remapped_skip_key_skips_and_the_imagery_hints_name_it(make_ctx) -> None:
    ctx = make_ctx(affected=("hand", "left"))
    ctx.profile = _profile(skip=["k"])  # a patient whose S key is hard to reach
    step = ImageryStep(ctx, ImageryBlock(postures=("fist", "pinch"), pictures=2, repetitions=1,
                                         demo_s=0), 0)
    assert "Right arrow or K skips a picture" in step.view(0.0).body
    step.handle(Input(act.CONFIRM, 1.0))
    view = step.view(1.0)
    assert view.hint == "Enter: start.   Right arrow or K: skip this picture."
    assert KeyMap(ctx.profile.keys).translate("k", "k", False, screen=view.key_screen) == (act.SKIP, None)
    step.handle(Input(act.SKIP, 2.0))
    assert ctx.recorder.trials[-1]["skipped"] is True


# -- what a profile may not do, and what it still reads --------------------------------------------
def test_one_key_for_left_right_and_pause_is_refused_naming_the_key_and_actions() -> None:
    with pytest.raises(ProfileError) as error:
        _profile(left=["space"], right=["space"], pause=["space"])
    message = str(error.value)
    assert message.startswith("profile.json: ")
    assert "'space' is given to left, right and pause" in message


def test_a_key_may_serve_two_shortcuts_no_screen_listens_for_together() -> None:
    assert _profile(start=["k"], skip=["k"]).keys["skip"] == ("k",)
    with pytest.raises(ProfileError, match="'k' is given to left and skip"):
        _profile(left=["left", "k"], skip=["k"])
    with pytest.raises(ProfileError, match="keys.jump: unknown action"):
        _profile(jump=["j"])


def test_an_older_profile_still_loads_and_its_keys_mean_what_they_meant() -> None:
    # Written before the shortcuts were in the key map: only the seven answer keys, and a
    # pedal's S taught to LEFT, which then answered LEFT on every screen.
    old = {action: list(DEFAULT_KEYS[action]) for action in
           ("left", "right", "up", "down", "confirm", "pause", "back")}
    old["left"] = ["left", "a", "s"]
    profile = Profile.from_json({"patient": "P017", "affected_limb": "hand", "affected_side": "left",
                                 "keys": old}, "profile.json")
    keymap = KeyMap(profile.keys)
    for screen in ("", "home", "imagery"):
        assert keymap.translate("s", "s", False, screen=screen) == (act.LEFT, None)
    assert profile.keys["start"] == () and profile.keys["skip"] == ()
    assert profile.keys["progress"] == ("g",)  # the other shortcuts keep their keys
    again = Profile.from_json(profile.to_json(), "profile.json")
    assert again == profile
