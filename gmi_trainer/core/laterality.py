"""Phase 1 rules: the left/right judgement block.

Timing contract: a picture's onset is the flip that first showed it (`shown`), and a
response time is the answer's poll time minus that onset, both on the shared clock. Each
row also carries the interval actually run before its picture (from the previous answer,
time-out, feedback's end or start to this onset) and, on a time-out, when it was taken, so
a reader can check both against the plan; `next_due_s` lets the loop wake for them.
"""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass, field
from typing import Any, Sequence

from gmi_trainer.core import inputs as act
from gmi_trainer.core.context import Picture, SessionContext
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.rows import LateralityRow
from gmi_trainer.core.steps import Due, Step
from gmi_trainer.core.views import (
    InstructionView,
    LateralitySummaryView,
    LateralityView,
    SideFigures,
)
from gmi_trainer.i18n import _, plan_text
from gmi_trainer.plans.model import LateralityBlock
from gmi_trainer.profiles.model import DEFAULT_KEYS, spoken_keys
from gmi_trainer.vocabulary import SIDES, body_part, in_context, shows_view
from gmi_trainer.vocabulary.body_parts import OWN_SKIN_TONE
from gmi_trainer.vocabulary.targets import meets_targets, norm_text, shared_targets, target_text

MAX_SAME_ANSWER_RUN = 3


class NoPicturesError(ValueError):
    """The picture set has nothing that matches a block's choices."""


@dataclass(frozen=True)
class Trial:
    number: int  # 1-based, counted separately for practice and test trials
    practice: bool
    picture: Picture
    rotation_deg: int


def matching_pictures(pictures: Sequence[Picture], block: LateralityBlock,
                      skin_tone: str | None) -> list[Picture]:
    """Pictures a block may show: its body parts, views, context (plain, scene or both) and
    postures, in the patient's skin tone when the set has that tone (otherwise in every tone)."""
    chosen = [
        p for p in pictures
        if p.body_part in block.body_parts and shows_view(block.views, p.body_part, p.view)
        and in_context(p.body_part, p.posture, block.context)
        and (not block.postures_include or p.posture in block.postures_include)
        and p.posture not in block.postures_exclude
    ]
    # The patient's own pictures are their own skin: always "in their tone".
    toned = [p for p in chosen if p.skin_tone in (skin_tone, OWN_SKIN_TONE)]
    return toned or chosen


