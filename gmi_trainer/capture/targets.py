"""Which pictures the patient is asked to copy: every plain hand posture in every view the
library has, of the intact side only (the painful or missing hand is never shown to the
camera: its pictures are the captured ones' mirror twins)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from gmi_trainer.i18n import N_, _
from gmi_trainer.stimuli.library import Stimulus
from gmi_trainer.vocabulary.body_parts import HAND_POSTURES, HAND_VIEWS, OWN_PICTURE_PART, posture_words

VIEW_WORDS = {"back": N_("back of the hand to the camera"), "palm": N_("palm to the camera"),
              "side": N_("thumb side to the camera")}


@dataclass(frozen=True)
class Target:
    posture: str
    view: str
    picture: Stimulus  # the library's picture of the intact hand to copy
    # The same posture and view in the other skin tones: the same drawing, so their
    # landmarks stand in when the tracker misses them on `picture`.
    alternatives: tuple[Stimulus, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.posture}:{self.view}"

    def words(self) -> str:
        """'Fist, back of the hand to the camera', in the patient's language."""
        posture = posture_words(self.posture)
        return f"{posture[:1].upper()}{posture[1:]}, {_(VIEW_WORDS[self.view])}"


def capture_targets(library: Iterable[Stimulus], intact_side: str, skin_tone: str,
                    only: Sequence[str] = ()) -> list[Target]:
    """In the library's order of postures, each posture's views together; `only` limits
    them to "posture:view" names (retaking a few)."""
    pictures = [s for s in library if s.body_part == OWN_PICTURE_PART and s.side == intact_side
                and s.posture in HAND_POSTURES]
    unknown = sorted(set(only) - {f"{p}:{v}" for p in HAND_POSTURES for v in HAND_VIEWS})
    if unknown:
        raise ValueError(f"unknown posture:view {', '.join(unknown)}; postures: "
                         f"{', '.join(HAND_POSTURES)}; views: {', '.join(HAND_VIEWS)}")
    targets = []
    for posture in HAND_POSTURES:
        for view in HAND_VIEWS:
            if only and f"{posture}:{view}" not in only:
                continue
            candidates = [s for s in pictures if s.posture == posture and s.view == view]
            if candidates:
                # The patient's skin tone when the library has it, so the outline fits.
                ordered = sorted(candidates, key=lambda s: (s.skin_tone != skin_tone, s.id))
                targets.append(Target(posture, view, ordered[0], tuple(ordered[1:])))
    return targets
