"""The real program, run as a person or CI would: commands, exit codes, files on disk."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gmi_trainer.stimuli.library import load_library

PROJECT = Path(__file__).resolve().parents[1]


def gmi(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
                    PYGAME_HIDE_SUPPORT_PROMPT="1", **(env or {}))
    full_env.pop("GMI_TRAINER_DATA", None)
    return subprocess.run([sys.executable, "-m", "gmi_trainer", *args], capture_output=True,
                          text=True, env=full_env, timeout=timeout, cwd=PROJECT)


def test_validate_accepts_every_shipped_plan() -> None:
    plans = sorted(str(p) for p in (PROJECT / "exercises").glob("*.toml"))
    assert len(plans) >= 4
    result = gmi("validate", *plans)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("valid plan") == len(plans)


def test_validate_names_file_line_key_and_what_is_allowed(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('version = 1\nname = "x"\ntitle = "X"\n\n[[laterality]]\ntrials = 10\n'
                   'deadline_ms = "fast"\nspeed = 3\n')
    good = PROJECT / "exercises" / "default.toml"
    result = gmi("validate", str(good), str(bad))
    assert result.returncode == 2
    assert f"{bad}:7: laterality[1].deadline_ms" in result.stderr
    assert "from 1000 to 30000 ms" in result.stderr
    assert f"{bad}:8: laterality[1].speed: unknown key" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_plan_stops_before_anything_is_written(tmp_path: Path) -> None:
    bad = tmp_path / "broken.toml"
    bad.write_text("version = 1\nname = [\n")
    data = tmp_path / "data"
    result = gmi("run", "--headless", "--autopilot", "correct", "--plan", str(bad),
                 "--data-dir", str(data), "--affected", "left-hand")
    assert result.returncode == 2
    assert "not valid TOML" in result.stderr and "nothing was started" in result.stderr
    assert not data.exists()
    missing = gmi("run", "--headless", "--autopilot", "correct", "--plan", "no-such-plan",
                  "--data-dir", str(data))
    assert missing.returncode == 2 and "plan file not found" in missing.stderr
    assert "Traceback" not in result.stderr + missing.stderr


def test_an_unwritable_data_folder_is_reported_before_the_session(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    result = gmi("run", "--headless", "--autopilot", "correct", "--data-dir", str(blocker))
    assert result.returncode == 2
    assert "Cannot save records" in result.stderr and "--data-dir" in result.stderr


def test_headless_needs_an_autopilot() -> None:
    result = gmi("run", "--headless")
    assert result.returncode == 2 and "--autopilot" in result.stderr


def test_first_screen_without_loading_the_mirror_libraries(tmp_path: Path) -> None:
    result = gmi("run", "--windowed", "--exit-after-first-frame", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    fields = dict(line.split("=", 1) for line in result.stdout.splitlines())
    assert float(fields["first_frame_clock_s"]) > 0
    assert fields["heavy_modules"] == ""


def test_console_script_and_module_share_one_entry_point() -> None:
    text = (PROJECT / "pyproject.toml").read_text()
    assert 'gmi-trainer = "gmi_trainer.cli:main"' in text
    result = gmi("--version")
    assert result.returncode == 0 and result.stdout.startswith("gmi-trainer ")


def test_export_prints_one_header_and_skips_a_damaged_session(tmp_path: Path) -> None:
    for seed in ("1", "2"):
        run = gmi("run", "--headless", "--autopilot", "correct", "--data-dir", str(tmp_path),
                  "--patient", "P9", "--affected", "right-foot", "--plan", "laterality-only",
                  "--seed", seed)
        assert run.returncode == 0, run.stderr
    folders = [p for p in (tmp_path / "P9").iterdir() if p.is_dir()]
    seeds = {json.loads((p / "manifest.json").read_text())["seed"]: p for p in folders}
    sessions = [seeds[1], seeds[2]]
    (sessions[0] / "manifest.json").write_text("{ damaged")
    result = gmi("export", "--patient", "P9", "--format", "csv", "--data-dir", str(tmp_path))
    assert result.returncode == 0
    assert str(sessions[0] / "manifest.json") in result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.stdout.count("patient,session,") == 1
    assert {r["session"] for r in rows} <= {sessions[1].name}
    manifest = json.loads((sessions[1] / "manifest.json").read_text())
    assert manifest["autopilot"] == "correct" and manifest["status"] == "complete"
    assert manifest["clock"] == "simulated" and manifest["seed"] == 2
    assert manifest["plan"]["name"] == "laterality-only" and len(manifest["plan"]["sha256"]) == 64
    assert "[[laterality]]" in manifest["plan"]["content"]


def test_headless_session_with_pictures_records_imagery_and_exports_it(
        tmp_path: Path, monkeypatch, capsys) -> None:
    """The real command in this process, with the picture set replaced by stand-ins (the
    rendered library is built elsewhere): a whole session, imagery rows on disk, CSV."""
    from gmi_trainer import cli
    from gmi_trainer.app import root
    from tests.conftest import fake_pictures

    monkeypatch.setattr(root, "load_pictures", lambda media: (fake_pictures(), ""))
    monkeypatch.delenv("GMI_TRAINER_DATA", raising=False)
    data = tmp_path / "data"
    # The default plan is a staged programme: the last stage runs every phase.
    assert cli.main(["run", "--headless", "--autopilot", "correct", "--data-dir", str(data),
                     "--patient", "E2E", "--affected", "left-hand", "--seed", "3",
                     "--stage", "mirror"]) == 0
    out = capsys.readouterr().out
    assert "Imagine moving your hand: 8 pictures imagined, median" in out
    [folder] = [p for p in (data / "E2E").iterdir() if p.is_dir()]
    rows = [json.loads(line) for line in (folder / "trials.jsonl").read_text().splitlines()]
    imagery = [r for r in rows if r["phase"] == "imagery"]
    assert len(imagery) == 8 and all(len(r["movement_ms"]) == 3 for r in imagery)
    assert all(r["true_side"] == "left" and r["view"] == "back" for r in imagery)
    manifest = json.loads((folder / "manifest.json").read_text())
    [block] = [b for b in manifest["summary"]["blocks"] if b["phase"] == "imagery"]
    assert block["complete"] and block["movements"] == 24
    assert cli.main(["export", "--patient", "E2E", "--format", "csv", "--data-dir",
                     str(data)]) == 0
    exported = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len([r for r in exported if r["phase"] == "imagery"]) == 8
    assert all(r["movement_ms"].count(";") == 2 for r in exported if r["phase"] == "imagery")


@pytest.mark.parametrize("mode, accuracy", [("correct", 1.0), ("wrong", 0.0)])
def test_autopilot_scores_each_shuffled_picture_by_its_own_label(tmp_path: Path, mode: str,
                                                                 accuracy: float) -> None:
    """The shipped pictures, a seeded shuffle, and the real program: every picture is scored
    against its own label, so always-right is 100% and always-wrong is 0%."""
    run = gmi("run", "--headless", "--autopilot", mode, "--data-dir", str(tmp_path),
              "--patient", "A1", "--affected", "left-hand", "--plan", "laterality-only", "--seed", "11")
    assert run.returncode == 0, run.stderr
    [folder] = [p for p in (tmp_path / "A1").iterdir() if p.is_dir()]
    manifest = json.loads((folder / "manifest.json").read_text())
    blocks = manifest["summary"]["blocks"]
    assert [b["accuracy"] for b in blocks] == [accuracy] * 5
    assert [b["trials"] for b in blocks] == [48, 48, 48, 72, 72]
    rows = [json.loads(line) for line in (folder / "trials.jsonl").read_text().splitlines()]
    tests = [r for r in rows if not r["practice"]]
    assert {r["body_part"] for r in tests} == {"hand", "foot"}
    assert len({r["picture_id"] for r in tests}) > 40  # a real mix, not one picture repeated
    assert [r["true_side"] for r in tests] != sorted(r["true_side"] for r in tests)
    assert all((r["answer"] == r["true_side"]) == (mode == "correct") for r in tests)
    library = load_library(PROJECT / "media")
    for row in tests:  # each row's labels are the shipped picture's own labels
        picture = library.by_id(row["picture_id"])
        assert (picture.side, picture.body_part, picture.view) == (
            row["true_side"], row["body_part"], row["view"])


def test_output_cut_short_by_its_reader_is_no_error(tmp_path: Path) -> None:
    """`gmi-trainer export ... | head -1`: the reader leaves early; no traceback, exit 0."""
    from datetime import datetime, timezone

    from gmi_trainer.bench.synthetic import synthetic_sessions, write_synthetic

    data = tmp_path / "data"  # far more rows than a pipe holds, so the writer meets the end
    write_synthetic(data, "P1", synthetic_sessions(40, 100, datetime(2026, 11, 1, 9,
                                                                     tzinfo=timezone.utc), seed=2))
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    export = subprocess.Popen([sys.executable, "-m", "gmi_trainer", "export", "--patient", "P1",
                               "--format", "csv", "--data-dir", str(data)], cwd=PROJECT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert export.stdout is not None and export.stderr is not None
    assert export.stdout.readline().startswith(b"patient,session,")
    export.stdout.close()  # the reader goes away with rows still to come
    stderr = export.stderr.read().decode()
    assert export.wait(timeout=60) == 0 and "Traceback" not in stderr, stderr
