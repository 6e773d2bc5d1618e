"""One table per idea: the body-part, movement, mirror-mode and target tables, and proof that
the places that need them read them rather than keep their own copies."""

from __future__ import annotations

import argparse
import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import gmi_trainer
from gmi_trainer.app import mirror_runtime
from gmi_trainer.commands.run import add_run_arguments
from gmi_trainer.core.shell import LIMB_OPTIONS
from gmi_trainer.mirror.compositor import MirrorMode
from gmi_trainer.mirror.repetitions import COUNTABLE_MOVEMENTS
from gmi_trainer.plans import validation as loader
from gmi_trainer.profiles.model import LIMB_CHOICES, Profile
from gmi_trainer.stimuli import viewpoints
from gmi_trainer.stimuli.build import scene_for
from gmi_trainer.tracking.landmarks import HAND, POSE
from gmi_trainer.vocabulary import (
    AFFECTED_CHOICES,
    BODY_PART_TABLE,
    BODY_PARTS,
    SIDES,
    Affected,
    body_part,
)
from gmi_trainer.vocabulary.mirror_modes import MIRROR_MODE_TABLE, MIRROR_MODES
from gmi_trainer.vocabulary.movements import (
    ANY_PART,
    COUNTED_MOVEMENTS,
    HAND_TRACKER,
    MOVEMENT_TABLE,
    MOVEMENTS,
    POSE_TRACKER,
)
from gmi_trainer.vocabulary.targets import (
    LATERALITY_TARGETS,
    meets_targets,
    shared_targets,
    target_text,
)

PACKAGE = Path(gmi_trainer.__file__).resolve().parent


# -- the body-part table ---------------------------------------------------------------------
@pytest.mark.parametrize("name", BODY_PARTS)
def test_each_body_part_is_complete_and_consistent(name: str) -> None:
    part = body_part(name)
    assert part.name == name
    assert part.preferred_view in part.views
    # A part with a resting posture demonstrates from it; one without (every picture of a neck
    # is turned one way) has no demonstration and no words for one.
    assert part.neutral_posture in part.postures if part.neutral_posture else not part.neutral_words
    assert part.paired or part.movement_words, "an unpaired part says how its pictures move"
    assert len(part.postures) >= 8 or part.name in ("hand", "foot")
    for scene_posture in part.scenes:
        assert set(scene_posture.views) <= set(part.views) and scene_posture.views
        assert scene_posture.name not in part.postures
        assert part.render.context_scene, "scene postures need a context scene factory"
    assert set(part.render.cameras) == set(part.views), "a camera for every view, and only those"
    assert part.render.px_per_mm > 0
    assert part.laterality_targets and set(part.laterality_targets) <= set(LATERALITY_TARGETS)
    assert part.mirror_trackers and set(part.mirror_trackers) <= {POSE_TRACKER, HAND_TRACKER}
    assert part.noun and part.plural and part.limb_words


@pytest.mark.parametrize("name", BODY_PARTS)
def test_each_body_part_reaches_the_plan_loader_and_the_renderer(name: str) -> None:
    part = body_part(name)
    assert name in loader.LATERALITY_KEYS["body_parts"].choices
    assert name in loader.IMAGERY_KEYS["body_part"].choices
    assert set(part.views) <= set(loader.LATERALITY_KEYS["views"].choices or ())
    assert set(part.postures) <= set(loader.IMAGERY_KEYS["postures"].choices or ())
    for view in part.views:
        camera = viewpoints.camera_for(name, view)
        assert camera.size_px == viewpoints.PICTURE_PX
    # The scene factory named by an import path gives a scene for every posture.
    module_name, _, function = part.render.scene.partition(":")
    assert callable(getattr(importlib.import_module(module_name), function))
    for posture in part.all_postures:
        assert callable(scene_for(name, posture).distance)


def test_an_unknown_body_part_is_named_in_the_error() -> None:
    with pytest.raises(ValueError, match="unknown body part 'knee'"):
        body_part("knee")
    with pytest.raises(ValueError, match="unknown body part"):
        viewpoints.camera_for("knee", "top")


