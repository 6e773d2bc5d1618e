"""Keys are decided at the edge: the key map turns key presses into meanings, and a profile
can remap every shortcut."""

from __future__ import annotations

import pytest

from gmi_trainer.core import inputs as act
from gmi_trainer.profiles.model import (
    ACTIONS,
    DEFAULT_KEYS,
    SHORTCUT_SCREENS,
    Profile,
    ProfileError,
    resolve_keys,
)
from gmi_trainer.ui.keymap import KeyMap


def _profile(**keys: list[str]) -> Profile:
    return Profile.from_json({"patient": "P017", "affected_limb": "hand", "affected_side": "left",
                              "keys": keys}, "profile.json")


# -- the key map ----------------------------------------------------------------------------------
def test_the_usual_keys_have_no_conflicts_and_name_every_action() -> None:
    keys, problems = resolve_keys({})
    assert problems == [] and keys == DEFAULT_KEYS
    assert set(DEFAULT_KEYS) == set(ACTIONS)
    shortcuts = [getattr(act, name) for name in ("START", "PROGRESS", "EXIT", "THERAPIST", "END",
                                                  "SKIP", "NOTE")]
    assert set(shortcuts) == set(SHORTCUT_SCREENS) and set(shortcuts) <= set(ACTIONS)


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
    # Typing: letters type, even shortcut letters, and Enter still confirms.
    assert keymap.translate("s", "S", True, screen="supervisor") == (act.TEXT, "S")
    assert keymap.translate("return", "\r", True) == (act.CONFIRM, None)


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
