"""Screens drawn under SDL's dummy driver from views built here, for states the screen tour
does not reach (a live mirror picture, the therapist's panel, eyes-closed imagery...): what
can be clicked, what stays inside the canvas. The pixel-exact pictures are of the screens
the real flows reach (tests/test_screen_tour.py)."""

from __future__ import annotations

from pathlib import Path

from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pygame
import pytest

from gmi_trainer.core import inputs as act
from gmi_trainer.core import views as v
from gmi_trainer.core.mirror import (
    CAMERA_LIVE,
    CAMERA_OPTIONS,
    CAMERA_RECONNECTING,
    CameraProblemView,
    MirrorView,
)
from gmi_trainer.core.choice import pause_options
from gmi_trainer.core.therapist import FormRow, FormView
from gmi_trainer.records.live import live_figures
from gmi_trainer.supervise.panel import SupervisorView
from gmi_trainer.core.shell import LIMB_OPTIONS, PlanProblem
from gmi_trainer.plans.model import DEFAULT_CONTACT, DEFAULT_STOP_ADVICE
from gmi_trainer.core.steps import UNUSUAL_ITEMS
from gmi_trainer.profiles.model import DEFAULT_KEYS
from gmi_trainer.ui.screens import draw_screen
from gmi_trainer.ui.screens.laterality import prepare_picture
from gmi_trainer.ui.theme import CANVAS, Fonts, Theme
from gmi_trainer.ui.widgets import Canvas

SNAPSHOTS = Path(__file__).parent / "snapshots"
MEDIA = Path(__file__).resolve().parents[1] / "media"
BAR = v.SessionBar("Phase 1 of 3: Left/right judgement", 192.0, 900.0)
MIRROR_BAR = v.SessionBar("Phase 3 of 3: Mirror therapy", 655.0, 900.0)
IMAGERY_BAR = v.SessionBar("Phase 2 of 3: Imagined movement", 431.0, 900.0)


def _test_picture() -> pygame.Surface:
    """A simple asymmetric shape, so a rotation is visible in the snapshot."""
    image = pygame.Surface((300, 400), pygame.SRCALPHA)
    pygame.draw.rect(image, (200, 150, 120), (60, 120, 180, 260), border_radius=40)
    pygame.draw.rect(image, (200, 150, 120), (10, 180, 60, 40), border_radius=20)
    for i in range(4):
        pygame.draw.rect(image, (200, 150, 120), (70 + i * 44, 10 + abs(i - 1.5) * 20, 34, 140),
                         border_radius=17)
    return image


# The demonstration's snapshot shows a real frame of a committed movement (half-way to a fist).
DEMO_PICTURE = str(MEDIA / "hand/left/hand-left-fist-back-medium.png")


HOME = v.HomeView("P017", "Ann", "right hand or arm", "Full GMI session (hands)", 15, 2, 4, 1,
                  (v.Option("start", "Start session", "Enter"), v.Option("progress", "Progress", "G"),
                   v.Option("quit", "Quit", "Q")), 0,
                  warnings=("Skipped a damaged session: sessions/P017/x/manifest.json cannot be read",))

def _mirror_view(stage: str, camera_state: str, message: str = "", mode: str = "midline",
                 bpm: int = 0) -> MirrorView:
    return MirrorView("Mirror therapy", mode, "right", "hand", stage,
                      "Bend and straighten your elbow." if stage == "exercise" else
                      "Just watch the hand in the mirror, where your left hand would be.",
                      "elbow_flex" if stage == "exercise" else "", 1 if stage == "exercise" else 0,
                      4, 47.0, 0.4, stage == "exercise", 3, 10, bpm, camera_state, message, "camera",
                      0.47, 6, line_movable=mode == "fixed")


def _live_frame() -> SimpleNamespace:
    """A composed mirror frame: a symmetric gradient with a figure, as the edge hands it over."""
    image = np.zeros((480, 640, 3), np.uint8)
    image[:, :, 0] = np.linspace(60, 160, 640, dtype=np.uint8)[None, :]
    image[:, :, 1] = np.abs(np.arange(640) - 320)[None, :].clip(0, 255).astype(np.uint8)
    image[120:480, 250:390] = (90, 140, 200)
    return SimpleNamespace(image=image, frame=SimpleNamespace(index=1),
                           line=SimpleNamespace(notice="Tracking lost - holding the last mirror line."))


