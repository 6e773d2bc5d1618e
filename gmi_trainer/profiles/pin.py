"""The therapist PIN: stored only as a salted scrypt hash, with a growing wait after wrong
attempts that survives a restart of the program.

Stored in <data_dir>/therapist.json (owner-only). Wall-clock time is used for the wait on
purpose: it must hold across restarts, which the monotonic clock does not."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from gmi_trainer.records.files import make_private_dir, write_json_atomic

PIN_FILE = "therapist.json"
MIN_DIGITS = 4
FREE_ATTEMPTS = 3  # wrong attempts before the first wait
FIRST_WAIT_S = 5.0
MAX_WAIT_S = 300.0
# scrypt parameters (RFC 7914): about 16 MiB and tens of milliseconds per check here.
SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class PinError(Exception):
    pass


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    wait_s: float = 0.0  # when not ok: how long before the next attempt is accepted
    message: str = ""


def _hash(pin: str, salt: bytes, params: dict[str, int]) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=params["n"], r=params["r"],
                          p=params["p"], maxmem=64 * 1024 * 1024, dklen=32)


class PinStore:
    def __init__(self, data_dir: Path, wall_s: Callable[[], float] = time.time) -> None:
        self.path = data_dir / PIN_FILE
        self.wall_s = wall_s

    def is_set(self) -> bool:
        return self.path.is_file()

    def set_pin(self, pin: str) -> None:
        if not pin.isdigit() or len(pin) < MIN_DIGITS:
            raise PinError(f"A PIN is at least {MIN_DIGITS} digits.")
        salt = secrets.token_bytes(16)
        make_private_dir(self.path.parent)
        write_json_atomic(self.path, {"kdf": "scrypt", **SCRYPT, "salt": salt.hex(),
                                      "hash": _hash(pin, salt, SCRYPT).hex(),
                                      "failed": 0, "locked_until": 0.0})

    def check(self, pin: str) -> PinCheck:
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
            salt, expected = bytes.fromhex(record["salt"]), bytes.fromhex(record["hash"])
            params = {key: int(record[key]) for key in ("n", "r", "p")}
        except FileNotFoundError:
            return PinCheck(False, message="No therapist PIN is set. Set one with "
                            "'gmi-trainer therapist set-pin'.")
        except (OSError, ValueError, KeyError):
            return PinCheck(False, message=f"{self.path} is damaged. Set the PIN again with "
                            "'gmi-trainer therapist set-pin'.")
        now_s = self.wall_s()
        locked_until = float(record.get("locked_until", 0.0))
        if now_s < locked_until:
            wait_s = locked_until - now_s
            return PinCheck(False, wait_s, f"Too many wrong PINs. Try again in {wait_s:.0f} s.")
        if hmac.compare_digest(_hash(pin, salt, params), expected):
            record.update(failed=0, locked_until=0.0)
            write_json_atomic(self.path, record)
            return PinCheck(True)
        failed = int(record.get("failed", 0)) + 1
        wait_s = 0.0
        if failed >= FREE_ATTEMPTS:
            wait_s = min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** (failed - FREE_ATTEMPTS))
        record.update(failed=failed, locked_until=now_s + wait_s)
        write_json_atomic(self.path, record)
        message = "Wrong PIN." + (f" Wait {wait_s:.0f} s before trying again." if wait_s else "")
        return PinCheck(False, wait_s, message)
