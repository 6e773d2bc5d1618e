"""Checks that media/ is whole and honestly labelled, reporting every problem rather than the first.

What is checked, for every body part in the table: the manifest's format; each entry's
fields are allowed names; ids are unique and spell out the labels; each file exists, loads as
an RGBA PNG of the expected size and is not empty; every left picture is the exact mirror of
its right twin; and every combination of posture, view (a scene posture's own views), skin
tone and side is present. The imagery demonstrations (the manifest's `demos`): one for
each posture of a part with a resting posture, in its preferred view and every skin tone,
each an AV1 image sequence (AVIF) with the frames the imagery screen plays.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from gmi_trainer.stimuli.build import relative_file, stimulus_id
from gmi_trainer.stimuli.viewpoints import PICTURE_PX
from gmi_trainer.stimuli.catalog import BODY_PARTS, POSTURES, SIDES, SKIN_TONES, VIEWS
from gmi_trainer.stimuli.library import FIELDS, StimulusLibraryError, read_manifest
from gmi_trainer.vocabulary import body_part as body_part_entry

MIN_LIMB_PIXELS = 2000  # an almost empty picture is a rendering failure


def _load(path: Path) -> np.ndarray:
    with Image.open(path) as im:
        im.load()
        if im.mode != "RGBA":
            raise ValueError(f"mode is {im.mode}, expected RGBA")
        return np.asarray(im)


def check_media(media_dir: Path) -> list[str]:
    """Every problem found, one message each; an empty list means media/ is fine."""
    media_dir = Path(media_dir)
    try:
        data = read_manifest(media_dir)
    except StimulusLibraryError as error:
        return [str(error)]
    problems: list[str] = []
    seen_ids: set[str] = set()
    pictures: dict[tuple[str, str, str, str, str], np.ndarray] = {}
    for index, raw in enumerate(data["stimuli"]):
        label = f"entry {index}"
        if not isinstance(raw, dict):
            problems.append(f"{label}: not an object")
            continue
        label = f"entry {index} ({raw.get('id', '?')})"
        missing = [f for f in FIELDS if not isinstance(raw.get(f), str)]
        if missing:
            problems.append(f"{label}: missing field(s) {', '.join(missing)}")
            continue
        part = raw["body_part"]
        bad = False
        for name, allowed in (
            ("body_part", BODY_PARTS),
            ("side", SIDES),
            ("skin_tone", SKIN_TONES),
            ("view", VIEWS.get(part, ())),
            ("posture", POSTURES.get(part, ())),
        ):
            if raw[name] not in allowed:
                problems.append(f"{label}: {name} {raw[name]!r} not in {', '.join(allowed) or '(none)'}")
                bad = True
        if bad:
            continue
        if raw["view"] not in body_part_entry(part).views_of(raw["posture"]):
            problems.append(f"{label}: the {raw['posture']} posture is not drawn in the {raw['view']} view")
            continue
        key = (part, raw["side"], raw["posture"], raw["view"], raw["skin_tone"])
        if raw["id"] in seen_ids:
            problems.append(f"{label}: duplicate id")
        seen_ids.add(raw["id"])
        if raw["id"] != stimulus_id(*key):
            problems.append(f"{label}: id does not match its labels (expected {stimulus_id(*key)!r})")
        if raw["file"] != relative_file(*key):
            problems.append(f"{label}: file {raw['file']!r} does not match its labels (expected {relative_file(*key)!r})")
        path = media_dir / raw["file"]
        if not path.is_file():
            problems.append(f"{label}: file {path} is missing")
            continue
        try:
            rgba = _load(path)
        except Exception as error:  # noqa: BLE001 - any decoding failure is a finding
            problems.append(f"{label}: file {path} does not load as a PNG: {error}")
            continue
        if rgba.shape[:2] != (PICTURE_PX, PICTURE_PX):
            problems.append(f"{label}: {path} is {rgba.shape[1]}x{rgba.shape[0]}, expected {PICTURE_PX}x{PICTURE_PX}")
        if int((rgba[..., 3] > 128).sum()) < MIN_LIMB_PIXELS:
            problems.append(f"{label}: {path} shows almost nothing (fewer than {MIN_LIMB_PIXELS} opaque pixels)")
        pictures[key] = rgba
    for key, rgba in pictures.items():
        part, side, posture, view, tone = key
        if side != "left":
            continue
        twin = pictures.get((part, "right", posture, view, tone))
        if twin is None:
            continue
        if twin.shape != rgba.shape or not np.array_equal(rgba, twin[:, ::-1]):
            problems.append(f"{stimulus_id(*key)}: is not the exact mirror image of {stimulus_id(part, 'right', posture, view, tone)}")
    problems += check_demos(media_dir, data)
    present = {(k[0], k[1], k[2], k[3], k[4]) for k in pictures}
    for part in BODY_PARTS:
        for posture in POSTURES[part]:
            for view in body_part_entry(part).views_of(posture):
                for tone in SKIN_TONES:
                    for side in SIDES:
                        if (part, side, posture, view, tone) not in present:
                            problems.append(f"{stimulus_id(part, side, posture, view, tone)}: missing from the set")
    return problems


def check_demos(media_dir: Path, data: dict) -> list[str]:  # type: ignore[type-arg]
    """Problems with the demonstrations: missing, mislabelled or with the wrong frames."""
    from gmi_trainer.stimuli.motion import (DEMO_PX, FRAME_COUNT, demo_jobs, demo_relative_file,
                                            demo_start, read_demo)

    problems: list[str] = []
    listed = {e.get("id"): e for e in data.get("demos", []) if isinstance(e, dict)}
    for part, posture, view in demo_jobs():
        for tone in SKIN_TONES:
            rel = demo_relative_file(part, posture, view, tone)
            entry = next((e for e in listed.values() if e.get("file") == rel), None)
            label = f"demonstration {rel}"
            if entry is None:
                problems.append(f"{label}: not in the manifest (render it with `gmi-trainer media demos`)")
                continue
            if entry.get("from_posture") != demo_start(part, posture) or entry.get("frames") != FRAME_COUNT:
                problems.append(f"{label}: starts from {entry.get('from_posture')!r} with {entry.get('frames')!r} "
                                f"frames, expected {demo_start(part, posture)!r} and {FRAME_COUNT}")
            path = media_dir / rel
            try:
                decoded = read_demo(path)
            except Exception as error:  # noqa: BLE001 - any decoding failure is a finding
                problems.append(f"{label}: does not load ({error})")
                continue
            frames = len(decoded)
            size = (decoded[0].shape[1], decoded[0].shape[0]) if decoded else (0, 0)
            if frames != FRAME_COUNT or size != (DEMO_PX, DEMO_PX):
                problems.append(f"{label}: {frames} frames of {size[0]}x{size[1]}, expected {FRAME_COUNT} of "
                                f"{DEMO_PX}x{DEMO_PX}")
    return problems
