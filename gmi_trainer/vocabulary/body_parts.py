"""The body-part table: every fact the program keeps about a kind of body part, in one entry.

Plans, pictures, profiles, phases, screens and the renderer all read this table, so adding a
body part is one entry here plus its geometry module (a `scene(posture)` function named in
`Render.scene`). Pure data with no heavy imports: the core reads it too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, NamedTuple

from gmi_trainer.i18n import N_, _
from gmi_trainer.vocabulary.movements import HAND_TRACKER, POSE_TRACKER
from gmi_trainer.vocabulary.targets import ACCURACY, SPEED

SIDES: tuple[str, ...] = ("left", "right")

# What a left/right block shows: plain pictures, everyday scenes (BodyPart.scenes), or both.
CONTEXTS: tuple[str, ...] = ("plain", "scene", "mixed")

# Ordered from lightest to darkest; the colours themselves live in stimuli/shading.py.
SKIN_TONES: tuple[str, ...] = ("light", "medium", "tan", "dark")
# How each tone is named on a screen (the profile and the picture files keep the ids above).
SKIN_TONE_WORDS: dict[str, str] = {"light": N_("light"), "medium": N_("medium"),
                                   "tan": N_("tan"), "dark": N_("dark")}
# Where a plan's pictures come from: the drawn library, the patient's own hand (taken with
# the webcam, `gmi-trainer capture`; hands only, the other parts stay drawn), or both.
PICTURE_SOURCES: tuple[str, ...] = ("rendered", "own", "mixed")
# The `skin_tone` of an own picture in the records: the patient's own skin, whatever it is.
OWN_SKIN_TONE = "own"
# The part own pictures are taken of: MediaPipe's hand tracker checks a hand's posture;
# nothing here can check a foot's.
OWN_PICTURE_PART = "hand"

Vector = tuple[float, float, float]


def other_side(side: str) -> str:
    return "right" if side == "left" else "left"


@dataclass(frozen=True)
class Render:
    """What the ray tracer needs to draw a body part (stimuli/build.py, stimuli/viewpoints.py)."""

    # "module:function" giving the part's Scene for a posture name. A string, so this table
    # stays light: only the renderer imports the geometry.
    scene: str
    # Every picture of one part has the same scale so sizes stay true between postures.
    px_per_mm: float
    # (forward, up) of the camera for each view, in the part's own frame (see its geometry
    # module). Pictures are upright at 0 degrees: fingers or toes towards the top.
    cameras: Mapping[str, tuple[Vector, Vector]]
    # "module:function" giving the Scene of a scene posture (BodyPart.scenes), if any.
    context_scene: str = ""
    # "module:function" giving, for two posture names, their poses (joint angles) and what
    # makes a scene of a pose: the imagery demonstration interpolates between them.
    poses: str = ""


@dataclass(frozen=True)
class BodyPart:
    name: str  # in plans, picture files and records: "hand"
    noun: str  # in sentences: "Just watch the hand in the mirror"
    plural: str  # "two healthy hands"
    # The part and the limb it ends, on choices and profile screens ("Left hand or arm"): a
    # patient chooses a limb, and the pictures show its end.
    limb_words: str
    postures: tuple[str, ...]
    # Views name what faces the camera.
    views: tuple[str, ...]
    # The view a patient has of their own limb when they look down at it: easiest to imagine,
    # so imagery shows it first.
    preferred_view: str
    neutral_posture: str  # the resting posture an imagery demonstration starts from
    # Left/right judgement targets (names in vocabulary/targets.py) shown after a block of
    # this part's pictures.
    laterality_targets: tuple[str, ...]
    # Trackers that follow this limb in the mirror: the pose tracker finds the body midline
    # and the limb's big joints; the hand tracker sees fingers.
    mirror_trackers: tuple[str, ...]
    # True when MediaPipe Hands can name the side of this part's pictures, so
    # `gmi-trainer media verify` checks their left/right labels with it.
    pictures_verified_by_hand_tracker: bool
    render: Render
    # A limb a patient can name as affected (hand or foot, which stand for the whole arm or
    # leg); the other parts are trained and imagined, but not chosen as "the affected part".
    patient_chooses: bool = False
    # False for a part there is one of (neck, back): its "left" and "right" are the way the
    # person turns or bends, to their OWN left or right, and the screens say so.
    paired: bool = True
    # Postures drawn in an everyday scene (a hand holding a cup), each with its own views:
    # a plan's `context` chooses between these and the plain postures.
    scenes: tuple["ScenePosture", ...] = ()
    # How a demonstration's starting picture is named: "a flat hand" ("": no demonstration).
    neutral_words: str = ""
    # The posture a demonstration of the resting posture itself starts from (a flat hand
    # opens from a relaxed curl), so every picture has a movement to show ("": none).
    resting_demo_from: str = ""
    # Unpaired parts: how the picture moves ("turned or tilted").
    movement_words: str = ""
    # The views a left/right block shows when its plan names none (empty: all of them).
    laterality_views: tuple[str, ...] = ()
    # Where the mirror line comes from: "trunk" (mid-shoulders and mid-hips) for the arms;
    # "legs" (mid-hips, knees and ankles; seated, camera low) for the legs.
    mirror_midline: str = "trunk"

    @property
    def all_postures(self) -> tuple[str, ...]:
        """Plain postures, then the scene postures."""
        return self.postures + tuple(s.name for s in self.scenes)

    def views_of(self, posture: str) -> tuple[str, ...]:
        """The views a posture is drawn in: all of the part's, or the scene's own."""
        for s in self.scenes:
            if s.name == posture:
                return s.views
        return self.views

    def is_scene(self, posture: str) -> bool:
        return any(s.name == posture for s in self.scenes)


@dataclass(frozen=True)
class ScenePosture:
    """A posture drawn with an everyday object (a context picture)."""

    name: str  # "holding_cup"
    views: tuple[str, ...]  # the part's views that show it (a keyboard hides the palm)


HAND_POSTURES: tuple[str, ...] = (
    "flat",
    "fist",
    "pointing",
    "pinch",
    "thumb_up",
    "ok_sign",
    "spread",
    "claw",
    "two_fingers",
    "relaxed_curl",
    "holding_ball",
    "edge_on",
)
FOOT_POSTURES: tuple[str, ...] = (
    "flat",
    "pointed",
    "pulled_up",
    "toes_curled",
    "toes_spread",
    "turned_in",
    "turned_out",
    "tiptoe",
)

# A hand's "side" view looks at its thumb (radial) edge; a foot's "top" view is the owner's
# own view, looking down at the foot with the toes up.
HAND_VIEWS: tuple[str, ...] = ("back", "palm", "side")
FOOT_VIEWS: tuple[str, ...] = ("top", "sole", "inner", "outer")

# math.sin/cos give the same doubles as numpy's for these angles, so the pictures in media/
# are unchanged by the table living here rather than beside the ray tracer.
_S45 = math.sin(math.radians(45.0))
_C45 = math.cos(math.radians(45.0))
_S15 = math.sin(math.radians(15.0))
_C15 = math.cos(math.radians(15.0))

HAND_CAMERAS: dict[str, tuple[Vector, Vector]] = {
    "back": ((0.0, 0.0, -1.0), (0.0, 1.0, 0.0)),
    "palm": ((0.0, 0.0, 1.0), (0.0, 1.0, 0.0)),
    # From the thumb side, turned 45 degrees towards the back: the fingers do not hide behind
    # the index finger, and the knuckles and nails show whose hand it is.  Seen straight from
    # the thumb edge (or only 30 degrees round) a right hand and a mirrored left hand look
    # alike, to people and to MediaPipe, which often named the wrong hand for them.
    "side": ((_C45, 0.0, -_S45), (0.0, 1.0, 0.0)),
}
FOOT_CAMERAS: dict[str, tuple[Vector, Vector]] = {
    # The owner's view: from above, tilted 15 degrees so the shin runs out of the bottom edge.
    "top": ((0.0, -_S15, -_C15), (0.0, _C15, -_S15)),
    "sole": ((0.0, 0.0, 1.0), (0.0, 1.0, 0.0)),
    "inner": ((1.0, 0.0, 0.0), (0.0, 0.0, 1.0)),
    "outer": ((-1.0, 0.0, 0.0), (0.0, 0.0, 1.0)),
}

LEG_POSTURES: tuple[str, ...] = (
    "straight", "knee_bent", "sitting", "heel_to_buttock", "leg_raised", "leg_out", "turned_out",
    "step_forward", "knee_across",
)
ARM_POSTURES: tuple[str, ...] = (
    "forward", "forward_up", "sideways", "sideways_up", "behind_back", "across_chest",
    "elbow_bent", "waving",
)
# Neck and back: every posture moves to the person's own right (left pictures are mirrors).
NECK_POSTURES: tuple[str, ...] = (
    "turn_30", "turn_55", "turn_70", "tilt_20", "tilt_35", "turn_tilt", "turn_up", "turn_down",
)
BACK_POSTURES: tuple[str, ...] = (
    "lean_15", "lean_30", "twist_20", "twist_40", "lean_twist", "lean_twist_far", "bend_twist",
    "side_stretch",
)
# Whole-body views name where the viewer stands; "side" is from the front and the outer
# (right) side, 45 degrees round: seen straight from the side a right limb and a mirrored
# left one look alike, as for the hand's side view.
LEG_VIEWS: tuple[str, ...] = ("front", "side", "back")
ARM_VIEWS: tuple[str, ...] = ("front", "back", "side")
NECK_VIEWS: tuple[str, ...] = ("front", "back")
BACK_VIEWS: tuple[str, ...] = ("back", "front")

# Body frame of the whole-body pictures (stimuli/geometry_body.py): +X the person's right,
# +Y forwards, +Z up.  Pictures are upright at 0 degrees: the head (or hip) at the top.
BODY_CAMERAS: dict[str, tuple[Vector, Vector]] = {
    "front": ((0.0, -1.0, 0.0), (0.0, 0.0, 1.0)),
    "back": ((0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "side": ((-_S45, -_C45, 0.0), (0.0, 0.0, 1.0)),
}

_TABLE: tuple[BodyPart, ...] = (
    BodyPart(
        name="hand", noun=N_("hand"), plural=N_("hands"), limb_words=N_("hand or arm"),
        postures=HAND_POSTURES, views=HAND_VIEWS, preferred_view="back", neutral_posture="flat",
        laterality_targets=(ACCURACY, SPEED),
        mirror_trackers=(POSE_TRACKER, HAND_TRACKER),
        pictures_verified_by_hand_tracker=True,
        render=Render("gmi_trainer.stimuli.geometry_hand:scene", 1.35, HAND_CAMERAS,
                      "gmi_trainer.stimuli.geometry_context:scene",
                      "gmi_trainer.stimuli.geometry_hand:demo_poses"),
        patient_chooses=True, neutral_words=N_("a flat hand"), resting_demo_from="relaxed_curl",
        laterality_views=("back", "palm"),
        scenes=(ScenePosture("holding_cup", ("back", "side")),
                ScenePosture("on_keyboard", ("back", "side")),
                ScenePosture("turning_key", ("back", "side"))),
    ),
    BodyPart(
        name="foot", noun=N_("foot"), plural=N_("feet"), limb_words=N_("foot or leg"),
        postures=FOOT_POSTURES, views=FOOT_VIEWS, preferred_view="top", neutral_posture="flat",
        # The published norm for left/right judgement (European Pain Federation, CRPS
        # resource) is about 2 +/- 0.5 s and at least 80% correct for hands and feet alike;
        # the program has always judged foot blocks by accuracy only, and still does.
        laterality_targets=(ACCURACY,),
        mirror_trackers=(POSE_TRACKER,),
        pictures_verified_by_hand_tracker=False,
        render=Render("gmi_trainer.stimuli.geometry_foot:scene", 1.15, FOOT_CAMERAS,
                      "gmi_trainer.stimuli.geometry_context:scene",
                      "gmi_trainer.stimuli.geometry_foot:demo_poses"),
        patient_chooses=True, neutral_words=N_("a flat foot"), resting_demo_from="pulled_up",
        mirror_midline="legs",
        scenes=(ScenePosture("on_step", ("top", "inner", "outer")),
                ScenePosture("in_shoe", ("top", "inner", "outer")),
                ScenePosture("on_pedal", ("top", "inner", "outer"))),
    ),
    BodyPart(
        name="leg", noun=N_("leg"), plural=N_("legs"), limb_words=N_("leg"),
        postures=LEG_POSTURES, views=LEG_VIEWS, preferred_view="front", neutral_posture="straight",
        laterality_targets=(ACCURACY,),
        mirror_trackers=(POSE_TRACKER,),
        pictures_verified_by_hand_tracker=False,
        render=Render("gmi_trainer.stimuli.geometry_leg:scene", 0.30, BODY_CAMERAS,
                      poses="gmi_trainer.stimuli.geometry_leg:demo_poses"),
        neutral_words=N_("a straight leg"), resting_demo_from="knee_bent", mirror_midline="legs",
    ),
    BodyPart(
        name="arm", noun=N_("arm"), plural=N_("arms"), limb_words=N_("arm"),
        # No resting posture: with both arms hanging the right and left pictures are the same.
        postures=ARM_POSTURES, views=ARM_VIEWS, preferred_view="front", neutral_posture="",
        laterality_targets=(ACCURACY,),
        mirror_trackers=(POSE_TRACKER,),
        pictures_verified_by_hand_tracker=False,
        render=Render("gmi_trainer.stimuli.geometry_arm:scene", 0.235, BODY_CAMERAS),
    ),
    BodyPart(
        name="neck", noun=N_("head"), plural=N_("heads"), limb_words=N_("neck"),
        postures=NECK_POSTURES, views=NECK_VIEWS, preferred_view="back", neutral_posture="",
        laterality_targets=(ACCURACY, SPEED),
        mirror_trackers=(POSE_TRACKER,),
        pictures_verified_by_hand_tracker=False,
        render=Render("gmi_trainer.stimuli.geometry_neck:scene", 0.52,
                      {v: BODY_CAMERAS[v] for v in NECK_VIEWS}),
        paired=False, movement_words=N_("turned or tilted"),
    ),
    BodyPart(
        name="back", noun=N_("back"), plural=N_("backs"), limb_words=N_("back"),
        postures=BACK_POSTURES, views=BACK_VIEWS, preferred_view="back", neutral_posture="",
        laterality_targets=(ACCURACY,),
        mirror_trackers=(POSE_TRACKER,),
        pictures_verified_by_hand_tracker=False,
        render=Render("gmi_trainer.stimuli.geometry_back:scene", 0.27,
                      {v: BODY_CAMERAS[v] for v in BACK_VIEWS}),
        paired=False, movement_words=N_("bent or twisted"),
    ),
)

BODY_PART_TABLE: dict[str, BodyPart] = {part.name: part for part in _TABLE}
BODY_PARTS: tuple[str, ...] = tuple(BODY_PART_TABLE)
# Every posture a part is drawn in, the scene postures too.
POSTURES: dict[str, tuple[str, ...]] = {part.name: part.all_postures for part in _TABLE}
VIEWS: dict[str, tuple[str, ...]] = {part.name: part.views for part in _TABLE}


def default_laterality_views(parts: tuple[str, ...]) -> tuple[str, ...]:
    """The views a block of these parts shows when its plan names none, each given with its
    part ("hand:back", "arm:side"), since one view name can belong to several parts."""
    return tuple(f"{p}:{v}" for p in parts for v in (body_part(p).laterality_views or body_part(p).views))


def shows_view(views: tuple[str, ...], part: str, view: str) -> bool:
    """Whether a block's views include this part's view: by name ("side": every part's side
    view) or by part and name ("arm:side": the arm's only)."""
    return view in views or f"{part}:{view}" in views


def qualified_views() -> tuple[str, ...]:
    """Every "part:view" name a plan may use."""
    return tuple(f"{p.name}:{v}" for p in _TABLE for v in p.views)


def in_context(part: str, posture: str, context: str) -> bool:
    """Whether a picture of this posture belongs in a block with this `context`."""
    scene = body_part(part).is_scene(posture)
    return context == "mixed" or scene == (context == "scene")


def body_part(name: str) -> BodyPart:
    """The table entry for a body part; a name outside the table is a ValueError."""
    try:
        return BODY_PART_TABLE[name]
    except KeyError:
        raise ValueError(f"unknown body part {name!r} (known: {', '.join(BODY_PARTS)})") from None


class Affected(NamedTuple):
    """A patient's affected body part: a part of the table and a side, e.g. (hand, left)."""

    part: str
    side: str

    @property
    def choice(self) -> str:
        """How it is named on the command line and in option ids: "left-hand"."""
        return f"{self.side}-{self.part}"

    def words(self) -> str:
        """How it reads in a sentence, in the patient's language: "left hand or arm"."""
        phrase = AFFECTED_WORDS.get((self.side, self.part))
        return _(phrase) if phrase else f"{_(self.side)} {_(body_part(self.part).limb_words)}"


# Sides and parts named together, whole, so that each language can agree the side's word
# with the part's gender and case (in Russian "левая рука" but "левый глаз").
SIDE_WORDS = {"left": N_("left"), "right": N_("right")}
AFFECTED_WORDS: dict[tuple[str, str], str] = {
    ("left", "hand"): N_("left hand or arm"), ("right", "hand"): N_("right hand or arm"),
    ("left", "foot"): N_("left foot or leg"), ("right", "foot"): N_("right foot or leg"),
}
SIDE_PART_WORDS: dict[tuple[str, str], str] = {
    ("left", "hand"): N_("left hand"), ("right", "hand"): N_("right hand"),
    ("left", "foot"): N_("left foot"), ("right", "foot"): N_("right foot"),
    ("left", "leg"): N_("left leg"), ("right", "leg"): N_("right leg"),
    ("left", "arm"): N_("left arm"), ("right", "arm"): N_("right arm"),
}


def side_part_words(side: str, part: str) -> str:
    """'left hand' in the patient's language; for a part there is one of, its name alone."""
    phrase = SIDE_PART_WORDS.get((side, part))
    return _(phrase) if phrase else _(body_part(part).noun)


# Every (part, side) a patient can have, by command-line name: left-hand, right-hand, ...
AFFECTED_CHOICES: dict[str, Affected] = {
    affected.choice: affected
    for affected in (Affected(part.name, side) for part in _TABLE if part.patient_chooses
                     for side in SIDES)
}


# How each posture is named on screen ("thumb up"), for the patient's language.
POSTURE_WORDS: dict[str, str] = {
    "flat": N_("flat"), "fist": N_("fist"), "pointing": N_("pointing"), "pinch": N_("pinch"),
    "thumb_up": N_("thumb up"), "ok_sign": N_("ok sign"), "spread": N_("spread"),
    "claw": N_("claw"), "two_fingers": N_("two fingers"), "relaxed_curl": N_("relaxed curl"),
    "holding_ball": N_("holding ball"), "edge_on": N_("edge on"),
    "holding_cup": N_("holding cup"), "on_keyboard": N_("on keyboard"),
    "turning_key": N_("turning key"), "pointed": N_("pointed"), "pulled_up": N_("pulled up"),
    "toes_curled": N_("toes curled"), "toes_spread": N_("toes spread"),
    "turned_in": N_("turned in"), "turned_out": N_("turned out"), "tiptoe": N_("tiptoe"),
    "on_step": N_("on step"), "in_shoe": N_("in shoe"), "on_pedal": N_("on pedal"),
    "straight": N_("straight"), "knee_bent": N_("knee bent"), "sitting": N_("sitting"),
    "heel_to_buttock": N_("heel to buttock"), "leg_raised": N_("leg raised"),
    "leg_out": N_("leg out"), "step_forward": N_("step forward"),
    "knee_across": N_("knee across"), "forward": N_("forward"), "forward_up": N_("forward up"),
    "sideways": N_("sideways"), "sideways_up": N_("sideways up"),
    "behind_back": N_("behind back"), "across_chest": N_("across chest"),
    "elbow_bent": N_("elbow bent"), "waving": N_("waving"), "turn_30": N_("turn 30"),
    "turn_55": N_("turn 55"), "turn_70": N_("turn 70"), "tilt_20": N_("tilt 20"),
    "tilt_35": N_("tilt 35"), "turn_tilt": N_("turn tilt"), "turn_up": N_("turn up"),
    "turn_down": N_("turn down"), "lean_15": N_("lean 15"), "lean_30": N_("lean 30"),
    "twist_20": N_("twist 20"), "twist_40": N_("twist 40"), "lean_twist": N_("lean twist"),
    "lean_twist_far": N_("lean twist far"), "bend_twist": N_("bend twist"),
    "side_stretch": N_("side stretch"),
}


def posture_words(posture: str) -> str:
    """A posture as the patient reads it: "thumb up", "большой палец вверх"."""
    return _(POSTURE_WORDS.get(posture, posture.replace("_", " ")))