LIVE_FIGURES = live_figures(
    [{"phase": "laterality", "practice": False, "true_side": side, "correct": i % 5 != 0,
      "timed_out": False, "rt_ms": 1200.0 + 40 * i} for i, side in enumerate(["left", "right"] * 12)]
    + [{"phase": "mirror", "reps_counted": 8}],
    [{"event": "pain", "moment": "before", "value": 6},
     {"event": "block_start", "title": "Assessment: hands, left or right?"},
     {"event": "therapist_note", "text": "Patient reports tingling"}])


def _camera_problem(videos: tuple[str, ...], choose: bool = False) -> CameraProblemView:
    """The camera-problem screen as the mirror step builds it."""
    from gmi_trainer.core.context import MemoryRecorder, SessionContext
    from gmi_trainer.core.inputs import Input
    from gmi_trainer.core.mirror import CAMERA_FAILED, CameraFact, MirrorStep
    from gmi_trainer.plans.model import MirrorBlock, MirrorExercise, Plan
    from gmi_trainer.profiles.model import Profile

    block = MirrorBlock(exercises=(MirrorExercise("Watch."),))
    ctx = SessionContext(Plan(1, "p", "P", mirror=(block,)), Profile("P017", "hand", "left"),
                         MemoryRecorder(), 0.0, 1, lambda: None)  # type: ignore[arg-type,return-value]
    step = MirrorStep(ctx, block, 0)
    step.handle(Input(act.CONFIRM, 1.0))
    step.handle(Input(act.CAMERA, 2.0, CameraFact(
        CAMERA_FAILED, "No camera was found at camera number 0. Connect a USB webcam, or use "
        "--camera synthetic.", videos=videos, videos_folder="/home/ann/gmi/sessions/P017/videos")))
    if choose:
        step.handle(Input(act.SELECT, 3.0, "video"))
    return step.view(3.0)


def _alerts_screen() -> v.Screen:
    """The progress screen's first page when sessions ended with a pain alert."""
    from datetime import date, datetime, timezone

    from gmi_trainer.core.progress import SessionFacts, progress_view

    def session(day: int, before: int, after: int, alert: tuple[str, ...] = ()) -> SessionFacts:
        return SessionFacts(f"s{day}", datetime(2026, 11, day, 14, 5, tzinfo=timezone.utc),
                            "complete", pain_before=before, pain_after=after, pain_alert=alert,
                            active_s=700.0, planned_s=780.0, min_active_s=390.0)

    facts = [session(10, 3, 3), session(12, 4, 9, ("pain 9 of 10 after the session (8 or more)",
                                                    "pain rose by 5, from 4 to 9 (3 or more)")),
             session(14, 4, 5, ("dizziness",)), session(15, 3, 3)]
    return v.Screen(progress_view(facts, (), "P017", 4, "left", date(2026, 11, 16)))


def _progress_screen(page: str) -> v.Screen:
    """Six weeks of generated sessions, as the progress screen shows them on one page."""
    from datetime import date, datetime, timezone

    from gmi_trainer.core.progress import page_headline
    from gmi_trainer.core.progress import progress_view
    from gmi_trainer.records.history import session_facts
    from gmi_trainer.bench.synthetic import in_memory, synthetic_sessions

    records = in_memory(synthetic_sessions(150, 24, datetime(2026, 10, 5, tzinfo=timezone.utc),
                                           days=42))
    view = progress_view([session_facts(r) for r in records], (), "P017", 4, "left",
                         date(2026, 11, 16))
    return v.Screen(replace(view, page=view.pages.index(page),
                            headline=page_headline(view.data, page)))


