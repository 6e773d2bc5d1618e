"""Cut the hand out of a camera picture and set it where the library's picture has its hand.

The segmentation network says which pixels are the person; on its own it also keeps the
sleeve, the face behind the hand and, on a hand held close, misses fingertips. So the mask
is refined around the tracked landmarks with GrabCut: the skeleton of the hand (bones drawn
as thick as fingers, the palm filled) is certainly hand, everything further than a margin
from the landmarks is certainly background, and in between the segmentation's answer is the
starting guess that GrabCut corrects from the colours it learns. Only the part connected to
the skeleton is kept, and its edge is softened by a pixel or two."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gmi_trainer.capture.pose_match import HAND_BONES, MIDDLE_KNUCKLE, PALM, WRIST, hand_size_px

# In hand sizes (wrist to middle knuckle, about 10 cm on an adult hand).
FINGER_CORE = 0.10  # the skeleton's thickness: inside every finger
REACH = 0.25  # how far past its bones the hand can reach (finger sides, pads, knuckles)
FOREARM_WIDTH = 0.9
THREAD = 0.12  # anything thinner is not part of a hand
WRIST_FADE = 0.04  # of the card's height: the library's pictures fade out over this much
FOREARM = 0.8  # how much forearm below the wrist the picture keeps
GRABCUT_ITERATIONS = 4


@dataclass(frozen=True)
class Cutout:
    """A picture of the hand alone: RGBA (straight alpha), the library's card size."""

    rgba: np.ndarray  # HxWx4 uint8

    def mirrored(self) -> "Cutout":
        """The twin: the same hand as the other side's (a left hand from a right one)."""
        return Cutout(np.ascontiguousarray(self.rgba[:, ::-1]))

    def coverage(self) -> float:
        """Fraction of the card the hand covers."""
        return float((self.rgba[..., 3] > 127).mean())


def _forearm_end(points_px: np.ndarray) -> np.ndarray:
    """A point down the forearm, past the wrist, away from the fingers."""
    axis = points_px[WRIST] - points_px[MIDDLE_KNUCKLE]
    return points_px[WRIST] + axis / max(float(np.linalg.norm(axis)), 1e-9) * FOREARM * hand_size_px(points_px)


def hand_mask(image_bgr: np.ndarray, points_px: np.ndarray, person: np.ndarray | None) -> np.ndarray:
    """HxW uint8 (0 or 255): the hand and the start of its forearm.

    `person` is the segmentation network's probability (HxW, 0..1), or None to rely on the
    colours around the landmarks alone. The network is trained on people in front of a
    camera: a bare hand close up is often only partly "person", so the landmarks decide
    where the hand certainly is and where it cannot be, and GrabCut the edge in between,
    growing from the skeleton where the network saw no person (starting from "maybe hand"
    there took in skin-coloured things beside the fingers)."""
    import cv2

    height, width = image_bgr.shape[:2]
    size = max(hand_size_px(points_px), 8.0)
    points = np.vstack([points_px, _forearm_end(points_px)[None]])
    pts = np.round(points).astype(np.int32)
    sure = np.zeros((height, width), np.uint8)
    core = max(2, int(round(FINGER_CORE * size)))
    for a, b in HAND_BONES:
        cv2.line(sure, tuple(pts[a]), tuple(pts[b]), 1, core)
    cv2.fillConvexPoly(sure, cv2.convexHull(pts[list(PALM)]), 1)
    # Where the hand can be: along its bones (a finger is about a fifth of a hand size wide),
    # the palm, and the forearm, with a margin; not the convex hull, which takes in the
    # background between spread fingers and between thumb and index.
    near = np.zeros((height, width), np.uint8)
    for a, b in HAND_BONES:
        cv2.line(near, tuple(pts[a]), tuple(pts[b]), 1, max(3, int(round(1.2 * REACH * size))))
    cv2.fillConvexPoly(near, cv2.convexHull(pts[list(PALM)]), 1)
    cv2.line(near, tuple(pts[WRIST]), tuple(pts[-1]), 1, max(3, int(round(FOREARM_WIDTH * size))))
    margin = max(1, int(round(REACH * size / 2)))
    near = cv2.dilate(near, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * margin + 1, 2 * margin + 1)))
    mask = np.full((height, width), cv2.GC_BGD, np.uint8)
    guess = person >= 0.5 if person is not None else np.zeros((height, width), bool)
    mask[(near > 0) & guess] = cv2.GC_PR_FGD
    mask[(near > 0) & ~guess] = cv2.GC_PR_BGD
    mask[sure > 0] = cv2.GC_FGD
    # GrabCut on the hand's neighbourhood only: quicker, and the colour model learns this
    # background, not the whole room's.
    ys, xs = np.nonzero(near)
    y0, y1 = max(0, ys.min() - 4), min(height, ys.max() + 5)
    x0, x1 = max(0, xs.min() - 4), min(width, xs.max() + 5)
    crop = np.ascontiguousarray(mask[y0:y1, x0:x1])
    background, foreground = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    if (crop == cv2.GC_BGD).any() or (crop == cv2.GC_PR_BGD).any():
        cv2.grabCut(np.ascontiguousarray(image_bgr[y0:y1, x0:x1]), crop, None, background,
                    foreground, GRABCUT_ITERATIONS, cv2.GC_INIT_WITH_MASK)
    hand = np.zeros((height, width), np.uint8)
    hand[y0:y1, x0:x1] = np.where((crop == cv2.GC_FGD) | (crop == cv2.GC_PR_FGD), 255, 0)
    # Threads thinner than a finger (a skeleton line past a misplaced fingertip landmark)
    # are opened away; the skeleton itself keeps the part that is the hand.
    thread = max(3, int(round(THREAD * size)) | 1)
    hand = cv2.morphologyEx(hand, cv2.MORPH_OPEN,
                            cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (thread, thread)))
    return _connected_to(hand, sure)


