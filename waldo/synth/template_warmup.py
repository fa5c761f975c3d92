"""Building every figure template up front: a long run meets them all, a short timing would not.

Bodies and heads are built the first time a scene draws their combination of styles and
cached for the life of the process. A training stream meets every combination within a
few hundred scenes; a benchmark that starts cold would charge those builds to its first
scenes and report a slower generator than training has.
"""

import itertools

from waldo.synth.body_template import body_key, body_parts
from waldo.synth.crowd import ARMS, FACING, GLASSES, HAIR, HAT, LOWER, SHIRT
from waldo.synth.figure_templates import STRIPE_PERIODS, FigureKey
from waldo.synth.head_template import head_key, head_parts


def build_all_templates() -> int:
    """Build and cache the body and head of every combination of styles a scene can draw;
    returns how many distinct templates that is."""
    bodies, heads = set(), set()
    for facing, shirt, lower, arms, period in itertools.product(
            FACING.names, SHIRT.names, LOWER.names, ARMS.names, STRIPE_PERIODS):
        key = FigureKey(facing=facing, shirt=shirt, lower=lower, arms=arms, stripe_period=period)
        body_parts(key)
        bodies.add(body_key(key))
    for facing, hair, hat, striped, glasses in itertools.product(
            FACING.names, HAIR.names, HAT.names, (False, True), GLASSES.names):
        key = FigureKey(facing=facing, hair=hair, hat=hat, hat_striped=striped, glasses=glasses)
        head_parts(key)
        heads.add(head_key(key))
    return len(bodies) + len(heads)
