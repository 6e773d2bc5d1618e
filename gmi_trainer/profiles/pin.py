"""The therapist PIN: stored only as a salted scrypt hash, with a growing wait after wrong
attempts that survives a restart of the program.

Stored in <data_dir>/therapist.json (owner-only). Wall-clock time is used for the wait on
purpose: it must hold across restarts, which the monotonic clock does not.

What it protects against: someone at the keyboard of the program (a patient, a visitor)
opening therapist mode. What it does not: someone who can read or change this user's files,
who can search the hash offline or delete the file (a 6-digit PIN at about 0.1 s per scrypt
check is about 28 hours of one processor core for all million PINs)."""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from gmi_trainer.i18n import _
from gmi_trainer.profiles.model import PIN_MAX_DIGITS, PIN_MIN_DIGITS
from gmi_trainer.storage.files import make_private_dir, write_json_atomic

PIN_FILE = "therapist.json"
PIN_FORMAT = re.compile(rf"[0-9]{{{PIN_MIN_DIGITS},{PIN_MAX_DIGITS}}}")
FREE_ATTEMPTS = 3  # wrong attempts before the first wait
FIRST_WAIT_S = 5.0
MAX_WAIT_S = 300.0
# scrypt parameters (RFC 7914): about 32 MiB and about 0.1 s per check here. They are
# stored with each hash, so a PIN set with older parameters still checks.
SCRYPT = {"n": 2**15, "r": 8, "p": 1}


class PinError(Exception):
    pass


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    wait_s: float = 0.0  # when not ok: how long before the next attempt is accepted
    message: str = ""


def _hash(pin: str, salt: bytes, params: dict[str, int]) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=params["n"], r=params["r"],
                          p=params["p"], maxmem=128 * 1024 * 1024, dklen=32)


class PinStore:
    def __init__(self, data_dir: Path, wall_s: Callable[[], float] = time.time) -> None:
        self.path = data_dir / PIN_FILE
        self.wall_s = wall_s

    def is_set(self) -> bool:
        return self.path.is_file()

    def set_pin(self, pin: str, current: str | None = None) -> None:
        """Set the PIN; changing one that is set needs the `current` PIN."""
        if not PIN_FORMAT.fullmatch(pin):
            raise PinError(_("A PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits (0-9), "
                           "nothing else.").format(PIN_MIN_DIGITS=PIN_MIN_DIGITS, PIN_MAX_DIGITS=PIN_MAX_DIGITS))
        if self.is_set():
            result = self.check(current or "")
            if not result.ok:
                raise PinError((_("The current PIN is needed to change it. ") if current is None
                                else result.message + " ")
                               + _("Forgotten? 'gmi-trainer therapist reset-pin' removes it."))
        salt = secrets.token_bytes(16)
        make_private_dir(self.path.parent)
        write_json_atomic(self.path, {"kdf": "scrypt", **SCRYPT, "salt": salt.hex(),
                                      "hash": _hash(pin, salt, SCRYPT).hex(),
                                      "failed": 0, "locked_until": 0.0})

    def reset(self) -> bool:
        """Forget the PIN (for a forgotten one). Only the PIN file goes: every record and
        profile stays. Returns whether there was one."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            return False
        return True

    def check(self, pin: str) -> PinCheck:
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
            salt, expected = bytes.fromhex(record["salt"]), bytes.fromhex(record["hash"])
            params = {key: int(record[key]) for key in ("n", "r", "p")}
            failed = int(record.get("failed", 0))
            locked_until = float(record.get("locked_until", 0.0))
            if not math.isfinite(locked_until) or failed < 0:
                raise ValueError("bad wait")
        except FileNotFoundError:
            return PinCheck(False, message=_("No therapist PIN is set. Set one with "
                            "'gmi-trainer therapist set-pin'."))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return PinCheck(False, message=_("{path} is damaged. Remove it with "
                            "'gmi-trainer therapist reset-pin', then set the PIN again.").format(path=self.path))
        now_s = self.wall_s()
        if now_s < locked_until:
            wait_s = locked_until - now_s
            return PinCheck(False, wait_s, _("Too many wrong PINs. Try again in {wait_s:.0f} s.").format(wait_s=wait_s))
        try:
            matches = hmac.compare_digest(_hash(pin, salt, params), expected)
        except (ValueError, MemoryError):  # parameters no PIN of ours was hashed with
            return PinCheck(False, message=_("{path} is damaged. Remove it with "
                            "'gmi-trainer therapist reset-pin', then set the PIN again.").format(path=self.path))
        if matches:
            record.update(failed=0, locked_until=0.0)
            write_json_atomic(self.path, record)
            return PinCheck(True)
        failed += 1
        wait_s = 0.0
        if failed >= FREE_ATTEMPTS:
            # The exponent is capped: the wait stops growing at MAX_WAIT_S anyway.
            wait_s = min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** min(failed - FREE_ATTEMPTS, 16))
        record.update(failed=failed, locked_until=now_s + wait_s)
        write_json_atomic(self.path, record)
        message = _("Wrong PIN.") + (_(" Wait {wait_s:.0f} s before trying again.").format(wait_s=wait_s) if wait_s else "")
        return PinCheck(False, wait_s, message)
