"""Casting the crowd: for each spot, who stands there (costume, face, hair, hat), what they do
(a pose of their group's action mix, turned toward their group's direction) and what they carry.

A page's groups each get one cut, one hat and one pair of colours from their theme's recipe,
so a battle is two armies in two colours and a beach is swimmers; figures in clothes of
their own are the theme's civilians. Every choice of a crowd is drawn in one block of
uniforms and made for all members of a group at once.
"""

from dataclasses import dataclass, replace

import numpy as np

from waldo.synth.book.body import action_holds
from waldo.synth.book.body_frame import REFERENCE_HEADS_TALL
from waldo.synth.book.dressing import CostumeColours, figure_palettes, group_colours, member_colours, own_colours
from waldo.synth.book.figure import Figure, view_for
from waldo.synth.book.heads import HeadKey
from waldo.synth.book.held_props import OVERHEAD_LOADS
from waldo.synth.book.packing import Spot
from waldo.synth.book.poses import ACTIONS
from waldo.synth.book.style import PageStyle
from waldo.synth.book.themes import GroupRecipe, Theme
from waldo.synth.palette import Colour, Weighted

POSE_VARIANTS = 4  # jittered variants drawn of each action's pose (each is a cached drawing)
YAW = Weighted({"0": 0.2, "35": 0.34, "90": 0.3, "145": 0.09, "180": 0.07})
HAIR = Weighted({"short": 3, "long": 1.2, "curly": 1, "spiky": 0.6, "bald": 0.8, "bun": 0.5, "ponytail": 0.5})
BEARD = Weighted({"none": 6, "full": 1.2, "moustache": 1, "goatee": 0.4})
EYE = Weighted({"dots": 6, "whites": 2.5, "closed": 0.5})
NOSE = Weighted({"hook": 3, "round": 2})
MOUTH = Weighted({"smile": 3, "open": 3, "shout": 1.2, "line": 1})
CIVILIAN_ACTIONS = Weighted({"walk": 3, "stand": 2, "point": 1, "wave": 1, "sit": 0.7, "run": 1})
CIVILIAN_HATS = ("cap", "wide_brim", "headscarf", "beanie", "bandana")
CIVILIAN_HAT_RATE = 0.3
PATTERN = Weighted({"plain": 5, "stripes": 1.2, "panel": 1.5, "yoke": 1.5})  # garments.PATTERNS
DECOY_RED, DECOY_WHITE = (210, 40, 40), (248, 248, 244)
CHILD_RATE, CHILD_SIZE = 0.07, 0.8
FACES_GROUP_DIRECTION = 0.75  # chance a group member faces the way its group moves
LOAD_WHEN_CARRYING = 0.6  # chance a carrying figure holds a box, sack or plank (else empty hands up)

# columns of the block of uniforms drawn per figure
(_YAW, _HAIR, _BEARD, _EYE, _NOSE, _MOUTH, _ACTION, _HAS_PROP, _PROP, _LOAD, _CUT, _BARE, _HAT, _FACE_GROUP, _FACING,
 _TUMBLE, _TUMBLE_SIDE, _CHILD, _GLASSES, _VARIANT, _WIDTH, _HEIGHT, _PATTERN, _DECOY, _COLUMNS) = range(25)


@dataclass(frozen=True)
class Group:
    """One costumed group of a page."""

    recipe: GroupRecipe
    cut: str
    hat: str
    colours: CostumeColours
    direction: float
    actions: Weighted
    props: Weighted
    pattern: str


def make_groups(rng: np.random.Generator, theme: Theme, count: int, centres: np.ndarray) -> list[Group]:
    """`count` groups from the theme's recipes (each recipe once before any repeats); groups that
    fight face the nearest other group's centre."""
    groups = []
    for index in range(count):
        recipe = theme.groups[index] if index < len(theme.groups) else theme.groups[int(rng.integers(len(theme.groups)))]
        cut = recipe.cuts[int(rng.integers(len(recipe.cuts)))]
        hat = recipe.hats[int(rng.integers(len(recipe.hats)))]
        others = np.delete(centres, index, axis=0)
        if len(others) and "fight" in recipe.actions:
            nearest = others[int(np.argmin(np.abs(others[:, 0] - centres[index, 0])))]
            direction = 1.0 if nearest[0] > centres[index, 0] else -1.0
        else:
            direction = float(rng.choice([-1.0, 0.0, 1.0]))
        colours = group_colours(rng, recipe, hat)
        groups.append(Group(recipe, cut, hat, colours, direction, Weighted(recipe.actions), Weighted(recipe.props),
                            _safe_pattern(PATTERN.at_each(rng.random(1))[0], colours)))
    return groups


def _is_red(colour: Colour) -> bool:
    r, g, b = colour
    return r > 150 and g < 0.45 * r and b < 0.45 * r


def _safe_pattern(pattern: str, colours: CostumeColours) -> str:
    """No red stripes but the rare decoys: red bands on any garment read as Waldo's, so a costume
    with red in it gets a panel instead."""
    if pattern == "stripes" and (_is_red(colours.main) or _is_red(colours.second)):
        return "panel"
    return pattern


