"""Saving and loading the network with the model config that built it.

Two kinds of file load here: the compact bundle (``waldo_model.pt``: weights, model
config, how it was made) and a Lightning training checkpoint (``*.ckpt``). Both load
with ``weights_only=True``: plain tensors and containers, never pickled code.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import torch

from waldo.model.network import WaldoNet, build_net

BUNDLE_FORMAT = "waldo-bundle-1"


def save_bundle(net: WaldoNet, model_cfg: Mapping, path: str | Path, info: Mapping[str, Any] | None = None) -> Path:
    """Write weights + model config (+ free-form ``info`` such as the command and metrics) to ``path``."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} already exists; not overwriting it")
    path.parent.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().cpu().clone() for k, v in net.state_dict().items()}
    torch.save({"format": BUNDLE_FORMAT, "model_config": dict(model_cfg), "state_dict": state, "info": dict(info or {})}, path)
    return path


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise FileNotFoundError(f"checkpoint {path} does not exist")
    if path.is_dir():
        raise IsADirectoryError(f"checkpoint {path} is a folder, not a file")
    try:
        content = torch.load(path, map_location="cpu", weights_only=True)
    except (RuntimeError, EOFError, zipfile.BadZipFile, ValueError, OSError) as error:
        raise ValueError(f"checkpoint {path} is not a readable PyTorch file ({type(error).__name__}: {str(error).splitlines()[0][:120]})") from None
    except Exception as error:  # an unpickler refusal also means "not a waldo checkpoint"
        raise ValueError(f"checkpoint {path} could not be loaded safely ({type(error).__name__}); is it a waldo model?") from None
    if not isinstance(content, dict):
        raise ValueError(f"checkpoint {path} holds a {type(content).__name__}, not a waldo checkpoint")
    return content


def _split(content: dict[str, Any], path: Path) -> tuple[dict, dict[str, torch.Tensor], dict]:
    """(model config, net state dict, info) from either kind of file."""
    if content.get("format") == BUNDLE_FORMAT:
        return content["model_config"], content["state_dict"], content.get("info", {})
    hyper = content.get("hyper_parameters") or {}
    if "state_dict" in content and "model_cfg" in hyper:
        state = {k.removeprefix("net."): v for k, v in content["state_dict"].items() if k.startswith("net.")}
        return dict(hyper["model_cfg"]), state, {"global_step": content.get("global_step")}
    raise ValueError(f"checkpoint {path} is not a waldo model: it has neither a waldo bundle nor a waldo training checkpoint inside")


def load_net(path: str | Path) -> tuple[WaldoNet, dict[str, Any]]:
    """Rebuild the network a checkpoint describes and load its weights, in eval mode.

    Returns the net and a dict with ``model_config`` and ``info``.
    """
    path = Path(path)
    model_cfg, state, info = _split(_read(path), path)
    try:
        net = build_net(model_cfg)
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"checkpoint {path} has a model config this waldo cannot build: {error}") from None
    try:
        net.load_state_dict(state)
    except RuntimeError as error:
        first = str(error).strip().splitlines()
        raise ValueError(f"checkpoint {path} does not fit the architecture its config describes: {' '.join(first[1:3])[:200]}") from None
    return net.eval(), {"model_config": model_cfg, "info": info}


def load_weights_into(net: WaldoNet, model_cfg: Mapping, path: str | Path) -> None:
    """Copy into ``net`` (built from ``model_cfg``) the weights of a bundle or training checkpoint
    of the very same network.

    "The same" is judged on the layers both configs build (kinds, channels, kernels, strides,
    dilations, padding, norms, activations), so two spellings of one network match, and
    weights never land in layers they were not learned for.
    """
    source, meta = load_net(path)
    if repr(source) != repr(net):
        differing = "; ".join(_differences(meta["model_config"], model_cfg)) or "the layers differ"
        raise ValueError(f"{path} holds another network than this model config builds ({differing})")
    net.load_state_dict(source.state_dict())


def _differences(there: Any, here: Any, where: str = "") -> list[str]:
    """Where two model configs disagree, as 'stages[6].dilation is 8 there, 4 here' lines."""
    if isinstance(there, Mapping) and isinstance(here, Mapping):
        return [line for key in sorted(set(there) | set(here), key=str)
                for line in _differences(there.get(key), here.get(key), f"{where}.{key}" if where else str(key))]
    if isinstance(there, (list, tuple)) and isinstance(here, (list, tuple)) and len(there) == len(here):
        return [line for i, (a, b) in enumerate(zip(there, here)) for line in _differences(a, b, f"{where}[{i}]")]
    return [] if there == here else [f"{where} is {there!r} there, {here!r} here"]


def check_resumable(path: str | Path, model_cfg: Mapping) -> None:
    """Refuse, before training starts, a ``ckpt_path`` that Lightning could not resume this model from."""
    path = Path(path)
    content = _read(path)
    if content.get("format") == BUNDLE_FORMAT:
        raise ValueError(f"checkpoint {path} is a waldo_model.pt bundle (weights only); resuming needs a training .ckpt "
                         "(outputs/train/<run>/checkpoints/last.ckpt), or use init_from= to start from these weights")
    missing = [key for key in ("state_dict", "optimizer_states", "hyper_parameters") if key not in content]
    if missing or "model_cfg" not in (content.get("hyper_parameters") or {}):
        raise ValueError(f"checkpoint {path} is not a waldo training checkpoint (it lacks {', '.join(missing) or 'model_cfg'})")
    load_weights_into(build_net(model_cfg), model_cfg, path)
