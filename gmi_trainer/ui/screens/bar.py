"""The strip along the top: where in the session you are, time, and the Pause button."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import SessionBar
from gmi_trainer.i18n import _
from gmi_trainer.ui.widgets import Canvas, Hit, format_clock, types_text

BAR_HEIGHT = 72


def draw_bar(canvas: Canvas, bar: SessionBar | None, status: str = "", label: str = "Pause",
             typing: bool = False) -> None:
    """`label`: what the pause keys and the button do on this screen; `typing`: the screen
    takes typed letters, so only the pause keys that cannot type are named."""
    theme = canvas.theme
    surface = canvas.surface
    pygame.draw.rect(surface, theme.panel, (0, 0, canvas.width, BAR_HEIGHT))
    if bar is not None:
        progress = min(1.0, bar.elapsed_s / bar.planned_s) if bar.planned_s else 0.0
        track = pygame.Rect(canvas.width - 560, 26, 240, 20)
        pygame.draw.rect(surface, theme.button, track, border_radius=10)
        pygame.draw.rect(surface, theme.accent, (track.x, track.y, round(track.w * progress), track.h),
                         border_radius=10)
        clock = canvas.text(_("{elapsed_s} of {planned_s}").format(elapsed_s=format_clock(bar.elapsed_s), planned_s=format_clock(bar.planned_s)),
                            (track.left - 16, BAR_HEIGHT // 2), "small", theme.muted, anchor="midright")
        # The phase gets what the clock leaves, so large text shrinks it instead of overlapping.
        canvas.text(bar.phase_label, (24, BAR_HEIGHT // 2), "body", bold=True, anchor="midleft",
                    max_width=min(500, clock.left - 24 - 24))
    elif status:
        canvas.text(status, (24, BAR_HEIGHT // 2), "body", bold=True, anchor="midleft")
    pause = pygame.Rect(canvas.width - 300, 10, 284, BAR_HEIGHT - 20)
    pygame.draw.rect(surface, theme.button, pause, border_radius=12)
    keys = [k for k in canvas.keys_for(act.PAUSE) if not (typing and types_text(k))]
    hint = canvas.key_hint_of(keys)
    canvas.text(f"{_(label)}  {hint}".strip(), pause.center, "small", bold=True, anchor="center",
                max_width=pause.w - 8, max_height=pause.h)
    canvas.hits.append(Hit(pause, act.PAUSE))
