"""An independent look at the arm, neck and back pictures: MediaPipe Pose, which knows
nothing of how they were made, names the person's left and right landmarks, and the side it
implies must be the picture's label.

For each picture (upright, in every skin tone, both sides) Pose finds the figure's
shoulders, wrists, ears and nose in the person's own left and right, and the side is read
from them where they are decisive:
- arm: the wrist clearly higher than the other one (by 8% of the picture) is on the moving
  arm; pictures where neither wrist is higher (an arm behind the back or across the chest)
  are left undecided rather than guessed;
- neck: a head turned to its own right has its nose nearer its right ear in the picture,
  and a head tilted to its right has its right ear lower; the two measures are added;
- back: a trunk bent to its own right has its right shoulder lower than its left.
Pose runs on the picture as a person would see it, so a picture whose file, camera or
figure were mirrored by mistake would be named the other side.

`gmi-trainer media pose` prints found / decided / agreeing, by part and view.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import numpy as np
from PIL import Image

from gmi_trainer.stimuli.library import Stimulus, StimulusLibrary

PARTS = ("arm", "neck", "back")
DECISIVE = 0.08  # of the picture's size
TARGET_AGREE = 0.95  # of the decided pictures
BACKGROUND = (236, 236, 236)
SCALE = 2  # Pose finds a person more reliably in a larger picture


@dataclass(frozen=True)
class PoseVerdict:
    stimulus: Stimulus
    found: bool
    side: str  # "left", "right" or "" when the landmarks do not decide


def _side_from(part: str, lm: dict[str, tuple[float, float]]) -> str:
    def d(a: str, b: str) -> float:
        return float(np.hypot(lm[a][0] - lm[b][0], lm[a][1] - lm[b][1]))

    if part == "arm":
        higher = lm["left_wrist"][1] - lm["right_wrist"][1]  # image y grows downwards
        return "right" if higher > DECISIVE else "left" if higher < -DECISIVE else ""
    if part == "neck":
        score = (d("nose", "left_ear") - d("nose", "right_ear")) + (lm["right_ear"][1] - lm["left_ear"][1])
        return "right" if score > DECISIVE / 2 else "left" if score < -DECISIVE / 2 else ""
    if part == "back":
        lower = lm["right_shoulder"][1] - lm["left_shoulder"][1]
        return "right" if lower > DECISIVE / 2 else "left" if lower < -DECISIVE / 2 else ""
    return ""


def run(pictures: Iterable[Stimulus]) -> list[PoseVerdict]:
    from gmi_trainer.frames.frame import Frame
    from gmi_trainer.tracking.mediapipe_backend import MediaPipePoseTracker

    names = ("nose", "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_wrist",
             "right_wrist")
    verdicts = []
    # The project's own pose tracker (the shipped model, still-image mode): it names the
    # person's own left and right, as the picture shows them, with no mirroring assumed.
    pose = MediaPipePoseTracker(static_image_mode=True)
    try:
        for stimulus in pictures:
            with Image.open(stimulus.file) as im:
                rgba = im.convert("RGBA")
            ground = Image.new("RGB", rgba.size, BACKGROUND)
            ground.paste(rgba, mask=rgba.split()[3])
            big = ground.resize((rgba.width * SCALE, rgba.height * SCALE), Image.LANCZOS)
            bgr = np.ascontiguousarray(np.asarray(big)[:, :, ::-1])
            marks = pose.process(Frame(bgr, 0.0, 0))
            if marks is None:
                verdicts.append(PoseVerdict(stimulus, False, ""))
                continue
            lm = {name: (float(marks.xy_norm[marks.index(name)][0]),
                         float(marks.xy_norm[marks.index(name)][1])) for name in names}
            verdicts.append(PoseVerdict(stimulus, True, _side_from(stimulus.body_part, lm)))
    finally:
        pose.close()
    return verdicts


def summarise(verdicts: list[PoseVerdict]) -> dict[str, Any]:
    groups: dict[str, list[PoseVerdict]] = defaultdict(list)
    for v in verdicts:
        groups[v.stimulus.body_part].append(v)
        groups[f"{v.stimulus.body_part} {v.stimulus.view}"].append(v)
    table = {}
    for key, group in sorted(groups.items()):
        found = [v for v in group if v.found]
        decided = [v for v in found if v.side]
        agree = [v for v in decided if v.side == v.stimulus.side]
        table[key] = {"pictures": len(group), "found": len(found), "decided": len(decided),
                      "agree": len(agree),
                      "agree_rate": round(len(agree) / len(decided), 4) if decided else None}
    parts = [table[p] for p in PARTS if p in table]
    meets = bool(parts) and all(t["agree_rate"] is not None and t["agree_rate"] >= TARGET_AGREE
                                for t in parts)
    return {"groups": table, "target_agree": TARGET_AGREE, "meets_target": meets}


def selection(library: StimulusLibrary) -> list[Stimulus]:
    return [s for s in library if s.body_part in PARTS]


def format_table(summary: dict[str, Any]) -> str:
    lines = ["part/view            pictures  found  decided  agree"]
    for key, t in summary["groups"].items():
        rate = "-" if t["agree_rate"] is None else f"{t['agree_rate']:.1%}"
        lines.append(f"{key:<20} {t['pictures']:>8} {t['found']:>6} {t['decided']:>8}  {t['agree']} ({rate})")
    return "\n".join(lines)


def default_media() -> Path:
    return Path(__file__).resolve().parents[2] / "media"
