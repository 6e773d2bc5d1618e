"""The simple steps of a session: pain ratings, the closing note and checklist, phase
introductions, and the summary. Each step takes time and inputs, and says what to show."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from gmi_trainer.core import inputs as act
from gmi_trainer.core.context import SessionContext
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.views import ChecklistView, NoteView, Option, PainView
from gmi_trainer.i18n import N_, _
from gmi_trainer.vocabulary.clinical import PAIN_HINTS, PAIN_KINDS, PAIN_QUESTIONS, SENSATION_ITEMS
from gmi_trainer.vocabulary.unusual import OTHER
from gmi_trainer.vocabulary.unusual import UNUSUAL_ITEMS as VOCABULARY_ITEMS

def _numbered(items: tuple[tuple[str, str], ...]) -> tuple[Option, ...]:
    return tuple(Option(item, words, str(number))
                 for number, (item, words) in enumerate(items, start=1))


UNUSUAL_ITEMS = _numbered(VOCABULARY_ITEMS)
SENSATIONS = _numbered(SENSATION_ITEMS)


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


def rating_after(value: int | None, inp: Input) -> int | None:
    """A 0-10 rating after an input that chooses one (arrows step, a number or a click picks),
    or None when the input does not choose a rating. Shared by every 0-10 question."""
    if inp.action in (act.LEFT, act.DOWN):
        return 0 if value is None else max(0, value - 1)
    if inp.action in (act.RIGHT, act.UP):
        return 0 if value is None else min(10, value + 1)
    if inp.action == act.SELECT and isinstance(inp.value, int) and not isinstance(inp.value, bool) \
            and 0 <= inp.value <= 10:
        return inp.value
    return None


def pain_kinds(ctx: SessionContext) -> tuple[str, ...]:
    """The pain scales this patient rates: the plan's phantom and/or residual limb pain after
    an amputation; one scale worded for them with CRPS."""
    if ctx.profile.condition == "crps":
        return ("crps",)
    return tuple(k for k in ctx.plan.pain.ask if k in PAIN_KINDS)


def asks_sensations(ctx: SessionContext) -> bool:
    return ctx.profile.condition != "crps" and "sensations" in ctx.plan.pain.ask


class PainStep(Step):
    """Pain 0-10 before or after the session, one question per kind (phantom limb pain,
    residual limb pain; one scale for CRPS). The `pain` event keeps `value`, the worst of the
    kinds, so every reader of a single rating (the main pain chart, stages) still reads one;
    `kinds` holds each kind's rating and `none_today` the kinds answered "none today"."""

    def __init__(self, ctx: SessionContext, moment: str) -> None:
        super().__init__(ctx)
        self.moment = moment
        self.kinds = pain_kinds(ctx)
        self.index = 0
        self.by_kind: dict[str, int] = {}
        self.none_today: list[str] = []
        self.value: int | None = None  # the rating being chosen; after the last: the worst
        self.message = ""
        self.label = N_("Pain before") if moment == "before" else N_("Pain after")

    def view(self, now_s: float) -> PainView:
        when = _("now, before you start") if self.moment == "before" else _("now, after the session")
        kind = self.kinds[self.index]
        question = _(PAIN_QUESTIONS[kind]).format(when=when, limb=self.ctx.profile.affected_words())
        step = _("Question {value} of {kinds}").format(value=self.index + 1, kinds=len(self.kinds)) if len(self.kinds) > 1 else ""
        return PainView(self.moment, question, self.value, self.message,
                        token=("pain", self.moment, kind), kind=kind, hint=_(PAIN_HINTS[kind]),
                        none_label=_("No {value} today").format(value=_(PAIN_KINDS[kind])) if kind != "crps" else _("No pain today"),
                        step=step)

    def handle(self, inp: Input) -> None:
        rated = rating_after(self.value, inp)
        if rated is not None:
            self.value = rated
        elif inp.action == act.SELECT and inp.value == "none":
            # One press for "none of this pain today": 0, and on to the next question.
            self.none_today.append(self.kinds[self.index])
            self._answer(0, inp.t_s)
            return
        elif inp.action == act.CONFIRM or inp.action == act.SELECT and inp.value == "confirm":
            if self.value is None:
                self.message = _("Choose a number from 0 to 10 first.")
                return
            self._answer(self.value, inp.t_s)
            return
        self.message = ""

    def _answer(self, value: int, t_s: float) -> None:
        self.by_kind[self.kinds[self.index]] = value
        self.message = ""
        if self.index + 1 < len(self.kinds):
            self.index += 1
            self.value = None
            return
        self.value = max(self.by_kind.values())
        self.ctx.recorder.event("pain", self.ctx.rel(t_s), moment=self.moment, value=self.value,
                                kinds=dict(self.by_kind), none_today=list(self.none_today))
        self.finished = True


