"""Composing a book page: theme, style, ground and skyline, the packed crowd, scenery and Waldo,
painted back to front, a text box, then print.

Everything that stands on the ground is an item at the y of its feet; items are painted in
order of that y, so whatever stands lower on the page (nearer) covers what stands above it.
The page is drawn `supersample` times larger than it is printed and shrunk by the print stage.
"""

import math
from dataclasses import replace
from functools import cache
from typing import Any

import cv2
import numpy as np

from waldo.synth.annotation import HeadAnnotation
from waldo.synth.book.animals import SADDLE_HEIGHT
from waldo.synth.book.body_frame import posed_frame
from waldo.synth.book.casting import cast_figures, make_groups
from waldo.synth.book.config import BookConfig
from waldo.synth.book.depth_order import Item, in_depth_order
from waldo.synth.book.dressing import figure_palettes
from waldo.synth.book.figure import Figure, paint_figure, view_for
from waldo.synth.book.grounds import draw_ground
from waldo.synth.book.held_props import OVERHEAD_LOADS
from waldo.synth.book.packing import Spot, group_centres, pack_crowd
from waldo.synth.book.perspective import ground_plane
from waldo.synth.book.print_stage import print_page
from waldo.synth.book.program import ProgramBuilder, figure_map, odd_ink_px, paint, placement
from waldo.synth.book.scenery import OWN_CLOTH, SCENERY
from waldo.synth.book.skyline import draw_skyline
from waldo.synth.book.style import PageStyle, page_style, print_colour
from waldo.synth.book.text_boxes import draw_text_box
from waldo.synth.book.themes import THEMES, Theme
from waldo.synth.book.waldo_on_page import HEAD_BOX_OVER_SKULL, book_waldo, printed_annotation
from waldo.synth.book.warmup import build_all_book_drawings
from waldo.synth.painted_head import paint_waldo
from waldo.synth.palette import choose

LARGEST_SKULL_SHARE = 0.09  # heads at the bottom edge stay under this share of the page height
GIANTS = (1, 3)
BACKDROP_STREAM, PRINT_STREAM = 1, 2  # sub-streams of a page's seed
RIDDEN_HORSES = 0.75  # share of horses with someone on them
LARGEST_GIANT_SHARE = 0.12  # a giant's head stays under this share of the page height
WALDO_FEET_BELOW_HEAD_TOP = 4.4  # head boxes from the top of Waldo's hat down to his feet (his body may be 10% long)
SMOOTH_ABOVE_SUPERSAMPLE = 1.4  # pages drawn at least this many times larger skip anti-aliasing


class _Page:
    """One page being drawn: its generator, config, style, theme, canvas and ground plane."""

    def __init__(self, config: BookConfig, seed: int) -> None:
        self.config = config
        self.rng = rng = np.random.default_rng(seed)
        # the backdrop and the print draw from streams of their own: changing how a ground or a print looks
        # leaves the crowd of every page as it was
        self.backdrop_rng, self.print_rng = np.random.default_rng([seed, BACKDROP_STREAM]), np.random.default_rng([seed, PRINT_STREAM])
        self.style: PageStyle = page_style(rng, config)
        self.scale = self.style.supersample
        self.width, self.height = int(round(config.width * self.scale)), int(round(config.height * self.scale))
        self.theme_name = choose(rng, config.themes)
        self.theme: Theme = THEMES[self.theme_name]
        p = config.perspective
        self.band = float(rng.uniform(*p.sky_height)) * self.height if rng.random() < p.sky_rate else 0.0
        waldo_lo, waldo_hi = config.waldo_count
        self.waldos = 0 if rng.random() < config.no_waldo_rate else int(rng.integers(waldo_lo, waldo_hi + 1))
        lo, hi = config.head_height
        self.head_box = math.exp(rng.uniform(math.log(lo), math.log(hi))) * self.scale
        skull = self.head_box / HEAD_BOX_OVER_SKULL
        ratio = float(rng.uniform(*p.depth_ratio))
        self.plane, self.waldo_y = ground_plane(rng, self.band, float(self.height), skull, ratio,
                                                LARGEST_SKULL_SHARE * self.height)
        self.canvas = np.empty((self.height, self.width, 3), np.uint8)
        self.items: list[Item] = []

    @property
    def line_type(self) -> int:
        """Anti-aliased lines only on pages drawn near their printed size: shrinking smooths the others."""
        return cv2.LINE_AA if self.scale < SMOOTH_ABOVE_SUPERSAMPLE else cv2.LINE_8

    def ink_px(self, head_px: float) -> int:
        """The outline width (odd px of the canvas) of things drawn at a head of `head_px`."""
        return odd_ink_px(self.style.ink_width * head_px)

    def line_thickness(self, head_px: float) -> int:
        """OpenCV's thickness argument for such an outline."""
        return max(1, self.ink_px(head_px) - 1)

    def add(self, y: float, kind: str, payload: Any) -> None:
        self.items.append(Item(y, len(self.items), kind, payload))


