"""`gmi-trainer bench mirror`: the mirror pipeline's display rate, tracking rate, latency and CPU."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register_bench(bench_subparsers: Any) -> None:
    parser = bench_subparsers.add_parser(
        "mirror",
        help="measure the webcam mirror: display rate, tracking rate, latency, CPU (threaded vs naive)",
        description="Runs the threaded mirror pipeline and a naive one-thread loop on a 640x480, 30 fps "
        "source with pose tracking, and prints a table and JSON.",
    )
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per pipeline (default 10)")
    parser.add_argument("--json-out", type=Path, default=None, help="also write the JSON report to this file")
    parser.add_argument(
        "--camera",
        default="photo",
        help="'photo' (a swaying photograph of a person, default), 'synthetic', a webcam number or a video file",
    )
    parser.set_defaults(handler=run_bench_mirror)


def run_bench_mirror(args: argparse.Namespace) -> int:
    from gmi_trainer.frames.frame import SourceError
    from gmi_trainer.bench.mirror import format_table, report_json, run_benchmark

    if args.seconds <= 0:
        print("--seconds must be positive")
        return 2
    try:
        report = run_benchmark(seconds=args.seconds, camera=args.camera)
    except SourceError as error:
        print(error)
        return 1
    print(format_table(report))
    print()
    text = report_json(report)
    print(text)
    if args.json_out is not None:
        args.json_out.parent.mkdir(parents=True, exist_ok=True)
        args.json_out.write_text(text + "\n", encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m gmi_trainer.commands.bench_mirror mirror --seconds 5`: the bench without the full CLI."""
    parser = argparse.ArgumentParser(prog="gmi-trainer bench")
    register_bench(parser.add_subparsers(dest="bench", required=True))
    args = parser.parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    raise SystemExit(main())