class NoteStep(Step):
    label = N_("Note")
    MAX_CHARS = 500

    def __init__(self, ctx: SessionContext) -> None:
        super().__init__(ctx)
        self.text = ""

    def view(self, now_s: float) -> NoteView:
        return NoteView(_("Anything to note? (optional)"),
                        _("Type a note for yourself or your therapist, or just press Enter."),
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

    label = N_("Anything unusual?")
    OTHER_MAX_CHARS = 200
    ITEMS: tuple[Option, ...] = UNUSUAL_ITEMS
    TITLE = N_("Anything unusual during this session?")
    BODY = N_("Tick anything you noticed, then press Enter (Done). Nothing to tick? Just press "
              "Enter.")

    def __init__(self, ctx: SessionContext) -> None:
        super().__init__(ctx)
        self.checked: set[str] = set()
        self.focus = 0
        self.other_text = ""
        self.asking_other = False
        self.draft = ""

    def view(self, now_s: float) -> ChecklistView | NoteView:
        if self.asking_other:
            return NoteView(_("What else did you notice?"),
                            _("Type a few words, then press Enter. (Enter with nothing typed "
                            "unticks it.)"), self.draft, self.OTHER_MAX_CHARS,
                            token="unusual-other")
        items = tuple(Option(o.id, f"{_(o.label)}: {self.other_text}", o.hint)
                      if o.id == OTHER and self.other_text else replace(o, label=_(o.label))
                      for o in self.ITEMS)
        return ChecklistView(_(self.TITLE), _(self.BODY), items, frozenset(self.checked), self.focus,
                             token=self.token())

    def token(self) -> Any:
        return "unusual"

    def handle(self, inp: Input) -> None:
        if self.asking_other:
            self._handle_other(inp)
            return
        done_index = len(self.ITEMS)
        if inp.action == act.UP:
            self.focus = (self.focus - 1) % (done_index + 1)
        elif inp.action == act.DOWN:
            self.focus = (self.focus + 1) % (done_index + 1)
        elif inp.action in (act.LEFT, act.RIGHT):
            if self.focus < done_index:
                self._toggle(self.ITEMS[self.focus].id)
        elif inp.action == act.CONFIRM:
            self._done(inp.t_s)
        elif inp.action == act.SELECT:
            if inp.value in ("done", "confirm"):
                self._done(inp.t_s)
            elif isinstance(inp.value, int) and 1 <= inp.value <= done_index:
                self.focus = inp.value - 1
                self._toggle(self.ITEMS[inp.value - 1].id)
            elif any(item.id == inp.value for item in self.ITEMS):
                self.focus = [item.id for item in self.ITEMS].index(inp.value)
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
        items = [item.id for item in self.ITEMS if item.id in self.checked]
        if OTHER not in self.checked:
            self.other_text = ""
        self.record(items, t_s)
        self.finished = True

    def record(self, items: list[str], t_s: float) -> None:
        self.ctx.recorder.event("unusual", self.ctx.rel(t_s), items=items,
                                other=self.other_text or None)


class SensationStep(UnusualStep):
    """Phantom sensations that are not painful, before or after the session: a short list and
    words for anything else; Enter with nothing ticked records that there were none."""

    ITEMS = SENSATIONS
    TITLE = N_("Phantom sensations that do not hurt")
    BODY = N_("Do you feel the missing part of your limb in a way that is not painful? Tick what "
            "you feel, then Enter (Done). None? Just press Enter.")

    def __init__(self, ctx: SessionContext, moment: str) -> None:
        super().__init__(ctx)
        self.moment = moment
        self.label = N_("Sensations before") if moment == "before" else N_("Sensations after")

    def token(self) -> Any:
        return ("sensations", self.moment)

    def record(self, items: list[str], t_s: float) -> None:
        self.ctx.recorder.event("sensations", self.ctx.rel(t_s), moment=self.moment,
                                present=bool(items), items=items, other=self.other_text or None)

    def summary_entry(self) -> dict[str, Any] | None:
        """For the manifest: {present, items, other}, or None if not answered."""
        if not self.finished:
            return None
        items = [item.id for item in self.ITEMS if item.id in self.checked]
        return {"present": bool(items), "items": items, "other": self.other_text or None}
