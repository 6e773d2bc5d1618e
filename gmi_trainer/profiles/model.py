"""A patient's settings, validated like a plan: a bad value is a clear error, never a guess."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Mapping, Sequence

from gmi_trainer.i18n import LANGUAGES, N_, _
from gmi_trainer.vocabulary import AFFECTED_CHOICES, SIDES, SKIN_TONES, Affected, other_side
from gmi_trainer.vocabulary.clinical import CONDITIONS
from gmi_trainer.vocabulary.mirror_modes import MIRROR_LINE_RANGE

PATIENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
# The therapist PIN: ASCII digits typed on the PIN screen, which takes up to PIN_MAX_DIGITS.
PIN_MIN_DIGITS = 6
PIN_MAX_DIGITS = 12
# Every meaning a key can have. The first seven work on every screen; the others are
# shortcuts that only some screens listen for (SHORTCUT_SCREENS).
ACTIONS = ("left", "right", "up", "down", "confirm", "pause", "back",
           "start", "progress", "exit", "therapist", "end", "skip", "note", "pictures")

# Default keys: arrows and A/L answer left/right (either hand), Enter or a pedal's key
# confirms, Space/P/Esc pause; letters are shortcuts: S starts a session and G opens progress,
# Q quits, T opens therapist mode and O the own pictures (home screen); E ends from the pause
# box; S skips an imagery picture (and, in the therapist's panel, the block); N opens a panel
# note; Q (and there Esc) closes the panel.
# Names are pygame key names.
DEFAULT_KEYS: dict[str, tuple[str, ...]] = {
    "left": ("left", "a"),
    "right": ("right", "l"),
    "up": ("up",),
    "down": ("down",),
    "confirm": ("return", "enter"),
    "pause": ("space", "p", "escape"),
    "back": ("backspace",),
    "start": ("s",),
    "progress": ("g",),
    "exit": ("q",),
    "therapist": ("t",),
    "end": ("e",),
    "skip": ("s",),
    "note": ("n",),
    "pictures": ("o",),
}

# The screens that listen for each shortcut, named by their views' `key_screen`; an action
# not listed here is listened for on every screen. One key may serve two actions only when
# no screen listens for both, so S can start a session at home and skip a picture in imagery.
SHORTCUT_SCREENS: dict[str, frozenset[str]] = {
    "start": frozenset({"home"}),
    "progress": frozenset({"home"}),
    "exit": frozenset({"home", "supervisor"}),
    "therapist": frozenset({"home"}),
    "end": frozenset({"paused"}),
    "skip": frozenset({"imagery", "supervisor", "capture"}),
    "note": frozenset({"supervisor"}),
    "pictures": frozenset({"home"}),
}
# Without a key for these a patient could not answer or pause by keyboard.
REQUIRED_ACTIONS = ("left", "right", "confirm", "pause")

KEY_LABELS = {"left": N_("Left arrow"), "right": N_("Right arrow"), "up": N_("Up arrow"), "down": N_("Down arrow"),
              "return": N_("Enter"), "space": N_("Space"), "escape": N_("Esc"), "backspace": N_("Backspace")}


def key_label(name: str) -> str:
    """How a key is named on screen: 'Left arrow', 'A', 'Page up'."""
    return _(KEY_LABELS[name]) if name in KEY_LABELS else name.upper() if len(name) == 1 else name.capitalize()


# The affected (part, side) by its command-line name, "left-hand": from the body-part table.
LIMB_CHOICES: dict[str, Affected] = AFFECTED_CHOICES


def spoken_keys(names: Sequence[str]) -> str:
    """Keys as a sentence names them: 'Right arrow or S', 'Left arrow, A or Page up'."""
    labels = list(dict.fromkeys(key_label(n) for n in names))
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " " + _("or") + " " + labels[-1]


def first_key_label(keys: Mapping[str, Sequence[str]], action: str) -> str:
    """The label of the first key that does `action` ('' if none): a button's short hint."""
    names = keys.get(action, ())
    return key_label(names[0]) if names else ""


def listens(action: str, screen: str) -> bool:
    """Whether a screen (a view's `key_screen`, '' for most) listens for `action`."""
    screens = SHORTCUT_SCREENS.get(action)
    return screens is None or screen in screens


