"""The simple steps of a session: pain ratings, the closing note and checklist, phase
introductions, and the summary. Each step takes time and inputs, and says what to show."""

from __future__ import annotations

from typing import Any

from gmi_trainer.core import inputs as act
from gmi_trainer.core.context import SessionContext
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.views import ChecklistView, NoteView, Option, PainView

UNUSUAL_ITEMS = (
    Option("more_pain", "More pain than usual", "1"),
    Option("dizziness", "Dizziness", "2"),
    Option("sweating", "Sweating", "3"),
    Option("strong_emotion", "Strong emotion", "4"),
    Option("phantom_stuck", "Phantom limb felt stuck or frozen", "5"),
    Option("other", "Something else (say what in the note)", "6"),
)


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

    def pause(self, now_s: float) -> None:
        pass

    def resume(self, now_s: float) -> None:
        pass

    def summary(self) -> dict[str, Any] | None:
        """This step's figures for the session summary, or None."""
        return None


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
    """"Anything unusual?": possible adverse effects of mirror and imagery work."""

    label = "Anything unusual?"

    def __init__(self, ctx: SessionContext) -> None:
        super().__init__(ctx)
        self.checked: set[str] = set()
        self.focus = 0

    def view(self, now_s: float) -> ChecklistView:
        return ChecklistView(
            "Anything unusual during this session?",
            "Tick anything you noticed, then choose Done. Nothing to tick? Just choose Done.",
            UNUSUAL_ITEMS, frozenset(self.checked), self.focus, token="unusual")

    def handle(self, inp: Input) -> None:
        done_index = len(UNUSUAL_ITEMS)
        if inp.action in (act.UP, act.LEFT):
            self.focus = (self.focus - 1) % (done_index + 1)
        elif inp.action in (act.DOWN, act.RIGHT):
            self.focus = (self.focus + 1) % (done_index + 1)
        elif inp.action == act.CONFIRM:
            if self.focus == done_index:
                self._done(inp.t_s)
            else:
                self._toggle(UNUSUAL_ITEMS[self.focus].id)
        elif inp.action == act.SELECT:
            if inp.value == "done":
                self._done(inp.t_s)
            elif isinstance(inp.value, int) and 1 <= inp.value <= done_index:
                self.focus = inp.value - 1
                self._toggle(UNUSUAL_ITEMS[inp.value - 1].id)
            elif any(item.id == inp.value for item in UNUSUAL_ITEMS):
                self.focus = [item.id for item in UNUSUAL_ITEMS].index(inp.value)
                self._toggle(inp.value)

    def _toggle(self, item: str) -> None:
        self.checked.symmetric_difference_update({item})

    def _done(self, t_s: float) -> None:
        items = [item.id for item in UNUSUAL_ITEMS if item.id in self.checked]
        self.ctx.recorder.event("unusual", self.ctx.rel(t_s), items=items)
        self.finished = True
