"""`gmi-trainer media build | check | sheet | verify | sides`: make, check, show and test the
stimulus set."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from gmi_trainer.i18n import _

EXIT_OK = 0
EXIT_PROBLEMS = 2

DEFAULT_MEDIA_DIR = Path(__file__).resolve().parents[2] / "media"


def _media_dir(args: argparse.Namespace) -> Path:
    return Path(args.media_dir) if args.media_dir else DEFAULT_MEDIA_DIR


def _build(args: argparse.Namespace) -> int:
    from gmi_trainer.stimuli.build import all_jobs, build

    media_dir = _media_dir(args)
    chosen = [j for j in all_jobs() if (not args.body_part or j.body_part in args.body_part)
              and (not args.posture or j.posture in args.posture)
              and (not args.view or j.view in args.view)]
    partial = len(chosen) < len(all_jobs())
    total = len(chosen)
    done = [0]
    start = time.perf_counter()  # duration only, never a timestamp

    def progress(what: str) -> None:
        done[0] += 1
        print(f"[{done[0]:3d}/{total}] {what}", flush=True)

    entries = build(media_dir, workers=args.workers, progress=None if args.quiet else progress,
                    jobs=chosen if partial else None, merge=partial)
    size = sum(p.stat().st_size for p in media_dir.rglob("*") if p.is_file())
    print(f"wrote {len(entries)} pictures and {media_dir / 'manifest.json'} in {time.perf_counter() - start:.0f} s; media/ is {size / 1e6:.1f} MB")
    return EXIT_OK


def _demos(args: argparse.Namespace) -> int:
    from gmi_trainer.stimuli.motion import build_demos, demo_jobs

    media_dir = _media_dir(args)
    jobs = [j for j in demo_jobs() if (not args.body_part or j[0] in args.body_part)
            and (not args.posture or j[1] in args.posture)]
    done = [0]
    start = time.perf_counter()  # duration only, never a timestamp

    def progress(what: str) -> None:
        done[0] += 1
        print(f"[{done[0]:3d}/{len(jobs)}] {what}", flush=True)

    entries = build_demos(media_dir, workers=args.workers, jobs=jobs,
                          progress=None if args.quiet else progress)
    added = sum((media_dir / e["file"]).stat().st_size for e in entries)
    size = sum(p.stat().st_size for p in media_dir.rglob("*") if p.is_file())
    print(f"wrote {len(entries)} demonstrations ({added / 1e6:.2f} MB) in "
          f"{time.perf_counter() - start:.0f} s; media/ is {size / 1e6:.1f} MB")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from gmi_trainer.stimuli.check import check_media

    media_dir = _media_dir(args)
    problems = check_media(media_dir)
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    if problems:
        print(f"{media_dir}: {len(problems)} problem(s); fix them or rebuild with `gmi-trainer media build`", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{media_dir}: all pictures present, loadable and consistently labelled")
    return EXIT_OK


def _select(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from gmi_trainer.stimuli.library import load_library

    library = load_library(_media_dir(args))
    return library.select(
        body_part=args.body_part,
        views=args.view or None,
        include_postures=args.posture or None,
        skin_tone=args.skin_tone,
        sides=args.side or None,
    )


def _sheet(args: argparse.Namespace) -> int:
    from gmi_trainer.stimuli.library import StimulusLibraryError
    from gmi_trainer.stimuli.sheet import contact_sheet

    try:
        selection = _select(args)
    except (StimulusLibraryError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    out = contact_sheet(selection, Path(args.out), thumb_px=args.thumb_px)
    print(f"wrote {out} ({len(selection)} pictures)")
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    from gmi_trainer.stimuli import verify
    from gmi_trainer.stimuli.library import StimulusLibraryError

    try:
        selection = _select(args)
    except (StimulusLibraryError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    rotations = [int(r) for r in args.rotations.split(",")] if args.rotations else list(verify.ROTATIONS_DEG)
    trials = verify.run(selection, rotations)
    summary = verify.summarise(trials)
    print(verify.format_table(summary))
    if args.json:
        Path(args.json).write_text(verify.dump(summary) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    else:
        print(verify.dump(summary["overall"]))
    return EXIT_OK if summary["meets_targets"] else EXIT_PROBLEMS


def _sides(args: argparse.Namespace) -> int:
    from gmi_trainer.stimuli import sides

    results = sides.run(_media_dir(args), [args.body_part] if args.body_part else None)
    failed = [r for r in results if r.problems]
    for result in failed:
        for problem in result.problems:
            print(f"problem: {problem}", file=sys.stderr)
    by_part: dict[str, list[int]] = {}
    for result in results:
        counts = by_part.setdefault(result.picture.split()[0], [0, 0])
        counts[0] += 1
        counts[1] += not result.problems
    for part, (total, good) in by_part.items():
        print(f"{part}: {good} of {total} posture-views match their labels")
    return EXIT_PROBLEMS if failed or not results else EXIT_OK


def _pose(args: argparse.Namespace) -> int:
    import json

    from gmi_trainer.stimuli import pose_check
    from gmi_trainer.stimuli.library import StimulusLibraryError, load_library

    try:
        library = load_library(_media_dir(args))
    except StimulusLibraryError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    summary = pose_check.summarise(pose_check.run(pose_check.selection(library)))
    print(pose_check.format_table(summary))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return EXIT_OK if summary["meets_target"] else EXIT_PROBLEMS


def _add_selection(p: argparse.ArgumentParser) -> None:
    from gmi_trainer.vocabulary import BODY_PARTS, SIDES

    p.add_argument("--body-part", choices=BODY_PARTS)
    p.add_argument("--view", action="append", help=_("repeatable"))
    p.add_argument("--posture", action="append", help=_("repeatable"))
    p.add_argument("--skin-tone")
    p.add_argument("--side", action="append", choices=SIDES)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    media = subparsers.add_parser("media", help=_("build, check, look at and verify the body-part pictures"))
    media.add_argument("--media-dir", help=_("folder with manifest.json (default {folder})").format(folder=DEFAULT_MEDIA_DIR))
    sub = media.add_subparsers(dest="media_command", metavar="ACTION", required=True)

    build = sub.add_parser("build", help=_("render every picture and write manifest.json (deterministic)"))
    build.add_argument("--workers", type=int, default=2, help=_("processes to render with (default 2)"))
    build.add_argument("--quiet", action="store_true")
    build.add_argument("--body-part", action="append",
                       help=_("render again only these parts (repeatable); the manifest keeps the rest"))
    build.add_argument("--posture", action="append", help=_("only these postures (repeatable)"))
    build.add_argument("--view", action="append", help=_("only these views (repeatable)"))
    build.set_defaults(handler=_build)

    demos = sub.add_parser("demos", help=_("render the imagery demonstrations (movements from the "
                           "resting limb to each posture) into demos/ and list them in manifest.json"))
    demos.add_argument("--workers", type=int, default=2, help=_("processes to render with (default 2)"))
    demos.add_argument("--body-part", action="append", help=_("only these parts (repeatable)"))
    demos.add_argument("--posture", action="append", help=_("only these postures (repeatable)"))
    demos.add_argument("--quiet", action="store_true")
    demos.set_defaults(handler=_demos)

    check = sub.add_parser("check", help=_("check that every picture exists, loads and is labelled consistently"))
    check.set_defaults(handler=_check)

    sheet = sub.add_parser("sheet", help=_("write a labelled contact sheet PNG"))
    sheet.add_argument("--out", required=True, help=_("PNG to write"))
    sheet.add_argument("--thumb-px", type=int, default=112)
    _add_selection(sheet)
    sheet.set_defaults(handler=_sheet)

    verify = sub.add_parser("verify", help=_("run MediaPipe Hands on the hand pictures at 8 rotations and report"))
    verify.add_argument("--rotations", help=_("comma-separated degrees (default 0,45,...,315)"))
    verify.add_argument("--json", help=_("also write the full summary as JSON here"))
    _add_selection(verify)
    verify.set_defaults(handler=_verify)

    sides_parser = sub.add_parser("sides", help=_("check from anatomy that each leg, arm, neck and back "
                                  "picture shows the side its label says"))
    sides_parser.add_argument("--body-part", help=_("only this part"))
    sides_parser.set_defaults(handler=_sides)

    pose = sub.add_parser("pose", help=_("run MediaPipe Pose on the arm, neck and back pictures and "
                          "compare the side it implies with the labels"))
    pose.add_argument("--json", help=_("also write the summary as JSON here"))
    pose.set_defaults(handler=_pose)


def main(argv: list[str] | None = None) -> int:
    """Run only the media commands (`python -m gmi_trainer.commands.media media ...`).

    Handy while other areas of the program are missing or broken.
    """
    parser = argparse.ArgumentParser(prog="gmi-trainer")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.handler(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
