"""Validating plans: what every key accepts, checked with the file, line and key of each
problem. Pure: the text comes in, a typed plan or a PlanError goes out (reading the file is
plans/loader.py's job).

Every problem is reported at once, each naming the file, the line where it can be found,
the key and what is allowed, so a therapist can fix a plan in one pass.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from typing import Any, Callable

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from gmi_trainer.i18n import LANGUAGES, SOURCE_LANGUAGE, _, add_plan_texts
from gmi_trainer.plans.model import (
    PLAN_FORMAT_VERSION,
    ImageryBlock,
    LateralityBlock,
    MirrorBlock,
    MirrorExercise,
    PainQuestions,
    Plan,
    Safety,
    Stage,
    PHASE_ORDER,
)
from gmi_trainer.vocabulary import (
    BODY_PARTS,
    CONTEXTS,
    POSTURES,
    VIEWS,
    body_part,
    default_laterality_views,
    in_context,
    qualified_views,
)
from gmi_trainer.vocabulary.body_parts import PICTURE_SOURCES
from gmi_trainer.vocabulary.clinical import ASK_CHOICES
from gmi_trainer.vocabulary.mirror_modes import MIRROR_MODES, MIRROR_STRENGTH_RANGE
from gmi_trainer.vocabulary.movements import MOVEMENTS
from gmi_trainer.vocabulary.unusual import UNUSUAL_IDS

ALL_VIEWS = tuple(dict.fromkeys(v for views in VIEWS.values() for v in views))
ALL_POSTURES = tuple(dict.fromkeys(p for postures in POSTURES.values() for p in postures))

# Longest text a key takes: titles fit a screen line, a prompt a few lines under the mirror.
MAX_TEXT_CHARS = {"description": 4000, "prompt": 300, "advice": 400, "contact": 240}
MAX_TITLE_CHARS = 120

Path_ = tuple[Any, ...]  # a key's place in the document, e.g. ("laterality", 0, "trials")


class PlanError(Exception):
    """A plan file that cannot be used; `problems` holds one line per problem."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Spec:
    """What one key accepts."""

    kind: str  # "int", "float", "bool", "str", "text", "list[int]", "list[str]"
    required: bool = False
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] | None = None
    unit: str = ""

    def describe(self) -> str:
        parts = [{"int": _("a whole number"), "float": _("a number"), "bool": _("true or false"),
                  "str": _("text"), "list[int]": _("a list of whole numbers"),
                  "text": _("text, or its translations as a table {{en = \"...\", ru = \"...\"}} "
                            "(languages: {languages}; en is the main text, required)").format(
                                languages=", ".join(LANGUAGES)),
                  "list[str]": _("a list of names")}[self.kind]]
        if self.low is not None and self.high is not None:
            parts.append(_("from {low} to {high}{value}").format(low=_fmt(self.low), high=_fmt(self.high), value=' ' + self.unit if self.unit else ''))
        if self.choices:
            parts.append(_("one of ") + ", ".join(self.choices) if self.kind == "str"
                         else _("each one of ") + ", ".join(self.choices))
        return ", ".join(parts)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


