"""Start a Hydra app with waldo's own front door: ``--help``, plain paths and settings checked first."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from hydra.errors import HydraException

from waldo.cli.arguments import CommandLine, read_command_line
from waldo.cli.help_text import help_text
from waldo.cli.setting_check import check_settings

OWN_CONFIGS = ("--config-dir", "-cd", "--config-path", "-cp", "--config-name", "-cn")
SCALAR_LISTS = ("scales",)  # list settings that also take one number (scales=1.5)


def uses_other_configs(line: CommandLine) -> bool:
    """Configs of the user's own (``-cd my_configs``, ``hydra.searchpath``): waldo's checks know only its own."""
    return any(f in OWN_CONFIGS for f in line.flags) or any(o.key_or_group == "hydra.searchpath" for o in line.overrides)


def start(hydra_main: Callable[[], object], config_name: str, positional: str | None = None,
          adjust: Callable[[CommandLine], None] | None = None) -> None:
    """Answer ``--help``, turn a bare path into ``<positional>=...``, refuse bad settings in one line, then run.

    ``adjust`` may add overrides of the app's own (``waldo-train`` chooses its run folder).
    """
    command = Path(sys.argv[0]).stem if sys.argv and sys.argv[0] else f"waldo-{config_name}"
    command = command if command.startswith("waldo-") else f"waldo-{config_name}"
    args = sys.argv[1:]
    if "--help" in args or "-h" in args:
        print(help_text(config_name, command, positional))
        return
    try:
        line = read_command_line(args, positional)
        if not uses_other_configs(line):
            check_settings(config_name, line.overrides, command, SCALAR_LISTS)
        if adjust is not None:
            adjust(line)
    except (ValueError, HydraException) as error:  # Hydra's own: a config it cannot compose (+model=deep)
        if os.environ.get("WALDO_DEBUG"):
            raise
        print(f"error: {str(error).strip().splitlines()[0]}", file=sys.stderr)
        sys.exit(2)
    sys.argv = [sys.argv[0], *line.argv()]
    hydra_main()
