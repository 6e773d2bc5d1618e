"""The therapist's panel: live figures of the running session, its notes, and four buttons.

Laid out from the canvas's own size: the panel opens as a compact, tall window beside the
patient's (a canvas about 700 wide), or larger on a second screen; the figures take a
label column and a value column, the notes get the room left, and the buttons sit in two
rows when the canvas is narrow, so none is cut off."""

from __future__ import annotations

import pygame

from gmi_trainer.i18n import _, format_percent, ngettext
from gmi_trainer.core import inputs as act
from gmi_trainer.supervise.panel import SupervisorView
from gmi_trainer.ui.widgets import Canvas, wrap

MARGIN = 28
ROW_H = 42  # one figure row, canvas pixels
BUTTON_H = 92
GAP = 12
WIDE = 1100  # from this canvas width the four buttons stand in one row


def _pct(value: float | None) -> str:
    return "-" if value is None else format_percent(value)


def _secs(value_ms: float | None) -> str:
    return "-" if value_ms is None else _("{seconds:.2f} s").format(seconds=value_ms / 1000)


def _pain(value: object) -> str:
    return "-" if value is None else str(value)


def _alert(figures: dict) -> str:
    """Flagged sessions first: this session's pain alert, else the last week's."""
    recent = figures.get("recent_alerts") or []
    if figures.get("pain_alert"):
        return _("PAIN ALERT, this session: stop advised ({value}).").format(value='; '.join(figures['pain_alert'])) + (
            ngettext(" {recent} alert in the last 7 days.", " {recent} alerts in the last 7 days.", len(recent)).format(recent=len(recent)) if recent else "")
    if recent:
        return _("Pain alerts in the last 7 days: {recent}. Latest: {value}").format(recent=len(recent), value=recent[0])
    return ""


