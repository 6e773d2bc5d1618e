"""The stimulus library as the rest of the program sees it: a manifest of labelled pictures.

Pure Python (no pygame, cv2 or mediapipe): the laterality core imports it to choose trials.
The manifest is media/manifest.json, written by `gmi-trainer media build`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from gmi_trainer.stimuli.catalog import BODY_PARTS, POSTURES, SIDES, SKIN_TONES, VIEWS

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = "gmi-trainer-stimuli"
MANIFEST_VERSION = 1
FIELDS: tuple[str, ...] = ("id", "file", "body_part", "side", "view", "posture", "skin_tone")
REBUILD_HINT = "rebuild it with `gmi-trainer media build`, or restore media/ from the repository"


class StimulusLibraryError(Exception):
    """The manifest is missing, unreadable or wrong; the message names the file and the fix."""


@dataclass(frozen=True)
class Stimulus:
    id: str
    file: Path  # absolute path of the PNG
    body_part: str  # a name in the body-part table
    side: str  # "left" | "right"
    view: str  # one of the part's views in the body-part table
    posture: str
    skin_tone: str


@dataclass(frozen=True)
class StimulusLibrary:
    media_dir: Path
    stimuli: tuple[Stimulus, ...]

    def __len__(self) -> int:
        return len(self.stimuli)

    def __iter__(self) -> Iterator[Stimulus]:
        return iter(self.stimuli)

    def by_id(self, stimulus_id: str) -> Stimulus:
        for s in self.stimuli:
            if s.id == stimulus_id:
                return s
        raise KeyError(stimulus_id)

    def select(
        self,
        body_part: str | None = None,
        views: Iterable[str] | None = None,
        include_postures: Iterable[str] | None = None,
        exclude_postures: Iterable[str] = (),
        skin_tone: str | None = None,
        sides: Iterable[str] | None = None,
    ) -> StimulusLibrary:
        """A smaller library; every name must be a known one, so a typo in a plan fails loudly."""
        parts = [body_part] if body_part is not None else list(BODY_PARTS)
        _check_names("body part", parts, BODY_PARTS)
        allowed_views = {v for p in parts for v in VIEWS[p]}
        allowed_postures = {x for p in parts for x in POSTURES[p]}
        view_set = set(views) if views is not None else None
        if view_set is not None:
            _check_names("view", view_set, allowed_views)
        include = set(include_postures) if include_postures is not None else None
        if include is not None:
            _check_names("posture", include, allowed_postures)
        exclude = set(exclude_postures)
        _check_names("posture", exclude, allowed_postures)
        if skin_tone is not None:
            _check_names("skin tone", [skin_tone], SKIN_TONES)
        side_set = set(sides) if sides is not None else None
        if side_set is not None:
            _check_names("side", side_set, SIDES)
        chosen = tuple(
            s
            for s in self.stimuli
            if s.body_part in parts
            and (view_set is None or s.view in view_set)
            and (include is None or s.posture in include)
            and s.posture not in exclude
            and (skin_tone is None or s.skin_tone == skin_tone)
            and (side_set is None or s.side in side_set)
        )
        return StimulusLibrary(self.media_dir, chosen)


def _check_names(kind: str, names: Iterable[str], allowed: Iterable[str]) -> None:
    allowed_list = sorted(set(allowed))
    for name in names:
        if name not in allowed_list:
            raise ValueError(f"unknown {kind} {name!r}; allowed: {', '.join(allowed_list)}")


def _entry(raw: Any, index: int, manifest: Path, media_dir: Path) -> Stimulus:
    where = f"{manifest}: entry {index}"
    if not isinstance(raw, dict):
        raise StimulusLibraryError(f"{where} is not an object; {REBUILD_HINT}")
    missing = [f for f in FIELDS if not isinstance(raw.get(f), str) or not raw.get(f)]
    if missing:
        raise StimulusLibraryError(f"{where} lacks text field(s) {', '.join(missing)}; {REBUILD_HINT}")
    part = raw["body_part"]
    checks = (
        ("body_part", BODY_PARTS),
        ("side", SIDES),
        ("skin_tone", SKIN_TONES),
        ("view", VIEWS.get(part, ())),
        ("posture", POSTURES.get(part, ())),
    )
    for field_name, allowed in checks:
        if raw[field_name] not in allowed:
            raise StimulusLibraryError(
                f"{where} ({raw['id']}): {field_name} {raw[field_name]!r} is not one of {', '.join(allowed) or '(none)'}; "
                f"{REBUILD_HINT}"
            )
    rel = Path(raw["file"])
    if rel.is_absolute() or ".." in rel.parts:
        raise StimulusLibraryError(f"{where} ({raw['id']}): file {raw['file']!r} must be a path inside {media_dir}")
    return Stimulus(
        id=raw["id"],
        file=media_dir / rel,
        body_part=part,
        side=raw["side"],
        view=raw["view"],
        posture=raw["posture"],
        skin_tone=raw["skin_tone"],
    )


def read_manifest(media_dir: Path) -> dict[str, Any]:
    manifest = Path(media_dir) / MANIFEST_NAME
    if not manifest.is_file():
        raise StimulusLibraryError(f"{manifest} not found; {REBUILD_HINT}")
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StimulusLibraryError(f"{manifest} cannot be read ({error}); {REBUILD_HINT}") from error
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise StimulusLibraryError(f"{manifest} is not a {MANIFEST_FORMAT} manifest; {REBUILD_HINT}")
    if data.get("version") != MANIFEST_VERSION:
        raise StimulusLibraryError(
            f"{manifest} has version {data.get('version')!r}; this program reads version {MANIFEST_VERSION}; {REBUILD_HINT}"
        )
    if not isinstance(data.get("stimuli"), list):
        raise StimulusLibraryError(f"{manifest} has no 'stimuli' list; {REBUILD_HINT}")
    return data


def load_library(media_dir: Path) -> StimulusLibrary:
    """Read and validate media_dir/manifest.json (labels and ids; not the pictures themselves)."""
    media_dir = Path(media_dir).resolve()
    data = read_manifest(media_dir)
    manifest = media_dir / MANIFEST_NAME
    stimuli = tuple(_entry(raw, i, manifest, media_dir) for i, raw in enumerate(data["stimuli"]))
    seen: set[str] = set()
    for s in stimuli:
        if s.id in seen:
            raise StimulusLibraryError(f"{manifest}: id {s.id!r} appears more than once; {REBUILD_HINT}")
        seen.add(s.id)
    return StimulusLibrary(media_dir, stimuli)
