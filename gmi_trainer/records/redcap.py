"""A patient's sessions for import into REDCap (`gmi-trainer export --format redcap`): a data
CSV, one record per session (`record_id` is patient and session), and the data dictionary
CSV that defines those fields in REDCap's own 18-column layout, so a study imports the
dictionary once (Project Setup > Data Dictionary) and then the data (Data Import Tool)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import Any, Iterable, Sequence, TextIO

from gmi_trainer.records.history import session_facts
from gmi_trainer.records.reader import SessionRecord
from gmi_trainer.vocabulary.clinical import BPI_ITEMS, PGIC_CHOICES

FORM = "gmi_session"
DICTIONARY_COLUMNS = (
    "Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
    "Choices, Calculations, OR Slider Labels", "Field Note",
    "Text Validation Type OR Show Slider Number", "Text Validation Min", "Text Validation Max",
    "Identifier?", "Branching Logic (Show field only if...)", "Required Field?",
    "Custom Alignment", "Question Number (surveys only)", "Matrix Group Name", "Matrix Ranking?",
    "Field Annotation",
)
PGIC_REDCAP_CHOICES = " | ".join(f"{i}, {words}" for i, words in enumerate(PGIC_CHOICES, 1))


@dataclass(frozen=True)
class Field:
    name: str  # lower case, digits and "_", as REDCap requires
    label: str
    kind: str = "text"  # REDCap field type
    validation: str = ""  # integer, number, datetime_seconds_ymd
    low: str = ""
    high: str = ""
    choices: str = ""


def _rating(name: str, label: str) -> Field:
    return Field(name, label, "text", "integer", "0", "10")


FIELDS: tuple[Field, ...] = (
    Field("record_id", "Record (patient and session)"),
    Field("patient", "Patient (pseudonymous id)"),
    Field("session_id", "Session"),
    Field("started_at", "Started", validation="datetime_seconds_ymd"),
    Field("status", "Status", "dropdown",
          choices="complete, complete | ended_early, ended early | incomplete, incomplete"),
    Field("counted", "Counted (reached the plan's minimum practice time)", "yesno"),
    Field("active_min", "Time practising (minutes)", validation="number", low="0"),
    _rating("pain_before", "Pain before (worst kind, 0-10)"),
    _rating("pain_after", "Pain after (worst kind, 0-10)"),
    _rating("phantom_before", "Phantom limb pain before (0-10)"),
    _rating("phantom_after", "Phantom limb pain after (0-10)"),
    _rating("residual_before", "Residual limb pain before (0-10)"),
    _rating("residual_after", "Residual limb pain after (0-10)"),
    _rating("crps_before", "CRPS pain before (0-10)"),
    _rating("crps_after", "CRPS pain after (0-10)"),
    Field("sensations", "Non-painful phantom sensations before (;-joined; empty: not asked)"),
    Field("lat_accuracy_pct", "Left/right judgement: correct (%)", validation="number",
          low="0", high="100"),
    Field("lat_median_rt_ms", "Left/right judgement: median response time (ms)",
          validation="number", low="0"),
    Field("imagery_median_ms", "Imagined movement: median time (ms)", validation="number",
          low="0"),
    Field("mirror_minutes", "Mirror work (minutes)", validation="number", low="0"),
    *(_rating(f"bpi_{item}", f"BPI interference: {words}") for item, words in BPI_ITEMS),
    Field("bpi_interference", "BPI interference score (mean)", validation="number", low="0",
          high="10"),
    Field("pgic", "Patient Global Impression of Change", "dropdown", choices=PGIC_REDCAP_CHOICES),
    Field("pain_alert", "Pain alert (reasons)", "notes"),
)


def dictionary_rows() -> Iterable[dict[str, str]]:
    for field in FIELDS:
        yield {
            "Variable / Field Name": field.name, "Form Name": FORM, "Field Type": field.kind,
            "Field Label": field.label, "Choices, Calculations, OR Slider Labels": field.choices,
            "Text Validation Type OR Show Slider Number": field.validation,
            "Text Validation Min": field.low, "Text Validation Max": field.high,
            "Identifier?": "",
        }


def data_rows(sessions: Sequence[SessionRecord]) -> Iterable[dict[str, Any]]:
    for session in sessions:
        if session.autopilot and session.manifest.get("counts_as_patient") is not True:
            continue
        facts = session_facts(session)
        weekly = (session.manifest.get("summary") or {}).get("weekly")
        bpi = weekly.get("bpi_interference") if isinstance(weekly, dict) else None
        bpi = bpi if isinstance(bpi, dict) else {}
        patient = str(session.manifest.get("patient") or "")
        row: dict[str, Any] = {
            "record_id": f"{patient}-{session.session_id}", "patient": patient,
            "session_id": session.session_id,
            "started_at": facts.started_at.strftime("%Y-%m-%d %H:%M:%S"),
            "status": facts.status, "counted": 1 if facts.counts else 0,
            "active_min": None if facts.active_s is None else round(facts.active_s / 60, 2),
            "pain_before": facts.pain_before, "pain_after": facts.pain_after,
            "sensations": None if facts.sensations_before is None
            else ";".join(facts.sensations_before) or "none",
            "lat_accuracy_pct": None if facts.laterality_accuracy is None
            else round(facts.laterality_accuracy * 100, 1),
            "lat_median_rt_ms": None if facts.laterality_rt_ms is None
            else round(facts.laterality_rt_ms, 1),
            "imagery_median_ms": None if facts.imagery_median_ms is None
            else round(facts.imagery_median_ms, 1),
            "mirror_minutes": round(facts.mirror_minutes, 2),
            "bpi_interference": facts.bpi_interference, "pgic": facts.pgic,
            "pain_alert": "; ".join(facts.pain_alert),
        }
        for kind in ("phantom", "residual", "crps"):
            row[f"{kind}_before"] = facts.pain_before_kinds.get(kind)
            row[f"{kind}_after"] = facts.pain_after_kinds.get(kind)
        for item, _ in BPI_ITEMS:
            row[f"bpi_{item}"] = bpi.get(item)
        yield row


def write_redcap(sessions: Sequence[SessionRecord], data_out: TextIO,
                 dictionary_out: TextIO) -> int:
    """Both CSVs; the number of records written."""
    dictionary = csv.DictWriter(dictionary_out, fieldnames=list(DICTIONARY_COLUMNS),
                                restval="", lineterminator="\n")
    dictionary.writeheader()
    dictionary.writerows(dictionary_rows())
    data = csv.DictWriter(data_out, fieldnames=[f.name for f in FIELDS], lineterminator="\n")
    data.writeheader()
    count = 0
    for row in data_rows(sessions):
        data.writerow({k: "" if v is None else v for k, v in row.items()})
        count += 1
    return count
