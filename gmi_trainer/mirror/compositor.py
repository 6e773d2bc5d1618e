"""The virtual mirror box: reflect the intact half of the body about a vertical line.

Pure numpy (no pygame, no OpenCV) so it is exact and testable pixel by pixel. The whole
output is one gather `image[rows][:, columns]` through index maps, so reflection, scaling
and cropping cost one copy.

Geometry, decided and documented here:
- The line sits on the pixel boundary at `line_x_px` (in frame pixels; fractional values
  are floored to a column boundary). The intact side's columns, starting with the one next
  to the line, are shown twice: in place, and reflected on the other side of the centre.
- The output is always symmetric and centred: the line is drawn at the middle of the output,
  so the two limbs get equal room whether or not the patient sits in the middle of the picture.
- Fill the screen: the frame is scaled to the output height. If the intact side reaches
  further from the line than half the output needs, its far edge is cropped. If it is too
  narrow (the patient sits off-centre towards their intact side), the picture may be zoomed
  in up to `max_zoom`; beyond that the outer edges are black. The zoom and the crop's
  vertical centre are the caller's (mirror/framing.py chooses them once per exercise so the
  picture stays still); without them the zoom is worked out for this frame alone.
- Graded mirror: with `strength` below 1 the reflection is blended over the real picture
  of the affected side (0 shows the real picture, 1 the full reflection).
- Because the output is symmetric, a mirrored (selfie) display shows the same picture.
  The patient's intact side appears in place on its own side of the selfie view and the
  reflection falls where the missing or painful limb should be.
"""

from __future__ import annotations

import enum
import math

import numpy as np

from gmi_trainer.mirror.sides import Side, check_side, patient_side_in_frame

FILL_BGR = (0, 0, 0)


class MirrorMode(enum.Enum):
    BODY_MIDLINE = "body_midline"  # the line follows the tracked body midline
    FIXED_LINE = "fixed_line"  # the line is where the user put it
    WHOLE_FLIP = "whole_flip"  # a plain mirror (selfie view): NOT a mirror box, offered as an option


