"""The left/right task: a picture in the middle, LEFT and RIGHT buttons at the sides."""

from __future__ import annotations

from typing import Callable

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import LateralityView
from gmi_trainer.i18n import _
from gmi_trainer.ui.widgets import Canvas

PICTURE_BOX = 430  # the picture's longest side, in canvas pixels, before rotation


def draw_laterality(canvas: Canvas, view: LateralityView,
                    picture: Callable[[str, int, int], pygame.Surface | None]) -> None:
    theme = canvas.theme
    kind = _("Practice") if view.practice else _("Picture")
    counter_y = 92 if view.reminder else 100
    canvas.text(_("{kind} {trial_number} of {trial_count}").format(kind=kind, trial_number=view.trial_number, trial_count=view.trial_count), (canvas.width // 2, counter_y),
                "small", theme.muted, anchor="center")
    if view.reminder:
        # A neck or a back: the picture is a little lower, under the reminder whose left counts.
        canvas.text(view.reminder, (canvas.width // 2, 134), "body", theme.text, True,
                    "center", max_width=canvas.width - 580)
    center = (canvas.width // 2, 445 if view.reminder else 430)
    ground = pygame.Rect(0, 0, 640, 570 if view.reminder else 600)
    ground.center = center
    pygame.draw.rect(canvas.surface, theme.picture_ground, ground, border_radius=24)
    if view.picture_file is not None:
        image = picture(view.picture_file, view.rotation_deg, PICTURE_BOX)
        if image is None:
            canvas.text(_("This picture could not be shown"), center, "body", theme.bad,
                        anchor="center")
        else:
            canvas.surface.blit(image, image.get_rect(center=center))
    elif view.feedback:
        color = theme.good if view.feedback == "correct" else theme.bad
        canvas.text(view.feedback_text, center, "large", color, True, "center",
                    max_width=ground.w - 40)
    else:
        canvas.text("+", center, "huge", theme.accent_text, anchor="center")
    size = (250, 150)
    for side, x in (("left", 30), ("right", canvas.width - 30 - size[0])):
        rect = pygame.Rect(x, canvas.height - size[1] - 30, *size)
        canvas.button(rect, _("LEFT") if side == "left" else _("RIGHT"), act.LEFT if side == "left" else act.RIGHT,
                      hint=canvas.key_hint(act.LEFT, _("(Left arrow / A)")) if side == "left"
                      else canvas.key_hint(act.RIGHT, _("(Right arrow / L)")))
    # Anywhere else, the left mouse button answers left and the right one answers right.
    canvas.click_fallback[1] = (act.LEFT, None)
    canvas.click_fallback[3] = (act.RIGHT, None)


def prepare_picture(image: pygame.Surface, rotation_deg: int, box: int) -> pygame.Surface:
    """Scale to fit `box`, then rotate clockwise by `rotation_deg`; the transparent corners
    grow with the turn, so the limb is never clipped.

    Filtered in premultiplied alpha: interpolating straight-alpha pixels pulls the black of
    the transparent background into the limb's outline (a dark fringe), and an unfiltered
    turn leaves stair-stepped edges.
    """
    import numpy as np

    scale = box / max(image.get_size())
    source = image if image.get_flags() & pygame.SRCALPHA else image.convert_alpha()
    turned = pygame.transform.rotozoom(source.premul_alpha(), -rotation_deg, scale)
    rgb = pygame.surfarray.pixels3d(turned)
    alpha = pygame.surfarray.pixels_alpha(turned)
    a = alpha.astype(np.float32)[..., None]
    straight = np.where(a > 0, rgb.astype(np.float32) * 255.0 / np.maximum(a, 1.0), 0.0)
    rgb[...] = np.clip(np.round(straight), 0, 255).astype(np.uint8)
    del rgb, alpha  # release the surface lock
    return turned
