"""The weekly outcome measures: when they are due, and the step that asks them.

Once a week, at the start of a session, the patient is offered the Brief Pain Inventory's
seven interference items (0-10) and, once a first set has been answered (so from the second
week), the Patient Global Impression of Change (7 points). Both can be skipped: a skip is
recorded, and they are offered again at the next session on a later day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Sequence

from gmi_trainer.core import inputs as act
from gmi_trainer.core.choice import pick
from gmi_trainer.core.context import SessionContext
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.steps import Step, rating_after
from gmi_trainer.core.views import ChoiceView, Option, PainView
from gmi_trainer.i18n import N_, _
from gmi_trainer.vocabulary.clinical import BPI_ITEMS, PGIC_CHOICES, WEEKLY_INTERVAL_DAYS


@dataclass(frozen=True)
class WeeklyDue:
    """Whether this session offers the weekly measures, and whether the PGIC is among them."""

    due: bool = False
    ask_pgic: bool = False


def weekly_due(answered_days: Sequence[date], skipped_days: Sequence[date],
               today: date) -> WeeklyDue:
    """Due when no set was answered in the last WEEKLY_INTERVAL_DAYS days (today included)
    and none was skipped today; the PGIC asks about change since the start, so it comes
    once a first set exists to compare with."""
    last = max(answered_days, default=None)
    if last is not None and (today - last).days < WEEKLY_INTERVAL_DAYS:
        return WeeklyDue(False, False)
    if today in skipped_days:
        return WeeklyDue(False, False)
    return WeeklyDue(True, last is not None)


class WeeklyStep(Step):
    """Offer (answer now / skip this week), then the seven BPI items, then the PGIC."""

    label = N_("Weekly questions")

    def __init__(self, ctx: SessionContext, ask_pgic: bool) -> None:
        super().__init__(ctx)
        self.ask_pgic = ask_pgic
        self.stage = "offer"  # "offer", "bpi", "pgic"
        self.focus = 0
        self.item = 0
        self.value: int | None = None
        self.answers: dict[str, int] = {}
        self.pgic: int | None = None
        self.skipped = False
        self.message = ""

    def view(self, now_s: float) -> ChoiceView | PainView:
        if self.stage == "offer":
            count = len(BPI_ITEMS) + (1 if self.ask_pgic else 0)
            return ChoiceView(
                _("This week's questions"),
                _("Once a week: {count} short questions about how pain has affected your life "
                "(about 2 minutes). They help your therapist see what is changing.").format(count=count),
                (Option("answer", _("Answer them now"), "1"),
                 Option("skip", _("Skip them this time"), "2")), self.focus, token="weekly-offer")
        if self.stage == "bpi":
            item, words = BPI_ITEMS[self.item]
            return PainView("weekly", _("During the past week, how much has pain interfered "
                            "with {words}?").format(words=_(words)), self.value, self.message,
                            token=("weekly", item), kind=item,
                            low_anchor=_("0 = does not interfere"),
                            high_anchor=_("10 = completely interferes"),
                            step=_("Question {value} of {BPI_ITEMS}").format(value=self.item + 1, BPI_ITEMS=len(BPI_ITEMS)))
        return ChoiceView(
            _("Since you started this programme..."),
            _("...how would you describe the change (if any) in activity, symptoms, emotions and "
            "overall quality of life, related to your pain?"),
            tuple(Option(str(i), _(words), str(i)) for i, words in enumerate(PGIC_CHOICES, start=1)),
            self.focus, token="weekly-pgic")

    def handle(self, inp: Input) -> None:
        if self.stage == "offer":
            self.focus, chosen = pick(inp, ("answer", "skip"), self.focus)
            if chosen == "skip":
                self.skipped = True
                self.ctx.recorder.event("weekly_skipped", self.ctx.rel(inp.t_s))
                self.finished = True
            elif chosen == "answer":
                self.stage = "bpi"
        elif self.stage == "bpi":
            self._handle_bpi(inp)
        else:
            ids = tuple(str(i) for i in range(1, len(PGIC_CHOICES) + 1))
            self.focus, chosen = pick(inp, ids, self.focus)
            if chosen is not None:
                self.pgic = int(chosen)
                self._record(inp.t_s)

    def _handle_bpi(self, inp: Input) -> None:
        rated = rating_after(self.value, inp)
        if rated is not None:
            self.value = rated
        elif inp.action == act.CONFIRM or inp.action == act.SELECT and inp.value == "confirm":
            if self.value is None:
                self.message = _("Choose a number from 0 to 10 first.")
                return
            self.answers[BPI_ITEMS[self.item][0]] = self.value
            self.value, self.message = None, ""
            if self.item + 1 < len(BPI_ITEMS):
                self.item += 1
            elif self.ask_pgic:
                self.stage, self.focus = "pgic", 3  # "No change" in focus: no nudge either way
            else:
                self._record(inp.t_s)
            return
        self.message = ""

    def _record(self, t_s: float) -> None:
        self.ctx.recorder.event("weekly", self.ctx.rel(t_s), bpi_interference=dict(self.answers),
                                bpi_interference_mean=interference_mean(self.answers),
                                pgic=self.pgic)
        self.finished = True

    def summary_entry(self) -> dict[str, Any] | None:
        """The manifest's `weekly`: the answers, or None when skipped or not finished."""
        if not self.finished or self.skipped:
            return None
        return {"bpi_interference": dict(self.answers),
                "bpi_interference_mean": interference_mean(self.answers), "pgic": self.pgic}


def interference_mean(answers: dict[str, int]) -> float | None:
    """The BPI interference score: the mean of the items answered (scored when at least four
    of the seven are, as the BPI's user guide allows)."""
    values = list(answers.values())
    return round(sum(values) / len(values), 2) if len(values) >= 4 else None
