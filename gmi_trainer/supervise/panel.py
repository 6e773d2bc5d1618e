"""What the panel shows and does, given the session's records (read by the caller).

Keys (the key map's defaults): P (or Space, Esc) pauses or resumes the patient's session; S
then Enter skips the block on the patient's screen; N opens a note, Enter saves it into the
session's record. The buttons send the same meanings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, ClassVar

from gmi_trainer.core import inputs as act
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.views import Screen

SEND = Callable[[str, str], None]  # (command, text)


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
        if inp.action == act.QUIT:
            self.finished = True
            return
        if self.mode == "note":
            if inp.action == act.TEXT:
                self.note = (self.note + str(inp.value))[:500]
            elif inp.action == act.BACK:
                self.note = self.note[:-1]
            elif inp.action == act.CONFIRM and self.note.strip():
                self._send("note", self.note.strip(), "Note saved in the session's record.")
                self.mode, self.note = "watch", ""
            elif inp.action == act.PAUSE:  # Esc: close the note without saving
                self.mode, self.note, self.message = "watch", "", "Note discarded."
            return
        if self.mode == "confirm_skip":
            if inp.action == act.CONFIRM or inp.action == act.SELECT and inp.value == "skip":
                self._send("skip_block", "", "Block skipped.")
            else:
                self.message = "Not skipped."
            self.mode = "watch"
            return
        # A key's meaning, or a clicked button's id: each button is named after its meaning.
        choice = inp.value if inp.action == act.SELECT else inp.action
        if choice == act.PAUSE:
            self._send("pause", "", "Pause or resume sent.")
        elif choice == act.SKIP:
            if self.session:
                self.mode, self.message = "confirm_skip", ""
        elif choice == act.NOTE:
            if self.session:
                self.mode, self.message = "note", ""

    def _send(self, command: str, text: str, done: str) -> None:
        if not self.session:
            self.message = "No session is running."
            return
        try:
            self.send(command, text)
            self.message = done
        except OSError as error:
            self.message = f"Could not reach the session: {error.strerror or error}"
