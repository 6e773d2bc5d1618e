"""A steady picture: the zoom and crop are chosen once per exercise, then kept.

Working the zoom out afresh for every frame made the picture pump as the patient swayed,
and cropping top and bottom equally cut off hands held low. Here the zoom is chosen when
an exercise starts (after the settling period) and then changes only when it must: when
the limb being exercised would leave the picture (at once, zooming out), or when the
wanted zoom has differed by more than `change_ratio` for `patience_s` (rarely). Either
way the zoom glides at `glide_per_s`, never jumps. Pure: times and normalised rows in.
"""

from __future__ import annotations

from dataclasses import dataclass

# Room kept above and below the exercised limb's highest and lowest point, as a fraction
# of the frame's height: a hand raised a little further is still in the picture.
LIMB_MARGIN_NORM = 0.08


@dataclass(frozen=True)
class View:
    zoom: float  # 1 shows the frame's whole height
    centre_y_norm: float  # the crop's vertical centre, as a fraction of the frame's height


def fit_zoom(wanted_zoom: float, limb_rows_norm: tuple[float, float] | None, max_zoom: float) -> View:
    """The largest zoom up to `wanted_zoom` that keeps the limb's rows (top, bottom) in view."""
    zoom = min(max(wanted_zoom, 1.0), max_zoom)
    if limb_rows_norm is None:
        return View(zoom, 0.5)
    top = max(limb_rows_norm[0] - LIMB_MARGIN_NORM, 0.0)
    bottom = min(limb_rows_norm[1] + LIMB_MARGIN_NORM, 1.0)
    zoom = max(1.0, min(zoom, 1.0 / max(bottom - top, 1e-6)))
    return View(zoom, (top + bottom) / 2.0)


class Framing:
    """The view one exercise is shown at; see the module docstring for when it changes."""

    def __init__(self, max_zoom: float = 2.0, change_ratio: float = 0.15, patience_s: float = 3.0,
                 glide_per_s: float = 1.0) -> None:
        self.max_zoom = max_zoom
        self.change_ratio = change_ratio
        self.patience_s = patience_s
        self.glide_per_s = glide_per_s
        self.view: View | None = None
        self._target: View | None = None
        self._differs_since_s: float | None = None
        self._t_s = 0.0
        self.changes = 0  # how often the target changed after it was chosen

    def choose(self, wanted_zoom: float, limb_rows_norm: tuple[float, float] | None, t_s: float) -> View:
        """Choose the view afresh, at once (an exercise starts)."""
        self.view = self._target = fit_zoom(wanted_zoom, limb_rows_norm, self.max_zoom)
        self._differs_since_s = None
        self._t_s = t_s
        return self.view

    def update(self, wanted_zoom: float, limb_rows_norm: tuple[float, float] | None, t_s: float) -> View:
        if self.view is None or self._target is None:
            return self.choose(wanted_zoom, limb_rows_norm, t_s)
        fitted = fit_zoom(wanted_zoom, limb_rows_norm, self.max_zoom)
        urgent = limb_rows_norm is not None and not self._shows(self.view, limb_rows_norm)
        if limb_rows_norm is not None and not self._shows(self._target, limb_rows_norm):
            self._retarget(fitted)  # the limb would be cut off: do not wait
        elif abs(fitted.zoom / self._target.zoom - 1.0) > self.change_ratio:
            if self._differs_since_s is None:
                self._differs_since_s = t_s
            if t_s - self._differs_since_s >= self.patience_s:
                self._retarget(fitted)
        else:
            self._differs_since_s = None
        # Out of view already: four times faster, a quarter of a second from 2x to 1x.
        speed = self.glide_per_s * (4.0 if urgent else 1.0)
        self.view = self._glide(self.view, self._target, speed * max(t_s - self._t_s, 0.0))
        self._t_s = t_s
        return self.view

    def _retarget(self, view: View) -> None:
        self._target, self._differs_since_s = view, None
        self.changes += 1

    @staticmethod
    def _shows(view: View, limb_rows_norm: tuple[float, float]) -> bool:
        half = 0.5 / view.zoom
        centre = min(max(view.centre_y_norm, half), 1.0 - half)
        return centre - half <= limb_rows_norm[0] and limb_rows_norm[1] <= centre + half

    @staticmethod
    def _glide(view: View, target: View, step: float) -> View:

        def towards(value: float, goal: float) -> float:
            return goal if abs(goal - value) <= step else value + step * (1 if goal > value else -1)

        return View(towards(view.zoom, target.zoom), towards(view.centre_y_norm, target.centre_y_norm))
