"""The arm pictures: the upper body with the right arm in a posture and the left arm resting.

The judgement is which arm moves.  What makes it the right arm besides where it is: the elbow
bends only forwards, its point (olecranon) at the back; the palm turns towards the shoulder
as the elbow bends; the thumb is on the side the elbow crease faces; behind the back the
hand rests on the low back with the palm out.  Geometry: geometry_figure.py.
"""

from __future__ import annotations

from gmi_trainer.stimuli.geometry_body import ArmPose
from gmi_trainer.stimuli.geometry_figure import FigurePose, FigureScene

ARM_POSES: dict[str, ArmPose] = {
    "forward": ArmPose(elevation_deg=90, plane_deg=0, elbow_deg=5, hand_posture="flat"),
    "forward_up": ArmPose(elevation_deg=150, plane_deg=15, elbow_deg=5, hand_posture="flat"),
    "sideways": ArmPose(elevation_deg=90, plane_deg=90, elbow_deg=5, hand_posture="flat"),
    "sideways_up": ArmPose(elevation_deg=160, plane_deg=85, elbow_deg=5, hand_posture="flat"),
    "behind_back": ArmPose(elevation_deg=30, plane_deg=150, inward_turn_deg=85, elbow_deg=100,
                           supination_deg=0, hand_posture="relaxed_curl"),
    "across_chest": ArmPose(elevation_deg=75, plane_deg=-35, inward_turn_deg=90, elbow_deg=105,
                            hand_posture="flat"),
    "elbow_bent": ArmPose(elevation_deg=10, plane_deg=10, elbow_deg=90, supination_deg=80,
                          hand_posture="relaxed_curl"),
    "waving": ArmPose(elevation_deg=85, plane_deg=85, inward_turn_deg=-80, elbow_deg=95,
                      supination_deg=60, hand_posture="spread"),
}


def scene(posture: str) -> FigureScene:
    """The upper body with the right arm in a posture; the body-part table names this."""
    return FigureScene(FigurePose(right_arm=ARM_POSES[posture]), focus="arm")
