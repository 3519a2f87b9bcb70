"""The apps import only the layers below them (DESIGN.md): core → accounts → children (with its
sub-apps) → funds → programs → reporting → offline → api → the project package ``ytich`` on top. Nothing below imports
``ytich``; ``core`` imports no app of the portal."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
LAYERS = ["core", "accounts", "children", "funds", "programs", "reporting", "offline", "api", "ytich"]


def _layer(module: str) -> str | None:
    top = module.split(".")[0]
    return top if top in LAYERS else None


def _imports(path: Path, package: str):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: stays inside its own package
                yield node.lineno, package
            elif node.module:
                yield node.lineno, node.module


@pytest.mark.parametrize("layer", LAYERS[:-1])
def test_each_layer_imports_only_the_layers_below_it(layer):
    allowed = set(LAYERS[: LAYERS.index(layer) + 1])
    wrong = []
    for path in sorted((BASE / layer).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for lineno, module in _imports(path, layer):
            target = _layer(module)
            if target and target not in allowed:
                wrong.append(f"{path.relative_to(BASE)}:{lineno} imports {module}")
    assert not wrong, "\n".join(wrong)
