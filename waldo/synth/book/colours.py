"""The colours the books dress their crowds in: light and bright, with white everywhere.

The crowd scenes' tables (palette.py) are deep toy colours; book pages are printed light:
pale and mid tones, white shirts, aprons and trousers, pink faces, brown and fair hair.
Each table lists every colour once; repeats weight the common ones.
"""

from waldo.synth.palette import Colour

WHITE: Colour = (248, 248, 244)
CREAM: Colour = (245, 236, 210)

BOOK_CLOTHES: tuple[Colour, ...] = (
    WHITE, WHITE, WHITE, WHITE, WHITE, CREAM, CREAM, (236, 236, 230), (240, 240, 245),
    (215, 45, 45), (215, 45, 45), (200, 35, 45), (230, 120, 60), (245, 200, 70), (250, 225, 120), (140, 190, 90), (80, 150, 80),
    (110, 170, 220), (70, 110, 190), (160, 200, 235), (150, 110, 190), (200, 160, 220), (235, 150, 170),
    (245, 190, 200), (200, 150, 100), (160, 110, 70), (120, 120, 130), (180, 180, 185), (60, 70, 110),
    (90, 170, 170), (210, 190, 150), (240, 170, 120),
)
BOOK_LEGS: tuple[Colour, ...] = (WHITE, WHITE, WHITE, CREAM, (70, 90, 150), (110, 80, 55), (150, 150, 155), (60, 60, 70), (200, 180, 140),
                                 (110, 150, 210))
BOOK_HAIR: tuple[Colour, ...] = (
    (70, 45, 30), (110, 70, 40), (140, 90, 50), (170, 115, 60), (210, 170, 90), (235, 210, 140), (190, 90, 40),
    (40, 32, 30), (160, 160, 160), (235, 235, 230),
)
BOOK_SKIN: tuple[Colour, ...] = (
    (252, 214, 186), (250, 205, 175), (246, 196, 166), (240, 186, 150), (252, 222, 200), (230, 170, 130),
    (200, 140, 100), (160, 105, 70), (120, 80, 55),
)
BOOK_SHOES: tuple[Colour, ...] = ((90, 60, 40), (60, 50, 45), (140, 95, 60), (40, 40, 45), WHITE)
