"""The pure core must not import pygame, cv2 or mediapipe; start-up must not import the
heavy libraries the mirror phase needs."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import gmi_trainer.core

HEAVY = ("pygame", "cv2", "mediapipe", "matplotlib")


def _imported_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_core_modules_import_no_hardware_libraries() -> None:
    modules = [f"gmi_trainer.core.{m.name}" for m in pkgutil.iter_modules(gmi_trainer.core.__path__)]
    assert "gmi_trainer.core.session" in modules and "gmi_trainer.core.laterality" in modules
    loaded = _imported_after("\n".join(f"import {m}" for m in modules))
    assert not loaded & set(HEAVY), f"the core pulled in {loaded & set(HEAVY)}"


def test_startup_path_does_not_import_cv2_mediapipe_or_matplotlib() -> None:
    loaded = _imported_after("import gmi_trainer.cli, gmi_trainer.app.root, gmi_trainer.ui.window\n"
                             "gmi_trainer.cli.build_parser()")
    assert "pygame" in loaded  # the probe really loaded the window code
    assert not loaded & {"cv2", "mediapipe", "matplotlib"}