SCREENS: dict[str, v.Screen] = {
    "therapist_pin": v.Screen(FormView("Therapist mode", (FormRow("PIN", "***", False),), 0,
                                       "Type the PIN with the number keys, Enter to open.",
                                       "Wrong PIN. Wait 5 s before trying again.", keypad=True),
                              status="Therapist mode"),
    "therapist_plan": v.Screen(FormView("Plan: default", (
        FormRow("planned minutes", "15"), FormRow("sessions per day", "4"),
        FormRow("Hands: left or right?: pictures", "52"), FormRow("Save", "Enter", False),
        FormRow("Back", "Enter", False)), 2, "Up/Down choose, Left/Right change.", "")),
    "supervisor": v.Screen(SupervisorView("P017", "20261122-101502-3fa1", LIVE_FIGURES, "note",
                                          "Slower on the left today", "Pause or resume sent.")),
    "supervisor_waiting": v.Screen(SupervisorView("P017", "", {}, "watch", "", "")),
    "supervisor_alert": v.Screen(SupervisorView("P017", "20261122-101502-3fa1", {
        **live_figures([], [{"event": "block_start", "title": "Mirror therapy"},
                            {"event": "pain_alert", "reasons": ["pain 9 of 10 after the session (8 or more)"]},
                            {"event": "session_end"}]),
        "recent_alerts": ["Fri 20 Nov 18:02: dizziness"]}, "watch", "", "")),
    "mirror_live": v.Screen(_mirror_view("exercise", CAMERA_LIVE), MIRROR_BAR),
    "mirror_live_fixed_metronome": v.Screen(_mirror_view("exercise", CAMERA_LIVE, mode="fixed",
                                                         bpm=20), MIRROR_BAR),
    "mirror_starting": v.Screen(_mirror_view("settle", CAMERA_RECONNECTING,
                                             "The camera stopped. Trying to reconnect..."), MIRROR_BAR),
    "camera_problem": v.Screen(_camera_problem(()), MIRROR_BAR),
    "camera_problem_videos": v.Screen(_camera_problem(("tuesday-kitchen.mp4", "monday.mp4"),
                                                      choose=True), MIRROR_BAR),
    "safety": v.Screen(v.SafetyView(
        "Please stop for today", "Pain 9 of 10 after the session (8 or more); pain rose by 5, "
        "from 4 to 9 (3 or more); dizziness.", DEFAULT_STOP_ADVICE,
        "Call the pain clinic on 0123 456 789 (Monday to Friday, 8-17) before your next "
        "session; out of hours, call your doctor."), v.SessionBar("Please stop for today", 700, 780)),
    "home_alert": v.Screen(replace(
        HOME, sessions_today=1, not_counted_today=1, alert="Your session at 14:05 ended with "
        f"advice to stop for today. {DEFAULT_CONTACT}")),
    "progress_alerts": _alerts_screen(),
    "plan_problem": PlanProblem([
        "/home/ann/plans/mine.toml: plan file not found. Check the name, or list the plans in "
        "the exercises/ folder."]).screen(0.0),
    "home": v.Screen(HOME),
    "home_stage": v.Screen(v.HomeView(
        "P017", "Ann", "left hand or arm", "Full GMI programme (hands)", 15, 1, 4, 1,
        HOME.options, 0, stage="Stage 1 of 3: Left/right judgement",
        stage_reason="Next stage after 3 sessions in a row with left/right at 80% correct and "
                     "under 2 s (last 3: 1 did).")),
    "home_cannot_start": v.Screen(v.HomeView(
        "P017", "", "left foot or leg", "Left/right judgement: hands and feet", 6, 0, 6, 0,
        (v.Option("start", "Start session", "Enter", enabled=False),
         v.Option("progress", "Progress", "G"), v.Option("quit", "Quit", "Q")), 1,
        message="Cannot save records in /media/usb/sessions/P017: Permission denied. Choose a "
                "folder you can write to with --data-dir or the GMI_TRAINER_DATA environment variable.")),
    "setup": v.Screen(v.ChoiceView("Welcome. Which limb is affected?", "This sets which side.",
                                   LIMB_OPTIONS, 1)),
    "pain": v.Screen(v.PainView("before", "How strong is your pain now, before you start?", 6),
                     v.SessionBar("Pain before", 3.0, 900.0)),
    "pain_unset": v.Screen(v.PainView("after", "How strong is your pain now, after the session?",
                                      None, "Choose a number from 0 to 10 first."),
                           v.SessionBar("Pain after", 870.0, 900.0)),
    "instruction": v.Screen(v.InstructionView(
        "Hands: left or right?", "You will see pictures of hands, turned at different angles.\n"
        "Answer with the arrow keys.", notice="Guided imagery is not available in this version yet."), BAR),
    "laterality_picture": v.Screen(v.LateralityView(
        "Hands", False, 12, 48, "pic", "test-picture", 135, true_side="left"), BAR),
    "laterality_fixation": v.Screen(v.LateralityView(
        "Hands", True, 2, 6, None, None, 0), BAR),
    "laterality_feedback": v.Screen(v.LateralityView(
        "Hands", True, 3, 6, None, None, 0, feedback="wrong",
        feedback_text="Not quite: that was a LEFT hand"), BAR),
    "laterality_summary": v.Screen(v.LateralitySummaryView(
        "Hands: left or right?",
        (v.SideFigures("left", 24, 22, 0, 1480.0, 22 / 24), v.SideFigures("right", 23, 17, 1, 2210.0, 17 / 23)),
        39 / 47, 1720.0, 1,
        tuple((r, 1300.0 + r * 4) for r in range(0, 360, 45)),
        "Target: at least 80% correct and under 2.0 s per picture.", True,
        "Last time (20 Nov): 74% correct, median 2.10 s. Sessions before this: 5."), BAR),
    "laterality_neck_picture": v.Screen(v.LateralityView(
        "Necks: left or right?", False, 5, 32, "pic", "test-picture", 0, true_side="right",
        reminder="Head turned or tilted to the person's OWN left or right?"), BAR),
    "laterality_summary_parts": v.Screen(v.LateralitySummaryView(
        "Hands, legs and necks",
        (v.SideFigures("left", 24, 20, 0, 1610.0, 20 / 24), v.SideFigures("right", 24, 19, 0, 1730.0, 19 / 24)),
        39 / 48, 1680.0, 0,
        tuple((r, 1400.0 + r * 3) for r in range(0, 360, 90)),
        "Target: at least 80% correct.", True,
        "This is your first block of this kind: it sets your starting point.",
        norm_text="Healthy adults: hands 2.00 +/- 0.50 s, at least 80% correct (European Pain "
                  "Federation); heads 1.62 +/- 0.50 s, median 92.5% correct (1,361 adults, "
                  "Wallwork et al. 2013).",
        by_part=(("hands", 15 / 16, 1510.0, 16), ("legs", 12 / 16, 1790.0, 16),
                 ("heads", 12 / 16, 1860.0, 16))), BAR),
    "imagery_demo": v.Screen(v.ImageryView(
        "Imagine moving your hand", 2, 6, "demo", "Watch: a flat hand moving into this "
        "position and back. Just watch for now.", "Enter: I've seen it.   Right arrow or S: "
        "skip this picture.", "pic", DEMO_PICTURE, demo_frame=12, demo_frames=25,
        repetitions=3), IMAGERY_BAR),
    "imagery_ready": v.Screen(v.ImageryView(
        "Imagine moving your hand", 2, 6, "ready", "Imagine moving your left hand into this "
        "position, slowly, and back again. Do it 3 times.", "Enter: start.   Left arrow: show "
        "the movement again.   Right arrow or S: skip this picture.", "pic", "test-picture",
        repetitions=3, can_replay=True), IMAGERY_BAR),
    "imagery_moving": v.Screen(v.ImageryView(
        "Imagine moving your hand", 2, 6, "moving", "Now imagine movement 2 of 3: into the "
        "position and back, slowly.", "Press Enter (or click) when you are back at the start.   "
        "Right arrow or S: skip the rest of this picture.", "pic", "test-picture",
        repetitions_done=1, repetitions=3), IMAGERY_BAR),
    "imagery_eyes_closed": v.Screen(v.ImageryView(
        "Imagine moving your hand", 2, 6, "moving", "Eyes closed. Imagine movement 3 of 5: "
        "into the position and back.", "Press Enter (or click) when you are back at the start."
        "   Right arrow or S: skip the rest of this picture.", "pic", "test-picture",
        repetitions_done=2, repetitions=5, eyes_closed=True, dimmed=True,
        cue=("repetition", 0, 2, 1, 2)), IMAGERY_BAR),
    "imagery_ten_repetitions": v.Screen(v.ImageryView(
        "Imagine moving your foot", 1, 12, "moving", "Now imagine movement 8 of 10: into the "
        "position and back, slowly.", "Press Enter (or click) when you are back at the start.",
        "pic", "test-picture", repetitions_done=7, repetitions=10), IMAGERY_BAR),
    "imagery_pain": v.Screen(v.ImageryPainView(
        "Imagine moving your hand", 2, 6, "thumb up", "test-picture", None), IMAGERY_BAR),
    "imagery_pain_rated": v.Screen(v.ImageryPainView(
        "Imagine moving your hand", 2, 6, "thumb up", "test-picture", 3), IMAGERY_BAR),
    "imagery_summary": v.Screen(v.ImagerySummaryView(
        "Imagine moving your hand",
        (v.ImageryPictureFigures("fist", "done", 3, 3, (4210.0, 3980.5, 4102.3), 4102.3, 4800.0, 0),
         v.ImageryPictureFigures("thumb up", "done", 3, 3, (5120.0, 4870.0, 4655.0), 4870.0, None, 3),
         v.ImageryPictureFigures("pinch", "skipped", 0, 3, (), None, 3900.0, None),
         v.ImageryPictureFigures("spread", "skipped", 1, 3, (6400.0,), 6400.0, 5100.0, 6),
         v.ImageryPictureFigures("pointing", "timed_out", 2, 3, (3300.0, 3500.0), 3400.0, None, 0),
         v.ImageryPictureFigures("flat", "done", 3, 3, (2900.0, 3100.0, 2800.0), 2900.0, 3300.0, 0),
         v.ImageryPictureFigures("relaxed curl", "done", 7, 7, (2900.0,) * 7, 2900.0, 3300.0, 0),
         v.ImageryPictureFigures("holding ball", "done", 3, 3, (2900.0,) * 3, 2900.0, None, 0),
         v.ImageryPictureFigures("claw", "done", 3, 3, (2900.0,) * 3, 2900.0, None, 0)),
        4102.3, 15, "Last time (20 Nov): median 4.6 s per movement; today 4.1 s. Blocks before "
        "this: 5.", "Imagining hurt for: spread, thumb up. Tell your therapist; those positions "
        "can be left out for a while."), IMAGERY_BAR),
    "note": v.Screen(v.NoteView("Anything to note? (optional)", "Type a note.",
                                "Felt a bit dizzy at the end", 500), v.SessionBar("Note", 880, 900)),
    "checklist": v.Screen(v.ChecklistView("Anything unusual during this session?", "Tick anything.",
                                          UNUSUAL_ITEMS, frozenset({"dizziness"}), 6),
                          v.SessionBar("Anything unusual?", 885, 900)),
    "summary": v.Screen(v.SummaryView("Session finished", (
        "Time practising: 14 min 32 s", "Pain: 6 before, 4 after (lower)",
        "Hands: left or right?: 83% correct, median 1.72 s", "Steps done: 3 of 3",
        "Everything is saved. Well done for practising today.")), v.SessionBar("Session summary", 890, 900)),
    "progress": v.Screen(v.ProgressView(
        "Progress: P017", ("When", "Status", "Time", "Pain before/after", "Left/right",
                           "Imagery"),
        (("Sun 22 Nov 10:02", "complete", "15 min", "6 -> 4", "83% 1.72 s", "4.1 s, 6 pics"),
         ("Sat 21 Nov 18:40", "incomplete", "4 min", "5 -> -", "20 pictures", "-")),
        "2 sessions recorded. Up/Down to scroll, Enter to go back.")),
    **{f"progress_{page}": _progress_screen(page)
       for page in ("adherence", "pain", "laterality", "imagery_mirror")},
    "progress_pages_table": v.Screen(v.ProgressView(
        "Progress: P017", ("When", "Status", "Time", "Pain before/after", "Left/right",
                           "Imagery"),
        (("Sun 22 Nov 10:02", "complete", "15 min", "6 -> 4", "83% 1.72 s", "4.1 s, 6 pics"),
         ("Sat 21 Nov 18:40", "incomplete", "4 min", "5 -> -", "20 pictures", "-")),
        "2 sessions recorded. Up/Down scroll the table.",
        ("Skipped a damaged session: sessions/P017/x/manifest.json cannot be read",),
        pages=("adherence", "pain", "laterality", "imagery_mirror", "table"), page=4)),
    "paused": v.Screen(v.PausedView(v.PainView("before", "How strong is your pain?", 4), "Paused",
                                    pause_options(DEFAULT_KEYS, "End the session"), 0),
                         v.SessionBar("Pain before", 3.0, 900.0)),
}


