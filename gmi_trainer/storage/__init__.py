"""Private, crash-safe files and safe reading of JSON: the bottom layer that records,
profiles and the therapist's PIN share."""
