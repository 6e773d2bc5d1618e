"""The on-disk record format, in one place. Documented in README.md under "Records"."""

from __future__ import annotations

# How a finished session ended is the core's word; the format names every status here.
from gmi_trainer.core.context import STATUS_COMPLETE, STATUS_ENDED_EARLY  # noqa: F401

FORMAT_NAME = "gmi-trainer-session"
FORMAT_VERSION = 1

MANIFEST_FILE = "manifest.json"
TRIALS_FILE = "trials.jsonl"
EVENTS_FILE = "events.jsonl"
# The patient's own hand pictures (gmi_trainer/capture/own_set.py), beside the sessions.
OWN_PICTURES_DIR = "own-pictures"

STATUS_IN_PROGRESS = "in_progress"
# Never written: what a reader calls a session whose manifest still says in_progress
# after its program has gone (closed window, crash, power cut).
STATUS_INCOMPLETE = "incomplete"
