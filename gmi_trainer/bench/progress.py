"""`gmi-trainer bench progress`: months of sessions written with the real record writer
into a temporary folder, then the time to read them, to build the progress screen (every
chart page drawn into a pygame surface) and to write the therapist report."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

PATIENT = "BENCH"


def run_bench(sessions: int, trials: int, keep: Path | None = None) -> int:
    from gmi_trainer.bench.synthetic import synthetic_sessions, write_synthetic

    folder = keep or Path(tempfile.mkdtemp(prefix="gmi-bench-progress-"))
    try:
        now = datetime.now().astimezone()
        days = max(1, round(sessions / 5.5))
        start = (now - timedelta(days=days)).replace(hour=0, minute=0, second=0, microsecond=0)
        began = time.perf_counter()
        written = write_synthetic(folder, PATIENT, synthetic_sessions(
            sessions, trials, start, days=days))
        print(f"generated {written} sessions, {written * trials} trials over {days} days "
              f"with SessionRecorder in {time.perf_counter() - began:.1f} s ({folder})")
        times = measure(folder, now.date())
        for name, seconds in times.items():
            print(f"{name:<44} {seconds:6.2f} s")
        return 0
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def measure(folder: Path, today) -> dict[str, float]:
    """Seconds for each step, as the program does it (a fresh matplotlib import included
    when this is the first chart of the process)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from gmi_trainer.charts.report import build_report
    from gmi_trainer.core.progress import progress_view
    from gmi_trainer.records.history import session_facts
    from gmi_trainer.records.reader import read_patient
    from gmi_trainer.ui.screens.progress import CHART_RECT, chart_surface

    times: dict[str, float] = {}
    began = time.perf_counter()
    full, _ = read_patient(folder, PATIENT)
    times[f"read all records with trials ({sum(len(s.trials) for s in full)} rows)"] = \
        time.perf_counter() - began
    del full
    began = time.perf_counter()
    sessions, warnings = read_patient(folder, PATIENT, rows=False)
    times["read manifests only (progress, report)"] = time.perf_counter() - began

    pygame.display.init()
    try:
        began = time.perf_counter()
        view = progress_view([session_facts(s) for s in sessions], warnings, PATIENT, 4,
                             "left", today)
        first = view.pages[0]
        chart_surface(view.data, first, CHART_RECT.size)
        times["progress screen: figures + first chart"] = time.perf_counter() - began
        began = time.perf_counter()
        for page in view.pages[1:]:
            if page != "table":
                chart_surface(view.data, page, CHART_RECT.size)
        times["progress screen: the other chart pages"] = time.perf_counter() - began
    finally:
        pygame.display.quit()
    times["progress screen total (read + all pages)"] = sum(
        v for k, v in times.items() if k.startswith(("read manifests", "progress screen")))
    began = time.perf_counter()
    sessions, warnings = read_patient(folder, PATIENT, rows=False)
    html = build_report(sessions, warnings, PATIENT, {"affected_side": "left",
                                                     "affected_limb": "hand"}, 4, today)
    out = folder / "report.html"
    out.write_text(html, encoding="utf-8")
    times[f"report: read + build + write ({len(html) // 1024} KB)"] = time.perf_counter() - began
    return times
