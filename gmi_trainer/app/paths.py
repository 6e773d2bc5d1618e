"""Where plans, pictures and records are, resolved once at start-up."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
DATA_ENV = "GMI_TRAINER_DATA"
PATIENT_ENV = "GMI_TRAINER_PATIENT"
DEFAULT_PATIENT = "me"


def exercises_dir() -> Path:
    return Path(os.environ.get("GMI_TRAINER_EXERCISES", PROJECT_DIR / "exercises"))


def media_dir() -> Path:
    return Path(os.environ.get("GMI_TRAINER_MEDIA", PROJECT_DIR / "media"))


def data_dir(argument: str | None) -> Path:
    """--data-dir, else $GMI_TRAINER_DATA, else the sessions/ folder of this checkout, else
    a private folder in the user's home."""
    if argument:
        return Path(argument).expanduser()
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV]).expanduser()
    if (PROJECT_DIR / "sessions").is_dir():
        return PROJECT_DIR / "sessions"
    base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "gmi-trainer" / "sessions"


def patient(argument: str | None) -> str:
    return argument or os.environ.get(PATIENT_ENV) or DEFAULT_PATIENT


def plan_file(name_or_path: str) -> Path:
    """A plan given by path, or by name from the exercises folder ("default")."""
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.parent != Path("."):
        return path
    return exercises_dir() / f"{name_or_path}.toml"
