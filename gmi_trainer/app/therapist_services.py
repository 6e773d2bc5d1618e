"""Therapist mode's view of the disk: the PIN, the patients, their profiles, their other
treatments, their own pictures, the plans."""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from gmi_trainer.app.paths import Paths
from gmi_trainer.capture import own_set
from gmi_trainer.core.progress import TreatmentFacts
from gmi_trainer.core.views import ProgressView
from gmi_trainer.i18n import _
from gmi_trainer.profiles.model import PATIENT_ID, Profile, ProfileError
from gmi_trainer.profiles.pin import PinStore
from gmi_trainer.profiles.store import load_profile, save_profile
from gmi_trainer.storage.files import write_text_atomic
from gmi_trainer.records.reader import patient_dirs
from gmi_trainer.records.treatments import (
    TreatmentError,
    add_treatment,
    make_treatment,
    read_treatments,
    treatment_facts,
)


class FileTherapistServices:
    def __init__(self, paths: Paths, progress_of: Callable[[str], ProgressView],
                 today: Callable[[], date] = date.today,
                 capture: Callable[..., Any] | None = None) -> None:
        """`capture(patient, profile, for_therapist=True)` opens the capture of own pictures
        (None where there is no camera and window: it is then refused in words)."""
        self.paths = paths
        self.start_capture = capture
        self.today = today
        self.data_dir = paths.data_dir
        self.pins = PinStore(paths.data_dir)
        self.progress_of = progress_of

    def check_pin(self, pin: str) -> tuple[bool, str]:
        result = self.pins.check(pin)
        return result.ok, result.message

    def patients(self) -> list[str]:
        return [p.name for p in patient_dirs(self.data_dir) if PATIENT_ID.match(p.name)]

    def load_profile(self, patient: str) -> Profile | None:
        return load_profile(self.data_dir, patient)

    def save_profile(self, profile: Profile) -> None:
        save_profile(self.data_dir, profile)

    def plan_names(self) -> list[str]:
        return sorted(p.stem for p in self.paths.exercises_dir.glob("*.toml"))

    def plan_text(self, name: str) -> tuple[str, str]:
        path = self.paths.plan_file(name)
        return path.read_text(encoding="utf-8"), str(path)

    def save_plan(self, name: str, text: str) -> None:
        # Plans are shared settings, not health records: readable by others as before.
        write_text_atomic(self.paths.plan_file(name), text, mode=0o644)

    def treatments_of(self, patient: str) -> list[TreatmentFacts]:
        # A damaged line is left out here; `gmi-trainer treatment list` names it.
        return list(treatment_facts(read_treatments(self.data_dir / patient)[0]))

    def add_treatment(self, patient: str, entry: TreatmentFacts) -> str:
        try:
            treatment = make_treatment(entry.on.isoformat(), entry.kind, entry.name,
                                       entry.dose, entry.note)
        except TreatmentError as error:
            return str(error).replace(" (--name)", "")
        try:
            add_treatment(self.data_dir / patient, treatment)
        except OSError as error:
            return _("Not recorded: {why}. Nothing was changed.").format(why=error.strerror or error)
        return ""

    def own_pictures(self, patient: str) -> int:
        # A damaged set counts as none here; the capture's first page says what is wrong.
        try:
            return own_set.taken(self.data_dir, patient)
        except own_set.OwnPicturesError:
            return 0

    def capture(self, patient: str) -> Any:
        if self.start_capture is None:
            raise ValueError(_("Taking pictures needs a camera and the program's window."))
        try:
            profile = load_profile(self.data_dir, patient)
        except ProfileError as error:
            raise ValueError(str(error)) from None
        if profile is None:
            raise ValueError(_("Save the new patient first; then take pictures."))
        return self.start_capture(patient, profile, for_therapist=True)
