"""The simple steps of a session: pain ratings, the closing note and checklist, phase
introductions, and the summary. Each step takes time and inputs, and says what to show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gmi_trainer.core import inputs as act
from gmi_trainer.core.context import SessionContext
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.views import ChecklistView, NoteView, Option, PainView
from gmi_trainer.vocabulary.unusual import OTHER
from gmi_trainer.vocabulary.unusual import UNUSUAL_ITEMS as VOCABULARY_ITEMS

UNUSUAL_ITEMS = tuple(Option(item, words, str(number))
                      for number, (item, words) in enumerate(VOCABULARY_ITEMS, start=1))


@dataclass(frozen=True)
class Due:
    """A timer's end. `shows_picture`: it puts a picture on screen, which the loop may start
    drawing early so that the flip showing it lands on `at_s` (a deadline, by contrast,
    must not be taken before it passes: an answer may still come)."""

    at_s: float
    shows_picture: bool = False


class Step:
    """One screen's worth of a session. Subclasses override what they need."""

    phase = ""  # "laterality", "imagery", "mirror", or "" for the steps around them
    label = ""
    finished = False

    def __init__(self, ctx: SessionContext) -> None:
        self.ctx = ctx

    def begin(self, now_s: float) -> None:
        """Called once when the step becomes current."""

    def view(self, now_s: float) -> Any:
        raise NotImplementedError

    def handle(self, inp: Input) -> None:
        pass

    def tick(self, now_s: float) -> None:
        pass

    def shown(self, token: Any, flip_s: float) -> None:
        """The display flipped a frame showing the view with this token at `flip_s`."""

    def next_due(self) -> Due | None:
        """This step's next timer (an interval's end, a deadline), so the loop can wake for
        it instead of at its next frame; None when nothing is timed."""
        return None

    @property
    def awaits_response(self) -> bool:
        """A picture is up (or about to be) whose answer is timed: nothing else on screen
        should change, so no redraw delays reading the answer's key."""
        return False

    def pause(self, now_s: float) -> None:
        pass

    def resume(self, now_s: float) -> None:
        pass

    def summary(self) -> dict[str, Any] | None:
        """This step's figures for the session summary, or None."""
        return None

    @property
    def holds_clock(self) -> bool:
        """True while the step waits for something that is not practice (a camera problem):
        the session's active time stops, as in a pause."""
        return False


class PainStep(Step):
    def __init__(self, ctx: SessionContext, moment: str) -> None:
        super().__init__(ctx)
        self.moment = moment
        self.value: int | None = None
        self.message = ""
        self.label = "Pain before" if moment == "before" else "Pain after"

    def view(self, now_s: float) -> PainView:
        when = "now, before you start" if self.moment == "before" else "now, after the session"
        return PainView(self.moment, f"How strong is your pain {when}?", self.value,
                        self.message, token=("pain", self.moment))

    def handle(self, inp: Input) -> None:
        if inp.action in (act.LEFT, act.DOWN):
            self.value = 0 if self.value is None else max(0, self.value - 1)
        elif inp.action in (act.RIGHT, act.UP):
            self.value = 0 if self.value is None else min(10, self.value + 1)
        elif inp.action == act.SELECT and isinstance(inp.value, int) and 0 <= inp.value <= 10:
            self.value = inp.value
        elif inp.action == act.CONFIRM or inp.action == act.SELECT and inp.value == "confirm":
            if self.value is None:
                self.message = "Choose a number from 0 to 10 first."
                return
            self.ctx.recorder.event("pain", self.ctx.rel(inp.t_s), moment=self.moment,
                                    value=self.value)
            self.finished = True
            return
        self.message = ""


