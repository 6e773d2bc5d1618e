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
from gmi_trainer.i18n import N_, _
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

HEADINGS = {"demo": N_("Watch the movement"), "ready": N_("Your turn"), "lead_in": N_("Close your eyes"),
            "moving": N_("Imagine it now")}
PRIMARY = {
    "demo": (N_("I've seen it"), N_("(Enter)")),
    "ready": (N_("Start"), N_("(Enter)")),
    "lead_in": (N_("Start now"), N_("(Enter)")),
    "moving": (N_("Done: back at the start"), N_("(Enter, or click anywhere)")),
}

Loader = Callable[[str, int, int], "pygame.Surface | None"]


def draw_imagery(canvas: Canvas, view: ImageryView, picture: Loader) -> None:
    if view.dimmed:
        _draw_dark(canvas, view)
        return
    theme = canvas.theme
    # From the bottom up: the hint under everything, the buttons above it; the column's
    # words flow down from the top into what is left.
    hint_h = canvas.paragraph_height(view.hint, canvas.width - 80, "small")
    hint_top = canvas.height - 8 - hint_h
    canvas.paragraph(view.hint, pygame.Rect(40, hint_top, canvas.width - 80, hint_h), "small",
                     theme.muted, align="center")
    ground = GROUND.clip(pygame.Rect(0, 0, canvas.width, hint_top - 8))
    pygame.draw.rect(canvas.surface, theme.picture_ground, ground, border_radius=24)
    _draw_picture(canvas, view, picture, ground)
    column = pygame.Rect(COLUMN.left, COLUMN.top, canvas.width - 40 - COLUMN.left, COLUMN.h)
    x = column.left
    small_row = pygame.Rect(x, hint_top - 8 - 90, column.w, 90)
    main = pygame.Rect(x, small_row.top - 16 - 110, column.w, 110)
    y = canvas.text(_("Picture {picture_number} of {picture_count}").format(picture_number=view.picture_number, picture_count=view.picture_count), (x, column.top),
                    "small", theme.muted).bottom
    y = canvas.text(_(HEADINGS[view.stage]), (x, y), "title", bold=True, max_width=column.w).bottom
    dots = 2 * _dot_size(view.repetitions)[0] + 10 + canvas.line_h("small") \
        if view.stage in ("ready", "lead_in", "moving") else 0
    y = canvas.paragraph(view.instruction, pygame.Rect(x, y, column.w, main.top - 16 - dots - y),
                         "body")
    if dots:
        _draw_repetitions(canvas, view, x, y + 8)
    label, hint = PRIMARY[view.stage]
    canvas.button(main, _(label), act.CONFIRM, hint=_(hint), primary=True)
    half = (column.w - 20) // 2
    if view.can_replay:
        canvas.button(pygame.Rect(x, small_row.top, half, 90), _("Show again"), act.SELECT, "replay",
                      hint=canvas.spoken_hint(canvas.keys_for(act.LEFT)[:1]), size="body")
    canvas.button(pygame.Rect(column.right - half, small_row.top, half, 90), _("Skip picture"),
                  act.SELECT, "skip", hint=_skip_hint(canvas), size="body")
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
        heading = _("Movement {value} of {repetitions}").format(value=view.repetitions_done + 1, repetitions=view.repetitions)
        line = _("Eyes closed. Press Enter when you are back at the start.")
    else:
        heading, line = _("Close your eyes"), _("A tone will tell you to start.")
    dim.text(heading, (center_x, 190), "title", bold=True, anchor="center")
    dim.text(line, (center_x, 270), "body", anchor="center")
    radius, gap = _dot_size(view.repetitions)
    width = view.repetitions * (2 * radius + gap) - gap
    _draw_repetitions(dim, view, center_x - width // 2, 330, words=False)
    label, hint = PRIMARY[view.stage]
    dim.button(pygame.Rect(center_x - 320, 450, 640, 120), _(label), act.CONFIRM, hint=_(hint),
               primary=True)
    dim.button(pygame.Rect(center_x - 180, 600, 360, 90), _("Skip picture"), act.SELECT, "skip",
               hint=_skip_hint(canvas), size="body")
    if view.stage == "moving":
        canvas.click_fallback[1] = (act.CONFIRM, None)


def _draw_picture(canvas: Canvas, view: ImageryView, picture: Loader,
                  ground: pygame.Rect) -> None:
    if view.demo_frame is not None:
        frames = demo_frames(view.picture_file, PICTURE_BOX)
        if frames:
            from gmi_trainer.stimuli.motion import DEMO_GROUND

            # The frames are stored on the card's usual colour: the card takes it too (the
            # high-contrast card is white), so no square shows round the picture.
            pygame.draw.rect(canvas.surface, DEMO_GROUND, ground, border_radius=24)
            frame = frames[min(view.demo_frame, len(frames) - 1)]
            canvas.surface.blit(frame, frame.get_rect(center=ground.center))
            return
    target = picture(view.picture_file, 0, PICTURE_BOX)
    if target is None:
        canvas.text(_("This picture could not be shown"), ground.center, "body", canvas.theme.bad,
                    anchor="center", max_width=ground.w - 20)
        return
    canvas.surface.blit(target, target.get_rect(center=ground.center))


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
    """Every frame of a stored demonstration (AVIF), one per step of the movement, its card
    colour cleaned of compression blocks (stimuli/motion.py `read_demo`, with Pillow)."""
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
        label = _("{repetitions_done} of {repetitions} movements done").format(repetitions_done=view.repetitions_done, repetitions=view.repetitions)
        if view.repetitions <= 5:
            right = left + view.repetitions * (2 * radius + gap)
            canvas.text(label, (right + 6, y + radius), "small", theme.muted, anchor="midleft")
        else:  # a long row of circles leaves no room beside it
            canvas.text(label, (left, y + 2 * radius + 10), "small", theme.muted)


def _dot_size(repetitions: int) -> tuple[int, int]:
    """(radius, gap): smaller circles for many repetitions, so ten fit in the column."""
    return (22, 18) if repetitions <= 6 else (16, 12)
