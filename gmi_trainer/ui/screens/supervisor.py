"""The therapist's panel: live figures of the running session and three actions."""

from __future__ import annotations

import pygame

from gmi_trainer.core import inputs as act
from gmi_trainer.supervise.panel import SupervisorView
from gmi_trainer.ui.widgets import Canvas


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _secs(value_ms: float | None) -> str:
    return "-" if value_ms is None else f"{value_ms / 1000:.2f} s"


def draw_supervisor(canvas: Canvas, view: SupervisorView) -> None:
    theme = canvas.theme
    canvas.text(f"Supervising {view.patient}", (60, 96), "title", bold=True)
    f = view.figures
    # Flagged sessions first: this session's pain alert, else the last week's.
    recent = f.get("recent_alerts") or []
    if f.get("pain_alert"):
        alert = f"PAIN ALERT, this session: stop advised ({'; '.join(f['pain_alert'])})." + (
            f" {len(recent)} alert(s) in the last 7 days." if recent else "")
    elif recent:
        alert = f"Pain alerts in the last 7 days: {len(recent)}. Latest: {recent[0]}"
    else:
        alert = ""
    shift = 36 if alert else 0  # the alert line goes first; the figures move down for it
    if alert:
        canvas.text(alert, (60, 168), "small", theme.warn, bold=True,
                    max_width=canvas.width - 120)
    if not view.session:
        canvas.paragraph("No session is running for this patient. Start one on the patient's "
                         "screen; this panel finds it within half a second.",
                         pygame.Rect(60, 180 + shift, canvas.width - 120, 120), "body", theme.muted)
    else:
        state = "ended" if f.get("ended") else "PAUSED" if f.get("paused") else "running"
        canvas.text(f"Session {view.session}: {state}. Now: {f.get('current')}", (60, 170 + shift),
                    "body", theme.warn if f.get("paused") else theme.text, max_width=1160)
        rows = [
            ("Pain before", "-" if f.get("pain_before") is None else str(f["pain_before"])),
            ("Left/right pictures", f"{f['laterality_trials']} (+{f['practice_trials']} practice), "
                                    f"{f['timeouts']} too slow"),
            ("All pictures", f"{_pct(f['accuracy'])} correct, median {_secs(f['median_rt_ms'])}"),
            ("Left pictures", f"{_pct(f['left']['accuracy'])} correct, median "
                              f"{_secs(f['left']['median_rt_ms'])}"),
            ("Right pictures", f"{_pct(f['right']['accuracy'])} correct, median "
                               f"{_secs(f['right']['median_rt_ms'])}"),
            ("Imagined movement", f"{f['imagery_pictures']} pictures, median "
                                  f"{_secs(f['imagery_median_ms'])} per movement"),
            ("Mirror", f"{f['mirror_exercises']} exercises, {f['mirror_repetitions']} "
                       "repetitions counted"),
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
        canvas.text("Type the note; Enter saves it in the record, Esc closes it.", (60, 662),
                    "small", theme.muted)
    elif view.mode == "confirm_skip":
        canvas.text("Skip the block on the patient's screen? Enter: yes. Any other key: no.",
                    (60, 600), "body", theme.warn, max_width=1160)
    buttons = ((act.PAUSE, "Pause / resume"), (act.SKIP, "Skip this block"),
               (act.NOTE, "Add a note"))
    for i, (value, label) in enumerate(buttons):
        canvas.button(pygame.Rect(60 + i * 400, 690, 360, 90), label, act.SELECT, value,
                      hint=canvas.spoken_hint(_letter_first(canvas.keys_for(value))[:1]),
                      enabled=bool(view.session), size="body")
    if view.message:
        canvas.text(view.message, (canvas.width - 60, 96), "small", theme.good, anchor="topright")


def _letter_first(names: tuple[str, ...]) -> tuple[str, ...]:
    """A letter key first: beside a button, P says more than Space (pause has both)."""
    return tuple(sorted(names, key=lambda n: not (len(n) == 1 and n.isalpha())))
