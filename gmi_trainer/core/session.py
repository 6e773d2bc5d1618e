"""A whole session: pain before, the plan's phases in order, pain after, note, checklist,
summary; with pause (resume or end early) on every screen."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import Any, Iterator

from gmi_trainer.core import inputs as act
from gmi_trainer.core.choice import pause_choice, pause_options
from gmi_trainer.core.context import (
    STATUS_COMPLETE,
    STATUS_ENDED_EARLY,
    RecordingFailed,
    SessionContext,
)
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.phases import PHASE_NAMES, phase_steps
from gmi_trainer.core.progress import amount_text, duration_text
from gmi_trainer.core.safety import alert_sentence, pain_alert
from gmi_trainer.core.steps import (
    Due,
    NoteStep,
    PainStep,
    SensationStep,
    Step,
    UnusualStep,
    asks_sensations,
)
from gmi_trainer.core.weekly import WeeklyStep
from gmi_trainer.core.views import PausedView, SafetyView, Screen, SessionBar, SummaryView
from gmi_trainer.i18n import _, ngettext, plan_text
from gmi_trainer.vocabulary.clinical import PAIN_KINDS
from gmi_trainer.vocabulary.unusual import OTHER, UNUSUAL_WORDS


class SessionFlow:
    def __init__(self, ctx: SessionContext, start_s: float) -> None:
        self.ctx = ctx
        self.start_s = start_s
        self.paused_total_s = 0.0
        self.paused_since_s: float | None = None
        # A camera problem screen stops the session clock too (held, not paused).
        self.held_total_s = 0.0
        self.held_since_s: float | None = None
        self.pause_focus = 0
        self.ended_early = False
        self.finished = False
        self.summary_lines: tuple[str, ...] = ()
        self.summary: dict[str, Any] = {}  # what the record's manifest got at the end
        self.pain_before = PainStep(ctx, "before")
        self.pain_after = PainStep(ctx, "after")
        self.sensations_before = SensationStep(ctx, "before")
        self.sensations_after = SensationStep(ctx, "after")
        sensations = asks_sensations(ctx)
        self.weekly = WeeklyStep(ctx, ctx.weekly_pgic) if ctx.weekly_due and ctx.plan.pain.weekly \
            else None
        self.note = NoteStep(ctx)
        self.unusual = UnusualStep(ctx)
        self.work = phase_steps(ctx)
        opening: list[Step] = [*([self.weekly] if self.weekly else []), self.pain_before,
                               *([self.sensations_before] if sensations else [])]
        self.closing: list[Step] = [self.pain_after,
                                    *([self.sensations_after] if sensations else []),
                                    self.note, self.unusual]
        self.steps: list[Step] = [*opening, *self.work, *self.closing]
        self.index = 0
        self.in_summary = False
        self.alert: tuple[str, ...] = ()  # why the patient should stop for today
        self.showing_alert = False
        self.failure = ""  # why the records stopped being written; the session ends there
        self.stopped_active_s: float | None = None  # time practising when the records failed
        self._bar_held_s: float | None = None  # the bar's clock, held while an answer is awaited
        with self._records(start_s):
            ctx.recorder.event("session_start", ctx.rel(start_s), plan=ctx.plan.name,
                               phases=ctx.plan.phases())
            self.steps[0].begin(start_s)

    # -- state ------------------------------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self.paused_since_s is not None

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    def _next_step(self) -> Step | None:
        return self.steps[self.index + 1] if self.index + 1 < len(self.steps) else None

    def active_s(self, now_s: float) -> float:
        """Time practising: pauses and camera-problem screens excluded."""
        if self.stopped_active_s is not None:  # the session stopped (records failed)
            return self.stopped_active_s
        paused = self.paused_total_s + (now_s - self.paused_since_s if self.paused else 0.0)
        held = self.held_total_s + (now_s - self.held_since_s
                                    if self.held_since_s is not None and not self.paused else 0.0)
        return max(0.0, now_s - self.start_s - paused - held)

    def _sync_hold(self, t_s: float) -> None:
        """Start or stop holding the clock as the current step asks (a pause inside a hold
        is counted once, as pause)."""
        holding = not self.in_summary and self.step.holds_clock
        if holding and self.held_since_s is None:
            self.held_since_s = t_s
        elif not holding and self.held_since_s is not None:
            self.held_total_s += t_s - self.held_since_s
            self.held_since_s = None

    def phase_label(self) -> str:
        if self.showing_alert:
            return _("Please stop for today")
        if self.in_summary:
            return _("Session summary")
        phase = self.step.phase
        if not phase:
            return _(self.step.label)
        phases = self.ctx.plan.phases()
        return _("Phase {value} of {phases}: {value2}").format(value=phases.index(phase) + 1, phases=len(phases), value2=_(PHASE_NAMES[phase]))

    # -- the loop's calls -----------------------------------------------------------------
    def screen(self, now_s: float) -> Screen:
        safety = self.ctx.plan.safety
        if self.failure:
            view: Any = SummaryView(_("Your practice could not be saved"), (self.failure,),
                                    token="records-failed")
        elif self.showing_alert:
            view = SafetyView(_("Please stop for today"), alert_sentence(self.alert),
                                   plan_text(safety.advice), plan_text(safety.contact))
        elif self.in_summary:
            view = SummaryView(_("Session finished") if not self.ended_early else
                                    _("Session ended early"), self.summary_lines)
        else:
            view = self.step.view(now_s)
            if isinstance(view, SummaryView) and self._next_step() is self.pain_after:
                view = replace(view, button=_("On to the pain question"))  # where Enter leads
        if self.paused:
            view = PausedView(view, _("Paused"), pause_options(self.ctx.profile.keys, _("End the session")),
                              self.pause_focus,
                              **({"subtitle": _("What you finished is saved; nothing more is.")}
                                 if self.failure else {}))
        # Whole seconds: the bar changes once a second, so an unchanged screen is not redrawn.
        elapsed_s = float(int(self.active_s(now_s)))
        if not self.paused and not self.in_summary and not self.failure \
                and self.step.awaits_response:
            # While a timed answer is awaited the bar's clock stands still: a redraw for a
            # new second would delay reading a key that arrives during it (by up to 12 ms
            # under X11). It catches up on the first screen after the answer.
            if self._bar_held_s is None:
                self._bar_held_s = elapsed_s
            elapsed_s = self._bar_held_s
        else:
            self._bar_held_s = None
        bar = SessionBar(self.phase_label(), elapsed_s, self.ctx.plan.planned_minutes * 60)
        return Screen(view, bar, extras={"phase": "" if self.in_summary else self.step.phase})

    def handle(self, inp: Input) -> None:
        if self.finished:
            return
        if self.failure:
            self._handle_failed(inp)
            return
        with self._records(inp.t_s):
            self._handle(inp)

    def _handle(self, inp: Input) -> None:
        if inp.action == act.THERAPIST_NOTE:
            # A supervising therapist's note goes into the record whatever is on screen.
            self.ctx.recorder.event("therapist_note", self.ctx.rel(inp.t_s), text=str(inp.value),
                                    step=self.step.label)
        elif inp.action == act.SKIP_BLOCK:
            self._skip_block(inp.t_s)
        elif self.paused:
            self._handle_paused(inp)
        elif inp.action == act.PAUSE:
            self._pause(inp.t_s)
        elif inp.action == act.QUIT:
            if self.in_summary:
                self.finished = True
            else:
                self._pause(inp.t_s, closed=True)
                self._handle_paused(inp)
        elif self.in_summary:
            if inp.action == act.CONFIRM or inp.action == act.SELECT and inp.value == "confirm":
                if self.showing_alert:
                    self.showing_alert = False  # on to the summary
                else:
                    self.finished = True
        else:
            self.step.handle(inp)
            self._advance(inp.t_s)
            self._sync_hold(inp.t_s)

    def tick(self, now_s: float) -> None:
        if self.paused or self.in_summary or self.finished or self.failure:
            return
        with self._records(now_s):
            self.step.tick(now_s)
            self._advance(now_s)
            self._sync_hold(now_s)

    def next_due(self) -> Due | None:
        """The current step's next timer (None when paused or nothing is timed)."""
        if self.paused or self.in_summary or self.finished or self.failure:
            return None
        return self.step.next_due()

    def shown(self, screen: Screen, flip_s: float) -> None:
        if not self.paused and not self.in_summary and not self.failure:
            with self._records(flip_s):
                self.step.shown(getattr(screen.view, "token", None), flip_s)

    def _handle_failed(self, inp: Input) -> None:
        """After the records stopped: Enter goes home; pause still opens the pause box
        (nothing is recorded any more, so it only offers to go on reading or to end)."""
        if self.paused:
            self.pause_focus, choice = pause_choice(inp, self.pause_focus)
            if choice == "resume":
                self.paused_since_s = None
            elif choice == "end":
                self.finished = True
        elif inp.action == act.PAUSE:
            self.paused_since_s, self.pause_focus = inp.t_s, 0
        elif inp.action in (act.CONFIRM, act.QUIT) \
                or inp.action == act.SELECT and inp.value == "confirm":
            self.finished = True

    @contextlib.contextmanager
    def _records(self, t_s: float) -> Iterator[None]:
        """A write that fails stops the session at once, on a screen that says why: going on
        would lose every trial from here, which a patient must never do without knowing."""
        try:
            yield
        except RecordingFailed as failure:
            self.failure = str(failure)
            self.stopped_active_s = self.active_s(t_s)
            self.paused_since_s = None
            try:  # the end is recorded if the disk allows; if not, the record reads as cut off
                self.ctx.recorder.event("records_failed", self.ctx.rel(t_s), message=self.failure)
                self.ctx.recorder.finish(STATUS_ENDED_EARLY, self.ctx.wall_clock(),
                                         self.stopped_active_s,
                                         {**self._summary()[0], "records_failed": True})
            except RecordingFailed:
                pass

    def _skip_block(self, t_s: float) -> None:
        """The therapist moves the session past the block on screen; what was done is kept."""
        if self.in_summary or self.step not in self.work:
            return
        # What comes next, for the therapist's panel: it shows what the records say.
        following = self.steps[self.index + 1].label if self.index + 1 < len(self.steps) else ""
        self.ctx.recorder.event("block_skipped", self.ctx.rel(t_s), step=self.step.label,
                                phase=self.step.phase, by="therapist", next=following)
        self.step.pause(t_s)  # a picture or movement in progress is dropped, as on a pause
        self.step.finished = True
        self._advance(t_s)
        if self.paused:
            self.step.pause(t_s)

    # -- pause ------------------------------------------------------------------------------
    def _pause(self, t_s: float, closed: bool = False) -> None:
        if self.held_since_s is not None:  # the pause takes over from the hold
            self.held_total_s += t_s - self.held_since_s
            self.held_since_s = None
        self.paused_since_s = t_s
        self.pause_focus = 0
        self.step.pause(t_s)
        self.ctx.recorder.event("pause", self.ctx.rel(t_s), step=self.step.label,
                                reason="window_closed" if closed else None)

    def _handle_paused(self, inp: Input) -> None:
        self.pause_focus, choice = pause_choice(inp, self.pause_focus)
        if choice == "resume":
            assert self.paused_since_s is not None
            self.paused_total_s += inp.t_s - self.paused_since_s
            self.paused_since_s = None
            self.ctx.recorder.event("resume", self.ctx.rel(inp.t_s))
            self.step.resume(inp.t_s)
            self._sync_hold(inp.t_s)
        elif choice == "end" and self.in_summary:
            # Already saved: ending from the pause box on the last screens just closes them.
            self.paused_since_s = None
            self.finished = True
        elif choice == "end":
            self.paused_total_s += inp.t_s - (self.paused_since_s or inp.t_s)
            self.paused_since_s = None
            self._end_early(inp.t_s, closed=inp.action == act.QUIT)

    def _end_early(self, t_s: float, closed: bool) -> None:
        self.ctx.recorder.event("end_early", self.ctx.rel(t_s), step=self.step.label)
        self.ended_early = True
        if closed or self.step in self.closing:
            # The window was closed, or the patient is already on the closing questions:
            # save what there is and stop here.
            self._finish(t_s)
        else:
            self.index = self.steps.index(self.pain_after)
            self.step.begin(t_s)

    # -- moving on --------------------------------------------------------------------------
    def _advance(self, t_s: float) -> None:
        while not self.in_summary and self.step.finished:
            if self.index + 1 >= len(self.steps):
                self._finish(t_s)
                return
            self.index += 1
            self.step.begin(t_s)

    def _summary(self) -> tuple[dict[str, Any], tuple[str, ...]]:
        """The manifest's summary of the session so far, and why the patient should stop for
        today (empty when nothing says so)."""
        blocks = [s for step in self.work if (s := step.summary()) is not None]
        pain_before = self.pain_before.value if self.pain_before.finished else None
        pain_after = self.pain_after.value if self.pain_after.finished else None
        kinds_before = dict(self.pain_before.by_kind) if self.pain_before.finished else None
        kinds_after = dict(self.pain_after.by_kind) if self.pain_after.finished else None
        unusual = sorted(self.unusual.checked) if self.unusual.finished else None
        alert = pain_alert(self.ctx.plan.safety, kinds_before, kinds_after, unusual or ())
        return {
            # The worst of the kinds rated: what a reader of one pain number reads.
            "pain_before": pain_before,
            "pain_after": pain_after,
            "pain_before_by_kind": kinds_before,
            "pain_after_by_kind": kinds_after,
            "sensations_before": self.sensations_before.summary_entry(),
            "sensations_after": self.sensations_after.summary_entry(),
            "weekly": self.weekly.summary_entry() if self.weekly else None,
            "weekly_skipped": bool(self.weekly and self.weekly.skipped),
            "note": self.note.text if self.note.finished else None,
            "unusual": unusual,
            "unusual_other": self.unusual.other_text or None,
            "blocks": blocks,
            # A block counts as done when it ran to its end, not when it was skipped part way.
            "steps_done": sum(1 for b in blocks if b.get("complete") and not b.get("skipped")),
            "steps_planned": len(blocks),
            "pain_alert": list(alert) or None,
        }, alert

    def _finish(self, t_s: float) -> None:
        self._sync_hold(t_s)
        if self.held_since_s is not None:  # ended on a camera problem: stop holding here
            self.held_total_s += t_s - self.held_since_s
            self.held_since_s = None
        summary, self.alert = self._summary()
        if self.alert:
            self.ctx.recorder.event("pain_alert", self.ctx.rel(t_s), reasons=list(self.alert),
                                    pain_before=summary["pain_before"],
                                    pain_after=summary["pain_after"],
                                    pain_before_by_kind=summary["pain_before_by_kind"],
                                    pain_after_by_kind=summary["pain_after_by_kind"],
                                    unusual=summary["unusual"])
        status = STATUS_ENDED_EARLY if self.ended_early else STATUS_COMPLETE
        active_s = self.active_s(t_s)
        self.ctx.recorder.event("session_end", self.ctx.rel(t_s), status=status,
                                active_s=round(active_s, 3))
        self.ctx.recorder.finish(status, self.ctx.wall_clock(), active_s, summary)
        self.summary = summary
        self.summary_lines = summary_lines(summary, active_s)
        self.in_summary = True
        self.showing_alert = bool(self.alert)


