"""The renderer: anatomy where it belongs, left pictures that are exact mirrors, repeatable output."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from gmi_trainer.stimuli.build import Job, build, mirror, relative_file, render_right
from gmi_trainer.stimuli.viewpoints import camera_for
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


def _inside(scene: HandScene, point: tuple[float, float, float]) -> bool:
    p = tuple(np.array([v], dtype=np.float32) for v in point)
    return bool(scene._distance_hand(p)[0] < 0.0)  # type: ignore[arg-type]


def test_web_sheet_is_a_thick_triangle_thinning_towards_its_free_edge() -> None:
    from gmi_trainer.stimuli.sdf import Web

    web = Web(np.zeros(3), np.array([[40.0, 0.0, 0.0], [0.0, 40.0, 0.0]]), 6.0, 2.0)
    pts = np.array([[5, 5, 0], [5, 5, 10], [60, 0, 0], [2, 2, 5.5], [19, 19, 2.5]], dtype=np.float32)
    d = web.distance((pts[:, 0], pts[:, 1], pts[:, 2]))
    assert d[0] < -4.0  # inside the sheet near its thick corner
    assert d[1] > 3.0  # above the sheet
    assert abs(d[2] - (20.0 - 2.0)) < 0.01  # beyond corner b: distance to the corner, less the edge radius
    assert d[3] < 0.0  # 5.5 mm above the plane is still inside near corner a ...
    assert d[4] > 0.0  # ... but 2.5 mm above it is outside at the free edge


def test_thumb_web_joins_thumb_and_index_and_sags_in_the_middle() -> None:
    spread = HandScene(HAND_POSES["spread"])
    web = spread.web
    base, (b, sag, c) = np.asarray(web.a), np.asarray(web.edge)
    # The middle of the web's free edge is flesh (a hand without the web has a gap there) ...
    assert _inside(spread, tuple(sag))
    # ... it lies closer to the web's base than a straight thumb-to-index edge would ...
    assert np.linalg.norm(sag - base) < np.linalg.norm((b + c) / 2.0 - base) - 5.0
    # ... and beyond the free edge, between thumb and index, there is space again.
    outward = (sag - base) / np.linalg.norm(sag - base)
    assert not _inside(spread, tuple(sag + outward * 8.0))


def test_a_bent_joint_fills_the_inside_of_its_angle() -> None:
    from gmi_trainer.stimuli.digits import joint_blend

    straight, bent = joint_blend((0.0, 0.0)), joint_blend((100.0, 60.0))
    assert straight[0] < bent[1] < bent[0]
    fist = HandScene(HAND_POSES["fist"])
    middle = fist.fingers[1]
    proximal, mid = middle.segments[0], middle.segments[1]
    # A point on the palm side of the PIP joint, in the crook of the bend, 5 mm beyond where
    # the two bare segments would reach: the finger itself must fill it.
    inward = -(proximal.basis[:, 1]) + mid.basis[:, 1]
    point = mid.start + inward / np.linalg.norm(inward) * (mid.r_start + 5.0)
    assert float(middle.finger_distance(tuple(np.array([v], dtype=np.float32) for v in point))[0]) < 0.0


def test_finger_creases_stay_on_the_finger_and_do_not_mark_the_back_of_the_hand() -> None:
    """A joint's crease lines are defined across its whole plane; only the finger may show them."""
    hand = HandScene(HAND_POSES["claw"])
    xs, ys = np.meshgrid(np.arange(-22.0, 24.0, 2.0), np.arange(-20.0, 70.0, 2.0))
    x = xs.ravel().astype(np.float32)
    y = ys.ravel().astype(np.float32)
    z = np.full_like(x, 40.0)
    for _ in range(80):  # march down onto the back of the hand
        d = hand._distance_hand((x, y, z))
        z = z - np.maximum(d, 0.0)
    normal = (np.zeros_like(x), np.zeros_like(x), np.ones_like(x))
    crease = hand.attributes((x, y, z), normal).crease
    assert float(crease.max()) < 0.05


