"""The patient's own pictures: posture matching, the still hold, the flow, the stored set,
where a session takes its pictures from, the screens, and the whole capture end to end on a
recorded clip (tests/capture_clip.py says what the clip is)."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest

from gmi_trainer.capture import own_set
from gmi_trainer.capture.pose_match import MATCH_TOLERANCE, Stillness, shape_distance
from gmi_trainer.core import inputs as act
from gmi_trainer.core.capture import (
    CAPTURE_LOOK,
    CAPTURE_TAKEN,
    CONFIRM_DELETE,
    DONE,
    INTRO,
    LOOKING,
    SHOW_TAKEN_S,
    TAKEN,
    CaptureFlow,
    CaptureLook,
    CaptureServices,
    CaptureTaken,
    CaptureTarget,
)
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.picture_source import OWN_MISSING, pictures_for
from gmi_trainer.core.views import PausedView
from gmi_trainer.stimuli.library import Stimulus

PROJECT = Path(__file__).resolve().parents[1]

# A right hand's 21 landmarks, roughly flat and spread (pixels), and an asymmetric posture.
FLAT = np.array([[0, 0], [-30, -20], [-50, -45], [-62, -70], [-70, -92], [-22, -95], [-26, -135],
                 [-28, -160], [-30, -180], [0, -100], [0, -145], [0, -172], [0, -195], [20, -95],
                 [24, -135], [26, -158], [28, -176], [38, -85], [46, -115], [52, -135],
                 [56, -150]], float)


def _turned(points: np.ndarray, angle_deg: float, scale: float, shift: tuple[float, float]) -> np.ndarray:
    a = np.radians(angle_deg)
    rotation = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    return points @ rotation.T * scale + np.array(shift)


# -- matching and the still hold ------------------------------------------------------------
def test_a_posture_matches_itself_turned_moved_and_scaled_but_not_its_mirror_image() -> None:
    assert shape_distance(_turned(FLAT, 25, 1.7, (300, 200)), FLAT) < 1e-6
    mirrored = FLAT * np.array([-1.0, 1.0])  # the palm view of the same hand
    assert shape_distance(mirrored, FLAT) > MATCH_TOLERANCE
    fist = FLAT.copy()
    fist[[6, 7, 8, 10, 11, 12, 14, 15, 16, 18, 19, 20]] *= 0.45  # fingers curled in
    assert shape_distance(fist, FLAT) > MATCH_TOLERANCE


def test_the_hold_fills_in_0_7_s_of_stillness_and_starts_again_when_the_hand_moves() -> None:
    still = Stillness()
    rng = np.random.default_rng(1)
    held = [still.add(i / 30, FLAT + rng.normal(0, 0.8, FLAT.shape), True) for i in range(22)]
    assert held[0] == 0.0 and 0.4 < held[12] < 0.7 and held[21] == 1.0
    # A move of a fifth of the hand (20 px on a 100 px hand) starts the hold again.
    assert still.add(22 / 30, FLAT + 20.0, True) == 0.0
    assert still.add(23 / 30, FLAT + 20.0, False) == 0.0  # not the posture: no hold


# -- the flow -------------------------------------------------------------------------------
TARGETS = [CaptureTarget("flat:back", "Flat, back", "flat.png"),
           CaptureTarget("fist:back", "Fist, back", "fist.png"),
           CaptureTarget("spread:palm", "Spread, palm", "spread.png")]


def _flow(start_at_intro: bool = True, deleted: list[int] | None = None) -> CaptureFlow:
    store = deleted if deleted is not None else []
    services = CaptureServices(summary=lambda: "No own pictures yet.",
                               delete=lambda: store.append(1) or 4, has_pictures=lambda: True)
    return CaptureFlow(TARGETS, services, "right hand", start_at_intro=start_at_intro)


def press(flow: CaptureFlow, action: str, value: object = None, t_s: float = 0.0) -> None:
    flow.handle(Input(action, t_s, value, "mouse" if action == act.SELECT else "key"))


def test_the_capture_takes_skips_retakes_and_ends_by_keys_alone() -> None:
    flow = _flow()
    assert flow.screen(0).view.stage == INTRO
    press(flow, act.CONFIRM)  # "Take my pictures" has the focus
    view = flow.screen(0).view
    assert view.stage == LOOKING and view.target.key == "flat:back" and view.number == 1
    press(flow, act.CONFIRM)  # Enter with no hand seen: told, nothing asked of the camera
    assert flow.screen(0).view.take_requests == 0 and "No hand" in flow.screen(0).view.hints
    press(flow, CAPTURE_LOOK, CaptureLook(True, 0.3, 0.0, "flat:back"))
    press(flow, act.CONFIRM)  # now the picture is asked for
    assert flow.screen(0).view.take_requests == 1
    press(flow, CAPTURE_TAKEN, CaptureTaken("flat:back", ("a.png", "b.png")), t_s=10.0)
    assert flow.screen(10).view.stage == TAKEN
    press(flow, act.LEFT)  # take it again
    assert flow.screen(10).view.stage == LOOKING and flow.screen(10).view.target.key == "flat:back"
    press(flow, CAPTURE_TAKEN, CaptureTaken("flat:back", ("a.png", "b.png")), t_s=11.0)
    flow.tick(11.0 + SHOW_TAKEN_S)  # shown for a moment, then the next posture by itself
    assert flow.screen(13).view.target.key == "fist:back"
    press(flow, act.RIGHT)  # skip the fist
    assert flow.screen(13).view.target.key == "spread:palm"
    press(flow, act.SKIP)
    view = flow.screen(13).view
    assert view.stage == DONE and "1 of 3 postures taken" in view.body and "2 not taken" in view.body
    press(flow, act.CONFIRM)
    assert flow.finished and set(flow.taken) == {"flat:back"}


def test_the_capture_works_by_mouse_alone_and_pause_is_one_key_or_click_away() -> None:
    deleted: list[int] = []
    flow = _flow(deleted=deleted)
    press(flow, act.SELECT, "delete")
    assert flow.screen(0).view.stage == CONFIRM_DELETE and flow.screen(0).view.focus == 1
    press(flow, act.SELECT, "yes")
    assert deleted == [1] and "Deleted 4 pictures" in flow.screen(0).view.hints
    press(flow, act.SELECT, "start")
    press(flow, act.PAUSE)
    assert isinstance(flow.screen(0).view, PausedView)
    press(flow, act.PAUSE)  # the pause key again resumes
    assert flow.screen(0).view.stage == LOOKING
    press(flow, act.SELECT, "skip")
    press(flow, act.SELECT, "previous")
    assert flow.screen(0).view.target.key == "flat:back"
    press(flow, act.SELECT, "finish")
    assert flow.screen(0).view.stage == DONE
    press(flow, act.SELECT, "back")
    assert flow.finished


class _FakeHands:
    """Hands a scripted landmark set per frame (None: no hand)."""

    def __init__(self, script: list[np.ndarray | None]) -> None:
        self.script = script

    def process(self, frame: object) -> object:
        from types import SimpleNamespace

        points = self.script.pop(0)
        return None if points is None else SimpleNamespace(xy_px=points, side="right", score=0.9)


def test_a_posture_held_on_past_its_picture_is_not_taken_again_under_the_next_name() -> None:
    from gmi_trainer.capture.engine import CaptureEngine
    from gmi_trainer.capture.targets import Target
    from gmi_trainer.frames.frame import Frame

    flat, spread = _stimulus("hand", "right"), _stimulus("hand", "right")
    engine = CaptureEngine(None, None, "right", lambda file: np.zeros((4, 4, 4), np.uint8), None)
    first, second = Target("flat", "back", flat), Target("flat", "side", spread)
    # The library's landmarks for both: the same shape, as a flat hand from the back and
    # from the thumb side nearly are.
    engine._landmarks = {str(flat.file): FLAT}
    frames = [Frame(np.zeros((8, 8, 3), np.uint8), i / 30, i) for i in range(80)]
    engine.hands = _FakeHands([_turned(FLAT, 3, 1.0, (200, 300))] * 30 + [None] + [FLAT + 100.0] * 30)
    looks = [engine.look(frames[i], [first]) for i in range(25)]
    assert looks[-1].ready
    engine._last_taken = looks[-1].points_px  # what take() keeps, without cutting anything out
    engine.still.reset()
    still_held = [engine.look(frames[i], [second]) for i in range(25, 30)]
    assert all(look.waiting_for_change and look.held == 0 for look in still_held)
    assert not engine.look(frames[30], [second]).hand_found  # the hand went away...
    again = [engine.look(frames[i], [second]) for i in range(31, 60)]
    assert again[-1].ready and not again[-1].waiting_for_change  # ...and came back: taken


# -- the stored set -------------------------------------------------------------------------
def test_the_set_is_owner_only_labelled_with_sides_and_deleted_whole(tmp_path: Path) -> None:
    taken_at = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    own_set.save_pair(tmp_path, "P1", "fist", "back", "right", b"captured", b"twin", taken_at)
    entries = own_set.save_pair(tmp_path, "P1", "flat", "palm", "right", b"c2", b"t2", taken_at)
    own_set.save_pair(tmp_path, "P1", "fist", "back", "right", b"again", b"again-twin", taken_at)
    folder = own_set.folder(tmp_path, "P1")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())
    assert len(entries) == 4 and (folder / "own-hand-right-fist-back.png").read_bytes() == b"again"
    pictures = {p.id: p for p in own_set.stimuli(tmp_path, "P1")}
    assert set(pictures) == {"own-hand-right-fist-back", "own-hand-left-fist-back",
                             "own-hand-right-flat-palm", "own-hand-left-flat-palm"}
    twin = pictures["own-hand-left-fist-back"]
    assert twin.side == "left" and twin.skin_tone == "own" and twin.file.read_bytes() == b"again-twin"
    assert "2 of your own pictures" in own_set.summary(tmp_path, "P1")
    assert own_set.delete(tmp_path, "P1") == 4 and not folder.exists()
    assert own_set.stimuli(tmp_path, "P1") == []


def test_a_damaged_set_is_named_never_shown(tmp_path: Path) -> None:
    own_set.save_pair(tmp_path, "P1", "fist", "back", "right", b"c", b"t", datetime.now())
    manifest = own_set.folder(tmp_path, "P1") / own_set.MANIFEST
    data = json.loads(manifest.read_text())
    data["pictures"][0]["file"] = "../../profile.json"
    manifest.write_text(json.dumps(data))
    with pytest.raises(own_set.OwnPicturesError, match="wrong label or file name"):
        own_set.stimuli(tmp_path, "P1")


# -- which pictures a session shows ----------------------------------------------------------
def _stimulus(part: str, side: str, tone: str = "medium") -> Stimulus:
    return Stimulus(f"{part}-{side}-{tone}", Path("x.png"), part, side, "back", "flat", tone)


def test_a_plan_chooses_drawn_own_or_both_and_says_when_it_falls_back() -> None:
    drawn = [_stimulus("hand", "left"), _stimulus("hand", "right"), _stimulus("foot", "left")]
    own = [_stimulus("hand", "left", "own"), _stimulus("hand", "right", "own")]
    assert pictures_for("rendered", drawn, own) == (drawn, "")
    chosen, notice = pictures_for("own", drawn, own)
    assert notice == "" and {p.id for p in chosen} == {"foot-left-medium", "hand-left-own", "hand-right-own"}
    assert len(pictures_for("mixed", drawn, own)[0]) == 5
    assert pictures_for("own", drawn, []) == (drawn, OWN_MISSING)


def test_the_plan_key_is_checked(tmp_path: Path) -> None:
    from gmi_trainer.plans.loader import PlanError, load_plan

    text = (PROJECT / "exercises" / "default.toml").read_text()
    good = tmp_path / "own.toml"
    good.write_text(text.replace("version = 1", 'version = 1\npictures = "own"', 1))
    assert load_plan(good).pictures == "own"
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("version = 1", 'version = 1\npictures = "mine"', 1))
    with pytest.raises(PlanError, match="pictures.*rendered, own, mixed"):
        load_plan(bad)


# -- the screens ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def draw():
    import pygame

    from gmi_trainer.ui.screens import draw_screen
    from gmi_trainer.ui.screens.laterality import prepare_picture
    from gmi_trainer.ui.theme import Fonts, Theme, canvas_size
    from gmi_trainer.ui.widgets import Canvas

    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((1, 1))
    hand = pygame.image.load(str(PROJECT / "media/hand/right/hand-right-fist-back-medium.png"))

    def render(flow: CaptureFlow, text_scale: float, live: object = None) -> Canvas:
        canvas = Canvas(pygame.Surface(canvas_size((1366, 768))), Theme(text_scale=text_scale),
                        Fonts(text_scale))
        draw_screen(canvas, flow.screen(0), lambda file, rot, box: prepare_picture(hand, rot, box),
                    live=live)
        return canvas

    yield render
    pygame.display.quit()


def _overlapping(canvas: object) -> list[str]:
    boxes = [(t.text, t.rect) for t in canvas.texts]  # type: ignore[attr-defined]
    return [f"{a!r} overlaps {b!r}" for i, (a, ra) in enumerate(boxes)
            for b, rb in boxes[i + 1:] if ra.colliderect(rb)]


@pytest.mark.parametrize("text_scale", [1.0, 1.5])
def test_every_capture_screen_has_pause_and_its_buttons_and_no_text_overlaps(draw, text_scale: float) -> None:
    from types import SimpleNamespace

    live = SimpleNamespace(image=np.full((480, 640, 3), 90, np.uint8), frame=SimpleNamespace(index=3))
    flow = _flow()
    pages = {}
    pages[INTRO] = draw(flow, text_scale)
    press(flow, act.CONFIRM)
    press(flow, CAPTURE_LOOK, CaptureLook(True, 0.8, 0.5, "flat:back"))
    pages[LOOKING] = draw(flow, text_scale, live)
    press(flow, CAPTURE_TAKEN, CaptureTaken("flat:back", ("a.png", "b.png")))
    pages[TAKEN] = draw(flow, text_scale)
    press(flow, act.SELECT, "next")
    press(flow, act.SELECT, "finish")
    pages[DONE] = draw(flow, text_scale)
    for stage, canvas in pages.items():
        actions = {(hit.action, hit.value) for hit in canvas.hits}
        assert (act.PAUSE, None) in actions, stage
        assert not _overlapping(canvas), (stage, _overlapping(canvas))
    looking = {hit.value for hit in pages[LOOKING].hits if hit.action == act.SELECT}
    assert looking == {"previous", "take", "skip", "finish"}
    assert {hit.value for hit in pages[TAKEN].hits if hit.action == act.SELECT} == {"retake", "next"}


# -- end to end on a recorded clip -----------------------------------------------------------
def _gmi(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gmi_trainer", *args], capture_output=True,
                          text=True, input=stdin, cwd=PROJECT, timeout=600)


@pytest.mark.slow
def test_capture_from_a_clip_then_a_session_with_own_pictures_then_archive_and_delete(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from capture_clip import make_clip

    data = tmp_path / "data"
    assert _gmi("patient", "create", "P1", "--affected", "left-hand", "--data-dir", str(data)).returncode == 0
    right = PROJECT / "media" / "hand" / "right"
    wanted = ["flat-back", "thumb_up-side", "spread-palm"]  # in the order they are asked for
    clip = make_clip(tmp_path / "clip.avi", [right / f"hand-right-{w}-medium.png" for w in wanted],
                     hold_s=3.0)
    done = _gmi("capture", "--patient", "P1", "--camera", str(clip), "--headless",
                "--only", "flat:back,thumb_up:side,spread:palm", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    assert "3 of 3 postures taken" in done.stdout, done.stdout
    folder = data / "P1" / "own-pictures"
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(["manifest.json"] + [f"own-hand-{side}-{w}.png" for w in wanted
                                                for side in ("left", "right")])
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE((folder / n).stat().st_mode) == 0o600 for n in names)
    # Nothing else from the camera was written anywhere in the data folder.
    written = sorted(str(p.relative_to(data)) for p in data.rglob("*") if p.is_file())
    assert written == sorted(["P1/profile.json"] + [f"P1/own-pictures/{n}" for n in names])

    # The cut-out is the hand: on this clip (the library's own drawing pasted on a photograph)
    # its silhouette must lie on the drawing's, and the twin is its exact mirror image. The
    # photograph is a hard one: coffee the colour of skin between spread fingers (measured:
    # flat 0.92, spread palm 0.85, thumb up from the side 0.74 of the drawing's outline on the
    # first drawings; since the fist family was drawn again with a wrapping thumb, thumb up
    # from the side lines up less well: 0.66, the cut-out set a little low and to the left).
    from PIL import Image

    overlaps = {}
    for w in wanted:
        own = np.array(Image.open(folder / f"own-hand-right-{w}.png"))[..., 3] > 127
        drawn = np.array(Image.open(right / f"hand-right-{w}-medium.png"))[..., 3] > 127
        overlaps[w] = (own & drawn).sum() / (own | drawn).sum()
        twin = np.array(Image.open(folder / f"own-hand-left-{w}.png"))
        assert (twin == np.array(Image.open(folder / f"own-hand-right-{w}.png"))[:, ::-1]).all()
    assert min(overlaps.values()) > 0.6 and np.mean(list(overlaps.values())) > 0.78, overlaps

    # A session whose plan asks for own pictures shows them, both sides, turned as planned.
    plan = tmp_path / "own.toml"
    plan.write_text('version = 1\nname = "own"\ntitle = "Own hands"\npictures = "own"\n'
                    '[[laterality]]\nbody_parts = ["hand"]\nviews = ["back", "palm", "side"]\n'
                    'rotations_deg = [0, 90, 180, 270]\ntrials = 24\npractice_trials = 0\n')
    run = _gmi("run", "--headless", "--autopilot", "correct", "--data-dir", str(data),
               "--patient", "P1", "--plan", str(plan))
    assert run.returncode == 0, run.stderr
    session = next(p for p in (data / "P1").iterdir() if p.name[0].isdigit())
    rows = [json.loads(line) for line in (session / "trials.jsonl").read_text().splitlines()]
    assert len(rows) == 24 and all(r["picture_id"].startswith("own-hand-") for r in rows)
    assert all(r["skin_tone"] == "own" and r["picture_id"].startswith(f"own-hand-{r['true_side']}-")
               for r in rows)
    assert {r["true_side"] for r in rows} == {"left", "right"}
    assert {r["rotation_deg"] for r in rows} == {0, 90, 180, 270}
    manifest = json.loads((session / "manifest.json").read_text())
    assert manifest["pictures"] == {"source": "own", "own": 6, "notice": None}
    from gmi_trainer.records.reader import read_patient

    sessions, warnings = read_patient(data, "P1")
    assert len(sessions) == 1 and warnings == []  # the pictures' folder is not a session

    # Archives leave them out unless the therapist includes them.
    plain, with_own = tmp_path / "plain.zip", tmp_path / "with-own.zip"
    assert _gmi("archive", "export", "--patient", "P1", "--out", str(plain),
                "--data-dir", str(data)).returncode == 0
    assert not [n for n in zipfile.ZipFile(plain).namelist() if "own-pictures" in n]
    assert _gmi("archive", "export", "--patient", "P1", "--out", str(with_own),
                "--include-own-pictures", "--data-dir", str(data)).returncode == 0
    assert len([n for n in zipfile.ZipFile(with_own).namelist() if "own-pictures" in n]) == 7
    elsewhere = tmp_path / "clinic"
    imported = _gmi("archive", "import", str(with_own), "--data-dir", str(elsewhere))
    assert "own pictures: added 6" in imported.stdout, imported.stdout
    assert stat.S_IMODE((elsewhere / "P1" / "own-pictures").stat().st_mode) == 0o700
    csv = _gmi("export", "--patient", "P1", "--format", "csv", "--data-dir", str(data)).stdout
    assert "own-hand-" in csv and "PNG" not in csv  # the rows name the pictures, nothing more

    # Deleted by command; the next session says it uses the drawn pictures.
    refused = _gmi("capture", "--patient", "P1", "--delete", "--data-dir", str(data), stdin="no\n")
    assert refused.returncode == 1 and folder.exists()
    deleted = _gmi("capture", "--patient", "P1", "--delete", "--yes", "--data-dir", str(data))
    assert deleted.returncode == 0 and "Deleted 6 pictures" in deleted.stdout and not folder.exists()
    again = _gmi("run", "--headless", "--autopilot", "correct", "--data-dir", str(data),
                 "--patient", "P1", "--plan", str(plan))
    assert again.returncode == 0, again.stderr
    latest = max(p for p in (data / "P1").iterdir() if p.name[0].isdigit())
    manifest = json.loads((latest / "manifest.json").read_text())
    assert manifest["pictures"]["notice"] == OWN_MISSING
    rows = [json.loads(line) for line in (latest / "trials.jsonl").read_text().splitlines()]
    assert rows and not any(r["picture_id"].startswith("own-") for r in rows)