def _per_group(groups: list[Group], members: np.ndarray, u: np.ndarray, pick, civilians) -> list[str]:
    """One choice per figure: `pick(group)` (a Weighted) for group members, `civilians` for the others."""
    out = [""] * len(members)
    for g in range(-1, len(groups)):
        index = np.flatnonzero(members == g)
        if len(index):
            chosen = (civilians if g < 0 else pick(groups[g])).at_each(u[index])
            for i, name in zip(index.tolist(), chosen):
                out[i] = name
    return out


def _carried(action: str, prop: str, load_draw: float, prop_draw: float) -> tuple[str, str]:
    """The action and prop after the rules of hands: loads are carried overhead, busy hands hold nothing."""
    if action == "carry" or prop in OVERHEAD_LOADS:
        load = prop if prop in OVERHEAD_LOADS else OVERHEAD_LOADS[int(prop_draw * len(OVERHEAD_LOADS))]
        return "carry", load if load_draw < LOAD_WHEN_CARRYING else "none"
    return action, prop if action_holds(action) else "none"


def cast_figures(rng: np.random.Generator, spots: list[Spot], groups: list[Group], theme: Theme, style: PageStyle,
                 prop_rate: float, glasses_rate: float, red_white_rate: float, supersample: float) -> list[Figure]:
    """A Figure for every spot, in the same order; `red_white_rate` of those in their own clothes wear
    red-white stripes (the decoys the books have a few of)."""
    count = len(spots)
    if count == 0:
        return []
    u = rng.random((count, _COLUMNS))
    members = np.array([s.group for s in spots])
    yaws = [float(v) for v in YAW.at_each(u[:, _YAW])]
    hairs, beards = HAIR.at_each(u[:, _HAIR]), BEARD.at_each(u[:, _BEARD])
    eyes, noses, mouths = EYE.at_each(u[:, _EYE]), NOSE.at_each(u[:, _NOSE]), MOUTH.at_each(u[:, _MOUTH])
    actions = _per_group(groups, members, u[:, _ACTION], lambda g: g.actions, CIVILIAN_ACTIONS)
    props = _per_group(groups, members, u[:, _PROP], lambda g: g.props, Weighted({"none": 1.0}))
    cuts = _per_group(groups, members, u[:, _CUT], lambda g: Weighted({g.cut: 1.0}), Weighted({c: 1.0 for c in theme.civilians}))
    patterns = _per_group(groups, members, u[:, _PATTERN], lambda g: Weighted({g.pattern: 1.0}), PATTERN)
    build = style.heads_tall / REFERENCE_HEADS_TALL
    costumes, figures = [], []
    for i, (spot, row) in enumerate(zip(spots, u.tolist())):
        group = groups[spot.group] if spot.group >= 0 else None
        action, prop = _carried(actions[i], props[i] if row[_HAS_PROP] < prop_rate else "none", row[_LOAD], row[_PROP])
        if group is not None:
            hat = group.hat if row[_BARE] >= group.recipe.bare_head_rate else "none"
            facing = group.direction if group.direction and row[_FACE_GROUP] < FACES_GROUP_DIRECTION else 0.0
        else:
            hat = CIVILIAN_HATS[int(row[_HAT] * len(CIVILIAN_HATS))] if row[_BARE] < CIVILIAN_HAT_RATE else "none"
            facing = 0.0
        facing = facing or (1.0 if row[_FACING] < 0.5 else -1.0)
        low, high = ACTIONS[action].tumble
        rotate = (low + (high - low) * row[_TUMBLE]) * (1.0 if row[_TUMBLE_SIDE] < 0.5 else -1.0) if high > 0 else 0.0
        child = row[_CHILD] < CHILD_RATE and action not in ("fight", "thrust")
        size = spot.head_px * (CHILD_SIZE if child else 1.0)
        head = HeadKey(view_for(yaws[i]), hairs[i], "none" if child else beards[i], hat, eyes[i], noses[i], mouths[i],
                       row[_GLASSES] < glasses_rate)
        costume = member_colours(rng, group.colours) if group is not None else own_colours(rng)
        pattern = patterns[i] if group is not None else _safe_pattern(patterns[i], costume)
        if group is None and row[_DECOY] < red_white_rate:
            costume, pattern = replace(costume, main=DECOY_RED, second=DECOY_WHITE), "stripes"
        figures.append((action, int(row[_VARIANT] * POSE_VARIANTS), yaws[i], cuts[i], head, prop, spot.x, spot.y, size,
                        size / supersample, pattern, facing < 0, rotate, 0.9 + 0.22 * row[_WIDTH],
                        build * (0.94 + 0.12 * row[_HEIGHT]) * (0.85 if child else 1.0)))
        costumes.append(costume)
    palettes = figure_palettes(rng, costumes, style)
    return [Figure(a, v, y, c, h, p, palette, *rest) for (a, v, y, c, h, p, *rest), palette in zip(figures, palettes)]