@pytest.fixture(scope="module")
def render():
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((1, 1))
    picture = _test_picture()

    def draw(screen: v.Screen) -> Canvas:
        canvas = Canvas(pygame.Surface(CANVAS), Theme(), Fonts())
        live = _live_frame() if isinstance(screen.view, MirrorView) else None
        draw_screen(canvas, screen, lambda file, rot, box: prepare_picture(picture, rot, box),
                    live=live)
        return canvas

    yield draw
    pygame.display.quit()


def test_every_session_screen_has_a_pause_button(render) -> None:
    for name, screen in SCREENS.items():
        canvas = render(screen)
        # The therapist's panel is not the patient's screen: its Pause / resume button
        # pauses the patient's session, and is off while none runs.
        assert any(hit.action == act.PAUSE for hit in canvas.hits) or name == "paused" \
            or name.startswith("supervisor"), name


def test_laterality_screen_answers_by_buttons_and_by_mouse_buttons(render) -> None:
    canvas = render(SCREENS["laterality_picture"])
    actions = {hit.action for hit in canvas.hits}
    assert {act.LEFT, act.RIGHT} <= actions
    assert canvas.click_fallback == {1: (act.LEFT, None), 3: (act.RIGHT, None)}


def test_paused_screen_only_offers_its_own_buttons(render) -> None:
    canvas = render(SCREENS["paused"])
    assert [hit.value for hit in canvas.hits] == ["resume", "end"]