def share_a_screen(first: str, second: str) -> bool:
    """Whether some screen listens for both actions, so one key cannot mean both."""
    a, b = SHORTCUT_SCREENS.get(first), SHORTCUT_SCREENS.get(second)
    return a is None or b is None or bool(a & b)


def resolve_keys(chosen: Mapping[str, tuple[str, ...]]) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """The whole key map from the actions a profile sets, and the problems in it.

    A key the profile gives to an action is taken away from the defaults of any action the
    profile does not set that shares a screen with it: an older profile that gave S to LEFT
    keeps S answering LEFT, as it did before S became a home-screen shortcut. Two actions the
    profile sets itself, with one key, on one screen, are refused: nobody can tell which was
    meant."""
    problems: list[str] = []
    keys = {action: tuple(names) for action, names in DEFAULT_KEYS.items()}
    keys.update(chosen)
    for action in DEFAULT_KEYS:
        if action in chosen:
            continue
        taken = {n for other, names in chosen.items() if share_a_screen(action, other) for n in names}
        keys[action] = tuple(n for n in keys[action] if n not in taken)
    for name in dict.fromkeys(n for names in chosen.values() for n in names):
        holders = [a for a, names in chosen.items() if name in names]
        clashing = [a for a in holders if any(b != a and share_a_screen(a, b) for b in holders)]
        if clashing:
            problems.append(f"keys: '{name}' is given to {_and(clashing)}, which one screen "
                            "listens for together; give each its own key")
    for action in REQUIRED_ACTIONS:
        if not keys.get(action):
            problems.append(f"keys.{action}: no key is left for it (its usual keys "
                            f"{', '.join(DEFAULT_KEYS[action])} are given to other actions)")
    return keys, problems


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


class ProfileError(ValueError):
    pass


def check_patient_id(patient: str) -> str:
    if not PATIENT_ID.match(patient):
        raise ProfileError(
            _("'{patient}' cannot be a patient id: use 1-40 letters, digits, '-' or '_', starting "
              "with a letter or digit (a pseudonym such as P017, not a name).").format(patient=patient)
        )
    return patient


# The profile's text size: 0.75 for a small screen, 1.5 for low vision; every screen is
# laid out to hold its text without overlap across this range (gmi-trainer screens checks).
TEXT_SCALE_RANGE = (0.75, 1.5)

