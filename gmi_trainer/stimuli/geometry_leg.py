"""A whole right leg, hip to toes, as a signed-distance scene: the leg pictures.

Built from the body's leg (geometry_body.py, body frame: +X the person's right, +Y forwards,
+Z up) with the side of the hip and buttock above it, which runs out of the top of the
picture.  What makes it a right leg: the kneecap faces the way the foot points; the knee
bends only backwards; the bulge above the knee (vastus medialis) and the lower, larger calf
head are on the inner side; the big toe is on the inner side, so in a front view of a right
leg it is on the viewer's right of the foot, while the foot itself turns slightly out,
towards the viewer's left; the inner ankle bone is higher than the outer one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

from gmi_trainer.stimuli.geometry_body import (
    HIP_JOINT_X,
    half_turn,
    HIP_JOINT_Z,
    LegPose,
    Part,
    PartsScene,
    check_limits,
    leg_parts,
)
from gmi_trainer.stimuli.sdf import Ellipsoid, RoundCone


@dataclass(frozen=True)
class LegPicture:
    leg: LegPose
    words: str  # how the posture reads: "standing straight"


LEG_POSES: dict[str, LegPicture] = {
    "straight": LegPicture(LegPose(), "standing straight"),
    "knee_bent": LegPicture(LegPose(hip_flex_deg=25, knee_deg=45), "knee a little bent"),
    "sitting": LegPicture(LegPose(hip_flex_deg=90, knee_deg=90), "sitting, knee at a right angle"),
    # Out a little to the side and turned out, so that seen from the front the shank and
    # foot show beside the thigh rather than hide behind it.
    "heel_to_buttock": LegPicture(LegPose(hip_flex_deg=-10, hip_out_deg=12, hip_turn_out_deg=-20,
                                          knee_deg=100, foot_posture="pointed"),
                                  "heel drawn up behind"),
    "leg_raised": LegPicture(LegPose(hip_flex_deg=55, knee_deg=0, foot_posture="pulled_up"),
                             "straight leg raised forwards"),
    "leg_out": LegPicture(LegPose(hip_out_deg=30), "leg out to the side"),
    "turned_out": LegPicture(LegPose(hip_turn_out_deg=35, knee_deg=10), "leg turned out"),
    "step_forward": LegPicture(LegPose(hip_flex_deg=40, knee_deg=65, foot_posture="pulled_up"),
                               "stepping forwards, knee lifted"),
    "knee_across": LegPicture(LegPose(hip_flex_deg=60, hip_out_deg=-20, knee_deg=80),
                              "knee lifted across the body"),
}
for _picture in LEG_POSES.values():
    check_limits(knee_deg=_picture.leg.knee_deg)

HIP = np.array([HIP_JOINT_X, 0.0, HIP_JOINT_Z])


class LegScene(PartsScene):
    """The posed leg, with named points for the checks (stimuli/sides.py)."""

    def __init__(self, parts: list[Part], focus: list, extent: list, points: dict[str, np.ndarray]) -> None:
        super().__init__(parts, focus, extent)
        self.points = points

    def landmarks(self) -> dict[str, np.ndarray]:
        return dict(self.points)


def scene(posture: str) -> LegScene:
    """The right leg in a posture; the body-part table names this as the leg's scene."""
    return scene_for_pose(LEG_POSES[posture].leg)


def scene_for_pose(pose: LegPose) -> LegScene:
    """The right leg in any pose (a demonstration's in-between ones too)."""
    parts, j = leg_parts(pose, HIP)
    # The side of the hip and the buttock stay put while the leg moves; the hip carries on
    # up out of the picture, so the leg reads as part of a body, not a cut-off piece.
    hip_side = RoundCone(HIP + np.array([20.0, -15.0, -30.0]), HIP + np.array([10.0, -10.0, 700.0]),
                         96.0, 105.0, np.array([0.0, 1.0, 0.0]), 0.85)
    buttock = Ellipsoid(HIP + np.array([20.0, -70.0, -50.0]), np.array([82.0, 62.0, 92.0]))
    all_parts = [Part(hip_side), Part(buttock, blend_mm=50.0), *[
        Part(p.solid, p.material, 50.0 if i == 0 else p.blend_mm, p.detailed) for i, p in enumerate(parts)]]
    foot_tip = j.ankle + j.shank @ np.array([0.0, 150.0, -60.0])
    focus = [(j.hip, 95.0), (j.knee, 60.0), (j.ankle, 60.0), (foot_tip, 50.0)]
    extent = [(HIP + np.array([10.0, -10.0, 700.0]), 110.0)]
    foot_part = all_parts[-1].solid
    placed = foot_part.inner  # type: ignore[union-attr]  # Bounded(Placed(FootScene))
    foot = placed.inner
    tips = {d.name: placed.to_parent(foot._world(d.tip[None, :]))[0] for d in foot.toes}
    points = {"hip": j.hip, "knee": j.knee, "ankle": j.ankle,
              "kneecap": j.knee + half_turn(pose) @ np.array([0.0, 50.0, 12.0]),
              "big_toe": tips["hallux"], "little_toe": tips["little"]}
    return LegScene(all_parts, focus, extent, points)


def demo_poses(start: str, target: str) -> tuple[LegPose, LegPose, Callable[[LegPose], LegScene]]:
    """Two postures as poses to interpolate for a demonstration (stimuli/motion.py): the
    foot by its joint angles, so that it moves with the leg."""
    from gmi_trainer.stimuli.geometry_foot import FOOT_POSES

    def full(name: str) -> LegPose:
        pose = LEG_POSES[name].leg
        return replace(pose, foot=FOOT_POSES[pose.foot_posture], foot_posture="")

    return full(start), full(target), scene_for_pose
