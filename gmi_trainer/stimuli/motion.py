"""The imagery demonstration as a movement: in-between postures of a limb rendered from its
resting posture to the target, frame by frame.

Each frame is the renderer's own scene with its joint angles interpolated (a hand's finger
and thumb angles, a foot's ankle and toe angles, a leg's hip and knee angles and its foot's),
eased so the movement starts and stops gently, and framed by one fixed camera so nothing but
the limb moves. Only the forward half is stored; the way back is the same frames in reverse.
A thumb that must touch a finger (a fist, a pinch) is solved once for the target and then
interpolated like any other angle, so it glides onto the finger instead of snapping.
"""

from __future__ import annotations

import dataclasses
import importlib
from pathlib import Path
from typing import Any, Callable

import numpy as np

from gmi_trainer.core.imagery import DEMO_FRAMES, DEMO_MOVE_S
from gmi_trainer.stimuli.raymarch import Camera, Scene, trace
from gmi_trainer.vocabulary import body_part as body_part_entry
from gmi_trainer.vocabulary.body_parts import BODY_PARTS

# 24 steps from start to target, shown over MOVE_S each way: every frame on screen during the
# movement is a new posture at 24 per second (film's rate, and above the 16-20 Hz at which a
# sequence of still pictures starts to read as smooth motion).
FRAME_COUNT = DEMO_FRAMES
MOVE_S = DEMO_MOVE_S
# Frames are drawn at about the size the imagery screen shows them (its card is 500 canvas
# pixels, 480 window pixels in a 1366x768 window), so they are as sharp as the still
# pictures beside them; drawn at 160 px and scaled up three times they looked soft. Stored as
# AV1 (AVIF_OPTIONS), every movement in every skin tone takes no more room than the 160 px
# WebP frames did, within the 40 MB the repository allows for media/.
DEMO_PX = 480
DEMO_DIR = "demos"


def ease(x: float) -> float:
    """Smooth start and stop (smoothstep): zero speed at both ends, fastest half-way."""
    x = min(1.0, max(0.0, x))
    return x * x * (3.0 - 2.0 * x)


def demo_start(body_part: str, posture: str) -> str | None:
    """The posture a demonstration of `posture` starts from; None: the part has none."""
    entry = body_part_entry(body_part)
    if not entry.neutral_posture:
        return None
    return (entry.resting_demo_from or None) if posture == entry.neutral_posture else entry.neutral_posture


def _lerp(a: Any, b: Any, t: float) -> Any:
    """Interpolate two poses field by field: numbers linearly, tuples and dataclasses inside
    out; anything else (a posture name) must be equal."""
    if isinstance(a, bool) or a is None or isinstance(a, str):
        if a != b:
            raise ValueError(f"cannot interpolate {a!r} and {b!r}")
        return a
    if isinstance(a, (int, float)):
        return float(a) + (float(b) - float(a)) * t
    if isinstance(a, tuple):
        if len(a) != len(b):
            raise ValueError("poses with different numbers of joints")
        return tuple(_lerp(x, y, t) for x, y in zip(a, b))
    if dataclasses.is_dataclass(a):
        return dataclasses.replace(a, **{f.name: _lerp(getattr(a, f.name), getattr(b, f.name), t)
                                         for f in dataclasses.fields(a)})
    raise TypeError(f"cannot interpolate {type(a).__name__}")


def frame_scenes(body_part: str, start: str, target: str,
                 count: int = FRAME_COUNT) -> list[Scene]:
    """`count` scenes from `start` (first) to `target` (last), at eased, evenly timed steps."""
    module_name, _, function = body_part_entry(body_part).render.poses.partition(":")
    a, b, make = getattr(importlib.import_module(module_name), function)(start, target)
    return [make(_lerp(a, b, ease(i / (count - 1)))) for i in range(count)]


def fixed_camera(body_part: str, view: str, scenes: list[Scene], size_px: int,
                 supersample: int = 1, margin: float = 0.06) -> tuple[Camera, np.ndarray]:
    """One camera for every frame: centred on the space the limb sweeps through (the focus
    points of all frames) and scaled so that space fills the picture, less a margin."""
    render = body_part_entry(body_part).render
    forward, up = render.cameras[view]
    probe = Camera(np.asarray(forward, float), np.asarray(up, float), 1.0, size_px)
    basis = probe.basis()
    lo = np.full(3, np.inf)
    hi = np.full(3, -np.inf)
    for s in scenes:
        pts, radii = s.focus_points()
        cam = pts @ basis
        lo = np.minimum(lo, (cam - radii[:, None]).min(axis=0))
        hi = np.maximum(hi, (cam + radii[:, None]).max(axis=0))
    centre = basis @ ((lo + hi) / 2.0)
    span_mm = float(max(hi[0] - lo[0], hi[1] - lo[1]))
    px_per_mm = size_px * (1.0 - 2 * margin) / span_mm
    camera = Camera(probe.forward, probe.up, px_per_mm * supersample, size_px * supersample)
    return camera, centre


