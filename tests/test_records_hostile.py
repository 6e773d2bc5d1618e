"""Records that nothing can lose, double or corrupt: hostile archives and damaged files,
each with the outcome it must have, and property-based tests of the reader and the import."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gmi_trainer.core.rows import LateralityRow
from gmi_trainer.records import archive as archive_module
from gmi_trainer.records.archive import ArchiveError, export_patient, import_archive
from gmi_trainer.records.export import write_csv, write_sessions_csv
from gmi_trainer.core.progress import progress_view
from gmi_trainer.records.history import session_facts
from gmi_trainer.records.reader import read_patient
from gmi_trainer.records.writer import SessionRecorder

START = datetime(2026, 11, 22, 9, 30, tzinfo=timezone.utc)
INDEX = json.dumps({"format": "gmi-trainer-archive", "version": 1, "patient": "P1"})


def _trial(n: int) -> LateralityRow:
    return LateralityRow(
        block=0, trial=n, practice=False, picture_id=f"p{n}", body_part="hand",
        true_side="left" if n % 2 else "right", view="back", posture="flat",
        skin_tone="medium", rotation_deg=90, answer="left", correct=n % 2 == 1,
        rt_ms=900.5 + n, timed_out=False, onset_s=3.25 * n, deadline_ms=5000, device="key")


def _row(n: int) -> dict:
    """Trial `n` as it is on disk."""
    return _trial(n).as_record()


def _session(data: Path, rows: int = 12, started: datetime = START, finish: bool = True,
             patient: str = "P1") -> SessionRecorder:
    recorder = SessionRecorder.create(
        data / patient, started_at=started, patient=patient,
        plan={"name": "default", "title": "t", "file": "x.toml", "sha256": "ab", "content": "v"},
        seed=5, clock="simulated", autopilot=None, profile={"patient": patient},
        screen={"refresh_hz": 60})
    recorder.event("pain", 1.0, moment="before", value=4)
    for n in range(1, rows + 1):
        recorder.trial(_trial(n))
    if finish:
        recorder.finish("complete", started, 600.0, {"pain_before": 4, "pain_after": 2,
                                                     "blocks": []})
        recorder.close()
    return recorder


def _profile(patient: str) -> dict:
    return {"patient": patient, "affected_limb": "hand", "affected_side": "left"}


def _zip(path: Path, entries: dict[str, bytes | str], symlinks: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("archive.json", INDEX)
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in symlinks:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, data)
    return path


def _trial_ids(data: Path, patient: str = "P1") -> dict[str, list[int]]:
    return {s.session_id: [t["trial"] for t in s.trials] for s in read_patient(data, patient)[0]}


# --- import never loses ---------------------------------------------------------------

def test_a_damaged_manifest_here_keeps_its_rows_against_an_older_cut_off_archive(
        tmp_path: Path) -> None:
    home, clinic = tmp_path / "home", tmp_path / "clinic"
    early = _session(home, rows=4, finish=False)  # the archive was made 4 trials in
    early.close()
    export_patient(home, "P1", tmp_path / "old.zip")
    shutil.copytree(home, clinic)
    folder = clinic / "P1" / early.folder.name
    with open(folder / "trials.jsonl", "a") as handle:  # the clinic went on to 12 trials
        for n in range(5, 13):
            handle.write(json.dumps(_row(n)) + "\n")
    (folder / "manifest.json").write_text("{damaged")
    _, report = import_archive(tmp_path / "old.zip", clinic)
    assert report.repaired == [early.folder.name]
    assert _trial_ids(clinic)[early.folder.name] == list(range(1, 13))
    [(session, aside)] = report.kept_aside
    assert (Path(aside) / "manifest.json").read_text() == "{damaged"  # kept, never deleted


def test_a_session_being_recorded_is_never_touched(tmp_path: Path) -> None:
    home, clinic = tmp_path / "home", tmp_path / "clinic"
    running = _session(clinic, rows=3, finish=False)
    shutil.copytree(clinic, home)
    with open(home / "P1" / running.folder.name / "trials.jsonl", "w") as handle:
        handle.write(json.dumps(_row(1)) + "\n")  # an archive with a different, shorter copy
    export_patient(home, "P1", tmp_path / "a.zip")
    _, report = import_archive(tmp_path / "a.zip", clinic)
    assert report.open_sessions == [running.folder.name]
    for n in range(4, 13):  # the session goes on writing into the same folder
        running.trial(_trial(n))
    running.finish("complete", START, 60.0, {"blocks": []})
    running.close()
    assert _trial_ids(clinic)[running.folder.name] == list(range(1, 13))
    _, after = import_archive(tmp_path / "a.zip", clinic)  # once closed, it can be compared
    assert after.already_there == [running.folder.name]


def test_shorter_and_longer_copies_in_any_order_never_double(tmp_path: Path) -> None:
    home = tmp_path / "home"
    recorder = _session(home, rows=6, finish=False)
    export_patient(home, "P1", tmp_path / "short.zip")
    for n in range(7, 13):
        recorder.trial(_trial(n))
    recorder.finish("complete", START, 60.0, {"blocks": []})
    recorder.close()
    export_patient(home, "P1", tmp_path / "long.zip")
    for order in (("short", "long", "short"), ("long", "short", "long", "short")):
        clinic = tmp_path / "-".join(order)
        for name in order:
            import_archive(tmp_path / f"{name}.zip", clinic)
        assert _trial_ids(clinic) == {recorder.folder.name: list(range(1, 13))}
        assert read_patient(clinic, "P1")[0][0].status == "complete"
        assert sorted(p.name for p in (clinic / "P1").iterdir()) == [recorder.folder.name]


def test_copies_that_diverge_keep_the_longer_and_set_the_other_aside(tmp_path: Path) -> None:
    home = tmp_path / "home"
    recorder = _session(home, rows=5)
    export_patient(home, "P1", tmp_path / "a.zip")
    clinic = tmp_path / "clinic"
    import_archive(tmp_path / "a.zip", clinic)
    trials = clinic / "P1" / recorder.folder.name / "trials.jsonl"
    trials.write_text("".join(json.dumps(_row(n)) + "\n" for n in (1, 2, 9)))
    _, report = import_archive(tmp_path / "a.zip", clinic)
    assert report.repaired == [recorder.folder.name] and len(report.kept_aside) == 1
    assert _trial_ids(clinic)[recorder.folder.name] == [1, 2, 3, 4, 5]
    assert len(read_patient(clinic, "P1")[0]) == 1


# --- import accepts only what a session is ------------------------------------------------

def test_an_archive_cannot_change_another_patient_or_turn_a_profile_into_a_folder(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    archive = _zip(tmp_path / "a.zip", {
        "P1/profile.json": json.dumps(_profile("P2")),
        "P1/profile.json/x": "x",
        "P1/videos/x.mp4": b"\x00" * 10,
        "P1/.hidden/manifest.json": "{}",
        "P1/20261122-093000-abcd/evil.sh": "rm -rf /",
    })
    _, report = import_archive(archive, data)
    assert report.profile.startswith("refused") and "P2" in report.profile
    assert not (data / "P2").exists() and not (data / "P1" / "profile.json").exists()
    refused = {entry for entry, _ in report.refused}
    assert refused == {"P1/profile.json/x", "P1/videos/x.mp4", "P1/.hidden/manifest.json",
                       "P1/20261122-093000-abcd/evil.sh"}
    assert report.added == [] and read_patient(data, "P1") == ([], [])


def test_a_session_whose_manifest_names_another_patient_is_refused(tmp_path: Path) -> None:
    other = _session(tmp_path / "src", patient="P2")
    entries = {f"P1/{other.folder.name}/{f.name}": f.read_bytes() for f in other.folder.iterdir()
               if not f.name.startswith(".")}
    _, report = import_archive(_zip(tmp_path / "a.zip", entries), tmp_path / "data")
    assert report.added == [] and report.refused[0][0] == other.folder.name
    assert "P2" in report.refused[0][1]


def test_symlinks_are_refused_and_never_written(tmp_path: Path) -> None:
    source = _session(tmp_path / "src")
    entries: dict[str, bytes | str] = {f"P1/{source.folder.name}/{f.name}": f.read_bytes()
                                       for f in source.folder.iterdir()}
    entries["P1/profile.json"] = "/etc/passwd"
    _, report = import_archive(_zip(tmp_path / "a.zip", entries, symlinks=("P1/profile.json",)),
                               tmp_path / "data")
    assert ("P1/profile.json", "not a plain file (a link or a device)") in report.refused
    assert not (tmp_path / "data" / "P1" / "profile.json").exists()
    assert report.added == [source.folder.name]


def test_bombs_are_refused_before_anything_is_written(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    many = _zip(tmp_path / "many.zip", {f"P1/x{n}": "" for n in range(60)})
    monkeypatch.setattr(archive_module, "MAX_ENTRIES", 50)
    with pytest.raises(ArchiveError, match="entries"):
        import_archive(many, data)
    assert not (data / "P1").exists()
    # One trials file that expands far beyond what a session writes (a few hundred KB of zip).
    big = _zip(tmp_path / "big.zip", {"P1/20261122-093000-abcd/manifest.json": "{}",
                                      "P1/20261122-093000-abcd/trials.jsonl": b"\n" * (130 * 2**20)})
    assert big.stat().st_size < 2**20
    _, report = import_archive(big, data)
    assert report.added == [] and "larger than" in report.refused[0][1]
    monkeypatch.setattr(archive_module, "MAX_TOTAL_BYTES", 10 * 2**20)
    with pytest.raises(ArchiveError, match="expand"):
        import_archive(big, data)
    assert list((data / "P1").iterdir()) == []


# --- a damaged record never blocks anything -------------------------------------------------

@pytest.mark.parametrize("damage", [
    lambda m: {**m, "summary": "a string"},
    lambda m: {**m, "started_at": "2026-11-22T10:00:00"},
    lambda m: {**m, "summary": {"blocks": [{"phase": "laterality", "complete": True,
                                            "accuracy": "high", "median_rt_ms": [1],
                                            "by_side": {"left": 3}}], "pain_before": "x"}},
    lambda m: {**m, "active_s": None, "plan": 5, "profile": [], "stage": 7},
], ids=["summary-string", "no-time-zone", "wrong-types", "top-level-types"])
def test_a_damaged_manifest_is_read_with_a_warning_and_everything_goes_on(
        tmp_path: Path, damage) -> None:
    good = _session(tmp_path, started=START)
    odd = _session(tmp_path, started=START + timedelta(hours=1))
    path = odd.folder / "manifest.json"
    path.write_text(json.dumps(damage(json.loads(path.read_text()))))
    sessions, warnings = read_patient(tmp_path, "P1")
    assert [s.session_id for s in sessions] == [good.folder.name, odd.folder.name]
    assert any(str(path) in w for w in warnings)
    assert write_csv(sessions, io.StringIO()) == 24
    write_sessions_csv(sessions, io.StringIO())
    view = progress_view([session_facts(s) for s in sessions], warnings, "P1", 4, "left",
                         START.date())
    assert len(view.rows) == 2


def test_deeply_nested_json_is_a_damaged_file_not_a_crash(tmp_path: Path) -> None:
    good = _session(tmp_path, started=START)
    bad = _session(tmp_path, started=START + timedelta(hours=1))
    (bad.folder / "manifest.json").write_text("[" * 100_000 + "]" * 100_000)
    with open(bad.folder / "trials.jsonl", "a") as handle:
        handle.write('{"a":' * 5000 + "1" + "}" * 5000 + "\n")
    sessions, warnings = read_patient(tmp_path, "P1")
    assert [s.session_id for s in sessions] == [good.folder.name]
    assert any("nested" in w for w in warnings)
    good_rows = good.folder / "trials.jsonl"
    with open(good_rows, "a") as handle:
        handle.write('{"a":' * 5000 + "1" + "}" * 5000 + "\n")
    sessions, warnings = read_patient(tmp_path, "P1")
    assert len(sessions[0].trials) == 12 and any("trials.jsonl:13" in w for w in warnings)


def test_rows_of_a_finished_session_are_never_dropped_silently(tmp_path: Path) -> None:
    done = _session(tmp_path)
    rows = (done.folder / "trials.jsonl").read_bytes()
    (done.folder / "trials.jsonl").write_bytes(rows[: len(rows) // 2])  # cut mid-file
    sessions, warnings = read_patient(tmp_path, "P1")
    assert 0 < len(sessions[0].trials) < 12
    assert any("trials.jsonl" in w and "damaged" in w for w in warnings)


def test_a_run_and_the_commands_go_on_past_a_damaged_session(tmp_path: Path) -> None:
    import subprocess
    import sys

    odd = _session(tmp_path)
    path = odd.folder / "manifest.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), "summary": "x",
                                "started_at": "2026-11-22T10:00:00"}))
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    project = Path(__file__).resolve().parents[1]
    for args in (["run", "--headless", "--autopilot", "correct", "--patient", "P1",
                  "--affected", "left-hand", "--plan", "laterality-only"],
                 ["export", "--patient", "P1", "--format", "csv"],
                 ["report", "--patient", "P1", "--out", str(tmp_path / "r.html")]):
        done = subprocess.run([sys.executable, "-m", "gmi_trainer", *args, "--data-dir",
                               str(tmp_path)], capture_output=True, text=True, cwd=project,
                              env=env, timeout=120)
        assert done.returncode == 0, (args, done.stderr)
        assert "Traceback" not in done.stderr


# --- properties -------------------------------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=st.sampled_from(["manifest.json", "trials.jsonl", "events.jsonl"]),
       cut=st.floats(0, 1), noise=st.binary(max_size=200), at=st.floats(0, 1))
def test_any_truncation_or_noise_reads_without_raising(tmp_path_factory, file: str, cut: float,
                                                       noise: bytes, at: float) -> None:
    data = tmp_path_factory.mktemp("p")
    recorder = _session(data)
    path = recorder.folder / file
    content = path.read_bytes()
    content = content[: int(len(content) * cut)]
    where = int(len(content) * at)
    path.write_bytes(content[:where] + noise + content[where:])
    sessions, warnings = read_patient(data, "P1")
    for session in sessions:
        session.pain("before"), session.started_at
    write_csv(sessions, io.StringIO())
    write_sessions_csv(sessions, io.StringIO())
    progress_view([session_facts(s) for s in sessions], warnings, "P1", 4, "left", START.date())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.lists(st.integers(0, 3), min_size=1, max_size=6))
def test_finished_trials_only_grow_and_no_session_appears_twice(tmp_path_factory,
                                                                order: list[int]) -> None:
    root = tmp_path_factory.mktemp("i")
    home = root / "home"
    first = _session(home, rows=0, finish=False)
    second = _session(home, rows=2, started=START + timedelta(hours=2))
    archives = []
    for stage in range(4):  # four snapshots of the first session as it grows, then ends
        for n in range(stage * 3 + 1, stage * 3 + 4):
            first.trial(_trial(n))
        if stage == 3:
            first.finish("complete", START, 60.0, {"blocks": []})
            first.close()
        archives.append(export_patient(home, "P1", root / f"{stage}.zip") and root / f"{stage}.zip")
    clinic = root / "clinic"
    seen: dict[str, list[int]] = {}
    for index in order:
        import_archive(archives[index], clinic)
        now = _trial_ids(clinic)
        assert len(now) == len(set(now)) == 2
        for session, trials in seen.items():
            assert now[session][: len(trials)] == trials  # nothing lost
        seen = now
    assert seen[second.folder.name] == [1, 2]
    assert seen[first.folder.name] == list(range(1, 3 * (max(order) + 1) + 1))


def test_a_deeply_nested_profile_is_a_clear_error_everywhere(tmp_path: Path) -> None:
    import subprocess
    import sys

    _session(tmp_path)
    (tmp_path / "P1" / "profile.json").write_text("[" * 100_000 + "]" * 100_000)
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    project = Path(__file__).resolve().parents[1]
    for args in (["patient", "show", "P1"],
                 ["run", "--headless", "--autopilot", "correct", "--patient", "P1"]):
        done = subprocess.run([sys.executable, "-m", "gmi_trainer", *args, "--data-dir",
                               str(tmp_path)], capture_output=True, text=True, cwd=project,
                              env=env, timeout=120)
        assert "Traceback" not in done.stderr and "profile.json" in done.stderr, done.stderr
        assert done.returncode == 2
