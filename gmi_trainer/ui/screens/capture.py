"""Taking the patient's own pictures: the camera picture (as large as the screen allows,
never covered) with the outline to copy, and beside it the picture to copy, how close the
hand is, the still hold filling up, and the buttons; before and after, a page of choices."""

from __future__ import annotations

from typing import Callable

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.capture import (
    CAMERA_CHECKS,
    CONFIRM_DELETE,
    DONE,
    INTRO,
    LOOKING,
    TAKEN,
    CaptureView,
)
from gmi_trainer.core.mirror import first_sentence
from gmi_trainer.i18n import _
from gmi_trainer.ui.screens.bar import BAR_HEIGHT
from gmi_trainer.ui.screens.mirror import mirror_layout
from gmi_trainer.ui.widgets import Canvas

CAPTURE_PANEL_MIN = 400  # canvas pixels: the narrowest side panel beside the camera picture

PictureLoader = Callable[[str, int, int], "pygame.Surface | None"]


def draw_capture(canvas: Canvas, view: CaptureView, live: pygame.Surface | None,
                 picture: PictureLoader) -> None:
    if view.stage in (INTRO, CONFIRM_DELETE, DONE):
        _draw_page(canvas, view, picture)
    elif view.stage == TAKEN:
        _draw_taken(canvas, view, picture)
    elif view.stage == LOOKING:
        _draw_camera(canvas, view, live, picture)


