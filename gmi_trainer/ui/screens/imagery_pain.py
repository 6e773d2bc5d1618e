"""After a picture: "Did imagining this hurt?" 0-10, or go on without a rating."""

from __future__ import annotations

from typing import Callable

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import ImageryPainView
from gmi_trainer.i18n import _
from gmi_trainer.ui.screens.pain import draw_scale
from gmi_trainer.ui.widgets import Canvas

THUMBNAIL_BOX = 170


def draw_imagery_pain(canvas: Canvas, view: ImageryPainView,
                      picture: Callable[[str, int, int], "pygame.Surface | None"]) -> None:
    theme = canvas.theme
    ground = pygame.Rect(60, 100, THUMBNAIL_BOX + 30, THUMBNAIL_BOX + 30)
    pygame.draw.rect(canvas.surface, theme.picture_ground, ground, border_radius=16)
    image = picture(view.picture_file, 0, THUMBNAIL_BOX)
    if image is not None:
        canvas.surface.blit(image, image.get_rect(center=ground.center))
    x = ground.right + 40
    bottom = canvas.bottom_hint(_("Left/Right arrows or 0-9 to choose, or click a number.")) - 12
    y = canvas.text(_("Did imagining this hurt?"), (x, 100), "title", bold=True).bottom
    y = canvas.text(_("The {posture_label} position (picture {picture_number} of "
                      "{picture_count}).").format(posture_label=view.posture_label, picture_number=view.picture_number, picture_count=view.picture_count), (x, y), "body", theme.muted).bottom
    y = canvas.text(_("Choose a number, or go on without one."), (x, y), "body", theme.muted).bottom
    buttons = pygame.Rect(0, bottom - 110, 0, 110)
    scale_h = 96 + 18 + canvas.line_h("small")
    above = max(ground.bottom, y)
    draw_scale(canvas, view.value, above + max(8, min(40, buttons.top - 16 - scale_h - above)))
    confirm, skip = canvas.keys_for(act.CONFIRM)[:1], canvas.keys_for(act.SKIP)
    if view.value is None:
        canvas.button(pygame.Rect(canvas.width // 2 - 260, buttons.top, 520, 110),
                      _("Go on without a number"), act.CONFIRM,
                      hint=canvas.spoken_hint(confirm, skip), primary=True)
    else:
        canvas.button(pygame.Rect(canvas.width // 2 - 420, buttons.top, 460, 110), _("Continue"),
                      act.CONFIRM, hint=canvas.spoken_hint(confirm), primary=True)
        canvas.button(pygame.Rect(canvas.width // 2 + 70, buttons.top, 350, 110), _("Skip the question"),
                      act.SELECT, "skip", hint=canvas.spoken_hint(skip), size="body")
