"""The neck pictures: head and shoulders, the head turned, tilted or both, always to the
person's OWN right here (left pictures are their mirror images).

Seen from the front, a head turned to its own right has the nose pointing to the viewer's
left; from behind, to the viewer's right.  A turn is led by the chin, a tilt by the ear
(towards the shoulder on that side).  Ranges: turns up to 70 degrees, tilts up to 35, inside
the usual 70-80 and about 40 degrees.  Geometry: geometry_figure.py.
"""

from __future__ import annotations

from gmi_trainer.stimuli.geometry_figure import FigurePose, FigureScene

NECK_POSES: dict[str, FigurePose] = {
    "turn_30": FigurePose(head_turn_deg=30),
    "turn_55": FigurePose(head_turn_deg=55),
    "turn_70": FigurePose(head_turn_deg=70),
    "tilt_20": FigurePose(head_tilt_deg=20),
    "tilt_35": FigurePose(head_tilt_deg=35),
    "turn_tilt": FigurePose(head_turn_deg=40, head_tilt_deg=20),
    "turn_up": FigurePose(head_turn_deg=45, head_nod_deg=-20),
    "turn_down": FigurePose(head_turn_deg=45, head_nod_deg=25),
}


def scene(posture: str) -> FigureScene:
    """Head and shoulders in a posture; the body-part table names this as the neck's scene."""
    return FigureScene(NECK_POSES[posture], focus="neck")
