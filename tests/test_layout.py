"""The house's rules, checked on the source: imports run one way, and the README's module map matches the tree."""

import ast

import pytest

from conftest import REPO

WALDO = REPO / "waldo"

# room -> rooms of waldo it must never import (directly)
FORBIDDEN = {
    "conv": {"pictures", "model", "data", "train", "infer", "eval", "benchmarks", "synth", "serve", "cli"},
    "pictures": {"model", "data", "train", "infer", "eval", "benchmarks", "synth", "serve", "cli"},
    "synth": {"pictures", "model", "data", "train", "infer", "eval", "benchmarks", "serve", "cli"},
    "model": {"data", "train", "infer", "eval", "benchmarks", "serve", "cli"},
    "data": {"train", "infer", "eval", "benchmarks", "serve", "cli"},
    "train": {"infer", "benchmarks", "serve", "cli"},
    "infer": {"train", "data", "eval", "benchmarks", "serve", "cli"},
    "eval": {"train", "benchmarks", "serve", "cli"},
    "benchmarks": {"serve", "cli"},
    "serve": {"train", "benchmarks", "cli"},
}


def room_of(path) -> str:
    relative = path.relative_to(WALDO)
    return relative.parts[0].removesuffix(".py") if len(relative.parts) > 1 or relative.name == "conv.py" else ""


def waldo_imports(path) -> set[str]:
    """The rooms of waldo a module imports: ``from waldo.model.heatmap import x`` -> ``model``."""
    rooms = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        rooms |= {n.split(".")[1] for n in names if n.startswith("waldo.") and len(n.split(".")) > 1}
    return rooms


SOURCES = sorted(p for p in WALDO.rglob("*.py") if room_of(p) in FORBIDDEN)


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(WALDO)) for p in SOURCES])
def test_imports_run_one_way(path):
    wrong = waldo_imports(path) & FORBIDDEN[room_of(path)]
    assert not wrong, f"{path.relative_to(REPO)} imports {sorted(wrong)}"


def test_only_the_cli_knows_hydra_entry_points():
    users = [p for p in WALDO.rglob("*.py") if "hydra.main" in p.read_text() and room_of(p) != "cli"]
    assert not users


def test_the_readme_module_map_names_every_room_of_the_tree():
    readme = (REPO / "README.md").read_text()
    rooms = sorted(p.parent.name for p in WALDO.glob("*/__init__.py"))
    missing = [room for room in rooms if f"`waldo/{room}/`" not in readme]
    assert rooms and not missing, f"README's module map lacks {missing}"
