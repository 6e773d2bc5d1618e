"""Reminders: times, the words, each scheduler's entries written and read back, and the
Linux path end to end: the command a crontab line runs, sending through a real D-Bus session
bus to a notification server that records what it was sent."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gmi_trainer.app.reminders import (
    CronTable,
    LaunchAgent,
    ReminderError,
    SystemdUserTimer,
    WindowsTasks,
    notify_command,
    parse_times,
    reminder_text,
)
from gmi_trainer.app.status import PatientStatus

PROJECT = Path(__file__).resolve().parents[1]


def _status(done: int, alerts_today: int = 0, per_day: int = 4) -> PatientStatus:
    return PatientStatus("P1", "default", "", "laterality", "Left/right judgement", "", "records",
                         per_day, done, 0, done, 28, alerts_today, alerts_today)


def test_times_are_checked_sorted_and_kept_once() -> None:
    assert parse_times("13:00, 9:00,21:30,13:00") == ("09:00", "13:00", "21:30")
    for bad in ("9", "24:00", "09:60", "", "noon"):
        with pytest.raises(ReminderError, match="HH:MM|1 to 24"):
            parse_times(bad)


def test_the_notification_says_how_many_are_left_and_keeps_quiet_after_an_alert() -> None:
    assert reminder_text(_status(1)) == (
        "3 short sessions left today",
        "1 of 4 done so far. Open GMI Trainer when you are ready; a few minutes is enough to start.")
    assert reminder_text(_status(0))[0] == "4 short sessions planned today"
    assert reminder_text(_status(3))[0] == "1 short session left today"
    assert reminder_text(_status(4)) is None  # all done
    assert reminder_text(_status(5)) is None  # more than planned: still nothing to ask
    assert reminder_text(_status(1, alerts_today=1)) is None  # the advice was to rest


class Calls:
    """Stands in for subprocess.run: records each call, answers success."""

    def __init__(self, stdout: str = "") -> None:
        self.calls: list[list[str]] = []
        self.stdout = stdout

    def __call__(self, args, **kwargs) -> subprocess.CompletedProcess:
        self.calls.append(list(args))
        return subprocess.CompletedProcess(args, 0, self.stdout, "")


def test_a_systemd_user_timer_is_written_enabled_read_back_and_removed(tmp_path: Path) -> None:
    calls = Calls()
    timer = SystemdUserTimer(tmp_path / "config", calls)
    command = notify_command("P1", tmp_path / "my data")
    written = timer.install("P1", ("09:00", "13:00"), command)
    unit = tmp_path / "config" / "systemd" / "user" / "gmi-trainer-reminder-P1"
    assert written == [f"{unit}.service", f"{unit}.timer"]
    service = Path(f"{unit}.service").read_text()
    assert f'--data-dir "{(tmp_path / "my data").resolve()}"' in service  # quoted: a space
    assert "Type=oneshot" in service and "remind notify --patient P1" in service
    assert "OnCalendar=*-*-* 09:00:00\nOnCalendar=*-*-* 13:00:00" in Path(f"{unit}.timer").read_text()
    assert calls.calls == [["systemctl", "--user", "daemon-reload"],
                           ["systemctl", "--user", "enable", "--now", "gmi-trainer-reminder-P1.timer"]]
    assert timer.status("P1") == ("09:00", "13:00") and timer.status("P2") == ()
    assert timer.remove("P1") and not Path(f"{unit}.timer").exists()
    assert timer.status("P1") == () and not timer.remove("P1")


def test_without_a_systemd_user_session_nothing_is_left_half_installed(tmp_path: Path) -> None:
    def failing(args, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.CompletedProcess(args, 1, "", "Failed to connect to bus")

    timer = SystemdUserTimer(tmp_path, failing)
    with pytest.raises(ReminderError, match="Failed to connect to bus"):
        timer.install("P1", ("09:00",), ["true"])
    assert timer.status("P1") == () and not any((tmp_path / "systemd" / "user").iterdir())


@pytest.fixture
def crontab(tmp_path: Path) -> Path:
    """A stand-in for the crontab program, keeping the table in a file as cron's would."""
    table = tmp_path / "table"
    program = tmp_path / "crontab"
    program.write_text(f"""#!/bin/sh
if [ "$1" = "-l" ]; then
  [ -f {table} ] || {{ echo "no crontab for $USER" >&2; exit 1; }}
  cat {table}
elif [ "$1" = "-" ]; then
  cat > {table}
fi
""")
    program.chmod(0o755)
    table.with_name("seed").write_text("")
    return program