class MirrorCompositor:
    """Builds the picture the patient sees from a camera frame.

    `output_size_px` is (width, height) of the composed picture; None means the frame's size.
    `frame_is_mirrored` is True only if the camera already delivers mirrored frames.
    """

    def __init__(
        self,
        output_size_px: tuple[int, int] | None = None,
        max_zoom: float = 2.0,
        frame_is_mirrored: bool = False,
    ) -> None:
        if max_zoom < 1.0:
            raise ValueError("max_zoom must be at least 1")
        self.output_size_px = output_size_px
        self.max_zoom = max_zoom
        self.frame_is_mirrored = frame_is_mirrored

    def compose(
        self,
        image: np.ndarray,
        mode: MirrorMode,
        intact_side: Side,
        line_x_px: float | None = None,
        zoom: float | None = None,
        centre_y_norm: float = 0.5,
        strength: float = 1.0,
    ) -> np.ndarray:
        if image.ndim != 3 or image.dtype != np.uint8:
            raise ValueError("image must be HxWxC uint8")
        if not 0.0 <= strength <= 1.0:
            raise ValueError("strength must be between 0 and 1")
        if mode is MirrorMode.WHOLE_FLIP:
            rows, columns = self.flip_maps(image.shape[1], image.shape[0])
            return gather(image, rows, columns)
        if line_x_px is None:
            raise ValueError(f"{mode.value} needs line_x_px")
        rows, columns = self.reflection_maps(image.shape[1], image.shape[0], line_x_px, intact_side,
                                             zoom, centre_y_norm)
        out = gather(image, rows, columns)
        if strength < 1.0:
            self._blend_real(image, out, rows, columns, line_x_px, intact_side, zoom, strength)
        return out

    def _blend_real(self, image: np.ndarray, out: np.ndarray, rows: np.ndarray, reflected: np.ndarray,
                    line_x_px: float, intact_side: Side, zoom: float | None, strength: float) -> None:
        """Blend the real picture of the affected half under the reflection, in place. Where
        the reflection has no picture (beyond the intact side's edge) the real one is shown."""
        width_px, height_px = image.shape[1], image.shape[0]
        out_w = out.shape[1]
        line_px, toward_intact, scale = self._geometry(width_px, height_px, line_x_px, intact_side, zoom)
        offset = np.arange(out_w) + 0.5 - out_w / 2.0
        affected = (offset < 0) if toward_intact == 1 else (offset > 0)
        columns = np.floor(line_px + offset[affected] / scale).astype(np.intp)
        columns[(columns < 0) | (columns >= width_px)] = -1
        real = gather(image, rows, columns).astype(np.uint16)
        weight = int(round(strength * 256))
        mixed = (out[:, affected].astype(np.uint16) * weight + real * (256 - weight)) >> 8
        empty = reflected[affected] < 0
        mixed[:, empty] = real[:, empty]
        out[:, affected] = mixed.astype(np.uint8)

    def needed_zoom(self, width_px: int, height_px: int, line_x_px: float, intact_side: Side) -> float:
        """The zoom at which the intact side just fills its half of the output (1 to max_zoom)."""
        scale = self._geometry(width_px, height_px, line_x_px, intact_side, None)[2]
        return scale * height_px / self._output_size(width_px, height_px)[1]

    def _geometry(self, width_px: int, height_px: int, line_x_px: float, intact_side: Side,
                  zoom: float | None) -> tuple[int, int, float]:
        """(line column, +1 if the intact side is towards larger x else -1, output px per frame px)."""
        check_side(intact_side)
        out_w, out_h = self._output_size(width_px, height_px)
        line_px = int(math.floor(min(max(line_x_px, 0.0), float(width_px))))
        toward_intact = 1 if patient_side_in_frame(intact_side, self.frame_is_mirrored) == "right" else -1
        scale = out_h / height_px  # output pixels per frame pixel, before zoom
        if zoom is None:
            intact_extent_px = (width_px - line_px) if toward_intact == 1 else line_px
            needed_extent_px = (out_w / 2.0) / scale
            zoom = 1.0
            if 0 < intact_extent_px < needed_extent_px:
                zoom = min(needed_extent_px / intact_extent_px, self.max_zoom)
        return line_px, toward_intact, scale * min(max(zoom, 1.0), self.max_zoom)

    def _output_size(self, width_px: int, height_px: int) -> tuple[int, int]:
        return self.output_size_px if self.output_size_px is not None else (width_px, height_px)

    def reflection_maps(
        self, width_px: int, height_px: int, line_x_px: float, intact_side: Side,
        zoom: float | None = None, centre_y_norm: float = 0.5,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Row and column index maps (-1 for fill) for a reflection about `line_x_px`."""
        out_w, out_h = self._output_size(width_px, height_px)
        line_px, toward_intact, scale = self._geometry(width_px, height_px, line_x_px, intact_side, zoom)
        distance_px = np.abs(np.arange(out_w) + 0.5 - out_w / 2.0) / scale
        if toward_intact == 1:
            columns = np.floor(line_px + distance_px).astype(np.intp)
        else:
            columns = np.ceil(line_px - distance_px).astype(np.intp) - 1
        columns[(columns < 0) | (columns >= width_px)] = -1
        return self._row_map(height_px, out_h, scale, centre_y_norm), columns

    def flip_maps(self, width_px: int, height_px: int) -> tuple[np.ndarray, np.ndarray]:
        out_w, out_h = self._output_size(width_px, height_px)
        scale = max(out_h / height_px, out_w / width_px)  # fill, cropping the longer side
        plain = np.floor(width_px / 2.0 + (np.arange(out_w) + 0.5 - out_w / 2.0) / scale).astype(np.intp)
        columns = width_px - 1 - plain
        columns[(columns < 0) | (columns >= width_px)] = -1
        return self._row_map(height_px, out_h, scale), columns

    @staticmethod
    def _row_map(height_px: int, out_h: int, scale: float, centre_y_norm: float = 0.5) -> np.ndarray:
        # A zoomed crop is moved up or down to centre_y_norm, but never past the frame's edge.
        half_shown_px = out_h / 2.0 / scale
        centre_px = min(max(centre_y_norm * height_px, half_shown_px), height_px - half_shown_px) \
            if half_shown_px < height_px / 2.0 else height_px / 2.0
        rows = np.floor(centre_px + (np.arange(out_h) + 0.5 - out_h / 2.0) / scale).astype(np.intp)
        rows[(rows < 0) | (rows >= height_px)] = -1
        return rows


def gather(image: np.ndarray, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """image[rows][:, columns], with -1 entries filled black; skips identity steps."""
    height_px, width_px = image.shape[:2]
    bad_rows, bad_columns = rows < 0, columns < 0
    identity_rows = len(rows) == height_px and bool(np.all(rows == np.arange(height_px)))
    picked = image if identity_rows else np.take(image, np.where(bad_rows, 0, rows), axis=0)
    out = np.take(picked, np.where(bad_columns, 0, columns), axis=1)
    if bad_rows.any():
        out[bad_rows] = FILL_BGR[: image.shape[2]] if image.shape[2] == 3 else 0
    if bad_columns.any():
        out[:, bad_columns] = FILL_BGR[: image.shape[2]] if image.shape[2] == 3 else 0
    return out
