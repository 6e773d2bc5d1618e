"""The therapist's panel: live figures of the running session and three actions."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.i18n import _, ngettext
from gmi_trainer.supervise.panel import SupervisorView
from gmi_trainer.ui.widgets import Canvas


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _secs(value_ms: float | None) -> str:
    return "-" if value_ms is None else f"{value_ms / 1000:.2f} s"


def draw_supervisor(canvas: Canvas, view: SupervisorView) -> None:
    theme = canvas.theme
    canvas.text(_("Supervising {patient}").format(patient=view.patient), (60, 96), "title", bold=True)
    f = view.figures
    # Flagged sessions first: this session's pain alert, else the last week's.
    recent = f.get("recent_alerts") or []
    if f.get("pain_alert"):
        alert = _("PAIN ALERT, this session: stop advised ({value}).").format(value='; '.join(f['pain_alert'])) + (
            ngettext(" {recent} alert in the last 7 days.", " {recent} alerts in the last 7 days.", len(recent)).format(recent=len(recent)) if recent else "")
    elif recent:
        alert = _("Pain alerts in the last 7 days: {recent}. Latest: {value}").format(recent=len(recent), value=recent[0])
    else:
        alert = ""
    shift = 36 if alert else 0  # the alert line goes first; the figures move down for it
    if alert:
        canvas.text(alert, (60, 168), "small", theme.warn, bold=True,
                    max_width=canvas.width - 120)
    if not view.session:
        canvas.paragraph(_("No session is running for this patient. Start one on the patient's "
                         "screen; this panel finds it within half a second."),
                         pygame.Rect(60, 180 + shift, canvas.width - 120, 120), "body", theme.muted)
    else:
        state = "ended" if f.get("ended") else "PAUSED" if f.get("paused") else "running"
        canvas.text(_("Session {session}: {state}. Now: {value}").format(session=view.session, state=state, value=f.get('current')), (60, 170 + shift),
                    "body", theme.warn if f.get("paused") else theme.text, max_width=1160)
        rows = [
            (_("Pain before"), "-" if f.get("pain_before") is None else str(f["pain_before"])),
            (_("Left/right pictures"), _("{value} (+{value2} practice), "
                                    "{value3} too slow").format(value=f['laterality_trials'], value2=f['practice_trials'], value3=f['timeouts'])),
            (_("All pictures"), _("{value} correct, median {value2}").format(value=_pct(f['accuracy']), value2=_secs(f['median_rt_ms']))),
            (_("Left pictures"), _("{value} correct, median "
                              "{value2}").format(value=_pct(f['left']['accuracy']), value2=_secs(f['left']['median_rt_ms']))),
            (_("Right pictures"), _("{value} correct, median "
                               "{value2}").format(value=_pct(f['right']['accuracy']), value2=_secs(f['right']['median_rt_ms']))),
            (_("Imagined movement"), _("{value} pictures, median "
                                  "{value2} per movement").format(value=f['imagery_pictures'], value2=_secs(f['imagery_median_ms']))),
            (_("Mirror"), _("{value} exercises, {value2} "
                       "repetitions counted").format(value=f['mirror_exercises'], value2=f['mirror_repetitions'])),
        ]
        for i, (label, value) in enumerate(rows):
            canvas.text(label, (60, 220 + shift + i * 44), "body", theme.muted)
            canvas.text(value, (400, 220 + shift + i * 44), "body", max_width=820)
        if f.get("notes"):
            canvas.text("Notes: " + " | ".join(f["notes"]), (60, 530 + shift // 2), "small", theme.muted,
                        max_width=1160)
    if view.mode == "note":
        box = pygame.Rect(60, 560, canvas.width - 120, 90)
        pygame.draw.rect(canvas.surface, theme.panel, box, border_radius=10)
        pygame.draw.rect(canvas.surface, theme.accent, box, width=3, border_radius=10)
        canvas.paragraph(view.note + "|", box.inflate(-30, -24), "body")
        canvas.text(_("Type the note; Enter saves it in the record, Esc closes it."), (60, 662),
                    "small", theme.muted)
    elif view.mode == "confirm_skip":
        canvas.text(_("Skip the block on the patient's screen? Enter: yes. Any other key: no."),
                    (60, 600), "body", theme.warn, max_width=1160)
    buttons = ((act.PAUSE, _("Pause / resume")), (act.SKIP, _("Skip this block")),
               (act.NOTE, _("Add a note")))
    for i, (value, label) in enumerate(buttons):
        canvas.button(pygame.Rect(60 + i * 400, 690, 360, 90), label, act.SELECT, value,
                      hint=canvas.spoken_hint(_letter_first(canvas.keys_for(value))[:1]),
                      enabled=bool(view.session), size="body")
    if view.message:
        canvas.text(view.message, (canvas.width - 60, 96), "small", theme.good, anchor="topright")


def _letter_first(names: tuple[str, ...]) -> tuple[str, ...]:
    """A letter key first: beside a button, P says more than Space (pause has both)."""
    return tuple(sorted(names, key=lambda n: not (len(n) == 1 and n.isalpha())))
