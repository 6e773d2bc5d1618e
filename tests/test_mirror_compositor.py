"""Pixel-exact checks of the mirror box on frames whose every column is labelled."""

from __future__ import annotations

import numpy as np
import pytest

from gmi_trainer.clock import SimulatedClock
from gmi_trainer.frames.synthetic import LEFT_SLEEVE_BGR, RIGHT_SLEEVE_BGR, SyntheticSource
from gmi_trainer.mirror.compositor import MirrorCompositor, MirrorMode
from gmi_trainer.mirror.sides import patient_side_in_frame, patient_side_on_screen

WIDTH, HEIGHT = 640, 480


def labelled_frame(width_px: int = WIDTH, height_px: int = HEIGHT) -> np.ndarray:
    """Channel 0+1 encode the column, channel 2 the row, so every pixel says where it came from."""
    columns = np.arange(width_px)
    image = np.empty((height_px, width_px, 3), dtype=np.uint8)
    image[:, :, 0] = (columns % 256)[None, :]
    image[:, :, 1] = (columns // 256)[None, :]
    image[:, :, 2] = (np.arange(height_px) % 256)[:, None]
    return image


def source_columns(out: np.ndarray) -> np.ndarray:
    return out[0, :, 0].astype(int) + 256 * out[0, :, 1].astype(int)


def test_sides_camera_frame_and_screen() -> None:
    assert patient_side_in_frame("left") == "right"
    assert patient_side_in_frame("right") == "left"
    assert patient_side_in_frame("left", frame_is_mirrored=True) == "left"
    assert patient_side_on_screen("left") == "left"
    assert patient_side_on_screen("left", display_is_mirrored=False) == "right"
    with pytest.raises(ValueError):
        patient_side_in_frame("middle")  # type: ignore[arg-type]


def test_intact_left_reflects_the_image_right_half_about_the_line() -> None:
    image = labelled_frame()
    out = MirrorCompositor().compose(image, MirrorMode.BODY_MIDLINE, "left", line_x_px=300)
    intact = image[:, 300:620]
    assert np.array_equal(out, np.concatenate([intact[:, ::-1], intact], axis=1))


def test_intact_right_reflects_the_image_left_half_about_the_line() -> None:
    image = labelled_frame()
    out = MirrorCompositor().compose(image, MirrorMode.FIXED_LINE, "right", line_x_px=400)
    intact = image[:, 80:400]
    assert np.array_equal(out, np.concatenate([intact, intact[:, ::-1]], axis=1))


def test_fractional_line_floors_to_a_column_boundary() -> None:
    image = labelled_frame()
    compositor = MirrorCompositor()
    assert np.array_equal(
        compositor.compose(image, MirrorMode.BODY_MIDLINE, "left", 300.7),
        compositor.compose(image, MirrorMode.BODY_MIDLINE, "left", 300.0),
    )


@pytest.mark.parametrize("line_x_px", [1.0, 170.0, 320.0, 333.3, 500.0, 639.0])
@pytest.mark.parametrize("intact_side", ["left", "right"])
def test_output_is_always_full_size_and_symmetric(line_x_px: float, intact_side: str) -> None:
    out = MirrorCompositor().compose(labelled_frame(), MirrorMode.BODY_MIDLINE, intact_side, line_x_px)  # type: ignore[arg-type]
    assert out.shape == (HEIGHT, WIDTH, 3)
    assert np.array_equal(out, out[:, ::-1])


def test_a_narrow_intact_side_is_zoomed_to_fill_cropping_top_and_bottom() -> None:
    image = labelled_frame()
    out = MirrorCompositor(max_zoom=2.0).compose(image, MirrorMode.BODY_MIDLINE, "left", line_x_px=480)
    # 160 px of intact side must fill 320 px of half-screen: zoom 2, centre rows kept.
    half = np.repeat(np.repeat(image[120:360, 480:640], 2, axis=0), 2, axis=1)
    assert np.array_equal(out, np.concatenate([half[:, ::-1], half], axis=1))


def test_zoom_is_capped_and_the_outer_edges_are_black() -> None:
    image = labelled_frame()
    out = MirrorCompositor(max_zoom=2.0).compose(image, MirrorMode.BODY_MIDLINE, "left", line_x_px=560)
    # 80 px at zoom 2 covers 160 px each side of the centre; beyond that, nothing to show.
    assert np.all(out[:, : 320 - 160] == 0) and np.all(out[:, 320 + 160 :] == 0)
    assert np.array_equal(source_columns(out)[320:480], np.repeat(np.arange(560, 640), 2))


def test_output_size_scales_to_fill_the_screen() -> None:
    image = labelled_frame()
    out = MirrorCompositor(output_size_px=(1280, 960)).compose(image, MirrorMode.BODY_MIDLINE, "left", 320)
    half = np.repeat(np.repeat(image[:, 320:640], 2, axis=0), 2, axis=1)
    assert out.shape == (960, 1280, 3)
    assert np.array_equal(out, np.concatenate([half[:, ::-1], half], axis=1))


def test_whole_frame_flip_is_a_plain_mirror() -> None:
    image = labelled_frame()
    out = MirrorCompositor().compose(image, MirrorMode.WHOLE_FLIP, "left")
    assert np.array_equal(out, image[:, ::-1])
    assert not np.array_equal(out, out[:, ::-1]), "a flip is not a mirror box"


def test_body_midline_mode_needs_a_line() -> None:
    with pytest.raises(ValueError):
        MirrorCompositor().compose(labelled_frame(), MirrorMode.BODY_MIDLINE, "left", None)


def sleeve_pixels(image: np.ndarray, colour: tuple[int, int, int]) -> np.ndarray:
    return np.all(image == colour, axis=2)


@pytest.mark.parametrize(("intact_side", "intact_colour", "missing_colour"), [
    ("left", LEFT_SLEEVE_BGR, RIGHT_SLEEVE_BGR),
    ("right", RIGHT_SLEEVE_BGR, LEFT_SLEEVE_BGR),
])  # fmt: skip
def test_the_patient_sees_two_intact_arms_on_a_drawn_figure(
    intact_side: str, intact_colour: tuple[int, int, int], missing_colour: tuple[int, int, int]
) -> None:
    source = SyntheticSource(SimulatedClock(), size_px=(WIDTH, HEIGHT), fps=30.0)
    index = 70  # figure off-centre, arm partly raised
    image = source.render(index)
    out = MirrorCompositor().compose(image, MirrorMode.BODY_MIDLINE, intact_side, source.midline_x_px(index))  # type: ignore[arg-type]
    intact = sleeve_pixels(out, intact_colour)
    assert not sleeve_pixels(out, missing_colour).any(), "the affected side's own arm is replaced"
    assert intact[:, : WIDTH // 2].sum() == intact[:, WIDTH // 2 :].sum() > 500
    # In the selfie view the real intact arm stays on the patient's own side of the screen.
    selfie = image[:, ::-1]
    columns = np.flatnonzero(sleeve_pixels(selfie, intact_colour).any(axis=0))
    on_screen = "left" if columns.mean() < WIDTH / 2 else "right"
    assert on_screen == patient_side_on_screen(intact_side)  # type: ignore[arg-type]
