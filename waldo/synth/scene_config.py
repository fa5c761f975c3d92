"""The scene settings as a typed, checked object, and the named presets shipped in configs/data/scene.

Hydra composes the presets for the command-line apps; `scene_preset` does the same small
merge for code and tests that have no Hydra context.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from omegaconf import DictConfig, OmegaConf

from waldo.synth.waldo_looks import ALL_LOOKALIKE_KINDS, WALDO_LOOKS

if TYPE_CHECKING:
    from waldo.synth.book.config import BookConfig

BACKGROUND_KINDS = ("flat", "grass", "sand", "water", "tiles", "paper", "noise")


@dataclass(frozen=True)
class SceneConfig:
    """Every knob of the scene generator; see configs/data/scene/default.yaml for meanings and units."""

    width: int
    height: int
    head_height: tuple[float, float]
    perspective: float
    crowd_density: float
    max_people: int
    waldo_count: tuple[int, int]
    no_waldo_rate: float
    lookalike_rate: float
    lookalike_mix: dict[str, float]
    red_white_rate: float
    body_hidden_rate: float
    head_cover_rate: float
    head_cover: tuple[float, float]
    min_visible: float
    background_weights: dict[str, float]
    second_ground_rate: float
    palette_jitter: float
    prop_density: float
    striped_prop_rate: float
    building_density: float
    waldo_look: str


def _plain(cfg: Any) -> dict[str, Any]:
    if isinstance(cfg, DictConfig):
        return OmegaConf.to_container(cfg, resolve=True)
    if isinstance(cfg, Mapping):
        return dict(cfg)
    raise ValueError(f"scene config must be a mapping, got {type(cfg).__name__}")


def _get(values: Mapping[str, Any], key: str, where: str = "") -> Any:
    if key not in values:
        hint = " (a preset file with a 'defaults' list must be composed: use scene_preset())" if "defaults" in values else ""
        raise ValueError(f"scene config: missing key '{where}{key}'{hint}")
    return values[key]


def _number(values: Mapping[str, Any], key: str, low: float, high: float | None = None,
            low_inclusive: bool = True, where: str = "") -> float:
    value = _get(values, key, where)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"scene config: '{where}{key}' must be a number, got {value!r}")
    too_low = value < low if low_inclusive else value <= low
    if too_low or (high is not None and value > high):
        bound = f"{'>=' if low_inclusive else '>'} {low}" + (f" and <= {high}" if high is not None else "")
        raise ValueError(f"scene config: '{where}{key}' must be {bound}, got {value}")
    return float(value)


def _range(values: Mapping[str, Any], key: str, low: float, high: float | None = None,
           low_inclusive: bool = True, where: str = "") -> tuple[float, float]:
    value = _get(values, key, where)
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise ValueError(f"scene config: '{where}{key}' must be a [min, max] pair, got {value!r}")
    pair = {"min": value[0], "max": value[1]}
    lo = _number(pair, "min", low, high, low_inclusive, where=f"{where}{key}.")
    hi = _number(pair, "max", low, high, low_inclusive, where=f"{where}{key}.")
    if lo > hi:
        raise ValueError(f"scene config: '{where}{key}' is inverted: min {value[0]} > max {value[1]}")
    return lo, hi


def _group(values: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    group = _get(values, key)
    if not isinstance(group, Mapping):
        raise ValueError(f"scene config: '{key}' must be a mapping, got {group!r}")
    return group


def _whole(values: Mapping[str, Any], key: str, low: float, low_inclusive: bool = True, where: str = "") -> int:
    value = _number(values, key, low, low_inclusive=low_inclusive, where=where)
    if value != int(value):
        raise ValueError(f"scene config: '{where}{key}' must be a whole number, got {value}")
    return int(value)


def _whole_range(values: Mapping[str, Any], key: str, low: float, high: float | None = None, where: str = "") -> tuple[int, int]:
    lo, hi = _range(values, key, low, high, where=where)
    if lo != int(lo) or hi != int(hi):
        raise ValueError(f"scene config: '{where}{key}' must hold whole numbers, got {values[key]}")
    return int(lo), int(hi)


def _choice(values: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    value = _get(values, key)
    if value not in allowed:
        raise ValueError(f"scene config: '{key}' must be one of {list(allowed)}, got {value!r}")
    return value


def _lookalike_mix(values: Mapping[str, Any], look: str) -> dict[str, float]:
    """The look-alike weights; the chosen look must draw at least one kind that has weight."""
    mix = _weights(values, "lookalike_mix", ALL_LOOKALIKE_KINDS)
    if sum(WALDO_LOOKS[look].lookalike_mix(mix).values()) <= 0 and _number(values, "lookalike_rate", 0.0, 1.0) > 0:
        drawn = list(WALDO_LOOKS[look].lookalike_kinds)
        raise ValueError(f"scene config: 'lookalike_mix' needs a positive weight for one of {drawn}: "
                         f"the others are not drawn with waldo_look {look!r}")
    return mix


def _weights(values: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> dict[str, float]:
    raw = _get(values, key)
    if not isinstance(raw, Mapping):
        raise ValueError(f"scene config: '{key}' must map names to weights, got {raw!r}")
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise ValueError(f"scene config: '{key}' has unknown names {unknown}; allowed: {list(allowed)}")
    weights = {name: _number(raw, name, 0.0, where=f"{key}.") for name in raw}
    if sum(weights.values()) <= 0:
        raise ValueError(f"scene config: '{key}' needs at least one positive weight")
    return weights


SCENE_KINDS = ("book",)  # presets drawn by another generator, named by their `kind` key


def _other_kind(values: Mapping[str, Any]) -> "BookConfig":
    """A preset whose `kind` names another generator: `book` is a book page (waldo.synth.book)."""
    kind = values["kind"]
    if kind not in SCENE_KINDS:
        raise ValueError(f"scene config: 'kind' must be one of {list(SCENE_KINDS)} (or absent for a crowd scene), got {kind!r}")
    from waldo.synth.book.config import validate_book_config  # here, not above: the book's checks build on this module's

    return validate_book_config(values)


def validate_scene_config(cfg: Any) -> "SceneConfig | BookConfig":
    """Check every key and value; a bad one raises ValueError naming the key and the problem."""
    values = _plain(cfg)
    if "kind" in values:
        return _other_kind(values)
    occlusion = _group(values, "occlusion")
    waldo_count = _whole_range(values, "waldo_count", 0)
    width, height, max_people = (_whole(values, key, 0, low_inclusive=False) for key in ("width", "height", "max_people"))
    look = _choice(values, "waldo_look", tuple(WALDO_LOOKS))
    return SceneConfig(
        width=width,
        height=height,
        head_height=_range(values, "head_height", 0, low_inclusive=False),
        perspective=_number(values, "perspective", 0.0, 0.9),
        crowd_density=_number(values, "crowd_density", 0.0),
        max_people=max_people,
        waldo_count=waldo_count,
        no_waldo_rate=_number(values, "no_waldo_rate", 0.0, 1.0),
        lookalike_rate=_number(values, "lookalike_rate", 0.0, 1.0),
        lookalike_mix=_lookalike_mix(values, look),
        red_white_rate=_number(values, "red_white_rate", 0.0, 1.0),
        body_hidden_rate=_number(occlusion, "body_hidden_rate", 0.0, 1.0, where="occlusion."),
        head_cover_rate=_number(occlusion, "head_cover_rate", 0.0, 1.0, where="occlusion."),
        head_cover=_range(occlusion, "head_cover", 0.0, 1.0, where="occlusion."),
        min_visible=_number(values, "min_visible", 0.0, 1.0),
        background_weights=_weights(values, "background_weights", BACKGROUND_KINDS),
        second_ground_rate=_number(values, "second_ground_rate", 0.0, 1.0),
        palette_jitter=_number(values, "palette_jitter", 0.0, 1.0),
        prop_density=_number(values, "prop_density", 0.0),
        striped_prop_rate=_number(values, "striped_prop_rate", 0.0, 1.0),
        building_density=_number(values, "building_density", 0.0),
        waldo_look=look,
    )


def scene_preset(name: str = "default") -> DictConfig:
    """A shipped preset (configs/data/scene/<name>.yaml) with its defaults list merged, as Hydra would."""
    folder = resources.files("waldo.configs") / "data" / "scene"
    path = folder / f"{name}.yaml"
    if not path.is_file():
        available = sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))
        raise ValueError(f"unknown scene preset {name!r}; available: {available}")
    own = OmegaConf.load(str(path))
    parents = own.pop("defaults", [])
    merged = OmegaConf.create()
    for parent in parents:
        merged = OmegaConf.merge(merged, own if parent == "_self_" else scene_preset(parent))
    if "_self_" not in parents:
        merged = OmegaConf.merge(merged, own)
    return merged