def test_nothing_is_drawn_outside_the_canvas(render) -> None:
    """Text that runs off the edge shows as lit pixels in the outermost columns and rows."""
    for name, screen in SCREENS.items():
        if name in ("paused", "imagery_eyes_closed") or name.startswith("mirror_live"):  # dimmed, or the camera fills it
            continue
        surface = render(screen).surface
        pixels = pygame.surfarray.array3d(surface)
        background = np.array(Theme().background)
        for edge in (pixels[0, 80:], pixels[-1, 80:], pixels[:, -1]):
            assert np.all(np.abs(edge.astype(int) - background).sum(axis=1) < 30), name


def test_imagery_screens_offer_done_skip_and_replay_by_button(render) -> None:
    ready = {(h.action, h.value) for h in render(SCREENS["imagery_ready"]).hits}
    assert {(act.CONFIRM, None), (act.SELECT, "skip"), (act.SELECT, "replay")} <= ready
    moving = render(SCREENS["imagery_moving"])
    assert (act.SELECT, "replay") not in {(h.action, h.value) for h in moving.hits}
    assert moving.click_fallback == {1: (act.CONFIRM, None)}  # a click anywhere: done
    pain = {(h.action, h.value) for h in render(SCREENS["imagery_pain"]).hits}
    assert {(act.SELECT, 0), (act.SELECT, 10), (act.CONFIRM, None)} <= pain
    rated = {(h.action, h.value) for h in render(SCREENS["imagery_pain_rated"]).hits}
    assert {(act.SELECT, "skip"), (act.CONFIRM, None)} <= rated


