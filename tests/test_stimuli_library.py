"""The manifest API the rest of the program uses: loading, filtering and clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gmi_trainer.stimuli.catalog import FOOT_POSTURES, FOOT_VIEWS, HAND_POSTURES, HAND_VIEWS, SKIN_TONES
from gmi_trainer.stimuli.library import StimulusLibraryError, load_library
from gmi_trainer.vocabulary import BODY_PARTS, body_part

MEDIA = Path(__file__).resolve().parents[1] / "media"


def test_committed_library_has_every_combination() -> None:
    library = load_library(MEDIA)
    hands = len(HAND_POSTURES) * len(HAND_VIEWS) * len(SKIN_TONES) * 2
    feet = len(FOOT_POSTURES) * len(FOOT_VIEWS) * len(SKIN_TONES) * 2
    assert len(library.select(body_part="hand", include_postures=HAND_POSTURES)) == hands
    assert len(library.select(body_part="foot", include_postures=FOOT_POSTURES)) == feet
    # Every part of the table, scene postures in their own views.
    expected = sum(len(body_part(p).views_of(q)) * len(SKIN_TONES) * 2
                   for p in BODY_PARTS for q in body_part(p).all_postures)
    assert len(library) == expected
    assert all(s.file.is_file() for s in library)
    assert len(HAND_POSTURES) >= 12 and len(FOOT_POSTURES) >= 8 and len(SKIN_TONES) >= 4


def test_select_filters_by_part_views_postures_tone_and_side() -> None:
    library = load_library(MEDIA)
    chosen = library.select(
        body_part="hand", views=["back", "palm"], exclude_postures=["fist", "edge_on"], skin_tone="dark", sides=["left"]
    )
    scenes_in_back = [q.name for q in body_part("hand").scenes if "back" in q.views]
    assert len(chosen) == (len(HAND_POSTURES) - 2) * 2 + len(scenes_in_back)
    assert {s.view for s in chosen} == {"back", "palm"}
    assert {s.posture for s in chosen}.isdisjoint({"fist", "edge_on"})
    assert {(s.body_part, s.skin_tone, s.side) for s in chosen} == {("hand", "dark", "left")}
    only = library.select(body_part="foot", include_postures=["tiptoe"])
    assert {s.posture for s in only} == {"tiptoe"} and len(only) == len(FOOT_VIEWS) * len(SKIN_TONES) * 2
    assert library.by_id("foot-left-tiptoe-sole-tan").side == "left"


def test_select_rejects_unknown_names() -> None:
    library = load_library(MEDIA)
    with pytest.raises(ValueError, match="unknown view 'top'"):
        library.select(body_part="hand", views=["top"])
    with pytest.raises(ValueError, match="unknown posture"):
        library.select(include_postures=["salute"])


def test_missing_manifest_names_the_file_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(StimulusLibraryError) as error:
        load_library(tmp_path)
    assert str(tmp_path / "manifest.json") in str(error.value)
    assert "gmi-trainer media build" in str(error.value)


def test_corrupt_manifest_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(StimulusLibraryError, match="cannot be read"):
        load_library(tmp_path)


def test_bad_label_in_manifest_names_the_entry(tmp_path: Path) -> None:
    data = json.loads((MEDIA / "manifest.json").read_text(encoding="utf-8"))
    data["stimuli"][3]["side"] = "middle"
    (tmp_path / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StimulusLibraryError, match=r"entry 3 .*side 'middle'"):
        load_library(tmp_path)


def test_library_module_imports_no_heavy_libraries() -> None:
    code = (
        "import sys, gmi_trainer.stimuli.library as lib; "
        "print(sorted(m for m in ('pygame', 'cv2', 'mediapipe', 'numpy', 'PIL') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "[]"
