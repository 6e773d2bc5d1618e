"""Reminders for the several short sessions a day: the operating system's own scheduler runs
`gmi-trainer remind notify` at the chosen times, and that sends one desktop notification
saying how many sessions are left today. Nothing stays running in between, and the
notification opens nothing by itself: the patient starts the trainer when ready.

Schedulers, one per platform: a systemd user timer (Linux with a systemd user session) or
a crontab entry (other Linux and BSD), Task Scheduler through `schtasks` (Windows), a launchd
agent (macOS). Each writes, reads back and removes only its own entries, tagged with the
patient's id, so a patient's reminders can be changed without touching anything else.
External programs are called through `run`, so a test can watch exactly what would run."""

from __future__ import annotations

import os
import plistlib
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Protocol, Sequence

from gmi_trainer.app.status import PatientStatus
from gmi_trainer.i18n import _, ngettext

TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
MAX_TIMES = 24
APP_NAME = "GMI Trainer"

Run = Callable[..., subprocess.CompletedProcess]


class ReminderError(Exception):
    """Reminders cannot be set up or read; the message says why and what to do."""


def parse_times(text: str) -> tuple[str, ...]:
    """'9:00,13:00, 17:30' -> ('09:00', '13:00', '17:30'): sorted, each once."""
    times = set()
    for part in text.split(","):
        match = TIME.match(part.strip())
        if not match:
            raise ReminderError(_("--times: '{time}' is not a time of day; write times as "
                                  "HH:MM separated by commas, e.g. 09:00,13:00,17:00").format(
                time=part.strip()))
        times.add(f"{int(match.group(1)):02d}:{match.group(2)}")
    if not times or len(times) > MAX_TIMES:
        raise ReminderError(_("--times: give 1 to {most} times of day").format(most=MAX_TIMES))
    return tuple(sorted(times))


def notify_command(patient: str, data_dir: Path) -> list[str]:
    """What the scheduler runs: this Python and this program, with absolute paths."""
    return [sys.executable, "-m", "gmi_trainer", "remind", "notify", "--patient", patient,
            "--data-dir", str(data_dir.expanduser().resolve())]


def reminder_text(status: PatientStatus) -> tuple[str, str] | None:
    """The notification's title and text, or None when there is nothing to remind of: every
    session done, or a pain alert today (the advice was to rest, not to practise)."""
    if status.pain_alerts_today:
        return None
    left = status.left_today
    if left <= 0:
        return None
    done = status.today_counted
    title = (ngettext("{left} short session left today", "{left} short sessions left today", left)
             if done else ngettext("{left} short session planned today",
                                   "{left} short sessions planned today", left)).format(left=left)
    return title, _("{done} of {planned} done so far. Open GMI Trainer when "
                    "you are ready; a few minutes is enough to start.").format(
                        done=done, planned=status.sessions_per_day)


def send_notification(title: str, message: str) -> None:
    """One desktop notification through the platform's notification service (desktop-notifier:
    D-Bus on Linux, the Notification Center on macOS, toast notifications on Windows). No
    action or callback is attached, so clicking it opens nothing."""
    try:
        from desktop_notifier import DesktopNotifierSync, Urgency
    except ImportError as error:
        raise ReminderError(_("the notification library is not installed ({error}); "
                              "reinstall gmi-trainer").format(error=error)) from None
    try:
        DesktopNotifierSync(app_name=APP_NAME).send(title, message, urgency=Urgency.Normal,
                                                   timeout=60)
    except Exception as error:  # noqa: BLE001 - any failure of the desktop service is reported
        raise ReminderError(_("the desktop's notification service did not answer ({error})")
                            .format(error=error)) from None


# -- schedulers ---------------------------------------------------------------------------------
class Scheduler(Protocol):
    name: str

    def install(self, patient: str, times: Sequence[str], command: Sequence[str]) -> list[str]:
        """Schedule `command` daily at `times`; what was written, one line each."""
        ...

    def status(self, patient: str) -> tuple[str, ...]:
        """The times scheduled for the patient, read back from the scheduler (() if none)."""
        ...

    def remove(self, patient: str) -> bool:
        """Remove the patient's reminders; whether there were any."""
        ...


def _run(args: Sequence[str], **kwargs: object) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), capture_output=True, text=True, timeout=30, **kwargs)