def _gbuffer(size: int, normal: tuple[float, float, float], alpha: np.ndarray | None = None):
    from gmi_trainer.stimuli.raymarch import GBuffer

    zeros = np.zeros((size, size), dtype=np.float32)
    return GBuffer(
        alpha=np.ones((size, size), dtype=np.float32) if alpha is None else alpha,
        normal=np.broadcast_to(np.asarray(normal, dtype=np.float32), (size, size, 3)).copy(),
        ao=np.ones((size, size), dtype=np.float32),
        dorsal=np.ones((size, size), dtype=np.float32),
        nail=zeros,
        crease=zeros,
        pad=zeros,
        depth=zeros,
    )


def test_a_grazing_ray_is_shaded_as_the_outline_it_grazes_not_as_a_far_side() -> None:
    """Back-facing normals come only from rays that graze an outline; they must not turn black."""
    from gmi_trainer.stimuli.shading import SKIN, shade

    size = 40  # wider than the frame's edge fade, so the middle pixel is whole
    side_on = shade(_gbuffer(size, (1.0, 0.0, 0.0)), SKIN["medium"])[size // 2, size // 2]
    grazing = shade(_gbuffer(size, (0.6, 0.0, -0.8)), SKIN["medium"])[size // 2, size // 2]
    assert np.array_equal(side_on, grazing)


def test_supersampled_outline_keeps_the_skin_colour() -> None:
    """Averaging down weights colour by coverage: the transparent background adds no black."""
    from gmi_trainer.stimuli.shading import SKIN, shade

    size = 80  # the pixels looked at are further from the frame than its edge fade
    alpha = np.ones((size, size), dtype=np.float32)
    alpha[:, : size // 2 + 1] = 0.0  # the left half and one more column are background
    full = shade(_gbuffer(size, (0.0, 0.0, 1.0)), SKIN["medium"], supersample=2)
    background = _gbuffer(size, (0.0, 0.0, 1.0), alpha)
    # Whatever a pixel no ray hit holds must not leak into the outline: here, a dark fold.
    background.normal[alpha == 0.0] = 0.0
    background.crease[alpha == 0.0] = 1.0
    half = shade(background, SKIN["medium"], supersample=2)
    assert full.shape == (size // 2, size // 2, 4)
    row = size // 4
    edge = half[row, size // 4]  # a pixel half covered by the limb
    assert 100 < edge[3] < 160
    assert np.abs(edge[:3].astype(int) - full[row, size // 4, :3].astype(int)).max() <= 1


def test_a_foot_seen_from_the_sole_has_no_leg_round_its_heel() -> None:
    """From below, the shin, the Achilles tendon and the ankle bones showed as dark fins round
    the heel; the sole view leaves the leg out above 30 mm, and the other views keep it."""
    shin = (np.array([0.0, 20.0], dtype=np.float32), np.array([-15.0, -12.0], dtype=np.float32),
            np.array([200.0, 120.0], dtype=np.float32))
    # The inner ankle bone and the Achilles tendon.
    ankle_bones = (np.array([-28.0, 1.0], dtype=np.float32), np.array([5.0, -50.0], dtype=np.float32),
                   np.array([84.0, 110.0], dtype=np.float32))
    for posture, pose in FOOT_POSES.items():
        foot = FootScene(pose)
        sole = foot.for_view("sole")
        assert foot.for_view("top") is foot
        for points in (shin, ankle_bones):
            assert np.all(foot.distance(points) < 1.0), posture  # the leg is there...
            assert np.all(sole.distance(points) > 0.0), posture  # ...but not from below
    # The toes and the heel stay, even where a posture lifts them.
    pulled_up = FootScene(FOOT_POSES["pulled_up"]).for_view("sole")
    tip = pulled_up._world(pulled_up.toes[0].tip[None, :])[0]
    assert pulled_up.distance(tuple(np.array([tip[i]], dtype=np.float32) for i in range(3)))[0] < 0.5