class NoteStep(Step):
    label = "Note"
    MAX_CHARS = 500

    def __init__(self, ctx: SessionContext) -> None:
        super().__init__(ctx)
        self.text = ""

    def view(self, now_s: float) -> NoteView:
        return NoteView("Anything to note? (optional)",
                        "Type a note for yourself or your therapist, or just press Enter.",
                        self.text, self.MAX_CHARS, token="note")

    def handle(self, inp: Input) -> None:
        if inp.action == act.TEXT and isinstance(inp.value, str):
            printable = "".join(ch for ch in inp.value if ch.isprintable())
            self.text = (self.text + printable)[: self.MAX_CHARS]
        elif inp.action == act.BACK:
            self.text = self.text[:-1]
        elif inp.action == act.CONFIRM or inp.action == act.SELECT and inp.value == "confirm":
            note = self.text.strip()
            self.ctx.recorder.event("note", self.ctx.rel(inp.t_s), text=note)
            self.text = note
            self.finished = True


class UnusualStep(Step):
    """"Anything unusual?": possible adverse effects of mirror and imagery work.

    Enter means Done wherever the focus is (a foot pedal sends Enter); Up/Down move, Left/Right
    (or a number, or a click) tick the item in focus. Ticking "Something else" asks for its
    words there and then."""

    label = "Anything unusual?"
    OTHER_MAX_CHARS = 200

    def __init__(self, ctx: SessionContext) -> None:
        super().__init__(ctx)
        self.checked: set[str] = set()
        self.focus = 0
        self.other_text = ""
        self.asking_other = False
        self.draft = ""

    def view(self, now_s: float) -> ChecklistView | NoteView:
        if self.asking_other:
            return NoteView("What else did you notice?",
                            "Type a few words, then press Enter. (Enter with nothing typed "
                            "unticks it.)", self.draft, self.OTHER_MAX_CHARS,
                            token="unusual-other")
        items = tuple(Option(o.id, f"{o.label}: {self.other_text}", o.hint)
                      if o.id == OTHER and self.other_text else o for o in UNUSUAL_ITEMS)
        return ChecklistView(
            "Anything unusual during this session?",
            "Tick anything you noticed, then press Enter (Done). Nothing to tick? Just press "
            "Enter.", items, frozenset(self.checked), self.focus, token="unusual")

    def handle(self, inp: Input) -> None:
        if self.asking_other:
            self._handle_other(inp)
            return
        done_index = len(UNUSUAL_ITEMS)
        if inp.action == act.UP:
            self.focus = (self.focus - 1) % (done_index + 1)
        elif inp.action == act.DOWN:
            self.focus = (self.focus + 1) % (done_index + 1)
        elif inp.action in (act.LEFT, act.RIGHT):
            if self.focus < done_index:
                self._toggle(UNUSUAL_ITEMS[self.focus].id)
        elif inp.action == act.CONFIRM:
            self._done(inp.t_s)
        elif inp.action == act.SELECT:
            if inp.value in ("done", "confirm"):
                self._done(inp.t_s)
            elif isinstance(inp.value, int) and 1 <= inp.value <= done_index:
                self.focus = inp.value - 1
                self._toggle(UNUSUAL_ITEMS[inp.value - 1].id)
            elif any(item.id == inp.value for item in UNUSUAL_ITEMS):
                self.focus = [item.id for item in UNUSUAL_ITEMS].index(inp.value)
                self._toggle(inp.value)

    def _handle_other(self, inp: Input) -> None:
        if inp.action == act.TEXT and isinstance(inp.value, str):
            printable = "".join(ch for ch in inp.value if ch.isprintable())
            self.draft = (self.draft + printable)[: self.OTHER_MAX_CHARS]
        elif inp.action == act.BACK:
            self.draft = self.draft[:-1]
        elif inp.action == act.CONFIRM or inp.action == act.SELECT and inp.value == "confirm":
            self.other_text = self.draft.strip()
            self.asking_other = False
            if not self.other_text:
                self.checked.discard(OTHER)

    def _toggle(self, item: str) -> None:
        self.checked.symmetric_difference_update({item})
        if item == OTHER and item in self.checked:
            self.asking_other, self.draft = True, self.other_text

    def _done(self, t_s: float) -> None:
        items = [item.id for item in UNUSUAL_ITEMS if item.id in self.checked]
        self.ctx.recorder.event("unusual", self.ctx.rel(t_s), items=items,
                                other=self.other_text if OTHER in self.checked else None)
        if OTHER not in self.checked:
            self.other_text = ""
        self.finished = True