def _backdrop(page: _Page) -> None:
    rng, theme, style = page.backdrop_rng, page.theme, page.style
    ground = print_colour(theme.ground_colours[int(rng.integers(len(theme.ground_colours)))], style)
    draw_ground(page.canvas, rng, page.plane, theme.ground, ground, style.ink, page.line_type)
    if page.band > 0:
        colours = [print_colour(recipe.colours[0][0], style) for recipe in theme.groups]
        unit = page.plane.head_top
        draw_skyline(page.canvas, rng, theme.skyline, page.band, print_colour(theme.sky, style), unit, style.ink,
                     page.line_thickness(unit), colours)


def _giants(page: _Page, groups: int) -> list[Spot]:
    """A few figures right at the front, much bigger than the crowd around them (never above
    LARGEST_GIANT_SHARE of the page height a head)."""
    crowd = page.config.crowd
    if page.rng.random() >= crowd.giant_rate:
        return []
    spots = []
    for _ in range(int(page.rng.integers(GIANTS[0], GIANTS[1] + 1))):
        y = page.height * page.rng.uniform(0.9, 1.25)
        head = min(page.plane.head_at(y) * page.rng.uniform(*crowd.giant_scale), LARGEST_GIANT_SHARE * page.height)
        spots.append(Spot(page.rng.uniform(0, page.width), y, head, int(page.rng.integers(-1, groups))))
    return spots


def _crowd(page: _Page) -> list:
    rng, config, style = page.rng, page.config, page.style
    crowd = config.crowd
    count = int(rng.integers(crowd.groups[0], crowd.groups[1] + 1))
    centres = group_centres(rng, count, page.width, page.plane.top, page.height)
    groups = make_groups(rng, page.theme, count, centres)
    coverage = float(rng.uniform(*crowd.coverage))
    spots = pack_crowd(rng, page.plane, page.width, page.height, style.heads_tall, coverage, crowd.max_figures, centres,
                       crowd.own_clothes)
    spots += _giants(page, count)
    for figure in cast_figures(rng, spots, groups, page.theme, style, crowd.prop_rate, crowd.glasses_rate, crowd.red_white_rate,
                               page.scale):
        page.add(figure.y, "figure", figure)
    return groups


def _scenery(page: _Page, groups: list) -> None:
    rng, crowd = page.rng, page.config.crowd
    megapixels = page.width * page.height / page.scale ** 2 / 1e6
    count = int(rng.uniform(*crowd.scenery) * megapixels) if groups else 0
    kinds = list(page.theme.scenery)
    weights = np.array(list(page.theme.scenery.values()), float)
    picks = [kinds[int(i)] for i in rng.choice(len(kinds), size=count, p=weights / weights.sum())] if count else []
    costumes = []
    for kind in picks:
        costume = groups[int(rng.integers(len(groups)))].colours
        if kind in OWN_CLOTH:
            costume = replace(costume, cloth=OWN_CLOTH[kind][int(rng.integers(len(OWN_CLOTH[kind])))])
        costumes.append(costume)
    for kind, palette in zip(picks, figure_palettes(rng, costumes, page.style)):
        y, x, seed = rng.uniform(page.plane.top + 0.5 * page.plane.head_top, page.height * 1.05), float(rng.uniform(0, page.width)), \
            int(rng.integers(1 << 30))
        page.add(y, "scenery", (kind, x, y, palette, seed))
        if kind == "horse" and rng.random() < RIDDEN_HORSES:
            _rider(page, groups, x, y, mirrored=seed % 2 == 1)