def render_frames(body_part: str, posture: str, view: str, size_px: int = DEMO_PX,
                  count: int = FRAME_COUNT) -> list[Any]:
    """G-buffers of the demonstration's frames (right limb), first = start posture."""
    start = demo_start(body_part, posture)
    if start is None:
        raise ValueError(f"a {body_part} has no demonstration")
    scenes = frame_scenes(body_part, start, posture, count)
    camera, centre = fixed_camera(body_part, view, scenes, size_px)
    return [trace(s, camera, centre=centre) for s in scenes]


def demo_id(body_part: str, posture: str, view: str, tone: str) -> str:
    return f"demo-{body_part}-right-{posture}-{view}-{tone}"


def demo_relative_file(body_part: str, posture: str, view: str, tone: str) -> str:
    return f"{DEMO_DIR}/{body_part}/{demo_id(body_part, posture, view, tone)}.avif"


def demo_file_for(media_dir: Path, picture_file: str | Path) -> Path:
    """The demonstration of a still picture's posture, in its view and skin tone (the right
    limb's; a left picture's is shown mirrored)."""
    stem = Path(picture_file).stem  # hand-left-fist-back-light
    part, _side, rest = stem.split("-", 2)
    posture, view, tone = rest.rsplit("-", 2)
    return Path(media_dir) / demo_relative_file(part, posture, view, tone)


def demo_jobs() -> list[tuple[str, str, str]]:
    """(body part, posture, view) of every demonstration: each plain posture of a part with a
    resting posture, in the view imagery shows (the part's preferred one)."""
    jobs = []
    for part in BODY_PARTS:
        entry = body_part_entry(part)
        if entry.neutral_posture and entry.render.poses:
            jobs += [(part, posture, entry.preferred_view) for posture in entry.postures]
    return jobs


# The frames are laid on the card colour the imagery screen draws them on (ui/theme.py's
# picture_ground) and stored without alpha: a lossless alpha channel was 40% of each file
# (a lossy one keeps about ten levels and leaves stair-stepped outlines), and every
# movement in every skin tone must fit the 40 MB the repository allows for media/.
DEMO_GROUND = (232, 232, 228)
# An AV1 image sequence (AVIF, through Pillow's libavif): a fist at 480 px is 20 KB in one
# skin tone, where WebP needed 80 KB at that size (every frame a key frame: WebP's frames
# coded as changes kept faint outlines of where the fingers had been) and 22 KB at 160 px.
# Quality 60: the decoded frames are within 0.7 levels (mean, of 255) of the rendered ones.
# Speed 6 encodes a movement in about 4 s; one thread, so the encoder decides the same way
# on every run.
AVIF_OPTIONS: dict[str, Any] = {"quality": 60, "speed": 6, "max_threads": 1}


def on_ground(rgba: np.ndarray) -> np.ndarray:
    """An RGBA frame laid on the card colour: RGB, 8 bits."""
    alpha = rgba[..., 3:4].astype(np.float32) / 255.0
    ground = np.asarray(DEMO_GROUND, dtype=np.float32)
    return np.round(rgba[..., :3].astype(np.float32) * alpha + ground * (1.0 - alpha)).astype(np.uint8)


def encode_demo(frames: list[np.ndarray]) -> bytes:
    """One AVIF sequence of the forward movement on the card colour, byte for byte the same
    each run."""
    import io

    from PIL import Image

    images = [Image.fromarray(on_ground(f), "RGB") for f in frames]
    out = io.BytesIO()
    images[0].save(out, "AVIF", save_all=True, append_images=images[1:],
                   duration=FRAME_MS, loop=0, **AVIF_OPTIONS)
    return _without_dates(out.getvalue())


def _without_dates(avif: bytes) -> bytes:
    """The sequence with its creation and modification times set to zero: libavif writes
    the time of encoding into the movie, track and media headers, the only bytes that
    differed between two runs."""
    data = bytearray(avif)
    for box in (b"mvhd", b"tkhd", b"mdhd"):
        at = data.find(box)
        if at < 0:
            continue
        # After the box type: version (1 byte), flags (3), then the two times: 8 bytes each
        # in version 1, 4 in version 0.
        width = 8 if data[at + 4] == 1 else 4
        start = at + 8
        data[start:start + 2 * width] = bytes(2 * width)
    return bytes(data)


FRAME_MS = round(1000 * MOVE_S / (FRAME_COUNT - 1))  # each frame's time in the file


