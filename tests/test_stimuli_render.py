"""The renderer: anatomy where it belongs, left pictures that are exact mirrors, repeatable output."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from gmi_trainer.stimuli.build import Job, build, mirror, relative_file, render_right
from gmi_trainer.stimuli.cameras import camera_for
from gmi_trainer.stimuli.catalog import SKIN_TONES
from gmi_trainer.stimuli.geometry_foot import FOOT_POSES, FootScene
from gmi_trainer.stimuli.geometry_hand import HAND_POSES, HandScene

MEDIA = Path(__file__).resolve().parents[1] / "media"


def _picture_x(body_part: str, view: str, point: np.ndarray) -> float:
    """Where a point of the right limb lands left (-) or right (+) in the picture."""
    return float(point @ camera_for(body_part, view).basis()[:, 0])


def test_right_hand_from_the_back_has_its_thumb_on_the_left_and_from_the_palm_on_the_right() -> None:
    hand = HandScene(HAND_POSES["flat"])
    thumb = next(d for d in hand.digits if d.name == "thumb")
    little = next(d for d in hand.digits if d.name == "little")
    assert _picture_x("hand", "back", thumb.tip) < _picture_x("hand", "back", little.tip)
    assert _picture_x("hand", "palm", thumb.tip) > _picture_x("hand", "palm", little.tip)


def test_fingertips_follow_published_lengths_middle_longest_little_shortest() -> None:
    hand = HandScene(HAND_POSES["flat"])
    reach = {d.name: float(d.tip[1] + d.tip_radius) for d in hand.fingers}
    assert reach["middle"] > reach["ring"] > reach["little"]
    assert reach["middle"] > reach["index"] > reach["little"]
    assert abs(reach["ring"] - reach["index"]) < 8.0
    assert 180.0 < reach["middle"] < 200.0  # wrist crease to middle fingertip about 19 cm


def test_flat_thumb_nail_faces_sideways() -> None:
    hand = HandScene(HAND_POSES["flat"])
    thumb = next(d for d in hand.digits if d.name == "thumb")
    nail_facing = thumb.segments[-1].basis[:, 2]
    # Mostly towards the radial side (-X), not the back (+Z) of the hand.
    assert nail_facing[0] < -0.6 and abs(nail_facing[2]) < 0.6


def test_right_foot_big_toe_is_inner_and_inner_ankle_bone_higher_and_more_forward() -> None:
    foot = FootScene(FOOT_POSES["flat"])
    hallux, little = foot.toes[0], foot.toes[-1]
    assert hallux.tip[0] < little.tip[0]  # inner (medial) side is -X on a right foot
    assert hallux.tip_radius > little.tip_radius
    medial, lateral = foot.leg[2][0].center, foot.leg[3][0].center  # type: ignore[attr-defined]
    assert medial[0] < 0 < lateral[0]
    assert medial[2] > lateral[2] and medial[1] > lateral[1]
    assert _picture_x("foot", "top", hallux.tip) < _picture_x("foot", "top", little.tip)


def test_left_picture_is_the_exact_mirror_and_a_rebuild_is_byte_identical(tmp_path: Path) -> None:
    job = Job("hand", "pointing", "back")
    first, second = tmp_path / "a", tmp_path / "b"
    build(first, workers=1, jobs=[job])
    build(second, workers=1, jobs=[job])
    for tone in SKIN_TONES:
        right = relative_file("hand", "right", "pointing", "back", tone)
        left = relative_file("hand", "left", "pointing", "back", tone)
        assert (first / right).read_bytes() == (second / right).read_bytes()
        r = np.asarray(Image.open(first / right))
        lft = np.asarray(Image.open(first / left))
        assert np.array_equal(lft, r[:, ::-1])
        assert not np.array_equal(lft, r)  # a hand is not left-right symmetric
    assert (first / "manifest.json").read_bytes() == (second / "manifest.json").read_bytes()


def test_committed_pictures_match_what_the_renderer_draws_now() -> None:
    pictures = render_right(Job("foot", "flat", "inner"))
    for tone in ("light", "dark"):
        committed = np.asarray(Image.open(MEDIA / relative_file("foot", "right", "flat", "inner", tone))).astype(int)
        drawn = pictures[tone].astype(int)
        # Exact on the machine that built them; other CPUs may differ by rounding in a few pixels.
        assert np.mean(np.abs(committed - drawn) > 2) < 0.001
        committed_left = np.asarray(Image.open(MEDIA / relative_file("foot", "left", "flat", "inner", tone)))
        assert np.array_equal(committed_left, mirror(committed.astype(np.uint8)))


def test_palm_is_paler_than_the_back_for_every_skin_tone() -> None:
    for tone in SKIN_TONES:
        back = np.asarray(Image.open(MEDIA / relative_file("hand", "right", "flat", "back", tone))).astype(float)
        palm = np.asarray(Image.open(MEDIA / relative_file("hand", "right", "flat", "palm", tone))).astype(float)

        def mean_luma(rgba: np.ndarray) -> float:
            opaque = rgba[..., 3] > 250
            rgb = rgba[..., :3][opaque]
            return float((rgb @ np.array([0.299, 0.587, 0.114])).mean())

        assert mean_luma(palm) > mean_luma(back) + 5.0, tone
