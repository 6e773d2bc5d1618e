"""Phase 2, what to show: which limb, which postures and which pictures an imagery block
uses, and which postures earlier sessions found painful."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Collection, Sequence

from gmi_trainer.core.context import Picture
from gmi_trainer.i18n import _
from gmi_trainer.plans.model import ImageryBlock
from gmi_trainer.profiles.model import Profile
from gmi_trainer.vocabulary import BODY_PART_TABLE, POSTURES
from gmi_trainer.vocabulary.body_parts import posture_words


class NoImageryPicturesError(ValueError):
    """The picture set has nothing that matches an imagery block's choices."""


@dataclass(frozen=True)
class ImageryItem:
    number: int  # 1-based
    picture: Picture
    neutral: Picture | None  # the demonstration's start; None: nothing to demonstrate


def resolve_limb(block: ImageryBlock, profile: Profile) -> tuple[str, str]:
    """The (body part, side) a block means for this patient. "intact" as a body part means
    the same kind of limb as the affected one (the other side is chosen by `side`)."""
    affected = profile.affected
    part = affected.part if block.body_part in ("affected", "intact") else block.body_part
    side = {"affected": affected.side, "intact": profile.intact_side}.get(block.side, block.side)
    return part, side


def latest_pain_by_posture(history: Sequence[dict[str, Any]], body_part: str,
                           side: str) -> dict[str, int]:
    """The most recent pain rating of each posture of this limb in earlier imagery blocks
    (history is oldest first; a picture left unrated does not erase an earlier rating)."""
    latest: dict[str, int] = {}
    for block in history:
        if block.get("phase") != "imagery" or block.get("body_part") != body_part \
                or block.get("side") != side:
            continue
        for posture, figures in (block.get("by_posture") or {}).items():
            rating = figures.get("pain_rating")
            if isinstance(rating, int):
                latest[posture] = rating
    return latest


def painful_postures(history: Sequence[dict[str, Any]], body_part: str, side: str,
                     above: int | None) -> dict[str, int]:
    """Postures to leave out today: their latest rating was above the plan's threshold."""
    if above is None:
        return {}
    return {posture: rating for posture, rating in
            latest_pain_by_posture(history, body_part, side).items() if rating > above}


def choose_items(pictures: Sequence[Picture], block: ImageryBlock, body_part: str, side: str,
                 skin_tone: str | None, leave_out: Collection[str],
                 rng: random.Random) -> list[ImageryItem]:
    """`block.pictures` items. Listed postures keep the plan's order (a therapist may grade
    them from easy to hard) and repeat when more pictures than postures are asked for;
    with no list, postures are drawn in a seeded random order."""
    limb = [p for p in pictures if p.body_part == body_part and p.side == side]
    if not limb:
        raise NoImageryPicturesError(_("there are no pictures of a {side} {body_part}").format(side=side, body_part=body_part))
    available = {p.posture for p in limb}
    if block.postures:
        postures = list(block.postures)
    else:
        # The plain postures: a scene picture (a hand holding a cup) is imagined only when a
        # plan lists it.
        entry = BODY_PART_TABLE.get(body_part)
        plain = entry.postures if entry is not None else POSTURES.get(body_part, ())
        postures = [p for p in plain if p in available]
        rng.shuffle(postures)
    postures = [p for p in postures if p not in block.postures_exclude and p not in leave_out
                and p in available]
    if not postures:
        why = _(" (the others were left out because they hurt last time)") if leave_out else ""
        raise NoImageryPicturesError(_("no pictures of a {side} {body_part} in the postures "
                                     "this block asks for{why}").format(side=side, body_part=body_part, why=why))
    entry = BODY_PART_TABLE.get(body_part)
    # Demonstrations start from the part's resting posture (a flat hand or foot), and the
    # resting posture's own from the table's `resting_demo_from` (a relaxed curl opening
    # flat); a part with none (a neck, a back: every picture of them is turned one way) has
    # no demonstration.
    neutral = _best(limb, entry.neutral_posture if entry else "", body_part, skin_tone)
    resting_from = _best(limb, entry.resting_demo_from if entry else "", body_part, skin_tone)
    items = []
    for i in range(block.pictures):
        posture = postures[i % len(postures)]
        picture = _best(limb, posture, body_part, skin_tone)
        assert picture is not None
        demo_from = neutral if neutral is not None and posture != neutral.posture else \
            resting_from if neutral is not None else None
        items.append(ImageryItem(i + 1, picture, demo_from))
    return items


def _best(limb: Sequence[Picture], posture: str, body_part: str,
          skin_tone: str | None) -> Picture | None:
    """The picture of a posture in the part's preferred view (the patient's own view of their
    limb: easiest to imagine) and the patient's skin tone, falling back to any view and any
    tone; ties broken by id so the choice is stable."""
    candidates = [p for p in limb if p.posture == posture]
    if not candidates:
        return None
    entry = BODY_PART_TABLE.get(body_part)
    preferred = entry.preferred_view if entry else None
    return min(candidates, key=lambda p: (p.view != preferred, p.skin_tone != skin_tone, p.id))


def posture_label(posture: str) -> str:
    return posture_words(posture)
