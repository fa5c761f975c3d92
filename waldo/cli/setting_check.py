"""Settings checked against the composed config before any work: unknown keys, and values of the wrong kind.

Hydra would answer ``treshold=0.5`` with a hint to append ``+treshold=0.5``, which then runs and
ignores the value, and it passes ``optimizer.lr=abc`` on to fail deep inside torch. Here both are
one line: the unknown key with the closest known one, or the setting with the kind of value it takes.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Iterator
from importlib import resources
from typing import Any

from hydra import compose, initialize_config_module
from hydra.core.global_hydra import GlobalHydra
from hydra.core.override_parser.types import Override
from hydra.utils import get_object
from omegaconf import DictConfig, ListConfig, OmegaConf

CONFIG_MODULE = "waldo.configs"


def group_folder(name: str) -> Any:
    """Where config group ``name`` (``data/scene``, ``experiment``, ``hydra/launcher``) would live in waldo's configs."""
    return resources.files(CONFIG_MODULE).joinpath(*name.split("/"))


def is_group(name: str) -> bool:
    return group_folder(name).is_dir()


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
    return sorted(p.name.removesuffix(".yaml") for p in group_folder(group).iterdir() if p.name.endswith(".yaml"))


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


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_kind(key: str, default: Any, value: Any, scalar_lists: tuple[str, ...] = ()) -> None:
    """A number stays a number, a flag a flag, a list a list, a section a section: refuse ``lr=abc`` here
    rather than deep inside a library. ``scalar_lists`` are list settings that also take one value."""
    if value is None or default is None or isinstance(default, str):
        return
    if isinstance(default, dict):
        if not isinstance(value, dict):
            raise ValueError(f"{key}={value!r} would replace the whole section {key}; set one of its keys "
                             f"({key}.<key>=...), or choose a preset with {key.replace('.', '/')}=<name> where there is one")
    elif isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError(f"{key}={value!r} must be true or false")
    elif is_number(default):
        if not is_number(value):
            raise ValueError(f"{key}={value!r} must be a number (default {default})")
    elif isinstance(default, list):
        if not isinstance(value, list):
            if not (key in scalar_lists and is_number(value)):
                raise ValueError(f"{key}={value!r} must be a list like {default}")
        elif default and all(is_number(d) for d in default) and not all(is_number(v) for v in value):
            raise ValueError(f"{key}={value!r} must be a list of numbers like {default}")


def target_signature(node: DictConfig) -> inspect.Signature | None:
    """The signature of the class or function a ``_target_`` node builds, or None if it cannot be had."""
    try:
        return inspect.signature(get_object(str(node["_target_"])))
    except Exception:  # a target that cannot be imported or inspected: leave the check to instantiation
        return None


def target_parameters(node: DictConfig) -> tuple[list[str], bool] | None:
    """The keyword names a ``_target_`` node's class accepts, and whether it takes ``**kwargs``."""
    signature = target_signature(node)
    if signature is None:
        return None
    parameters = signature.parameters.values()
    names = [p.name for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    return names, any(p.kind is p.VAR_KEYWORD for p in parameters)


def takes_words_or_lists(node: DictConfig, name: str) -> bool:
    """Whether argument ``name`` of a ``_target_`` node is typed to take text or lists too (``Trainer(devices="auto")``)."""
    signature = target_signature(node)
    parameter = signature.parameters.get(name) if signature is not None else None
    if parameter is None or parameter.annotation is inspect.Parameter.empty:
        return False
    annotation = str(parameter.annotation)
    return any(word in annotation for word in ("str", "list", "List", "Sequence", "Literal"))


def parent_and_leaf(cfg: DictConfig, key: str) -> tuple[Any, str]:
    """The node holding ``key`` (``a.b`` in ``a.b.c``) and the last part, without resolving interpolations."""
    path, _, leaf = key.rpartition(".")
    parent = cfg if not path else OmegaConf.select(cfg, path, throw_on_resolution_failure=False)
    return parent, leaf


def holds(parent: Any, leaf: str) -> bool:
    if isinstance(parent, DictConfig):
        return leaf in parent
    return isinstance(parent, ListConfig) and leaf.isdigit() and int(leaf) < len(parent)


COLLECTIONS = ("callbacks", "logger")  # sections whose entries are whole objects a user may add (+callbacks.x._target_=...)


def check_new_key(override: Override, parent: Any, leaf: str, key: str, known: list[str], command: str) -> None:
    """A key the config lacks: fine as a ``+`` argument its ``_target_`` accepts, or a new entry of a collection."""
    adding = override.is_add() or override.is_force_add()
    if adding and key.split(".")[0] in COLLECTIONS and key.count(".") >= 2:
        return
    if isinstance(parent, DictConfig) and "_target_" in parent:
        accepted = target_parameters(parent)
        if accepted is not None and not accepted[1] and leaf not in accepted[0]:
            near = difflib.get_close_matches(leaf, accepted[0], n=1, cutoff=0.6)
            hint = f"; did you mean '{key.rpartition('.')[0]}.{near[0]}'?" if near else ""
            raise ValueError(f"unknown setting '{key}': {parent['_target_']} takes no argument '{leaf}'{hint}")
        if adding or accepted is None:
            return
        raise ValueError(f"unknown setting '{key}'; it is an argument of {parent['_target_']}, which the config does not set: "
                         f"pass it as +{key}={override.value()}")
    raise ValueError(f"unknown setting '{key}'{closest(key, known)} ({command} --help lists every setting)")


def check_settings(config_name: str, overrides: list[Override], command: str, scalar_lists: tuple[str, ...] = ()) -> None:
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
            check_new_key(override, parent, leaf, key, known, command)
            continue
        if isinstance(parent, DictConfig) and OmegaConf.is_interpolation(parent, leaf):
            continue
        if isinstance(parent, DictConfig) and "_target_" in parent and takes_words_or_lists(parent, leaf):
            continue  # trainer.devices=auto, trainer.precision=bf16-mixed: the class takes more than the default's kind
        node = parent[int(leaf)] if isinstance(parent, ListConfig) else parent[leaf]
        default = OmegaConf.to_container(node) if isinstance(node, DictConfig | ListConfig) else node
        for value in first_values(override):
            check_kind(key, default, value, scalar_lists)
