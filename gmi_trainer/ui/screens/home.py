"""Home: who is practising, which plan, today's sessions, and Start / Progress / Quit."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.core.views import HomeView
from gmi_trainer.i18n import _, ngettext
from gmi_trainer.ui.widgets import Canvas


def draw_home(canvas: Canvas, view: HomeView) -> None:
    theme = canvas.theme
    name = view.display_name or view.patient
    canvas.text(_("Hello, {name}").format(name=name), (80, 110), "title", bold=True)
    if view.alert:
        # Flagged first: on a day with a pain alert its advice takes the place of the
        # profile lines, above everything else.
        box = pygame.Rect(80, 172, canvas.width - 160, 112)
        pygame.draw.rect(canvas.surface, theme.panel, box, border_radius=10)
        pygame.draw.rect(canvas.surface, theme.warn, box, width=3, border_radius=10)
        # Clipped to its box at the largest text size; the safety screen had the whole text.
        canvas.surface.set_clip(box.inflate(-6, -6))
        canvas.paragraph(view.alert, box.inflate(-28, -16), "small", theme.text)
        canvas.surface.set_clip(None)
    else:
        canvas.text(_("Affected side: {affected}").format(affected=view.affected), (80, 190), "body", theme.muted)
        canvas.text(_("Plan: {plan_title}, about {plan_minutes:g} minutes").format(plan_title=view.plan_title, plan_minutes=view.plan_minutes), (80, 232),
                    "body", theme.muted)
    today = _("Today: {sessions_today} of {sessions_planned} sessions done").format(sessions_today=view.sessions_today, sessions_planned=view.sessions_planned)
    canvas.text(today, (80, 292), "large", bold=True)
    for i in range(view.sessions_planned):
        center = (100 + i * 44, 360)
        done = i < view.sessions_today
        pygame.draw.circle(canvas.surface, theme.good if done else theme.button, center, 16)
    not_counted = "; ".join(part for part in (
        _("{incomplete_today} cut off before the end (saved)").format(incomplete_today=view.incomplete_today) if view.incomplete_today else "",
        _("{not_counted_today} too short to count (saved)").format(not_counted_today=view.not_counted_today) if view.not_counted_today else "")
        if part)
    if not_counted and not view.stage:
        canvas.text("Today: " + not_counted + ".", (80, 392), "small", theme.warn)
    elif not_counted:  # the stage line takes that place: a shorter notice by the dots
        canvas.text(not_counted, (100 + view.sessions_planned * 44, 360), "small", theme.warn,
                    anchor="midleft", max_width=canvas.width - 140 - view.sessions_planned * 44)
    if view.stage:
        canvas.text(view.stage, (80, 388), "small", theme.accent, bold=True)
        canvas.paragraph(view.stage_reason, pygame.Rect(80, 422, canvas.width - 160, 34),
                         "small", theme.text)
    top = 474 if view.stage else 450  # the buttons move down to make room for the stage
    labels = {"start": _("Start session"), "progress": _("Progress"), "quit": _("Quit")}
    for i, option in enumerate(view.options):
        rect = pygame.Rect(80 + i * 380, top, 350, 120)
        canvas.button(rect, labels.get(option.id, option.label), act.SELECT, option.id,
                      hint=f"({option.hint})" if option.hint else "", focused=i == view.focus,
                      enabled=option.enabled, primary=option.id == "start" and i == view.focus)
    y = top + 150
    if view.message:
        box = pygame.Rect(80, y, canvas.width - 160, 80)
        pygame.draw.rect(canvas.surface, theme.panel, box, border_radius=10)
        pygame.draw.rect(canvas.surface, theme.bad, box, width=3, border_radius=10)
        canvas.paragraph(view.message, box.inflate(-30, -20), "small", theme.text)
        y += 92
    for warning in view.warnings[:2]:
        y = canvas.paragraph("Note: " + warning, pygame.Rect(80, y, canvas.width - 160, 60),
                             "small", theme.warn)
    if len(view.warnings) > 2:
        canvas.text(ngettext("... and {count} more damaged record skipped.", "... and {count} more damaged records skipped.", len(view.warnings) - 2).format(count=len(view.warnings) - 2),
                    (80, y), "small", theme.warn)
    pictures_hint = canvas.spoken_hint(canvas.keys_for(act.PICTURES)[:1])
    canvas.button(pygame.Rect(canvas.width - 560, 110, 240, 60),
                  _("My pictures {pictures_hint}").format(pictures_hint=pictures_hint).strip(), act.PICTURES, size="small")
    therapist_hint = canvas.spoken_hint(canvas.keys_for(act.THERAPIST)[:1])
    canvas.button(pygame.Rect(canvas.width - 300, 110, 240, 60),
                  _("Therapist {therapist_hint}").format(therapist_hint=therapist_hint).strip(), act.THERAPIST, size="small")
    canvas.text(_("Left/Right arrows choose, Enter confirms, or click."),
                (canvas.width // 2, 775),
                "small", theme.muted, anchor="center")
