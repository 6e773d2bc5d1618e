"""The mirror: the live mirrored picture, whole and as large as the screen allows, with the
prompt and progress beside it (4:3 cameras) or under it (wide ones), never over it."""

from __future__ import annotations

from typing import Any

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.mirror import CAMERA_LIVE, CameraProblemView, MirrorView
from gmi_trainer.i18n import _, format_percent
from gmi_trainer.ui.screens.bar import BAR_HEIGHT
from gmi_trainer.ui.widgets import EDGE_MARGIN, Canvas, format_clock, wrap


SIDE_PANEL_MIN = 300  # the narrowest side panel the prompt and figures fit in
BELOW_PANEL = 170  # the height of a panel under the picture
GAP = 12


def mirror_layout(area: pygame.Rect, picture_size: tuple[int, int],
                  side_min: int = SIDE_PANEL_MIN) -> tuple[pygame.Rect, pygame.Rect]:
    """Where the picture and the prompt panel go: the whole camera picture, as large as it
    can be, never covered. A 4:3 camera leaves room for a panel at the side; a wide one gets
    a panel underneath. (Cropping to fill the screen, or laying the panel over the picture,
    hid the hands and feet, which are usually low in a webcam's picture.) `side_min`: the
    narrowest side panel that screen's panel fits in."""
    pw, ph = picture_size
    side = min((area.w - side_min - GAP) / pw, area.h / ph)
    below = min(area.w / pw, (area.h - BELOW_PANEL - GAP) / ph)
    if side >= below:
        size = (round(pw * side), round(ph * side))
        shown = pygame.Rect(area.x, area.y + (area.h - size[1]) // 2, *size)
        panel = pygame.Rect(shown.right + GAP, area.y + GAP, area.right - shown.right - 2 * GAP, area.h - 2 * GAP)
    else:
        size = (round(pw * below), round(ph * below))
        shown = pygame.Rect(area.x + (area.w - size[0]) // 2, area.y, *size)
        panel = pygame.Rect(area.x + 20, shown.bottom + GAP, area.w - 40, area.bottom - shown.bottom - 2 * GAP)
    return shown, panel


def draw_mirror(canvas: Canvas, view: MirrorView, picture: pygame.Surface | None,
                notice: str = "") -> None:
    theme = canvas.theme
    area = pygame.Rect(0, BAR_HEIGHT, canvas.width, canvas.height - BAR_HEIGHT)
    live = picture is not None and view.camera_state == CAMERA_LIVE
    shown, panel = mirror_layout(area, picture.get_size() if live and picture is not None else (640, 480))
    if live and picture is not None:
        canvas.surface.blit(pygame.transform.smoothscale(picture, shown.size), shown)
        if notice:  # a tracking notice means nothing without a picture
            _notice_panel(canvas, notice, shown)
    else:
        message = view.camera_message or _("Starting the camera...")
        canvas.text(message, shown.center, "large", theme.muted, anchor="center", max_width=shown.w - 20)
    pygame.draw.rect(canvas.surface, theme.panel, panel, border_radius=16)
    if panel.w < panel.h:
        _side_panel(canvas, view, panel.inflate(-40, -40))
    else:
        _below_panel(canvas, view, panel)


def _notice_panel(canvas: Canvas, notice: str, shown: pygame.Rect) -> None:
    """A notice in a panel of its own at the top of the picture: bare text over a bright
    video could not be read."""
    theme = canvas.theme
    width = min(shown.w - 40, 760)
    font = canvas.fonts.get("body")
    lines = len(wrap(notice, font, width - 36))
    height = lines * round(font.get_linesize() * 1.1) + 24
    box = pygame.Rect(shown.centerx - width // 2, shown.y + 16, width, height)
    pygame.draw.rect(canvas.surface, theme.panel, box, border_radius=12)
    pygame.draw.rect(canvas.surface, theme.warn, box, width=3, border_radius=12)
    canvas.paragraph(notice, pygame.Rect(box.x + 18, box.y + 12, width - 36, 200), "body", theme.text)


def _heading(view: MirrorView) -> str:
    if view.stage == "settle":
        return _("Settling in: just watch")
    return _("Exercise {exercise_number} of {exercise_count}").format(exercise_number=view.exercise_number, exercise_count=view.exercise_count)


def _hints(view: MirrorView) -> list[str]:
    hints = [_("Right arrow: next exercise") if view.stage == "exercise" else _("Right arrow: skip settling")]
    if view.line_movable:
        hints.insert(0, _("Up/Down: move the mirror line"))
    return hints


def _repetitions(view: MirrorView) -> str:
    parts = [_("Repetitions: {reps_counted}").format(reps_counted=view.reps_counted) + (_(" of {reps_target}").format(reps_target=view.reps_target) if view.reps_target else "")
             ] if view.countable else []
    if view.reports_in_step:  # bilateral mode: how in step both sides moved lately
        parts.append(_("In step: ") + (format_percent(view.in_step_percent / 100) if view.in_step_percent is not None
                                    else _("move both together")))
    return "   ".join(parts)


def _progress(canvas: Canvas, view: MirrorView, track: pygame.Rect) -> None:
    pygame.draw.rect(canvas.surface, canvas.theme.button, track, border_radius=7)
    pygame.draw.rect(canvas.surface, canvas.theme.accent,
                     (track.x, track.y, round(track.w * view.progress), track.h), border_radius=7)


def _beat_dot(canvas: Canvas, view: MirrorView, centre: tuple[int, int]) -> None:
    """The metronome's tick is also seen, for anyone without sound: a dot that lights on each beat."""
    theme = canvas.theme
    pygame.draw.circle(canvas.surface, theme.accent if view.beat % 2 == 0 else theme.button, centre, 12)


def _side_panel(canvas: Canvas, view: MirrorView, inner: pygame.Rect) -> None:
    theme = canvas.theme
    y = canvas.text(_heading(view), inner.topleft, "small", theme.muted, max_width=inner.w).bottom + 10
    y = canvas.paragraph(view.prompt, pygame.Rect(inner.x, y, inner.w, 400), "body") + 14
    y = canvas.text(_("{clock} left").format(clock=format_clock(view.remaining_s)), (inner.x, y), "large", bold=True,
                    max_width=inner.w).bottom + 12
    _progress(canvas, view, pygame.Rect(inner.x, y, inner.w, 14))
    y += 40
    if view.stage == "exercise":
        if view.countable or view.reports_in_step:
            y = canvas.text(_repetitions(view), (inner.x, y), "body", theme.good,
                            max_width=inner.w).bottom + 16
        else:
            y = canvas.paragraph(_("Not counted by the camera: just follow the prompt."),
                                 pygame.Rect(inner.x, y, inner.w, 120), "small", theme.muted) + 10
        if view.metronome_bpm:
            _beat_dot(canvas, view, (inner.x + 12, y + 14))
            y = canvas.paragraph(_("Follow the beat: {metronome_bpm} a minute").format(metronome_bpm=view.metronome_bpm),
                                 pygame.Rect(inner.x + 36, y, inner.w - 36, 80), "small", theme.muted)
    hints = _hints(view)
    line = round(canvas.fonts.get("small").get_linesize() * 1.1)
    bottom = inner.bottom - 2 * line * len(hints)
    for hint in hints:
        bottom = canvas.paragraph(hint, pygame.Rect(inner.x, bottom, inner.w, 2 * line), "small", theme.muted)


def _below_panel(canvas: Canvas, view: MirrorView, panel: pygame.Rect) -> None:
    theme = canvas.theme
    canvas.text(_heading(view), (panel.x + 24, panel.y + 16), "small", theme.muted)
    canvas.paragraph(view.prompt, pygame.Rect(panel.x + 24, panel.y + 48, panel.w - 360, 80), "body")
    canvas.text(_("{clock} left").format(clock=format_clock(view.remaining_s)), (panel.right - 24, panel.y + 16),
                "body", anchor="topright")
    if view.stage == "exercise":
        if view.countable or view.reports_in_step:
            canvas.text(_repetitions(view), (panel.right - 24, panel.y + 60), "body",
                        theme.good, anchor="topright")
        else:
            canvas.text(_("Not counted by the camera:"), (panel.right - 24, panel.y + 58), "small",
                        theme.muted, anchor="topright")
            canvas.text(_("just follow the prompt"), (panel.right - 24, panel.y + 88), "small",
                        theme.muted, anchor="topright")
        if view.metronome_bpm:
            dot = (panel.x + 36, panel.y + 118)
            _beat_dot(canvas, view, dot)
            canvas.text(_("Follow the beat: {metronome_bpm} a minute").format(metronome_bpm=view.metronome_bpm), (dot[0] + 24, dot[1]),
                        "small", theme.muted, anchor="midleft")
    _progress(canvas, view, pygame.Rect(panel.x + 24, panel.bottom - 34, panel.w - 48, 14))
    canvas.text("   ".join(_hints(view)), (panel.right - 24, panel.bottom - 60), "small", theme.muted,
                anchor="topright")


def draw_camera_problem(canvas: Canvas, view: CameraProblemView) -> None:
    """What to check, then one button per choice (up to seven fit: six videos and Back)."""
    theme = canvas.theme
    step = 66 if len(view.options) <= 5 else 54
    top = canvas.height - EDGE_MARGIN - step * len(view.options)
    y = canvas.text(view.title, (canvas.width // 2, 84), "title", bold=True, anchor="midtop").bottom
    detail_h = min(60, canvas.paragraph_height(view.detail, canvas.width - 240, "small")) \
        if view.detail else 0
    y = canvas.paragraph(view.body, pygame.Rect(120, y + 4, canvas.width - 240,
                                                top - 14 - detail_h - 4 - y), "body")
    if view.detail:
        canvas.paragraph(view.detail, pygame.Rect(120, y + 4, canvas.width - 240, top - 14 - y - 4),
                         "small", theme.muted)
    for i, option in enumerate(view.options):
        rect = pygame.Rect(canvas.width // 2 - 360, top + i * step, 720, step - 10)
        canvas.button(rect, f"{option.hint}.  {option.label}", act.SELECT, option.id,
                      focused=i == view.focus, enabled=option.enabled, size="body")


def picture_surface(composed: Any) -> pygame.Surface | None:
    """A pygame surface sharing the composed BGR picture's memory (no copy)."""
    if composed is None:
        return None
    image = composed.image
    height, width = image.shape[:2]
    if not image.flags["C_CONTIGUOUS"]:
        image = image.copy(order="C")
    return pygame.image.frombuffer(image.data, (width, height), "BGR")
