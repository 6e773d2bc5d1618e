"""The body's midline from pose keypoints, and the filter that keeps the mirror line steady.

The mirror line must sit on the body's midline. A line through the cheek gives a narrow,
distorted face, and a line that wobbles with every tracking jitter breaks the illusion, so:
- the line comes from the trunk (mid-shoulders and mid-hips, each pair weighted by how
  surely the tracker sees it), or for the legs from mid-hips, mid-knees and mid-ankles;
- it is held to a narrow band around the middle of the shoulders (or hips), so a leaning
  trunk or a wrong hip cannot pull it onto the face;
- `MidlineFilter` smooths it with a One Euro filter (still: heavy smoothing, moving: light)
  and rejects implausible jumps (a tracker that grabs a bystander for one frame).
"""

from __future__ import annotations

from dataclasses import dataclass

from gmi_trainer.tracking.landmarks import Landmarks
from gmi_trainer.tracking.one_euro import OneEuroFilter

# The line may sit at most this fraction of the shoulder (hip) span either side of the
# middle of the shoulders (hips). The face spans roughly the middle third of the shoulder
# width, so the line stays within the face's central part, never on a cheek.
CENTRE_BAND = 0.12
# Pairs of keypoints whose middle lies on the midline, for the trunk and for the legs.
TORSO_PAIRS = (("left_shoulder", "right_shoulder"), ("left_hip", "right_hip"))
LEG_PAIRS = (("left_hip", "right_hip"), ("left_knee", "right_knee"), ("left_ankle", "right_ankle"))
# Near the frame's edge MediaPipe still guesses a keypoint; beyond this it is out of view.
EDGE_NORM = 0.01


@dataclass(frozen=True)
class Midline:
    """Where the line belongs in one frame, and the band it must stay in (all frame pixels)."""

    x_px: float
    low_px: float  # the band around the middle of the anchor pair (shoulders or hips)
    high_px: float

    def clamp(self, x_px: float) -> float:
        return min(max(x_px, self.low_px), self.high_px)


def _pair_middle(pose: Landmarks, pair: tuple[str, str], min_visibility: float) -> tuple[float, float, float] | None:
    """(middle x, weight, span) of a left/right pair, or None when either is not seen."""
    left, right = pair
    if not (pose.is_visible(left, min_visibility) and pose.is_visible(right, min_visibility)):
        return None
    left_x, right_x = pose.point_px(left)[0], pose.point_px(right)[0]
    weight = float(min(pose.visibility[pose.index(left)], pose.visibility[pose.index(right)]))
    return float(left_x + right_x) / 2.0, weight, abs(float(left_x - right_x))


def pairs_midline(pose: Landmarks, pairs: tuple[tuple[str, str], ...],
                  min_visibility: float = 0.5) -> Midline | None:
    """The visibility-weighted middle of the pairs, held to a band around the first pair.

    The first pair anchors the line (shoulders for the trunk, hips for the legs); without
    it there is no trustworthy midline and None is returned (the caller holds the last one).
    """
    found = [_pair_middle(pose, pair, min_visibility) for pair in pairs]
    anchor = found[0]
    if anchor is None:
        return None
    seen = [f for f in found if f is not None]
    x_px = sum(x * w for x, w, _ in seen) / sum(w for _, w, _ in seen)
    half_band_px = CENTRE_BAND * anchor[2]
    midline = Midline(x_px, anchor[0] - half_band_px, anchor[0] + half_band_px)
    return Midline(midline.clamp(x_px), midline.low_px, midline.high_px)


def torso_midline(pose: Landmarks, min_visibility: float = 0.5) -> Midline | None:
    return pairs_midline(pose, TORSO_PAIRS, min_visibility)


def legs_midline(pose: Landmarks, min_visibility: float = 0.5) -> Midline | None:
    """For lower-limb work (seated, camera low): hips, knees and ankles."""
    return pairs_midline(pose, LEG_PAIRS, min_visibility)


def body_midline_x_px(pose: Landmarks, min_visibility: float = 0.5) -> float | None:
    """x of the trunk's midline (see `torso_midline`), or None without both shoulders."""
    midline = torso_midline(pose, min_visibility)
    return None if midline is None else midline.x_px


