"""The imagery demonstration is a movement: its stored frames change a little at a time from
the start posture to the target, and the screen shows a new posture at least 24 times a
second, counted from the window's own flips on a simulated clock."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from gmi_trainer.core import inputs as act
from gmi_trainer.core.imagery import DEMO_FRAMES, ImageryStep, demo_frame
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.views import ImageryView, Screen
from gmi_trainer.plans.model import ImageryBlock
from gmi_trainer.stimuli import motion
from gmi_trainer.stimuli.shading import SKIN, shade
from tests.conftest import FakePicture

MEDIA = Path(__file__).resolve().parents[1] / "media"
# Mean absolute change of a frame's pixels (0-255, colour weighted by coverage) from one
# frame to the next. Measured on the committed set: at most about 3.2 (the middle of a fist
# closing); a posture that jumped would change by far more.
MAX_STEP = 6.0
# The same from the first frame to the last: the smallest movement, the toes curling seen
# from above on light skin, changes the picture by 0.66 (a frame against itself: 0). The
# 160 px WebP frames this set replaced measured about 0.5 more, their compression noise.
MIN_MOVEMENT = 0.5


def test_frames_are_stored_on_the_cards_own_colour() -> None:
    from gmi_trainer.ui.theme import Theme

    assert motion.DEMO_GROUND == Theme().picture_ground


def _demos() -> list[dict[str, Any]]:
    return json.loads((MEDIA / "manifest.json").read_text(encoding="utf-8"))["demos"]


def test_every_demonstration_is_stored_with_its_frames() -> None:
    demos = {(d["body_part"], d["posture"], d["view"], d["skin_tone"]): d for d in _demos()}
    for part, posture, view in motion.demo_jobs():
        for tone in SKIN:
            entry = demos[(part, posture, view, tone)]
            assert entry["frames"] == DEMO_FRAMES and entry["from_posture"] == \
                motion.demo_start(part, posture)
            assert (MEDIA / entry["file"]).is_file()


def _jumps(steps: list[float]) -> list[int]:
    """Steps much larger than both neighbours: a frame that leaps instead of moving on."""
    padded = [steps[0], *steps, steps[-1]]
    return [i for i in range(len(steps))
            if steps[i] > 2.0 * max(padded[i], padded[i + 2]) + 0.3]


def test_stored_frames_move_a_little_at_a_time_without_jumps() -> None:
    worst = 0.0
    for entry in _demos():
        frames = motion.read_demo(MEDIA / entry["file"])
        assert len(frames) == DEMO_FRAMES
        steps = motion.frame_pixel_steps(frames)
        worst = max(worst, max(steps))
        assert max(steps) <= MAX_STEP, (entry["id"], [round(s, 2) for s in steps])
        assert not _jumps(steps), (entry["id"], [round(s, 2) for s in steps])
        # It moves: the target differs from the start.
        assert motion.frame_pixel_steps([frames[0], frames[-1]])[0] > MIN_MOVEMENT, entry["id"]
    assert worst > 0.5


def _coarse(rgb: np.ndarray, block: int = 4) -> np.ndarray:
    """Means of block x block squares: the picture without the compression's pixel noise."""
    h, w = rgb.shape[0] // block * block, rgb.shape[1] // block * block
    return rgb[:h, :w].astype(np.float32).reshape(h // block, block, w // block, block, 3).mean(axis=(1, 3))


@pytest.mark.parametrize("part,posture", [("hand", "fist"), ("foot", "pointed"),
                                          ("leg", "knee_bent")])
def test_first_frame_is_the_start_posture_and_the_last_the_target(part: str, posture: str,
                                                                  tmp_path: Path) -> None:
    """Rendered afresh from the still postures (not interpolated) with the movement's camera,
    frame 0 matches the start posture and the last frame the target (compared in 4x4 blocks,
    below the compression's pixel noise), and each is well apart from the other end."""
    view = motion.body_part_entry(part).preferred_view
    start = motion.demo_start(part, posture)
    assert start is not None
    scenes = motion.frame_scenes(part, start, posture)
    camera, centre = motion.fixed_camera(part, view, scenes, motion.DEMO_PX)
    stored = motion.read_demo(MEDIA / motion.demo_relative_file(part, posture, view, "medium"))
    from gmi_trainer.stimuli.build import scene_for
    from gmi_trainer.stimuli.raymarch import trace

    for index, name in ((0, start), (DEMO_FRAMES - 1, posture)):
        rgba = shade(trace(scene_for(part, name), camera, centre=centre), SKIN["medium"], 1)
        # Through the same compression, so that only the posture can differ.
        path = tmp_path / f"{name}.avif"
        path.write_bytes(motion.encode_demo([rgba, rgba]))
        fresh = _coarse(motion.read_demo(path)[0][..., :3])
        error = float(np.abs(fresh - _coarse(stored[index][..., :3])).mean())
        other = float(np.abs(fresh - _coarse(stored[DEMO_FRAMES - 1 - index][..., :3])).mean())
        assert error < 1.0 and other > 2 * error, (name, error, other)
    # Played there and back, the middle of the demonstration shows the target.
    assert demo_frame(2.0, 4.0) == DEMO_FRAMES - 1


@dataclass
class OneStep:
    """The loop's flow for one imagery step, finished once the demonstration is over."""

    step: ImageryStep
    finished: bool = False

    def screen(self, now_s: float) -> Screen:
        return Screen(self.step.view(now_s), None)

    def handle(self, inp: Input) -> None:
        self.step.handle(inp)

    def tick(self, now_s: float) -> None:
        self.step.tick(now_s)
        self.finished = self.step.stage not in ("intro", "demo")

    def shown(self, screen: Screen, flip_s: float) -> None:
        self.step.shown(screen.view.token, flip_s)


def test_the_screen_shows_at_least_24_new_postures_a_second(make_ctx) -> None:
    """The real window (SDL's dummy driver) in the real loop on a simulated clock: every flip
    is recorded with a hash of the picture it drew, and each second of movement must show at
    least 24 different pictures, one frame after another."""
    pygame = pytest.importorskip("pygame")
    from gmi_trainer.app.loop import run
    from gmi_trainer.clock import SimulatedClock
    from gmi_trainer.profiles.model import DEFAULT_KEYS
    from gmi_trainer.ui.keymap import KeyMap
    from gmi_trainer.ui.screens.imagery import GROUND
    from gmi_trainer.ui.window import PygameUI

    files = {p: MEDIA / f"hand/left/hand-left-{p}-back-medium.png" for p in ("fist", "flat")}
    pictures = [FakePicture(f"hand-left-{p}-back-medium", "hand", "left", "back", p, "medium",
                            str(f)) for p, f in files.items()]
    step = ImageryStep(make_ctx(affected=("hand", "left"), pictures=pictures),
                       ImageryBlock(postures=("fist",), pictures=1, demo_s=4.0), 0)
    step.handle(Input(act.CONFIRM, 0.0))  # past the introduction
    clock = SimulatedClock(100.0)
    ui = PygameUI(clock, KeyMap(DEFAULT_KEYS), windowed=True)
    shown: list[tuple[float, int | None, str]] = []
    show = ui.show

    def recording_show(screen: Screen) -> float:
        key_before = ui._last_key
        flip_s = show(screen)
        drawn = ui._last_key is not key_before  # an unchanged screen is neither drawn nor flipped
        view = screen.view
        if isinstance(view, ImageryView) and drawn:
            pixels = pygame.surfarray.array3d(ui.surface.subsurface(GROUND))
            shown.append((flip_s, view.demo_frame, hashlib.sha1(pixels.tobytes()).hexdigest()))
        return flip_s

    ui.show = recording_show  # type: ignore[method-assign]
    try:
        run(OneStep(step), ui, ui, clock)
    finally:
        ui.close()
    onset_s = shown[0][0]
    # Only flips that changed the screen are drawn; consecutive drawn pictures all differ.
    distinct = [shown[0]] + [b for a, b in zip(shown, shown[1:]) if b[2] != a[2]]
    indices = [f for _, f, _ in distinct]
    assert indices[0] == 0 and max(indices) == DEMO_FRAMES - 1 and indices[-1] == 0
    assert all(abs(b - a) == 1 for a, b in zip(indices, indices[1:]))
    for move_start_s in (0.5, 2.5):  # the way there and the way back
        # Every frame on screen at some time in this second: the one up at its start and
        # those put up during it.
        start_s, end_s = onset_s + move_start_s, onset_s + move_start_s + 1.0
        before = [f for t, f, _ in distinct if t <= start_s][-1:]
        during = [f for t, f, _ in distinct if start_s < t < end_s]
        assert len(before + during) >= 24, (before, during)
    # The pictures are the stored frames themselves, not the still picture.
    assert len({h for _, _, h in distinct}) == DEMO_FRAMES
