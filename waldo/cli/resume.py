"""A resumed training run continues in its own folder, so its checkpoints and best score carry on.

Resuming into a fresh ``outputs/train/<time>/`` left the best checkpoint behind in the old folder:
Lightning then warned that the checkpoint folder had changed and forgot the best score. The run's
own folder is where Lightning looks for both; the resumed run's Hydra record goes beside the
first one (``.hydra/resumed_<time>/``) instead of over it.
"""

from __future__ import annotations

from pathlib import Path

from hydra.core.override_parser.overrides_parser import OverridesParser

from waldo.cli.arguments import CommandLine, quoted

CHECKPOINTS = "checkpoints"


def run_folder_of(checkpoint: Path) -> Path | None:
    """``outputs/train/<time>`` for ``outputs/train/<time>/checkpoints/<name>.ckpt`` written by waldo-train."""
    folder = checkpoint.resolve().parent
    if folder.name == CHECKPOINTS and (folder.parent / ".hydra").is_dir():
        return folder.parent
    return None


def resume_in_run_folder(line: CommandLine) -> None:
    """Point Hydra's run folder at the checkpoint's own run, unless the user chose one or this is a sweep."""
    if any(flag in ("-m", "--multirun") for flag in line.flags):
        return
    keys = {o.key_or_group: o for o in line.overrides}
    if "ckpt_path" not in keys or "hydra.run.dir" in keys:
        return
    value = keys["ckpt_path"].value()
    folder = run_folder_of(Path(str(value))) if value else None
    if folder is None:
        return
    parser = OverridesParser.create()
    line.overrides.append(parser.parse_override(f"hydra.run.dir={quoted(str(folder))}"))
    line.overrides.append(parser.parse_override("hydra.output_subdir=.hydra/resumed_${now:%Y-%m-%d_%H-%M-%S}"))
