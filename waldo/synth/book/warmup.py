"""Building every cached drawing of the book pages up front, as a long training stream soon has.

Bodies, patterns, carried props and head parts are built the first time a page needs them
and kept for the life of the process; a timing that starts cold charges those builds to its
first pages and reports a slower generator than training sees.
"""

import itertools

from waldo.synth.book.body import body_drawing, held_prop_drawing, pattern_drawing
from waldo.synth.book.casting import POSE_VARIANTS
from waldo.synth.book.costumes import CUT_NAMES
from waldo.synth.book.figure import YAWS, view_for
from waldo.synth.book.garments import PATTERNS
from waldo.synth.book.hair import BEARDS, HAIR_STYLES
from waldo.synth.book.hats import HATS
from waldo.synth.book.heads import EYES, MOUTHS, NOSES, HeadKey, head_layers
from waldo.synth.book.held_props import HELD_PROPS, OVERHEAD_LOADS
from waldo.synth.book.poses import ACTION_NAMES, ACTIONS


def build_all_book_drawings() -> int:
    """Build and cache every body, pattern, carried prop and head part a page can draw; returns how many."""
    count = 0
    for action, variant, yaw in itertools.product(ACTION_NAMES, range(POSE_VARIANTS), YAWS):
        for cut in CUT_NAMES:
            body_drawing(action, variant, yaw, cut)
        for pattern in PATTERNS[1:]:
            pattern_drawing(action, variant, yaw, pattern)
        props = [*HELD_PROPS[1:]] if ACTIONS[action].holds else list(OVERHEAD_LOADS) if action == "carry" else []
        for prop in props:
            held_prop_drawing(prop, action, variant, yaw)
        count += len(CUT_NAMES) + len(PATTERNS) - 1 + len(props)
    for yaw, hair, hat in itertools.product(YAWS, HAIR_STYLES, HATS):
        head_layers(HeadKey(view_for(yaw), hair, "none", hat))
        count += 1
    for yaw, eyes, nose, mouth, beard, glasses in itertools.product(YAWS, EYES, NOSES, MOUTHS, BEARDS, (False, True)):
        head_layers(HeadKey(view_for(yaw), "short", beard, "none", eyes, nose, mouth, glasses))
        count += 1
    return count
