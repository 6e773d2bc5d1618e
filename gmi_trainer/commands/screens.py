"""`gmi-trainer screens`: a picture of every distinct screen, reached through the real flows,
and layout.json with every text's box, for checking layouts at any window and text size."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from gmi_trainer.i18n import LANGUAGES, SOURCE_LANGUAGE, _, ngettext
from gmi_trainer.profiles.model import TEXT_SCALE_RANGE


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "screens", help=_("drive the real flows headlessly and save a PNG of every screen"))
    parser.add_argument("--out", required=True, help=_("folder for NAME.png and layout.json"))
    parser.add_argument("--size", default="1366x768", help=_("window size WxH (default 1366x768)"))
    parser.add_argument("--text-size", type=float, default=1.0,
                        help=_("text size {low} to {high}").format(
                            low=f"{TEXT_SCALE_RANGE[0]:g}", high=f"{TEXT_SCALE_RANGE[1]:g}"))
    parser.add_argument("--high-contrast", action="store_true", help=_("the high-contrast colours"))
    parser.add_argument("--language", choices=tuple(LANGUAGES), default=SOURCE_LANGUAGE,
                        help=_("the language of every screen (default: en); --check then also "
                        "fails on English text left"))
    parser.add_argument("--check", action="store_true",
                        help=_("exit 1 when any two texts overlap or a text leaves the window"))
    parser.set_defaults(handler=_screens)


def parse_size(text: str) -> tuple[int, int] | None:
    """'1366x768' -> (1366, 768); None when it is not a size from 640x400 to 7680x4320."""
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    width, height = int(parts[0]), int(parts[1])
    return (width, height) if 640 <= width <= 7680 and 400 <= height <= 4320 else None


def _screens(args: argparse.Namespace) -> int:
    import os

    size = parse_size(args.size)
    if size is None:
        print(_("gmi-trainer: --size {size}: give WxH from 640x400 to 7680x4320, "
                "e.g. 1366x768.").format(size=args.size), file=sys.stderr)
        return 2
    low, high = TEXT_SCALE_RANGE
    if not low <= args.text_size <= high:
        print(_("gmi-trainer: --text-size must be from {low} to {high}.").format(low=f"{low:g}", high=f"{high:g}"),
              file=sys.stderr)
        return 2
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # no window: pictures are drawn off screen
    from gmi_trainer.app.paths import resolve_paths
    from gmi_trainer.app.screen_tour import english_left, overlaps, run_tour

    out = Path(args.out)
    with tempfile.TemporaryDirectory(prefix="gmi-screens-") as data:
        # A fresh data folder, so the tour starts where a new patient does.
        paths = resolve_paths(data, "P000", {})
        layout = run_tour(paths, out, size, args.text_size, args.high_contrast,
                          language=args.language)
    print(ngettext("{count} screen saved in {out}", "{count} screens saved in {out}",
                   len(layout["screens"])).format(count=len(layout["screens"]), out=out))
    plans = [path.stem for path in paths.exercises_dir.glob("*.toml")]
    problems = overlaps(layout) + english_left(layout, args.language, plans)
    for problem in problems:
        print("  " + problem)
    return 1 if problems and args.check else 0
