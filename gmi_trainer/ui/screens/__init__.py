"""One drawing function per view; `draw_screen` picks it."""

from __future__ import annotations

from typing import Any, Callable

import pygame

from gmi_trainer.core import views
from gmi_trainer.ui.screens.bar import draw_bar
from gmi_trainer.core.capture import CaptureView
from gmi_trainer.ui.screens.capture import draw_capture
from gmi_trainer.ui.screens.checklist import draw_checklist
from gmi_trainer.ui.screens.choice import draw_choice
from gmi_trainer.ui.screens.home import draw_home
from gmi_trainer.ui.screens.imagery import draw_imagery
from gmi_trainer.ui.screens.imagery_pain import draw_imagery_pain
from gmi_trainer.ui.screens.imagery_summary import draw_imagery_summary
from gmi_trainer.ui.screens.instruction import draw_instruction
from gmi_trainer.ui.screens.laterality import draw_laterality
from gmi_trainer.ui.screens.laterality_summary import draw_laterality_summary
from gmi_trainer.core.mirror import CameraProblemView, MirrorView
from gmi_trainer.ui.screens.mirror import draw_camera_problem, draw_mirror, picture_surface
from gmi_trainer.core.therapist import FormView
from gmi_trainer.supervise.panel import SupervisorView
from gmi_trainer.ui.screens.form import draw_form
from gmi_trainer.ui.screens.note import draw_note
from gmi_trainer.ui.screens.supervisor import draw_supervisor
from gmi_trainer.ui.screens.pain import draw_pain
from gmi_trainer.ui.screens.paused import draw_paused
from gmi_trainer.ui.screens.progress import draw_progress
from gmi_trainer.ui.screens.safety import draw_safety
from gmi_trainer.ui.screens.summary import draw_summary
from gmi_trainer.ui.widgets import Canvas

PictureLoader = Callable[[str, int, int], "pygame.Surface | None"]


def draw_screen(canvas: Canvas, screen: views.Screen, picture: PictureLoader,
                cursor_on: bool = True, live: Any = None) -> None:
    """`live` is the newest composed mirror frame (or None), for the mirror screen."""
    canvas.surface.fill(canvas.theme.background)
    view = screen.view
    paused = view if isinstance(view, views.PausedView) else None
    if paused is not None:
        view = paused.under
    _draw_view(canvas, view, picture, cursor_on, live)
    if not isinstance(view, SupervisorView):  # the therapist's panel has its own buttons
        status = "gmi-trainer" if screen.bar is None else ""
        typing = isinstance(view, views.NoteView) or bool(getattr(view, "text_entry", False))
        draw_bar(canvas, screen.bar, status, screen.pause_label, typing)
    if paused is not None:
        draw_paused(canvas, paused)


def _draw_view(canvas: Canvas, view: object, picture: PictureLoader, cursor_on: bool,
               live: Any) -> None:
    if isinstance(view, SupervisorView):
        draw_supervisor(canvas, view)
    elif isinstance(view, FormView):
        draw_form(canvas, view)
    elif isinstance(view, MirrorView):
        line = getattr(live, "line", None)
        draw_mirror(canvas, view, picture_surface(live), getattr(line, "notice", None) or "")
    elif isinstance(view, CaptureView):
        draw_capture(canvas, view, picture_surface(live), picture)
    elif isinstance(view, CameraProblemView):
        draw_camera_problem(canvas, view)
    elif isinstance(view, views.HomeView):
        draw_home(canvas, view)
    elif isinstance(view, views.ChoiceView):
        draw_choice(canvas, view)
    elif isinstance(view, views.PainView):
        draw_pain(canvas, view)
    elif isinstance(view, views.InstructionView):
        draw_instruction(canvas, view)
    elif isinstance(view, views.LateralityView):
        draw_laterality(canvas, view, picture)
    elif isinstance(view, views.LateralitySummaryView):
        draw_laterality_summary(canvas, view)
    elif isinstance(view, views.ImageryView):
        draw_imagery(canvas, view, picture)
    elif isinstance(view, views.ImageryPainView):
        draw_imagery_pain(canvas, view, picture)
    elif isinstance(view, views.ImagerySummaryView):
        draw_imagery_summary(canvas, view)
    elif isinstance(view, views.NoteView):
        draw_note(canvas, view, cursor_on)
    elif isinstance(view, views.ChecklistView):
        draw_checklist(canvas, view)
    elif isinstance(view, views.SafetyView):
        draw_safety(canvas, view)
    elif isinstance(view, views.SummaryView):
        draw_summary(canvas, view)
    elif isinstance(view, views.ProgressView):
        draw_progress(canvas, view)
    else:
        raise TypeError(f"no screen draws {type(view).__name__}")
