"""Import OpenCV and MediaPipe in the background while the patient reads the first screens.

Both are slow to import (MediaPipe about 0.7 s) and start-up must stay under 1.5 s, so
nothing imports them at start-up; the app calls `start_preload()` once the first screen is
up, and by the mirror phase the imports are done (a later `import` is then instant).
"""

from __future__ import annotations

import importlib
import threading

PRELOAD_MODULES = ("cv2", "mediapipe", "mediapipe.tasks.python.vision")

# Filled by the preload thread: module name -> error text, for modules that failed to import.
preload_errors: dict[str, str] = {}


def _import_all() -> None:
    for name in PRELOAD_MODULES:
        try:
            importlib.import_module(name)
        except Exception as error:  # noqa: BLE001 - reported when the mirror phase starts, not at start-up
            preload_errors[name] = f"{type(error).__name__}: {error}"


def start_preload() -> threading.Thread:
    thread = threading.Thread(target=_import_all, name="preload-cv2-mediapipe", daemon=True)
    thread.start()
    return thread
