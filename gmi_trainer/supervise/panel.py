"""What the panel shows and does, given the session's records (read by the caller).

Keys (PANEL_KEYS, always these: it is the therapist's window): P (or Space) pauses or resumes
the patient's session; S then Enter skips the block on the patient's screen; N opens a note,
Enter saves it into the session's record; Q or Esc closes the panel (Esc in a note closes
the note). The buttons send the same meanings. After the session ends the panel keeps its
figures and notes until it is closed or the patient starts another session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, ClassVar

from gmi_trainer.core import inputs as act
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.views import Screen
from gmi_trainer.i18n import _
from gmi_trainer.profiles.model import DEFAULT_KEYS

SEND = Callable[[str, str], None]  # (command, text)
PANEL_TITLE = "GMI Trainer: therapist's panel"  # the window's title, not the patient's
# The panel's keys: the usual ones, but Esc closes the panel instead of pausing (in the
# therapist's own window Esc means "close this", and a stray Esc must not pause the patient).
PANEL_KEYS: dict[str, tuple[str, ...]] = {**DEFAULT_KEYS, "pause": ("p", "space"),
                                          "exit": ("q", "escape")}


@dataclass(frozen=True)
class SupervisorView:
    patient: str
    session: str  # "" when no session is running
    figures: dict[str, Any]
    mode: str  # watch, confirm_skip, note
    note: str
    message: str
    token: Any = "supervisor"
    key_screen: ClassVar[str] = "supervisor"

    @property
    def text_entry(self) -> bool:
        """The window treats letters as typing while a note is open."""
        return self.mode == "note"

    @property
    def live(self) -> bool:
        """A session is running: pause, skip and notes can reach it."""
        return bool(self.session) and not self.figures.get("ended")


class SupervisorPanel:
    finished = False

    def __init__(self, patient: str, read: Callable[[], tuple[str, dict[str, Any]]],
                 send: SEND) -> None:
        self.patient, self.read, self.send = patient, read, send
        self.session, self.figures = "", {}
        self.mode, self.note, self.message = "watch", "", ""
        self.next_read_s = 0.0

    def screen(self, now_s: float) -> Screen:
        return Screen(SupervisorView(self.patient, self.session, self.figures, self.mode,
                                     self.note, self.message))

    def tick(self, now_s: float) -> None:
        if now_s >= self.next_read_s:  # the records change a few times a second at most
            self.session, self.figures = self.read()
            self.next_read_s = now_s + 0.5

    def shown(self, screen: Screen, flip_s: float) -> None:
        pass

    def handle(self, inp: Input) -> None:
        if inp.action == act.QUIT:  # the window's close button
            self.finished = True
            return
        if self.mode == "note":
            if inp.action == act.TEXT:
                self.note = (self.note + str(inp.value))[:500]
            elif inp.action == act.BACK:
                self.note = self.note[:-1]
            elif inp.action == act.CONFIRM and self.note.strip():
                if self._send("note", self.note.strip(), _("Note saved in the session's record.")):
                    self.mode, self.note = "watch", ""  # kept on screen if it could not go
            elif inp.action in (act.EXIT, act.PAUSE):  # Esc: close the note without saving
                self.mode, self.note, self.message = "watch", "", _("Note discarded.")
            return
        if self.mode == "confirm_skip":
            if inp.action == act.CONFIRM or inp.action == act.SELECT and inp.value == "skip":
                self._send("skip_block", "", _("Block skipped."))
            else:
                self.message = _("Not skipped.")
            self.mode = "watch"
            return
        # A key's meaning, or a clicked button's id: each button is named after its meaning.
        choice = inp.value if inp.action == act.SELECT else inp.action
        if choice == act.EXIT:
            self.finished = True
        elif choice == act.PAUSE:
            self._send("pause", "", _("Pause or resume sent."))
        elif choice == act.SKIP:
            if self.live:
                self.mode, self.message = "confirm_skip", ""
        elif choice == act.NOTE:
            if self.live:
                self.mode, self.message = "note", ""

    @property
    def live(self) -> bool:
        return bool(self.session) and not self.figures.get("ended")

    def _send(self, command: str, text: str, done: str) -> bool:
        if not self.live:
            self.message = _("No session is running.")
            return False
        try:
            self.send(command, text)
        except OSError as error:
            self.message = _("Could not reach the session: {why}").format(why=error.strerror or error)
            return False
        self.message = done
        return True