PLAN_KEYS: dict[str, Spec] = {
    "version": Spec("int", required=True, low=PLAN_FORMAT_VERSION, high=PLAN_FORMAT_VERSION),
    "name": Spec("str", required=True),
    "title": Spec("text", required=True),
    "description": Spec("text"),
    "planned_minutes": Spec("float", low=1, high=120, unit="minutes"),
    "sessions_per_day": Spec("int", low=1, high=24),
    "supervised": Spec("bool"),
    "min_active_fraction": Spec("float", low=0.1, high=1.0),
    "pictures": Spec("str", choices=PICTURE_SOURCES),
}
SAFETY_KEYS: dict[str, Spec] = {
    "stop_pain_after": Spec("int", low=1, high=10),
    "stop_pain_rise": Spec("int", low=1, high=10),
    "warning_signs": Spec("list[str]", choices=UNUSUAL_IDS),
    "advice": Spec("text"),
    "contact": Spec("text"),
    "alerts_hold": Spec("int", low=1, high=50),
    "alerts_days": Spec("int", low=1, high=60, unit="days"),
}
PAIN_KEYS: dict[str, Spec] = {
    "ask": Spec("list[str]", choices=ASK_CHOICES),
    "weekly": Spec("bool"),
}
LATERALITY_KEYS: dict[str, Spec] = {
    "title": Spec("text"),
    "body_parts": Spec("list[str]", choices=BODY_PARTS),
    "views": Spec("list[str]", choices=ALL_VIEWS + qualified_views()),
    "rotations_deg": Spec("list[int]", low=0, high=359, unit="degrees"),
    "postures_include": Spec("list[str]", choices=ALL_POSTURES),
    "postures_exclude": Spec("list[str]", choices=ALL_POSTURES),
    "trials": Spec("int", low=1, high=500),
    "practice_trials": Spec("int", low=0, high=50),
    "deadline_ms": Spec("int", low=1000, high=30000, unit="ms"),
    "iti_ms": Spec("int", low=200, high=5000, unit="ms"),
    "feedback_ms": Spec("int", low=200, high=3000, unit="ms"),
    "context": Spec("str", choices=CONTEXTS),
}
IMAGERY_KEYS: dict[str, Spec] = {
    "title": Spec("text"),
    "body_part": Spec("str", choices=("affected", "intact", *BODY_PARTS)),
    "side": Spec("str", choices=("affected", "intact", "left", "right")),
    "postures": Spec("list[str]", choices=ALL_POSTURES),
    "postures_exclude": Spec("list[str]", choices=ALL_POSTURES),
    "pictures": Spec("int", low=1, high=30),
    "repetitions": Spec("int", low=1, high=10),
    "demo_s": Spec("float", low=0, high=20, unit="seconds"),
    "max_movement_s": Spec("float", low=2, high=120, unit="seconds"),
    "eyes_closed": Spec("bool"),
    "rate_pain": Spec("bool"),
    "skip_painful_above": Spec("int", low=0, high=10),
}
MIRROR_KEYS: dict[str, Spec] = {
    "title": Spec("text"),
    "mode": Spec("str", choices=MIRROR_MODES),
    "settle_s": Spec("float", low=0, high=300, unit="seconds"),
    "mirror_strength": Spec("int", low=MIRROR_STRENGTH_RANGE[0], high=MIRROR_STRENGTH_RANGE[1],
                            unit="percent"),
}
EXERCISE_KEYS: dict[str, Spec] = {
    "prompt": Spec("text", required=True),
    "movement": Spec("str", choices=MOVEMENTS),
    "duration_s": Spec("float", low=5, high=1800, unit="seconds"),
    "repetitions": Spec("int", low=0, high=200),
    "metronome_bpm": Spec("int", low=0, high=120),
    "mirror_strength": Spec("int", low=MIRROR_STRENGTH_RANGE[0], high=MIRROR_STRENGTH_RANGE[1],
                            unit="percent"),
}
STAGE_KEYS: dict[str, Spec] = {
    "name": Spec("str", required=True),
    "title": Spec("text"),
    "phases": Spec("list[str]", required=True, choices=PHASE_ORDER),
    "min_days": Spec("int", low=0, high=365, unit="days"),
    "advance_accuracy": Spec("float", low=0.5, high=1.0),
    "advance_rt_ms": Spec("int", low=300, high=10000, unit="ms"),
    "advance_sessions": Spec("int", low=1, high=50),
    "relapse_pain_rise": Spec("int", low=1, high=10),
    "relapse_sessions": Spec("int", low=2, high=50),
    "relapse_to": Spec("str"),
    "laterality_blocks": Spec("int", low=1, high=50),
    "imagery_blocks": Spec("int", low=1, high=50),
}
STAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def parse_plan(text: str, source: str = "<plan>") -> Plan:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PlanError(source, [_("{source}: not valid TOML: {error}. "
                                 "Check quotes, brackets and '=' signs on that line.").format(source=source, error=error)]) from None
    except RecursionError:
        raise PlanError(source, [_("{source}: lists or tables are nested too deeply; a plan "
                                 "nests two levels at most.").format(source=source)]) from None
    check = _Checker(source, text)
    plan = check.plan(document)
    if check.problems:
        raise PlanError(source, check.problems)
    assert plan is not None
    add_plan_texts(check.texts)
    return plan


