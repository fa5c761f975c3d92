"""Costume cuts: the shapes of what a figure wears, independent of colour.

A cut is part of a figure's cached drawing; its colours come from the figure's palette, so
one cut serves a red army and a blue one. Themes (themes.py) dress each group of a page in
one cut and one set of colours.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Cut:
    """What is drawn over the body. `hem` is how far down the legs a skirt, tunic or coat reaches
    (0 = none, 1 = the ankles) and `flare` how much wider than the hips it gets (head units)."""

    sleeves: str = "long"        # long | short | none
    legs: str = "trousers"       # trousers | bare | shorts | boots
    hem: float = 0.0
    flare: float = 0.1
    belt: bool = False
    collar: bool = False
    buttons: bool = False
    strap: bool = False          # a cross-belt from shoulder to hip
    apron: bool = False
    cape: bool = False
    armour: bool = False         # plate lines and shoulder guards
    bare_chest: bool = False     # the torso in skin (swimmers, cavemen, strongmen)
    trunks: bool = False         # swimming trunks over bare hips
    fur: bool = False            # a one-shoulder hide over a bare chest
    open_vest: bool = False      # a vest open over a shirt of the second colour


CUTS: dict[str, Cut] = {
    "shirt": Cut(collar=True),
    "tunic": Cut(hem=0.4, flare=0.1, belt=True, legs="boots"),
    "coat": Cut(hem=0.55, flare=0.12, buttons=True, collar=True, belt=True),
    "dress": Cut(hem=0.93, flare=0.32, sleeves="short", legs="bare", collar=True),
    "robe": Cut(hem=0.96, flare=0.22, belt=True),
    "armour": Cut(hem=0.32, flare=0.06, armour=True, legs="boots", belt=True),
    "uniform": Cut(buttons=True, strap=True, belt=True, legs="boots", collar=True),
    "swim_trunks": Cut(sleeves="none", legs="bare", bare_chest=True, trunks=True),
    "swimsuit": Cut(sleeves="none", legs="bare"),
    "athlete": Cut(sleeves="short", legs="shorts", collar=True),
    "overalls": Cut(strap=True, buttons=True, legs="boots"),
    "caveman": Cut(sleeves="none", legs="bare", bare_chest=True, fur=True, hem=0.35, flare=0.05),
    "pirate": Cut(sleeves="long", legs="shorts", open_vest=True, belt=True),
    "cloak": Cut(hem=0.6, flare=0.16, cape=True, belt=True, legs="boots"),
    "apron": Cut(sleeves="short", apron=True, collar=True),
}
CUT_NAMES = tuple(CUTS)
