"""Carrying a patient's records between machines: nothing lost, nothing doubled."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gmi_trainer.records.archive import ArchiveError, export_patient, import_archive
from gmi_trainer.records.reader import read_patient

PROJECT = Path(__file__).resolve().parents[1]


def gmi(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.pop("GMI_TRAINER_DATA", None)
    return subprocess.run([sys.executable, "-m", "gmi_trainer", *args], input=stdin,
                          capture_output=True, text=True, env=env, cwd=PROJECT, timeout=120)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    data = tmp_path / "home"
    for seed in ("1", "2"):
        run = gmi("run", "--headless", "--autopilot", "correct", "--data-dir", str(data),
                  "--patient", "P5", "--affected", "left-foot", "--plan", "laterality-only",
                  "--seed", seed)
        assert run.returncode == 0, run.stderr
    return data


def _ids(data: Path) -> list[str]:
    return sorted(s.session_id for s in read_patient(data, "P5")[0])


def test_export_then_import_elsewhere_and_again_adds_nothing_twice(home: Path, tmp_path: Path) -> None:
    archive = tmp_path / "P5.zip"
    assert export_patient(home, "P5", archive) == 2
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    clinic = tmp_path / "clinic"
    patient, report = import_archive(archive, clinic)
    assert patient == "P5" and len(report.added) == 2 and report.profile == "added"
    assert _ids(clinic) == _ids(home)
    assert read_patient(clinic, "P5")[0][0].trials == read_patient(home, "P5")[0][0].trials
    _, again = import_archive(archive, clinic)
    assert again.added == [] and len(again.already_there) == 2
    assert _ids(clinic) == _ids(home)
    assert stat.S_IMODE((clinic / "P5").stat().st_mode) == 0o700


def test_a_cut_off_copy_is_completed_and_a_longer_copy_here_is_kept(home: Path,
                                                                   tmp_path: Path) -> None:
    archive = tmp_path / "P5.zip"
    export_patient(home, "P5", archive)
    clinic = tmp_path / "clinic"
    import_archive(archive, clinic)
    first, second = sorted((clinic / "P5").glob("2*"))
    # The clinic's copy of the first session was cut off: half its rows, never finished.
    trials = (first / "trials.jsonl").read_text().splitlines(keepends=True)
    (first / "trials.jsonl").write_text("".join(trials[: len(trials) // 2]))
    manifest = (first / "manifest.json").read_text().replace('"complete"', '"in_progress"')
    (first / "manifest.json").write_text(manifest)
    # The clinic's copy of the second session went further (a note added there): the
    # archive's shorter copy adds nothing and must not appear as a second session.
    with open(second / "events.jsonl", "a") as handle:
        handle.write('{"t_s": 1.0, "event": "note", "text": "seen in clinic"}\n')
    _, report = import_archive(archive, clinic)
    assert report.completed == [first.name]
    assert report.already_there == [second.name]
    assert report.kept_aside == [] and report.refused == []
    for _ in range(2):  # importing again changes nothing
        _, again = import_archive(archive, clinic)
        assert sorted(again.already_there) == [first.name, second.name]
    sessions = read_patient(clinic, "P5")[0]
    assert len(sessions) == 2
    by_id = {s.session_id: s for s in sessions}
    assert by_id[first.name].status == "complete" and len(by_id[first.name].trials) == len(trials)
    assert by_id[second.name].events[-1]["text"] == "seen in clinic"


def test_an_archive_cannot_write_outside_the_patients_folder(tmp_path: Path) -> None:
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("archive.json", '{"format": "gmi-trainer-archive", "version": 1, "patient": "P5"}')
        zf.writestr("P5/../../outside.txt", "x")
    with pytest.raises(ArchiveError, match="unexpected entry"):
        import_archive(evil, tmp_path / "data")
    assert not (tmp_path / "outside.txt").exists()
    assert not (tmp_path / "data" / "P5").exists()
    with pytest.raises(ArchiveError, match="not a gmi-trainer archive"):
        import_archive(tmp_path / "evil.zip.missing", tmp_path / "data")


def test_commands_export_import_and_delete_after_confirmation(home: Path, tmp_path: Path) -> None:
    archive = tmp_path / "P5.zip"
    out = gmi("archive", "export", "--patient", "P5", "--out", str(archive), "--data-dir", str(home))
    assert out.returncode == 0 and "Wrote 2 sessions" in out.stdout
    into = gmi("archive", "import", str(archive), "--data-dir", str(tmp_path / "clinic"))
    assert into.returncode == 0 and "2 new sessions" in into.stdout
    refused = gmi("patient", "delete", "P5", "--data-dir", str(home), stdin="P6\n")
    assert refused.returncode == 1 and (home / "P5").is_dir()
    deleted = gmi("patient", "delete", "P5", "--data-dir", str(home), stdin="P5\n")
    assert deleted.returncode == 0 and not (home / "P5").exists()