@dataclass
class SystemdUserTimer:
    """A `.timer` and a `.service` unit in the user's systemd folder, enabled and started."""

    config_home: Path  # $XDG_CONFIG_HOME or ~/.config
    run: Run = _run
    name: str = "systemd user timer"

    def unit(self, patient: str) -> str:
        return f"gmi-trainer-reminder-{patient}"

    @property
    def folder(self) -> Path:
        return self.config_home / "systemd" / "user"

    def install(self, patient: str, times: Sequence[str], command: Sequence[str]) -> list[str]:
        unit = self.unit(patient)
        self.folder.mkdir(parents=True, exist_ok=True)
        service = self.folder / f"{unit}.service"
        timer = self.folder / f"{unit}.timer"
        service.write_text(
            "[Unit]\nDescription=GMI Trainer reminder for " + patient + "\n\n"
            "[Service]\nType=oneshot\nExecStart=" + " ".join(_systemd_quote(a) for a in command)
            + "\n", encoding="utf-8")
        timer.write_text(
            "[Unit]\nDescription=GMI Trainer reminders for " + patient + "\n\n[Timer]\n"
            + "".join(f"OnCalendar=*-*-* {t}:00\n" for t in times)
            + "Persistent=false\n\n[Install]\nWantedBy=timers.target\n", encoding="utf-8")
        try:
            self._systemctl("daemon-reload")
            self._systemctl("enable", "--now", f"{unit}.timer")
        except ReminderError:
            # Not left half-installed: files that no timer runs would read back as scheduled.
            service.unlink(missing_ok=True)
            timer.unlink(missing_ok=True)
            raise
        return [str(service), str(timer)]

    def status(self, patient: str) -> tuple[str, ...]:
        timer = self.folder / f"{self.unit(patient)}.timer"
        if not timer.is_file():
            return ()
        found = re.findall(r"^OnCalendar=\*-\*-\* (\d\d:\d\d):00$", timer.read_text(), re.M)
        return tuple(sorted(found))

    def remove(self, patient: str) -> bool:
        unit = self.unit(patient)
        files = [self.folder / f"{unit}.timer", self.folder / f"{unit}.service"]
        if not any(f.exists() for f in files):
            return False
        self._systemctl("disable", "--now", f"{unit}.timer", check=False)
        for file in files:
            file.unlink(missing_ok=True)
        self._systemctl("daemon-reload", check=False)
        return True

    def _systemctl(self, *args: str, check: bool = True) -> None:
        result = self.run(["systemctl", "--user", *args])
        if check and result.returncode != 0:
            raise ReminderError(f"'systemctl --user {' '.join(args)}' failed: "
                                f"{(result.stderr or result.stdout).strip()}")


def _systemd_quote(arg: str) -> str:
    """A word for ExecStart=: quoted when it holds spaces, with %, \\ and " escaped."""
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return f'"{escaped}"' if re.search(r"\s", arg) or escaped != arg else arg


@dataclass
class CronTable:
    """Lines in the user's crontab, each tagged with the patient's id."""

    environ: Mapping[str, str]  # for the session bus address the jobs need
    crontab: str = "crontab"  # the program; a test hands in a stand-in
    run: Run = _run
    name: str = "cron"

    def tag(self, patient: str) -> str:
        return f"# gmi-trainer-reminder {patient}"

    def install(self, patient: str, times: Sequence[str], command: Sequence[str]) -> list[str]:
        kept = [line for line in self._read() if not line.endswith(self.tag(patient))]
        # cron starts jobs with an almost empty environment: name the user's session bus so
        # the notification reaches the desktop.
        bus = self.environ.get("DBUS_SESSION_BUS_ADDRESS") or f"unix:path=/run/user/{os.getuid()}/bus"
        line = " ".join(shlex.quote(a) for a in ["env", f"DBUS_SESSION_BUS_ADDRESS={bus}",
                                                 *command])
        added = []
        for time in times:
            hour, minute = time.split(":")
            added.append(f"{int(minute)} {int(hour)} * * * {line} {self.tag(patient)}")
        self._write(kept + added)
        return added

    def status(self, patient: str) -> tuple[str, ...]:
        found = []
        for line in self._read():
            if line.endswith(self.tag(patient)):
                minute, hour = line.split()[:2]
                found.append(f"{int(hour):02d}:{int(minute):02d}")
        return tuple(sorted(found))

    def remove(self, patient: str) -> bool:
        lines = self._read()
        kept = [line for line in lines if not line.endswith(self.tag(patient))]
        if len(kept) == len(lines):
            return False
        self._write(kept)
        return True

    def _read(self) -> list[str]:
        result = self.run([self.crontab, "-l"])
        if result.returncode != 0:
            if "no crontab" in (result.stderr or "").lower():
                return []
            raise ReminderError(f"'{self.crontab} -l' failed: {result.stderr.strip()}")
        return [line for line in result.stdout.splitlines() if line.strip()]

    def _write(self, lines: list[str]) -> None:
        result = self.run([self.crontab, "-"], input="".join(f"{line}\n" for line in lines))
        if result.returncode != 0:
            raise ReminderError(f"'{self.crontab} -' failed: {result.stderr.strip()}")


