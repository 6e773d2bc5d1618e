"""A patient's records as a FHIR R4 Bundle (`gmi-trainer export --format fhir`).

Built as plain JSON, then every resource and the Bundle are validated with the
`fhir.resources` models (pydantic; its R4B package, release 4.3, whose Patient,
Observation, QuestionnaireResponse, MedicationStatement, Procedure and Bundle have the R4
structure: R4B changed only the medicinal-product, evidence and subscription resources). A
bundle that does not validate is never written.

What goes in: the Patient with the pseudonymous id only (as an identifier; FHIR ids allow no
"_"), an Observation for every pain rating (by kind, 0-10 NRS, LOINC 72514-3), the left/right
figures (accuracy in %, median response times in ms, overall and by side) and the imagined
movement time (ms), all with UCUM units; a QuestionnaireResponse for each set of weekly
measures (the seven BPI interference items and the PGIC); a MedicationStatement for each
medicine started, changed or stopped and a Procedure for every other treatment."""

from __future__ import annotations

import uuid
from datetime import datetime, time
from typing import Any, Iterable, Sequence

from gmi_trainer.core.progress import TreatmentFacts
from gmi_trainer.records.history import session_facts
from gmi_trainer.records.reader import SessionRecord
from gmi_trainer.vocabulary.clinical import (
    BPI_ITEMS,
    MEDICINE_KINDS,
    PAIN_KINDS,
    PGIC_CHOICES,
    TREATMENT_KINDS,
)

UCUM = "http://unitsofmeasure.org"
LOINC = "http://loinc.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
LOCAL = "urn:gmi-trainer:code"  # this program's own codes for figures LOINC has none for
PATIENT_SYSTEM = "urn:gmi-trainer:patient"
PAIN_NRS_LOINC = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
NAMESPACE = uuid.UUID("6f1c8a52-3b0e-4f55-9d7e-2a4b6c8d9e01")


class FhirError(Exception):
    """The bundle did not validate; the message names the resource and the field."""