def _connected_to(mask: np.ndarray, seed: np.ndarray) -> np.ndarray:
    """The parts of `mask` that touch `seed`, with small holes filled."""
    import cv2

    count, labels = cv2.connectedComponents(mask, connectivity=8)
    keep = np.unique(labels[(seed > 0) & (mask > 0)])
    kept = np.isin(labels, keep[keep > 0]).astype(np.uint8) * 255
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
    return cv2.morphologyEx(kept, cv2.MORPH_CLOSE, kernel)


def place_on_card(image_bgr: np.ndarray, mask: np.ndarray, points_px: np.ndarray,
                  target_px: np.ndarray, card_px: int) -> Cutout:
    """The hand moved, turned and scaled so that its landmarks lie on the library picture's
    (`target_px`, in that picture's pixels): the own picture fills the card as the rendered
    one does and stands the same way up, so rotations in a trial mean the same."""
    import cv2

    transform, _ = cv2.estimateAffinePartial2D(np.asarray(points_px, np.float32),
                                               np.asarray(target_px, np.float32))
    if transform is None:
        raise ValueError("the hand's landmarks could not be aligned with the picture's")
    size = (card_px, card_px)
    colour = cv2.warpAffine(image_bgr, transform, size, flags=cv2.INTER_LINEAR,
                            borderMode=cv2.BORDER_REPLICATE)
    # A soft edge, a pixel or two wide at the card's scale, instead of stair steps.
    alpha = cv2.warpAffine(cv2.GaussianBlur(mask, (0, 0), 1.2), transform, size,
                           flags=cv2.INTER_LINEAR, borderValue=0)
    # The forearm fades out over the card's last rows, as the library's pictures do, so a
    # sleeve's edge or the table under the wrist never ends the picture in a hard line.
    fade_rows = max(1, round(WRIST_FADE * card_px))
    ramp = np.linspace(1.0, 0.0, fade_rows + 1)[1:]
    alpha[-fade_rows:] = np.round(alpha[-fade_rows:] * ramp[:, None]).astype(np.uint8)
    rgba = np.dstack([cv2.cvtColor(colour, cv2.COLOR_BGR2RGB), alpha])
    rgba[alpha == 0, :3] = 0  # fully transparent pixels carry no colour, as the library's
    return Cutout(np.ascontiguousarray(rgba))


def encode_png(cutout: Cutout) -> bytes:
    import cv2

    ok, data = cv2.imencode(".png", cv2.cvtColor(cutout.rgba, cv2.COLOR_RGBA2BGRA))
    if not ok:
        raise ValueError("the picture could not be encoded as PNG")
    return data.tobytes()
