"""Phase 2 rules: a guided explicit motor imagery block.

For each posture picture: a demonstration (the movement itself, from the resting limb into
the posture and back, as a sequence of rendered in-between postures), the instruction, a
start cue, then one press at the end of each imagined movement, an optional "did that
hurt?" rating, and a row on disk before the next picture.

Timing contract (mental chronometry): the first movement runs from the flip that showed the
start cue to the press; each later one from the previous press to this press; all on the
shared clock (`Input.t_s`, `shown` flip times). A pause discards the movement in progress.
"""

from __future__ import annotations

import random
import statistics
from dataclasses import replace
from typing import Any, Sequence

from gmi_trainer.core import inputs as act
from gmi_trainer.core.context import SessionContext
from gmi_trainer.core.imagery_choice import (
    ImageryItem,
    NoImageryPicturesError,
    choose_items,
    painful_postures,
    posture_label,
    resolve_limb,
)
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.rows import ImageryRow
from gmi_trainer.core.steps import Step
from gmi_trainer.core.views import (
    ImageryPainView,
    ImageryPictureFigures,
    ImagerySummaryView,
    ImageryView,
    InstructionView,
)
from gmi_trainer.i18n import _, ngettext, plan_text
from gmi_trainer.plans.model import ImageryBlock
from gmi_trainer.profiles.model import first_key_label, spoken_keys
from gmi_trainer.vocabulary import BODY_PART_TABLE, body_part
from gmi_trainer.vocabulary.body_parts import side_part_words

LEAD_IN_S = 3.0  # eyes closed: time to close the eyes between Enter and the start tone
# The demonstration's movement: DEMO_FRAMES postures from the start (frame 0) to the target
# (the last frame), rendered at eased steps (stimuli/motion.py), each shown for the same time.
# DEMO_MOVE_S per direction gives a new posture on screen 24 times a second.
DEMO_FRAMES = 25
DEMO_MOVE_S = 1.0
DEMO_CYCLE_S = 4.0  # one movement there and back with its holds; a longer demo_s repeats it

MOVING_STAGES = ("cue", "moving")


