"""A training run's folder: which one a run writes into, and nothing left behind when a run is refused.

A resumed run continues in its own folder, so its checkpoints and best score carry on: resuming
into a fresh ``outputs/train/<time>/`` left the best checkpoint behind in the old folder, and
Lightning warned that the checkpoint folder had changed and forgot the best score. The resumed
command's Hydra record goes beside the first one (``.hydra/resumed_<time>/``), not over it.

A fresh run's folder is named here rather than by Hydra, so that a run refused before training
can remove exactly the folders it made, and never one that was there before.
"""

from __future__ import annotations

import time
from pathlib import Path

from hydra.core.override_parser.overrides_parser import OverridesParser

from waldo.cli.arguments import CommandLine, quoted

CHECKPOINTS = "checkpoints"
HYDRA_RECORD = ".hydra"
RUNS = Path("outputs") / "train"
TIME_FORMAT = "%Y-%m-%d_%H-%M-%S"

made_by_this_run: list[Path] = []  # the fresh run folder and the parents it needed, deepest first


def run_folder_of(checkpoint: Path) -> Path | None:
    """``outputs/train/<time>`` for ``outputs/train/<time>/checkpoints/<name>.ckpt`` written by waldo-train."""
    folder = checkpoint.resolve().parent
    if folder.name == CHECKPOINTS and (folder.parent / HYDRA_RECORD).is_dir():
        return folder.parent
    return None


def choose_run_folder(line: CommandLine) -> None:
    """The checkpoint's own folder when resuming, else a new ``outputs/train/<time>``; the user's choice and sweeps win."""
    made_by_this_run.clear()
    keys = {o.key_or_group: o for o in line.overrides}
    if any(f in ("-m", "--multirun") for f in line.flags) or "hydra.run.dir" in keys or "hparams_search" in keys:
        return
    parser = OverridesParser.create()
    value = keys["ckpt_path"].value() if "ckpt_path" in keys else None
    resumed = run_folder_of(Path(str(value))) if value else None
    if resumed is not None:
        line.overrides.append(parser.parse_override(f"hydra.run.dir={quoted(str(resumed))}"))
        line.overrides.append(parser.parse_override("hydra.output_subdir=.hydra/resumed_${now:" + TIME_FORMAT + "}"))
        return
    folder = RUNS / time.strftime(TIME_FORMAT)
    made_by_this_run.extend(p.resolve() for p in [folder, *folder.parents] if str(p) != "." and not p.exists())
    line.overrides.append(parser.parse_override(f"hydra.run.dir={quoted(str(folder))}"))


def free_bundle_path(folder: Path, name: str = "waldo_model") -> Path:
    """``waldo_model.pt``, or ``waldo_model_2.pt``... when a resumed run's folder already holds one."""
    path, number = folder / f"{name}.pt", 1
    while path.exists():
        number += 1
        path = folder / f"{name}_{number}.pt"
    return path


def discard_unused_run_folder(folder: Path) -> None:
    """After a refused run, remove the folders this run made, if they hold nothing but Hydra's record of it."""
    folder = folder.resolve()
    if not made_by_this_run or made_by_this_run[0] != folder or not folder.is_dir():
        return
    record = folder / HYDRA_RECORD
    if any(entry != record for entry in folder.iterdir()) or any(p.is_dir() for p in record.glob("*")):
        return
    for path in record.glob("*"):
        path.unlink()
    if record.is_dir():
        record.rmdir()
    for made in made_by_this_run:  # the run folder, then outputs/train/ and outputs/ if this run made them
        if made.is_dir() and not any(made.iterdir()):
            made.rmdir()
