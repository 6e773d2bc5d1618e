"""Profiles live beside their patient's records: <data_dir>/<patient>/profile.json."""

from __future__ import annotations

from pathlib import Path

from gmi_trainer.i18n import _
from gmi_trainer.profiles.model import Profile, ProfileError, check_patient_id
from gmi_trainer.storage.files import make_private_dir, write_json_atomic
from gmi_trainer.storage.safe_json import Unreadable, parse_json

PROFILE_FILE = "profile.json"
MAX_PROFILE_BYTES = 64 * 1024  # a profile is a few hundred bytes


def profile_path(data_dir: Path, patient: str) -> Path:
    return data_dir / check_patient_id(patient) / PROFILE_FILE


def load_profile(data_dir: Path, patient: str) -> Profile | None:
    """The saved profile, or None for a patient who has none yet."""
    path = profile_path(data_dir, patient)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_PROFILE_BYTES + 1)
        if len(raw) > MAX_PROFILE_BYTES:
            raise Unreadable(f"larger than {MAX_PROFILE_BYTES // 1024} KB")
        data = parse_json(raw.decode("utf-8"), str(path))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise ProfileError(_("{path}: cannot be read ({error}). Fix or delete the file; "
                             "the patient's records are not affected.").format(path=path, error=error)) from None
    if not isinstance(data, dict):
        raise ProfileError(_("{path}: is not a profile").format(path=path))
    return Profile.from_json(data, str(path))


def save_profile(data_dir: Path, profile: Profile) -> Path:
    path = profile_path(data_dir, profile.patient)
    make_private_dir(path.parent)
    write_json_atomic(path, profile.to_json())
    return path