def _id(*parts: str) -> str:
    """A stable id: exporting twice gives the same resources."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def build_bundle(patient: str, sessions: Sequence[SessionRecord],
                 treatments: Sequence[TreatmentFacts], now: datetime) -> dict[str, Any]:
    """The Bundle as JSON-ready dicts (validated by `validate_bundle`)."""
    patient_id = _id("patient", patient)
    subject = {"reference": f"urn:uuid:{patient_id}"}
    resources: list[dict[str, Any]] = [{
        "resourceType": "Patient", "id": patient_id,
        "identifier": [{"system": PATIENT_SYSTEM, "value": patient}],
    }]
    for session in sessions:
        if session.autopilot and session.manifest.get("counts_as_patient") is not True:
            continue  # practice runs of the program, not the patient's
        resources += _session_resources(session, subject)
    for number, treatment in enumerate(treatments, start=1):
        resources.append(_treatment(patient, number, treatment, subject))
    return {
        "resourceType": "Bundle", "id": _id("bundle", patient, now.isoformat()),
        "type": "collection", "timestamp": now.isoformat(timespec="seconds"),
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }


def _session_resources(session: SessionRecord, subject: dict[str, str]) -> Iterable[dict[str, Any]]:
    facts = session_facts(session)
    started = facts.started_at.isoformat(timespec="seconds")
    ended = str(session.manifest.get("ended_at") or started)
    sid = session.session_id

    def observation(key: str, text: str, value: float, unit: str, code: str, when: str,
                    coding: dict[str, str] | None = None, category: str = "therapy") -> dict[str, Any]:
        return {
            "resourceType": "Observation", "id": _id(sid, key), "status": "final",
            "category": [{"coding": [{"system": CATEGORY, "code": category}]}],
            "code": {"coding": [coding or {"system": LOCAL, "code": key.split(":")[0]}],
                     "text": text},
            "subject": subject, "effectiveDateTime": when,
            "valueQuantity": {"value": round(value, 4), "unit": unit, "system": UCUM,
                              "code": code},
            "note": [{"text": f"gmi-trainer session {sid}"}],
        }

    loinc = {"system": LOINC, "code": PAIN_NRS_LOINC[0], "display": PAIN_NRS_LOINC[1]}
    for moment, kinds, single, when in (
            ("before", facts.pain_before_kinds, facts.pain_before, started),
            ("after", facts.pain_after_kinds, facts.pain_after, ended)):
        # Records from before the kinds hold one unnamed rating.
        ratings = kinds or ({"": single} if single is not None else {})
        for kind, value in ratings.items():
            name = PAIN_KINDS.get(kind, "pain").capitalize()
            yield observation(f"pain:{kind or 'overall'}:{moment}",
                              f"{name}, {moment} the session (0-10)", value, "{score}",
                              "{score}", when, loinc, "survey")
    if facts.laterality_accuracy is not None:
        yield observation("laterality-accuracy:all", "Left/right judgement: correct answers",
                          facts.laterality_accuracy * 100, "%", "%", started)
    if facts.laterality_rt_ms is not None:
        yield observation("laterality-median-rt:all",
                          "Left/right judgement: median response time (correct answers)",
                          facts.laterality_rt_ms, "ms", "ms", started)
    for side, figures in facts.laterality_sides.items():
        if figures.accuracy is not None:
            yield observation(f"laterality-accuracy:{side}",
                              f"Left/right judgement, {side} pictures: correct answers",
                              figures.accuracy * 100, "%", "%", started)
        if figures.median_rt_ms is not None:
            yield observation(f"laterality-median-rt:{side}",
                              f"Left/right judgement, {side} pictures: median response time",
                              figures.median_rt_ms, "ms", "ms", started)
    if facts.imagery_median_ms is not None:
        yield observation("imagery-median-movement:all",
                          "Imagined movement: median time per movement",
                          facts.imagery_median_ms, "ms", "ms", started)
    weekly = (session.manifest.get("summary") or {}).get("weekly")
    if isinstance(weekly, dict) and isinstance(weekly.get("bpi_interference"), dict):
        yield _questionnaire(sid, weekly, subject, started)


def _questionnaire(sid: str, weekly: dict[str, Any], subject: dict[str, str],
                   when: str) -> dict[str, Any]:
    answers = weekly["bpi_interference"]
    items = [{"linkId": f"bpi-{item}",
              "text": f"During the past week, how much has pain interfered with {words}? (0-10)",
              "answer": [{"valueInteger": answers[item]}]}
             for item, words in BPI_ITEMS if isinstance(answers.get(item), int)]
    if isinstance(weekly.get("bpi_interference_mean"), (int, float)):
        items.append({"linkId": "bpi-interference-score",
                      "text": "BPI interference score (mean of the items answered)",
                      "answer": [{"valueDecimal": float(weekly["bpi_interference_mean"])}]})
    pgic = weekly.get("pgic")
    if isinstance(pgic, int) and 1 <= pgic <= len(PGIC_CHOICES):
        items.append({"linkId": "pgic", "text": "Patient Global Impression of Change (1-7)",
                      "answer": [{"valueCoding": {"system": "urn:gmi-trainer:pgic",
                                                  "code": str(pgic),
                                                  "display": PGIC_CHOICES[pgic - 1]}}]})
    return {"resourceType": "QuestionnaireResponse", "id": _id(sid, "weekly"),
            "questionnaire": "urn:gmi-trainer:questionnaire:weekly-bpi-interference-pgic",
            "status": "completed", "subject": subject, "authored": when, "item": items}


def _treatment(patient: str, number: int, treatment: TreatmentFacts,
               subject: dict[str, str]) -> dict[str, Any]:
    when = datetime.combine(treatment.on, time()).date().isoformat()
    rid = _id(patient, "treatment", str(number), treatment.on.isoformat(), treatment.kind)
    words = TREATMENT_KINDS[treatment.kind][0]
    notes = [{"text": text} for text in (treatment.note,) if text]
    if treatment.kind in MEDICINE_KINDS:
        statement: dict[str, Any] = {
            "resourceType": "MedicationStatement", "id": rid,
            "status": "stopped" if treatment.kind == "medicine_stopped" else "active",
            "medicationCodeableConcept": {"text": treatment.name},
            "subject": subject, "effectiveDateTime": when,
            "note": [{"text": words}, *notes],
        }
        if treatment.dose:
            statement["dosage"] = [{"text": treatment.dose}]
        return statement
    procedure: dict[str, Any] = {
        "resourceType": "Procedure", "id": rid, "status": "completed",
        "code": {"text": f"{words}: {treatment.name}" if treatment.name else words},
        "subject": subject, "performedDateTime": when}
    notes += [{"text": f"Dose or settings: {treatment.dose}"}] if treatment.dose else []
    if notes:
        procedure["note"] = notes
    return procedure


def validate_bundle(bundle: dict[str, Any]) -> None:
    """Each resource with its own model, then the Bundle: FhirError names what failed."""
    try:
        from fhir.resources.R4B import get_fhir_model_class
    except ImportError as error:  # declared in pyproject.toml; a broken install says so
        raise FhirError(f"the FHIR library (fhir.resources) is not installed: {error}") from None
    from pydantic import ValidationError

    for entry in bundle.get("entry", []):
        resource = entry["resource"]
        try:
            get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        except ValidationError as error:
            raise FhirError(f"{resource['resourceType']}/{resource.get('id')}: {error}") from None
    try:
        get_fhir_model_class("Bundle").model_validate(bundle)
    except ValidationError as error:
        raise FhirError(f"Bundle: {error}") from None
