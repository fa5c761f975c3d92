"""``--help`` for each command: its own settings with their one-line comments, read from its config files.

Hydra's own help lists every config group in the search path, so ``waldo-detect --help`` would
offer training groups that mean nothing to detection. This reads the command's YAML and the
group files its defaults list picks, so what is printed is what the command reads.
"""

from __future__ import annotations

from importlib import resources

import yaml

from waldo.cli.setting_check import CONFIG_MODULE, group_choices

HYDRA_FLAGS = """Hydra's flags: --cfg job (print the composed config and stop), -m (sweep: key=a,b), --hydra-help"""


def config_text(*parts: str) -> str:
    return resources.files(CONFIG_MODULE).joinpath(*parts).read_text()


def settings_lines(text: str, indent: str = "  ") -> list[str]:
    """A config file's settings with their comments, without its header comments and defaults list."""
    lines, in_defaults, started = [], False, False
    for line in text.splitlines():
        if line.startswith("# @package") or (not started and line.startswith("#")):
            continue
        started = True
        if line.startswith("defaults:"):
            in_defaults = True
            continue
        if in_defaults and (line.startswith(" ") or line.startswith("-")):
            continue
        in_defaults = False
        if line.strip():
            lines.append(indent + line)
    return lines


def header(text: str) -> list[str]:
    """The file's opening comment lines: what the command does, and an example."""
    lines = []
    for line in text.splitlines():
        if line.startswith("# @package"):
            continue
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("# ").rstrip())
    return lines


def defaults_of(text: str) -> list[tuple[str, str | None]]:
    """(group, option) pairs of a file's defaults list, Hydra's own groups and ``_self_`` left out."""
    entries = (yaml.safe_load(text) or {}).get("defaults", []) if text.strip() else []
    pairs = []
    for entry in entries:
        if isinstance(entry, dict):
            for group, option in entry.items():
                if not group.startswith(("hydra", "override")):
                    pairs.append((group, option))
    return pairs


def group_section(group: str, option: str | None, parent: str = "") -> list[str]:
    """One group: how to choose it, its choices, and (when one is chosen) its settings."""
    path = f"{parent}/{group}" if parent else group
    line = f"{path}: {', '.join(group_choices(path))}" + (f" (now {option})" if option else " (none by default)")
    lines = ["", line]
    if option is None:
        return lines
    text = config_text(*path.split("/"), f"{option}.yaml")
    is_global = "# @package _global_" in text
    lines.append(f"  settings, each set as {'key' if is_global else path.replace('/', '.') + '.key'}=value:")
    lines += settings_lines(text, "    ")
    for sub_group, sub_option in defaults_of(text):
        if not sub_group.startswith("/") and sub_group != "_self_":
            lines += group_section(sub_group, sub_option, path)
    return lines


def help_text(config_name: str, command: str, positional: str | None = None) -> str:
    """The whole ``--help`` of one command."""
    text = config_text(f"{config_name}.yaml")
    usage = f"usage: {command}" + (f" [{positional}: a picture, folder or glob]" if positional else "") + " [key=value ...]"
    lines = [usage, "", *header(text), "", "settings (key=value):", *settings_lines(text)]
    for group, option in defaults_of(text):
        if group != "_self_":
            lines += group_section(group, option)
    lines += ["", HYDRA_FLAGS]
    return "\n".join(lines)
