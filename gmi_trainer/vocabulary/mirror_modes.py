"""The mirror modes a plan may choose, and where the patient's mirror line may sit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MirrorModeInfo:
    name: str  # in plans and records: "midline"
    compositor_mode: str  # the member of mirror.compositor.MirrorMode that draws it
    # The patient moves the line with Up/Down (and it is kept in their profile).
    patient_moves_line: bool
    # Both limbs move together and the program reports how in step they are (from the
    # tracked landmarks of both sides), for bilateral tasks.
    reports_in_step: bool = False


MIRROR_MODE_TABLE: dict[str, MirrorModeInfo] = {m.name: m for m in (
    # The line follows the tracked body midline.
    MirrorModeInfo("midline", "BODY_MIDLINE", False),
    MirrorModeInfo("fixed", "FIXED_LINE", True),
    # A plain mirror (selfie view): not a mirror box, offered as an option.
    MirrorModeInfo("flip", "WHOLE_FLIP", False),
    # The midline mirror while both limbs make the movement together, with how in step
    # the two real limbs move shown and recorded.
    MirrorModeInfo("bilateral", "BODY_MIDLINE", False, reports_in_step=True),
)}
MIRROR_MODES: tuple[str, ...] = tuple(MIRROR_MODE_TABLE)

# Where the fixed mirror line may sit, as a fraction of the camera picture's width: away
# from the edges, so the picture keeps a usable strip on both sides of the line.
# The patient's line (core/mirror.py), the profile (profiles/model.py) and the camera
# pipeline (mirror/pipeline.py) all hold it to this range.
MIRROR_LINE_RANGE: tuple[float, float] = (0.1, 0.9)

# The graded mirror: how strongly the reflection is laid over the real picture of the
# affected side, in percent (0 the real picture, 100 the full mirror). For patients for whom
# the full illusion is too much at first, as in graded mirror therapy. Plans set it per block
# and per exercise (the key `mirror_strength`).
MIRROR_STRENGTH_RANGE: tuple[int, int] = (0, 100)
FULL_MIRROR_STRENGTH = 100
