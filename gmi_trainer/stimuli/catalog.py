"""The fixed vocabulary of the stimulus set: body parts, sides, views, postures, skin tones.

Pure data with no heavy imports, so the core, the manifest loader and the renderer share one
list of allowed names and a typo in any of them is caught in one place.
"""

from __future__ import annotations

BODY_PARTS: tuple[str, ...] = ("hand", "foot")
SIDES: tuple[str, ...] = ("left", "right")

HAND_POSTURES: tuple[str, ...] = (
    "flat",
    "fist",
    "pointing",
    "pinch",
    "thumb_up",
    "ok_sign",
    "spread",
    "claw",
    "two_fingers",
    "relaxed_curl",
    "holding_ball",
    "edge_on",
)
FOOT_POSTURES: tuple[str, ...] = (
    "flat",
    "pointed",
    "pulled_up",
    "toes_curled",
    "toes_spread",
    "turned_in",
    "turned_out",
    "tiptoe",
)

# Views name what faces the camera. A hand's "side" view looks at its thumb (radial) edge;
# a foot's "top" view is the owner's own view, looking down at the foot with the toes up.
HAND_VIEWS: tuple[str, ...] = ("back", "palm", "side")
FOOT_VIEWS: tuple[str, ...] = ("top", "sole", "inner", "outer")

POSTURES: dict[str, tuple[str, ...]] = {"hand": HAND_POSTURES, "foot": FOOT_POSTURES}
VIEWS: dict[str, tuple[str, ...]] = {"hand": HAND_VIEWS, "foot": FOOT_VIEWS}

# Ordered from lightest to darkest; the colours themselves live in shading.py.
SKIN_TONES: tuple[str, ...] = ("light", "medium", "tan", "dark")