def _rider(page: _Page, groups: list, x: float, ground_y: float, mirrored: bool) -> None:
    """Someone of one of the groups sitting on the horse that stands at (x, ground_y), facing its way."""
    rng, crowd = page.rng, page.config.crowd
    unit = page.plane.head_at(ground_y)
    group = int(rng.integers(-1, len(groups)))
    spot = Spot(x - (0.15 if mirrored else -0.15) * unit, ground_y, unit, group)
    figure = cast_figures(rng, [spot], groups, page.theme, page.style, crowd.prop_rate, crowd.glasses_rate, 0.0, page.scale)[0]
    yaw = 90.0 if rng.random() < 0.7 else 35.0
    seat = ground_y - SADDLE_HEIGHT * unit
    pelvis_y = posed_frame("ride", figure.variant, yaw).xy["pelvis"][1] * unit * figure.height_scale
    prop = "none" if figure.prop in OVERHEAD_LOADS else figure.prop
    rider = replace(figure, action="ride", yaw=yaw, head=replace(figure.head, view=view_for(yaw)), mirrored=mirrored,
                    rotate_deg=0.0, y=seat - float(pelvis_y), prop=prop)
    page.add(ground_y, "figure", rider)


def _waldos(page: _Page) -> None:
    rng, config = page.rng, page.config
    lo, hi = (v * page.scale for v in config.head_height)
    for index in range(page.waldos):
        y = page.waldo_y if index == 0 else float(rng.uniform(page.plane.top, page.height))
        box = float(np.clip(page.plane.head_at(y) * HEAD_BOX_OVER_SKULL * rng.uniform(0.95, 1.05), lo, hi))
        x = float(rng.uniform(box, max(box, page.width - box)))  # a page narrower than two heads: at the left
        feet = float(np.clip(y, WALDO_FEET_BELOW_HEAD_TOP * box, page.height + 1.5 * box))  # his head stays on the page
        page.add(feet, "waldo", book_waldo(rng, x, feet, box, page.style, config.waldo_views))
        _hiders(page, x, feet, box)


def _hiders(page: _Page, x: float, y: float, box: float) -> None:
    """Figures just in front of a Waldo, so that often only part of him shows."""
    rng = page.rng
    count = int(rng.integers(page.config.waldo_hiders[0], page.config.waldo_hiders[1] + 1))
    if count == 0:
        return
    spots = [Spot(x + rng.uniform(-0.9, 0.9) * box, y + rng.uniform(0.15, 0.9) * box, page.plane.head_at(y) * rng.uniform(0.95, 1.1), -1)
             for _ in range(count)]
    groups = make_groups(rng, page.theme, 1, np.array([[x, y]]))
    spots = [Spot(s.x, s.y, s.head_px, 0 if rng.random() < 0.7 else -1) for s in spots]
    crowd = page.config.crowd
    for figure in cast_figures(rng, spots, groups, page.theme, page.style, crowd.prop_rate, crowd.glasses_rate,
                               crowd.red_white_rate, page.scale):
        page.add(figure.y, "figure", figure)


def _paint_scenery(page: _Page, kind: str, x: float, y: float, palette: tuple, seed: int) -> None:
    builder = ProgramBuilder()
    SCENERY[kind](builder, np.random.default_rng(seed))
    unit = page.plane.head_at(y)
    paint(page.canvas, builder.build(), placement(figure_map(unit, x, y, mirrored=seed % 2 == 1)), palette, unit,
          page.ink_px(unit), unit / page.scale * page.style.detail, page.line_type)


def _paint_items(page: _Page) -> list:
    painted = []
    for item in in_depth_order(page.items):
        if item.kind == "figure":
            figure: Figure = item.payload
            paint_figure(page.canvas, figure, page.ink_px(figure.head_px), page.style.detail, page.line_type)
        elif item.kind == "scenery":
            _paint_scenery(page, *item.payload)
        else:
            head = paint_waldo(page.canvas, item.payload)
            if head is not None:
                painted.append(head)
    return painted


@cache
def _drawings_built() -> int:
    """Every cached drawing, built once per process on its first page (warmup.py says why)."""
    return build_all_book_drawings()


def render_book_page(config: BookConfig, seed: int) -> tuple[np.ndarray, list[HeadAnnotation]]:
    """Draw one book page (RGB uint8, height x width x 3) and the heads of its visible Waldos.

    The first page of a process also builds every cached drawing (a few seconds), so that the
    pages after it, in a data loader worker or a timing, all cost what a long run's pages cost."""
    _drawings_built()
    page = _Page(config, seed)
    _backdrop(page)
    groups = _crowd(page)
    _scenery(page, groups)
    _waldos(page)
    heads = _paint_items(page)
    if page.rng.random() < config.text_box_rate:
        draw_text_box(page.canvas, page.rng, page.style.ink, page.line_thickness(page.plane.head_top * 1.5), page.scale)
    annotations = [printed_annotation(head, page.canvas, config.min_visible, page.scale) for head in heads]
    printed = print_page(page.canvas, page.print_rng, page.style.print, config.width, config.height, page.scale)
    return printed, [a for a in annotations if a is not None]

