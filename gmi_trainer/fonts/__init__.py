"""The typeface every screen and chart draws with: DejaVu Sans 2.35, regular and bold,
shipped inside the package (see README.md here) so its letters and their widths are the
same on every machine and no font on the machine can stand in with missing-glyph boxes.

It has every Latin, Cyrillic and Greek letter the shipped languages use."""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent
FAMILY = "DejaVu Sans"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
