"""What a reader accepts from a record file: sizes, nesting, and the type of every field
that the program computes with.

Records come from this program, but also from other machines (archives), older versions,
editors and damaged disks. A value of the wrong type (a summary that is a string, an
accuracy of NaN, a response time of "fast") would crash every screen that reads it, so it is
set aside here, once, with a warning naming the file and the field; everything else in the
record is kept. Nothing on disk is changed."""

from __future__ import annotations

import math
from typing import Any, Callable

from gmi_trainer.i18n import _, ngettext


# Larger than anything the program writes (a manifest carries the plan's text, which the
# plan loader limits; months of trial rows for one session are a few MB), small enough
# that reading a hostile file cannot exhaust memory.
MAX_MANIFEST_BYTES = 8 * 1024 * 1024
MAX_ROWS_BYTES = 128 * 1024 * 1024
MAX_LINE_BYTES = 1024 * 1024


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _flag(value: Any) -> bool:
    return isinstance(value, bool)


def _dict(value: Any) -> bool:
    return isinstance(value, dict)


def _rating(value: Any) -> bool:
    return _whole(value) and 0 <= value <= 10


def _numbers(value: Any) -> bool:
    return isinstance(value, list) and all(_number(v) for v in value)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(_text(v) for v in value)


Check = Callable[[Any], bool]

# Fields a reader computes with, by name. The same name means the same thing in a trial
# row, an event, a block summary and a per-side or per-posture figure, so one table serves
# them all. Null is always allowed ("not measured").
FIELDS: dict[str, Check] = {
    **{name: _number for name in (
        "accuracy", "median_rt_ms", "median_movement_ms", "mirror_minutes",
        "mirror_line_x_norm", "rt_ms", "onset_s", "t_s", "duration_s", "planned_duration_s",
        "active_s", "duration_ms")},
    **{name: _whole for name in (
        "block", "trial", "trials", "answered", "timeouts", "movements",
        "pictures_done", "pictures_skipped", "pictures_timed_out", "repetitions",
        "repetitions_planned", "exercises_done", "exercises_planned", "rotation_deg",
        "deadline_ms", "reps_target", "reps_counted", "pain_rating", "pain_before",
        "pain_after", "steps_done", "steps_planned", "repetition")},
    **{name: _flag for name in (
        "complete", "skipped", "practice", "timed_out", "eyes_closed", "countable")},
    **{name: _text for name in (
        "phase", "title", "body_part", "side", "true_side", "view", "posture", "skin_tone",
        "answer", "device", "picture_id", "event", "moment", "note", "prompt", "movement",
        "mirror_mode", "rom_unit", "status", "text", "demo_picture_id", "unusual_other")},
    **{name: _texts for name in ("body_parts", "left_out", "unusual", "pain_alert")},
    **{name: _numbers for name in ("movement_ms", "range_of_motion")},
    "rt_by_rotation": lambda v: isinstance(v, dict) and all(x is None or _number(x)
                                                            for x in v.values()),
    "by_side": lambda v: isinstance(v, dict) and all(_dict(x) for x in v.values()),
    "by_posture": lambda v: isinstance(v, dict) and all(_dict(x) for x in v.values()),
    "blocks": lambda v: isinstance(v, list) and all(_dict(x) for x in v),
    # Pain by kind ({"phantom": 3, "residual": 0}), each a rating 0-10.
    **{name: lambda v: isinstance(v, dict) and all(_rating(x) for x in v.values())
       for name in ("pain_before_by_kind", "pain_after_by_kind")},
    **{name: lambda v: isinstance(v, dict) and _flag(v.get("present"))
       and _texts(v.get("items", [])) for name in ("sensations_before", "sensations_after")},
    "weekly": lambda v: isinstance(v, dict) and isinstance(v.get("bpi_interference"), dict)
    and all(_rating(x) for x in v["bpi_interference"].values())
    and (v.get("pgic") is None or _whole(v["pgic"]) and 1 <= v["pgic"] <= 7)
    and (v.get("bpi_interference_mean") is None or _number(v["bpi_interference_mean"])),
    "weekly_skipped": _flag,
}
# "correct" is a count in block figures and a yes/no in a trial row.
FIELDS["correct"] = lambda v: _flag(v) or _whole(v)

MANIFEST_FIELDS: dict[str, Check] = {
    "session_id": _text, "patient": _text, "status": _text, "started_at": _text,
    "ended_at": _text, "active_s": _number, "autopilot": _text, "clock": _text,
    "seed": _whole, "screen": _dict, "camera": _dict, "profile": _dict, "plan": _dict,
    "stage": _text, "summary": _dict, "program_version": _text, "stage_source": _text,
    "planned_s": _number, "min_active_s": _number, "counts_as_patient": _flag,
}


def clean_figures(record: dict[str, Any], where: str, set_aside: list[str]) -> dict[str, Any]:
    """`record` with every known field of the wrong type replaced by null, nested figures
    (blocks, by_side, by_posture) cleaned the same way. `set_aside` collects what was."""
    cleaned: dict[str, Any] = {}
    for key, value in record.items():
        check = FIELDS.get(key)
        if value is not None and check is not None and not check(value):
            set_aside.append(f"{where}{key}")
            value = None
        elif key == "blocks" and value is not None:
            value = [clean_figures(b, f"{where}blocks[{i}].", set_aside)
                     for i, b in enumerate(value)]
        elif key in ("by_side", "by_posture") and value is not None:
            value = {name: clean_figures(v, f"{where}{key}.{name}.", set_aside)
                     for name, v in value.items()}
        cleaned[key] = value
    return cleaned


def clean_manifest(manifest: dict[str, Any], set_aside: list[str]) -> dict[str, Any]:
    cleaned = dict(manifest)
    for key, check in MANIFEST_FIELDS.items():
        value = cleaned.get(key)
        if value is not None and not check(value):
            set_aside.append(key)
            cleaned[key] = {} if key == "summary" else None
    cleaned["summary"] = clean_figures(cleaned.get("summary") or {}, "summary.", set_aside)
    return cleaned


def set_aside_warning(path: object, set_aside: list[str]) -> str:
    shown = ", ".join(set_aside[:3]) + (_(" and {count} more").format(count=len(set_aside) - 3)
                                        if len(set_aside) > 3 else "")
    return ngettext("{path}: {count} value of the wrong type ignored ({shown})",
                    "{path}: {count} values of the wrong type ignored ({shown})",
                    len(set_aside)).format(path=path, count=len(set_aside), shown=shown)