@dataclass(frozen=True)
class Profile:
    patient: str
    # The affected body part and side; read them together as `affected`. The part is a name
    # in the body-part table ("hand"); what it covers ("hand or arm") is said there. The
    # field keeps its old name because it is the key in profile.json and in every session
    # manifest's copy of the profile.
    affected_limb: str
    affected_side: str
    display_name: str = ""
    plan: str = "default"
    skin_tone: str = "medium"
    text_scale: float = 1.0  # within TEXT_SCALE_RANGE
    # Where the fixed mirror line sits, as a fraction of the camera picture's width; the
    # patient moves it with Up/Down during fixed-line mirror work and it is kept here.
    mirror_line_x_norm: float = 0.5
    high_contrast: bool = False
    # A stage of the plan's programme set by the therapist; empty: decided from the records.
    stage_override: str = ""
    # "amputation" (phantom and residual limb pain asked apart) or "crps" (one pain scale).
    condition: str = "amputation"
    keys: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_KEYS))
    # The language every screen speaks to this patient ("ru"); "" until one is chosen, then
    # `--language` or the environment decides (English by default).
    language: str = ""

    @property
    def affected(self) -> Affected:
        return Affected(self.affected_limb, self.affected_side)

    def with_affected(self, affected: Affected) -> "Profile":
        return replace(self, affected_limb=affected.part, affected_side=affected.side)

    @property
    def intact_side(self) -> str:
        return other_side(self.affected_side)

    def affected_words(self) -> str:
        """'left hand or arm'."""
        return self.affected.words()

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        # An action left without a key (its key given to another) is left out: read back,
        # it gets the same nothing from resolve_keys.
        data["keys"] = {action: list(keys) for action, keys in self.keys.items() if keys}
        if self.condition == "amputation":  # the default: a profile written before reads back alike
            del data["condition"]
        if not self.language:
            del data["language"]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], source: str) -> "Profile":
        problems: list[str] = []
        known = {"patient", "affected_limb", "affected_side", "display_name", "plan",
                 "skin_tone", "text_scale", "keys", "mirror_line_x_norm", "high_contrast",
                 "stage_override", "condition", "language"}
        for key in data:
            if key not in known:
                problems.append(_("unknown key '{key}' (allowed: {allowed})").format(
                    key=key, allowed=", ".join(sorted(known))))
        # Only a part a patient can name as affected (hand or foot, standing for the arm or leg).
        limbs = tuple(dict.fromkeys(a.part for a in AFFECTED_CHOICES.values()))
        if data.get("affected_limb") not in limbs:
            problems.append(_("{key} must be one of {allowed}").format(key="affected_limb", allowed=", ".join(limbs)))
        if data.get("affected_side") not in SIDES:
            problems.append(_("{key} must be one of {allowed}").format(key="affected_side", allowed=", ".join(SIDES)))
        if data.get("skin_tone", "medium") not in SKIN_TONES:
            problems.append(_("{key} must be one of {allowed}").format(key="skin_tone", allowed=", ".join(SKIN_TONES)))
        scale = data.get("text_scale", 1.0)
        low_scale, high_scale = TEXT_SCALE_RANGE
        if isinstance(scale, bool) or not isinstance(scale, (int, float)) \
                or not low_scale <= scale <= high_scale:
            problems.append(_("{key} must be a number from {low} to {high}").format(
                key="text_scale", low=f"{low_scale:g}", high=f"{high_scale:g}"))
        line = data.get("mirror_line_x_norm", 0.5)
        low, high = MIRROR_LINE_RANGE
        if isinstance(line, bool) or not isinstance(line, (int, float)) or not low <= line <= high:
            problems.append(_("{key} must be a number from {low} to {high}").format(
                key="mirror_line_x_norm", low=f"{low:g}", high=f"{high:g}"))
        if not isinstance(data.get("high_contrast", False), bool):
            problems.append(_("{key} must be true or false").format(key="high_contrast"))
        stage = data.get("stage_override", "")
        if not isinstance(stage, str):
            problems.append(_("{key} must be a stage name (text), or empty").format(key="stage_override"))
            stage = ""
        if data.get("condition", "amputation") not in CONDITIONS:
            problems.append(_("{key} must be one of {allowed}").format(key="condition", allowed=", ".join(CONDITIONS)))
        language = data.get("language", "")
        if language != "" and language not in LANGUAGES:
            problems.append(_("{key} must be one of {allowed} (or left out)").format(
                key="language", allowed=", ".join(LANGUAGES)))
        chosen: dict[str, tuple[str, ...]] = {}
        raw_keys = data.get("keys", {})
        if not isinstance(raw_keys, dict):
            problems.append(_("{key} must map actions to lists of key names").format(key="keys"))
            raw_keys = {}
        for action, names in raw_keys.items():
            if action not in ACTIONS:
                problems.append(_("keys.{action}: unknown action (allowed: {allowed})").format(
                    action=action, allowed=", ".join(ACTIONS)))
            elif not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
                problems.append(_("keys.{action}: must be a non-empty list of key names").format(action=action))
            else:
                chosen[action] = tuple(n.lower() for n in names)
        keys, key_problems = resolve_keys(chosen)
        problems += key_problems
        try:
            check_patient_id(str(data.get("patient", "")))
        except ProfileError as error:
            problems.append(str(error))
        if problems:
            raise ProfileError(f"{source}: " + "; ".join(problems))
        return cls(
            patient=data["patient"], affected_limb=data["affected_limb"],
            affected_side=data["affected_side"], display_name=str(data.get("display_name", "")),
            plan=str(data.get("plan", "default")), skin_tone=data.get("skin_tone", "medium"),
            text_scale=float(scale), keys=keys, mirror_line_x_norm=float(line),
            high_contrast=bool(data.get("high_contrast", False)),
            stage_override=stage, condition=str(data.get("condition", "amputation")),
            language=str(language) if language in LANGUAGES else "",
        )
