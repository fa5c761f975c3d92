"""The book preset's settings as a typed, checked object (configs/data/scene/book.yaml says what each means).

Checked once, with the same rules and messages as the other scene presets (scene_config's
checks), so a bad value is refused with one line naming its key before anything is drawn.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from waldo.synth.book.themes import THEME_NAMES
from waldo.synth.book_head_style import VIEW_TURNS
from waldo.synth.scene_config import _group, _number, _range, _weights, _whole, _whole_range

Range = tuple[float, float]


@dataclass(frozen=True)
class CrowdKnobs:
    coverage: Range
    max_figures: int
    groups: tuple[int, int]
    own_clothes: float
    giant_rate: float
    giant_scale: Range
    prop_rate: float
    scenery: Range
    red_white_rate: float
    glasses_rate: float


@dataclass(frozen=True)
class PerspectiveKnobs:
    depth_ratio: Range
    sky_rate: float
    sky_height: Range


@dataclass(frozen=True)
class StyleKnobs:
    ink_width: Range
    ink_grey: Range
    saturation: Range
    brightness: Range
    colour_jitter: float
    shading_rate: Range
    hatching_rate: Range
    detail: Range
    heads_tall: Range
    supersample: tuple[int, int]


@dataclass(frozen=True)
class PrintKnobs:
    off_register_px: Range
    paper_grain: Range
    ink_spread: Range
    halftone: Range
    blur: Range
    scan_scale: Range
    jpeg_rate: float
    jpeg_quality: Range


@dataclass(frozen=True)
class BookConfig:
    """Every knob of a book page."""

    width: int
    height: int
    head_height: Range
    waldo_count: tuple[int, int]
    no_waldo_rate: float
    min_visible: float
    waldo_hiders: tuple[int, int]
    waldo_views: dict[str, float]
    themes: dict[str, float]
    text_box_rate: float
    crowd: CrowdKnobs
    perspective: PerspectiveKnobs
    style: StyleKnobs
    print: PrintKnobs


def _crowd(values: Mapping[str, Any]) -> CrowdKnobs:
    c, w = _group(values, "crowd"), "crowd."
    return CrowdKnobs(
        coverage=_range(c, "coverage", 0.0, 10.0, low_inclusive=False, where=w),
        max_figures=_whole(c, "max_figures", 1, where=w),
        groups=_whole_range(c, "groups", 1, where=w),
        own_clothes=_number(c, "own_clothes", 0.0, 1.0, where=w),
        giant_rate=_number(c, "giant_rate", 0.0, 1.0, where=w),
        giant_scale=_range(c, "giant_scale", 1.0, 6.0, where=w),
        prop_rate=_number(c, "prop_rate", 0.0, 1.0, where=w),
        scenery=_range(c, "scenery", 0.0, 500.0, where=w),
        red_white_rate=_number(c, "red_white_rate", 0.0, 1.0, where=w),
        glasses_rate=_number(c, "glasses_rate", 0.0, 1.0, where=w),
    )


def _perspective(values: Mapping[str, Any]) -> PerspectiveKnobs:
    p, w = _group(values, "perspective"), "perspective."
    return PerspectiveKnobs(
        depth_ratio=_range(p, "depth_ratio", 1.0, 10.0, where=w),
        sky_rate=_number(p, "sky_rate", 0.0, 1.0, where=w),
        sky_height=_range(p, "sky_height", 0.0, 0.5, where=w),
    )


def _style(values: Mapping[str, Any]) -> StyleKnobs:
    s, w = _group(values, "style"), "style."
    return StyleKnobs(
        ink_width=_range(s, "ink_width", 0.0, 0.2, low_inclusive=False, where=w),
        ink_grey=_range(s, "ink_grey", 0.0, 255.0, where=w),
        saturation=_range(s, "saturation", 0.0, 2.0, where=w),
        brightness=_range(s, "brightness", 0.0, 2.0, low_inclusive=False, where=w),
        colour_jitter=_number(s, "colour_jitter", 0.0, 1.0, where=w),
        shading_rate=_range(s, "shading_rate", 0.0, 1.0, where=w),
        hatching_rate=_range(s, "hatching_rate", 0.0, 1.0, where=w),
        detail=_range(s, "detail", 0.0, 10.0, low_inclusive=False, where=w),
        heads_tall=_range(s, "heads_tall", 2.5, 8.0, where=w),
        supersample=_whole_range(s, "supersample", 1, 4, where=w),
    )


def _print(values: Mapping[str, Any]) -> PrintKnobs:
    p, w = _group(values, "print"), "print."
    return PrintKnobs(
        off_register_px=_range(p, "off_register_px", 0.0, 5.0, where=w),
        paper_grain=_range(p, "paper_grain", 0.0, 30.0, where=w),
        ink_spread=_range(p, "ink_spread", 0.0, 1.0, where=w),
        halftone=_range(p, "halftone", 0.0, 1.0, where=w),
        blur=_range(p, "blur", 0.0, 5.0, where=w),
        scan_scale=_range(p, "scan_scale", 1.0, 4.0, where=w),
        jpeg_rate=_number(p, "jpeg_rate", 0.0, 1.0, where=w),
        jpeg_quality=_range(p, "jpeg_quality", 1.0, 100.0, where=w),
    )


def validate_book_config(values: Mapping[str, Any]) -> BookConfig:
    """Check every key of a book preset (a plain mapping); a bad one raises ValueError naming it."""
    return BookConfig(
        width=_whole(values, "width", 16),
        height=_whole(values, "height", 16),
        head_height=_range(values, "head_height", 0.0, low_inclusive=False),
        waldo_count=_whole_range(values, "waldo_count", 0),
        no_waldo_rate=_number(values, "no_waldo_rate", 0.0, 1.0),
        min_visible=_number(values, "min_visible", 0.0, 1.0),
        waldo_hiders=_whole_range(values, "waldo_hiders", 0),
        waldo_views=_weights(values, "waldo_views", tuple(VIEW_TURNS)),
        themes=_weights(values, "themes", THEME_NAMES),
        text_box_rate=_number(values, "text_box_rate", 0.0, 1.0),
        crowd=_crowd(values),
        perspective=_perspective(values),
        style=_style(values),
        print=_print(values),
    )
