"""Render the whole stimulus set into media/ and write its manifest, byte for byte the same each run.

Each (body part, posture, view) is traced once and shaded in every skin tone; the left
picture is the exact horizontal mirror of the right one.  Nothing is random, and PNGs carry
no time stamps or text chunks, so a rebuild on the same machine changes no file.
"""

from __future__ import annotations

import importlib
import json
import multiprocessing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import numpy as np
from PIL import Image

from gmi_trainer.stimuli.viewpoints import camera_for
from gmi_trainer.stimuli.catalog import BODY_PARTS, POSTURES, SKIN_TONES
from gmi_trainer.stimuli.library import MANIFEST_FORMAT, MANIFEST_NAME, MANIFEST_VERSION
from gmi_trainer.stimuli.raymarch import Scene, trace
from gmi_trainer.stimuli.shading import SKIN, shade
from gmi_trainer.vocabulary import body_part as body_part_entry


@dataclass(frozen=True)
class Job:
    body_part: str
    posture: str
    view: str


def scene_for(body_part: str, posture: str) -> Scene:
    """The posed right limb, from the geometry module the body-part table names (a scene
    posture's from the part's context scene)."""
    entry = body_part_entry(body_part)
    factory = entry.render.context_scene if entry.is_scene(posture) else entry.render.scene
    module_name, _, function = factory.partition(":")
    scene: Callable[[str], Scene] = getattr(importlib.import_module(module_name), function)
    return scene(posture)


def for_view(view: str, scene: Scene) -> Scene:
    """The scene as drawn in one view: a scene may leave out what that view must not show
    (its own `for_view`; a foot seen from the sole loses the shin above its heel)."""
    adapt = getattr(scene, "for_view", None)
    return adapt(view) if adapt is not None else scene


SUPERSAMPLE = 2  # rays per pixel along each axis


def render_right(job: Job) -> dict[str, np.ndarray]:
    """RGBA pictures of the right limb, one per skin tone."""
    camera = camera_for(job.body_part, job.view, SUPERSAMPLE)
    gbuffer = trace(for_view(job.view, scene_for(job.body_part, job.posture)), camera)
    return {tone: shade(gbuffer, SKIN[tone], SUPERSAMPLE) for tone in SKIN_TONES}


def mirror(rgba: np.ndarray) -> np.ndarray:
    """The left limb: an exact left-right flip of the right one."""
    return np.ascontiguousarray(rgba[:, ::-1])


def stimulus_id(body_part: str, side: str, posture: str, view: str, tone: str) -> str:
    return f"{body_part}-{side}-{posture}-{view}-{tone}"


def relative_file(body_part: str, side: str, posture: str, view: str, tone: str) -> str:
    return f"{body_part}/{side}/{stimulus_id(body_part, side, posture, view, tone)}.png"


def all_jobs(body_parts: Iterable[str] = BODY_PARTS) -> list[Job]:
    return [Job(p, posture, view) for p in body_parts for posture in POSTURES[p]
            for view in body_part_entry(p).views_of(posture)]


def write_png(path: Path, rgba: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(rgba, "RGBA").save(path, "PNG", optimize=True)


def _render_job(job: Job) -> tuple[Job, dict[str, np.ndarray]]:
    return job, render_right(job)


def render_each(jobs: list[Any], render: Callable[[Any], tuple[Any, Any]],
                store: Callable[[Any, Any], None], workers: int) -> None:
    """`store(job, result)` for each job's `render(job)`, in order: in `workers` processes
    (spawned, so each imports the renderer afresh) or, with one, in this one."""
    if workers > 1:
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            for job, result in pool.imap(render, jobs):
                store(job, result)
    else:
        for job in jobs:
            store(*render(job))


def build(
    media_dir: Path,
    workers: int = 2,
    progress: Callable[[str], None] | None = None,
    jobs: list[Job] | None = None,
    merge: bool = False,
) -> list[dict[str, str]]:
    """Render everything (or only `jobs`) into media_dir; returns the manifest entries. With
    `merge`, the manifest keeps the entries of the pictures not rendered again."""
    media_dir = Path(media_dir)
    complete = jobs is None
    jobs = all_jobs() if jobs is None else jobs
    entries: list[dict[str, str]] = []
    written: set[Path] = set()

    def store(job: Job, pictures: dict[str, np.ndarray]) -> None:
        for tone in SKIN_TONES:
            for side in ("right", "left"):
                rgba = pictures[tone] if side == "right" else mirror(pictures[tone])
                rel = relative_file(job.body_part, side, job.posture, job.view, tone)
                write_png(media_dir / rel, rgba)
                written.add((media_dir / rel).resolve())
                entries.append(
                    {
                        "id": stimulus_id(job.body_part, side, job.posture, job.view, tone),
                        "file": rel,
                        "body_part": job.body_part,
                        "side": side,
                        "view": job.view,
                        "posture": job.posture,
                        "skin_tone": tone,
                    }
                )
        if progress is not None:
            progress(f"{job.body_part} {job.posture} {job.view}")

    render_each(jobs, _render_job, store, workers)
    for part in BODY_PARTS if complete else ():
        for stale in sorted((media_dir / part).rglob("*.png")):
            if stale.resolve() not in written:
                stale.unlink()
    manifest: dict[str, object] = {"format": MANIFEST_FORMAT, "version": MANIFEST_VERSION}
    old_path = media_dir / MANIFEST_NAME
    try:
        old = json.loads(old_path.read_text(encoding="utf-8")) if old_path.is_file() else {}
    except (OSError, ValueError):
        old = {}
    if not isinstance(old, dict):
        old = {}
    if not complete and merge:
        # Only some pictures were rendered again: the others stay listed as they were.
        renewed = {e["id"] for e in entries}
        entries += [e for e in old.get("stimuli", []) if isinstance(e, dict) and e.get("id") not in renewed]
    entries.sort(key=lambda e: e["id"])
    manifest["stimuli"] = entries
    if old.get("demos"):
        # The imagery demonstrations (stimuli/motion.py, `media demos`) are listed here too;
        # rendering the pictures keeps them.
        manifest["demos"] = old["demos"]
    (media_dir / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return entries