def summary_lines(summary: dict[str, Any], active_s: float) -> tuple[str, ...]:
    lines = [_("Time practising: {active_s}").format(active_s=duration_text(active_s))]
    before, after = summary.get("pain_before"), summary.get("pain_after")
    kinds_before = summary.get("pain_before_by_kind") or {}
    kinds_after = summary.get("pain_after_by_kind") or {}
    if len(kinds_before) > 1 or len(kinds_after) > 1:
        for kind in dict.fromkeys([*kinds_before, *kinds_after]):
            lines.append(_pain_line(_(PAIN_KINDS[kind]).capitalize(), kinds_before.get(kind),
                                    kinds_after.get(kind)))
    elif before is not None and after is not None:
        change = after - before
        trend = _("lower") if change < 0 else _("higher") if change > 0 else _("the same")
        lines.append(_("Pain: {before} before, {after} after ({trend})").format(before=before, after=after, trend=trend))
    elif before is not None:
        lines.append(_("Pain before: {before}").format(before=before))
    blocks = summary.get("blocks", [])
    laterality = [b for b in blocks if b.get("phase") not in ("imagery", "mirror")]
    if len(laterality) > 2:
        # A stage-1 session has six left/right blocks (each had its own summary screen): one
        # line for them all keeps the summary on one screen.
        lines.append(_laterality_line(laterality))
        blocks = [b for b in blocks if b not in laterality]
    for block in blocks:
        if block.get("phase") == "imagery":
            lines.append(_imagery_line(block))
            continue
        if block.get("phase") == "mirror":
            lines.append(_mirror_line(block))
            continue
        if block.get("accuracy") is None:
            why = _("skipped (pictures not available)") if block.get("skipped") else _("not finished")
            lines.append(f"{plan_text(block['title'])}: {why}")
            continue
        text = _("{value}: {value2:.0%} correct").format(value=plan_text(block['title']), value2=block['accuracy'])
        if block.get("median_rt_ms"):
            text += _(", median {value:.2f} s").format(value=block['median_rt_ms'] / 1000)
        lines.append(text)
    if summary.get("unusual"):
        # The patient's own words for "something else", the checklist's words for the rest.
        noted = [summary["unusual_other"] if i == OTHER and summary.get("unusual_other")
                 else _(UNUSUAL_WORDS[i]).lower() if i in UNUSUAL_WORDS else i
                 for i in summary["unusual"]]
        lines.append(_("You noted: ") + ", ".join(noted))
    lines.append(_("Blocks finished: {value} of {value2}").format(value=summary['steps_done'], value2=summary['steps_planned']))
    if summary.get("pain_alert"):
        lines.append(_("Everything is saved. Please rest now: no more practice today."))
    else:
        lines.append(_("Everything is saved. Well done for practising today."))
    return tuple(lines)


