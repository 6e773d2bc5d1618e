"""A higher scheduling priority for the loop while left/right pictures are timed.

Why: on a busy computer the operating system may run something else when a key arrives,
and the key is then read (and stamped) late by however long that takes. Measured through
Xvfb on a 2-core machine with four other programs busy (`gmi-trainer bench rt --display
x11`): at normal priority the recorded time was up to 4-5 ms after the press (p95 1.7-4 ms),
and a planned 200 ms interval ran up to 32 ms long; with the loop's thread at the lowest
real-time priority, p95 0.6 ms and max 0.6 ms, intervals p95 2.8 ms.

What is tried, in order, and only for the thread that reads input and draws (the camera and
tracking threads keep their priority):
- Linux: real-time round-robin at priority 1 (the lowest real-time level, above every
  ordinary program). Allowed for root, for programs given CAP_SYS_NICE, and for users whose
  `ulimit -r` (RLIMIT_RTPRIO) is at least 1 (for example a line `@gmi - rtprio 1` in
  /etc/security/limits.d/). The loop sleeps between polls, so it never holds a processor,
  and Linux keeps 5% of each second for ordinary programs whatever runs at real-time.
- Else a lower nice value (-10), where RLIMIT_NICE or privileges allow it.
- Windows: the process's HIGH_PRIORITY_CLASS, which any user may set.
- Otherwise nothing changes. The session's manifest says what was obtained (`priority`), so
  a researcher knows which response times came from which.
The old priority comes back as soon as no picture is timed.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Callable

RAISED_NICE = -10


class TimedPriority:
    """Raise while timing, restore after; `obtained` says what the last raise got:
    "realtime", "nice", "high" (Windows), "normal" (nothing was allowed) or "off"."""

    def __init__(self, enabled: bool = True, system: Any = os,
                 windows: Callable[[bool], bool] | None = None) -> None:
        """`system`: the os module or a stand-in for tests; `windows`: sets or clears the
        Windows priority class and says whether it could (None: the real one on Windows)."""
        self.enabled = enabled
        self.system = system
        self.windows = windows if windows is not None else (
            _windows_priority if sys.platform == "win32" else None)
        self.obtained = "off" if not enabled else "not yet timed"
        self._undo: Callable[[], None] | None = None

    @property
    def raised(self) -> bool:
        return self._undo is not None

    def raise_for_timing(self) -> None:
        if not self.enabled or self._undo is not None:
            return
        self.obtained, self._undo = self._raise()

    def probe(self) -> str:
        """What raising would obtain (raised and restored at once), for the manifest
        written before the first picture."""
        if not self.raised:
            self.raise_for_timing()
            self.restore()
        return self.obtained

    def restore(self) -> None:
        if self._undo is not None:
            undo, self._undo = self._undo, None
            try:
                undo()
            except OSError:
                pass  # the thread keeps the raised priority until the program ends

    def _raise(self) -> tuple[str, Callable[[], None] | None]:
        system = self.system
        if hasattr(system, "sched_setscheduler") and hasattr(system, "SCHED_RR"):
            try:
                old_policy = system.sched_getscheduler(0)
                old_param = system.sched_getparam(0)
                system.sched_setscheduler(0, system.SCHED_RR, system.sched_param(1))
                return "realtime", lambda: system.sched_setscheduler(0, old_policy, old_param)
            except OSError:
                pass
        if hasattr(system, "setpriority") and hasattr(system, "PRIO_PROCESS"):
            try:
                old_nice = system.getpriority(system.PRIO_PROCESS, 0)
                if old_nice > RAISED_NICE:
                    system.setpriority(system.PRIO_PROCESS, 0, RAISED_NICE)
                    return "nice", lambda: system.setpriority(system.PRIO_PROCESS, 0, old_nice)
            except OSError:
                pass
        if self.windows is not None and self.windows(True):
            windows = self.windows
            return "high", lambda: windows(False)
        return "normal", None


def _windows_priority(high: bool) -> bool:
    """Set the process's priority class to HIGH (True) or back to NORMAL (False)."""
    import ctypes

    high_priority_class, normal_priority_class = 0x80, 0x20
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    process = kernel32.GetCurrentProcess()
    return bool(kernel32.SetPriorityClass(process, high_priority_class if high
                                          else normal_priority_class))