def _draw_page(canvas: Canvas, view: CaptureView, picture: PictureLoader) -> None:
    theme = canvas.theme
    canvas.text(view.title, (canvas.width // 2, 130), "title", bold=True, anchor="center",
                max_width=canvas.width - 160)
    below = canvas.paragraph(view.body, pygame.Rect(140, 180, canvas.width - 280, 190), "body",
                             theme.muted, align="center")
    top = max(330, below + 24)
    for i, option in enumerate(view.options):
        rect = pygame.Rect(canvas.width // 2 - 330, top + i * 100, 660, 84)
        label = f"{option.label}  ({option.hint})" if option.hint else option.label
        canvas.button(rect, label, act.SELECT, option.id, focused=i == view.focus,
                      enabled=option.enabled)
    if view.hints:
        canvas.text(view.hints, (canvas.width // 2, top + len(view.options) * 100 + 10), "small",
                    theme.good, anchor="center", max_width=canvas.width - 160)
    canvas.text(_("Up/Down arrows and Enter, or click."), (canvas.width // 2, 760),
                "small", theme.muted, anchor="center")


def _card(canvas: Canvas, file: str, rect: pygame.Rect, picture: PictureLoader,
          mirrored: bool = False) -> None:
    pygame.draw.rect(canvas.surface, canvas.theme.picture_ground, rect, border_radius=18)
    image = picture(file, 0, min(rect.w, rect.h) - 16)
    if image is None:
        canvas.text(_("This picture could not be shown"), rect.center, "small", canvas.theme.bad,
                    anchor="center", max_width=rect.w - 16)
        return
    if mirrored:
        image = pygame.transform.flip(image, True, False)
    canvas.surface.blit(image, image.get_rect(center=rect.center))


def _draw_taken(canvas: Canvas, view: CaptureView, picture: PictureLoader) -> None:
    theme = canvas.theme
    canvas.text(view.title, (canvas.width // 2, 122), "title", bold=True, anchor="center")
    canvas.paragraph(view.body, pygame.Rect(140, 172, canvas.width - 280, 56), "body",
                     theme.muted, align="center")
    size = min(340, (canvas.width - 200) // 2)
    labels = (_("Your own picture"), _("Its mirror twin: the other side"))
    for i, (file, label) in enumerate(zip(view.taken_files, labels)):
        rect = pygame.Rect(0, 240, size, size)
        rect.centerx = canvas.width // 2 + (i * 2 - 1) * (size // 2 + 20)
        _card(canvas, file, rect, picture)
        canvas.text(label, (rect.centerx, rect.bottom + 22), "small", theme.text, anchor="center",
                    max_width=size)
    top = 240 + size + 48
    for i, option in enumerate(view.options):
        rect = pygame.Rect(canvas.width // 2 - 440 + i * 460, top, 420, min(100, canvas.height - top - 10))
        canvas.button(rect, f"{option.label}  ({option.hint})", act.SELECT, option.id,
                      focused=i == view.focus, size="body")


def _draw_camera(canvas: Canvas, view: CaptureView, live: pygame.Surface | None,
                 picture: PictureLoader) -> None:
    theme = canvas.theme
    area = pygame.Rect(0, BAR_HEIGHT, canvas.width, canvas.height - BAR_HEIGHT)
    # A wider panel than the mirror's: its four buttons sit two to a row, and at the mirror's
    # 300 px their words ("Skip this one (Right arrow)") shrank too small to read.
    shown, panel = mirror_layout(area, live.get_size() if live is not None else (640, 480),
                                 side_min=CAPTURE_PANEL_MIN)
    if live is not None and not view.camera_problem:
        canvas.surface.blit(pygame.transform.smoothscale(live, shown.size), shown)
    elif view.camera_problem:
        # Said to the patient, as the mirror's camera screen says it; what the computer
        # reported (a file name, a device) follows for whoever helps them.
        pygame.draw.rect(canvas.surface, theme.panel, shown)
        box = shown.inflate(-80, -80)
        below = canvas.paragraph(_("The camera is not showing a picture"),
                                 pygame.Rect(box.x, box.y, box.w, box.h // 4), "large", theme.text,
                                 align="center")
        below = canvas.paragraph(_(CAMERA_CHECKS), pygame.Rect(box.x, below + 24, box.w, box.h // 2),
                                 "body", theme.muted, align="center")
        detail = _("What the computer reported: {detail}").format(
            detail=first_sentence(view.camera_problem))
        canvas.paragraph(detail, pygame.Rect(box.x, below + 24, box.w, box.bottom - below - 24),
                         "small", theme.muted, align="center")
    else:
        pygame.draw.rect(canvas.surface, theme.panel, shown)
        canvas.paragraph(_("Starting the camera..."), shown.inflate(-80, -300),
                         "large", theme.muted, align="center")
    pygame.draw.rect(canvas.surface, theme.panel, panel, border_radius=16)
    inner = panel.inflate(-32, -24)
    # Fixed boxes from the top down, each text shrunk to fit its own: nothing moves into the
    # buttons at the largest text size.
    canvas.text(_("Posture {number} of {count}").format(number=view.number, count=view.count),
                (inner.x, inner.y + 12), "small",
                theme.muted, anchor="midleft", max_width=inner.w)
    canvas.paragraph(view.title, pygame.Rect(inner.x, inner.y + 32, inner.w, 64), "body", theme.text)
    card = pygame.Rect(inner.x, inner.y + 104, inner.w, min(inner.w, 200))
    if view.target is not None:
        # Mirrored like the camera picture beside it: the hand as the patient sees theirs.
        _card(canvas, view.target.picture_file, card, picture, mirrored=True)
    canvas.paragraph(view.body, pygame.Rect(inner.x, card.bottom + 10, inner.w, 84), "small",
                     theme.muted)
    look = view.look
    status, colour = _("Hold up your hand."), theme.muted
    if look is not None and look.waiting_for_change:
        status, colour = _("Now change to this posture."), theme.warn
    elif look is not None and look.hand_found:
        if look.held > 0:
            status, colour = _("Hold still..."), theme.good
        elif look.match >= 0.5:
            status, colour = _("That's it: now hold still."), theme.good
        else:
            status, colour = _("Hand seen: copy the picture."), theme.warn
    if view.hints:
        status, colour = view.hints, theme.warn
    canvas.paragraph(status, pygame.Rect(inner.x, card.bottom + 102, inner.w, 58), "body", colour)
    gauge = pygame.Rect(inner.x, card.bottom + 168, inner.w, 18)
    pygame.draw.rect(canvas.surface, theme.button, gauge, border_radius=9)
    held = look.held if look is not None else 0.0
    if held > 0:
        pygame.draw.rect(canvas.surface, theme.good,
                         (gauge.x, gauge.y, max(18, round(gauge.w * held)), gauge.h), border_radius=9)
    buttons_top = gauge.bottom + 14
    rows = [view.options[:2], view.options[2:]]
    height = max(56, min(80, (inner.bottom - buttons_top - 10) // 2))
    for r, row in enumerate(rows):
        for i, option in enumerate(row):
            width = (inner.w - 10) // 2
            rect = pygame.Rect(inner.x + i * (width + 10), buttons_top + r * (height + 10), width, height)
            canvas.button(rect, option.label, act.SELECT, option.id,
                          hint=f"({option.hint})" if option.hint else "", size="small",
                          primary=option.id == "take")
