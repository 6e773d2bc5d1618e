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
    PinStore(tmp_path, wall).set_pin("123456")
    results = [PinStore(tmp_path, wall).check("000000") for _ in range(3)]
    assert [r.wait_s for r in results] == [0.0, 0.0, 5.0]
    restarted = PinStore(tmp_path, wall)  # a new program start does not clear the wait
    blocked = restarted.check("123456")
    assert not blocked.ok and "Try again in 5 s" in blocked.message
    wall.now_s += 5.0
    assert restarted.check("000000").wait_s == 10.0
    wall.now_s += 10.0
    assert restarted.check("123456").ok
    assert restarted.check("000000").wait_s == 0.0  # a right PIN resets the count


def test_a_pin_must_be_digits_and_long_enough(tmp_path: Path) -> None:
    for bad in ("12a456", "12345", "1234", "١٢٣٤٥٦", "1234567890123", "123 456", ""):
        with pytest.raises(PinError):
            PinStore(tmp_path).set_pin(bad)
    assert "No therapist PIN" in PinStore(tmp_path).check("123456").message
    PinStore(tmp_path).set_pin("123456789012")  # the longest the PIN screen takes


def test_changing_the_pin_needs_the_current_one_and_reset_keeps_records(tmp_path: Path) -> None:
    store = PinStore(tmp_path, Wall())
    store.set_pin("246810")
    (tmp_path / "P1").mkdir()
    (tmp_path / "P1" / "profile.json").write_text("{}")
    with pytest.raises(PinError, match="current PIN is needed"):
        store.set_pin("135791")
    with pytest.raises(PinError, match="Wrong PIN"):
        store.set_pin("135791", current="000000")
    store.set_pin("135791", current="246810")
    assert store.check("135791").ok and not store.check("246810").ok
    assert store.reset() and not store.is_set()
    assert (tmp_path / "P1" / "profile.json").read_text() == "{}"
    assert not store.check("135791").ok  # no PIN: therapist mode stays closed


@pytest.mark.parametrize("content", ["{damaged", "[]", '{"salt": 5}', "{}",
                                     '{"kdf": "scrypt", "n": 1099511627776, "r": 8, "p": 1, '
                                     '"salt": "00", "hash": "00"}'])
def test_a_damaged_pin_file_never_opens_therapist_mode(tmp_path: Path, content: str) -> None:
    store = PinStore(tmp_path)
    store.path.write_text(content)
    result = store.check("")
    assert not result.ok and "damaged" in result.message


def test_a_huge_count_of_wrong_attempts_waits_the_longest_time(tmp_path: Path) -> None:
    store = PinStore(tmp_path, Wall())
    store.set_pin("246810")
    record = json.loads(store.path.read_text())
    store.path.write_text(json.dumps({**record, "failed": 1100}))
    assert store.check("000000").wait_s == 300.0
