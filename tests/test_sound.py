"""The tone adapter: samples, silence without a device, and one tone per new cue."""

from __future__ import annotations

import numpy as np
import pygame

from gmi_trainer.clock import SimulatedClock
from gmi_trainer.core import views as v
from gmi_trainer.profiles.model import DEFAULT_KEYS
from gmi_trainer.ui.keymap import KeyMap
from gmi_trainer.ui.sound import TONES, Silence, open_tones, tone_samples


def test_tones_are_16_bit_faded_and_the_right_length() -> None:
    samples = tone_samples(TONES["start"], 44100, 2)
    assert samples.dtype == np.int16 and samples.shape[1] == 2
    assert samples.shape[0] == int(44100 * 0.30) + int(44100 * 0.04)
    assert abs(int(samples[0, 0])) < 200  # faded in: no click
    assert np.abs(samples).max() > 10000
    assert tone_samples(TONES["done"]).ndim == 1


def test_no_sound_device_means_silence_not_an_error(monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise pygame.error("No available audio device")
    monkeypatch.setattr(pygame.mixer, "init", broken)
    tones = open_tones()
    assert isinstance(tones, Silence)
    tones.play("start")


def test_dummy_audio_driver_gives_playable_tones() -> None:
    tones = open_tones()
    for kind in TONES:
        tones.play(kind)  # under SDL's dummy audio driver: plays into nothing, no error
    pygame.mixer.quit()


class Recorded:
    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, kind: str) -> None:
        self.played.append(kind)


def _imagery(cue, done: int = 0) -> v.Screen:
    return v.Screen(v.ImageryView("t", 1, 2, "moving", "i", "h", "p", "/nonexistent.png",
                                  repetitions_done=done, repetitions=3, eyes_closed=True,
                                  dimmed=True, cue=cue))


def test_the_window_plays_a_tone_once_per_new_cue_and_not_on_resume() -> None:
    from gmi_trainer.ui.window import PygameUI

    tones = Recorded()
    ui = PygameUI(SimulatedClock(), KeyMap(DEFAULT_KEYS), windowed=True, sound=tones)
    try:
        start = ("start", 0, 1, 1)
        ui.show(_imagery(start))
        ui.show(_imagery(start))
        paused = v.Screen(v.PausedView(_imagery(start).view, "Paused", (), 0))
        ui.show(paused)
        ui.show(_imagery(start))  # back from the pause: the same cue, no second tone
        ui.show(_imagery(("repetition", 0, 1, 1, 1), 1))
        ui.show(v.Screen(v.ImagerySummaryView("t", (), None, 0, "", "")))
        assert tones.played == ["start", "repetition"]
    finally:
        ui.close()


def test_every_cue_kind_the_core_gives_has_a_tone(make_ctx) -> None:
    from gmi_trainer.core import inputs as act
    from gmi_trainer.core.imagery import ImageryStep
    from gmi_trainer.core.inputs import Input
    from gmi_trainer.plans.model import ImageryBlock

    step = ImageryStep(make_ctx(), ImageryBlock(pictures=2, repetitions=2, demo_s=0,
                                                eyes_closed=True, rate_pain=False), 0)
    kinds, now_s = set(), 0.0
    while not step.finished:
        now_s += 0.5
        step.tick(now_s)
        view = step.view(now_s)
        step.shown(view.token, now_s)
        if getattr(view, "cue", None):
            kinds.add(view.cue[0])
        step.handle(Input(act.CONFIRM, now_s))
    assert kinds == set(TONES)