def repeats(duration_ms: float) -> int:
    """How many of the movement's frames one stored frame stands for: the encoder stores two
    identical frames in a row (a leg barely moving at the start) as one, shown twice as long."""
    return max(1, round(duration_ms / FRAME_MS))


def read_demo(path: Path) -> list[np.ndarray]:
    """The frames of a stored demonstration as RGBA arrays, one per step of the movement
    (a frame the encoder stored once for two equal steps counts for both)."""
    from PIL import Image

    frames = []
    clean = _GroundCleaner()
    with Image.open(path) as im:
        for index in range(getattr(im, "n_frames", 1)):
            im.seek(index)
            im.load()  # the frame's duration is known once it is decoded
            frames += [clean(np.asarray(im.convert("RGBA")))] * repeats(
                im.info.get("duration", FRAME_MS))
    return frames


GROUND_SNAP = 4  # compression leaves the flat card colour a level or two off, in faint blocks


class _GroundCleaner:
    """The card colour made flat again: pixels within a few levels of it become it, so the
    compression's faint blocks do not show round the limb on the card. With OpenCV: 25
    frames of 480x480 take 0.1 s, where numpy's boolean indexing took 1 s (the imagery
    screen loads a demonstration as it starts)."""

    def __init__(self) -> None:
        import cv2

        self.cv2 = cv2
        self.low = tuple(max(0, c - GROUND_SNAP) for c in DEMO_GROUND)
        self.high = tuple(min(255, c + GROUND_SNAP) for c in DEMO_GROUND)
        self.ground: np.ndarray | None = None

    def __call__(self, rgba: np.ndarray) -> np.ndarray:
        if self.ground is None or self.ground.shape != rgba.shape:
            self.ground = np.empty_like(rgba)
            self.ground[:] = (*DEMO_GROUND, 255)
        near = self.cv2.inRange(np.ascontiguousarray(rgba[..., :3]), self.low, self.high)
        out = rgba.copy()
        self.cv2.copyTo(self.ground, near, out)
        return out


def _render_demo(job: tuple[str, str, str]) -> tuple[tuple[str, str, str], dict[str, tuple[int, bytes]]]:
    from gmi_trainer.stimuli.shading import SKIN, shade

    # Shaded and encoded here, in the worker: the parent only writes the files.
    gbuffers = render_frames(*job)
    return job, {tone: (len(gbuffers), encode_demo([shade(g, SKIN[tone], 1) for g in gbuffers]))
                 for tone in SKIN}


def build_demos(media_dir: Path, workers: int = 2, jobs: list[tuple[str, str, str]] | None = None,
                progress: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
    """Render the demonstrations (all, or `jobs`) into media_dir/demos and list them in the
    manifest's `demos`, keeping its pictures as they are."""
    import json

    from gmi_trainer.stimuli.build import render_each
    from gmi_trainer.stimuli.library import MANIFEST_NAME, read_manifest

    media_dir = Path(media_dir)
    jobs = demo_jobs() if jobs is None else jobs
    entries: list[dict[str, Any]] = []

    def store(job: tuple[str, str, str], by_tone: dict[str, tuple[int, bytes]]) -> None:
        part, posture, view = job
        for tone, (frames, encoded) in by_tone.items():
            rel = demo_relative_file(part, posture, view, tone)
            (media_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (media_dir / rel).write_bytes(encoded)
            entries.append({"id": demo_id(part, posture, view, tone), "file": rel,
                            "body_part": part, "side": "right", "posture": posture,
                            "from_posture": demo_start(part, posture), "view": view,
                            "skin_tone": tone, "frames": frames, "move_s": MOVE_S})
        if progress is not None:
            progress(f"demonstration {part} {posture} {view}")

    render_each(jobs, _render_demo, store, workers)
    data = read_manifest(media_dir)
    kept = {e["id"]: e for e in data.get("demos", []) if isinstance(e, dict) and "id" in e}
    kept.update({e["id"]: e for e in entries})
    data["demos"] = sorted(kept.values(), key=lambda e: e["id"])
    (media_dir / MANIFEST_NAME).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n",
                                           encoding="utf-8")
    return entries


def frame_pixel_steps(frames: list[np.ndarray]) -> list[float]:
    """Mean absolute difference (0-255, RGB premultiplied by alpha) between consecutive frames:
    how far each step of the movement moves the picture."""
    def flat(rgba: np.ndarray) -> np.ndarray:
        a = rgba[..., 3:4].astype(np.float32) / 255.0
        return rgba[..., :3].astype(np.float32) * a

    return [float(np.abs(flat(b) - flat(a)).mean()) for a, b in zip(frames, frames[1:])]


def frames_per_s() -> float:
    """Distinct postures per second while the demonstration moves."""
    return (FRAME_COUNT - 1) / MOVE_S
