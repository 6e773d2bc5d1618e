"""Rebuild the tracking models in gmi_trainer/tracking/models/ from the mediapipe 0.10.21 wheel.

The selfie segmentation network is copied as it is (it already has its metadata).

Current mediapipe (1.x) runs only the Tasks API, which loads `.task` bundles that are
normally downloaded at run time. The same networks ship inside the mediapipe 0.10.21 wheel
(for its old `mp.solutions` API); this script packs them into `.task` bundles, adding the
input-normalisation metadata the Tasks API needs to the two files that lack it. Nothing is
retrained or changed but that metadata: the networks are byte for byte the wheel's.

Run it with a Python that has mediapipe 0.10.21 (wheels exist for Python 3.9 to 3.12;
its metadata writers need the compiled metadata module that 1.x no longer ships):

    python3.11 -m venv /tmp/mp-0.10.21 && /tmp/mp-0.10.21/bin/pip install mediapipe==0.10.21
    /tmp/mp-0.10.21/bin/python tools/build_models.py           # write the bundles and SHA256SUMS
    /tmp/mp-0.10.21/bin/python tools/build_models.py --check   # rebuild in memory, compare with SHA256SUMS

The source files are pinned by sha256 below and the zip entries carry a fixed date, so a
rebuild gives the same bytes. The models are Apache-2.0 (the wheel's LICENSE, copied beside
them).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import shutil
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

MEDIAPIPE_VERSION = "0.10.21"
MODELS_DIR = Path(__file__).resolve().parents[1] / "gmi_trainer" / "tracking" / "models"
CHECKSUMS = "SHA256SUMS"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date zip stores: no build time in the bytes

# Files of the mediapipe 0.10.21 wheel (under mediapipe/modules/) and their sha256.
SOURCE_SHA256 = {
    "pose_detection/pose_detection.tflite": "9ba9dd3d42efaaba86b4ff0122b06f29c4122e756b329d89dca1e297fd8f866c",
    "pose_landmark/pose_landmark_full.tflite": "e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f",
    "palm_detection/palm_detection_full.tflite": "1b14e9422c6ad006cde6581a46c8b90dd573c07ab7f3934b5589e7cea3f89a54",
    "palm_detection/palm_detection_lite.tflite": "e9a4aaddf90dda56a87235303cf00e4c2d3fb28725f68fd88772997dac905c18",
    "hand_landmark/hand_landmark_full.tflite": "11c272b891e1a99ab034208e23937a8008388cf11ed2a9d776ed3d01d0ba00e3",
    "hand_landmark/hand_landmark_lite.tflite": "048edd3645c9bf7397d19a9f6e3a42957d6e414c9bea6598030a2e9b624156e6",
    "selfie_segmentation/selfie_segmentation.tflite": "9ee168ec7c8f2a16c56fe8e1cfbc514974cbbb7e434051b455635f1bd1462f5c",
}


@dataclass(frozen=True)
class Member:
    """One network in a bundle: the name the Tasks API looks for, and where it comes from.

    `input_range` is set for a network whose file has no metadata: the float range its image
    input expects, which the legacy graphs set in their ImageToTensor calculators
    (pose landmarks and palms 0..1).
    """

    name_in_bundle: str
    source: str
    input_range: tuple[float, float] | None = None


BUNDLES: dict[str, tuple[Member, ...]] = {
    "pose_landmarker_full.task": (
        Member("pose_detector.tflite", "pose_detection/pose_detection.tflite"),
        Member("pose_landmarks_detector.tflite", "pose_landmark/pose_landmark_full.tflite", (0.0, 1.0)),
    ),
    "hand_landmarker_full.task": (
        Member("hand_detector.tflite", "palm_detection/palm_detection_full.tflite"),
        Member("hand_landmarks_detector.tflite", "hand_landmark/hand_landmark_full.tflite"),
    ),
    "hand_landmarker_lite.task": (
        Member("hand_detector.tflite", "palm_detection/palm_detection_lite.tflite", (0.0, 1.0)),
        Member("hand_landmarks_detector.tflite", "hand_landmark/hand_landmark_lite.tflite"),
    ),
}


# Networks the Tasks API loads as they are (their files already carry the metadata it
# needs): copied byte for byte. The selfie segmenter cuts the patient's own hand out of the
# background when the program takes their own pictures (gmi_trainer/capture/).
COPIED: dict[str, str] = {
    "selfie_segmenter.tflite": "selfie_segmentation/selfie_segmentation.tflite",
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def mediapipe_modules() -> Path:
    try:
        import mediapipe
    except ImportError:
        sys.exit(f"build_models: needs mediapipe=={MEDIAPIPE_VERSION} in this Python (see the docstring)")
    if mediapipe.__version__ != MEDIAPIPE_VERSION:
        sys.exit(f"build_models: needs mediapipe=={MEDIAPIPE_VERSION}, this Python has {mediapipe.__version__}")
    return Path(mediapipe.__file__).parent / "modules"


def read_source(modules: Path, source: str) -> bytes:
    data = (modules / source).read_bytes()
    if sha256(data) != SOURCE_SHA256[source]:
        sys.exit(f"build_models: {source} is not the pinned file (sha256 {sha256(data)})")
    return data


def with_input_metadata(model: bytes, name: str, input_range: tuple[float, float]) -> bytes:
    """The model with metadata naming its RGB image input and how pixels map to its range."""
    from mediapipe.tasks.python.metadata.metadata_writers import metadata_writer, writer_utils

    low, high = input_range
    std = 255.0 / (high - low)
    writer = metadata_writer.MetadataWriter.create(bytearray(model))
    writer.add_general_info(name, "Packed by gmi-trainer from the mediapipe 0.10.21 wheel")
    writer.add_image_input(norm_mean=[-low * std], norm_std=[std],
                           color_space_type=metadata_writer.MetadataWriter.color_space_types.RGB)
    for _ in writer_utils.get_output_tensor_names(bytearray(model)):
        writer.add_feature_output()
    populated, _ = writer.populate()
    return bytes(populated)


def bundle_bytes(modules: Path, members: tuple[Member, ...]) -> bytes:
    from mediapipe.tasks.python.metadata.metadata_writers.model_asset_bundle_utils import AlignZipFile

    out = io.BytesIO()
    # Stored, 4-byte aligned entries, as mediapipe's own bundle writer makes them (the
    # Tasks API maps them without copying), but with a fixed date.
    with AlignZipFile(out, mode="w", alignment=4) as bundle:
        for member in members:
            data = read_source(modules, member.source)
            if member.input_range is not None:
                data = with_input_metadata(data, Path(member.source).stem, member.input_range)
            bundle.writestr(zipfile.ZipInfo(member.name_in_bundle, date_time=ZIP_DATE), data)
    return out.getvalue()


def checksums_text(built: dict[str, bytes]) -> str:
    return "".join(f"{sha256(data)}  {name}\n" for name, data in sorted(built.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="rebuild in memory and compare with SHA256SUMS")
    parser.add_argument("--out", type=Path, default=MODELS_DIR, help="folder for the bundles (default: the package's)")
    args = parser.parse_args(argv)
    modules = mediapipe_modules()
    built = {name: bundle_bytes(modules, members) for name, members in BUNDLES.items()}
    built.update({name: read_source(modules, source) for name, source in COPIED.items()})
    text = checksums_text(built)
    if args.check:
        pinned = (args.out / CHECKSUMS).read_text()
        if text != pinned:
            print(f"build_models: the rebuild differs from {args.out / CHECKSUMS}:\n{text}", file=sys.stderr)
            return 1
        print(f"build_models: the rebuild matches {args.out / CHECKSUMS}")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in built.items():
        (args.out / name).write_bytes(data)
    (args.out / CHECKSUMS).write_text(text)
    licence = modules.parent.parent / f"mediapipe-{MEDIAPIPE_VERSION}.dist-info" / "LICENSE"
    shutil.copyfile(licence, args.out / "LICENSE")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
