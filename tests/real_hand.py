"""Photographs of a real hand for the capture's end-to-end test, read from Debian's
`gcompris-qt-data` package, never copied into this repository.

GCompris's own left/right activity ("Find your left and right hands", by Bruno Coudoin)
shows eight photographs of a child's hands, cut out on a transparent ground: the right and
the left hand, flat and in a fist, each from the back and from the palm, the arm coming in
from the left. They are under the GNU GPL version 3 (the package's `resource/README`:
"Copyright: 2000, 2008 Bruno Coudoin and others; License: GPLv3"; Debian's copyright file
for `src/activities/leftright/resource/*` says the same), which is why this MIT-licensed
project reads them from the installed package (`apt-get install gcompris-qt-data`, 44 MB,
no dependencies; `.ci/run` installs it) instead of shipping them. The package keeps them in a
Qt resource bundle, `leftright.rcc`; `read_rcc` unpacks one (the format is Qt's `rcc`
output: a tree of names, flags and data offsets).

No other photograph of a hand was found in a package registry with a licence that lets us
copy it: scikit-image's and matplotlib's sample data have none (and MediaPipe finds no hand
in the astronaut or in Grace Hopper), nor the mediapipe and mediapipe-model-maker wheels,
or the handtrackjs npm package; mmpose's test pictures come from research datasets with no
such licence."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import numpy as np

INSTALLED = Path("/usr/share/gcompris-qt/rcc/leftright.rcc")
RESOURCE = "/gcompris/src/activities/leftright/resource/"
# GCompris's file names (French): main = open hand, poing = fist, dessus = back, paume = palm.
PHOTOS = {("flat", "back", "right"): "main_droite_dessus_0.webp",
          ("flat", "palm", "right"): "main_droite_paume_0.webp",
          ("flat", "back", "left"): "main_gauche_dessus_0.webp",
          ("flat", "palm", "left"): "main_gauche_paume_0.webp",
          ("fist", "back", "right"): "poing_droit_dessus_0.webp",
          ("fist", "palm", "right"): "poing_droit_paume_0.webp",
          ("fist", "back", "left"): "poing_gauche_dessus_0.webp",
          ("fist", "palm", "left"): "poing_gauche_paume_0.webp"}
WHERE = ("Debian's gcompris-qt-data package (apt-get install gcompris-qt-data), or "
         "GMI_GCOMPRIS_LEFTRIGHT_RCC naming its leftright.rcc")


def rcc_path() -> Path | None:
    """The installed bundle, or the one named by GMI_GCOMPRIS_LEFTRIGHT_RCC (an unpacked
    package: `dpkg -x gcompris-qt-data_*.deb DIR`)."""
    named = os.environ.get("GMI_GCOMPRIS_LEFTRIGHT_RCC")
    for path in ([Path(named)] if named else []) + [INSTALLED]:
        if path.is_file():
            return path
    return None


def read_rcc(data: bytes) -> dict[str, bytes]:
    """Every file in a Qt resource bundle, by its path in the bundle."""
    if data[:4] != b"qres":
        raise ValueError("not a Qt resource bundle")
    version, tree, payload, names = struct.unpack(">IIII", data[4:20])
    node_size = 22 if version >= 2 else 14  # version 2 added each file's time (8 bytes)

    def name(offset: int) -> str:
        (length,) = struct.unpack(">H", data[names + offset:names + offset + 2])
        start = names + offset + 6  # after the length and a hash
        return data[start:start + 2 * length].decode("utf-16-be")

    files: dict[str, bytes] = {}
    pending = [(0, "")]
    while pending:
        index, prefix = pending.pop()
        at = tree + index * node_size
        name_offset, flags = struct.unpack(">IH", data[at:at + 6])
        path = f"{prefix}/{name(name_offset)}" if index else ""
        if flags & 2:  # a directory: its children's count and first index
            count, first = struct.unpack(">II", data[at + 6:at + 14])
            pending.extend((child, path) for child in range(first, first + count))
            continue
        (offset,) = struct.unpack(">I", data[at + 10:at + 14])
        (size,) = struct.unpack(">I", data[payload + offset:payload + offset + 4])
        blob = data[payload + offset + 4:payload + offset + 4 + size]
        files[path] = zlib.decompress(blob[4:]) if flags & 1 else blob  # 1: zlib, after its size
    return files


def photos(rcc: Path) -> dict[tuple[str, str, str], np.ndarray]:
    """(posture, view, side) -> the photograph, RGBA (its ground transparent)."""
    from PIL import Image

    files = read_rcc(rcc.read_bytes())
    found = {}
    for key, name in PHOTOS.items():
        with Image.open(io.BytesIO(files[RESOURCE + name])) as image:
            found[key] = np.array(image.convert("RGBA"))
    return found