def test_eyes_closed_screen_is_dark(render) -> None:
    def brightness(name: str) -> float:
        pixels = pygame.surfarray.array3d(render(SCREENS[name]).surface)[:, 80:]
        return float(pixels.mean())
    assert brightness("imagery_eyes_closed") < 0.4 * brightness("imagery_moving")


LARGE_TEXT = ("pain", "laterality_summary", "safety", "camera_problem", "home_alert", "checklist",
              "laterality_summary_parts", "laterality_neck_picture")


@pytest.mark.parametrize("name", LARGE_TEXT)
def test_large_text_is_shrunk_to_fit_rather_than_run_off_the_edges(render, name: str) -> None:
    from gmi_trainer.ui.theme import theme_for

    canvas = Canvas(pygame.Surface(CANVAS), theme_for(False, 1.5), Fonts(1.5))
    draw_screen(canvas, SCREENS[name], lambda file, rot, box: prepare_picture(_test_picture(), rot, box))
    pixels = pygame.surfarray.array3d(canvas.surface).astype(int)
    background = np.array(canvas.theme.background)
    assert np.all(np.abs(pixels[0, 80:] - background).sum(axis=1) < 30)
    assert np.all(np.abs(pixels[-1, 80:] - background).sum(axis=1) < 30)


def test_turned_picture_has_a_smooth_outline_without_a_dark_fringe(render) -> None:
    """Scaling and turning must not pull the transparent background's black into the limb."""
    skin = (200, 150, 120)
    image = pygame.Surface((120, 160), pygame.SRCALPHA)
    image.fill((0, 0, 0, 0))
    pygame.draw.ellipse(image, skin, (10, 10, 100, 140))
    turned = prepare_picture(image, 30, 200)
    rgb = pygame.surfarray.array3d(turned).astype(int)
    alpha = pygame.surfarray.array_alpha(turned).astype(int)
    outline = (alpha > 40) & (alpha < 235)  # (below that, 8-bit rounding alone moves the colour)
    assert outline.sum() > 200  # a soft, filtered edge, not a stair-step cut-out
    assert np.abs(rgb[outline] - np.array(skin)).max() < 16


