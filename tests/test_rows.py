"""Typed trial rows: what a phase builds is what trials.jsonl holds, and the export's columns
come from the row types."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from gmi_trainer.core.rows import (
    ROW_TYPES,
    ImageryRow,
    LateralityRow,
    MirrorRow,
    TrialRow,
    row_columns,
)
from gmi_trainer.records.export import COLUMNS, SESSION_COLUMNS, TRIAL_COLUMNS, write_csv
from gmi_trainer.records.reader import read_patient
from gmi_trainer.records.writer import SessionRecorder

PROJECT = Path(__file__).resolve().parents[1]
START = datetime(2026, 11, 22, 9, 30, tzinfo=timezone.utc)

LATERALITY = LateralityRow(
    block=1, trial=7, practice=False, picture_id="hand-left-back-fist-medium", body_part="hand",
    true_side="left", view="back", posture="fist", skin_tone="medium", rotation_deg=135,
    answer="right", correct=False, rt_ms=1234.567, timed_out=False, onset_s=42.125,
    deadline_ms=5000, device="key")
IMAGERY = ImageryRow(
    block=0, trial=2, picture_id="hand-right-palm-pinch-dark", body_part="hand",
    true_side="right", view="palm", posture="pinch", skin_tone="dark", onset_s=88.5,
    device="mouse", repetitions=3, repetitions_planned=3, movement_ms=(4210.5, 3980.0, 4102.3),
    skipped=False, timed_out=False, pain_rating=2, eyes_closed=True,
    demo_picture_id="hand-right-palm-flat-dark")
MIRROR = MirrorRow(
    block=0, trial=1, prompt="Open and close your hand, slowly", movement="open_close",
    duration_s=59.875, planned_duration_s=60, reps_target=10, countable=True, reps_counted=8,
    range_of_motion=(71.25, 68.5), rom_unit="deg", skipped=False, camera="camera",
    mirror_mode="reflect", mirror_strength=60, in_step_percent=None)

# The keys of each kind of row, in their order on disk (record format version 1).
ON_DISK_KEYS = {
    "laterality": ["phase", "block", "trial", "practice", "picture_id", "body_part",
                   "true_side", "view", "posture", "skin_tone", "rotation_deg", "answer",
                   "correct", "rt_ms", "timed_out", "onset_s", "deadline_ms", "device",
                   "iti_ms", "planned_iti_ms", "timeout_at_ms"],
    "imagery": ["phase", "block", "trial", "practice", "picture_id", "body_part", "true_side",
                "view", "posture", "skin_tone", "onset_s", "device", "repetitions",
                "repetitions_planned", "movement_ms", "skipped", "timed_out", "pain_rating",
                "eyes_closed", "demo_picture_id"],
    "mirror": ["phase", "block", "trial", "practice", "prompt", "movement", "duration_s",
               "planned_duration_s", "reps_target", "countable", "reps_counted",
               "range_of_motion", "rom_unit", "skipped", "camera", "mirror_mode",
               "mirror_strength", "in_step_percent"],
}


def _recorder(data: Path) -> SessionRecorder:
    return SessionRecorder.create(
        data / "P01", started_at=START, patient="P01",
        plan={"name": "default", "title": "t", "file": "x.toml", "sha256": "ab", "content": "v"},
        seed=5, clock="simulated", autopilot=None, profile={"patient": "P01"}, screen={})


def _readme_csv_columns() -> tuple[str, ...]:
    readme = (PROJECT / "README.md").read_text()
    found = re.search(r"`gmi-trainer export --patient ID --format csv` columns, in order:\s*`"
                      r"([^`]*)`", readme)
    assert found, "the README no longer documents the CSV columns where this test looks"
    return tuple(name.strip() for name in found.group(1).replace("\n", " ").split(","))


def test_each_kind_of_row_goes_to_disk_and_reads_back_as_it_was_built(tmp_path: Path) -> None:
    rows: list[TrialRow] = [LATERALITY, IMAGERY, MIRROR]
    recorder = _recorder(tmp_path)
    for row in rows:
        recorder.trial(row)
    recorder.close()
    lines = (recorder.folder / "trials.jsonl").read_text().splitlines()
    for row, line in zip(rows, lines, strict=True):
        # Byte for byte what the phases wrote before rows were typed: compact JSON, keys in
        # the documented order, lists for the list fields.
        assert line == json.dumps(row.as_record(), ensure_ascii=False, separators=(",", ":"))
        assert list(json.loads(line)) == ON_DISK_KEYS[row.phase]
    [session] = read_patient(tmp_path, "P01")[0]
    assert session.trials == [row.as_record() for row in rows]
    assert session.trials[1]["movement_ms"] == [4210.5, 3980.0, 4102.3]
    assert session.trials[2]["range_of_motion"] == [71.25, 68.5]
    assert [t["phase"] for t in session.trials] == ["laterality", "imagery", "mirror"]


def test_a_row_cannot_claim_another_phase_or_be_changed() -> None:
    with pytest.raises(TypeError):
        ImageryRow(phase="laterality", **{  # type: ignore[call-arg]
            f.name: getattr(IMAGERY, f.name) for f in dataclasses.fields(IMAGERY) if f.init})
    with pytest.raises(dataclasses.FrozenInstanceError):
        LATERALITY.rt_ms = 1.0  # type: ignore[misc]
    assert (IMAGERY.practice, MIRROR.practice) == (False, False)


def test_export_columns_are_the_row_fields_in_the_readmes_order() -> None:
    assert TRIAL_COLUMNS == row_columns(ROW_TYPES)
    assert COLUMNS == SESSION_COLUMNS + TRIAL_COLUMNS
    assert COLUMNS == _readme_csv_columns()


def test_a_field_added_to_a_row_type_reaches_the_export_columns() -> None:
    @dataclasses.dataclass(frozen=True, kw_only=True)
    class MirrorRowWithPulse(MirrorRow):
        heart_rate_bpm: float | None = None

    columns = row_columns((LateralityRow, ImageryRow, MirrorRowWithPulse))
    assert columns == TRIAL_COLUMNS + ("heart_rate_bpm",)
    # A field two kinds share is one column, where it first appears.
    assert columns.count("skipped") == 1 and columns.count("onset_s") == 1


def test_an_old_partial_row_on_disk_still_reads_and_exports(tmp_path: Path) -> None:
    recorder = _recorder(tmp_path)
    recorder.close()
    old = {"phase": "imagery", "block": 0, "trial": 1, "practice": False,
           "picture_id": "hand-left-back-fist", "posture": "fist", "repetitions": 2,
           "movement_ms": [4210.5, 3980.0], "skipped": True, "surplus": "ignored"}
    (recorder.folder / "trials.jsonl").write_text(json.dumps(old) + "\n")
    sessions, warnings = read_patient(tmp_path, "P01")
    assert warnings == [] and sessions[0].trials == [old]
    out = io.StringIO()
    assert write_csv(sessions, out) == 1
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(row) == COLUMNS
    assert row["movement_ms"] == "4210.5;3980.0" and row["skipped"] == "true"
    assert row["body_part"] == "" and row["demo_picture_id"] == ""


def test_a_headless_autopilot_sessions_export_keeps_its_columns(
        tmp_path: Path, monkeypatch, capsys) -> None:
    """The real command, every phase: the header is the documented one, and each row fills
    only its own kind's columns, with the values its line on disk holds."""
    from gmi_trainer import cli
    from gmi_trainer.records.export import _cell

    monkeypatch.delenv("GMI_TRAINER_DATA", raising=False)
    data = tmp_path / "data"
    assert cli.main(["run", "--headless", "--autopilot", "random", "--data-dir", str(data),
                     "--patient", "R1", "--affected", "left-hand", "--seed", "3",
                     "--stage", "mirror"]) == 0
    capsys.readouterr()
    assert cli.main(["export", "--patient", "R1", "--format", "csv", "--data-dir",
                     str(data)]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == ",".join(_readme_csv_columns())
    exported = list(csv.DictReader(io.StringIO(text)))
    [folder] = [p for p in (data / "R1").iterdir() if p.is_dir()]
    on_disk = [json.loads(line) for line in (folder / "trials.jsonl").read_text().splitlines()]
    assert {r["phase"] for r in on_disk} == {"laterality", "imagery", "mirror"}
    assert len(exported) == len(on_disk)
    kinds = {row_type.phase: row_type for row_type in ROW_TYPES}
    for line, cells in zip(on_disk, exported, strict=True):
        assert list(line) == ON_DISK_KEYS[line["phase"]]
        own = {f.name for f in dataclasses.fields(kinds[line["phase"]])}
        for column in TRIAL_COLUMNS:
            expected = _cell(line[column]) if column in own else ""
            assert cells[column] == str(expected), (line["phase"], column)