def demo_frame(elapsed_s: float, demo_s: float) -> int:
    """Which frame of the demonstration is on screen `elapsed_s` into it.

    Each cycle: held at the start (a quarter of the still time), the movement to the target,
    held there (half), the movement back, held at the start (a quarter). The default 4 s is
    0.5 s, 1 s, 1 s, 1 s, 0.5 s. A demonstration too short for 1 s movements moves faster."""
    last = DEMO_FRAMES - 1
    if demo_s <= 0:
        return last
    cycles = max(1, int(demo_s // DEMO_CYCLE_S))
    cycle_s = demo_s / cycles
    move_s = min(DEMO_MOVE_S, cycle_s * 0.4)
    hold_s = cycle_s - 2 * move_s
    t = min(max(elapsed_s, 0.0), demo_s - 1e-9) % cycle_s
    marks = (hold_s / 4, hold_s / 4 + move_s, hold_s * 3 / 4 + move_s, hold_s * 3 / 4 + 2 * move_s)
    if t < marks[0] or t >= marks[3]:
        return 0
    if t < marks[1]:
        return min(last, int((t - marks[0]) / move_s * last))
    if t < marks[2]:
        return last
    # On the way back the same frames in reverse, each shown as long as on the way there.
    return max(0, last - 1 - int((t - marks[2]) / move_s * last))


def _median(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


class ImageryStep(Step):
    phase = "imagery"

    def __init__(self, ctx: SessionContext, block: ImageryBlock, block_index: int) -> None:
        super().__init__(ctx)
        # Eyes closed needs the tones: with no sound device the block says so and runs with
        # the eyes open instead (a silent dark screen would leave the patient waiting).
        self.no_sound = block.eyes_closed and not ctx.sound
        if self.no_sound:
            block = replace(block, eyes_closed=False)
        self.block, self.block_index = block, block_index
        self.label = block.title
        self.body_part, self.side = resolve_limb(block, ctx.profile)
        self.left_out: dict[str, int] = {}
        self.items: list[ImageryItem] = []
        self.problem = ""
        if ctx.pictures is None:
            self.problem = ctx.pictures_problem or _("The picture set could not be loaded.")
        else:
            self.left_out = painful_postures(ctx.history, self.body_part, self.side,
                                             block.skip_painful_above)
            rng = random.Random(f"{ctx.seed}:imagery:{block_index}")
            try:
                self.items = choose_items(ctx.pictures, block, self.body_part, self.side,
                                          ctx.profile.skin_tone, self.left_out, rng)
            except NoImageryPicturesError as error:
                self.problem = _("This block cannot run: {error}.").format(error=error)
        self.stage = "intro"  # intro, demo, ready, lead_in, cue, moving, pain, summary
        self.current = 0
        self.rows: list[ImageryRow] = []
        self.figures: dict[str, Any] | None = None
        self._reset_item()
        self.cue: tuple[Any, ...] | None = None

    def begin(self, now_s: float) -> None:
        if self.no_sound:
            self.ctx.recorder.event("eyes_closed_unavailable", self.ctx.rel(now_s),
                                    block=self.block_index, reason=_("no sound device"))

    def _reset_item(self) -> None:
        self.demo_onset_s: float | None = None
        self.lead_in_end_s = 0.0
        self.movement_start_s: float | None = None
        self.first_cue_s: float | None = None
        self.movement_ms: list[float] = []
        self.attempt = 0  # start cues given for this picture (a pause asks for a new one)
        self.outcome = ""
        self.pain_value: int | None = None
        self.last_device = ""

    # -- words ------------------------------------------------------------------------------
    @property
    def limb_words(self) -> str:
        """'left leg'; a part there is one of is not sided: 'back'."""
        part = BODY_PART_TABLE.get(self.body_part)
        if part is not None and not part.paired:
            return _(part.limb_words)
        return side_part_words(self.side, self.body_part)

    def _direction(self) -> str:
        """For a neck or back: ' (to your own left)', the way the pictured movement goes."""
        part = BODY_PART_TABLE.get(self.body_part)
        if part is None or part.paired:
            return ""
        return _(" (to your own left)") if self.side == "left" else _(" (to your own right)")

    def _instruction(self) -> str:
        left = self.block.repetitions - len(self.movement_ms)
        if self.movement_ms:  # back after a pause: count what is left
            times = ngettext("{left} more time", "{left} more times", left).format(left=left)
        else:
            times = ngettext("{left} time", "{left} times", left).format(left=left)
        return (_("Imagine moving your {limb_words} into this position{value}, "
                "slowly, and back again. Do it {times}.").format(limb_words=self.limb_words, value=self._direction(), times=times))

    def _demo_words(self, item: ImageryItem) -> str:
        """How the demonstration's start is named: 'a flat hand' (the body-part table's
        words for its resting posture), or the start's own name ('a hand, relaxed curl')
        when the resting posture is itself the picture."""
        part = BODY_PART_TABLE.get(self.body_part)
        assert item.neutral is not None
        if part is not None and part.neutral_words and item.neutral.posture == part.neutral_posture:
            return _(part.neutral_words)
        return _("a {part} ({posture})").format(part=_(body_part(self.body_part).noun),
                                                 posture=posture_label(item.neutral.posture))

    def _skip_keys(self) -> str:
        """'Right arrow or S': the Right key and the skip keys both skip a picture."""
        keys = self.ctx.profile.keys
        return spoken_keys((*keys.get(act.RIGHT, ())[:1], *keys.get(act.SKIP, ())))

    def _key(self, action: str) -> str:
        return first_key_label(self.ctx.profile.keys, action)

    # -- what to show -------------------------------------------------------------------------
    def view(self, now_s: float) -> Any:
        if self.stage == "intro":
            return self._intro()
        if self.stage == "summary":
            return self._summary_view()
        item = self.items[self.current]
        if self.stage == "pain":
            return ImageryPainView(plan_text(self.block.title), item.number, len(self.items),
                                   posture_label(item.picture.posture), str(item.picture.file),
                                   self.pain_value, self.cue,
                                   token=("img-pain", self.block_index, item.number))
        reps = self.block.repetitions
        common: dict[str, Any] = dict(
            block_title=plan_text(self.block.title), picture_number=item.number,
            picture_count=len(self.items), picture_id=item.picture.id,
            picture_file=str(item.picture.file), repetitions_done=len(self.movement_ms),
            repetitions=reps, eyes_closed=self.block.eyes_closed, cue=self.cue)
        if self.stage == "demo":
            assert item.neutral is not None
            elapsed_s = 0.0 if self.demo_onset_s is None else now_s - self.demo_onset_s
            return ImageryView(
                stage="demo", instruction=_("Watch: {value} moving into this position and "
                "back. Just watch for now.").format(value=self._demo_words(item)),
                hint=_("{CONFIRM}: I've seen it.   "
                "{value}: skip this picture.").format(CONFIRM=self._key(act.CONFIRM), value=self._skip_keys()),
                demo_frame=demo_frame(elapsed_s, self.block.demo_s), demo_frames=DEMO_FRAMES,
                token=("img", self.block_index, item.number, "demo", self.attempt), **common)
        if self.stage == "ready":
            can_replay = item.neutral is not None and self.block.demo_s > 0
            eyes = (_(" Then close your eyes: a tone starts each movement.") if
                    self.block.eyes_closed else "")
            replay = _("{LEFT}: show the movement again.   ").format(LEFT=self._key(act.LEFT)) if can_replay else ""
            return ImageryView(
                stage="ready", instruction=self._instruction() + eyes,
                hint=_("{CONFIRM}: start.   {replay}{value}: skip this "
                "picture.").format(CONFIRM=self._key(act.CONFIRM), replay=replay, value=self._skip_keys()),
                can_replay=can_replay,
                token=("img", self.block_index, item.number, "ready", self.attempt), **common)
        if self.stage == "lead_in":
            return ImageryView(
                stage="lead_in", instruction=_("Close your eyes now. A tone will tell you to start."),
                hint=_("Press {CONFIRM} at the end of each movement; a tone "
                "answers. Two falling tones: this picture is done.").format(CONFIRM=self._key(act.CONFIRM)), dimmed=True,
                token=("img", self.block_index, item.number, "lead_in", self.attempt), **common)
        done = len(self.movement_ms)
        if self.block.eyes_closed:
            instruction = (_("Eyes closed. Imagine movement {value} of {reps}: into the "
                           "position and back.").format(value=done + 1, reps=reps))
        else:
            instruction = (_("Now imagine movement {value} of {reps}: into the position and "
                           "back, slowly.").format(value=done + 1, reps=reps))
        return ImageryView(
            stage="moving", instruction=instruction,
            hint=_("Press {CONFIRM} (or click) when you are back at the start.   "
            "{value}: skip the rest of this picture.").format(CONFIRM=self._key(act.CONFIRM), value=self._skip_keys()), dimmed=self.block.eyes_closed,
            token=("img", self.block_index, item.number, "moving", self.attempt, done), **common)

    def _intro(self) -> InstructionView:
        n = self.block.repetitions
        demos = self.block.demo_s > 0 and any(item.neutral is not None for item in self.items)
        body = (_("You will see {count} pictures of a "
                "{limb_words} in different positions.").format(count=len(self.items) or self.block.pictures, limb_words=self.limb_words)
                + " " + (ngettext("For each one, first watch the movement, then imagine moving your own {limb_words} slowly into that position and back again, {n} time, without actually moving.",
                                  "For each one, first watch the movement, then imagine moving your own {limb_words} slowly into that position and back again, {n} times, without actually moving.", n) if demos else
                         ngettext("For each one, imagine moving your own {limb_words} slowly into that position and back again, {n} time, without actually moving.",
                                  "For each one, imagine moving your own {limb_words} slowly into that position and back again, {n} times, without actually moving.", n)).format(limb_words=self.limb_words, n=n)
                + "\n" + _("Press {CONFIRM} (or click) each time you finish one "
                "imagined movement. "
                "{skip} skips a picture. If imagining it hurts, skip it and rest: "
                "that is useful to know.").format(CONFIRM=self._key(act.CONFIRM), skip=self._skip_keys()))
        if self.block.eyes_closed:
            body += _("\nEyes closed: tones mark the start and each movement.")
        if self.no_sound and not self.problem:
            return InstructionView(
                plan_text(self.block.title), body, _("Press Enter (or click) to begin with your eyes open"),
                notice=_("This block is meant with your eyes closed, guided by tones, but this "
                "computer has no working sound. Do it with your eyes open instead: watch each "
                "picture and imagine the movement."), token=("img-intro", self.block_index))
        if self.left_out:
            names = ", ".join(posture_label(p) for p in sorted(self.left_out))
            body += _("\nLeft out today because they hurt last time: {names}.").format(names=names)
        if self.problem:
            return InstructionView(plan_text(self.block.title), body, _("Press Enter (or click) to go on"),
                                   notice=self.problem + _(" This block is skipped today."),
                                   token=("img-intro", self.block_index))
        return InstructionView(plan_text(self.block.title), body, token=("img-intro", self.block_index))

    def _summary_view(self) -> ImagerySummaryView:
        f = self.figures
        assert f is not None
        previous = self._previous_blocks()
        earlier_by_posture: dict[str, float] = {}
        for block in previous:
            for posture, figures in (block.get("by_posture") or {}).items():
                if figures.get("median_movement_ms") is not None:
                    earlier_by_posture[posture] = figures["median_movement_ms"]
        pictures = tuple(
            ImageryPictureFigures(
                posture_label(row.posture), "skipped" if row.skipped else
                "timed_out" if row.timed_out else "done", row.repetitions,
                row.repetitions_planned, row.movement_ms,
                _median(row.movement_ms), earlier_by_posture.get(row.posture),
                row.pain_rating)
            for row in self.rows)
        hurt = sorted({posture_label(r.posture) for r in self.rows
                       if r.pain_rating is not None and r.pain_rating > 0})
        if hurt:
            pain_text = (_("Imagining hurt for: ") + ", ".join(hurt) + _(". Tell your therapist; "
                         "those positions can be left out for a while."))
        elif any(r.pain_rating is not None for r in self.rows):
            pain_text = _("No position hurt to imagine today.")
        else:
            pain_text = ""
        return ImagerySummaryView(plan_text(self.block.title), pictures, f["median_movement_ms"],
                                  f["movements"], self._previous_text(previous), pain_text,
                                  self.cue, token=("img-summary", self.block_index))

    def _previous_blocks(self) -> list[dict[str, Any]]:
        return [h for h in self.ctx.history if h.get("phase") == "imagery"
                and h.get("body_part") == self.body_part and h.get("side") == self.side]

    def _previous_text(self, previous: list[dict[str, Any]]) -> str:
        timed = [h for h in previous if h.get("median_movement_ms") is not None]
        if not timed:
            return _("This is your first imagery block of this kind: it sets your starting point.")
        last = timed[-1]
        text = (_("Last time ({value}): median "
                "{value2:.1f} s per movement").format(value=last.get('date') or _('earlier'), value2=last['median_movement_ms'] / 1000))
        today = self.figures["median_movement_ms"] if self.figures else None
        if today is not None:
            text += _("; today {value:.1f} s").format(value=today / 1000)
        return text + _(". Blocks before this: {timed}.").format(timed=len(timed))

    # -- what happens -------------------------------------------------------------------------
    def handle(self, inp: Input) -> None:
        confirm = inp.action == act.CONFIRM or inp.action == act.SELECT and inp.value == "confirm"
        skip = inp.action in (act.RIGHT, act.SKIP) or inp.action == act.SELECT and inp.value == "skip"
        if self.stage == "intro":
            if confirm:
                self._begin_block(inp.t_s)
        elif self.stage == "summary":
            if confirm:
                self.finished = True
        elif self.stage == "pain":
            self._handle_pain(inp, confirm)
        elif skip:
            self._end_item("skipped", inp.t_s, inp.device)
        elif self.stage == "demo" and confirm:
            self.stage = "ready"
        elif self.stage == "ready":
            if confirm:
                self._start_moving(inp.t_s)
            elif inp.action == act.LEFT or inp.action == act.SELECT and inp.value == "replay":
                if self.items[self.current].neutral is not None and self.block.demo_s > 0:
                    self.stage, self.demo_onset_s = "demo", None
                    self.attempt += 1
        elif self.stage == "lead_in" and confirm:
            self._cue(inp.t_s)
        elif self.stage == "moving" and confirm:
            self._movement_done(inp.t_s, inp.device)

    def _handle_pain(self, inp: Input, confirm: bool) -> None:
        if inp.action in (act.LEFT, act.DOWN):
            self.pain_value = 0 if self.pain_value is None else max(0, self.pain_value - 1)
        elif inp.action in (act.RIGHT, act.UP):
            self.pain_value = 0 if self.pain_value is None else min(10, self.pain_value + 1)
        elif inp.action == act.SELECT and isinstance(inp.value, int) and 0 <= inp.value <= 10:
            self.pain_value = inp.value
        elif inp.action == act.SKIP or inp.action == act.SELECT and inp.value == "skip":
            self._record(inp.t_s, None)
        elif confirm:
            self._record(inp.t_s, self.pain_value)

    def tick(self, now_s: float) -> None:
        if self.stage == "demo" and self.demo_onset_s is not None \
                and now_s >= self.demo_onset_s + self.block.demo_s:
            self.stage = "ready"
        elif self.stage == "lead_in" and now_s >= self.lead_in_end_s:
            self._cue(self.lead_in_end_s)
        elif self.stage == "moving" and self.movement_start_s is not None:
            limit_s = self.movement_start_s + self.block.max_movement_s
            if now_s >= limit_s:
                self._end_item("timed_out", limit_s, "")

    def shown(self, token: Any, flip_s: float) -> None:
        if not (isinstance(token, tuple) and token[:3] == ("img", self.block_index,
                                                           self._item_number())):
            return
        if self.stage == "demo" and token[3] == "demo" and self.demo_onset_s is None:
            self.demo_onset_s = flip_s
        elif self.stage == "cue" and token[3] == "moving":
            # The start cue is on screen (and its tone sounds): the first movement starts now.
            self.movement_start_s = flip_s
            if self.first_cue_s is None:
                self.first_cue_s = flip_s
            self.stage = "moving"

    def _item_number(self) -> int | None:
        return self.items[self.current].number if self.current < len(self.items) else None

    def pause(self, now_s: float) -> None:
        if self.stage in MOVING_STAGES:
            # An imagined movement cut by a pause has no meaningful duration: drop it, keep
            # the finished ones, and start again from the instruction after the pause.
            self.ctx.recorder.event("movement_interrupted", self.ctx.rel(now_s),
                                    block=self.block_index, picture=self._item_number(),
                                    repetitions_done=len(self.movement_ms))

    def resume(self, now_s: float) -> None:
        if self.stage in (*MOVING_STAGES, "lead_in"):
            self.stage = "ready"
            self.movement_start_s = None
            self.attempt += 1
        elif self.stage == "demo":
            self.demo_onset_s = None
            self.attempt += 1

    # -- moving on ----------------------------------------------------------------------------
    def _begin_block(self, t_s: float) -> None:
        self.ctx.recorder.event("block_start", self.ctx.rel(t_s), phase=self.phase,
                                block=self.block_index, title=self.block.title,
                                body_part=self.body_part, side=self.side,
                                left_out=sorted(self.left_out) or None,
                                skipped=bool(self.problem) or None)
        if self.problem:
            self.finished = True
            return
        self._start_item()

    def _start_item(self) -> None:
        self._reset_item()
        item = self.items[self.current]
        self.stage = "demo" if item.neutral is not None and self.block.demo_s > 0 else "ready"

    def _start_moving(self, t_s: float) -> None:
        if self.block.eyes_closed:
            self.stage = "lead_in"
            self.lead_in_end_s = t_s + LEAD_IN_S
        else:
            self._cue(t_s)

    def _cue(self, t_s: float) -> None:
        self.stage = "cue"
        self.attempt += 1
        self.movement_start_s = None
        if self.block.eyes_closed:
            self.cue = ("start", self.block_index, self._item_number(), self.attempt)

    def _movement_done(self, t_s: float, device: str) -> None:
        assert self.movement_start_s is not None
        duration_ms = round((t_s - self.movement_start_s) * 1000, 3)
        self.movement_ms.append(duration_ms)
        self.last_device = device
        self.ctx.recorder.event("movement", self.ctx.rel(t_s), block=self.block_index,
                                picture=self._item_number(), repetition=len(self.movement_ms),
                                duration_ms=duration_ms)
        if len(self.movement_ms) >= self.block.repetitions:
            self._end_item("done", t_s, device)
            return
        self.movement_start_s = t_s
        if self.block.eyes_closed:
            self.cue = ("repetition", self.block_index, self._item_number(), self.attempt,
                        len(self.movement_ms))

    def _end_item(self, outcome: str, t_s: float, device: str) -> None:
        imagined = self.first_cue_s is not None  # a start cue was shown for this picture
        self.outcome = outcome
        self.last_device = device or self.last_device
        if self.block.eyes_closed and imagined:
            self.cue = ("done", self.block_index, self._item_number())
        if self.block.rate_pain and imagined:
            self.stage = "pain"
            self.pain_value = None
        else:
            self._record(t_s, None)

    def _record(self, t_s: float, pain_rating: int | None) -> None:
        item = self.items[self.current]
        picture = item.picture
        row = ImageryRow(
            block=self.block_index, trial=item.number, picture_id=picture.id,
            body_part=picture.body_part, true_side=picture.side, view=picture.view,
            posture=picture.posture, skin_tone=picture.skin_tone,
            onset_s=None if self.first_cue_s is None else self.ctx.rel(self.first_cue_s),
            device=self.last_device or None,
            repetitions=len(self.movement_ms),
            repetitions_planned=self.block.repetitions,
            movement_ms=tuple(self.movement_ms),
            skipped=self.outcome == "skipped", timed_out=self.outcome == "timed_out",
            pain_rating=pain_rating, eyes_closed=self.block.eyes_closed,
            demo_picture_id=None if item.neutral is None else item.neutral.id)
        # On disk before the next picture: a crash now costs no finished picture.
        self.ctx.recorder.trial(row)
        self.rows.append(row)
        self.current += 1
        if self.current < len(self.items):
            self._start_item()
            return
        self.figures = imagery_figures(self.rows)
        self.ctx.recorder.event("block_end", self.ctx.rel(t_s), phase=self.phase,
                                block=self.block_index, **self.figures)
        self.stage = "summary"

    def summary(self) -> dict[str, Any] | None:
        base = {"phase": self.phase, "block": self.block_index, "title": self.block.title,
                "body_part": self.body_part, "side": self.side,
                "eyes_closed": self.block.eyes_closed, "left_out": sorted(self.left_out)}
        if self.figures is None:
            figures = imagery_figures(self.rows)
            return {**base, "complete": False, "skipped": bool(self.problem), **figures}
        return {**base, "complete": True, "skipped": False, **self.figures}


def imagery_figures(rows: Sequence[ImageryRow]) -> dict[str, Any]:
    """A block's figures from its picture rows: what the summary, the manifest and later
    sessions' comparisons use."""
    movements = [ms for row in rows for ms in row.movement_ms]
    by_posture: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = by_posture.setdefault(row.posture, {"movement_ms": [], "pain_rating": None})
        entry["movement_ms"].extend(row.movement_ms)
        if row.pain_rating is not None:
            entry["pain_rating"] = max(row.pain_rating, entry["pain_rating"] or 0)
    return {
        "pictures_done": sum(1 for r in rows if not r.skipped and not r.timed_out),
        "pictures_skipped": sum(1 for r in rows if r.skipped),
        "pictures_timed_out": sum(1 for r in rows if r.timed_out),
        "movements": len(movements),
        "median_movement_ms": _median(movements),
        "by_posture": {posture: {"median_movement_ms": _median(e["movement_ms"]),
                                 "movements": len(e["movement_ms"]),
                                 "pain_rating": e["pain_rating"]}
                       for posture, e in by_posture.items()},
    }