def test_every_affected_choice_comes_from_the_table() -> None:
    # A patient names the limb end (hand or foot stand for the whole arm or leg); arms, legs,
    # necks and backs are trained, not chosen as "the affected part".
    choosable = [part for part in BODY_PARTS if BODY_PART_TABLE[part].patient_chooses]
    assert choosable == ["hand", "foot"]
    expected = {f"{side}-{part}": Affected(part, side) for part in choosable for side in SIDES}
    assert AFFECTED_CHOICES == expected and LIMB_CHOICES == expected
    assert [o.id for o in LIMB_OPTIONS] == list(AFFECTED_CHOICES)
    assert [o.label for o in LIMB_OPTIONS] == [
        f"{a.side.capitalize()} {BODY_PART_TABLE[a.part].limb_words}" for a in AFFECTED_CHOICES.values()]
    parser = argparse.ArgumentParser()
    add_run_arguments(parser)
    affected = next(a for a in parser._actions if a.dest == "affected")
    assert tuple(affected.choices or ()) == tuple(AFFECTED_CHOICES)


def test_a_profile_reads_its_affected_part_as_part_and_side() -> None:
    profile = Profile("P1", "foot", "left")
    assert profile.affected == Affected("foot", "left") and profile.affected.choice == "left-foot"
    assert profile.affected_words() == "left foot or leg"
    moved = profile.with_affected(AFFECTED_CHOICES["right-hand"])
    assert (moved.affected_limb, moved.affected_side) == ("hand", "right")
    assert moved.intact_side == "left"


def test_profile_files_written_before_the_table_load_and_save_unchanged() -> None:
    old = {"patient": "P017", "affected_limb": "foot", "affected_side": "right", "display_name": "",
           "plan": "lower-limb", "skin_tone": "dark", "text_scale": 1.0, "mirror_line_x_norm": 0.4,
           "high_contrast": False, "stage_override": "",
           "keys": {"left": ["left", "a"], "right": ["right", "l"], "up": ["up"], "down": ["down"],
                    "confirm": ["return", "enter"], "pause": ["space", "p", "escape"],
                    "back": ["backspace"]}}
    profile = Profile.from_json(old, "profile.json")
    assert profile.affected == Affected("foot", "right")
    # The same fields in the same order (session manifests embed this dict); the key map
    # keeps every key the old file gave and only adds the shortcuts that came later.
    saved = profile.to_json()
    assert list(saved) == list(old)
    assert {k: v for k, v in saved.items() if k != "keys"} == {k: v for k, v in old.items() if k != "keys"}
    assert list(saved["keys"].items())[: len(old["keys"])] == list(old["keys"].items())


# -- the movement table --------------------------------------------------------------------
def test_movements_are_one_table_read_by_plans_counting_and_the_mirror_runtime() -> None:
    assert loader.EXERCISE_KEYS["movement"].choices == MOVEMENTS
    assert set(COUNTABLE_MOVEMENTS) == set(COUNTED_MOVEMENTS)
    for name, spec in COUNTABLE_MOVEMENTS.items():
        assert spec.tracker_kind == MOVEMENT_TABLE[name].counted_by
    assert set(mirror_runtime.POSE_COUNTABLE + mirror_runtime.HAND_COUNTABLE) == set(COUNTED_MOVEMENTS)
    assert (POSE_TRACKER, HAND_TRACKER) == (POSE, HAND), "the tracking package's landmark kinds"
    for movement in MOVEMENT_TABLE.values():
        assert movement.body_part == ANY_PART or movement.body_part in BODY_PARTS
        if movement.counted_by:
            assert movement.counted_by in body_part(movement.body_part).mirror_trackers


