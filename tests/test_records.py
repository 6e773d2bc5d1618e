"""Records: private, fsynced as they go, readable after a crash, damaged files skipped."""

from __future__ import annotations

import io
import json
import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest

from gmi_trainer.core.rows import ImageryRow, LateralityRow
from gmi_trainer.records.export import COLUMNS, write_csv
from gmi_trainer.records.reader import read_patient
from gmi_trainer.records.writer import RecordsError, SessionRecorder, check_writable

START = datetime(2026, 11, 22, 9, 30, tzinfo=timezone.utc)


def _recorder(data: Path, started=START) -> SessionRecorder:
    return SessionRecorder.create(
        data / "P01", started_at=started, patient="P01",
        plan={"name": "default", "title": "t", "file": "x.toml", "sha256": "ab", "content": "v"},
        seed=5, clock="simulated", autopilot=None, profile={"patient": "P01"},
        screen={"refresh_hz": 60})


def _trial(n: int) -> LateralityRow:
    return LateralityRow(
        block=0, trial=n, practice=False, picture_id=f"p{n}", body_part="hand",
        true_side="left", view="back", posture="flat", skin_tone="medium", rotation_deg=90,
        answer="left", correct=True, rt_ms=900.5, timed_out=False, onset_s=3.25 * n,
        deadline_ms=5000, device="key")


def _row(n: int) -> dict:
    """Trial `n` as it is on disk."""
    return _trial(n).as_record()


def test_files_are_private_and_complete_sessions_read_back(tmp_path: Path) -> None:
    recorder = _recorder(tmp_path)
    recorder.event("pain", 1.0, moment="before", value=4)
    recorder.trial(_trial(1))
    recorder.finish("complete", START, 600.0, {"pain_before": 4, "pain_after": 2, "blocks": []})
    recorder.close()
    for path in [tmp_path / "P01", recorder.folder]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
    for path in recorder.folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    sessions, warnings = read_patient(tmp_path, "P01")
    assert warnings == []
    [session] = sessions
    assert session.status == "complete" and session.pain("after") == 2
    assert session.trials == [_row(1)]
    manifest = json.loads((recorder.folder / "manifest.json").read_text())
    assert manifest["format_version"] == 1 and manifest["plan"]["sha256"] == "ab"
    assert manifest["seed"] == 5 and manifest["program_version"]


def test_a_cut_off_session_is_incomplete_and_keeps_its_rows(tmp_path: Path) -> None:
    recorder = _recorder(tmp_path)
    recorder.event("pain", 1.0, moment="before", value=6)
    recorder.trial(_trial(1))
    recorder.trial(_trial(2))
    # A power cut in the middle of writing the third row:
    with open(recorder.folder / "trials.jsonl", "a") as handle:
        handle.write('{"phase": "laterality", "tri')
    sessions, warnings = read_patient(tmp_path, "P01")
    [session] = sessions
    assert session.status == "incomplete"
    assert [t["trial"] for t in session.trials] == [1, 2]
    assert session.pain("before") == 6
    assert warnings == []


def test_damaged_files_are_skipped_with_a_warning_naming_them(tmp_path: Path) -> None:
    good = _recorder(tmp_path)
    good.trial(_trial(1))
    bad = _recorder(tmp_path, START.replace(hour=11))
    (bad.folder / "manifest.json").write_text("{not json")
    odd = _recorder(tmp_path, START.replace(hour=12))
    odd.trial(_trial(1))
    with open(odd.folder / "trials.jsonl", "a") as handle:
        handle.write("garbage\n")
    odd.trial(_trial(3))
    sessions, warnings = read_patient(tmp_path, "P01")
    assert [s.session_id for s in sessions] == [good.folder.name, odd.folder.name]
    assert any(str(bad.folder / "manifest.json") in w for w in warnings)
    assert any("trials.jsonl:2" in w for w in warnings)
    assert [t["trial"] for t in sessions[1].trials] == [1, 3]
    out = io.StringIO()
    assert write_csv(sessions, out) == 3
    lines = out.getvalue().splitlines()
    assert lines[0] == ",".join(COLUMNS) and len(lines) == 4


def test_an_unwritable_folder_is_reported_before_anything_starts(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(RecordsError, match="--data-dir"):
        check_writable(blocker / "P01")


def test_imagery_rows_export_movement_times_in_one_cell_and_blocks_reach_history(
        tmp_path: Path) -> None:
    from gmi_trainer.records.history import block_history

    recorder = _recorder(tmp_path)
    recorder.trial(ImageryRow(
        block=0, trial=1, picture_id="hand-left-back-fist", body_part="hand", true_side="left",
        view="back", posture="fist", skin_tone="medium", onset_s=12.5, device="key",
        repetitions=2, repetitions_planned=3, movement_ms=(4210.5, 3980.0), skipped=True,
        timed_out=False, pain_rating=4, eyes_closed=False, demo_picture_id=None))
    imagery = {"phase": "imagery", "block": 0, "title": "t", "body_part": "hand",
               "side": "left", "complete": False, "median_movement_ms": 4095.2,
               "by_posture": {"fist": {"median_movement_ms": 4095.2, "pain_rating": 4}}}
    recorder.finish("ended_early", START, 60.0, {"blocks": [imagery]})
    recorder.close()
    sessions, _ = read_patient(tmp_path, "P01")
    out = io.StringIO()
    write_csv(sessions, out)
    header, row = out.getvalue().splitlines()
    cells = dict(zip(header.split(","), row.split(",")))
    assert cells["movement_ms"] == "4210.5;3980.0" and cells["repetitions"] == "2"
    assert cells["skipped"] == "true" and cells["pain_rating"] == "4"
    assert ",device,iti_ms,planned_iti_ms,timeout_at_ms,repetitions,repetitions_planned," \
        "movement_ms,skipped,pain_rating,eyes_closed,demo_picture_id,prompt," in header
    [block] = block_history(sessions)  # unfinished, but it says which postures hurt
    assert block["phase"] == "imagery" and block["date"] == "Nov 22"  # as English writes a day


def test_a_new_data_folder_is_private_all_the_way_down(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    recorder = _recorder(tmp_path / "new" / "data")
    for folder in (tmp_path / "new", tmp_path / "new" / "data", tmp_path / "new" / "data" / "P01"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755  # an existing folder is left as it was
    recorder.close()