class _Checker:
    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.text = text
        self.lines = _key_lines(text)
        self.problems: list[str] = []
        # Translations the plan carries, by main text ({"Mirror": {"ru": "Зеркало"}}).
        self.texts: dict[str, dict[str, str]] = {}

    def report(self, where: Path_, message: str) -> None:
        line = self.lines.get(where) or self.lines.get(where[:-1])
        prefix = f"{self.source}:{line}" if line else self.source
        self.problems.append(f"{prefix}: {_dotted(where)}: {message}")

    def plan(self, document: dict[str, Any]) -> Plan | None:
        tables = {"laterality": LATERALITY_KEYS, "imagery": IMAGERY_KEYS, "mirror": MIRROR_KEYS}
        values = self.fields(document, (), PLAN_KEYS,
                             allowed_extra=(*tables, "stages", "safety", "pain"))
        safety = self.safety(document.get("safety", {}))
        pain = self.pain(document.get("pain", {}))
        if "version" in document and document.get("version") != PLAN_FORMAT_VERSION:
            return None
        blocks: dict[str, list[Any]] = {}
        builders: dict[str, Callable[[dict[str, Any], Path_], Any]] = {
            "laterality": self.laterality, "imagery": self.imagery, "mirror": self.mirror,
        }
        for name, build in builders.items():
            entries = document.get(name, [])
            if isinstance(entries, dict):
                entries = [entries]
            if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
                self.report((name,), _("must be written as [[{name}]] blocks").format(name=name))
                continue
            blocks[name] = [build(entry, (name, i)) for i, entry in enumerate(entries)]
        if not any(blocks.get(name) for name in builders) and not self.problems:
            self.report(("laterality",), _("the plan has no blocks: add at least one [[laterality]], "
                        "[[imagery]] or [[mirror]] block"))
        stages = self.stages(document.get("stages", []),
                             {name for name in builders if blocks.get(name)})
        if self.problems:
            return None
        return Plan(
            **values,
            laterality=tuple(blocks["laterality"]),
            imagery=tuple(blocks["imagery"]),
            mirror=tuple(blocks["mirror"]),
            stages=stages,
            safety=safety,
            pain=pain,
            source_path=self.source,
            source_text=self.text,
            source_sha256=hashlib.sha256(self.text.encode("utf-8")).hexdigest(),
        )

    def safety(self, table: Any) -> Safety:
        """`[safety]`, optional: when a session's answers mean stopping for today."""
        if not isinstance(table, dict):
            self.report(("safety",), _("must be written as a [safety] table"))
            return Safety()
        values = self.fields(table, ("safety",), SAFETY_KEYS)
        for key in ("advice", "contact"):
            if key in values and not values[key].strip():
                self.report(("safety", key), _("must not be empty: the patient reads it when "
                            "a session should stop"))
                del values[key]
        return Safety(**values)

    def pain(self, table: Any) -> PainQuestions:
        """`[pain]`, optional: which pain questions come before and after a session."""
        if not isinstance(table, dict):
            self.report(("pain",), _("must be written as a [pain] table"))
            return PainQuestions()
        values = self.fields(table, ("pain",), PAIN_KEYS)
        ask = values.get("ask")
        if ask is not None:
            if len(set(ask)) != len(ask):
                self.report(("pain", "ask"), _("names a question twice"))
            if not {"phantom", "residual"} & set(ask):
                self.report(("pain", "ask"), _("must ask phantom or residual limb pain (or both): "
                            "pain is rated before and after every session"))
            # Always in the same order, so before and after read alike.
            values["ask"] = tuple(a for a in ASK_CHOICES if a in ask)
        return PainQuestions(**values)

    def stages(self, entries: Any, with_blocks: set[str]) -> tuple[Stage, ...]:
        """`[[stages]]`, optional: the programme's stages, first to last."""
        if isinstance(entries, dict):
            entries = [entries]
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            self.report(("stages",), _("must be written as [[stages]] tables"))
            return ()
        built = []
        seen: set[str] = set()
        for i, entry in enumerate(entries):
            where = ("stages", i)
            values = self.fields(entry, where, STAGE_KEYS)
            name = values.get("name")
            if name is not None and not STAGE_NAME.match(name):
                self.report(where + ("name",), _('"{name}" is not allowed; expected 1-40 lower-case '
                            "letters, digits, '-' or '_' (it is typed in 'patient set-stage')").format(name=name))
            elif name in seen:
                self.report(where + ("name",), _('"{name}" names two stages; names must differ').format(name=name))
            seen.add(str(name))
            phases = values.get("phases")
            if phases is not None and not phases:
                self.report(where + ("phases",), _("must name at least one phase"))
            for phase in phases or ():
                if phase not in with_blocks:
                    self.report(where + ("phases",), _('"{phase}" has no [[{phase}]] block in this '
                                "plan; add one or leave the phase out").format(phase=phase))
            for key in ("advance_accuracy", "advance_rt_ms"):
                if key in values and phases is not None and "laterality" not in phases:
                    self.report(where + (key,), _("needs \"laterality\" in this stage's phases "
                                "(the figure comes from left/right judgement)"))
            for key, phase in (("laterality_blocks", "laterality"), ("imagery_blocks", "imagery")):
                if key in values and phases is not None and phase not in phases:
                    self.report(where + (key,), _('needs "{phase}" in this stage\'s phases').format(phase=phase))
            back = values.get("relapse_to")
            earlier_names = [stage.name for stage in built]
            if back is not None and back not in earlier_names:
                earlier = ", ".join(earlier_names) or _("none: this is the first stage")
                self.report(where + ("relapse_to",), _('"{back}" is not an earlier stage '
                            "(earlier stages: {earlier})").format(back=back, earlier=earlier))
            if "name" in values and "phases" in values:
                built.append(Stage(**values))
        if len(built) == 1 and not self.problems:
            self.report(("stages", 0), _("a programme needs at least two stages (or none)"))
        return tuple(built)

    def laterality(self, entry: dict[str, Any], where: Path_) -> LateralityBlock:
        values = self.fields(entry, where, LATERALITY_KEYS)
        parts = values.get("body_parts", LateralityBlock.body_parts)
        if "body_parts" in values and not parts:
            self.report(where + ("body_parts",), _("must name at least one of {BODY_PARTS}").format(BODY_PARTS=', '.join(BODY_PARTS)))
        for view in values.get("views", ()):
            if ":" in view:
                if view.partition(":")[0] not in parts:
                    self.report(where + ("views",), _("'{view}' names a part this block does not "
                                "show (body_parts: {parts})").format(view=view, parts=', '.join(parts)))
            elif not any(view in VIEWS[p] for p in parts):
                self.report(where + ("views",), _("'{view}' is not a view of "
                            "{parts} (allowed: "
                            "{value})").format(view=view, parts=' or '.join(parts), value=', '.join(v for p in parts for v in VIEWS[p])))
        if "views" in values and not values["views"]:
            self.report(where + ("views",), _("must name at least one view"))
        if "rotations_deg" in values and not values["rotations_deg"]:
            self.report(where + ("rotations_deg",), _("must list at least one angle"))
        for key in ("postures_include", "postures_exclude"):
            for posture in values.get(key, ()):
                if not any(posture in POSTURES[p] for p in parts):
                    self.report(where + (key,), _("'{posture}' is not a posture of "
                                "{parts}").format(posture=posture, parts=' or '.join(parts)))
        if values.get("context", "plain") != "plain" and parts \
                and not any(body_part(p).scenes for p in parts):
            self.report(where + ("context",), _("{parts} have no scene pictures "
                        "(parts with them: {value})").format(parts=' and '.join(parts), value=', '.join(p for p in BODY_PARTS if body_part(p).scenes)))
        if "views" not in values and parts:
            # Each part's own usual views: a leg block needs no hand views named.
            values["views"] = default_laterality_views(tuple(parts))
        context = values.get("context", LateralityBlock.context)
        shown = [q for p in parts for q in POSTURES[p] if in_context(p, q, context)]
        self.some_posture_left(where, shown, values.get("postures_include"),
                               values.get("postures_exclude", ()))
        return LateralityBlock(**values)

    def some_posture_left(self, where: Path_, postures: list[str], chosen: Any,
                          excluded: tuple[str, ...]) -> None:
        """A block whose choices leave no posture would run as a 'complete' block of nothing."""
        left = [q for q in (chosen or postures) if q not in excluded]
        if postures and not left:
            self.report(where + ("postures_exclude",), _("leaves no posture to show; exclude "
                        "fewer postures"))

    def imagery(self, entry: dict[str, Any], where: Path_) -> ImageryBlock:
        values = self.fields(entry, where, IMAGERY_KEYS)
        part = values.get("body_part", ImageryBlock.body_part)
        if part in POSTURES:
            # With "affected" or "intact" the limb is the patient's, known only at the start.
            for key in ("postures", "postures_exclude"):
                for posture in values.get(key, ()):
                    if posture not in POSTURES[part]:
                        self.report(where + (key,), _("'{posture}' is not a posture of {part} "
                                    "(allowed: {value})").format(posture=posture, part=part, value=', '.join(POSTURES[part])))
            self.some_posture_left(where, list(POSTURES[part]), values.get("postures"),
                                   values.get("postures_exclude", ()))
        else:
            self.some_posture_left(where, ["any"], values.get("postures"),
                                   values.get("postures_exclude", ()))
        return ImageryBlock(**values)

    def mirror(self, entry: dict[str, Any], where: Path_) -> MirrorBlock:
        values = self.fields(entry, where, MIRROR_KEYS, allowed_extra=("exercises",))
        exercises = entry.get("exercises", [])
        if not isinstance(exercises, list) or not all(isinstance(e, dict) for e in exercises):
            self.report(where + ("exercises",), _("must be written as [[mirror.exercises]] tables"))
            exercises = []
        if not exercises:
            self.report(where + ("exercises",), _("a mirror block needs at least one "
                        "[[mirror.exercises]] table with a prompt"))
        built = []
        for i, exercise in enumerate(exercises):
            fields = self.fields(exercise, where + ("exercises", i), EXERCISE_KEYS)
            if "prompt" in fields:
                built.append(MirrorExercise(**fields))
        return MirrorBlock(**values, exercises=tuple(built))

    def fields(self, table: dict[str, Any], where: Path_, specs: dict[str, Spec],
               allowed_extra: tuple[str, ...] = ()) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key in table:
            if key not in specs and key not in allowed_extra:
                allowed = ", ".join([*specs, *allowed_extra])
                self.report(where + (key,), _("unknown key (allowed here: {allowed})").format(allowed=allowed))
        for key, spec in specs.items():
            if key not in table:
                if spec.required:
                    self.report(where + (key,), _("missing; it is required ({value})").format(value=spec.describe()))
                continue
            value = _coerce(table[key], spec)
            limit = MAX_TEXT_CHARS.get(key, MAX_TITLE_CHARS)
            if value is _INVALID:
                self.report(where + (key,), _("{value} is not allowed; "
                            "expected {value2}").format(value=_show(table[key]), value2=spec.describe()))
            elif isinstance(value, str) and len(value) > limit:
                self.report(where + (key,), _("is {value:,} characters long; at most "
                            "{limit:,} are allowed here").format(value=len(value), limit=limit))
            else:
                values[key] = value
                if spec.kind == "text" and isinstance(table[key], dict):
                    self.texts[value] = {code: text for code, text in table[key].items()
                                         if code != SOURCE_LANGUAGE}
        return values


