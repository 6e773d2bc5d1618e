"""Therapist mode: the PIN guards it; profiles and plans change only in valid ways."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from gmi_trainer.app.paths import Paths
from gmi_trainer.app.therapist_services import FileTherapistServices
from gmi_trainer.core import inputs as act
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.therapist import FormView, TherapistFlow
from gmi_trainer.core.views import ChoiceView, PausedView, ProgressView
from gmi_trainer.records.treatments import read_treatments
from gmi_trainer.plans.loader import load_plan
from gmi_trainer.profiles.pin import PinStore
from gmi_trainer.profiles.store import load_profile, save_profile
from gmi_trainer.profiles.model import Profile

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture
def mode(tmp_path: Path) -> TherapistFlow:
    exercises = tmp_path / "exercises"
    exercises.mkdir()
    for name in ("default", "clinic"):
        (exercises / f"{name}.toml").write_text((PROJECT / "exercises" / f"{name}.toml").read_text())
    data = tmp_path / "data"
    PinStore(data).set_pin("246813")
    save_profile(data, Profile("P1", "hand", "left"))
    return TherapistFlow(FileTherapistServices(
        Paths(data, exercises, PROJECT / "media", "P1"),
        lambda p: ProgressView(f"Progress: {p}", ("When",), (), "none"),
        today=lambda: date(2026, 11, 30)))


def press(flow: TherapistFlow, action: str, value=None, times: int = 1) -> None:
    for _ in range(times):
        flow.handle(Input(action, 0.0, value))


def new_patient(flow: TherapistFlow, typed: str) -> None:
    """Unlock, choose New patient, type `typed` and press Enter."""
    unlock(flow)
    press(flow, act.SELECT, "patients")
    press(flow, act.SELECT, "+new")
    for ch in typed:
        press(flow, act.TEXT, ch)
    press(flow, act.CONFIRM)


def unlock(flow: TherapistFlow, pin: str = "246813") -> None:
    for digit in pin:
        press(flow, act.SELECT, int(digit))
    press(flow, act.CONFIRM)


def test_nothing_opens_without_the_right_pin(mode: TherapistFlow) -> None:
    unlock(mode, "1111")
    view = mode.screen(0).view
    assert isinstance(view, FormView) and "Wrong PIN" in view.message
    assert view.rows[0].value == "-"  # the typed digits are gone, never shown
    unlock(mode)
    assert isinstance(mode.screen(0).view, ChoiceView)


def test_a_patients_settings_are_changed_and_saved(mode: TherapistFlow, tmp_path: Path) -> None:
    unlock(mode)
    press(mode, act.SELECT, "patients")
    press(mode, act.SELECT, "P1")
    press(mode, act.RIGHT)  # affected limb: left hand -> right hand
    press(mode, act.DOWN)
    press(mode, act.RIGHT)  # plan: default -> clinic (the next, alphabetically)
    press(mode, act.DOWN, times=3)
    press(mode, act.RIGHT)  # high contrast on
    press(mode, act.DOWN, times=3)  # past the two answer-key rows, to the name
    for ch in "Ann":
        press(mode, act.TEXT, ch)
    press(mode, act.DOWN, times=6)  # past the condition, language, progress, treatments, pictures
    press(mode, act.CONFIRM)  # Save
    saved = load_profile(tmp_path / "data", "P1")
    assert (saved.affected_side, saved.affected_limb) == ("right", "hand")
    assert saved.plan == "clinic" and saved.high_contrast and saved.display_name == "Ann"


def test_a_plan_number_changes_within_its_limits_and_is_saved_valid(mode: TherapistFlow,
                                                                    tmp_path: Path) -> None:
    unlock(mode)
    press(mode, act.SELECT, "plans")
    press(mode, act.SELECT, "default")
    view = mode.screen(0).view
    labels = [row.label for row in view.rows]
    trials = labels.index("Hands: left or right?: pictures")
    deadline = labels.index("Hands: left or right?: answer deadline (ms)")
    press(mode, act.DOWN, times=trials)
    press(mode, act.RIGHT, times=2)  # 48 -> 56
    press(mode, act.DOWN, times=deadline - trials)
    press(mode, act.RIGHT, times=100)  # capped at the loader's limit, 30000 ms
    press(mode, act.DOWN, times=len(labels) - 2 - deadline)  # to Save
    press(mode, act.CONFIRM)
    assert "Saved" in mode.screen(0).view.message
    plan = load_plan(tmp_path / "exercises" / "default.toml")
    assert plan.laterality[0].trials == 56 and plan.laterality[0].deadline_ms == 30000
    assert "# Default plan" in (tmp_path / "exercises" / "default.toml").read_text()  # comments kept


def test_a_new_patient_needs_a_valid_pseudonym(mode: TherapistFlow, tmp_path: Path) -> None:
    new_patient(mode, "Jane Doe")
    assert "cannot be a patient id" in mode.screen(0).view.message
    press(mode, act.BACK, times=8)
    for ch in "P2":
        press(mode, act.TEXT, ch)
    press(mode, act.CONFIRM)
    press(mode, act.DOWN, times=13)  # past the condition, language, progress, treatments, pictures
    press(mode, act.CONFIRM)  # Save
    assert load_profile(tmp_path / "data", "P2") is not None


def test_mouse_alone_opens_and_saves(mode: TherapistFlow, tmp_path: Path) -> None:
    """Digits are on-screen buttons (SELECT n), rows are clickable, Save acts when clicked."""
    for digit in "246813":
        press(mode, act.SELECT, int(digit))
    press(mode, act.CONFIRM)  # the OK button
    press(mode, act.SELECT, "patients")
    press(mode, act.SELECT, "P1")
    press(mode, act.SELECT, ("row", 2))  # skin tone
    press(mode, act.RIGHT)  # the > button
    press(mode, act.SELECT, ("row", 13))  # Save (after the language, progress, treatments, pictures)
    assert load_profile(tmp_path / "data", "P1").skin_tone == "tan"


def test_leaving_with_unsaved_changes_warns_once_then_leaves_without_saving(mode: TherapistFlow,
                                                                            tmp_path: Path) -> None:
    unlock(mode)
    press(mode, act.SELECT, "patients")
    press(mode, act.SELECT, "P1")
    press(mode, act.PAUSE)  # nothing changed: Esc leaves at once
    assert isinstance(mode.screen(0).view, ChoiceView)
    press(mode, act.SELECT, "P1")
    press(mode, act.RIGHT)  # affected limb: left hand -> right hand
    press(mode, act.PAUSE)
    view = mode.screen(0).view
    assert isinstance(view, FormView) and "Not saved yet" in view.message
    press(mode, act.PAUSE)  # a second Esc: leave, dropping the change
    assert isinstance(mode.screen(0).view, ChoiceView)
    assert load_profile(tmp_path / "data", "P1").affected_side == "left"


def test_a_saved_plan_leaves_at_once_an_unsaved_one_warns_first(mode: TherapistFlow,
                                                                tmp_path: Path) -> None:
    unlock(mode)
    press(mode, act.SELECT, "plans")
    press(mode, act.SELECT, "default")
    rows = len(mode.screen(0).view.rows)
    press(mode, act.RIGHT)  # the first number goes up
    press(mode, act.DOWN, times=rows - 1)  # Back
    press(mode, act.CONFIRM)
    assert "Not saved yet" in mode.screen(0).view.message
    press(mode, act.UP)  # Save
    press(mode, act.CONFIRM)
    assert "Saved" in mode.screen(0).view.message
    press(mode, act.DOWN)  # Back
    press(mode, act.CONFIRM)
    assert isinstance(mode.screen(0).view, ChoiceView)
    assert (tmp_path / "exercises" / "default.toml").read_text() != (PROJECT / "exercises" / "default.toml").read_text()


def test_a_pedal_key_is_learned_for_an_answer_and_saved(mode: TherapistFlow, tmp_path: Path) -> None:
    """A foot pedal sends an ordinary key: press it once and it answers LEFT from then on."""
    unlock(mode)
    press(mode, act.SELECT, "patients")
    press(mode, act.SELECT, "P1")
    press(mode, act.DOWN, times=5)  # Keys that answer LEFT
    press(mode, act.CONFIRM)
    view = mode.screen(0).view
    assert view.capture_key and "LEFT" in view.hint
    press(mode, act.KEY, "l")  # already answers RIGHT: refused, still listening
    assert "already means RIGHT" in mode.screen(0).view.message and mode.screen(0).view.capture_key
    press(mode, act.KEY, "page up")
    view = mode.screen(0).view
    assert not view.capture_key and "'page up' now answers LEFT" in view.message
    assert view.rows[5].value == "Left arrow, A, Page up"
    press(mode, act.DOWN, times=8)  # past the condition, language, progress, treatments, pictures
    press(mode, act.CONFIRM)
    assert load_profile(tmp_path / "data", "P1").keys["left"] == ("left", "a", "page up")
    press(mode, act.UP, times=8)  # back on the LEFT keys row: Backspace resets them
    press(mode, act.BACK)
    assert mode.screen(0).view.rows[5].value == "Left arrow, A"
    press(mode, act.CONFIRM)  # learning again, then Esc: nothing changes
    press(mode, act.PAUSE)
    assert not mode.screen(0).view.capture_key and mode.screen(0).view.rows[5].value == "Left arrow, A"


def test_while_learning_a_key_every_key_but_esc_is_reported_by_name() -> None:
    from gmi_trainer.profiles.model import DEFAULT_KEYS
    from gmi_trainer.ui.keymap import KeyMap

    keymap = KeyMap(DEFAULT_KEYS)
    assert keymap.translate("return", "\r", False, capture=True) == (act.KEY, "return")
    assert keymap.translate("page up", "", False, capture=True) == (act.KEY, "page up")
    assert keymap.translate("escape", "\x1b", False, capture=True) == (act.PAUSE, None)
    assert keymap.translate("return", "\r", False) == (act.CONFIRM, None)


def _open_treatments(flow: TherapistFlow) -> None:
    unlock(flow)
    press(flow, act.SELECT, "patients")
    press(flow, act.SELECT, "P1")
    view = flow.screen(0).view
    row = next(i for i, r in enumerate(view.rows) if r.label.startswith("Other treatments"))
    assert view.rows[row].label == "Other treatments (0 recorded)"
    press(flow, act.SELECT, ("row", row))  # a click on the row opens it, as Enter would


def test_a_treatment_is_recorded_in_therapist_mode_and_listed(mode: TherapistFlow,
                                                              tmp_path: Path) -> None:
    _open_treatments(mode)
    view = mode.screen(0).view
    assert isinstance(view, FormView) and view.title == "Other treatments: P1"
    assert view.rows[0].value == "Nov 30, 2026" and view.rows[1].value == "Medicine started"
    press(mode, act.LEFT, times=3)  # three days ago
    press(mode, act.RIGHT, times=9)  # never after today
    press(mode, act.LEFT, times=2)
    press(mode, act.DOWN, times=2)
    assert mode.screen(0).view.text_entry  # the name row takes letters
    for ch in "pregabalin":
        press(mode, act.TEXT, ch)
    press(mode, act.DOWN)
    for ch in "75 mg":
        press(mode, act.TEXT, ch)
    press(mode, act.DOWN, times=2)
    press(mode, act.CONFIRM)  # Record
    view = mode.screen(0).view
    assert view.message == "Recorded: Medicine started: pregabalin 75 mg, Nov 28, 2026."
    assert view.rows[-1].label == "Recorded Nov 28, 2026"
    assert view.rows[-1].value == "Medicine started: pregabalin 75 mg"
    treatments, warnings = read_treatments(tmp_path / "data" / "P1")
    assert warnings == [] and len(treatments) == 1
    assert (treatments[0].on, treatments[0].kind, treatments[0].name, treatments[0].dose) == \
        (date(2026, 11, 28), "medicine_started", "pregabalin", "75 mg")
    assert oct((tmp_path / "data" / "P1" / "treatments.jsonl").stat().st_mode & 0o777) == "0o600"
    # The fields are empty again for the next entry; Back returns to the patient's row.
    assert mode.screen(0).view.rows[2].value == ""
    press(mode, act.PAUSE)
    view = mode.screen(0).view
    assert view.rows[view.focus].label == "Other treatments (1 recorded)"


def test_a_medicine_without_a_name_is_refused_and_nothing_written(mode: TherapistFlow,
                                                                  tmp_path: Path) -> None:
    _open_treatments(mode)
    press(mode, act.DOWN, times=5)
    press(mode, act.CONFIRM)
    assert "a medicine needs its name" in mode.screen(0).view.message
    assert read_treatments(tmp_path / "data" / "P1") == ([], [])
    # A procedure needs no name.
    press(mode, act.UP, times=4)
    press(mode, act.RIGHT, times=4)  # medicine started -> changed -> stopped -> TENS -> nerve block
    assert mode.screen(0).view.rows[1].value == "Nerve block"
    press(mode, act.DOWN, times=4)
    press(mode, act.CONFIRM)
    assert [t.kind for t in read_treatments(tmp_path / "data" / "P1")[0]] == ["nerve_block"]


def test_leaving_a_half_written_treatment_warns_once(mode: TherapistFlow) -> None:
    _open_treatments(mode)
    press(mode, act.DOWN, times=4)
    press(mode, act.TEXT, "x")  # a note
    press(mode, act.PAUSE)
    assert "Not saved yet" in mode.screen(0).view.message
    press(mode, act.PAUSE)
    assert mode.screen(0).view.title == "Patient P1"


def test_a_new_patient_is_saved_before_treatments_are_recorded(mode: TherapistFlow) -> None:
    new_patient(mode, "P2")
    view = mode.screen(0).view
    row = next(i for i, r in enumerate(view.rows) if r.label.startswith("Other treatments"))
    press(mode, act.SELECT, ("row", row))
    assert mode.screen(0).view.title == "Patient P2"
    assert "Save the new patient first" in mode.screen(0).view.message


def test_a_click_on_save_saves_in_a_language_where_enter_has_another_name(
        mode: TherapistFlow, tmp_path: Path) -> None:
    from gmi_trainer.i18n import use_language

    with use_language("fr"):  # the action rows' value reads "Entrée" here
        unlock(mode)
        press(mode, act.SELECT, "patients")
        press(mode, act.SELECT, "P1")
        press(mode, act.SELECT, ("row", 2))  # skin tone
        press(mode, act.RIGHT)
        view = mode.screen(0).view
        save = next(i for i, r in enumerate(view.rows) if r.label == "Enregistrer")
        press(mode, act.SELECT, ("row", save))
    assert load_profile(tmp_path / "data", "P1").skin_tone == "tan"


# -- the patient's own pictures, from therapist mode ----------------------------------------
def _with_capture(tmp_path: Path) -> tuple[TherapistFlow, list[tuple[str, str]]]:
    """Therapist mode whose services open the real capture flow (without a camera: the
    camera side is app/capture_runtime.py's, tested in test_capture)."""
    from gmi_trainer.app.capture_app import flow_for, setup_for

    flow = TherapistFlow(FileTherapistServices(
        Paths(tmp_path / "data", PROJECT / "exercises", PROJECT / "media", "P1"),
        lambda p: ProgressView(f"Progress: {p}", ("When",), (), "none"),
        today=lambda: date(2026, 11, 30), capture=None))
    opened: list[tuple[str, str]] = []
    paths = flow.services.paths

    def capture(patient: str, profile: Profile, for_therapist: bool = False) -> object:
        opened.append((patient, profile.intact_side))
        return flow_for(setup_for(paths, patient, profile), profile.keys, for_therapist=for_therapist)

    flow.services.start_capture = capture
    return flow, opened


def _pictures_row(flow: TherapistFlow) -> int:
    view = flow.screen(0).view
    return next(i for i, r in enumerate(view.rows) if r.label.startswith("Own hand pictures"))


def test_the_patient_row_takes_counts_and_deletes_own_pictures_by_keys(mode: TherapistFlow,
                                                                       tmp_path: Path) -> None:
    from gmi_trainer.capture import own_set
    from gmi_trainer.core.capture import CONFIRM_DELETE, INTRO, CaptureView

    flow, opened = _with_capture(tmp_path)
    data = tmp_path / "data"
    own_set.save_pair(data, "P1", "fist", "back", "right", b"png", b"png",
                      datetime(2026, 11, 30, tzinfo=timezone.utc))
    unlock(flow)
    press(flow, act.SELECT, "patients")
    press(flow, act.SELECT, "P1")
    row = _pictures_row(flow)
    assert flow.screen(0).view.rows[row].label == "Own hand pictures (1 taken)"
    press(flow, act.DOWN, times=row)
    press(flow, act.CONFIRM)
    # P1's left hand is affected: the camera is shown the right one only.
    assert opened == [("P1", "right")]
    screen = flow.screen(0)
    view = screen.view
    assert isinstance(view, CaptureView) and view.stage == INTRO and view.patient == "P1"
    assert view.title == "Own pictures: P1" and "right hand" in view.body
    assert "1 own picture taken (2 with the mirror twins)." in view.body
    assert screen.pause_label == "Pause"  # the patient is at the camera: pause, as for them
    press(flow, act.DOWN)
    press(flow, act.CONFIRM)  # Delete the pictures: asks first, with No chosen
    view = flow.screen(0).view
    assert view.stage == CONFIRM_DELETE and view.title == "Delete the own pictures of P1?"
    assert view.options[view.focus].id == "no"
    press(flow, act.CONFIRM)
    assert own_set.taken(data, "P1") == 1  # No keeps them
    press(flow, act.DOWN)
    press(flow, act.CONFIRM)
    press(flow, act.UP)
    press(flow, act.CONFIRM)  # Yes, delete them
    assert not own_set.folder(data, "P1").exists()
    assert "Deleted 2 pictures" in flow.screen(0).view.hints
    press(flow, act.PAUSE)  # pause is one key away on the capture's pages too...
    assert isinstance(flow.screen(0).view, PausedView)
    press(flow, act.SELECT, "end")  # ...and Stop taking pictures returns to the patient
    view = flow.screen(0).view
    assert isinstance(view, FormView) and view.focus == row
    assert view.rows[row].label == "Own hand pictures (0 taken)"


def test_the_own_pictures_row_works_by_mouse_alone_and_needs_saved_settings(
        mode: TherapistFlow, tmp_path: Path) -> None:
    from gmi_trainer.core.capture import INTRO, LOOKING, CaptureView

    flow, opened = _with_capture(tmp_path)
    for digit in "246813":
        press(flow, act.SELECT, int(digit))
    press(flow, act.CONFIRM)
    press(flow, act.SELECT, "patients")
    press(flow, act.SELECT, "P1")
    row = _pictures_row(flow)
    press(flow, act.SELECT, ("row", 0))
    press(flow, act.RIGHT)  # the affected limb changed, not saved: the side would be wrong
    press(flow, act.SELECT, ("row", row))
    assert opened == [] and "Save the changes first" in flow.screen(0).view.message
    press(flow, act.SELECT, ("row", row + 1))  # Save
    press(flow, act.SELECT, ("row", row))  # a click on the row opens the capture
    assert opened == [("P1", "left")]
    view = flow.screen(0).view
    assert isinstance(view, CaptureView) and view.stage == INTRO
    assert not next(o for o in view.options if o.id == "delete").enabled  # none to delete
    press(flow, act.SELECT, "start")
    assert flow.screen(0).view.stage == LOOKING
    press(flow, act.SELECT, "finish")
    press(flow, act.SELECT, "back")  # the summary page's only button
    assert isinstance(flow.screen(0).view, FormView) and flow.mode == "patient"


def test_without_a_camera_and_window_the_row_says_so(mode: TherapistFlow) -> None:
    unlock(mode)
    press(mode, act.SELECT, "patients")
    press(mode, act.SELECT, "P1")
    press(mode, act.SELECT, ("row", _pictures_row(mode)))
    view = mode.screen(0).view
    assert isinstance(view, FormView) and "needs a camera" in view.message
