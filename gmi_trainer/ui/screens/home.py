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
    # Each line goes under the one above it, by its drawn height, so a larger text size
    # moves what follows down instead of over it.
    bottom = canvas.bottom_hint(_("Left/Right arrows choose, Enter confirms, or click."))
    therapist_hint = canvas.spoken_hint(canvas.keys_for(act.THERAPIST)[:1])
    therapist = pygame.Rect(canvas.width - 300, 100, 240, 60)
    canvas.button(therapist, _("Therapist {therapist_hint}").format(therapist_hint=therapist_hint).strip(),
                  act.THERAPIST, size="small")
    # The patient's own pictures (taken with the webcam), beside the therapist's button.
    pictures_hint = canvas.spoken_hint(canvas.keys_for(act.PICTURES)[:1])
    pictures = pygame.Rect(therapist.left - 260, 100, 240, 60)
    canvas.button(pictures, _("My pictures {pictures_hint}").format(pictures_hint=pictures_hint).strip(),
                  act.PICTURES, size="small")
    y = canvas.text(_("Hello, {name}").format(name=name), (80, 96), "title", bold=True,
                    max_width=pictures.left - 100).bottom + 4
    if view.alert:
        # Flagged first: on a day with a pain alert its advice takes the place of the
        # profile lines, above everything else.
        box = pygame.Rect(80, max(y, therapist.bottom + 8), canvas.width - 160, 112)
        pygame.draw.rect(canvas.surface, theme.panel, box, border_radius=10)
        pygame.draw.rect(canvas.surface, theme.warn, box, width=3, border_radius=10)
        canvas.paragraph(view.alert, box.inflate(-28, -16), "small", theme.text)
        y = box.bottom + 12
    else:
        y = canvas.text(_("Affected side: {affected}").format(affected=view.affected), (80, y), "body", theme.muted).bottom
        y = canvas.text(_("Plan: {plan_title}, about {plan_minutes:g} minutes").format(plan_title=view.plan_title, plan_minutes=view.plan_minutes), (80, y),
                        "body", theme.muted).bottom + 14
    today = _("Today: {sessions_today} of {sessions_planned} sessions done").format(sessions_today=view.sessions_today, sessions_planned=view.sessions_planned)
    y = canvas.text(today, (80, y), "large", bold=True).bottom + 8
    for i in range(view.sessions_planned):
        center = (100 + i * 44, y + 16)
        done = i < view.sessions_today
        pygame.draw.circle(canvas.surface, theme.good if done else theme.button, center, 16)
    not_counted = "; ".join(part for part in (
        _("{incomplete_today} cut off before the end (saved)").format(incomplete_today=view.incomplete_today) if view.incomplete_today else "",
        _("{not_counted_today} too short to count (saved)").format(not_counted_today=view.not_counted_today) if view.not_counted_today else "")
        if part)
    if not_counted:  # beside the dots it counts
        canvas.text(not_counted, (100 + view.sessions_planned * 44, y + 16), "small", theme.warn,
                    anchor="midleft", max_width=canvas.width - 140 - view.sessions_planned * 44,
                    max_height=40)
    y += 44
    if view.stage:
        y = canvas.text(view.stage, (80, y), "small", theme.accent, bold=True).bottom + 2
        y = canvas.paragraph(view.stage_reason, pygame.Rect(80, y, canvas.width - 160, 34),
                             "small", theme.text, grow=True)
    # What is left under the buttons: a message and record warnings, in that order.
    notes = [(_("Note: ") + w, theme.warn) for w in view.warnings[:2]]
    if len(view.warnings) > 2:
        more = len(view.warnings) - 2
        notes.append((ngettext("... and {count} more damaged record skipped.",
                               "... and {count} more damaged records skipped.", more).format(count=more),
                      theme.warn))
    top = y + 16
    below = (92 if view.message else 0) + len(notes) * canvas.line_h("small") * 2
    height = max(72, min(120, bottom - 12 - below - top))
    labels = {"start": _("Start anyway") if view.alert else _("Start session"),
              "progress": _("Progress"), "quit": _("Quit")}
    width = min(350, (canvas.width - 160 - 2 * 30) // max(1, len(view.options)))
    for i, option in enumerate(view.options):
        rect = pygame.Rect(80 + i * (width + 30), top, width, height)
        canvas.button(rect, labels.get(option.id, option.label), act.SELECT, option.id,
                      hint=f"({option.hint})" if option.hint else "", focused=i == view.focus,
                      enabled=option.enabled, primary=option.id == "start" and i == view.focus)
    y = top + height + 16
    if view.message:
        box = pygame.Rect(80, y, canvas.width - 160, min(80, bottom - 8 - y))
        pygame.draw.rect(canvas.surface, theme.panel, box, border_radius=10)
        pygame.draw.rect(canvas.surface, theme.bad, box, width=3, border_radius=10)
        canvas.paragraph(view.message, box.inflate(-30, -20), "small", theme.text)
        y += box.h + 12
    for note, color in notes:
        room = bottom - 4 - y
        if room < canvas.line_h("small") // 2:
            break  # at the largest text size: the progress screen lists them all
        y = canvas.paragraph(note, pygame.Rect(80, y, canvas.width - 160, room), "small", color)
