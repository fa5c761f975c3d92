"""What each shape of a book figure is painted with: a slot in the figure's palette.

Figure drawings are cached per pose and costume cut; colours are not part of a drawing but
looked up per figure, so a whole army shares one drawing and each soldier its own skin. Shading and hatching are
drawn on every figure and shown or hidden by colour (MAIN_SHADE and HATCH equal to MAIN hide
them), which keeps them out of the drawing's cache key.
"""

from enum import IntEnum


class Slot(IntEnum):
    """A palette slot; `palette[slot]` is its RGB colour."""

    INK = 0
    SKIN = 1
    SKIN_SHADE = 2
    HAIR = 3
    MAIN = 4
    MAIN_SHADE = 5
    SECOND = 6
    TRIM = 7
    LEGS = 8
    SHOES = 9
    HAT = 10
    HAT_TRIM = 11
    WOOD = 12
    METAL = 13
    CLOTH = 14
    WHITE = 15
    MOUTH = 16
    HATCH = 17       # hatching strokes: the ink colour on hatched figures, the garment's own elsewhere


SLOT_COUNT = len(Slot)
