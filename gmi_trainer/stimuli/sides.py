"""Does each whole-body picture show what its label says?  A check from anatomy, not from
the code that placed the limb.

For every leg, arm, neck and back picture the posed scene's anatomical landmarks (kneecap,
big and little toes; shoulders, ears, nose, crown, hips) are taken and two things are asked:

1. Whose side is it?  The side follows from anatomy alone: for a leg, the little toe marks
   the outer side, the kneecap the front and the hip the top, and a right leg is the one
   whose (outer, front, up) directions form a right-handed triple; for the upper body, the
   moving arm's shoulder, the turned or tilted head, the bent or twisted trunk is judged on
   the person's own axes (left ear to right ear, back of the head to the nose, hips to
   crown), so a picture cannot pass if the figure were built mirrored or the posture turned
   the wrong way.
2. Is it in the picture file?  Each landmark is projected with the view's camera into the
   right picture and must fall on the figure (an opaque pixel), and into the left picture
   at the mirrored place; and the handedness seen in each file (picture x, picture y,
   towards the viewer) must be right-handed for RIGHT files and left-handed for LEFT ones.

`gmi-trainer media sides` runs it over the whole set.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np
from PIL import Image

from gmi_trainer.stimuli.build import relative_file, scene_for
from gmi_trainer.stimuli.viewpoints import PICTURE_PX, camera_for
from gmi_trainer.stimuli.raymarch import _centre
from gmi_trainer.vocabulary import BODY_PARTS, body_part

# A movement smaller than this (mm, or fraction for directions) is not a movement.
MOVED_MM = 40.0
ALPHA_ON_FIGURE = 100  # of 255
SEARCH_PX = 3  # a landmark on the outline may sit a pixel or two off the opaque area


@dataclass(frozen=True)
class SideCheck:
    picture: str  # "leg straight front"
    anatomical_side: str  # "right", "left" or "" when anatomy does not say
    problems: tuple[str, ...]


def checked_parts() -> tuple[str, ...]:
    """Parts whose scenes name their landmarks (the whole-body parts)."""
    return tuple(p for p in BODY_PARTS
                 if hasattr(scene_for(p, body_part(p).postures[0]), "landmarks"))


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-9)


def anatomical_side(part: str, marks: dict[str, np.ndarray], rest: dict[str, np.ndarray]) -> str:
    """'right' or 'left' from the landmarks alone ('' if they do not decide)."""
    if part == "leg":
        outer = marks["little_toe"] - marks["big_toe"]
        front = marks["kneecap"] - marks["knee"]
        up = marks["hip"] - marks["knee"]
        triple = float(np.dot(_unit(outer), np.cross(_unit(front), _unit(up))))
        return "right" if triple > 0.05 else "left" if triple < -0.05 else ""
    # The person's own axes, from the hips and the face at rest (the pelvis stays square).
    own_right = _unit(rest["right_ear"] - rest["left_ear"])
    front = _unit(rest["nose"] - (rest["right_ear"] + rest["left_ear"]) / 2.0)
    front = _unit(front - own_right * float(front @ own_right))
    if part == "arm":
        moved = {s: float(np.linalg.norm(marks[f"{s}_wrist"] - rest[f"{s}_wrist"])) for s in ("left", "right")}
        mover = max(moved, key=lambda s: moved[s])
        if moved[mover] < MOVED_MM or min(moved.values()) > MOVED_MM:
            return ""
        # Which of the person's shoulders the moving arm hangs from.
        shoulder = marks[f"{mover}_shoulder"] - (marks["left_shoulder"] + marks["right_shoulder"]) / 2.0
        return "right" if float(shoulder @ own_right) > 0 else "left"
    if part == "neck":
        nose = _unit(marks["nose"] - (marks["left_ear"] + marks["right_ear"]) / 2.0)
        crown = marks["crown"] - (rest["left_shoulder"] + rest["right_shoulder"]) / 2.0
        towards = float(nose @ own_right) + float(_unit(crown) @ own_right)
        return "right" if towards > 0.05 else "left" if towards < -0.05 else ""
    if part == "back":
        hips = (marks["left_hip"] + marks["right_hip"]) / 2.0
        shoulders = (marks["left_shoulder"] + marks["right_shoulder"]) / 2.0
        lean = float(_unit(shoulders - hips) @ own_right)
        line = _unit(marks["right_shoulder"] - marks["left_shoulder"])
        twist = -float(line @ front)  # the own-right shoulder going back turns the trunk right
        towards = lean + twist
        return "right" if towards > 0.05 else "left" if towards < -0.05 else ""
    return ""


def _project(points: dict[str, np.ndarray], part: str, view: str, scene: object) -> dict[str, tuple[float, float, float]]:
    camera = camera_for(part, view)
    basis = camera.basis()
    centre = _centre(scene, basis)  # type: ignore[arg-type]
    out = {}
    for name, p in points.items():
        rel = (p - centre) @ basis
        out[name] = (rel[0] * camera.px_per_mm + PICTURE_PX / 2 - 0.5,
                     PICTURE_PX / 2 - 0.5 - rel[1] * camera.px_per_mm, float(rel[2]))
    return out


def _on_figure(alpha: np.ndarray, x: float, y: float) -> bool:
    xi, yi = int(round(x)), int(round(y))
    lo_x, hi_x = max(0, xi - SEARCH_PX), min(alpha.shape[1], xi + SEARCH_PX + 1)
    lo_y, hi_y = max(0, yi - SEARCH_PX), min(alpha.shape[0], yi + SEARCH_PX + 1)
    if lo_x >= hi_x or lo_y >= hi_y:
        return False
    return bool((alpha[lo_y:hi_y, lo_x:hi_x] > ALPHA_ON_FIGURE).any())


def _picture_handedness(part: str, px: dict[str, tuple[float, float, float]]) -> float:
    """The anatomical triple seen in a picture: picture x to the right, y up, z to the viewer."""
    def v(a: str, b: str) -> np.ndarray:
        return np.array([px[a][0] - px[b][0], px[b][1] - px[a][1], px[a][2] - px[b][2]])
    if part == "leg":
        return float(np.dot(_unit(v("little_toe", "big_toe")), np.cross(_unit(v("kneecap", "knee")), _unit(v("hip", "knee")))))
    return float(np.dot(_unit(v("right_hip", "left_hip")), np.cross(_unit(v("nose", "left_ear") + v("nose", "right_ear")),
                                                                  _unit(v("crown", "left_hip") + v("crown", "right_hip")))))


def check_picture(media_dir: Path, part: str, posture: str, view: str, tone: str,
                  rest: dict[str, np.ndarray]) -> SideCheck:
    scene = scene_for(part, posture)
    marks = scene.landmarks()  # type: ignore[attr-defined]
    side = anatomical_side(part, marks, rest)
    problems: list[str] = []
    label = f"{part} {posture} {view}"
    if side != "right":
        problems.append(f"{label}: anatomy says {side or 'neither side'}, the picture is labelled right")
    px = _project(marks, part, view, scene)
    # The figure's own axes must be drawn right-handed in the RIGHT file: a mirrored
    # camera or a mirrored figure would make a right picture read as a left one.
    handed = _picture_handedness(part, px)
    if handed <= 0:
        problems.append(f"{label}: the figure is drawn mirrored in the right picture")
    for file_side in ("right", "left"):
        path = media_dir / relative_file(part, file_side, posture, view, tone)
        try:
            with Image.open(path) as im:
                alpha = np.asarray(im.convert("RGBA"))[..., 3]
        except OSError as error:
            problems.append(f"{path}: cannot be read ({error})")
            continue
        for name, (x, y, _) in px.items():
            x_file = x if file_side == "right" else PICTURE_PX - 1 - x
            inside = 0 <= x_file < PICTURE_PX and 0 <= y < PICTURE_PX
            if inside and not _on_figure(alpha, x_file, y):
                problems.append(f"{path.name}: the {name.replace('_', ' ')} is not on the figure "
                                f"at ({x_file:.0f}, {y:.0f})")
    return SideCheck(label, side, tuple(problems))


def rest_landmarks(part: str) -> dict[str, np.ndarray]:
    """The resting figure's landmarks (the arm's neutral posture), the reference for what moved."""
    if part == "leg":
        return {}
    from gmi_trainer.stimuli.geometry_figure import FigurePose, FigureScene

    return FigureScene(FigurePose(), focus="back").landmarks()


def run(media_dir: Path, parts: Iterable[str] | None = None, tone: str = "medium") -> list[SideCheck]:
    """Every plain posture and view of the checked parts, in one skin tone (the geometry is
    the same in all four; `media check` compares the tones' files with each other)."""
    results = []
    for part in parts or checked_parts():
        rest = rest_landmarks(part)
        entry = body_part(part)
        for posture in entry.postures:
            for view in entry.views:
                results.append(check_picture(Path(media_dir), part, posture, view, tone, rest))
    return results
