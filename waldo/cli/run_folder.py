"""A training run's folder: what a run adds to it, and nothing left behind when a run is refused."""

from __future__ import annotations

from pathlib import Path

HYDRA_RECORD = ".hydra"


def free_bundle_path(folder: Path, name: str = "waldo_model") -> Path:
    """``waldo_model.pt``, or ``waldo_model_2.pt``... when a resumed run's folder already holds one."""
    path, number = folder / f"{name}.pt", 1
    while path.exists():
        number += 1
        path = folder / f"{name}_{number}.pt"
    return path


def discard_unused_run_folder(folder: Path) -> None:
    """Remove a run folder that holds nothing but Hydra's record of the command, after a refused run.

    Only Hydra's own files go (``.hydra/`` and an empty log); a folder that holds anything else,
    a checkpoint or a file of the user's, is left exactly as it is.
    """
    if not folder.is_dir():
        return
    entries = list(folder.iterdir())
    record = folder / HYDRA_RECORD
    logs = [e for e in entries if e.suffix == ".log" and e.is_file() and e.stat().st_size == 0]
    if any(e != record and e not in logs for e in entries):
        return
    if record.is_dir():
        if any(p.is_dir() for p in record.iterdir()):
            return  # an earlier run's record is kept beside this one (a resumed run)
        for p in record.iterdir():
            p.unlink()
        record.rmdir()
    for log in logs:
        log.unlink()
    folder.rmdir()
    for parent in folder.resolve().parents:  # outputs/train/, when this run made it: empty folders only
        if parent == Path.cwd().resolve() or any(parent.iterdir()):
            break
        parent.rmdir()