def _rows(f: dict) -> list[tuple[str, str]]:
    return [
        (_("Pain before / after"), f"{_pain(f.get('pain_before'))} / {_pain(f.get('pain_after'))}"),
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


def draw_supervisor(canvas: Canvas, view: SupervisorView) -> None:
    theme = canvas.theme
    width = canvas.width - 2 * MARGIN
    f = view.figures
    y = MARGIN
    y = canvas.text(_("Supervising {patient}").format(patient=view.patient), (MARGIN, y), "title", bold=True,
                    max_width=width).bottom + 4
    # The last action's result, under the title (beside it, a long name would run into it).
    y = canvas.text(view.message, (MARGIN, y), "small", theme.good, max_width=width).bottom \
        if view.message else y + canvas.fonts.get("small").get_height()
    y += 8
    alert = _alert(f)
    if alert:
        y = canvas.paragraph(alert, pygame.Rect(MARGIN, y, width, 80), "small", theme.warn) + 4
    buttons_top = _draw_buttons(canvas, view)
    if not view.session:
        canvas.paragraph(_("No session is running for this patient. Start one on the patient's "
                           "screen; this panel finds it within half a second."),
                         pygame.Rect(MARGIN, y, width, max(60, buttons_top - GAP - y)), "body",
                         theme.muted)
        return
    state = _("ended") if f.get("ended") else _("PAUSED") if f.get("paused") else _("running")
    y = canvas.text(_("Session {session}: {state}").format(session=view.session, state=state), (MARGIN, y), "small",
                    theme.warn if f.get("paused") else theme.muted, max_width=width).bottom + 4
    y = canvas.paragraph(_("Now: {value}").format(value=f.get('current')), pygame.Rect(MARGIN, y, width, 96), "body",
                         theme.warn if f.get("paused") else theme.text) + 4
    label_w = min(330, width * 2 // 5)
    for label, value in _rows(f):
        canvas.text(label, (MARGIN, y), "small", theme.muted, max_width=label_w - 12,
                    max_height=ROW_H - 4)
        canvas.text(value, (MARGIN + label_w, y), "small", max_width=width - label_w,
                    max_height=ROW_H - 4)
        y += ROW_H
    bottom = buttons_top - GAP
    if view.mode == "note":
        bottom = _draw_note_box(canvas, view, y + 6, bottom)
    elif view.mode == "confirm_skip":
        bottom = canvas.text(_("Skip the block on the patient's screen? Enter: yes. Any other key: no."), (MARGIN, bottom), "small", theme.warn,
                             anchor="bottomleft", max_width=width).top - GAP
    _draw_notes(canvas, f, pygame.Rect(MARGIN, y + 6, width, bottom - y - 6))


def _draw_notes(canvas: Canvas, figures: dict, room: pygame.Rect) -> None:
    """The session's notes, the newest kept when they do not all fit (the record has them all):
    whole notes, newest last; when the room holds less than the newest, its beginning."""
    theme = canvas.theme
    notes = [f"- {n}" for n in figures.get("notes") or []]
    if figures.get("patient_note"):
        notes.append(_("- Patient's note: {note}").format(note=figures['patient_note']))
    font = canvas.fonts.get("small")
    header_h = canvas.fonts.get("small", bold=True).get_linesize() + 4
    step = font.get_linesize()
    if not notes or room.height < header_h + step:
        return
    wrapped = [wrap(note, font, room.width) for note in notes]
    room_lines = max(1, (room.height - header_h) // step)
    shown: list[str] = []
    for note_lines in reversed(wrapped):
        if len(shown) + len(note_lines) > room_lines:
            break
        shown = note_lines + shown
    if not shown:  # a note's end alone ('at the window') would not say whose or what
        shown = wrapped[-1][:room_lines]
        shown[-1] += " \u2026"
    header = _("Notes") + (_(" (the latest; {count} in the record)").format(count=len(notes))
                           if len(shown) < sum(map(len, wrapped)) else "")
    canvas.text(header, room.topleft, "small", theme.muted, bold=True, max_width=room.width)
    for i, line in enumerate(shown):
        canvas.text(line, (room.left, room.top + header_h + i * step), "small",
                    max_width=room.width, max_height=step)


def _draw_note_box(canvas: Canvas, view: SupervisorView, top: int, bottom: int) -> int:
    """The note being typed, above the buttons; returns the y above it."""
    theme = canvas.theme
    width = canvas.width - 2 * MARGIN
    hint = canvas.text(_("Type the note; Enter saves it in the record, Esc closes it."),
                       (MARGIN, bottom), "small", theme.muted, anchor="bottomleft",
                       max_width=width)
    box = pygame.Rect(MARGIN, max(top, hint.top - 6 - 110), width, min(110, hint.top - 6 - top))
    pygame.draw.rect(canvas.surface, theme.panel, box, border_radius=10)
    pygame.draw.rect(canvas.surface, theme.accent, box, width=3, border_radius=10)
    canvas.paragraph(view.note + "|", box.inflate(-24, -16), "small")
    return box.top - GAP


def _draw_buttons(canvas: Canvas, view: SupervisorView) -> int:
    """Pause, skip, note and close: one row on a wide canvas, two rows on a narrow one.
    Returns the top of the buttons."""
    buttons = ((act.PAUSE, _("Pause / resume"), view.live), (act.SKIP, _("Skip this block"), view.live),
               (act.NOTE, _("Add a note"), view.live), (act.EXIT, _("Close the panel"), True))
    per_row = 4 if canvas.width >= WIDE else 2
    rows = (len(buttons) + per_row - 1) // per_row
    width = canvas.width - 2 * MARGIN
    button_w = (width - (per_row - 1) * GAP) // per_row
    top = canvas.height - MARGIN - rows * BUTTON_H - (rows - 1) * GAP
    for i, (value, label, enabled) in enumerate(buttons):
        row, column = divmod(i, per_row)
        rect = pygame.Rect(MARGIN + column * (button_w + GAP), top + row * (BUTTON_H + GAP),
                           button_w, BUTTON_H)
        keys = _letter_first(canvas.keys_for(value))
        # Close names both its keys (Q and Esc); the others their letter.
        hint = canvas.spoken_hint(keys if value == act.EXIT else keys[:1])
        canvas.button(rect, label, act.SELECT, value, hint=hint, enabled=enabled, size="body")
    return top


def _letter_first(names: tuple[str, ...]) -> tuple[str, ...]:
    """A letter key first: beside a button, P says more than Space (pause has both)."""
    return tuple(sorted(names, key=lambda n: not (len(n) == 1 and n.isalpha())))
