"""`gmi-trainer screens`: the real flows, driven by the scripted patient and therapist, reach
every kind of screen; each is drawn at laptop sizes and text sizes and its text boxes checked."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from gmi_trainer.app.paths import resolve_paths
from gmi_trainer.app.screen_tour import english_left, overlaps, redraw, run_tour

SIZES = ((1024, 600), (1366, 768), (1920, 1080))
TEXT_SCALES = (0.75, 1.5)


@pytest.fixture(scope="module")
def tour(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], list[Any]]:
    """One tour (about 25 s on 2 cores), drawn again at each size below."""
    data = tmp_path_factory.mktemp("tour-data")
    out = tmp_path_factory.mktemp("tour-out")
    reached: list[Any] = []
    layout = run_tour(resolve_paths(str(data), "P000", {}), out, (1366, 768), 1.0, False, reached)
    assert json.loads((out / "layout.json").read_text()) == layout
    return layout, reached


def test_the_tour_reaches_every_kind_of_screen(tour: tuple[dict[str, Any], list[Any]]) -> None:
    layout, _ = tour
    names = [s["name"] for s in layout["screens"]]
    assert len(names) >= 30
    for expected in ("choice-welcome-which-limb-is-affected", "home-stage-1-of-3-left-right-judgement",
                     "paused-laterality-fixation", "pain-before", "laterality-picture",
                     "laterality-feedback-practice", "laterality-summary-hands-left-or-right",
                     "imagery-demo", "imagery-moving", "mirror-settle", "note-anything-to-note-optional",
                     "checklist-anything-unusual-during-this-session", "safety-please-stop-for-today",
                     "camera-problem-the-camera-is-not-showing-a-picture", "progress-table",
                     "progress-pain", "form-therapist-mode-keypad", "choice-patients",
                     "form-patient-p014", "form-plan-clinic", "supervisor-waiting",
                     "supervisor-ended"):
        assert expected in names
    home = next(s for s in layout["screens"] if s["name"].startswith("home-"))
    assert any(t["text"].startswith("Hello") for t in home["texts"])
    for screen in layout["screens"]:
        for text in screen["texts"]:
            assert len(text["rect"]) == 4 and text["rect"][2] > 0 and text["text"].strip()


def test_the_check_finds_an_overlap() -> None:
    layout = {"window": [100, 100], "screens": [{"name": "x", "texts": [
        {"text": "a", "rect": [0, 0, 20, 20]}, {"text": "b", "rect": [10, 10, 20, 20]},
        {"text": "c", "rect": [90, 90, 20, 20]}]}]}
    problems = overlaps(layout)
    assert len(problems) == 2  # a over b, c outside, nothing else
    assert any("'a'" in p and "'b'" in p for p in problems)


@pytest.mark.xfail(strict=True, reason="issue 14 not finished: the screens listed by "
                   "`gmi-trainer screens --check` still overlap (paused boxes over their screen, "
                   "the therapist's patient and plan lists, most screens at text size 1.5)")
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text_scale", TEXT_SCALES)
def test_no_text_overlaps_or_leaves_the_window(tour: tuple[dict[str, Any], list[Any]],
                                               tmp_path: Path, size: tuple[int, int],
                                               text_scale: float) -> None:
    _, reached = tour
    layout = redraw(reached, tmp_path, size, text_scale)
    assert overlaps(layout) == []


LANGUAGE_TOURS = ("ru", "uk", "es", "de", "fr")


def _overlapping_kinds(layout: dict[str, Any]) -> set[str]:
    """The kinds of screen ('paused', 'choice', ...) on which some texts overlap."""
    return {problem.split(":")[0].split("-")[0] for problem in overlaps(layout)}


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGE_TOURS)
def test_every_screen_in_another_language_has_no_english_left_and_no_new_overlap(
        tour: tuple[dict[str, Any], list[Any]], tmp_path: Path, language: str) -> None:
    """`gmi-trainer screens --language L` at 1366x768: every text is in L (names and plan
    file names aside), and longer words overlap nothing on a kind of screen that English
    keeps clear (the overlaps English still has are issue 14's, marked above)."""
    english, _ = tour
    layout = run_tour(resolve_paths(str(tmp_path / "data"), "P000", {}), tmp_path / "out",
                      (1366, 768), 1.0, False, language=language)
    assert len(layout["screens"]) >= 30
    plans = [path.stem for path in (Path(__file__).resolve().parents[1] / "exercises").glob("*.toml")]
    assert english_left(layout, language, plans) == []
    assert _overlapping_kinds(layout) <= _overlapping_kinds(english)


def test_the_english_check_finds_english_and_leaves_names_and_kept_words() -> None:
    layout = {"screens": [{"name": "x", "texts": [
        {"text": "Продолжить", "rect": [0, 0, 1, 1]}, {"text": "Continue", "rect": [0, 0, 1, 1]},
        {"text": "Нажмите Enter", "rect": [0, 0, 1, 1]}, {"text": "Patient 3", "rect": [0, 0, 1, 1]},
        {"text": "План: lower-limb", "rect": [0, 0, 1, 1]},
        {"text": "Видео в /home/me/videos", "rect": [0, 0, 1, 1]}]}]}
    problems = english_left(layout, "ru", ["lower-limb"])
    assert len(problems) == 1 and "'Continue'" in problems[0]
    assert english_left(layout, "en") == []


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text_scale", TEXT_SCALES)
def test_the_supervise_panel_has_no_overlap_at_any_size(tour: tuple[dict[str, Any], list[Any]],
                                                        tmp_path: Path, size: tuple[int, int],
                                                        text_scale: float) -> None:
    _, reached = tour
    panel = [r for r in reached if r[0].startswith("supervisor-")]
    layout = redraw(panel, tmp_path, size, text_scale)
    assert len(layout["screens"]) == 2
    # Left to the shared button widget (the layout part of issue 14): at text size 1.5 a
    # button's label, set as large as it is, runs a pixel or two into its own key hint.
    labels = ("Pause / resume", "Skip this block", "Add a note", "Close the panel")
    inside_a_button = re.compile(r"'(%s)' \[.*\] overlaps '\([^']*\)'" % "|".join(
        re.escape(label) for label in labels))
    assert [p for p in overlaps(layout) if not inside_a_button.search(p)] == []
    ended = next(s for s in layout["screens"] if s["name"] == "supervisor-ended")
    assert any(t["text"].startswith("Now: the session has ended") for t in ended["texts"])
