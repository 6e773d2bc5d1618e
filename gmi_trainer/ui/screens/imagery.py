"""Guided imagery: the posture picture on the left (during the demonstration, the movement
itself: rendered frames from the resting limb to the posture and back), the instruction, the
movements done and the buttons on the right. With eyes closed the screen goes dark while the
patient imagines."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import ImageryView
from gmi_trainer.ui.screens.bar import BAR_HEIGHT
from gmi_trainer.ui.screens.laterality import prepare_picture
from gmi_trainer.ui.theme import Theme
from gmi_trainer.ui.widgets import Canvas

PICTURE_BOX = 500  # the picture's longest side, in canvas pixels
GROUND = pygame.Rect(40, 96, 600, 600)
COLUMN = pygame.Rect(680, 96, 560, 600)
# Eyes closed: dark and low-contrast, yet light enough for a helper to find the buttons.
DARK_THEME = replace(Theme(), background=(8, 10, 14), text=(130, 136, 148),
                     muted=(100, 106, 118), accent=(34, 58, 92), accent_text=(150, 170, 200),
                     button=(30, 36, 48), good=(40, 96, 62))

HEADINGS = {"demo": "Watch the movement", "ready": "Your turn", "lead_in": "Close your eyes",
            "moving": "Imagine it now"}
PRIMARY = {
    "demo": ("I've seen it", "(Enter)"),
    "ready": ("Start", "(Enter)"),
    "lead_in": ("Start now", "(Enter)"),
    "moving": ("Done: back at the start", "(Enter, or click anywhere)"),
}

Loader = Callable[[str, int, int], "pygame.Surface | None"]


def draw_imagery(canvas: Canvas, view: ImageryView, picture: Loader) -> None:
    if view.dimmed:
        _draw_dark(canvas, view)
        return
    theme = canvas.theme
    pygame.draw.rect(canvas.surface, theme.picture_ground, GROUND, border_radius=24)
    _draw_picture(canvas, view, picture)
    x = COLUMN.left
    canvas.text(f"Picture {view.picture_number} of {view.picture_count}", (x, COLUMN.top),
                "small", theme.muted)
    canvas.text(HEADINGS[view.stage], (x, COLUMN.top + 40), "title", bold=True)
    y = canvas.paragraph(view.instruction, pygame.Rect(x, COLUMN.top + 116, COLUMN.w, 220),
                         "body")
    if view.stage in ("ready", "lead_in", "moving"):
        _draw_repetitions(canvas, view, x, max(y + 20, 400))
    label, hint = PRIMARY[view.stage]
    canvas.button(pygame.Rect(x, 520, COLUMN.w, 110), label, act.CONFIRM, hint=hint,
                  primary=True)
    half = (COLUMN.w - 20) // 2
    if view.can_replay:
        canvas.button(pygame.Rect(x, 646, half, 90), "Show again", act.SELECT, "replay",
                      hint="(Left arrow)", size="body")
    canvas.button(pygame.Rect(COLUMN.right - half, 646, half, 90), "Skip picture", act.SELECT,
                  "skip", hint=_skip_hint(canvas), size="body")
    canvas.paragraph(view.hint, pygame.Rect(40, 748, canvas.width - 80, 50), "small",
                     theme.muted, align="center")
    if view.stage == "moving":
        # A press anywhere ends the movement: no need to aim.
        canvas.click_fallback[1] = (act.CONFIRM, None)


def _skip_hint(canvas: Canvas) -> str:
    """'(Right arrow or S)': the Right key and the skip keys both skip a picture."""
    return canvas.spoken_hint(canvas.keys_for(act.RIGHT)[:1], canvas.keys_for(act.SKIP))


def _draw_dark(canvas: Canvas, view: ImageryView) -> None:
    """Eyes closed: a dark, quiet screen with no picture, only what a glance needs."""
    dim = Canvas(canvas.surface, DARK_THEME, canvas.fonts, canvas.hits, canvas.click_fallback)
    canvas.surface.fill(DARK_THEME.background,
                        (0, BAR_HEIGHT, canvas.width, canvas.height - BAR_HEIGHT))
    center_x = canvas.width // 2
    if view.stage == "moving":
        heading = f"Movement {view.repetitions_done + 1} of {view.repetitions}"
        line = "Eyes closed. Press Enter when you are back at the start."
    else:
        heading, line = "Close your eyes", "A tone will tell you to start."
    dim.text(heading, (center_x, 190), "title", bold=True, anchor="center")
    dim.text(line, (center_x, 270), "body", anchor="center")
    radius, gap = _dot_size(view.repetitions)
    width = view.repetitions * (2 * radius + gap) - gap
    _draw_repetitions(dim, view, center_x - width // 2, 330, words=False)
    label, hint = PRIMARY[view.stage]
    dim.button(pygame.Rect(center_x - 320, 450, 640, 120), label, act.CONFIRM, hint=hint,
               primary=True)
    dim.button(pygame.Rect(center_x - 180, 600, 360, 90), "Skip picture", act.SELECT, "skip",
               hint=_skip_hint(canvas), size="body")
    if view.stage == "moving":
        canvas.click_fallback[1] = (act.CONFIRM, None)


def _draw_picture(canvas: Canvas, view: ImageryView, picture: Loader) -> None:
    if view.demo_frame is not None:
        frames = demo_frames(view.picture_file, PICTURE_BOX)
        if frames:
            from gmi_trainer.stimuli.motion import DEMO_GROUND

            # The frames are stored on the card's usual colour: the card takes it too (the
            # high-contrast card is white), so no square shows round the picture.
            pygame.draw.rect(canvas.surface, DEMO_GROUND, GROUND, border_radius=24)
            frame = frames[min(view.demo_frame, len(frames) - 1)]
            canvas.surface.blit(frame, frame.get_rect(center=GROUND.center))
            return
    target = picture(view.picture_file, 0, PICTURE_BOX)
    if target is None:
        canvas.text("This picture could not be shown", GROUND.center, "body", canvas.theme.bad,
                    anchor="center")
        return
    canvas.surface.blit(target, target.get_rect(center=GROUND.center))


# The demonstration on screen (one at a time: 25 frames of 500x500 are about 25 MB).
_demo_cache: dict[tuple[str, int], list[pygame.Surface]] = {}


def demo_frames(picture_file: str, box: int) -> list[pygame.Surface]:
    """The demonstration of a still picture's posture, scaled to `box` and mirrored for a
    left limb; empty when the picture set has none (the still picture is shown instead)."""
    key = (picture_file, box)
    if key not in _demo_cache:
        _demo_cache.clear()
        _demo_cache[key] = _load_demo(picture_file, box)
    return _demo_cache[key]


def _load_demo(picture_file: str, box: int) -> list[pygame.Surface]:
    from gmi_trainer.stimuli.motion import demo_file_for

    try:
        path = demo_file_for(Path(picture_file).parents[2], picture_file)
    except (ValueError, IndexError):
        return []
    if not path.is_file():
        return []
    try:
        raw = _read_animation(path)
    except (pygame.error, OSError, ValueError):
        return []
    left = "-left-" in Path(picture_file).name
    frames = []
    for surface in raw:
        image = surface.convert_alpha() if pygame.display.get_surface() else surface
        if left:  # the left limb is the exact mirror of the right one, as for the stills
            image = pygame.transform.flip(image, True, False)
        frames.append(prepare_picture(image, 0, box, crop=False))
    return frames


def _read_animation(path: Path) -> list[pygame.Surface]:
    """Every frame of an animated WebP, one per step of the movement, its card colour
    cleaned of compression blocks (stimuli/motion.py `read_demo`, with Pillow)."""
    from gmi_trainer.stimuli.motion import read_demo

    return [pygame.image.frombuffer(rgba.tobytes(), (rgba.shape[1], rgba.shape[0]), "RGBA")
            for rgba in read_demo(path)]


def _draw_repetitions(canvas: Canvas, view: ImageryView, left: int, y: int,
                      words: bool = True) -> None:
    """One circle per movement: filled when done, ringed for the one being imagined."""
    theme = canvas.theme
    radius, gap = _dot_size(view.repetitions)
    for i in range(view.repetitions):
        center = (left + radius + i * (2 * radius + gap), y + radius)
        if i < view.repetitions_done:
            pygame.draw.circle(canvas.surface, theme.good, center, radius)
        elif i == view.repetitions_done and view.stage == "moving":
            pygame.draw.circle(canvas.surface, theme.accent, center, radius, width=6)
        else:
            pygame.draw.circle(canvas.surface, theme.button, center, radius, width=4)
    if words:
        label = f"{view.repetitions_done} of {view.repetitions} movements done"
        if view.repetitions <= 5:
            right = left + view.repetitions * (2 * radius + gap)
            canvas.text(label, (right + 6, y + radius), "small", theme.muted, anchor="midleft")
        else:  # a long row of circles leaves no room beside it
            canvas.text(label, (left, y + 2 * radius + 10), "small", theme.muted)


def _dot_size(repetitions: int) -> tuple[int, int]:
    """(radius, gap): smaller circles for many repetitions, so ten fit in the column."""
    return (22, 18) if repetitions <= 6 else (16, 12)
