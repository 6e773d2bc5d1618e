"""The on-disk record format, in one place. Documented in README.md under "Records"."""

from __future__ import annotations

FORMAT_NAME = "gmi-trainer-session"
FORMAT_VERSION = 1

MANIFEST_FILE = "manifest.json"
TRIALS_FILE = "trials.jsonl"
EVENTS_FILE = "events.jsonl"
PROFILE_FILE = "profile.json"

STATUS_IN_PROGRESS = "in_progress"
STATUS_COMPLETE = "complete"
STATUS_ENDED_EARLY = "ended_early"
# Never written: what a reader calls a session whose manifest still says in_progress
# after its program has gone (closed window, crash, power cut).
STATUS_INCOMPLETE = "incomplete"
