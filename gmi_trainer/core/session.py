"""A whole session: pain before, the plan's phases in order, pain after, note, checklist,
summary; with pause (resume or end early) on every screen."""

from __future__ import annotations

import contextlib
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
from gmi_trainer.core.steps import NoteStep, PainStep, Step, UnusualStep
from gmi_trainer.core.views import PausedView, Screen, SessionBar, SummaryView


class SessionFlow:
    def __init__(self, ctx: SessionContext, start_s: float) -> None:
        self.ctx = ctx
        self.start_s = start_s
        self.paused_total_s = 0.0
        self.paused_since_s: float | None = None
        self.pause_focus = 0
        self.ended_early = False
        self.finished = False
        self.summary_lines: tuple[str, ...] = ()
        self.summary: dict[str, Any] = {}  # what the record's manifest got at the end
        self.pain_before = PainStep(ctx, "before")
        self.pain_after = PainStep(ctx, "after")
        self.note = NoteStep(ctx)
        self.unusual = UnusualStep(ctx)
        self.work = phase_steps(ctx)
        self.steps: list[Step] = [self.pain_before, *self.work, self.pain_after, self.note,
                                  self.unusual]
        self.index = 0
        self.in_summary = False
        self.failure = ""  # why the records stopped being written; the session ends there
        self.stopped_active_s: float | None = None  # time practising when the records failed
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

    def active_s(self, now_s: float) -> float:
        if self.stopped_active_s is not None:  # the session stopped (records failed)
            return self.stopped_active_s
        paused = self.paused_total_s + (now_s - self.paused_since_s if self.paused else 0.0)
        return max(0.0, now_s - self.start_s - paused)

    def phase_label(self) -> str:
        if self.in_summary:
            return "Session summary"
        phase = self.step.phase
        if not phase:
            return self.step.label
        phases = self.ctx.plan.phases()
        return f"Phase {phases.index(phase) + 1} of {len(phases)}: {PHASE_NAMES[phase]}"

    # -- the loop's calls -----------------------------------------------------------------
    def screen(self, now_s: float) -> Screen:
        if self.failure:
            view: Any = SummaryView("Your practice could not be saved", (self.failure,),
                                    token="records-failed")
        elif self.in_summary:
            view = SummaryView("Session finished" if not self.ended_early else
                               "Session ended early", self.summary_lines)
        else:
            view = self.step.view(now_s)
        if self.paused:
            view = PausedView(view, "Paused", pause_options(self.ctx.profile.keys, "End the session"),
                              self.pause_focus,
                              **({"subtitle": "What you finished is saved; nothing more is."}
                                 if self.failure else {}))
        # Whole seconds: the bar changes once a second, so an unchanged screen is not redrawn.
        bar = SessionBar(self.phase_label(), float(int(self.active_s(now_s))),
                         self.ctx.plan.planned_minutes * 60)
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
                self.finished = True
        else:
            self.step.handle(inp)
            self._advance(inp.t_s)

    def tick(self, now_s: float) -> None:
        if self.paused or self.in_summary or self.finished or self.failure:
            return
        with self._records(now_s):
            self.step.tick(now_s)
            self._advance(now_s)

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
                                         self.active_s(t_s),
                                         {**self._summary(), "records_failed": True})
            except RecordingFailed:
                pass

    def _skip_block(self, t_s: float) -> None:
        """The therapist moves the session past the block on screen; what was done is kept."""
        if self.in_summary or self.step not in self.work:
            return
        self.ctx.recorder.event("block_skipped", self.ctx.rel(t_s), step=self.step.label,
                                phase=self.step.phase, by="therapist")
        self.step.pause(t_s)  # a picture or movement in progress is dropped, as on a pause
        self.step.finished = True
        self._advance(t_s)
        if self.paused:
            self.step.pause(t_s)

    # -- pause ------------------------------------------------------------------------------
    def _pause(self, t_s: float, closed: bool = False) -> None:
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
        elif choice == "end":
            self.paused_total_s += inp.t_s - (self.paused_since_s or inp.t_s)
            self.paused_since_s = None
            self._end_early(inp.t_s, closed=inp.action == act.QUIT)

    def _end_early(self, t_s: float, closed: bool) -> None:
        self.ctx.recorder.event("end_early", self.ctx.rel(t_s), step=self.step.label)
        self.ended_early = True
        closing = (self.pain_after, self.note, self.unusual)
        if closed or self.step in closing:
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

    def _summary(self) -> dict[str, Any]:
        blocks = [s for step in self.work if (s := step.summary()) is not None]
        return {
            "pain_before": self.pain_before.value if self.pain_before.finished else None,
            "pain_after": self.pain_after.value if self.pain_after.finished else None,
            "note": self.note.text if self.note.finished else None,
            "unusual": sorted(self.unusual.checked) if self.unusual.finished else None,
            "blocks": blocks,
            "steps_done": sum(1 for step in self.work if step.finished),
            "steps_planned": len(self.work),
        }

    def _finish(self, t_s: float) -> None:
        summary = self._summary()
        status = STATUS_ENDED_EARLY if self.ended_early else STATUS_COMPLETE
        active_s = self.active_s(t_s)
        self.ctx.recorder.event("session_end", self.ctx.rel(t_s), status=status,
                                active_s=round(active_s, 3))
        self.ctx.recorder.finish(status, self.ctx.wall_clock(), active_s, summary)
        self.summary = summary
        self.summary_lines = summary_lines(summary, active_s)
        self.in_summary = True