def _pain_line(name: str, before: int | None, after: int | None) -> str:
    """'Phantom limb pain: 5 before, 3 after (lower)'."""
    if before is None or after is None:
        return f"{name}: {before if before is not None else after} " \
               f"{'before' if before is not None else 'after'}"
    trend = _("lower") if after < before else _("higher") if after > before else _("the same")
    return _("{name}: {before} before, {after} after ({trend})").format(name=name, before=before, after=after, trend=trend)


def _laterality_line(blocks: list[dict[str, Any]]) -> str:
    """'Left/right judgement, 6 blocks: 98% correct, median 1.31 s' (weighted by answers)."""
    done = [b for b in blocks if b.get("accuracy") is not None]
    text = _("Left/right judgement, {done} of {blocks} blocks").format(done=len(done), blocks=len(blocks))
    answered = sum(b.get("answered") or 0 for b in done)
    if not done or not answered:
        return text + " finished"
    accuracy = sum(b["accuracy"] * (b.get("answered") or 0) for b in done) / answered
    text += _(": {accuracy:.0%} correct").format(accuracy=accuracy)
    timed = [b for b in done if b.get("median_rt_ms")]
    if timed:
        weight = sum(b.get("answered") or 0 for b in timed) or 1
        median_ms = sum(b["median_rt_ms"] * (b.get("answered") or 0) for b in timed) / weight
        text += _(", median {value:.2f} s").format(value=median_ms / 1000)
    return text


def _mirror_line(block: dict[str, Any]) -> str:
    if block.get("skipped"):
        return _("{value}: skipped today (no camera)").format(value=plan_text(block['title']))
    minutes = block.get("mirror_minutes") or 0.0
    text = (_("{value}: {minutes} min, {value2} of "
            "{value3} exercises").format(value=plan_text(block['title']), minutes=amount_text(minutes), value2=block.get('exercises_done', 0), value3=block.get('exercises_planned', 0)))
    if block.get("repetitions"):
        text += _(", {value} repetitions counted").format(value=block['repetitions'])
    if not block.get("complete"):
        text += _(" (not finished)")
    return text


def _imagery_line(block: dict[str, Any]) -> str:
    if block.get("skipped"):
        return _("{value}: skipped (pictures not available)").format(value=plan_text(block['title']))
    done = block.get("pictures_done", 0)
    text = ngettext("{title}: {done} picture imagined", "{title}: {done} pictures imagined",
                    done).format(title=plan_text(block['title']), done=done)
    if block.get("median_movement_ms") is not None:
        text += _(", median {value:.1f} s per movement").format(value=block['median_movement_ms'] / 1000)
    if not block.get("complete"):
        text += _(" (not finished)")
    return text