def test_cron_lines_are_added_read_back_and_removed_leaving_other_lines(tmp_path: Path,
                                                                        crontab: Path) -> None:
    cron = CronTable({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus"}, str(crontab))
    assert cron.status("P1") == ()  # no crontab yet
    (tmp_path / "table").write_text("0 3 * * * backup.sh\n")
    lines = cron.install("P1", ("09:00", "17:30"), notify_command("P1", tmp_path))
    assert lines[1].startswith("30 17 * * * env "
                               "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus ")
    assert lines[1].endswith("--data-dir " + shlex.quote(str(tmp_path.resolve()))
                             + " # gmi-trainer-reminder P1")
    cron.install("P2", ("12:00",), ["true"])
    cron.install("P1", ("10:00", "17:30"), notify_command("P1", tmp_path))  # replaced, not added
    assert cron.status("P1") == ("10:00", "17:30") and cron.status("P2") == ("12:00",)
    assert cron.remove("P1") and not cron.remove("P1")
    assert (tmp_path / "table").read_text().splitlines()[0] == "0 3 * * * backup.sh"
    assert cron.status("P2") == ("12:00",)


def test_task_scheduler_and_launchd_entries(tmp_path: Path) -> None:
    calls = Calls('"\\GMI Trainer reminder P1 0900","Ready"\n"\\Other","Ready"\n')
    tasks = WindowsTasks(calls)
    assert tasks.install("P1", ("09:00",), ["C:\\Python\\python.exe", "-m", "gmi_trainer"]) == [
        "GMI Trainer reminder P1 0900"]
    create = calls.calls[-1]
    assert create[:2] == ["schtasks", "/Create"] and create[-5:] == ["/SC", "DAILY", "/ST", "09:00", "/F"]
    assert tasks.status("P1") == ("09:00",)
    agent = LaunchAgent(tmp_path, Calls())
    [plist] = agent.install("P1", ("09:00", "21:15"), ["/usr/bin/python3", "-m", "gmi_trainer"])
    assert plist.endswith("org.gmi-trainer.reminder.P1.plist")
    assert agent.status("P1") == ("09:00", "21:15")
    assert agent.remove("P1") and agent.status("P1") == ()


NOTIFICATION_SERVER = r'''
import asyncio, json, sys
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method

class Notifications(ServiceInterface):
    def __init__(self, out):
        super().__init__("org.freedesktop.Notifications")
        self.out = out

    @method()
    def Notify(self, app_name: "s", replaces_id: "u", app_icon: "s", summary: "s", body: "s",
               actions: "as", hints: "a{sv}", expire_timeout: "i") -> "u":
        with open(self.out, "a") as handle:
            handle.write(json.dumps({"app": app_name, "summary": summary, "body": body,
                                     "actions": actions}) + "\n")
        return 1

    @method()
    def GetCapabilities(self) -> "as":
        return ["body"]

    @method()
    def GetServerInformation(self) -> "ssss":
        return ["test-notifications", "gmi-trainer tests", "1", "1.2"]

    @method()
    def CloseNotification(self, id: "u"):
        pass

async def main():
    bus = await MessageBus().connect()
    bus.export("/org/freedesktop/Notifications", Notifications(sys.argv[1]))
    await bus.request_name("org.freedesktop.Notifications")
    print("ready", flush=True)
    await asyncio.sleep(60)

asyncio.run(main())
'''


@pytest.mark.skipif(shutil.which("dbus-daemon") is None, reason="needs dbus-daemon")
def test_the_scheduled_command_sends_the_notification_over_d_bus(tmp_path: Path,
                                                                 crontab: Path) -> None:
    pytest.importorskip("desktop_notifier")
    data = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "SDL_VIDEODRIVER": "dummy"}
    created = subprocess.run([sys.executable, "-m", "gmi_trainer", "patient", "create", "R1",
                              "--affected", "left-hand", "--data-dir", str(data)],
                             capture_output=True, text=True, env=env, timeout=60)
    assert created.returncode == 0, created.stderr
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address"],
                              stdout=subprocess.PIPE, text=True)
    server = None
    try:
        address = daemon.stdout.readline().strip()
        assert address.startswith("unix:")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        received = tmp_path / "received.jsonl"
        server = subprocess.Popen([sys.executable, "-c", NOTIFICATION_SERVER, str(received)],
                                  stdout=subprocess.PIPE, text=True, env=env)
        assert server.stdout.readline().strip() == "ready"
        # The very line cron would run, from the crontab the scheduler wrote.
        cron = CronTable({"DBUS_SESSION_BUS_ADDRESS": address}, str(crontab))
        [line] = cron.install("R1", ("09:00",), notify_command("R1", data))
        words = shlex.split(line.split(" # gmi-trainer-reminder")[0])[5:]
        assert words[:2] == ["env", f"DBUS_SESSION_BUS_ADDRESS={address}"]
        sent = subprocess.run(words, capture_output=True, text=True, env=env, timeout=60)
        assert sent.returncode == 0, sent.stderr
        deadline = time.monotonic() + 10
        while not received.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        [note] = [json.loads(row) for row in received.read_text().splitlines()]
        assert note["app"] == "GMI Trainer"
        assert note["summary"] == "4 short sessions planned today"
        assert note["body"].startswith("0 of 4 done so far.")
        # No button opens anything; only the notification's own body-click default exists.
        assert [a for a in note["actions"] if a not in ("default", "")] == []
    finally:
        for process in (server, daemon):
            if process is not None:
                process.terminate()
                process.wait(timeout=10)


def test_reminder_commands_give_clear_messages(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "PATH": "/nonexistent"}
    run = subprocess.run([sys.executable, "-m", "gmi_trainer", "remind", "install", "--times",
                          "25:00", "--data-dir", str(tmp_path)], capture_output=True,
                         text=True, env=env, timeout=60)
    assert run.returncode == 2 and "'25:00' is not a time of day" in run.stderr
    assert "Traceback" not in run.stderr
    run = subprocess.run([sys.executable, "-m", "gmi_trainer", "remind", "notify", "--patient",
                          "nobody", "--data-dir", str(tmp_path)], capture_output=True,
                         text=True, env=env, timeout=60)
    assert run.returncode == 2 and "no profile for 'nobody'" in run.stderr
