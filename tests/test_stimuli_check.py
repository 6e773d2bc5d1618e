"""`gmi-trainer media check` passes on the committed set and names each problem in a spoiled copy."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from gmi_trainer.stimuli.check import check_media
from gmi_trainer.commands.media import main

MEDIA = Path(__file__).resolve().parents[1] / "media"


def test_committed_media_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["media", "--media-dir", str(MEDIA), "check"]) == 0
    assert "consistently labelled" in capsys.readouterr().out


def test_media_stays_under_40_mb() -> None:
    # Six body parts and the scene pictures, committed so the trainer starts without a
    # render; the limit the whole-body issue set for the repository.
    size = sum(p.stat().st_size for p in MEDIA.rglob("*") if p.is_file())
    assert size < 40_000_000


@pytest.fixture()
def spoiled(tmp_path: Path) -> Path:
    copy = tmp_path / "media"
    shutil.copytree(MEDIA, copy)
    # 1. a file goes missing; 2. a left picture is no longer a mirror; 3. a file is not a PNG;
    # 4. a label is wrong; 5. an id is duplicated.
    (copy / "hand/right/hand-right-fist-palm-tan.png").unlink()
    left = copy / "foot/left/foot-left-tiptoe-top-light.png"
    rgba = np.asarray(Image.open(left)).copy()
    rgba[100:110, 100:110] = 255
    Image.fromarray(rgba, "RGBA").save(left)
    (copy / "hand/left/hand-left-spread-side-dark.png").write_bytes(b"not a png")
    # 6. every part is checked: a neck picture and a scene picture go missing.
    (copy / "neck/left/neck-left-turn_55-back-dark.png").unlink()
    (copy / "foot/right/foot-right-in_shoe-outer-medium.png").unlink()
    manifest = copy / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    entries = data["stimuli"]
    index = next(i for i, e in enumerate(entries) if e["id"] == "hand-right-flat-back-light")
    entries[index]["view"] = "sole"
    entries.append(dict(entries[0]))
    manifest.write_text(json.dumps(data), encoding="utf-8")
    return copy


def test_spoiled_copy_fails_with_one_clear_message_per_problem(spoiled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    problems = check_media(spoiled)
    text = "\n".join(problems)
    assert "hand-right-fist-palm-tan.png is missing" in text
    assert "foot-left-tiptoe-top-light: is not the exact mirror image of foot-right-tiptoe-top-light" in text
    assert "hand-left-spread-side-dark.png does not load as a PNG" in text
    assert "(hand-right-flat-back-light): view 'sole' not in back, palm, side" in text
    assert "duplicate id" in text
    assert "neck-left-turn_55-back-dark.png is missing" in text
    assert "foot-right-in_shoe-outer-medium.png is missing" in text
    assert main(["media", "--media-dir", str(spoiled), "check"]) == 2
    err = capsys.readouterr().err
    assert err.count("problem:") == len(problems)


def test_missing_manifest_fails_check(tmp_path: Path) -> None:
    assert main(["media", "--media-dir", str(tmp_path), "check"]) == 2
