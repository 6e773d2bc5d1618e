"""Therapist mode, behind the PIN: choose a patient and change their settings, see their
progress, record other treatments, or take (or delete) pictures of their own hand; or change
a plan's numbers (checked by the plan loader before they are saved).

Everything it reads or writes goes through `TherapistServices`, so the rules are tested
without files or a window."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Protocol

from gmi_trainer.core import inputs as act
from gmi_trainer.i18n import LANGUAGES, N_, SOURCE_LANGUAGE, _, format_date, ngettext
from gmi_trainer.vocabulary.body_parts import SKIN_TONE_WORDS
from gmi_trainer.vocabulary.clinical import (
    CONDITION_WORDS,
    CONDITIONS,
    MEDICINE_KINDS,
    TREATMENT_KINDS,
)
from gmi_trainer.core.choice import pick
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.progress import TreatmentFacts, browse
from gmi_trainer.core.views import ChoiceView, Option, ProgressView, Screen
from gmi_trainer.plans.edit import Setting, set_value, settings
from gmi_trainer.plans.validation import PlanError, parse_plan
from gmi_trainer.profiles.model import (
    TEXT_SCALE_RANGE,
    key_label,
    DEFAULT_KEYS,
    LIMB_CHOICES,
    PIN_MAX_DIGITS,
    SKIN_TONES,
    Profile,
    ProfileError,
    check_patient_id,
)

LIMBS = tuple(LIMB_CHOICES)  # left-hand, right-hand, left-foot, right-foot
TREATMENT_FIELDS = ("on", "kind", "name", "dose", "note", "save", "back")
TYPED_TREATMENT_FIELDS = ("name", "dose", "note")
TREATMENT_TEXT_MAX_CHARS = {"name": 120, "dose": 120, "note": 400}
RECENT_TREATMENTS_SHOWN = 5


class TherapistServices(Protocol):
    def check_pin(self, pin: str) -> tuple[bool, str]: ...

    def patients(self) -> list[str]: ...

    def load_profile(self, patient: str) -> Profile | None: ...

    def save_profile(self, profile: Profile) -> None: ...

    def plan_names(self) -> list[str]: ...

    def plan_text(self, name: str) -> tuple[str, str]: ...  # (text, file name for messages)

    def save_plan(self, name: str, text: str) -> None: ...

    def progress_of(self, patient: str) -> ProgressView: ...

    def treatments_of(self, patient: str) -> list[TreatmentFacts]: ...  # oldest first

    def add_treatment(self, patient: str, entry: TreatmentFacts) -> str:
        """Record one entry; return "" or what is wrong with it, in words."""
        ...

    def today(self) -> date: ...

    def own_pictures(self, patient: str) -> int: ...  # postures taken (each with its twin)

    def capture(self, patient: str) -> Any:
        """The capture of the patient's own pictures (core/capture.py's flow), for the intact
        side of their saved profile; raises ValueError saying why it cannot open."""
        ...


@dataclass(frozen=True)
class FormRow:
    label: str
    value: str
    adjustable: bool = True  # Left/Right change it (shown with arrows when chosen)
    acts: bool = False  # Enter (or a click) on it does something: Save, Back, See progress...


def action_row(label: str) -> FormRow:
    """A row that is an action: its value tells the patient which key does it."""
    return FormRow(label, _("Enter"), False, acts=True)


@dataclass(frozen=True)
class FormView:
    """A list of settings: Up/Down choose a row, Left/Right change it, Enter acts."""

    title: str
    rows: tuple[FormRow, ...]
    focus: int
    hint: str
    message: str = ""
    text_entry: bool = False  # letters type into the focused row
    keypad: bool = False  # show digit buttons, so a PIN can be given with the mouse alone
    capture_key: bool = False  # the next key pressed (a pedal's, say) is reported by name
    token: Any = None


class TherapistFlow:
    def __init__(self, services: TherapistServices) -> None:
        self.services = services
        self.finished = False
        self.mode = "pin"
        self.pin = ""
        self.focus = 0
        self.message = ""
        self.patient: Profile | None = None
        self.new_id = ""
        self.plan_name = ""
        self.plan_text = ""
        self.plan_file = ""
        self.progress_view: ProgressView | None = None
        # What was last loaded or saved, to tell unsaved changes; a first Back over unsaved
        # changes only warns (leave_armed), a second one leaves without saving.
        self.saved_patient: Profile | None = None
        self.saved_plan_text = ""
        self.leave_armed = False
        self.capturing = ""  # "left" or "right" while learning a new answer key
        self.treatment: TreatmentFacts | None = None  # the entry being written
        # The patient's recorded treatments, read once when the patient is opened (the
        # screen is built every frame) and again after each entry is added.
        self.treatments: list[TreatmentFacts] = []
        self.own_pictures = 0  # the patient's own pictures taken, read like the treatments
        self.capture: Any = None  # taking the patient's own pictures (core/capture.py's flow)

    # -- what to show -------------------------------------------------------------------
    def screen(self, now_s: float) -> Screen:
        if self.capture is not None:
            # The patient copies the postures: the capture's own screens, with its pause.
            return self.capture.screen(now_s)
        return Screen(self._view(), status=_("Therapist mode"), pause_label=N_("Back"))

    def _view(self) -> Any:
        if self.mode == "pin":
            return FormView(_("Therapist mode"), (FormRow("PIN", "*" * len(self.pin) or "-", False),), 0,
                            _("Type the PIN with the number keys, Enter to open; Backspace "
                            "deletes; Esc goes back. Or click the digits."), self.message,
                            keypad=True, token=("pin", len(self.pin)))
        if self.mode == "menu":
            return ChoiceView(_("Therapist mode"), self.message or _("Choose what to change."),
                              self._menu_options(), self.focus, token="therapist-menu")
        if self.mode == "patients":
            options = tuple(Option(p, p) for p in self.services.patients())
            options += (Option("+new", _("New patient...")), Option("+back", _("Back")))
            return ChoiceView(_("Patients"), self.message or _("Choose a patient."), options,
                              min(self.focus, len(options) - 1), token="therapist-patients")
        if self.mode == "new":
            return FormView(_("New patient"), (FormRow(_("Patient id (a pseudonym)"), self.new_id + "|", False),),
                            0, _("Type an id such as P017, Enter to create it, Esc to go back."),
                            self.message, text_entry=True, token="therapist-new")
        if self.mode == "patient":
            if self.capturing:
                hint = (_("Press the key (or pedal) that should answer {value}. "
                        "Esc cancels.").format(value=_action_word(self.capturing)))
            else:
                hint = (_("Up/Down choose, Left/Right change; on Name, type; on a key row, Enter "
                        "learns a key and Backspace resets. Enter on Save keeps the changes."))
            return FormView(_("Patient {patient}").format(patient=self.patient.patient), self._patient_rows(), self.focus,
                            hint, self.message,
                            text_entry=self._patient_fields()[self.focus] == "name",
                            capture_key=bool(self.capturing),
                            token=("therapist-patient", self.patient.patient, self.capturing))
        if self.mode == "treatment":
            assert self.patient is not None and self.treatment is not None
            return FormView(_("Other treatments: {patient}").format(patient=self.patient.patient),
                            self._treatment_rows(), self.focus,
                            _("Up/Down choose; on Date and Kind, Left/Right change; on Name, Dose "
                              "and Note, type. Enter on Record keeps the entry."),
                            self.message,
                            text_entry=TREATMENT_FIELDS[self.focus] in TYPED_TREATMENT_FIELDS
                            if self.focus < len(TREATMENT_FIELDS) else False,
                            token=("therapist-treatment", self.patient.patient))
        if self.mode == "progress":
            assert self.progress_view is not None
            return self.progress_view
        if self.mode == "plans":
            options = tuple(Option(n, n) for n in self.services.plan_names()) + (Option("+back", _("Back")),)
            return ChoiceView(_("Plans"), self.message or _("Choose a plan to change."), options,
                              min(self.focus, len(options) - 1), token="therapist-plans")
        return FormView(_("Plan: {plan_name}").format(plan_name=self.plan_name), self._plan_rows(), self.focus,
                        _("Up/Down choose, Left/Right change; Enter on Save checks the plan and "
                        "saves it."), self.message, token=("therapist-plan", self.plan_name))

    def _menu_options(self) -> tuple[Option, ...]:
        return (Option("patients", _("Patients: settings and progress"), "1"),
                Option("plans", _("Plans: change a plan's numbers"), "2"),
                Option("back", _("Leave therapist mode"), "3"))

    def _patient_fields(self) -> list[str]:
        return ["limb", "plan", "skin", "text", "contrast", "left_key", "right_key", "name",
                "condition", "language", "progress", "treatments", "pictures", "save", "back"]

    def _patient_rows(self) -> tuple[FormRow, ...]:
        p = self.patient
        assert p is not None
        return (FormRow(_("Affected limb"), p.affected_words()), FormRow(_("Plan"), p.plan),
                FormRow(_("Picture skin tone"), _(SKIN_TONE_WORDS.get(p.skin_tone, p.skin_tone))), FormRow(_("Text size"), f"{p.text_scale:.2f}"),
                FormRow(_("High contrast"), _("on") if p.high_contrast else _("off")),
                FormRow(_("Keys that answer LEFT"), self._keys_text("left"), False),
                FormRow(_("Keys that answer RIGHT"), self._keys_text("right"), False),
                FormRow(_("Display name"), p.display_name + ("|" if self._patient_fields()[self.focus] == "name" else ""),
                        False),
                FormRow(_("Condition"), _(CONDITION_WORDS[p.condition])),
                FormRow(_("Language"), LANGUAGES[p.language or SOURCE_LANGUAGE]),
                action_row(_("See progress")),
                action_row(_("Other treatments ({count} recorded)").format(
                    count=len(self.treatments))),
                action_row(ngettext("Own hand pictures ({count} taken)",
                                    "Own hand pictures ({count} taken)",
                                    self.own_pictures).format(count=self.own_pictures)),
                action_row(_("Save")), action_row(_("Back")))

    def _treatment_rows(self) -> tuple[FormRow, ...]:
        """The entry being written, then the latest entries already recorded (read only)."""
        t = self.treatment
        assert t is not None and self.patient is not None
        typing = TREATMENT_FIELDS[self.focus] if self.focus < len(TREATMENT_FIELDS) else ""
        cursor = {f: "|" if f == typing else "" for f in TYPED_TREATMENT_FIELDS}
        name_label = _("Medicine's name") if t.kind in MEDICINE_KINDS else _("What (optional)")
        rows = [FormRow(_("Date"), format_date(t.on)),
                FormRow(_("Kind"), _(TREATMENT_KINDS[t.kind][0])),
                FormRow(name_label, t.name + cursor["name"], False),
                FormRow(_("Dose (as text)"), t.dose + cursor["dose"], False),
                FormRow(_("Note"), t.note + cursor["note"], False),
                action_row(_("Record")), action_row(_("Back"))]
        for entry in reversed(self.treatments[-RECENT_TREATMENTS_SHOWN:]):
            rows.append(FormRow(_("Recorded {day}").format(day=format_date(entry.on)),
                                entry.words(), False))
        return tuple(rows)

    def _keys_text(self, side: str) -> str:
        assert self.patient is not None
        if self.capturing == side:
            return _("press a key...")
        return ", ".join(key_label(name) for name in self.patient.keys.get(side, ()))

    def _learn_key(self, side: str, name: str) -> None:
        """One extra key (a pedal's, say) beside the usual ones, unless another action has it."""
        p = self.patient
        assert p is not None
        taken = next((a for a, names in p.keys.items() if name in names and a != side), None)
        if taken:
            self.message = _("'{name}' already means {value}; press another key, or Esc.").format(name=name, value=_action_word(taken))
            return
        keys = dict(p.keys)
        keys[side] = tuple(dict.fromkeys((*DEFAULT_KEYS[side], name)))
        self.patient = replace(p, keys=keys)
        self.capturing = ""
        self.message = (_("'{name}' now answers {value}. Save to keep it; it works from "
                        "the next start of the trainer.").format(name=name, value=_action_word(side)))

    def _plan_settings(self) -> list[Setting]:
        return settings(parse_plan(self.plan_text, self.plan_file))

    def _plan_rows(self) -> tuple[FormRow, ...]:
        rows = [FormRow(s.label, f"{s.value:g}") for s in self._plan_settings()]
        return tuple(rows) + (action_row(_("Save")), action_row(_("Back")))

    # -- what happens -------------------------------------------------------------------
    def tick(self, now_s: float) -> None:
        if self.capture is not None:
            self.capture.tick(now_s)

    def shown(self, screen: Screen, flip_s: float) -> None:
        pass

    def handle(self, inp: Input) -> None:
        if inp.action == act.QUIT:
            self.finished = True
            return
        if self.capture is not None:
            self.capture.handle(inp)
            if self.capture.finished:
                self._end_capture()
            return
        if inp.action == act.SELECT and isinstance(inp.value, tuple) and inp.value[0] == "row":
            # A click on a row chooses it; on a row that is an action (Save, Back...) it acts.
            view = self._view()
            self.focus = inp.value[1]
            if isinstance(view, FormView) and view.rows[self.focus].acts:
                inp = Input(act.CONFIRM, inp.t_s, None, inp.device)
            else:
                return
        handler = getattr(self, f"_on_{self.mode}")
        handler(inp)

    def _on_pin(self, inp: Input) -> None:
        if inp.action == act.SELECT and isinstance(inp.value, int) and 0 <= inp.value <= 9:
            self.pin = (self.pin + str(inp.value))[:PIN_MAX_DIGITS]
        elif inp.action == act.BACK:
            self.pin = self.pin[:-1]
        elif inp.action == act.PAUSE:
            self.finished = True
        elif inp.action == act.CONFIRM:
            ok, message = self.services.check_pin(self.pin)
            self.pin = ""
            if ok:
                self._go("menu")
            else:
                self.message = message

    def _on_menu(self, inp: Input) -> None:
        self.focus, choice = pick(inp, [o.id for o in self._menu_options()], self.focus)
        if inp.action == act.PAUSE or choice == "back":
            self.finished = True
        elif choice:
            self._go(choice)

    def _on_patients(self, inp: Input) -> None:
        ids = self.services.patients() + ["+new", "+back"]
        self.focus, choice = pick(inp, ids, min(self.focus, len(ids) - 1))
        if inp.action == act.PAUSE or choice == "+back":
            self._go("menu")
        elif choice == "+new":
            self.new_id = ""
            self._go("new")
        elif choice:
            self.saved_patient = self.services.load_profile(choice)
            self.treatments = self.services.treatments_of(choice)
            self.own_pictures = self.services.own_pictures(choice)
            self.patient = self.saved_patient or Profile(choice, "hand", "right")
            self._go("patient")

    def _on_new(self, inp: Input) -> None:
        if inp.action == act.TEXT:
            self.new_id = (self.new_id + str(inp.value))[:40]
        elif inp.action == act.BACK:
            self.new_id = self.new_id[:-1]
        elif inp.action == act.PAUSE:
            self._go("patients")
        elif inp.action == act.CONFIRM:
            try:
                patient = check_patient_id(self.new_id)
            except ProfileError as error:
                self.message = str(error)
                return
            if patient in self.services.patients():
                self.message = _("{patient} exists already; choose it from the list.").format(patient=patient)
                return
            self.patient = Profile(patient, "hand", "right")
            self.saved_patient = None  # nothing on disk yet: leaving warns until it is saved
            self.treatments = []
            self.own_pictures = 0
            self._go("patient")
            self.message = _("New patient: set the affected limb, then Save.")

    def _on_patient(self, inp: Input) -> None:
        fields = self._patient_fields()
        field = fields[self.focus]
        p = self.patient
        assert p is not None
        if self.capturing:
            if inp.action == act.KEY:
                self._learn_key(self.capturing, str(inp.value))
            else:  # Esc, or a click: stop learning, change nothing
                self.capturing = ""
                self.message = ""
            return
        leaving = inp.action == act.PAUSE or (inp.action == act.CONFIRM and field == "back")
        if leaving:
            self._leave(p != self.saved_patient, "patients")
            return
        self.leave_armed = False
        if self._moved_focus(inp, len(fields)):
            return
        if inp.action in (act.LEFT, act.RIGHT):
            step = 1 if inp.action == act.RIGHT else -1
            if field == "limb":
                self.patient = p.with_affected(LIMB_CHOICES[_cycle(LIMBS, p.affected.choice, step)])
            elif field == "condition":
                self.patient = replace(p, condition=_cycle(CONDITIONS, p.condition, step))
            elif field == "language":
                self.patient = replace(p, language=_cycle(tuple(LANGUAGES), p.language or SOURCE_LANGUAGE, step))
            elif field == "plan" and self.services.plan_names():
                self.patient = replace(p, plan=_cycle(tuple(self.services.plan_names()), p.plan, step))
            elif field == "skin":
                self.patient = replace(p, skin_tone=_cycle(SKIN_TONES, p.skin_tone, step))
            elif field == "text":
                low, high = TEXT_SCALE_RANGE
                scale = round(min(high, max(low, p.text_scale + 0.05 * step)), 2)
                self.patient = replace(p, text_scale=scale)
            elif field == "contrast":
                self.patient = replace(p, high_contrast=not p.high_contrast)
        elif field == "name" and inp.action == act.TEXT:
            self.patient = replace(p, display_name=(p.display_name + str(inp.value))[:40])
        elif field == "name" and inp.action == act.BACK:
            self.patient = replace(p, display_name=p.display_name[:-1])
        elif field in ("left_key", "right_key") and inp.action == act.BACK:
            side = field.split("_")[0]
            self.patient = replace(p, keys={**p.keys, side: DEFAULT_KEYS[side]})
            self.message = _("{value} is answered by its usual keys again.").format(value=_action_word(side))
        elif field in ("left_key", "right_key") and inp.action == act.CONFIRM:
            self.capturing = field.split("_")[0]
            self.message = ""
        elif inp.action == act.CONFIRM:
            if field == "progress":
                self.progress_view = replace(self.services.progress_of(p.patient),
                                             back_label=N_("Back to the patient"))
                self.mode = "progress"
            elif field == "treatments":
                if self.saved_patient is None:
                    self.message = _("Save the new patient first; then record treatments.")
                    return
                self.treatment = TreatmentFacts(self.services.today(), "medicine_started")
                self._go("treatment")
            elif field == "pictures":
                self._start_capture(p)
            elif field == "save":
                self.services.save_profile(p)
                self.saved_patient = p
                self.message = _("Saved {patient}'s settings.").format(patient=p.patient)

    def _start_capture(self, p: Profile) -> None:
        """The pictures are of the intact side the saved profile names: unsaved changes (the
        affected limb, say) are saved first, on purpose, not by opening the camera."""
        if self.saved_patient is None:
            self.message = _("Save the new patient first; then take pictures.")
        elif p != self.saved_patient:
            self.message = _("Save the changes first; then take pictures.")
        else:
            try:
                self.capture = self.services.capture(p.patient)
            except ValueError as error:
                self.message = str(error)

    def _end_capture(self) -> None:
        assert self.patient is not None
        self.capture = None
        self.own_pictures = self.services.own_pictures(self.patient.patient)
        self.mode, self.message = "patient", ""
        self.focus = self._patient_fields().index("pictures")

    def _on_treatment(self, inp: Input) -> None:
        t = self.treatment
        assert t is not None and self.patient is not None
        rows = len(self._treatment_rows())
        field = TREATMENT_FIELDS[self.focus] if self.focus < len(TREATMENT_FIELDS) else ""
        if inp.action == act.PAUSE or (inp.action == act.CONFIRM and field == "back"):
            written = any((t.name, t.dose, t.note))
            self._leave(written, "patient")
            if self.mode == "patient":
                self.focus = self._patient_fields().index("treatments")
            return
        self.leave_armed = False
        if self._moved_focus(inp, rows):
            return
        if inp.action in (act.LEFT, act.RIGHT):
            step = 1 if inp.action == act.RIGHT else -1
            if field == "on":
                # Not after today: a treatment is recorded once it has happened.
                self.treatment = replace(t, on=min(self.services.today(),
                                                   t.on + timedelta(days=step)))
            elif field == "kind":
                self.treatment = replace(t, kind=_cycle(tuple(TREATMENT_KINDS), t.kind, step))
        elif field in TYPED_TREATMENT_FIELDS and inp.action == act.TEXT:
            text = (getattr(t, field) + str(inp.value))[:TREATMENT_TEXT_MAX_CHARS[field]]
            self.treatment = replace(t, **{field: text})
        elif field in TYPED_TREATMENT_FIELDS and inp.action == act.BACK:
            self.treatment = replace(t, **{field: getattr(t, field)[:-1]})
        elif inp.action == act.CONFIRM and field == "save":
            problem = self.services.add_treatment(self.patient.patient, t)
            if problem:
                self.message = problem
                return
            self.treatments = self.services.treatments_of(self.patient.patient)
            self.message = _("Recorded: {entry}, {day}.").format(entry=t.words(),
                                                                  day=format_date(t.on))
            self.treatment = TreatmentFacts(t.on, t.kind)
            self.focus = 0

    def _on_progress(self, inp: Input) -> None:
        assert self.progress_view is not None
        self.progress_view, leave = browse(self.progress_view, inp)
        if leave:
            self.mode = "patient"

    def _on_plans(self, inp: Input) -> None:
        names = self.services.plan_names() + ["+back"]
        self.focus, choice = pick(inp, names, min(self.focus, len(names) - 1))
        if inp.action == act.PAUSE or choice == "+back":
            self._go("menu")
        elif choice:
            try:
                self.plan_text, self.plan_file = self.services.plan_text(choice)
                parse_plan(self.plan_text, self.plan_file)
            except PlanError as error:
                self.message = error.problems[0]
                return
            self.plan_name = choice
            self.saved_plan_text = self.plan_text
            self._go("plan")

    def _on_plan(self, inp: Input) -> None:
        plan_settings = self._plan_settings()
        rows = len(plan_settings) + 2
        if inp.action == act.PAUSE or (inp.action == act.CONFIRM and self.focus == len(plan_settings) + 1):
            self._leave(self.plan_text != self.saved_plan_text, "plans")
            return
        self.leave_armed = False
        if self._moved_focus(inp, rows):
            return
        if inp.action in (act.LEFT, act.RIGHT) and self.focus < len(plan_settings):
            setting = plan_settings[self.focus]
            value = setting.moved(1 if inp.action == act.RIGHT else -1)
            self.plan_text = set_value(self.plan_text, setting.where, value)
            self.message = ""
        elif inp.action == act.CONFIRM and self.focus == len(plan_settings):
            try:
                parse_plan(self.plan_text, self.plan_file)
            except PlanError as error:
                self.message = error.problems[0]
                return
            self.services.save_plan(self.plan_name, self.plan_text)
            self.saved_plan_text = self.plan_text
            self.message = _("Saved {plan_file}.").format(plan_file=self.plan_file)

    def _moved_focus(self, inp: Input, rows: int) -> bool:
        """Up/Down on a form: the focus moves, wrapping round; True when it did."""
        if inp.action not in (act.UP, act.DOWN):
            return False
        self.focus = (self.focus + (1 if inp.action == act.DOWN else -1)) % rows
        return True

    def _leave(self, unsaved: bool, to: str) -> None:
        """Back from an editing screen: over unsaved changes, warn once before leaving."""
        if unsaved and not self.leave_armed:
            self.leave_armed = True
            self.message = (_("Not saved yet. Choose Save to keep the changes, or go Back again "
                            "(Esc) to leave without saving."))
            return
        self._go(to)

    def _go(self, mode: str) -> None:
        self.mode, self.focus, self.message = mode, 0, ""
        self.leave_armed = False


def _cycle(values: tuple[str, ...], current: str, step: int) -> str:
    index = values.index(current) if current in values else -step
    return values[(index + step) % len(values)]


def _action_word(action: str) -> str:
    """An answer as the screens name it: LEFT, RIGHT (in the patient's language); another
    action by its name in capitals."""
    return {"left": _("LEFT"), "right": _("RIGHT")}.get(action, action.upper())