def build_trials(pictures: Sequence[Picture], block: LateralityBlock, count: int,
                 practice: bool, rng: random.Random) -> list[Trial]:
    """A seeded order balanced for side and rotation, with at most three identical correct
    answers in a row; pictures are used evenly before any repeats."""
    if count == 0:
        return []
    by_side = {side: [p for p in pictures if p.side == side] for side in SIDES}
    missing = [side for side, found in by_side.items() if not found]
    if missing:
        raise NoPicturesError(_("no {missing} pictures match this block "
                              "({body_parts}; views {views})").format(missing=' or '.join(missing), body_parts=', '.join(block.body_parts), views=', '.join(block.views)))
    cells = [(side, rotation) for side in SIDES for rotation in block.rotations_deg]
    full, remainder = divmod(count, len(cells))
    chosen = cells * full
    rotations = list(block.rotations_deg)
    rng.shuffle(rotations)
    first_side = rng.randrange(2)
    chosen += [(SIDES[(first_side + i) % 2], rotations[(i // 2) % len(rotations)])
               for i in range(remainder)]
    decks = {side: _Deck(_interleave_body_parts(by_side[side], rng), rng) for side in SIDES}
    items = [(side, rotation, decks[side].draw()) for side, rotation in chosen]
    ordered = _order_with_run_limit(items, rng)
    return [Trial(i + 1, practice, picture, rotation)
            for i, (_, rotation, picture) in enumerate(ordered)]


class _Deck:
    """Deal pictures in a shuffled order; reshuffle only when all have been dealt."""

    def __init__(self, pictures: list[Picture], rng: random.Random) -> None:
        self.pictures, self.rng, self.next = pictures, rng, 0

    def draw(self) -> Picture:
        if self.next == len(self.pictures):
            self.rng.shuffle(self.pictures)
            self.next = 0
        picture = self.pictures[self.next]
        self.next += 1
        return picture


def _interleave_body_parts(pictures: list[Picture], rng: random.Random) -> list[Picture]:
    groups: dict[str, list[Picture]] = {}
    for picture in sorted(pictures, key=lambda p: p.id):
        groups.setdefault(picture.body_part, []).append(picture)
    for group in groups.values():
        rng.shuffle(group)
    mixed: list[Picture] = []
    for i in range(max(len(g) for g in groups.values())):
        for group in groups.values():
            if i < len(group):
                mixed.append(group[i])
    return mixed


def _order_with_run_limit(items: list[Any], rng: random.Random) -> list[Any]:
    for _attempt in range(500):
        remaining = items[:]
        rng.shuffle(remaining)
        ordered: list[Any] = []
        while remaining:
            run = _run_length(ordered)
            allowed = [i for i, item in enumerate(remaining)
                       if run < MAX_SAME_ANSWER_RUN or item[0] != ordered[-1][0]]
            if not allowed:
                break
            ordered.append(remaining.pop(rng.choice(allowed)))
        if not remaining:
            return ordered
    raise NoPicturesError(_("cannot order these trials with at most three identical answers in "
                          "a row; include pictures of both sides"))


def _and(words: list[str], last_word: str = "") -> str:
    """'hands, legs and necks', in the patient's language."""
    return words[0] if len(words) == 1 else (", ".join(words[:-1]) + " " + (last_word or _("and"))
                                             + " " + words[-1])


def _run_length(ordered: list[Any]) -> int:
    run = 0
    for item in reversed(ordered):
        if item[0] != ordered[-1][0]:
            break
        run += 1
    return run


@dataclass(frozen=True)
class BlockFigures:
    """The scored result of a block's test trials (practice trials never count)."""

    trials: int
    answered: int
    correct: int
    timeouts: int
    accuracy: float | None  # correct / answered; time-outs are counted apart
    median_rt_ms: float | None  # of correct answers
    by_side: dict[str, dict[str, Any]]
    rt_by_rotation: dict[int, float | None]
    # The same figures for each body part the block showed (progress charts them by part).
    by_part: dict[str, dict[str, Any]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "trials": self.trials, "answered": self.answered, "correct": self.correct,
            "timeouts": self.timeouts, "accuracy": self.accuracy,
            "median_rt_ms": self.median_rt_ms, "by_side": self.by_side,
            "rt_by_rotation": {str(k): v for k, v in self.rt_by_rotation.items()},
            "by_part": self.by_part,
        }


def score(rows: Sequence[LateralityRow], rotations: Sequence[int]) -> BlockFigures:
    tests = [r for r in rows if not r.practice]

    def figures(subset: list[LateralityRow]) -> dict[str, Any]:
        answered = [r for r in subset if not r.timed_out]
        correct = [r for r in answered if r.correct]
        return {
            "trials": len(subset), "answered": len(answered), "correct": len(correct),
            "timeouts": len(subset) - len(answered),
            "accuracy": round(len(correct) / len(answered), 4) if answered else None,
            "median_rt_ms": _median([r.rt_ms for r in correct if r.rt_ms is not None]),
        }

    overall = figures(tests)
    return BlockFigures(
        trials=overall["trials"], answered=overall["answered"], correct=overall["correct"],
        timeouts=overall["timeouts"], accuracy=overall["accuracy"],
        median_rt_ms=overall["median_rt_ms"],
        by_side={side: figures([r for r in tests if r.true_side == side]) for side in SIDES},
        rt_by_rotation={rot: _median([r.rt_ms for r in tests if r.rotation_deg == rot
                                      and r.correct and not r.timed_out and r.rt_ms is not None])
                        for rot in sorted(rotations)},
        by_part={part: figures([r for r in tests if r.body_part == part])
                 for part in dict.fromkeys(r.body_part for r in tests)},
    )


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


class LateralityStep(Step):
    phase = "laterality"

    def __init__(self, ctx: SessionContext, block: LateralityBlock, block_index: int) -> None:
        super().__init__(ctx)
        self.block, self.block_index = block, block_index
        self.label = block.title
        self.rows: list[LateralityRow] = []
        self.stage = "intro"  # intro, trials, practice_done, summary
        self.state = "iti"  # within trials: iti, pending, shown, feedback
        self.trials: list[Trial] = []
        self.practice: list[Trial] = []
        self.current = 0
        self.in_practice = False
        self.timer_end_s = 0.0
        self.onset_s: float | None = None
        self.iti_start_s = 0.0  # when the interval before the current picture began
        self.feedback = ""
        self.figures: BlockFigures | None = None
        self.problem = ""
        rng = random.Random(f"{ctx.seed}:laterality:{block_index}")
        if ctx.pictures is None:
            self.problem = ctx.pictures_problem or _("The picture set could not be loaded.")
        else:
            pictures = matching_pictures(ctx.pictures, block, ctx.profile.skin_tone)
            try:
                self.practice = build_trials(pictures, block, block.practice_trials, True, rng)
                self.trials = build_trials(pictures, block, block.trials, False, rng)
            except NoPicturesError as error:
                self.problem = _("This block cannot run: {error}.").format(error=error)

    # -- what to show -------------------------------------------------------------------
    def _queue(self) -> list[Trial]:
        return self.practice if self.in_practice else self.trials

    def view(self, now_s: float) -> Any:
        if self.stage == "intro":
            return self._intro()
        if self.stage == "practice_done":
            return InstructionView(
                _("Practice done"), _("Now the real pictures. There is no feedback from here on.\n"
                "{trials} pictures. Answer as fast as you can while staying accurate.").format(trials=len(self.trials)),
                _("Press Enter (or click) to start"), token=("lat-practice-done", self.block_index))
        if self.stage == "summary":
            return self._summary_view()
        queue = self._queue()
        trial = queue[self.current]
        showing = self.state in ("pending", "shown")
        feedback_text = ""
        if self.state == "feedback":
            last = self.rows[-1]
            part = body_part(trial.picture.body_part)
            side = _("LEFT") if last.true_side == "left" else _("RIGHT")
            was = (_("that was a {side} {noun}").format(side=side, noun=_(part.noun)) if part.paired else
                   _("that {noun} was {movement_words} to their own {side}").format(noun=_(part.noun), movement_words=_(part.movement_words), side=side))
            feedback_text = (_("Correct") if self.feedback == "correct" else
                             _("Too slow: answer within the time") if self.feedback == "timeout" else
                             _("Not quite: {was}").format(was=was))
        return LateralityView(
            block_title=plan_text(self.block.title), practice=trial.practice, trial_number=trial.number,
            trial_count=len(queue), picture_id=trial.picture.id if showing else None,
            picture_file=str(trial.picture.file) if showing else None,
            rotation_deg=trial.rotation_deg, feedback=self.feedback if self.state == "feedback" else "",
            feedback_text=feedback_text, true_side=trial.picture.side if showing else None,
            token=("lat", self.block_index, trial.practice, trial.number, showing),
            reminder=self._reminder(trial.picture.body_part),
            preload_file=str(trial.picture.file) if self.state == "iti" else None)

    @staticmethod
    def _reminder(part_name: str) -> str:
        """For a part there is one of, LEFT and RIGHT are the person's own: say so on every picture."""
        part = body_part(part_name)
        if part.paired:
            return ""
        return _("{noun} {movement_words} to the person's OWN left or right?").format(noun=_(part.noun).capitalize(), movement_words=_(part.movement_words))

    def _answer_keys(self) -> str:
        """The patient's own answer keys, a learned pedal key too."""
        keys = self.ctx.profile.keys
        left, right = keys.get("left", ()), keys.get("right", ())
        if (tuple(left), tuple(right)) == (DEFAULT_KEYS["left"], DEFAULT_KEYS["right"]):
            return _("the Left/Right arrow keys, A or L")
        return _("{left} for LEFT and {right} for RIGHT").format(left=spoken_keys(left), right=spoken_keys(right))

    def _intro(self) -> InstructionView:
        entries = [body_part(p) for p in self.block.body_parts]
        parts = _and([_(p.plural) for p in entries])
        scenes = {"scene": _(" in everyday scenes"), "mixed": _(", some in everyday scenes")}
        paired = [p for p in entries if p.paired]
        unpaired = [p for p in entries if not p.paired]
        questions = ([_("is it a LEFT or a RIGHT {nouns}").format(nouns=_and([_(p.noun) for p in paired], _("or")))] if paired else [])
        questions += [_("is the {noun} {movement_words} to the LEFT or to the RIGHT").format(noun=_(p.noun), movement_words=_(p.movement_words)) for p in unpaired]
        body = (_("You will see pictures of {parts}{context}, turned "
                "at different angles. For each one, decide as fast as you can: "
                "{questions}?\n").format(parts=parts, context=scenes.get(self.block.context, ''), questions='; '.join(questions)))
        if unpaired:
            body += (_("For {value}, LEFT and RIGHT are the person's "
                     "OWN left and right, as if you were them, whether you see them from the front "
                     "or from behind.\n").format(value=_and([_(p.plural) for p in unpaired])))
        body += (_("Answer with {value}, the left or right mouse button, "
                 "or the LEFT and RIGHT buttons on the screen.\n").format(value=self._answer_keys()))
        if self.problem:
            pass
        elif self.practice:
            body += (_("First {practice} practice pictures tell you if you were right; "
                     "then {trials} pictures without feedback.").format(practice=len(self.practice), trials=len(self.trials)))
        else:
            body += _("{trials} pictures.").format(trials=len(self.trials))
        if self.problem:
            return InstructionView(plan_text(self.block.title), body, _("Press Enter (or click) to go on"),
                                   notice=self.problem + _(" This block is skipped today."),
                                   token=("lat-intro", self.block_index))
        # The plan asked for the patient's own pictures and there are none yet: say so.
        return InstructionView(plan_text(self.block.title), body, notice=self.ctx.pictures_notice,
                               token=("lat-intro", self.block_index))

    def _summary_view(self) -> LateralitySummaryView:
        f = self.figures
        assert f is not None
        # Judged by the targets every body part in the block has (the body-part table).
        targets = shared_targets([body_part(p).laterality_targets for p in self.block.body_parts])
        target = target_text(targets)
        meets = meets_targets(targets, f.accuracy, f.median_rt_ms)
        sides = tuple(
            SideFigures(side, s["answered"], s["correct"], s["timeouts"], s["median_rt_ms"],
                        s["accuracy"])
            for side, s in f.by_side.items())
        by_part = tuple((_(body_part(p).plural), figs["accuracy"], figs["median_rt_ms"], figs["answered"])
                        for p, figs in f.by_part.items()) if len(f.by_part) > 1 else ()
        return LateralitySummaryView(
            plan_text(self.block.title), sides, f.accuracy, f.median_rt_ms, f.timeouts,
            tuple(f.rt_by_rotation.items()), target, meets, self._previous_text(),
            token=("lat-summary", self.block_index), norm_text=norm_text(self.block.body_parts),
            by_part=by_part)

    def _previous_text(self) -> str:
        earlier = [h for h in self.ctx.history if h.get("phase") == "laterality"
                   and tuple(h.get("body_parts", ())) == self.block.body_parts
                   and h.get("accuracy") is not None]
        if not earlier:
            return _("This is your first block of this kind: it sets your starting point.")
        last = earlier[-1]
        text = _("Last time ({value}): {value2:.0%} correct").format(value=last.get('date') or _('earlier'), value2=last['accuracy'])
        if last.get("median_rt_ms"):
            text += _(", median {value:.2f} s").format(value=last['median_rt_ms'] / 1000)
        return text + _(". Sessions before this: {earlier}.").format(earlier=len(earlier))

    # -- what happens -------------------------------------------------------------------
    def handle(self, inp: Input) -> None:
        confirm = inp.action == act.CONFIRM or inp.action == act.SELECT and inp.value == "confirm"
        if self.stage == "intro" and confirm:
            self.ctx.recorder.event("block_start", self.ctx.rel(inp.t_s), phase=self.phase,
                                    block=self.block_index, title=self.block.title,
                                    skipped=bool(self.problem) or None)
            if self.problem:
                self.figures = None
                self.finished = True
                return
            self.in_practice = bool(self.practice)
            self.stage = "trials"
            self._start_iti(inp.t_s)
        elif self.stage == "practice_done" and confirm:
            self.in_practice = False
            self.stage = "trials"
            self.current = 0
            self._start_iti(inp.t_s)
        elif self.stage == "summary" and confirm:
            self.finished = True
        elif self.stage == "trials" and self.state == "shown" and inp.action in (act.LEFT, act.RIGHT):
            self._answer(inp.action, inp.t_s, inp.device)

    def tick(self, now_s: float) -> None:
        if self.stage != "trials":
            return
        if self.state == "iti" and now_s >= self.timer_end_s:
            self.state = "pending"
        elif self.state == "shown" and self.onset_s is not None:
            deadline_s = self.onset_s + self.block.deadline_ms / 1000
            if now_s >= deadline_s:
                self._answer(None, deadline_s, "", taken_s=now_s)
        elif self.state == "feedback" and now_s >= self.timer_end_s:
            self._next(self.timer_end_s)

    def next_due(self) -> Due | None:
        if self.stage != "trials":
            return None
        if self.state == "iti":
            return Due(self.timer_end_s, shows_picture=True)
        if self.state == "feedback":
            return Due(self.timer_end_s)
        if self.state == "shown" and self.onset_s is not None:
            return Due(self.onset_s + self.block.deadline_ms / 1000)
        return None

    @property
    def awaits_response(self) -> bool:
        return self.stage == "trials" and self.state in ("pending", "shown")

    def shown(self, token: Any, flip_s: float) -> None:
        if self.stage == "trials" and self.state == "pending" and token and token[0] == "lat" \
                and token[-1]:
            self.onset_s = flip_s
            self.state = "shown"

    def pause(self, now_s: float) -> None:
        if self.stage == "trials" and self.state in ("pending", "shown"):
            # The trial on screen is shown again after the pause: a paused answer is no answer.
            self.ctx.recorder.event("trial_interrupted", self.ctx.rel(now_s),
                                    block=self.block_index, trial=self._queue()[self.current].number)
            self.state = "iti"

    def resume(self, now_s: float) -> None:
        if self.stage == "trials" and self.state in ("iti", "feedback"):
            self._start_iti(now_s)

    def _start_iti(self, t_s: float) -> None:
        self.state = "iti"
        self.onset_s = None
        self.iti_start_s = t_s
        self.timer_end_s = t_s + self.block.iti_ms / 1000

    def _answer(self, answer: str | None, t_s: float, device: str,
                taken_s: float | None = None) -> None:
        """Close the trial on screen. `taken_s`: when a time-out was noticed (the deadline
        itself, `t_s`, is what the next interval runs from)."""
        queue = self._queue()
        trial = queue[self.current]
        assert self.onset_s is not None
        rt_ms = (t_s - self.onset_s) * 1000
        timed_out = answer is None or rt_ms > self.block.deadline_ms
        if timed_out:
            answer = None
        correct = (answer == trial.picture.side) if not timed_out else False
        row = LateralityRow(
            block=self.block_index, trial=trial.number, practice=trial.practice,
            picture_id=trial.picture.id, body_part=trial.picture.body_part,
            true_side=trial.picture.side, view=trial.picture.view,
            posture=trial.picture.posture, skin_tone=trial.picture.skin_tone,
            rotation_deg=trial.rotation_deg, answer=answer, correct=correct,
            rt_ms=None if timed_out else round(rt_ms, 3), timed_out=timed_out,
            onset_s=self.ctx.rel(self.onset_s), deadline_ms=self.block.deadline_ms,
            device=device or None,
            iti_ms=round((self.onset_s - self.iti_start_s) * 1000, 3),
            planned_iti_ms=self.block.iti_ms,
            timeout_at_ms=None if taken_s is None else round((taken_s - self.onset_s) * 1000, 3))
        # On disk before anything else happens: a crash now costs no finished trial.
        self.ctx.recorder.trial(row)
        self.rows.append(row)
        if trial.practice:
            self.feedback = "timeout" if timed_out else ("correct" if correct else "wrong")
            self.state = "feedback"
            self.timer_end_s = t_s + self.block.feedback_ms / 1000
        else:
            self._next(t_s)

    def _next(self, t_s: float) -> None:
        queue = self._queue()
        self.current += 1
        self.feedback = ""
        if self.current < len(queue):
            self._start_iti(t_s)
            return
        if self.in_practice:
            self.stage = "practice_done"
            self.current = 0
            return
        self.figures = score(self.rows, self.block.rotations_deg)
        self.ctx.recorder.event("block_end", self.ctx.rel(t_s), phase=self.phase,
                                block=self.block_index, **self.figures.as_dict())
        self.stage = "summary"

    def summary(self) -> dict[str, Any] | None:
        base = {"phase": self.phase, "block": self.block_index, "title": self.block.title,
                "body_parts": list(self.block.body_parts)}
        if self.figures is None:
            done = [r for r in self.rows if not r.practice]
            return {**base, "complete": False, "skipped": bool(self.problem),
                    "trials_done": len(done), "accuracy": None, "median_rt_ms": None}
        return {**base, "complete": True, **self.figures.as_dict()}
