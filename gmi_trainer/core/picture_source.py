"""Which pictures a session shows: the drawn library, the patient's own hand, or both, as
the plan's `pictures` says. Pure: it is handed both sets."""

from __future__ import annotations

from typing import Sequence

from gmi_trainer.core.context import Picture
from gmi_trainer.i18n import N_, _

OWN_MISSING = N_("This plan uses pictures of your own hand, but none have been taken yet: "
                 "today the drawn pictures are used. Take yours with 'My pictures' on the home "
                 "screen.")


def pictures_for(source: str, rendered: Sequence[Picture] | None,
                 own: Sequence[Picture]) -> tuple[Sequence[Picture] | None, str]:
    """The pictures to use and, when the plan's wish cannot be met, a message for the
    patient. Own pictures are of hands only: the other body parts stay drawn."""
    if source == "rendered" or rendered is None and not own:
        return rendered, ""
    if not own:
        return rendered, _(OWN_MISSING)
    drawn = list(rendered or ())
    if source == "own":
        own_parts = {p.body_part for p in own}
        drawn = [p for p in drawn if p.body_part not in own_parts]
    return [*drawn, *own], ""
