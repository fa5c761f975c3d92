"""The command line before Hydra reads it: plain paths, quoting, and one clear line for what cannot be read.

Hydra's override grammar refuses unquoted values with spaces or letters outside ASCII
(``input=scans/Où est Charlie.jpg``), and book scans from many countries have such names. So a
bare path (``waldo-detect page.jpg``) becomes ``input='page.jpg'``, a ``key=value`` whose value
the grammar cannot read is quoted for it, and what still cannot be read is refused in one line
that names the argument and says how to quote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.core.override_parser.types import Override

# Hydra's own flags, and those of them that take the next argument as their value
HYDRA_FLAGS_WITH_VALUE = {"--cfg", "-c", "--package", "-p", "--config-path", "-cp", "--config-name", "-cn",
                          "--config-dir", "-cd", "--experimental-rerun", "--shell-completion", "-sc"}
INFO_TOPICS = {"all", "config", "defaults", "defaults-tree", "plugins", "searchpath"}
KEY_VALUE = re.compile(r"^(?P<key>[+~]{0,2}[\w./@-]+)=(?P<value>.*)$", re.DOTALL)


@dataclass
class CommandLine:
    """Hydra's flags as given, and the overrides, each parsed."""

    flags: list[str] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)

    def argv(self) -> list[str]:
        """What Hydra is then given: its flags first, then the overrides as the grammar reads them."""
        return [*self.flags, *(o.input_line for o in self.overrides)]


def quoted(value: str) -> str:
    """``value`` as one single-quoted string of Hydra's grammar, read back exactly."""
    text = value.replace("${", "\\${").replace("'", "\\'")
    text = re.sub(r"(\\+)(?=\\')", lambda m: m.group(1) * 2, text)  # backslashes before a quote stay literal
    if text.endswith("\\"):
        text = re.sub(r"(\\+)$", lambda m: m.group(1) * 2, text)
    return f"'{text}'"


def exists(arg: str) -> bool:
    """Whether ``arg`` names a file or folder; a name too long for the system is simply not one."""
    try:
        return Path(arg).exists()
    except (OSError, ValueError):
        return False


def looks_like_a_path(arg: str) -> bool:
    """A bare argument the user means as a picture, folder or glob rather than a ``key=value`` setting."""
    if exists(arg):
        return True
    return not arg.startswith(("+", "~")) and KEY_VALUE.match(arg) is None


def parse_override(parser: OverridesParser, arg: str) -> Override:
    """One override, quoting a value the grammar cannot read; refuses in one line what still fails."""
    try:
        return parser.parse_override(arg)
    except Exception as first:  # Hydra raises its own exception types from the ANTLR lexer and parser
        match = KEY_VALUE.match(arg)
        if match and not match["value"].startswith(("'", '"')) and "${" not in match["value"]:  # quoting would freeze ${...}
            try:
                return parser.parse_override(f"{match['key']}={quoted(match['value'])}")
            except Exception:
                pass
        reason = str(first).splitlines()[0]
        hint = f"""'{match["key"]}="..."'""" if match else "'key=\"value\"'"
        raise ValueError(f"cannot read the argument {arg!r} ({reason}); quote the value, e.g. {hint}") from None


def read_command_line(args: list[str], positional: str | None = None) -> CommandLine:
    """Sort ``args`` into Hydra's flags and parsed overrides; a bare path becomes ``<positional>=...``."""
    parser = OverridesParser.create()
    line = CommandLine()
    paths: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg.startswith("-") and not exists(arg):
            line.flags.append(arg)
            takes_value = arg in HYDRA_FLAGS_WITH_VALUE or (arg == "--info" and index + 1 < len(args) and args[index + 1] in INFO_TOPICS)
            if takes_value and index + 1 < len(args):
                line.flags.append(args[index + 1])
                index += 1
        elif positional is not None and looks_like_a_path(arg):
            paths.append(arg)
        else:
            line.overrides.append(parse_override(parser, arg))
        index += 1
    if len(paths) > 1:
        raise ValueError(f"give one picture, folder or glob (got {len(paths)}: {', '.join(map(repr, paths))}); "
                         "put several pictures in a folder, or use a glob like 'scans/*.jpg'")
    if paths:
        if any(o.key_or_group == positional for o in line.overrides):
            raise ValueError(f"{paths[0]!r} and {positional}= both name the input; give one of them")
        line.overrides.insert(0, parser.parse_override(f"{positional}={quoted(paths[0])}"))
    return line
