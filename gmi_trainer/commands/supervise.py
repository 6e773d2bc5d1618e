"""`gmi-trainer supervise --patient ID`: the therapist's panel, in its own window beside the
patient's (or on a second screen)."""

from __future__ import annotations

import argparse

# The smallest canvas the panel is laid out for: a tall, narrow window. Larger than the
# compact window itself, so its text is set smaller than the patient's (the therapist sits
# at the keyboard; the patient reads at arm's length).
PANEL_CANVAS = (600, 900)

from gmi_trainer.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("supervise", help=_("a therapist's panel beside a running "
                                   "supervised session: live figures, pause, skip, notes"))
    parser.add_argument("--patient", required=True)
    parser.add_argument("--data-dir")
    parser.add_argument("--windowed", action="store_true", default=True, help=argparse.SUPPRESS)
    parser.set_defaults(handler=_supervise)


def _supervise(args: argparse.Namespace) -> int:
    from gmi_trainer.app.desktop import desktop_layout
    from gmi_trainer.app.loop import run
    from gmi_trainer.app.root import paths_from
    from gmi_trainer.app.therapist_control import send
    from gmi_trainer.clock import MonotonicClock
    from gmi_trainer.commands.patient_arg import patient_arg
    from gmi_trainer.records.live import LiveReader
    from gmi_trainer.supervise.panel import PANEL_KEYS, PANEL_TITLE, SupervisorPanel
    from gmi_trainer.supervise.placement import place_panel
    from gmi_trainer.ui.keymap import KeyMap
    from gmi_trainer.ui.window import PygameUI

    patient = patient_arg(args)
    if patient is None:
        return 2
    reader = LiveReader(paths_from(args).data_dir, patient)

    def command(name: str, text: str) -> None:
        if reader.folder is None or reader.ended:
            raise OSError(_("no session is running"))
        send(reader.folder, name, text)

    screens, patient_window = desktop_layout("GMI Trainer")
    placement = place_panel(screens, patient_window)
    print(placement.reason)
    clock = MonotonicClock()
    ui = PygameUI(clock, KeyMap(PANEL_KEYS), windowed=True, caption=PANEL_TITLE,
                  window_px=placement.size, window_pos=placement.position,
                  min_canvas=PANEL_CANVAS)
    try:
        run(SupervisorPanel(patient, reader.read, command), ui, ui, clock)
    finally:
        ui.close()
    return 0
