"""gmi-trainer: graded motor imagery and mirror therapy at home or in a clinic."""

__version__ = "0.1.0"
