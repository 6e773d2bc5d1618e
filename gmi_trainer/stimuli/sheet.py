"""A contact sheet: every picture of the set (or a chosen part of it) on one PNG, labelled.

For people to look at: is each picture clearly a left or a right limb at first glance?
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from gmi_trainer.stimuli.catalog import BODY_PARTS, POSTURES, SKIN_TONES, VIEWS
from gmi_trainer.stimuli.library import Stimulus, StimulusLibrary

BACKGROUND = (236, 236, 236)
LABEL_PX = 30


def _order(library: StimulusLibrary) -> list[list[Stimulus]]:
    """One row per (body part, posture); columns by view, skin tone, side."""
    rows: dict[tuple[str, str], list[Stimulus]] = {}
    for s in library:
        rows.setdefault((s.body_part, s.posture), []).append(s)
    for row in rows.values():
        row.sort(key=lambda s: (VIEWS[s.body_part].index(s.view), SKIN_TONES.index(s.skin_tone), s.side))
    return [rows[k] for k in sorted(rows, key=lambda k: (BODY_PARTS.index(k[0]), POSTURES[k[0]].index(k[1])))]


def contact_sheet(library: StimulusLibrary, out: Path, thumb_px: int = 112) -> Path:
    rows = _order(library)
    if not rows:
        raise ValueError("nothing to draw: the selection is empty")
    cols = max(len(r) for r in rows)
    cell_h = thumb_px + LABEL_PX
    sheet = Image.new("RGB", (cols * thumb_px, len(rows) * cell_h), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=11)
    for r, row in enumerate(rows):
        for c, s in enumerate(row):
            with Image.open(s.file) as im:
                thumb = im.convert("RGBA").resize((thumb_px, thumb_px), Image.LANCZOS)
            x, y = c * thumb_px, r * cell_h
            sheet.paste(thumb, (x, y), thumb)
            draw.text((x + 3, y + thumb_px), f"{s.posture} {s.view}", fill=(30, 30, 30), font=font)
            side = "LEFT" if s.side == "left" else "RIGHT"
            draw.text((x + 3, y + thumb_px + 13), f"{side} {s.skin_tone}", fill=(150, 20, 20) if s.side == "left" else (20, 60, 150), font=font)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out, "PNG", optimize=True)
    return out
