"""A keyboard in a process of its own, for `bench rt --display x11`.

Run as `python -m gmi_trainer.bench.xtest_keys DISPLAY WINDOW_ID`. It reads lines
`AT_S KEY` (AT_S on time.perf_counter, which on Linux is CLOCK_MONOTONIC and so shared with
the program being measured), sleeps until AT_S, presses KEY through XTest and answers
`SENT_S DONE_S`: the clock just before the press was sent and just after the server had
taken it (a round trip). A process of its own, because a thread in the measured program
would wait for Python's interpreter lock and make its own presses late.
"""

from __future__ import annotations

import sys
import time

from Xlib import X, XK
from Xlib import display as xdisplay
from Xlib.ext import xtest

RELEASE_AFTER_S = 0.04


def main(argv: list[str]) -> int:
    name, window_id = argv[0], int(argv[1])
    x = xdisplay.Display(name)
    x.set_input_focus(window_id, X.RevertToParent, X.CurrentTime)
    x.sync()
    codes: dict[str, int] = {}
    print(f"ready {time.perf_counter():.9f}", flush=True)
    for line in sys.stdin:
        at_text, key = line.split()
        code = codes.setdefault(key, x.keysym_to_keycode(XK.string_to_keysym(key)))
        wait_s = float(at_text) - time.perf_counter()
        if wait_s > 0:
            time.sleep(wait_s)
        sent_s = time.perf_counter()
        xtest.fake_input(x, X.KeyPress, code)
        x.sync()
        done_s = time.perf_counter()
        print(f"{sent_s:.9f} {done_s:.9f}", flush=True)
        time.sleep(RELEASE_AFTER_S)
        xtest.fake_input(x, X.KeyRelease, code)
        x.sync()
    x.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
