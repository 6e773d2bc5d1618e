"""The patient's own pictures on disk: `<data folder>/<patient>/own-pictures/`.

One PNG per picture (the library's card size, transparent around the hand) and a
`manifest.json` that labels each like the library's manifest, plus where it came from:
`captured` (the intact hand, as the camera saw it) or `twin` (its mirror image, the other
side). Owner-only (folder 700, files 600), written atomically; never in an export or an
archive unless the therapist asks for it. No cv2 here: a session reads the manifest only."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gmi_trainer.i18n import _, ngettext
from gmi_trainer.records import format as fmt
from gmi_trainer.stimuli.library import Stimulus
from gmi_trainer.storage.files import make_private_dir, write_bytes_atomic, write_json_atomic
from gmi_trainer.storage.safe_json import parse_json
from gmi_trainer.vocabulary import SIDES
from gmi_trainer.vocabulary.body_parts import HAND_POSTURES, HAND_VIEWS, OWN_PICTURE_PART, OWN_SKIN_TONE

FOLDER = fmt.OWN_PICTURES_DIR
MANIFEST = "manifest.json"
FORMAT = "gmi-trainer-own-pictures"
FORMAT_VERSION = 1
SOURCES = ("captured", "twin")
MAX_MANIFEST_BYTES = 1_000_000


class OwnPicturesError(Exception):
    """The set cannot be read; the message names the file and what to do."""


@dataclass(frozen=True)
class OwnPicture:
    posture: str
    view: str
    side: str
    source: str  # "captured" or "twin"
    file: str  # the PNG's name in the folder

    @property
    def id(self) -> str:
        return f"own-hand-{self.side}-{self.posture}-{self.view}"


def folder(data_dir: Path, patient: str) -> Path:
    return Path(data_dir) / patient / FOLDER


def file_name(posture: str, view: str, side: str) -> str:
    return f"own-hand-{side}-{posture}-{view}.png"


def _manifest(entries: list[OwnPicture], intact_side: str, taken_at: datetime) -> dict[str, Any]:
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "body_part": OWN_PICTURE_PART,
            "intact_side": intact_side, "updated_at": taken_at.isoformat(timespec="seconds"),
            "pictures": [{"id": e.id, "posture": e.posture, "view": e.view, "side": e.side,
                          "source": e.source, "file": e.file} for e in entries]}


def read(data_dir: Path, patient: str) -> list[OwnPicture]:
    """The set's pictures (an empty list when there is none); every entry checked."""
    where = folder(data_dir, patient) / MANIFEST
    if not where.is_file():
        return []
    try:
        raw = where.read_bytes()
        if len(raw) > MAX_MANIFEST_BYTES:
            raise OwnPicturesError(_("{where} is larger than {size} bytes").format(where=where, size=MAX_MANIFEST_BYTES))
        data = parse_json(raw.decode("utf-8"), str(where))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise OwnPicturesError(_("{where} cannot be read ({error}); take the pictures again "
                                 "or delete them ('gmi-trainer capture delete').").format(
            where=where, error=error)) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT or \
            data.get("format_version") != FORMAT_VERSION or not isinstance(data.get("pictures"), list):
        raise OwnPicturesError(_("{where} is not a version {version} {format} file").format(where=where, version=FORMAT_VERSION, format=FORMAT))
    pictures = []
    for index, entry in enumerate(data["pictures"]):
        if not isinstance(entry, dict):
            raise OwnPicturesError(_("{where}: picture {number} is not an object").format(where=where, number=index + 1))
        posture, view, side = entry.get("posture"), entry.get("view"), entry.get("side")
        source, name = entry.get("source"), entry.get("file")
        if posture not in HAND_POSTURES or view not in HAND_VIEWS or side not in SIDES \
                or source not in SOURCES or name != file_name(str(posture), str(view), str(side)):
            raise OwnPicturesError(_("{where}: picture {number} has a wrong label or file name").format(where=where, number=index + 1))
        pictures.append(OwnPicture(posture, view, side, source, name))
    return pictures


def stimuli(data_dir: Path, patient: str) -> list[Stimulus]:
    """The set as pictures a session can show (those whose file is there)."""
    base = folder(data_dir, patient)
    return [Stimulus(id=p.id, file=base / p.file, body_part=OWN_PICTURE_PART, side=p.side, view=p.view,
                     posture=p.posture, skin_tone=OWN_SKIN_TONE)
            for p in read(data_dir, patient) if (base / p.file).is_file()]


def save_pair(data_dir: Path, patient: str, posture: str, view: str, intact_side: str,
              captured_png: bytes, twin_png: bytes, taken_at: datetime) -> list[OwnPicture]:
    """Store one captured picture and its twin (replacing an earlier take of the same
    posture and view); returns the whole set as it now is."""
    base = folder(data_dir, patient)
    make_private_dir(base)
    twin_side = "left" if intact_side == "right" else "right"
    new = [OwnPicture(posture, view, intact_side, "captured", file_name(posture, view, intact_side)),
           OwnPicture(posture, view, twin_side, "twin", file_name(posture, view, twin_side))]
    for picture, data in zip(new, (captured_png, twin_png)):
        write_bytes_atomic(base / picture.file, data)
    try:
        kept = [p for p in read(data_dir, patient) if (p.posture, p.view) != (posture, view)]
    except OwnPicturesError:
        kept = []  # a damaged manifest is replaced by the pictures still being taken
    entries = kept + new
    write_json_atomic(base / MANIFEST, _manifest(entries, intact_side, taken_at))
    return entries


def delete(data_dir: Path, patient: str) -> int:
    """Remove the whole set; returns how many pictures were removed."""
    base = folder(data_dir, patient)
    if not base.exists():
        return 0
    count = len(list(base.glob("*.png")))
    shutil.rmtree(base)
    return count


def taken(data_dir: Path, patient: str) -> int:
    """How many postures are taken (each has its twin too); raises OwnPicturesError."""
    return len({(p.posture, p.view) for p in read(data_dir, patient) if p.source == "captured"})


def summary(data_dir: Path, patient: str, to_therapist: bool = False) -> str:
    """One line for screens and commands: how many postures are taken (`to_therapist`: said
    of the patient, not to them)."""
    try:
        count = taken(data_dir, patient)
    except OwnPicturesError as error:
        return str(error)
    if not count:
        return _("No own pictures yet.")
    if to_therapist:
        return ngettext("{count} own picture taken ({total} with the mirror twins).",
                        "{count} own pictures taken ({total} with the mirror twins).",
                        count).format(count=count, total=count * 2)
    return ngettext("{count} of your own pictures taken ({total} with their mirror twins).",
                    "{count} of your own pictures taken ({total} with their mirror twins).",
                    count).format(count=count, total=count * 2)
