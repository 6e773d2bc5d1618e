"""`gmi-trainer bench mirror`: the mirror pipeline's display rate, tracking rate, latency and CPU."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from gmi_trainer.i18n import _


def register_bench(bench_subparsers: Any) -> None:
    parser = bench_subparsers.add_parser(
        "mirror",
        help=_("measure the webcam mirror: display rate, tracking rate, latency, CPU (threaded vs naive)"),
        description=_("Runs the threaded mirror pipeline and a naive one-thread loop on a 30 fps "
                      "source (1280x720 unless --size says otherwise) with pose tracking, or pose "
                      "and hands, and prints a table and JSON (with the mirror line frame by frame)."),
    )
    parser.add_argument("--seconds", type=float, default=10.0, help=_("measured seconds per pipeline (default 10)"))
    parser.add_argument("--json-out", type=Path, default=None, help=_("also write the JSON report to this file"))
    parser.add_argument(
        "--camera",
        default="photo",
        help=_("'photo' (a swaying photograph of a person, default), 'synthetic', a webcam number "
               "or a video file"),
    )
    parser.add_argument("--size", default="1280x720", help=_("frame size WxH (default 1280x720)"))
    parser.add_argument("--tracks", default="pose,hands",
                        help=_("'pose' or 'pose,hands' (default: both, as hand exercises run)"))
    parser.set_defaults(handler=run_bench_mirror)


def run_bench_mirror(args: argparse.Namespace) -> int:
    from gmi_trainer.frames.frame import SourceError
    from gmi_trainer.bench.mirror import format_table, report_json, run_benchmark

    if args.seconds <= 0:
        print("--seconds must be positive")
        return 2
    width, _x, height = str(args.size).lower().partition("x")
    if not (width.isdigit() and height.isdigit() and 160 <= int(width) <= 3840 and 120 <= int(height) <= 2160):
        print(f"--size {args.size!r}: expected WxH such as 1280x720 (160x120 to 3840x2160)")
        return 2
    tracks = tuple(t.strip() for t in str(args.tracks).split(",") if t.strip())
    if tracks not in (("pose",), ("pose", "hands")):
        print(f"--tracks {args.tracks!r}: expected pose or pose,hands")
        return 2
    try:
        report = run_benchmark(seconds=args.seconds, camera=args.camera, size_px=(int(width), int(height)),
                               tracks=tracks)
    except SourceError as error:
        print(error)
        return 1
    print(format_table(report))
    print()
    # The frame-by-frame line is hundreds of entries: it goes to --json-out only.
    print(report_json({**report, **{name: {k: v for k, v in report[name].items() if k != "line"}
                                    for name in ("threaded", "naive")}}))
    if args.json_out is not None:
        args.json_out.parent.mkdir(parents=True, exist_ok=True)
        args.json_out.write_text(report_json(report) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m gmi_trainer.commands.bench_mirror mirror --seconds 5`: the bench without the full CLI."""
    parser = argparse.ArgumentParser(prog="gmi-trainer bench")
    register_bench(parser.add_subparsers(dest="bench", required=True))
    args = parser.parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    raise SystemExit(main())
