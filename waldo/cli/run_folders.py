"""Fresh numbered run folders (runs/<tool>/<n>) for the apps that write results where the user stands."""

from __future__ import annotations

from pathlib import Path

from waldo.cli.detect import make_output_dir


def fresh_output_dir(requested: str | None, runs_folder: Path) -> Path:
    """The user's folder if new or empty (else refused); without one, the next numbered ``runs_folder/<n>``."""
    if requested is None:
        taken = [int(p.name) for p in runs_folder.iterdir() if p.name.isdigit()] if runs_folder.is_dir() else []
        requested = str(runs_folder / str(max(taken, default=0) + 1))
    return make_output_dir(requested)