def how_to_sit(pose: Landmarks | None, pair: tuple[str, str] = TORSO_PAIRS[0],
               min_visibility: float = 0.5) -> str | None:
    """What to tell a patient who is partly out of the picture, or None when both are in view.

    Frames are not mirrored: the patient's left shoulder is on the image's right, so a
    patient whose left shoulder is cut off must move towards their right.
    """
    what = "shoulders" if "shoulder" in pair[0] else "knees and ankles" if "knee" in pair[0] else "hips"
    if pose is None:
        return f"Sit facing the camera, with your head and both {what} in the picture."
    missing = []
    for name in pair:
        x_norm = float(pose.xy_norm[pose.index(name)][0])
        if not pose.is_visible(name, min_visibility) or not EDGE_NORM <= x_norm <= 1.0 - EDGE_NORM:
            missing.append(name.split("_")[0])
    if len(missing) != 1:
        return None if not missing else f"Sit facing the camera, with both {what} in the picture."
    towards = "right" if missing[0] == "left" else "left"
    return (f"Your {missing[0]} side is out of the picture: move your chair a little to your "
            f"{towards}, so both {what} are in view.")


class MidlineFilter:
    """One Euro smoothing of the line in frame widths, with jumps rejected.

    Defaults: at rest the cutoff is 0.4 Hz (a still patient sees a still line: 2 px of
    tracking jitter at 1280 wide becomes 0.7 px); moving at 0.1 frame widths a second it
    opens to 0.4 + 0.1 * 20 = 2.4 Hz. Measured on a 50 px sway at 1280 wide sampled at 20 Hz:
    the line lags the body by 60 ms, within the 150 ms real movement must be followed in. A measurement more than `max_jump_norm` from
    the line is ignored unless the body stays there for `confirm_s` (a patient who moved
    their chair), when the line moves there.
    """

    def __init__(self, frame_width_px: float, min_cutoff_hz: float = 0.4, beta: float = 20.0,
                 max_jump_norm: float = 0.12, confirm_s: float = 0.3) -> None:
        if frame_width_px <= 0:
            raise ValueError("frame_width_px must be positive")
        self.frame_width_px = float(frame_width_px)
        self._filter = OneEuroFilter(min_cutoff_hz=min_cutoff_hz, beta=beta, d_cutoff_hz=1.0)
        self.max_jump_norm = max_jump_norm
        self.confirm_s = confirm_s
        self._x_norm: float | None = None
        self._jump_since_s: float | None = None
        self._gliding = False
        self.rejected_count = 0

    @property
    def x_px(self) -> float | None:
        return None if self._x_norm is None else self._x_norm * self.frame_width_px

    def reset(self, x_px: float | None = None, t_s: float = 0.0) -> None:
        """Forget the past; with `x_px`, start from there (where the line is on screen now)."""
        self._filter.reset()
        self._jump_since_s = None
        self._gliding = False
        self._x_norm = None
        if x_px is not None:
            self._x_norm = float(self._filter(x_px / self.frame_width_px, t_s))

    def glide_from(self, x_px: float, t_s: float) -> None:
        """Start from `x_px` and move smoothly to the next measurements, however far away
        (tracking found the body again after the line fell back to the fixed line)."""
        self.reset(x_px, t_s)
        self._gliding = True

    def update(self, measured_x_px: float, t_s: float) -> float:
        x_norm = measured_x_px / self.frame_width_px
        if self._x_norm is None:
            self.reset(measured_x_px, t_s)
            assert self._x_norm is not None
            return self._x_norm * self.frame_width_px
        if self._gliding and abs(x_norm - self._x_norm) <= self.max_jump_norm:
            self._gliding = False
        if not self._gliding and abs(x_norm - self._x_norm) > self.max_jump_norm:
            if self._jump_since_s is None:
                self._jump_since_s = t_s
            if t_s - self._jump_since_s < self.confirm_s:
                self.rejected_count += 1
                return self._x_norm * self.frame_width_px
            self.reset(measured_x_px, t_s)  # the body really is over there now
            return measured_x_px
        self._jump_since_s = None
        self._x_norm = float(self._filter(x_norm, t_s))
        return self._x_norm * self.frame_width_px
