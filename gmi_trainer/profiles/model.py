"""A patient's settings, validated like a plan: a bad value is a clear error, never a guess."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from gmi_trainer.vocabulary import AFFECTED_CHOICES, BODY_PARTS, SIDES, SKIN_TONES, Affected, other_side
from gmi_trainer.vocabulary.mirror_modes import MIRROR_LINE_RANGE

PATIENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
# The therapist PIN: ASCII digits typed on the PIN screen, which takes up to PIN_MAX_DIGITS.
PIN_MIN_DIGITS = 6
PIN_MAX_DIGITS = 12
ACTIONS = ("left", "right", "up", "down", "confirm", "pause", "back")

# Default response keys: arrows and A/L answer left/right (either hand), Enter or a pedal's
# key confirms, Space/P/Esc pause. Names are pygame key names.
DEFAULT_KEYS: dict[str, tuple[str, ...]] = {
    "left": ("left", "a"),
    "right": ("right", "l"),
    "up": ("up",),
    "down": ("down",),
    "confirm": ("return", "enter"),
    "pause": ("space", "p", "escape"),
    "back": ("backspace",),
}

KEY_LABELS = {"left": "Left arrow", "right": "Right arrow", "up": "Up arrow", "down": "Down arrow",
              "return": "Enter", "space": "Space", "escape": "Esc", "backspace": "Backspace"}


def key_label(name: str) -> str:
    """How a key is named on screen: 'Left arrow', 'A', 'Page up'."""
    return KEY_LABELS.get(name, name.upper() if len(name) == 1 else name.capitalize())


# The affected (part, side) by its command-line name, "left-hand": from the body-part table.
LIMB_CHOICES: dict[str, Affected] = AFFECTED_CHOICES


class ProfileError(ValueError):
    pass


def check_patient_id(patient: str) -> str:
    if not PATIENT_ID.match(patient):
        raise ProfileError(
            f"'{patient}' cannot be a patient id: use 1-40 letters, digits, '-' or '_', starting "
            "with a letter or digit (a pseudonym such as P017, not a name)."
        )
    return patient


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
    text_scale: float = 1.0
    # Where the fixed mirror line sits, as a fraction of the camera picture's width; the
    # patient moves it with Up/Down during fixed-line mirror work and it is kept here.
    mirror_line_x_norm: float = 0.5
    high_contrast: bool = False
    # A stage of the plan's programme set by the therapist; empty: decided from the records.
    stage_override: str = ""
    keys: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_KEYS))

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
        data["keys"] = {action: list(keys) for action, keys in self.keys.items()}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], source: str) -> "Profile":
        problems: list[str] = []
        known = {"patient", "affected_limb", "affected_side", "display_name", "plan",
                 "skin_tone", "text_scale", "keys", "mirror_line_x_norm", "high_contrast",
                 "stage_override"}
        for key in data:
            if key not in known:
                problems.append(f"unknown key '{key}' (allowed: {', '.join(sorted(known))})")
        if data.get("affected_limb") not in BODY_PARTS:
            problems.append(f"affected_limb must be one of {', '.join(BODY_PARTS)}")
        if data.get("affected_side") not in SIDES:
            problems.append(f"affected_side must be one of {', '.join(SIDES)}")
        if data.get("skin_tone", "medium") not in SKIN_TONES:
            problems.append(f"skin_tone must be one of {', '.join(SKIN_TONES)}")
        scale = data.get("text_scale", 1.0)
        if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not 0.75 <= scale <= 1.3:
            problems.append("text_scale must be a number from 0.75 to 1.3")
        line = data.get("mirror_line_x_norm", 0.5)
        low, high = MIRROR_LINE_RANGE
        if isinstance(line, bool) or not isinstance(line, (int, float)) or not low <= line <= high:
            problems.append(f"mirror_line_x_norm must be a number from {low:g} to {high:g}")
        if not isinstance(data.get("high_contrast", False), bool):
            problems.append("high_contrast must be true or false")
        stage = data.get("stage_override", "")
        if not isinstance(stage, str):
            problems.append("stage_override must be a stage name (text), or empty")
            stage = ""
        keys = dict(DEFAULT_KEYS)
        raw_keys = data.get("keys", {})
        if not isinstance(raw_keys, dict):
            problems.append("keys must map actions to lists of key names")
            raw_keys = {}
        for action, names in raw_keys.items():
            if action not in ACTIONS:
                problems.append(f"keys.{action}: unknown action (allowed: {', '.join(ACTIONS)})")
            elif not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
                problems.append(f"keys.{action}: must be a non-empty list of key names")
            else:
                keys[action] = tuple(n.lower() for n in names)
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
            stage_override=stage,
        )
