"""Settings checked against the composed config before any work: unknown keys, and values of the wrong kind.

Hydra would answer ``treshold=0.5`` with a hint to append ``+treshold=0.5``, which then runs and
ignores the value, and it passes ``optimizer.lr=abc`` on to fail deep inside torch. Here both are
one line: the unknown key with the closest known one, or the setting with the kind of value it takes.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from importlib import resources
from typing import Any

from hydra import compose, initialize_config_module
from hydra.core.global_hydra import GlobalHydra
from hydra.core.override_parser.types import Override
from omegaconf import DictConfig, ListConfig, OmegaConf

CONFIG_MODULE = "waldo.configs"


def is_group(name: str) -> bool:
    """Whether ``name`` (``data/scene``, ``experiment``, ``hydra/launcher``) is a config group of waldo's."""
    folder = resources.files(CONFIG_MODULE).joinpath(*name.split("/"))
    return folder.is_dir()


def is_hydra_setting(override: Override) -> bool:
    return override.key_or_group == "hydra" or override.key_or_group.startswith(("hydra.", "hydra/"))


def dotted_keys(node: Any, prefix: str = "") -> Iterator[str]:
    """Every key of a config, nested ones as ``a.b.c``."""
    if isinstance(node, DictConfig):
        for key in node.keys():
            path = f"{prefix}{key}"
            yield path
            yield from dotted_keys(node._get_node(key), f"{path}.")


def closest(key: str, known: list[str]) -> str:
    """``; did you mean 'x'?`` for the most similar known key (whole, or by its last part), or nothing."""
    matches = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if not matches:
        by_leaf = {k.rpartition(".")[2]: k for k in sorted(known, key=len, reverse=True)}
        matches = [by_leaf[m] for m in difflib.get_close_matches(key.rpartition(".")[2], list(by_leaf), n=1, cutoff=0.75)]
    return f"; did you mean '{matches[0]}'?" if matches else ""


def group_choices(group: str) -> list[str]:
    folder = resources.files(CONFIG_MODULE).joinpath(*group.split("/"))
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


def check_choices(groups: list[Override]) -> None:
    """``experiment=quik``: one line with the choices there are, instead of Hydra's search-path report."""
    for override in groups:
        if override.is_delete():
            continue
        choices = group_choices(override.key_or_group)
        for value in first_values(override):
            for choice in value if isinstance(value, list) else [value]:
                if choice is not None and str(choice) not in choices:
                    near = difflib.get_close_matches(str(choice), choices, n=1)
                    hint = f"; did you mean '{near[0]}'?" if near else ""
                    raise ValueError(f"{override.key_or_group}={choice} is not one of {', '.join(choices)}{hint}")


def composed(config_name: str, overrides: list[str]) -> DictConfig:
    """The app's config with these overrides, as Hydra composes it (works inside or outside a Hydra app)."""
    if GlobalHydra.instance().is_initialized():
        return compose(config_name, overrides=overrides)
    with initialize_config_module(CONFIG_MODULE, version_base="1.3"):
        return compose(config_name, overrides=overrides)


def first_values(override: Override) -> list[Any]:
    """The values an override sets: one, or each of a sweep's listed choices (ranges and intervals: none)."""
    if not override.is_sweep_override():
        return [override.value()]
    choices = getattr(override.value(), "list", None)
    return list(choices) if choices is not None else []


def check_kind(key: str, default: Any, value: Any) -> None:
    """A number stays a number, a flag a flag: refuse ``lr=abc`` here rather than deep inside a library."""
    if value is None or default is None or isinstance(default, str):
        return
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError(f"{key}={value!r} must be true or false")
    elif isinstance(default, int | float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{key}={value!r} must be a number (default {default})")
    elif isinstance(default, list) and not isinstance(value, list | int | float):
        raise ValueError(f"{key}={value!r} must be a list like [{', '.join(map(str, default))}] (default {default})")


def parent_and_leaf(cfg: DictConfig, key: str) -> tuple[Any, str]:
    """The node holding ``key`` (``a.b`` in ``a.b.c``) and the last part, without resolving interpolations."""
    path, _, leaf = key.rpartition(".")
    parent = cfg if not path else OmegaConf.select(cfg, path, throw_on_resolution_failure=False)
    return parent, leaf


def holds(parent: Any, leaf: str) -> bool:
    if isinstance(parent, DictConfig):
        return leaf in parent
    return isinstance(parent, ListConfig) and leaf.isdigit() and int(leaf) < len(parent)


def check_settings(config_name: str, overrides: list[Override], command: str) -> None:
    """Refuse, in one line each, keys that nothing reads, choices that do not exist and values of the wrong kind."""
    groups = [o for o in overrides if not is_hydra_setting(o) and (is_group(o.key_or_group) or o.is_delete())]
    values = [o for o in overrides if not is_hydra_setting(o) and o not in groups]
    check_choices(groups)
    chosen = [o.input_line if not o.is_sweep_override() else f"{o.key_or_group}={first_values(o)[0]}"
              for o in groups if not o.is_sweep_override() or first_values(o)]
    base = composed(config_name, chosen)
    known = [k for k in dotted_keys(base) if not k.startswith("hydra")]
    for override in values:
        key = override.key_or_group
        parent, leaf = parent_and_leaf(base, key)
        if not holds(parent, leaf):
            if (override.is_add() or override.is_force_add()) and isinstance(parent, DictConfig) and "_target_" in parent:
                continue  # a constructor argument (trainer, optimizer, callback): the class itself checks it
            raise ValueError(f"unknown setting '{key}'{closest(key, known)} ({command} --help lists every setting)")
        if isinstance(parent, DictConfig) and OmegaConf.is_interpolation(parent, leaf):
            continue
        node = parent[int(leaf)] if isinstance(parent, ListConfig) else parent[leaf]
        default = OmegaConf.to_container(node) if isinstance(node, DictConfig | ListConfig) else node
        for value in first_values(override):
            check_kind(key, default, value)