def summary_lines(summary: dict[str, Any], active_s: float) -> tuple[str, ...]:
    lines = [f"Time practising: {active_s / 60:.0f} min {active_s % 60:02.0f} s"]
    before, after = summary.get("pain_before"), summary.get("pain_after")
    if before is not None and after is not None:
        change = after - before
        trend = "lower" if change < 0 else "higher" if change > 0 else "the same"
        lines.append(f"Pain: {before} before, {after} after ({trend})")
    elif before is not None:
        lines.append(f"Pain before: {before}")
    for block in summary.get("blocks", []):
        if block.get("phase") == "imagery":
            lines.append(_imagery_line(block))
            continue
        if block.get("phase") == "mirror":
            lines.append(_mirror_line(block))
            continue
        if block.get("accuracy") is None:
            why = "skipped (pictures not available)" if block.get("skipped") else "not finished"
            lines.append(f"{block['title']}: {why}")
            continue
        text = f"{block['title']}: {block['accuracy']:.0%} correct"
        if block.get("median_rt_ms"):
            text += f", median {block['median_rt_ms'] / 1000:.2f} s"
        lines.append(text)
    if summary.get("unusual"):
        lines.append("You noted: " + ", ".join(i.replace("_", " ") for i in summary["unusual"]))
    lines.append(f"Steps done: {summary['steps_done']} of {summary['steps_planned']}")
    lines.append("Everything is saved. Well done for practising today.")
    return tuple(lines)


def _mirror_line(block: dict[str, Any]) -> str:
    if block.get("skipped"):
        return f"{block['title']}: skipped today (no camera)"
    minutes = block.get("mirror_minutes") or 0.0
    text = (f"{block['title']}: {minutes:.1f} min, {block.get('exercises_done', 0)} of "
            f"{block.get('exercises_planned', 0)} exercises")
    if block.get("repetitions"):
        text += f", {block['repetitions']} repetitions counted"
    if not block.get("complete"):
        text += " (not finished)"
    return text


def _imagery_line(block: dict[str, Any]) -> str:
    if block.get("skipped"):
        return f"{block['title']}: skipped (pictures not available)"
    done = block.get("pictures_done", 0)
    text = f"{block['title']}: {done} picture{'s' if done != 1 else ''} imagined"
    if block.get("median_movement_ms") is not None:
        text += f", median {block['median_movement_ms'] / 1000:.1f} s per movement"
    if not block.get("complete"):
        text += " (not finished)"
    return text
