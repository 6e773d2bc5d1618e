"""The back pictures: the trunk bent sideways, twisted, or both, always to the person's OWN
right here (left pictures are their mirror images), with the pelvis square.

Ranges: side bends up to 30 degrees and twists up to 40, inside the usual 30-35 and 30-45.
In a side stretch the arm on the far side reaches over the head, the way the trunk bends.
Geometry: geometry_figure.py.
"""

from __future__ import annotations

from gmi_trainer.stimuli.geometry_body import ArmPose
from gmi_trainer.stimuli.geometry_figure import FigurePose, FigureScene

BACK_POSES: dict[str, FigurePose] = {
    "lean_15": FigurePose(trunk_bend_deg=15),
    "lean_30": FigurePose(trunk_bend_deg=30),
    "twist_20": FigurePose(trunk_turn_deg=20),
    "twist_40": FigurePose(trunk_turn_deg=40),
    "lean_twist": FigurePose(trunk_bend_deg=18, trunk_turn_deg=25),
    "lean_twist_far": FigurePose(trunk_bend_deg=28, trunk_turn_deg=38),
    "bend_twist": FigurePose(trunk_flex_deg=25, trunk_turn_deg=30),
    "side_stretch": FigurePose(trunk_bend_deg=25,
                               left_arm=ArmPose(elevation_deg=165, plane_deg=70, elbow_deg=20,
                                                hand_posture="flat")),
}


def scene(posture: str) -> FigureScene:
    """The trunk in a posture; the body-part table names this as the back's scene."""
    return FigureScene(BACK_POSES[posture], focus="back")
