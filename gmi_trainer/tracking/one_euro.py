"""The One Euro filter (Casiez, Roussel and Vogel, CHI 2012) for landmark jitter.

A low-pass filter whose cutoff rises with speed: still landmarks are smoothed hard (no
jitter when the patient holds a pose), fast ones lightly (little lag when they move).
Works element-wise on arrays, so one filter smooths all keypoints at once.
"""

from __future__ import annotations

import math

import numpy as np

from gmi_trainer.tracking.landmarks import Landmarks


def smoothing_factor(cutoff_hz: float, dt_s: float) -> float:
    tau_s = 1.0 / (2.0 * math.pi * cutoff_hz)
    return 1.0 / (1.0 + tau_s / dt_s)


class OneEuroFilter:
    """`min_cutoff_hz` sets smoothing at rest; `beta` (per unit of speed) how fast it opens up."""

    def __init__(self, min_cutoff_hz: float = 1.0, beta: float = 0.0, d_cutoff_hz: float = 1.0) -> None:
        if min_cutoff_hz <= 0 or d_cutoff_hz <= 0 or beta < 0:
            raise ValueError("cutoffs must be positive and beta non-negative")
        self.min_cutoff_hz = min_cutoff_hz
        self.beta = beta
        self.d_cutoff_hz = d_cutoff_hz
        self._value: np.ndarray | None = None
        self._derivative: np.ndarray | None = None
        self._t_s = 0.0

    def reset(self) -> None:
        self._value = None
        self._derivative = None

    def __call__(self, value: np.ndarray | float, t_s: float) -> np.ndarray:
        x = np.asarray(value, dtype=float)
        if self._value is None or self._derivative is None or self._value.shape != x.shape:
            self._value = x.copy()
            self._derivative = np.zeros_like(x)
            self._t_s = t_s
            return self._value.copy()
        dt_s = t_s - self._t_s
        if dt_s <= 0:
            # A repeated or out-of-order timestamp carries no new information about speed.
            return self._value.copy()
        self._t_s = t_s
        derivative = (x - self._value) / dt_s
        a_d = smoothing_factor(self.d_cutoff_hz, dt_s)
        self._derivative = a_d * derivative + (1 - a_d) * self._derivative
        cutoff_hz = self.min_cutoff_hz + self.beta * np.abs(self._derivative)
        tau_s = 1.0 / (2.0 * math.pi * cutoff_hz)
        a = 1.0 / (1.0 + tau_s / dt_s)
        self._value = a * x + (1 - a) * self._value
        return self._value.copy()


class LandmarkSmoother:
    """One Euro smoothing of all keypoints in pixels (so `beta` is per px/s).

    Starts afresh when the tracker loses the body for longer than `reset_after_s`, so a
    re-found body does not glide in from where it was last seen.
    """

    def __init__(self, min_cutoff_hz: float = 1.5, beta: float = 0.05, reset_after_s: float = 0.5) -> None:
        self._filter = OneEuroFilter(min_cutoff_hz=min_cutoff_hz, beta=beta)
        self._reset_after_s = reset_after_s
        self._last_seen_s: float | None = None
        self._names: tuple[str, ...] = ()

    def smooth(self, landmarks: Landmarks | None, t_s: float) -> Landmarks | None:
        if landmarks is None:
            return None
        stale = self._last_seen_s is None or t_s - self._last_seen_s > self._reset_after_s
        if stale or landmarks.names != self._names:
            self._filter.reset()
            self._names = landmarks.names
        self._last_seen_s = t_s
        return landmarks.with_xy_px(self._filter(landmarks.xy_px, t_s))
