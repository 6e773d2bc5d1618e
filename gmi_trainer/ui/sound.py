"""Tones for eyes-closed imagery, made with numpy at start-up (no sound files to ship).

An adapter like the display: the composition root decides whether there is one. Without a
sound device (mixer start fails) every call is a silent no-op, never an error."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np

SAMPLE_RATE_HZ = 44100
FADE_S = 0.01  # a short fade in and out, so a tone starts and stops without a click
VOLUME = 0.35

# (frequency Hz, duration s) segments of each cue. Start: one clear higher tone. Each
# repetition: a short lower tick. Done: two falling tones, easy to tell from the others.
TONES: dict[str, tuple[tuple[float, float], ...]] = {
    "start": ((880.0, 0.30),),
    "repetition": ((660.0, 0.12),),
    "done": ((784.0, 0.18), (523.0, 0.30)),
}


class Sound(Protocol):
    def play(self, kind: str) -> None: ...


class Silence:
    """No sound device, or sound not wanted."""

    available = False

    def play(self, kind: str) -> None:
        pass


def tone_samples(segments: tuple[tuple[float, float], ...], rate_hz: int = SAMPLE_RATE_HZ,
                 channels: int = 1) -> np.ndarray:
    """16-bit samples of sine segments, each faded in and out; shape (n,) or (n, channels)."""
    import numpy as np  # here, not at the top: the window imports this module at start-up

    parts = []
    for freq_hz, duration_s in segments:
        t_s = np.arange(int(rate_hz * duration_s)) / rate_hz
        wave = np.sin(2 * np.pi * freq_hz * t_s)
        fade = max(1, int(rate_hz * FADE_S))
        envelope = np.ones_like(wave)
        envelope[:fade] = np.linspace(0.0, 1.0, fade)
        envelope[-fade:] = np.linspace(1.0, 0.0, fade)
        parts.append(wave * envelope)
        parts.append(np.zeros(int(rate_hz * 0.04)))  # a short gap between segments
    samples = (np.concatenate(parts) * VOLUME * 32767).astype(np.int16)
    if channels > 1:
        samples = np.repeat(samples[:, None], channels, axis=1)
    return np.ascontiguousarray(samples)


class Tones:
    """pygame.mixer tones. Build with `open_tones()`, which falls back to Silence."""

    available = True

    def __init__(self, sounds: dict[str, Any]) -> None:
        self.sounds = sounds

    def play(self, kind: str) -> None:
        sound = self.sounds.get(kind)
        if sound is not None:
            try:
                sound.play()
            except Exception:  # a device that vanished mid-session: carry on silently
                pass


def open_tones() -> Sound:
    """Tones on the default sound device, or Silence when there is none."""
    try:
        import pygame

        pygame.mixer.init(frequency=SAMPLE_RATE_HZ, size=-16, channels=1)
        init = pygame.mixer.get_init()
        if init is None:
            return Silence()
        rate_hz, size, channels = init
        if size != -16:  # the samples are signed 16-bit
            return Silence()
        return Tones({kind: pygame.sndarray.make_sound(tone_samples(segments, rate_hz, channels))
                      for kind, segments in TONES.items()})
    except Exception:  # no device, no driver, no mixer module: practise in silence
        return Silence()
