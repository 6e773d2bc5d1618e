"""Where plans, pictures and records are, resolved once at start-up into one `Paths` value.

The rules live here as a pure function of the command-line values and an environment
mapping; only the composition root (`app/root.py`) reads the real environment and hands
the resolved value to whatever needs a path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

PROJECT_DIR = Path(__file__).resolve().parents[2]
DATA_ENV = "GMI_TRAINER_DATA"
PATIENT_ENV = "GMI_TRAINER_PATIENT"
EXERCISES_ENV = "GMI_TRAINER_EXERCISES"
MEDIA_ENV = "GMI_TRAINER_MEDIA"
DEFAULT_PATIENT = "me"


@dataclass(frozen=True)
class Paths:
    data_dir: Path  # records: one folder per patient
    exercises_dir: Path  # plans by name
    media_dir: Path  # the picture set
    patient: str  # --patient, else $GMI_TRAINER_PATIENT, else "me" (not yet checked)

    def plan_file(self, name_or_path: str) -> Path:
        """A plan given by path, or by name from the exercises folder ("default")."""
        path = Path(name_or_path)
        if path.suffix == ".toml" or path.parent != Path("."):
            return path
        return self.exercises_dir / f"{name_or_path}.toml"

    def videos_dir(self, patient: str) -> Path:
        """Where a patient keeps recorded clips to use instead of a camera."""
        return self.data_dir / patient / "videos"


def resolve_paths(data_dir: str | None, patient: str | None, environ: Mapping[str, str],
                  home: Callable[[], Path] = Path.home) -> Paths:
    """Records go to --data-dir, else $GMI_TRAINER_DATA, else the sessions/ folder of this
    checkout, else a private folder in the user's home ($XDG_DATA_HOME or ~/.local/share)."""
    if data_dir:
        records = Path(data_dir).expanduser()
    elif environ.get(DATA_ENV):
        records = Path(environ[DATA_ENV]).expanduser()
    elif (PROJECT_DIR / "sessions").is_dir():
        records = PROJECT_DIR / "sessions"
    else:
        base = Path(environ.get("XDG_DATA_HOME", home() / ".local" / "share"))
        records = base / "gmi-trainer" / "sessions"
    return Paths(
        data_dir=records,
        exercises_dir=Path(environ.get(EXERCISES_ENV, PROJECT_DIR / "exercises")),
        media_dir=Path(environ.get(MEDIA_ENV, PROJECT_DIR / "media")),
        patient=patient or environ.get(PATIENT_ENV) or DEFAULT_PATIENT,
    )
