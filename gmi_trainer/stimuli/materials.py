"""What a surface is made of when it is not skin: hair, clothes and the everyday objects of
the context pictures.  Geometry modules tag their shapes with these codes; shading.py gives
each its colour, the same in every skin tone (only skin changes with the tone)."""

from __future__ import annotations

SKIN = 0
HAIR = 1
CLOTH = 2  # shorts and the like: plain, so clothes never carry a left/right cue
CERAMIC = 3  # a cup
PLASTIC_DARK = 4  # a keyboard's case
PLASTIC_LIGHT = 5  # its keys
BRASS = 6  # a key
PAINT = 7  # a door and its lock plate
WOOD = 8  # a step
LEATHER = 9  # a shoe's upper (pale canvas: it must stand apart from every skin tone)
RUBBER = 10  # a shoe's sole, a pedal's pad
METAL = 11  # a pedal's arm

# sRGB colours, chosen to stand apart from all four skin tones.
COLOURS: dict[int, tuple[int, int, int]] = {
    HAIR: (52, 40, 33),
    CLOTH: (74, 92, 122),
    CERAMIC: (232, 232, 226),
    PLASTIC_DARK: (58, 61, 66),
    PLASTIC_LIGHT: (196, 198, 204),
    BRASS: (196, 164, 92),
    PAINT: (150, 176, 160),
    WOOD: (160, 118, 76),
    LEATHER: (212, 214, 218),
    RUBBER: (44, 44, 46),
    METAL: (132, 134, 140),
}
