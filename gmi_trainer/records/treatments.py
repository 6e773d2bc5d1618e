"""The other treatments a therapist records for a patient (medicines, TENS, nerve blocks,
surgery, psychological therapy, a new prosthesis), so that a change in pain can be read
against them. One JSON object per line in `<patient>/treatments.jsonl`, owner-only, each
line fsynced as it is added; a damaged line is set aside with a warning, never guessed."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any, Sequence

from gmi_trainer.core.progress import TreatmentFacts
from gmi_trainer.i18n import _
from gmi_trainer.storage.files import make_private_dir
from gmi_trainer.vocabulary.clinical import MEDICINE_KINDS, TREATMENT_KINDS

TREATMENTS_FILE = "treatments.jsonl"
TEXT_MAX_CHARS = 120
NOTE_MAX_CHARS = 400
TREATMENTS_MAX_BYTES = 4 * 1024 * 1024  # years of entries are a few KB


class TreatmentError(ValueError):
    pass


@dataclass(frozen=True)
class Treatment:
    on: date  # the day it happened
    kind: str  # a TREATMENT_KINDS id
    name: str = ""  # a medicine's name, a block's nerve, a surgery's name
    dose: str = ""  # as text: "75 mg twice a day"
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "on": self.on.isoformat()}

    def facts(self) -> TreatmentFacts:
        return TreatmentFacts(self.on, self.kind, self.name, self.dose, self.note)


def make_treatment(on: str, kind: str, name: str = "", dose: str = "",
                   note: str = "") -> Treatment:
    """A checked treatment; every problem is named in one TreatmentError."""
    problems: list[str] = []
    day: date | None = None
    try:
        day = date.fromisoformat(on)
    except (TypeError, ValueError):
        problems.append(_("date '{on}' is not a date like 2026-03-01").format(on=on))
    if kind not in TREATMENT_KINDS:
        problems.append(_("kind '{kind}' is not one of {kinds}").format(
            kind=kind, kinds=", ".join(TREATMENT_KINDS)))
    if kind in MEDICINE_KINDS and not str(name).strip():
        problems.append(_("a medicine needs its name (--name)"))
    for field, value, limit in (("name", name, TEXT_MAX_CHARS), ("dose", dose, TEXT_MAX_CHARS),
                                ("note", note, NOTE_MAX_CHARS)):
        if not isinstance(value, str):
            problems.append(_("{field} must be text").format(field=field))
        elif len(value) > limit or not value.isprintable():
            problems.append(_("{field}: at most {limit} printable characters").format(
                field=field, limit=limit))
    if problems:
        raise TreatmentError("; ".join(problems))
    assert day is not None
    return Treatment(day, kind, name.strip(), dose.strip(), note.strip())


def read_treatments(patient_dir: Path) -> tuple[list[Treatment], list[str]]:
    """The patient's treatments, oldest first, and warnings naming any damaged line."""
    path = patient_dir / TREATMENTS_FILE
    if not path.is_file():
        return [], []
    if path.stat().st_size > TREATMENTS_MAX_BYTES:
        return [], [_("{path}: larger than {size} MB; not read").format(
            path=path, size=TREATMENTS_MAX_BYTES // 1024 // 1024)]
    treatments, warnings = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict) or set(data) - {"on", "kind", "name", "dose", "note"}:
                raise TreatmentError(_("not a treatment entry"))
            treatments.append(make_treatment(data.get("on"), data.get("kind"),
                                             data.get("name", ""), data.get("dose", ""),
                                             data.get("note", "")))
        except (ValueError, TypeError, RecursionError) as error:
            warnings.append(_("{path}:{line}: set aside ({error})").format(path=path, line=number, error=error))
    treatments.sort(key=lambda t: t.on)
    return treatments, warnings


def add_treatment(patient_dir: Path, treatment: Treatment) -> Path:
    """Append one entry, fsynced, to the owner-only file (created mode 600)."""
    make_private_dir(patient_dir)
    path = patient_dir / TREATMENTS_FILE
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, (json.dumps(treatment.to_json(), ensure_ascii=False) + "\n")
                 .encode("utf-8"))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return path


def treatment_facts(treatments: Sequence[Treatment]) -> tuple[TreatmentFacts, ...]:
    return tuple(t.facts() for t in treatments)
