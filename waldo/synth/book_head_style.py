"""What varies from one book-style head to the next: every choice an illustrator makes anew.

The books draw Waldo by hand each time: the head tilted and turned, the hat flopping to one
side, three to five stripes of no fixed width, glasses of any size. A network that sees one
drawing learns that drawing; one that sees thousands learns what they share. A `BookHeadStyle`
holds one such set of choices; book_head.py turns it into polygons. Lengths are in head units
(chin at 0, y down, about 1 from the hat's top to the chin) unless a field says otherwise.
"""

import math
from dataclasses import dataclass

import numpy as np

from waldo.synth.drawing import INK_WIDTH
from waldo.synth.palette import choose

VIEW_TURNS = {"front": (0.0, 0.15), "three_quarter": (0.3, 0.6), "profile": (0.7, 0.9)}  # turn range of each view
WALDO_VIEWS = {"front": 0.4, "three_quarter": 0.4, "profile": 0.2}  # how often Waldo is drawn in each view


@dataclass(frozen=True)
class BookHeadStyle:
    """One head's drawing choices. turn: 0 front to 0.9 profile. Hat bands count colour-B stripes."""

    turn: float
    face_rx: float            # half width of the face
    face_ry: float            # half height of the face (a long face: about 1.6x its half width)
    chin_taper: float         # how much narrower the face gets toward the chin, 0-0.3
    hat: str = "bobble"       # "bobble" (a knitted sock), "pointed" (the wizard's, tall and stiff) or "none"
    hat_striped: bool = True
    hat_bands: int = 4        # stripes of the hat's second colour (brim included), 3-5 for Waldo
    hat_band_widths: tuple[float, ...] = ()  # relative width of each band from the brim up (empty: equal)
    hat_three_colours: bool = False          # bands cycle through three colours (the wizard's hat)
    brim_y: float = -0.56     # centre of the brim band: low on the forehead, just above the glasses
    brim_height: float = 0.08
    brim_overhang: float = 0.04   # how far the brim reaches beyond the face at each side
    brim_in_second_colour: bool = False
    hat_length: float = 0.45  # length of the crown from brim to tip, along its centre line
    hat_flop: float = 0.0     # radians the tip has turned from straight up when it falls over, 0-2.3
    hat_flop_side: float = -1.0   # +1 falls toward the way the face looks, -1 away
    hat_flop_power: float = 2.0   # how late along the crown the bend comes, 1-3
    hat_taper: float = 0.8    # crown shape: 0.5 a dome that narrows late, 1 a straight cone
    hat_tip_width: float = 0.04
    hat_tilt: float = 0.0     # radians the whole hat leans on the head, + toward the face
    bobble_radius: float = 0.06   # 0: no bobble (hidden or none)
    bobble_in_second_colour: bool = True
    hair: str = "sides"       # "sides" (under a hat, over the ears), "long", "short" or "bald"
    hair_bottom: float = -0.34    # lowest point of the side hair
    hair_width: float = 0.08      # how far the side hair reaches out beyond the face
    hair_tufts: int = 2           # points along the bottom edge of the side hair, 1-3
    glasses: str = "round"    # "round" (thick rims, clear lenses), "dark" (filled) or "none"
    lens_radius: float = 0.1     # the two lenses together span about the face's width
    lens_gap: float = 0.03        # bridge length between the lenses
    lens_drop: float = 0.0        # eye line below its usual place (just under the brim)
    rim_width: float = 0.04       # thickness of the rims, fraction of head height
    grin_width: float = 0.65      # half width of the grin as a fraction of the face's half width
    grin_depth: float = 0.035     # how far the grin's middle sags below its corners
    grin_y: float = -0.2
    grin_open: bool = False
    nose_size: float = 0.035
    chin_line: bool = False
    ink_width: float = INK_WIDTH  # outline thickness, fraction of head height
    beard: bool = False
    moustache: bool = False

    @property
    def view_angle(self) -> float:
        """The turn as an angle in radians (0 front, about 72 degrees in profile)."""
        return self.turn * math.radians(80.0)


def random_turn(rng: np.random.Generator, views: dict[str, float]) -> float:
    """A turn from one of the named views, anywhere inside that view's range."""
    lo, hi = VIEW_TURNS[choose(rng, views)]
    return float(rng.uniform(lo, hi))


def _band_widths(rng: np.random.Generator, count: int) -> tuple[float, ...]:
    """Relative band widths: hand-drawn stripes are never even."""
    return tuple(float(w) for w in rng.uniform(0.65, 1.35, count))


def random_waldo_head_style(rng: np.random.Generator, views: dict[str, float] = WALDO_VIEWS) -> BookHeadStyle:
    """Waldo as one book page might draw him: every proportion, the view (weighted by `views`) and the hat's fall drawn anew."""
    turn = random_turn(rng, views)
    falls = rng.random() < 0.65
    flop_side = -1.0 if (turn > 0.6 and rng.random() < 0.8) else float(rng.choice([-1.0, 1.0]))
    face_rx = float(rng.uniform(0.19, 0.24))
    return BookHeadStyle(
        turn=turn,
        face_rx=face_rx,
        face_ry=float(rng.uniform(0.30, 0.36)),
        chin_taper=float(rng.uniform(0.0, 0.25)),
        hat="bobble",
        hat_bands=int(rng.integers(3, 6)),
        hat_band_widths=_band_widths(rng, 12),
        brim_y=float(rng.uniform(-0.60, -0.53)),
        brim_height=float(rng.uniform(0.06, 0.10)),
        brim_overhang=float(rng.uniform(0.02, 0.06)),
        brim_in_second_colour=bool(rng.random() < 0.4),
        hat_length=float(rng.uniform(0.32, 0.55)),
        hat_flop=float(rng.uniform(0.7, 2.2) if falls else rng.uniform(0.0, 0.35)),
        hat_flop_side=flop_side,
        hat_flop_power=float(rng.uniform(1.3, 3.0)),
        hat_taper=float(rng.uniform(0.5, 1.0)),
        hat_tip_width=float(rng.uniform(0.02, 0.06)),
        hat_tilt=float(rng.uniform(-0.2, 0.2)),
        bobble_radius=0.0 if rng.random() < 0.2 else float(rng.uniform(0.035, 0.085)),
        bobble_in_second_colour=bool(rng.random() < 0.8),
        hair="sides",
        hair_bottom=float(rng.uniform(-0.42, -0.30)),
        hair_width=float(rng.uniform(0.03, 0.08)),
        hair_tufts=int(rng.integers(1, 4)),
        glasses="round",
        lens_radius=face_rx * float(rng.uniform(0.42, 0.56)),
        lens_gap=float(rng.uniform(0.0, 0.04)),
        lens_drop=float(rng.uniform(-0.015, 0.03)),
        rim_width=float(rng.uniform(0.028, 0.05)),
        grin_width=float(rng.uniform(0.45, 0.85)),
        grin_depth=float(rng.uniform(0.015, 0.05)),
        grin_y=float(rng.uniform(-0.23, -0.17)),
        grin_open=bool(rng.random() < 0.35),
        nose_size=float(rng.uniform(0.02, 0.045)),
        chin_line=bool(rng.random() < 0.5),
        ink_width=INK_WIDTH * float(rng.uniform(0.7, 1.3)),
    )
