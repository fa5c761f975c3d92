"""Procedural Where's-Waldo scenes: the only thing the network ever learns from."""

from waldo.synth.annotation import HeadAnnotation
from waldo.synth.book_waldo import book_waldo_at, draw_book_waldo
from waldo.synth.scene import render_scene, scene_seed
from waldo.synth.scene_config import SceneConfig, scene_preset, validate_scene_config
from waldo.synth.waldo_figure import render_waldo_head

__all__ = ["HeadAnnotation", "SceneConfig", "book_waldo_at", "draw_book_waldo", "render_scene", "render_waldo_head",
           "scene_preset", "scene_seed", "validate_scene_config"]