@dataclass
class WindowsTasks:
    """One daily Task Scheduler task per time, through schtasks."""

    run: Run = _run
    name: str = "Task Scheduler"

    def task(self, patient: str, time: str) -> str:
        return f"GMI Trainer reminder {patient} {time.replace(':', '')}"

    def install(self, patient: str, times: Sequence[str], command: Sequence[str]) -> list[str]:
        self.remove(patient)
        line = subprocess.list2cmdline(list(command))
        made = []
        for time in times:
            name = self.task(patient, time)
            self._check(self.run(["schtasks", "/Create", "/TN", name, "/TR", line, "/SC", "DAILY",
                                  "/ST", time, "/F"]), "create")
            made.append(name)
        return made

    def status(self, patient: str) -> tuple[str, ...]:
        result = self.run(["schtasks", "/Query", "/FO", "CSV", "/NH"])
        self._check(result, "list")
        prefix = f"GMI Trainer reminder {patient} "
        found = re.findall(r'"\\?' + re.escape(prefix) + r'(\d{4})"', result.stdout)
        return tuple(sorted(f"{t[:2]}:{t[2:]}" for t in set(found)))

    def remove(self, patient: str) -> bool:
        times = self.status(patient)
        for time in times:
            self.run(["schtasks", "/Delete", "/TN", self.task(patient, time), "/F"])
        return bool(times)

    @staticmethod
    def _check(result: subprocess.CompletedProcess, what: str) -> None:
        if result.returncode != 0:
            raise ReminderError(f"schtasks could not {what} the task: "
                                f"{(result.stderr or result.stdout).strip()}")


@dataclass
class LaunchAgent:
    """A launchd agent in ~/Library/LaunchAgents with one calendar interval per time."""

    home: Path
    run: Run = _run
    name: str = "launchd"

    def plist(self, patient: str) -> Path:
        return self.home / "Library" / "LaunchAgents" / f"org.gmi-trainer.reminder.{patient}.plist"

    def install(self, patient: str, times: Sequence[str], command: Sequence[str]) -> list[str]:
        path = self.plist(patient)
        if path.exists():
            self.remove(patient)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            plistlib.dump({"Label": f"org.gmi-trainer.reminder.{patient}",
                           "ProgramArguments": list(command),
                           "StartCalendarInterval": [
                               {"Hour": int(t[:2]), "Minute": int(t[3:])} for t in times]},
                          handle)
        result = self.run(["launchctl", "load", "-w", str(path)])
        if result.returncode != 0:
            raise ReminderError(f"launchctl could not load {path}: {result.stderr.strip()}")
        return [str(path)]

    def status(self, patient: str) -> tuple[str, ...]:
        path = self.plist(patient)
        if not path.is_file():
            return ()
        with open(path, "rb") as handle:
            data = plistlib.load(handle)
        return tuple(sorted(f"{i['Hour']:02d}:{i['Minute']:02d}"
                            for i in data.get("StartCalendarInterval", [])))

    def remove(self, patient: str) -> bool:
        path = self.plist(patient)
        if not path.exists():
            return False
        self.run(["launchctl", "unload", "-w", str(path)])
        path.unlink()
        return True


SCHEDULERS = ("auto", "systemd", "cron", "schtasks", "launchd")


def choose_scheduler(choice: str, environ: Mapping[str, str], run: Run = _run,
                     platform: str = sys.platform) -> Scheduler:
    """The scheduler named, or for "auto" the platform's own: on Linux a systemd user timer
    when a systemd user session answers, otherwise cron."""
    home = Path(environ.get("HOME") or Path.home())
    config_home = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    if choice == "auto":
        if platform.startswith("win"):
            choice = "schtasks"
        elif platform == "darwin":
            choice = "launchd"
        elif shutil.which("systemctl") and run(["systemctl", "--user", "show-environment"]).returncode == 0:
            choice = "systemd"
        elif shutil.which("crontab"):
            choice = "cron"
        else:
            raise ReminderError(_("neither a systemd user session nor cron (crontab) was found; "
                                  "install cron, or start the trainer by hand at the times you want"))
    if choice == "systemd":
        return SystemdUserTimer(config_home, run)
    if choice == "cron":
        return CronTable(environ, run=run)
    if choice == "schtasks":
        return WindowsTasks(run)
    return LaunchAgent(home, run)