_INVALID = object()


def _coerce(value: Any, spec: Spec) -> Any:
    def scalar(item: Any, kind: str) -> Any:
        if kind == "bool":
            return item if isinstance(item, bool) else _INVALID
        if isinstance(item, bool):
            return _INVALID
        if kind == "int":
            if not isinstance(item, int):
                return _INVALID
        elif kind == "float":
            if not isinstance(item, (int, float)) or not math.isfinite(item):
                return _INVALID  # nan and inf pass every range check, then break a session
            item = float(item)
        elif kind == "text":
            # A text, or its translations: title = {en = "Mirror", ru = "Зеркало"} (the
            # same as title.en = ... and title.ru = ... on lines of their own).
            if isinstance(item, dict):
                if not all(code in LANGUAGES and isinstance(t, str) and t.strip()
                           for code, t in item.items()) or SOURCE_LANGUAGE not in item:
                    return _INVALID
                return item[SOURCE_LANGUAGE]
            return item if isinstance(item, str) else _INVALID
        elif kind == "str":
            if not isinstance(item, str):
                return _INVALID
            if spec.choices and item not in spec.choices:
                return _INVALID
            return item
        if spec.low is not None and item < spec.low or spec.high is not None and item > spec.high:
            return _INVALID
        return item

    if spec.kind.startswith("list["):
        if not isinstance(value, list):
            return _INVALID
        kind = spec.kind[5:-1]
        items = [scalar(item, kind) for item in value]
        if any(item is _INVALID for item in items):
            return _INVALID
        if len(set(items)) != len(items):
            return _INVALID
        return tuple(items)
    return scalar(value, spec.kind)