# -- the mirror-mode table -----------------------------------------------------------------
def test_mirror_modes_are_one_table_read_by_plans_the_compositor_and_the_mirror_runtime() -> None:
    assert loader.MIRROR_KEYS["mode"].choices == MIRROR_MODES
    assert {m.compositor_mode for m in MIRROR_MODE_TABLE.values()} == {m.name for m in MirrorMode}
    assert {name: MirrorMode[mode] for name, mode in mirror_runtime.MODES.items()} == {
        m.name: MirrorMode[m.compositor_mode] for m in MIRROR_MODE_TABLE.values()}


# -- the target table ----------------------------------------------------------------------
def test_a_block_is_judged_by_the_targets_all_its_body_parts_share() -> None:
    hand = shared_targets([body_part("hand").laterality_targets])
    foot = shared_targets([body_part("foot").laterality_targets])
    both = shared_targets([body_part(p).laterality_targets for p in ("hand", "foot")])
    assert target_text(hand) == "Target: at least 80% correct and under 2.0 s per picture."
    assert target_text(foot) == target_text(both) == "Target: at least 80% correct."
    assert meets_targets(hand, 0.85, 1900.0) is True
    assert meets_targets(hand, 0.85, 2000.0) is False
    assert meets_targets(hand, 0.85, None) is None
    assert meets_targets(foot, 0.80, None) is True
    assert meets_targets(foot, None, 900.0) is None


# -- nothing else keeps its own copy ---------------------------------------------------------
# Two-way body-part branches and per-part literals that the tables replaced. Plain default
# values (a bench's or a new patient's "hand") are data, not branches, and stay allowed.
FORBIDDEN = (
    (re.compile(r"""[=!]=\s*["'](?:hand|foot)["']"""), "compares a body part with a literal"),
    (re.compile(r"""["'](?:hand|foot)["']\s*[=!]="""), "compares a body part with a literal"),
    (re.compile(r"""[=!]=\s*\(\s*["'](?:hand|foot)["']"""), "compares body parts with a literal"),
    (re.compile(r"""["']hand["']\s*,\s*["']foot["']"""), "lists the body parts"),
    (re.compile(r"""["'](?:left|right)-(?:hand|foot)["']\s*(?::|,\s*["'](?:left|right)-)"""),
     "lists the affected choices"),
    (re.compile(r"""\{\s*["'](?:hand|foot)["']\s*:"""), "keeps a per-part table"),
    (re.compile(r"""["'](?:hand or arm|foot or leg)["']"""), "spells a part's words"),
    (re.compile(r"""["'](?:midline|fixed|flip)["']\s*,\s*["'](?:midline|fixed|flip)["']"""),
     "lists the mirror modes"),
    (re.compile(r"""mode\s*[=!]=\s*["'](?:midline|fixed|flip)["']"""),
     "compares a mirror mode with a literal"),
    (re.compile(r"""["']elbow_flex["']\s*,\s*["']knee_flex["']"""), "lists counted movements"),
    (re.compile(r"""\b0\.1\s*<=|<=\s*0\.9\b|line_x_norm\s*<=\s*\d"""),
     "spells the mirror line's range"),
    (re.compile(r"""\b2000(?:\.0)?\b"""), "spells the 2 s target"),
)
OWNERS = ("vocabulary/",)  # the tables themselves
# A picture-size threshold that happens to be 2000: not the 2 s target.
NOT_THE_TARGET = {"stimuli/check.py"}


def test_no_module_outside_the_tables_keeps_a_copy_of_them() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith(OWNERS):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            for pattern, why in FORBIDDEN:
                if pattern.search(code) and not ("2000" in pattern.pattern and rel in NOT_THE_TARGET):
                    found.append(f"{rel}:{number}: {why}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_tables_import_nothing_heavy() -> None:
    probe = ("import gmi_trainer.vocabulary, gmi_trainer.vocabulary.movements, "
             "gmi_trainer.vocabulary.mirror_modes, gmi_trainer.vocabulary.targets, sys\n"
             "print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert not set(out.stdout.split()) & {"numpy", "pygame", "cv2", "mediapipe", "matplotlib", "PIL"}
