"""The whole-body parts (leg, arm, neck, back) and the context pictures: geometry that obeys
anatomy, exact mirror twins, plans that choose parts and context, figures by part, norms,
and the words a patient reads for a neck or a back."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from gmi_trainer.core.laterality import build_trials, matching_pictures, score
from gmi_trainer.core.rows import LateralityRow
from gmi_trainer.plans.validation import PlanError, parse_plan
from gmi_trainer.stimuli import sides
from gmi_trainer.stimuli.build import Job, mirror, render_right, scene_for
from gmi_trainer.stimuli.geometry_body import ArmPose, LegPose, arm_joints, check_limits, leg_joints
from gmi_trainer.stimuli.geometry_figure import FigurePose, FigureScene
from gmi_trainer.stimuli.library import Stimulus
from gmi_trainer.vocabulary import BODY_PART_TABLE, SIDES, SKIN_TONES, body_part
from gmi_trainer.vocabulary.targets import LATERALITY_NORMS, norm_text

MEDIA = Path(__file__).resolve().parents[1] / "media"
WHOLE_BODY = ("leg", "arm", "neck", "back")


# -- anatomy -------------------------------------------------------------------------------
def test_an_elbow_bends_forwards_and_an_inward_turn_swings_the_forearm_inwards() -> None:
    shoulder = np.array([200.0, 0.0, 1400.0])
    bent = arm_joints(ArmPose(elevation_deg=0, plane_deg=0, elbow_deg=90), shoulder)
    assert bent.wrist[1] - bent.elbow[1] > 200, "with the arm hanging the forearm comes forwards"
    inward = arm_joints(ArmPose(elevation_deg=0, plane_deg=0, elbow_deg=90, inward_turn_deg=60), shoulder)
    assert inward.wrist[0] < bent.wrist[0] - 100, "an inward turn brings the hand towards the belly"
    # The thumb is on the side the elbow crease faces, the back of the hand outwards.
    assert bent.hand_basis[:, 2][0] > 0.5


def test_a_knee_bends_only_backwards_and_the_limits_are_enforced() -> None:
    joints = leg_joints(LegPose(knee_deg=90), np.array([88.0, 0.0, 927.0]))
    assert joints.ankle[1] < joints.knee[1] - 300, "a bent knee takes the foot backwards"
    with pytest.raises(ValueError, match="knee"):
        check_limits(knee_deg=-10)
    with pytest.raises(ValueError, match="neck turn"):
        FigurePose(head_turn_deg=85).check()
    with pytest.raises(ValueError, match="trunk bend"):
        FigurePose(trunk_bend_deg=40).check()


@pytest.mark.parametrize("part", WHOLE_BODY)
def test_every_whole_body_posture_reads_as_a_right_one_from_its_landmarks(part: str) -> None:
    rest = sides.rest_landmarks(part)
    for posture in body_part(part).postures:
        marks = scene_for(part, posture).landmarks()  # type: ignore[attr-defined]
        assert sides.anatomical_side(part, marks, rest) == "right", posture


def test_the_side_rule_is_not_blind_a_mirrored_figure_reads_as_left() -> None:
    flip = np.array([-1.0, 1.0, 1.0])
    rest = sides.rest_landmarks("arm")
    marks = scene_for("arm", "sideways").landmarks()  # type: ignore[attr-defined]
    # The mirror image of every point, names swapped as a viewer would name them.
    mirrored = {name.replace("right", "@").replace("left", "right").replace("@", "left"): p * flip
                for name, p in marks.items()}
    rest_m = {name.replace("right", "@").replace("left", "right").replace("@", "left"): p * flip
              for name, p in rest.items()}
    assert sides.anatomical_side("arm", mirrored, rest_m) == "left"
    leg = scene_for("leg", "sitting").landmarks()  # type: ignore[attr-defined]
    assert sides.anatomical_side("leg", {k: v * flip for k, v in leg.items()}, {}) == "left"
    neck = FigureScene(FigurePose(head_turn_deg=-40), focus="neck").landmarks()
    assert sides.anatomical_side("neck", neck, sides.rest_landmarks("neck")) == "left"


@pytest.mark.slow
def test_a_small_render_of_each_new_part_is_an_exact_mirror_twin_in_every_tone() -> None:
    for part, posture, view in (("neck", "turn_tilt", "back"), ("foot", "in_shoe", "top")):
        pictures = render_right(Job(part, posture, view))
        assert set(pictures) == set(SKIN_TONES)
        right = pictures["medium"]
        left = mirror(right)
        assert np.array_equal(left[:, ::-1], right)
        assert (right[..., 3] > 128).sum() > 2000, f"{part} {posture} {view} shows almost nothing"
        # Skin changes with the tone; hair, clothes and objects do not.
        assert not np.array_equal(pictures["light"], pictures["dark"])


# -- the committed pictures ------------------------------------------------------------------
@pytest.mark.skipif(not (MEDIA / "leg").is_dir(), reason="media/ has no whole-body pictures")
def test_every_whole_body_picture_on_disk_matches_its_label() -> None:
    results = sides.run(MEDIA)
    assert len(results) == sum(len(body_part(p).postures) * len(body_part(p).views) for p in WHOLE_BODY)
    problems = [p for r in results for p in r.problems]
    assert problems == []


@pytest.mark.skipif(not (MEDIA / "leg").is_dir(), reason="media/ has no whole-body pictures")
def test_the_side_check_finds_a_picture_whose_left_and_right_files_were_swapped(tmp_path: Path) -> None:
    import shutil

    from gmi_trainer.stimuli.build import relative_file

    for side in SIDES:
        rel = relative_file("arm", side, "sideways", "front", "medium")
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        other = relative_file("arm", "left" if side == "right" else "right", "sideways", "front", "medium")
        shutil.copy(MEDIA / other, tmp_path / rel)
    result = sides.check_picture(tmp_path, "arm", "sideways", "front", "medium", sides.rest_landmarks("arm"))
    assert any("is not on the figure" in p for p in result.problems)


# -- plans, trials and figures ---------------------------------------------------------------
def _picture(part: str, side: str, posture: str, view: str) -> Stimulus:
    return Stimulus(f"{part}-{side}-{posture}-{view}-medium", Path("x.png"), part, side, view, posture, "medium")


def _set() -> list[Stimulus]:
    return [_picture(part, side, posture, view)
            for part in BODY_PART_TABLE for side in SIDES
            for posture in body_part(part).all_postures for view in body_part(part).views_of(posture)]


def _plan(laterality: str) -> str:
    return (f'version = 1\nname = "x"\ntitle = "X"\n[[laterality]]\n{laterality}\n')


def test_a_block_of_mixed_parts_uses_each_parts_own_default_views() -> None:
    plan = parse_plan(_plan('body_parts = ["hand", "leg", "neck"]'), "x.toml")
    block = plan.laterality[0]
    chosen = matching_pictures(_set(), block, "medium")
    assert {(p.body_part, p.view) for p in chosen} == {
        ("hand", "back"), ("hand", "palm"), ("leg", "front"), ("leg", "side"), ("leg", "back"),
        ("neck", "front"), ("neck", "back")}
    trials = build_trials(chosen, block, 48, False, random.Random(1))
    assert {t.picture.body_part for t in trials} == {"hand", "leg", "neck"}


def test_a_view_given_with_its_part_applies_to_that_part_only() -> None:
    plan = parse_plan(_plan('body_parts = ["hand", "arm"]\nviews = ["hand:back", "arm:side"]'), "x.toml")
    chosen = matching_pictures(_set(), plan.laterality[0], "medium")
    assert {(p.body_part, p.view) for p in chosen} == {("hand", "back"), ("arm", "side")}


@pytest.mark.parametrize("context, scenes, plain", [("plain", False, True), ("scene", True, False),
                                                     ("mixed", True, True)])
def test_context_chooses_plain_pictures_scenes_or_both(context: str, scenes: bool, plain: bool) -> None:
    plan = parse_plan(_plan(f'body_parts = ["hand", "foot"]\nviews = ["back", "top"]\ncontext = "{context}"'),
                          "x.toml")
    chosen = matching_pictures(_set(), plan.laterality[0], "medium")
    kinds = {body_part(p.body_part).is_scene(p.posture) for p in chosen}
    assert (True in kinds) == scenes and (False in kinds) == plain


def test_plans_refuse_a_scene_context_without_scenes_and_a_view_of_another_part() -> None:
    with pytest.raises(PlanError) as caught:
        parse_plan(_plan('body_parts = ["neck"]\ncontext = "scene"'), "x.toml")
    assert "neck have no scene pictures" in str(caught.value) and "hand, foot" in str(caught.value)
    with pytest.raises(PlanError) as caught:
        parse_plan(_plan('body_parts = ["hand"]\nviews = ["leg:front"]'), "x.toml")
    assert "names a part this block does not show" in str(caught.value)
    with pytest.raises(PlanError) as caught:
        parse_plan(_plan('context = "busy"'), "x.toml")
    assert "plain, scene, mixed" in str(caught.value)


def _row(part: str, side: str, correct: bool, rt_ms: float) -> LateralityRow:
    return LateralityRow(block=1, trial=1, practice=False, picture_id="p", body_part=part,
                         true_side=side, view="front", posture="x", skin_tone="medium",
                         rotation_deg=0, answer=side if correct else "left", correct=correct,
                         rt_ms=rt_ms, timed_out=False, onset_s=1.0, deadline_ms=8000, device="key")


def test_a_block_is_scored_by_body_part_as_well() -> None:
    rows = [_row("hand", "right", True, 1000), _row("hand", "left", True, 1200),
            _row("neck", "right", False, 2000), _row("neck", "left", True, 1800)]
    figures = score(rows, (0,))
    assert figures.by_part["hand"]["accuracy"] == 1.0 and figures.by_part["hand"]["median_rt_ms"] == 1100
    assert figures.by_part["neck"]["accuracy"] == 0.5 and figures.by_part["neck"]["answered"] == 2
    assert figures.as_dict()["by_part"] == figures.by_part


def test_norms_by_part_where_published() -> None:
    neck = LATERALITY_NORMS["neck"]
    assert (neck.mean_rt_ms, neck.sd_rt_ms, neck.accuracy, neck.adults) == (1620.0, 500.0, 0.925, 1361)
    assert "leg" not in LATERALITY_NORMS and "back" not in LATERALITY_NORMS
    text = norm_text(("hand", "foot", "neck", "leg"))
    assert text.startswith("Healthy adults: hands and feet 2.00 +/- 0.50 s, at least 80% correct "
                           "(European Pain Federation); ")
    assert text.endswith("heads 1.62 +/- 0.50 s, median 92.5% correct (1,361 adults, Wallwork et al. 2013).")
    assert norm_text(("leg", "back")) == ""


def test_neck_and_back_say_the_persons_own_left_on_the_block_and_every_picture() -> None:
    assert not body_part("neck").paired and not body_part("back").paired and body_part("leg").paired
    from gmi_trainer.core.laterality import LateralityStep

    assert "OWN left or right" in LateralityStep._reminder("neck")
    assert "OWN left or right" in LateralityStep._reminder("back")
    assert LateralityStep._reminder("leg") == ""


def test_the_shipped_amputation_plans_use_the_new_parts() -> None:
    from gmi_trainer.plans.loader import load_plan

    root = Path(__file__).resolve().parents[1] / "exercises"
    upper = load_plan(root / "upper-limb-amputation.toml")
    lower = load_plan(root / "lower-limb-amputation.toml")
    assert "arm" in upper.laterality[0].body_parts and upper.imagery[0].body_part == "arm"
    assert "leg" in lower.laterality[0].body_parts and lower.imagery[0].body_part == "leg"
    assert any(b.context == "scene" for b in upper.laterality)
    assert any(b.context == "scene" for b in lower.laterality)
    for plan in (upper, lower):
        assert set(plan.imagery[0].postures) <= set(body_part(plan.imagery[0].body_part).postures)


# -- the real program -----------------------------------------------------------------------
@pytest.mark.skipif(not (MEDIA / "leg").is_dir(), reason="media/ has no whole-body pictures")
@pytest.mark.parametrize("plan, affected, parts, imagined", [
    ("lower-limb-amputation", "left-foot", {"foot", "leg"}, "leg"),
    ("upper-limb-amputation", "right-hand", {"hand", "arm"}, "arm"),
])
def test_an_amputation_plan_runs_headless_and_records_figures_by_part(
        tmp_path: Path, plan: str, affected: str, parts: set[str], imagined: str) -> None:
    import json
    import os
    import subprocess
    import sys

    from gmi_trainer.records.history import session_facts
    from gmi_trainer.records.reader import read_patient

    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env.pop("GMI_TRAINER_DATA", None)
    result = subprocess.run(
        [sys.executable, "-m", "gmi_trainer", "run", "--headless", "--autopilot", "correct",
         "--plan", plan, "--stage", "imagery", "--data-dir", str(tmp_path), "--affected", affected,
         "--patient", "P1"], capture_output=True, text=True, env=env, timeout=300,
        cwd=MEDIA.parent)
    assert result.returncode == 0, result.stderr
    manifest = json.loads(next(tmp_path.glob("P1/*/manifest.json")).read_text())
    blocks = manifest["summary"]["blocks"]
    mixed = blocks[0]
    assert set(mixed["by_part"]) == parts and mixed["accuracy"] == 1.0
    scenes = blocks[1]
    trials = [json.loads(line) for line in next(tmp_path.glob("P1/*/trials.jsonl")).read_text().splitlines()]
    scene_rows = [t for t in trials if t["phase"] == "laterality" and t["block"] == 1]
    assert scene_rows and all(body_part(t["body_part"]).is_scene(t["posture"]) for t in scene_rows)
    assert scenes["complete"]
    imagery = [t for t in trials if t["phase"] == "imagery"]
    side = affected.split("-")[0]
    # The first imagery block imagines the affected (amputated) side's whole limb; later
    # blocks add the intact limb and the affected side's hand or foot, as in the default plan.
    first = [t for t in imagery if t["block"] == 0]
    assert first and {(t["body_part"], t["true_side"]) for t in first} == {(imagined, side)}
    other = "right" if side == "left" else "left"
    [hand_or_foot] = parts - {imagined}
    assert {(t["body_part"], t["true_side"]) for t in imagery} <= \
        {(imagined, side), (imagined, other), (hand_or_foot, side)}
    facts = session_facts(read_patient(tmp_path, "P1")[0][0])
    assert parts <= set(facts.laterality_parts)


@pytest.mark.skipif(not (MEDIA / "arm").is_dir(), reason="media/ has no whole-body pictures")
def test_mediapipe_pose_names_the_moving_arm_and_is_not_fooled_by_a_wrong_label() -> None:
    pytest.importorskip("mediapipe")
    from gmi_trainer.stimuli import pose_check
    from gmi_trainer.stimuli.library import load_library

    library = load_library(MEDIA).select(body_part="arm", skin_tone="tan",
                                         include_postures=("sideways", "forward_up", "waving"))
    verdicts = pose_check.run(library)
    assert len(verdicts) == 3 * 3 * 2
    decided = [v for v in verdicts if v.side]
    assert len(decided) >= 14 and all(v.side == v.stimulus.side for v in decided)
    # The same files under swapped labels: Pose still names what the picture shows.
    swapped = [replace(s, side="left" if s.side == "right" else "right") for s in library]
    wrong = pose_check.summarise(pose_check.run(swapped))
    assert wrong["groups"]["arm"]["agree"] == 0 and not wrong["meets_target"]


def test_progress_shows_accuracy_by_body_part_once_more_than_one_is_trained() -> None:
    from datetime import date, datetime, timezone

    from gmi_trainer.charts.figures import SCREEN, draw
    from gmi_trainer.core.progress import SessionFacts, SideFacts, page_headline, progress_data

    def facts(hour: int, parts: dict[str, float]) -> SessionFacts:
        return SessionFacts(f"s{hour}", datetime(2026, 11, 20, hour, tzinfo=timezone.utc), "complete",
                            laterality_sides={"left": SideFacts(0.8, 1500.0, 10), "right": SideFacts(0.9, 1400.0, 10)},
                            laterality_parts={p: SideFacts(a, 1500.0, 10) for p, a in parts.items()})

    one = progress_data([facts(9, {"hand": 0.8})], date(2026, 11, 20), 4, "left")
    assert "By part" not in page_headline(one, "laterality")
    assert len(draw(one, "laterality", (800, 500), SCREEN).axes) == 2
    two = progress_data([facts(9, {"foot": 0.7, "leg": 0.6}), facts(11, {"foot": 0.9})],
                        date(2026, 11, 20), 4, "left")
    assert "By part: feet 80%, legs 60%." in page_headline(two, "laterality")
    assert len(draw(two, "laterality", (800, 500), SCREEN).axes) == 3