def test_the_limb_fills_at_least_half_of_its_card_at_every_rotation(render) -> None:
    """Every medium-tone right picture of each part at four rotations: the limb's bounding box
    covers at least half the card drawn behind it (cropped and scaled to the limb; before
    this, a hand's box covered about a fifth of a fixed card), and one picture keeps one
    size at every rotation (its circle round the limb fills the picture box)."""
    from gmi_trainer.stimuli.library import load_library
    from gmi_trainer.ui.screens.laterality import LIMB_ALPHA, PICTURE_BOX, picture_card

    largest = pygame.Rect(0, 0, 640, 600)
    largest.center = (640, 430)
    worst = 1.0
    for stimulus in load_library(MEDIA).select(skin_tone="medium", sides=["right"]):
        image = pygame.image.load(str(stimulus.file)).convert_alpha()
        sizes = set()
        for rotation in (0, 45, 90, 135):
            shown = prepare_picture(image, rotation, PICTURE_BOX)
            card = picture_card(shown, largest.center, largest)
            limb = shown.get_bounding_rect(min_alpha=LIMB_ALPHA)
            assert largest.contains(card) and limb.w <= card.w and limb.h <= card.h
            worst = min(worst, limb.w * limb.h / (card.w * card.h))
            if rotation in (0, 90):
                sizes.add(tuple(sorted(limb.size)))
        assert len(sizes) == 1 or max(abs(a - b) for a, b in zip(*sizes)) <= 2, stimulus.id
    assert worst >= 0.5, worst


@pytest.mark.parametrize("camera", [(640, 480), (1280, 720), (1920, 1080), (480, 640)])
def test_mirror_picture_is_shown_whole_and_the_panel_never_covers_it(camera) -> None:
    """Hands and feet are usually low in a webcam's picture: no crop, no panel over them."""
    from gmi_trainer.ui.screens.bar import BAR_HEIGHT
    from gmi_trainer.ui.screens.mirror import mirror_layout

    area = pygame.Rect(0, BAR_HEIGHT, CANVAS[0], CANVAS[1] - BAR_HEIGHT)
    shown, panel = mirror_layout(area, camera)
    assert area.contains(shown) and area.contains(panel)
    assert not shown.colliderect(panel)
    assert abs(shown.w / shown.h - camera[0] / camera[1]) < 0.01  # the whole picture, unstretched
    assert panel.w >= 280 and panel.h >= 150  # room for the prompt and the figures
    assert shown.h >= 0.7 * area.h or shown.w >= 0.75 * area.w  # still a large picture


def test_answer_buttons_name_the_patients_own_keys_a_pedal_key_too() -> None:
    from gmi_trainer.profiles.model import DEFAULT_KEYS

    canvas = Canvas(pygame.Surface(CANVAS), Theme(), Fonts(), keys=dict(DEFAULT_KEYS))
    assert canvas.key_hint(act.LEFT, "-") == "(Left arrow / A)"  # as the stored pictures say
    assert canvas.key_hint(act.RIGHT, "-") == "(Right arrow / L)"
    canvas.keys["left"] = ("left", "a", "page up")
    assert canvas.key_hint(act.LEFT, "-") == "(Left arrow / A / Page up)"
    assert Canvas(pygame.Surface(CANVAS), Theme(), Fonts()).key_hint(act.LEFT, "(x)") == "(x)"
