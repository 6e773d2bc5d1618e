"""Names shared by plans, pictures, profiles and records: body parts, sides, views, postures."""

from __future__ import annotations

SIDES = ("left", "right")
BODY_PARTS = ("hand", "foot")

VIEWS: dict[str, tuple[str, ...]] = {
    "hand": ("back", "palm", "side"),
    "foot": ("top", "sole", "inner", "outer"),
}

POSTURES: dict[str, tuple[str, ...]] = {
    "hand": (
        "flat", "fist", "pointing", "pinch", "thumb_up", "ok_sign", "spread", "claw",
        "two_fingers", "relaxed_curl", "holding_ball", "edge_on",
    ),
    "foot": (
        "flat", "pointed", "pulled_up", "toes_curled", "toes_spread", "turned_in",
        "turned_out", "tiptoe",
    ),
}

# What the patient calls the affected limb, in words for screens.
LIMB_WORDS = {"hand": "hand", "foot": "foot"}


def other_side(side: str) -> str:
    return "right" if side == "left" else "left"