def _show(value: Any) -> str:
    if isinstance(value, str):
        shown = f'"{value}"'
    elif isinstance(value, bool):
        shown = "true" if value else "false"
    else:
        shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _dotted(where: Path_) -> str:
    text = ""
    for part in where:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or _("(top level)")


_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-]+)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


def _key_lines(text: str) -> dict[Path_, int]:
    """Line numbers of keys and tables, so messages can point at them (tomllib gives none)."""
    lines: dict[Path_, int] = {}
    counts: dict[Path_, int] = {}
    current: Path_ = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = header.group(2).split(".")
            if header.group(1) == "[[":
                parent = _resolve(current, names[:-1])
                table = parent + (names[-1],)
                index = counts.get(table, 0)
                counts[table] = index + 1
                current = table + (index,)
            else:
                current = tuple(names)
            lines.setdefault(current, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault(current + (key.group(1),), number)
    return lines


def _resolve(current: Path_, names: list[str]) -> Path_:
    """The path of a parent array-of-tables named in a nested header, e.g. mirror -> (mirror, 2)."""
    resolved: Path_ = ()
    for name in names:
        if len(current) > len(resolved) + 1 and current[len(resolved)] == name:
            resolved = current[: len(resolved) + 2]
        else:
            resolved = resolved + (name,)
    return resolved
