"""The guided capture of the patient's own pictures: the rules, with no camera in them.

The camera side (app/capture_runtime.py) watches the hand and tells this flow what it saw
(CAPTURE_LOOK: is a hand there, how close to the posture, how much of the still hold is
done; CAPTURE_TAKEN: the picture was taken and stored; CAPTURE_CAMERA: the camera's state).
The flow decides what the screen says, which posture comes next, and what keys and clicks
do: Enter takes the picture now (when a hand is seen), Right arrow or S skips a posture,
Left arrow goes back to the one before (or retakes the one just taken); pause is one key
away, as on every screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Mapping, Sequence

from gmi_trainer.core import inputs as act
from gmi_trainer.core.choice import pause_choice, pause_options, pick
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.views import Option, PausedView, Screen
from gmi_trainer.i18n import N_, _, ngettext
from gmi_trainer.profiles.model import DEFAULT_KEYS, first_key_label

CAPTURE_LOOK = "capture_look"  # value: CaptureLook
CAPTURE_TAKEN = "capture_taken"  # value: CaptureTaken
CAPTURE_CAMERA = "capture_camera"  # value: the camera's problem in words, or "" when live
SHOW_TAKEN_S = 2.0  # a taken picture is shown this long before the next posture
# What a patient can check when the camera shows nothing (the mirror's checks, with the way
# out this screen has: it does not try the camera again by itself).
CAMERA_CHECKS = N_(
    "Please check that the camera is plugged in (or switched on), that its cover or privacy "
    "slider is open, and that no other program, such as a video call, is using it. Then "
    "choose Finish and start again.")
INTRO, LOOKING, TAKEN, CONFIRM_DELETE, DONE = "intro", "looking", "taken", "confirm_delete", "done"


@dataclass(frozen=True)
class CaptureTarget:
    key: str  # "fist:back"
    words: str  # "Fist, back of the hand to the camera"
    picture_file: str  # the library picture to copy


@dataclass(frozen=True)
class CaptureLook:
    hand_found: bool
    match: float  # 0..1; 0.5 is the tolerance
    held: float  # 0..1
    target_key: str | None = None  # the posture the hand was compared with
    waiting_for_change: bool = False  # still the posture just taken: change it first


@dataclass(frozen=True)
class CaptureTaken:
    target_key: str
    files: tuple[str, ...]  # the stored picture and its twin


@dataclass(frozen=True)
class CaptureView:
    stage: str
    title: str
    body: str
    options: tuple[Option, ...] = ()
    focus: int = 0
    target: CaptureTarget | None = None
    number: int = 0  # 1-based, of `count`
    count: int = 0
    look: CaptureLook | None = None
    camera_problem: str = ""
    taken_files: tuple[str, ...] = ()
    take_requests: int = 0  # goes up by one each time the patient asks for the picture now
    hints: str = ""
    patient: str = ""  # whose pictures, when a therapist opened the capture for them
    token: Any = None
    key_screen: ClassVar[str] = "capture"


@dataclass
class CaptureServices:
    """What the flow may do outside itself: how many own pictures there are (a line of
    text) and deleting them (returns how many were removed)."""

    summary: Callable[[], str]
    delete: Callable[[], int]
    has_pictures: Callable[[], bool]


class CaptureFlow:
    """`start_at_intro`: from the home screen the patient first sees what this is and may
    delete an earlier set; `gmi-trainer capture` goes straight to the camera. `patient`:
    opened by a therapist for that patient (therapist mode), so the first page and the
    question before deleting speak to the therapist about the patient; the camera pages
    speak to the patient, who is the one copying the postures."""

    def __init__(self, targets: Sequence[CaptureTarget], services: CaptureServices,
                 intact_words: str, keys: Mapping[str, Sequence[str]] = DEFAULT_KEYS,
                 start_at_intro: bool = True, patient: str = "") -> None:
        self.patient = patient
        self.targets = list(targets)
        self.services = services
        self.intact_words = intact_words  # "right hand"
        self.keys = keys
        self.stage = INTRO if start_at_intro else LOOKING
        self.index = 0
        self.focus = 0
        self.look: CaptureLook | None = None
        self.camera_problem = ""
        self.taken: dict[str, tuple[str, ...]] = {}
        self.skipped: set[str] = set()
        self.taken_files: tuple[str, ...] = ()
        self.taken_at_s = 0.0
        self.take_requests = 0
        self.message = ""
        self.paused = False
        self.pause_focus = 0
        self.finished = False
        self.now_s = 0.0
        if not self.targets and self.stage == LOOKING:
            self.stage = DONE

    # -- the loop's calls -----------------------------------------------------------------
    def screen(self, now_s: float) -> Screen:
        view: Any = self._view()
        if self.paused:
            view = PausedView(view, _("Paused"), pause_options(self.keys, _("Stop taking pictures")),
                              self.pause_focus, subtitle=_("The camera keeps nothing while paused."))
        return Screen(view, extras={"phase": "capture"})

    def tick(self, now_s: float) -> None:
        self.now_s = now_s
        if self.stage == TAKEN and not self.paused and now_s - self.taken_at_s >= SHOW_TAKEN_S:
            self._next()

    def shown(self, screen: Screen, flip_s: float) -> None:
        pass

    def handle(self, inp: Input) -> None:
        if inp.action == act.QUIT:
            self.finished = True
            return
        if inp.action == CAPTURE_LOOK:
            self.look = inp.value
            return
        if inp.action == CAPTURE_CAMERA:
            self.camera_problem = str(inp.value or "")
            return
        if inp.action == CAPTURE_TAKEN:
            self._taken(inp.value, inp.t_s)
            return
        if self.paused:
            self.pause_focus, choice = pause_choice(inp, self.pause_focus)
            if choice == "resume":
                self.paused = False
            elif choice == "end":
                self.paused = False
                self.stage = DONE if self.stage != INTRO else self.stage
                self.finished = self.stage == INTRO
            return
        if inp.action == act.PAUSE:
            self.paused, self.pause_focus = True, 0
            return
        {INTRO: self._handle_intro, LOOKING: self._handle_looking, TAKEN: self._handle_taken,
         CONFIRM_DELETE: self._handle_delete, DONE: self._handle_done}[self.stage](inp)

    # -- what each stage does -------------------------------------------------------------
    def _intro_options(self) -> tuple[Option, ...]:
        confirm = first_key_label(self.keys, act.CONFIRM)
        if self.patient:
            return (Option("start", _("Take the pictures"), confirm),
                    Option("delete", _("Delete the pictures"), enabled=self.services.has_pictures()),
                    Option("back", _("Back")))
        return (Option("start", _("Take my pictures"), confirm),
                Option("delete", _("Delete my pictures"), enabled=self.services.has_pictures()),
                Option("back", _("Back to home")))

    def _handle_intro(self, inp: Input) -> None:
        options = self._intro_options()
        self.focus, choice = pick(inp, [o.id for o in options], self.focus)
        if choice == "start":
            self.stage, self.index, self.message = LOOKING, 0, ""
            if not self.targets:
                self.stage = DONE
        elif choice == "delete" and options[1].enabled:
            self.stage, self.focus = CONFIRM_DELETE, 1  # "No" first: deleting needs a choice
        elif choice == "back":
            self.finished = True

    def _handle_delete(self, inp: Input) -> None:
        self.focus, choice = pick(inp, ["yes", "no"], self.focus)
        if choice == "yes":
            removed = self.services.delete()
            self.message = ngettext("Deleted {count} picture. The drawn pictures are used again.",
                                    "Deleted {count} pictures. The drawn pictures are used again.",
                                    removed).format(count=removed)
            self.stage, self.focus = INTRO, 0
        elif choice == "no":
            self.stage, self.focus = INTRO, 0

    def _handle_looking(self, inp: Input) -> None:
        if inp.action in (act.RIGHT, act.SKIP) or (inp.action == act.SELECT and inp.value == "skip"):
            self.skipped.add(self.targets[self.index].key)
            self._next()
        elif inp.action == act.LEFT or (inp.action == act.SELECT and inp.value == "previous"):
            self.index = max(0, self.index - 1)
            self.look = None
        elif inp.action == act.CONFIRM or (inp.action == act.SELECT and inp.value == "take"):
            if self.look is not None and self.look.hand_found:
                self.take_requests += 1
            else:
                self.message = _("No hand seen yet: hold your {hand} up to the camera.").format(
                    hand=self.intact_words)
        elif inp.action == act.SELECT and inp.value == "finish":
            self.stage = DONE

    def _handle_taken(self, inp: Input) -> None:
        if inp.action == act.LEFT or (inp.action == act.SELECT and inp.value == "retake"):
            self.stage, self.look = LOOKING, None
        elif inp.action in (act.CONFIRM, act.RIGHT) or (inp.action == act.SELECT and inp.value == "next"):
            self._next()

    def _handle_done(self, inp: Input) -> None:
        if inp.action in (act.CONFIRM, act.BACK) or inp.action == act.SELECT:
            self.finished = True

    def _taken(self, taken: CaptureTaken, t_s: float) -> None:
        if self.stage != LOOKING:
            return
        self.taken[taken.target_key] = taken.files
        self.skipped.discard(taken.target_key)
        self.taken_files, self.taken_at_s, self.stage = taken.files, t_s, TAKEN
        self.message, self.look = "", None

    def _next(self) -> None:
        self.look, self.message = None, ""
        remaining = [i for i in range(len(self.targets))
                     if self.targets[i].key not in self.taken and i > self.index]
        remaining += [i for i in range(self.index + 1)
                      if self.targets[i].key not in self.taken and self.targets[i].key not in self.skipped]
        if remaining:
            self.index, self.stage = remaining[0], LOOKING
        else:
            self.stage = DONE

    # -- the view -------------------------------------------------------------------------
    def _view(self) -> CaptureView:
        count = len(self.targets)
        if self.stage == INTRO:
            if self.patient:  # a therapist reads this, about the patient
                title = _("Own pictures: {patient}").format(patient=self.patient)
                text = _("Pictures of the patient's own hand can replace the drawn ones. The "
                         "patient shows only the {hand}: the camera takes each posture when it "
                         "is held still, and the program makes the other hand's picture as its "
                         "mirror image. The pictures stay on this computer, in the patient's "
                         "folder; nothing else from the camera is kept.")
            else:
                title = _("Pictures of my own hand")
                text = _("The program can use pictures of your own hand instead of drawn ones. "
                         "You show only your {hand}: the camera takes each posture when "
                         "you hold it still, and the program makes the other hand's picture as its "
                         "mirror image. The pictures stay on this computer, in your folder; nothing "
                         "else from the camera is kept.")
            body = text.format(hand=self.intact_words) + " " + self.services.summary()
            return CaptureView(INTRO, title, body, self._intro_options(), self.focus,
                               hints=self.message, patient=self.patient, token=(INTRO, self.message))
        if self.stage == CONFIRM_DELETE:
            title, body = _("Delete your own pictures?"), _(
                "They are removed from this computer. The drawn pictures are used again until "
                "you take new ones.")
            if self.patient:
                title = _("Delete the own pictures of {patient}?").format(patient=self.patient)
                body = _("They are removed from this computer. The drawn pictures are used "
                         "again until new ones are taken.")
            return CaptureView(CONFIRM_DELETE, title, body,
                               (Option("yes", _("Yes, delete them")), Option("no", _("No, keep them"))),
                               self.focus, patient=self.patient, token=CONFIRM_DELETE)
        if self.stage == DONE:
            taken, skipped = len(self.taken), count - len(self.taken)
            body = (ngettext("{taken} of {count} posture taken, each with its mirror twin.",
                             "{taken} of {count} postures taken, each with its mirror twin.",
                             count).format(taken=taken, count=count)
                    + (" " + ngettext("{skipped} not taken: the drawn picture stands in for it.",
                                      "{skipped} not taken: the drawn pictures stand in for them.",
                                      skipped).format(skipped=skipped) if skipped else "")
                    + " " + _("Your therapist's plan decides when your own pictures are used."))
            return CaptureView(DONE, _("Thank you"), body,
                               (Option("back", _("Back"), first_key_label(self.keys, act.CONFIRM)),),
                               0, taken_files=self.taken_files, token=(DONE, taken))
        target = self.targets[self.index]
        skip = first_key_label(self.keys, act.RIGHT)
        back = first_key_label(self.keys, act.LEFT)
        confirm = first_key_label(self.keys, act.CONFIRM)
        if self.stage == TAKEN:
            return CaptureView(TAKEN, _("Got it"), _("{posture}: taken, and its mirror twin made.").format(
                               posture=target.words),
                               (Option("retake", _("Take it again"), back),
                                Option("next", _("Next posture"), confirm)),
                               1, target, self.index + 1, count, taken_files=self.taken_files,
                               token=(TAKEN, self.index))
        body = (_("Copy the picture with your {hand} inside the outline and hold it "
                "still: the picture is taken by itself.").format(hand=self.intact_words))
        return CaptureView(LOOKING, target.words, body,
                           (Option("previous", _("Previous"), back), Option("take", _("Take it now"), confirm),
                            Option("skip", _("Skip this one"), skip), Option("finish", _("Finish"))),
                           1, target, self.index + 1, count, self.look, self.camera_problem,
                           take_requests=self.take_requests, hints=self.message,
                           # A new posture, or the camera failing, is a new screen to answer.
                           token=(LOOKING, self.index, bool(self.camera_problem)))

