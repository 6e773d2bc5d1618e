"""`gmi-trainer supervise --patient ID`: the therapist's panel, in its own window."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from gmi_trainer.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("supervise", help=_("a therapist's panel beside a running "
                                   "supervised session: live figures, pause, skip, notes"))
    parser.add_argument("--patient", required=True)
    parser.add_argument("--data-dir")
    parser.add_argument("--windowed", action="store_true", default=True, help=argparse.SUPPRESS)
    parser.set_defaults(handler=_supervise)


def running_session(patient_dir: Path) -> Path | None:
    """The newest session of the patient that has not ended."""
    from gmi_trainer.records.reader import CorruptRecord, read_session

    candidates = sorted((p for p in patient_dir.iterdir() if p.is_dir()
                         and not p.name.startswith(".")), reverse=True) if patient_dir.is_dir() else []
    for folder in candidates[:3]:
        try:
            record = read_session(folder)
        except CorruptRecord:
            continue
        if record.manifest.get("status") == "in_progress":
            return folder
    return None


def recent_alerts(data_dir: Path, patient: str, days: int = 7) -> list[str]:
    """The patient's pain alerts of the last `days` days, newest first, one line each."""
    from datetime import datetime, timedelta

    from gmi_trainer.records.history import session_facts
    from gmi_trainer.records.reader import read_patient

    sessions, _warnings = read_patient(data_dir, patient, rows=False)
    since = datetime.now().astimezone().date() - timedelta(days=days - 1)
    facts = [f for f in map(session_facts, sessions) if f.pain_alert and f.by_person
             and f.day >= since]
    return [f"{f.started_at:%a %d %b %H:%M}: {'; '.join(f.pain_alert)}" for f in reversed(facts)]


def _supervise(args: argparse.Namespace) -> int:
    from gmi_trainer.app.loop import run
    from gmi_trainer.app.root import paths_from
    from gmi_trainer.app.therapist_control import send
    from gmi_trainer.commands.patient_arg import patient_arg
    from gmi_trainer.clock import MonotonicClock
    from gmi_trainer.profiles.model import DEFAULT_KEYS
    from gmi_trainer.records.live import live_figures
    from gmi_trainer.records.reader import CorruptRecord, read_session
    from gmi_trainer.supervise.panel import SupervisorPanel
    from gmi_trainer.ui.keymap import KeyMap
    from gmi_trainer.ui.window import PygameUI

    patient = patient_arg(args)
    if patient is None:
        return 2
    data_dir = paths_from(args).data_dir
    patient_dir = data_dir / patient
    current: dict[str, Any] = {"folder": None, "alerts_for": object(), "alerts": []}

    def read() -> tuple[str, dict[str, Any]]:
        folder = running_session(patient_dir)
        if folder != current["alerts_for"]:  # earlier sessions change only between sessions
            current["alerts_for"] = folder
            current["alerts"] = recent_alerts(data_dir, patient)
        current["folder"] = folder
        if folder is None:
            return "", {"recent_alerts": current["alerts"]}
        try:
            record = read_session(folder)
        except CorruptRecord:
            return "", {"recent_alerts": current["alerts"]}
        return folder.name, {**live_figures(record.trials, record.events),
                             "recent_alerts": current["alerts"]}

    def command(name: str, text: str) -> None:
        if current["folder"] is None:
            raise OSError("no session is running")
        send(current["folder"], name, text)

    clock = MonotonicClock()
    ui = PygameUI(clock, KeyMap(DEFAULT_KEYS), windowed=True)
    try:
        run(SupervisorPanel(patient, read, command), ui, ui, clock)
    finally:
        ui.close()
    return 0
