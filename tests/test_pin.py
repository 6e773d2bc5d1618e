"""The therapist PIN: never stored in the clear, a growing wait after wrong attempts."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from gmi_trainer.profiles.pin import PinError, PinStore


class Wall:
    def __init__(self) -> None:
        self.now_s = 1_000_000.0

    def __call__(self) -> float:
        return self.now_s


def test_pin_is_stored_as_a_salted_hash_only(tmp_path: Path) -> None:
    store = PinStore(tmp_path)
    store.set_pin("482913")
    text = store.path.read_text()
    assert "482913" not in text
    record = json.loads(text)
    assert record["kdf"] == "scrypt" and len(bytes.fromhex(record["salt"])) == 16
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    other = PinStore(tmp_path / "b")
    other.set_pin("482913")
    assert json.loads(other.path.read_text())["hash"] != record["hash"]  # salted
    assert store.check("482913").ok and not store.check("482914").ok


def test_wrong_attempts_bring_a_growing_wait_that_survives_a_restart(tmp_path: Path) -> None:
    wall = Wall()
    PinStore(tmp_path, wall).set_pin("1234")
    results = [PinStore(tmp_path, wall).check("0000") for _ in range(3)]
    assert [r.wait_s for r in results] == [0.0, 0.0, 5.0]
    restarted = PinStore(tmp_path, wall)  # a new program start does not clear the wait
    blocked = restarted.check("1234")
    assert not blocked.ok and "Try again in 5 s" in blocked.message
    wall.now_s += 5.0
    assert restarted.check("0000").wait_s == 10.0
    wall.now_s += 10.0
    assert restarted.check("1234").ok
    assert restarted.check("0000").wait_s == 0.0  # a right PIN resets the count


def test_a_pin_must_be_digits_and_long_enough(tmp_path: Path) -> None:
    with pytest.raises(PinError):
        PinStore(tmp_path).set_pin("12a4")
    with pytest.raises(PinError):
        PinStore(tmp_path).set_pin("123")
    assert "No therapist PIN" in PinStore(tmp_path).check("1234").message
