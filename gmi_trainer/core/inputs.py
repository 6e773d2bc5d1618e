"""What the patient meant, already separated from which key, button or pedal said it.

The key map at the edge (`ui/keymap.py`) decides which key means what; a typed letter reaches
the core as TEXT only where a screen takes typing, never as a command."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LEFT = "left"
RIGHT = "right"
UP = "up"
DOWN = "down"
CONFIRM = "confirm"
PAUSE = "pause"
BACK = "back"
SELECT = "select"  # value: the id of a clicked option, or a number typed as a digit
TEXT = "text"  # value: typed characters
KEY = "key"  # value: the name of a key pressed while the screen is learning a new key
QUIT = "quit"  # the window was closed
# Shortcuts, each a key in the profile's key map that only some screens listen for:
START = "start"  # home: start a session
PROGRESS = "progress"  # home: open the progress screen
EXIT = "exit"  # home: leave the program
THERAPIST = "therapist"  # home: open therapist mode
PICTURES = "pictures"  # home: take (or delete) pictures of the patient's own hand
END = "end"  # pause box: end the session (or leave progress, or the program)
SKIP = "skip"  # imagery: skip this picture or its pain question; panel: skip the block
NOTE = "note"  # the therapist's panel: open a note
# Facts from the mirror runtime (app/mirror_runtime.py), delivered like any other input:
CAMERA = "camera"  # value: CameraFact
REPETITION = "repetition"  # value: dict with number, range_of_motion, unit, start_s, end_s
IN_STEP = "in_step"  # value: percent (0-100) how in step both sides moved lately, or None
# From the therapist's panel in a supervised session:
SKIP_BLOCK = "skip_block"
THERAPIST_NOTE = "therapist_note"  # value: the note's text


@dataclass(frozen=True)
class Input:
    action: str
    t_s: float  # on the shared monotonic clock, taken when the input was polled
    value: Any = None
    device: str = "key"  # "key", "mouse", "button" (on-screen), "autopilot"
