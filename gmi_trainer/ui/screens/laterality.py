"""The left/right task: a picture in the middle, LEFT and RIGHT buttons at the sides."""

from __future__ import annotations

from typing import Callable

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import LateralityView
from gmi_trainer.i18n import _
from gmi_trainer.ui.widgets import Canvas

# The circle round the limb, in canvas pixels: it fits the 600 px high card at any rotation.
PICTURE_BOX = 570
CARD_MARGIN = 24  # card round the limb's outline, canvas pixels


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
    image = picture(view.picture_file, view.rotation_deg, PICTURE_BOX) \
        if view.picture_file is not None else None
    if image is not None:
        ground = picture_card(image, center, ground)
    pygame.draw.rect(canvas.surface, theme.picture_ground, ground, border_radius=24)
    if image is not None:
        canvas.surface.blit(image, image.get_rect(center=center))
    elif view.picture_file is not None:
        canvas.text(_("This picture could not be shown"), center, "body", theme.bad,
                    anchor="center")
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


def preload_next(view: object,
                 picture: Callable[[str, int, int], pygame.Surface | None]) -> None:
    """Between pictures, prepare the next one (into `picture`'s cache) so that drawing it
    when the interval ends is a copy, not 12-25 ms of turning and scaling that would
    lengthen the interval. Called after the flip, so it is not counted as drawing time."""
    if isinstance(view, LateralityView) and view.preload_file is not None:
        picture(view.preload_file, view.rotation_deg, PICTURE_BOX)


def prepare_picture(image: pygame.Surface, rotation_deg: int, box: int,
                    crop: bool = True) -> pygame.Surface:
    """Crop to the limb, scale it to fill `box`, then rotate clockwise by `rotation_deg`
    (`crop` False: the whole picture is scaled, as for a movement's frames, which share one
    framing so that only the limb moves).

    The crop is the circle round the limb (centred on its bounding box): scaled so that
    circle spans `box`, the limb fills the card whatever the rotation, is never clipped, and
    one picture keeps one size at every rotation (size is no cue to the answer). The
    pictures are rendered with wide transparent margins (about a fifth of a 340 px picture
    is limb), which left a hand small in the middle of the card.

    Filtered in premultiplied alpha: interpolating straight-alpha pixels pulls the black of
    the transparent background into the limb's outline (a dark fringe), and an unfiltered
    turn leaves stair-stepped edges.
    """
    import numpy as np

    source = image if image.get_flags() & pygame.SRCALPHA else image.convert_alpha()
    if crop:
        source = _limb_circle(source)
    scale = box / max(source.get_size())
    turned = pygame.transform.rotozoom(source.premul_alpha(), -rotation_deg, scale)
    rgb = pygame.surfarray.pixels3d(turned)
    alpha = pygame.surfarray.pixels_alpha(turned)
    a = alpha.astype(np.float32)[..., None]
    straight = np.where(a > 0, rgb.astype(np.float32) * 255.0 / np.maximum(a, 1.0), 0.0)
    rgb[...] = np.clip(np.round(straight), 0, 255).astype(np.uint8)
    del rgb, alpha  # release the surface lock
    return turned


LIMB_ALPHA = 8  # pixels at least this opaque count as limb when cropping


def picture_card(image: pygame.Surface, center: tuple[int, int], largest: pygame.Rect) -> pygame.Rect:
    """The card behind a picture centred at `center`: round the limb's outline with a
    margin (the limb's bounding box fills two thirds or more of it), within `largest`, the
    card the cross and the feedback use."""
    rect = image.get_rect(center=center)
    limb = image.get_bounding_rect(min_alpha=LIMB_ALPHA).move(rect.topleft)
    return limb.inflate(2 * CARD_MARGIN, 2 * CARD_MARGIN).clip(largest)


def _limb_circle(image: pygame.Surface) -> pygame.Surface:
    """The square round the circle that holds every limb pixel, centred on the limb's
    bounding box; the whole image when it has no limb pixels."""
    import numpy as np

    alpha = pygame.surfarray.pixels_alpha(image)
    xs, ys = np.nonzero(alpha >= LIMB_ALPHA)
    del alpha
    if xs.size == 0:
        return image
    cx, cy = (xs.min() + xs.max() + 1) / 2.0, (ys.min() + ys.max() + 1) / 2.0
    radius = float(np.sqrt(((xs + 0.5 - cx) ** 2 + (ys + 0.5 - cy) ** 2).max())) + 1.0
    side = int(np.ceil(2 * radius))
    square = pygame.Surface((side, side), pygame.SRCALPHA)
    square.fill((0, 0, 0, 0))
    # Added onto transparent black: an exact copy (a normal blit would blend the edges).
    square.blit(image, (round(side / 2 - cx), round(side / 2 - cy)),
                special_flags=pygame.BLEND_RGBA_ADD)
    return square
