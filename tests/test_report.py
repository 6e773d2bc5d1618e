"""The therapist report, the sessions CSV and the progress benchmark (structure only)."""

from __future__ import annotations

import csv
import io
import stat
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from gmi_trainer.records.export import SESSION_ROW_COLUMNS, write_sessions_csv
from gmi_trainer.records.reader import read_patient
from gmi_trainer.bench.synthetic import synthetic_sessions, write_synthetic

ROOT = Path(__file__).resolve().parents[1]
START = datetime(2026, 10, 1, 9, tzinfo=timezone.utc)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gmi_trainer", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def _patient(tmp_path: Path, sessions: int = 120) -> Path:
    write_synthetic(tmp_path, "P9", synthetic_sessions(sessions, 8, START, seed=4))
    (tmp_path / "P9" / "20260101-000000-dead").mkdir()  # a damaged session: no manifest
    return tmp_path


def test_report_has_every_section_embedded_charts_and_marks_incomplete_sessions(tmp_path) -> None:
    data = _patient(tmp_path)
    out = tmp_path / "report.html"
    result = _cli("report", "--patient", "P9", "--out", str(out), "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert "20260101-000000-dead" in result.stderr and "warning" in result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # a health record: owner-only
    text = out.read_text(encoding="utf-8")
    for section in ('id="overview"', 'id="trends"', 'id="asymmetry"', 'id="notes"',
                    'id="sessions"', "@media print"):
        assert section in text
    assert text.count('src="data:image/png;base64,') == 5  # one per chart page
    assert "http://" not in text and "https://" not in text  # self-contained
    assert "left (affected)" in text and "right (intact)" in text
    assert 'class="badge incomplete"' in text and '<div class="session incomplete">' in text
    assert "cut off after 8 saved trial rows" in text
    assert "Skipped: " in text  # the damaged session is named in the report too
    assert text.count('<div class="session ') == 120


def test_report_for_an_unknown_patient_says_so_and_exits_2(tmp_path) -> None:
    result = _cli("report", "--patient", "NOBODY", "--out", str(tmp_path / "r.html"),
                  "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert "no records for patient 'NOBODY'" in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_sessions_csv_has_one_row_per_session_with_the_documented_columns(tmp_path) -> None:
    sessions, _ = read_patient(_patient(tmp_path, 30), "P9", rows=False)
    out = io.StringIO()
    assert write_sessions_csv(sessions, out) == 30
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == SESSION_ROW_COLUMNS
    assert {r["status"] for r in rows} <= {"complete", "ended_early", "incomplete"}
    assert all(r["left_accuracy"] and r["right_median_rt_ms"] for r in rows)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ", ".join(SESSION_ROW_COLUMNS[:6]) in readme.replace("\n", " ")


def test_export_sessions_from_the_command_line(tmp_path) -> None:
    result = _cli("export", "--patient", "P9", "--what", "sessions", "--data-dir",
                  str(_patient(tmp_path, 12)))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 13


def test_bench_progress_runs_with_small_numbers() -> None:
    result = _cli("bench", "progress", "--sessions", "12", "--trials", "5")
    assert result.returncode == 0, result.stderr
    for line in ("generated 12 sessions, 60 trials", "read all records with trials (60 rows)",
                 "read manifests only", "progress screen total", "report: read + build + write"):
        assert line in result.stdout
