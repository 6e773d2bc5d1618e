"""Names shared by plans, pictures, profiles, phases, screens and records: one table per idea.

- body_parts: the body-part table (views, postures, labels, targets, tracking, rendering),
  sides, skin tones and a patient's affected (part, side);
- movements: the mirror exercises' movements and what counts them;
- mirror_modes: the mirror modes and the mirror line's range;
- targets: the left/right judgement targets.

Pure data with no heavy imports, so the core, the plan loader and the renderer share one
list of allowed names and a typo in any of them is caught in one place."""

from __future__ import annotations

from gmi_trainer.vocabulary.body_parts import (
    AFFECTED_CHOICES,
    BODY_PART_TABLE,
    BODY_PARTS,
    CONTEXTS,
    POSTURES,
    SIDES,
    SKIN_TONES,
    VIEWS,
    Affected,
    BodyPart,
    body_part,
    default_laterality_views,
    in_context,
    other_side,
    qualified_views,
    shows_view,
)

__all__ = ["AFFECTED_CHOICES", "BODY_PART_TABLE", "BODY_PARTS", "CONTEXTS", "POSTURES", "SIDES",
           "SKIN_TONES", "VIEWS", "Affected", "BodyPart", "body_part", "default_laterality_views",
           "in_context", "other_side", "qualified_views", "shows_view"]
