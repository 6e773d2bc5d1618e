"""The mirror: the live mirrored picture filling the screen, the prompt and progress over it."""

from __future__ import annotations

from typing import Any

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.mirror import CAMERA_LIVE, CameraProblemView, MirrorView
from gmi_trainer.ui.screens.bar import BAR_HEIGHT
from gmi_trainer.ui.widgets import Canvas, format_clock


def draw_mirror(canvas: Canvas, view: MirrorView, picture: pygame.Surface | None,
                notice: str = "") -> None:
    theme = canvas.theme
    area = pygame.Rect(0, BAR_HEIGHT, canvas.width, canvas.height - BAR_HEIGHT)
    if picture is not None and view.camera_state == CAMERA_LIVE:
        # Fill the screen (a larger picture is a stronger illusion): scale to cover, crop.
        scale = max(area.w / picture.get_width(), area.h / picture.get_height())
        size = (round(picture.get_width() * scale), round(picture.get_height() * scale))
        scaled = pygame.transform.scale(picture, size)
        canvas.surface.blit(scaled, scaled.get_rect(center=area.center))
    else:
        message = view.camera_message or "Starting the camera..."
        canvas.text(message, area.center, "large", theme.muted, anchor="center")
    panel = pygame.Rect(20, canvas.height - 190, canvas.width - 40, 170)
    shade = pygame.Surface(panel.size, pygame.SRCALPHA)
    shade.fill((15, 20, 28, 200))
    canvas.surface.blit(shade, panel)
    if view.stage == "settle":
        heading = "Settling in: just watch"
    else:
        heading = f"Exercise {view.exercise_number} of {view.exercise_count}"
    canvas.text(heading, (panel.x + 24, panel.y + 16), "small", theme.muted)
    canvas.paragraph(view.prompt, pygame.Rect(panel.x + 24, panel.y + 48, panel.w - 360, 80), "body")
    canvas.text(format_clock(view.remaining_s) + " left", (panel.right - 24, panel.y + 16),
                "body", anchor="topright")
    if view.stage == "exercise":
        if view.countable:
            counted = f"{view.reps_counted}" + (f" of {view.reps_target}" if view.reps_target else "")
            canvas.text(f"Repetitions: {counted}", (panel.right - 24, panel.y + 60), "body",
                        theme.good, anchor="topright")
        else:
            canvas.text("Not counted by the camera:", (panel.right - 24, panel.y + 58), "small",
                        theme.muted, anchor="topright")
            canvas.text("just follow the prompt", (panel.right - 24, panel.y + 88), "small",
                        theme.muted, anchor="topright")
    track = pygame.Rect(panel.x + 24, panel.bottom - 34, panel.w - 48, 14)
    pygame.draw.rect(canvas.surface, theme.button, track, border_radius=7)
    pygame.draw.rect(canvas.surface, theme.accent,
                     (track.x, track.y, round(track.w * view.progress), track.h), border_radius=7)
    hint = "Right arrow: next exercise" if view.stage == "exercise" else "Right arrow: skip settling"
    if view.mode == "fixed":
        hint = "Up/Down: move the mirror line.   " + hint
    if view.stage == "exercise" and view.metronome_bpm:
        # The tick is also seen, for anyone without sound: a dot that lights on each beat.
        dot = (panel.x + 36, panel.y + 118)
        pygame.draw.circle(canvas.surface, theme.accent if view.beat % 2 == 0 else theme.button,
                           dot, 12)
        canvas.text(f"Follow the beat: {view.metronome_bpm} per minute", (dot[0] + 24, dot[1]),
                    "small", theme.muted, anchor="midleft")
    canvas.text(hint, (panel.right - 24, panel.bottom - 60), "small", theme.muted, anchor="topright")
    if notice and view.camera_state == CAMERA_LIVE:  # a tracking notice means nothing without a picture
        canvas.text(notice, (canvas.width // 2, BAR_HEIGHT + 30), "body", theme.warn,
                    anchor="center")


def draw_camera_problem(canvas: Canvas, view: CameraProblemView) -> None:
    canvas.text(view.title, (canvas.width // 2, 130), "title", bold=True, anchor="center")
    canvas.paragraph(view.body, pygame.Rect(120, 180, canvas.width - 240, 200), "body")
    for i, option in enumerate(view.options):
        rect = pygame.Rect(canvas.width // 2 - 330, 410 + i * 86, 660, 74)
        canvas.button(rect, f"{option.label}  ({option.hint})", act.SELECT, option.id,
                      focused=i == view.focus, size="body")


def picture_surface(composed: Any) -> pygame.Surface | None:
    """A pygame surface sharing the composed BGR picture's memory (no copy)."""
    if composed is None:
        return None
    image = composed.image
    height, width = image.shape[:2]
    if not image.flags["C_CONTIGUOUS"]:
        image = image.copy(order="C")
    return pygame.image.frombuffer(image.data, (width, height), "BGR")
