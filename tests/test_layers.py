"""The package's layers: every import points down, no package-level cycle, and the pure
core imports nothing that reaches hardware, a window or the file system.

Read from the source (every import statement, including those inside functions), so a
lazy import cannot hide an arrow that points up."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "gmi_trainer"

# Lowest first. A package may import its own modules and any package in a lower layer.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"i18n"}),  # the language: text and formats every area shows
    frozenset({"(version)", "clock", "vocabulary", "storage", "fonts"}),
    frozenset({"plans", "profiles", "frames"}),
    frozenset({"core", "tracking"}),
    frozenset({"records", "mirror", "supervise", "stimuli"}),
    frozenset({"capture"}),
    frozenset({"charts"}),
    frozenset({"ui"}),
    frozenset({"app"}),
    frozenset({"bench"}),
    frozenset({"commands"}),
    frozenset({"cli"}),
    frozenset({"__main__"}),
)
LAYER_OF = {name: index for index, layer in enumerate(LAYERS) for name in layer}
# What the core may import besides itself and the layers under it: computation only.
CORE_STANDARD_LIBRARY = {"__future__", "typing", "dataclasses", "datetime", "random",
                         "statistics", "math", "enum", "itertools", "functools", "collections",
                         "bisect", "re", "contextlib"}


def _area(module: str) -> str:
    """The package a module belongs to: gmi_trainer.core.session -> core."""
    parts = module.split(".")
    if len(parts) == 1:
        return "(version)"  # `from gmi_trainer import __version__`
    if (PACKAGE / parts[1]).is_dir():
        return parts[1]
    # gmi_trainer/__init__.py holds only the version.
    return "(version)" if parts[1] in ("__version__", "__init__") else parts[1]


def _imports(path: Path) -> list[tuple[str, int]]:
    return _imports_in(path.read_text(encoding="utf-8"))


def _imports_in(source: str) -> list[tuple[str, int]]:
    """(module imported, line) for every import of the source, at any depth."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "gmi_trainer":
                found += [(f"gmi_trainer.{alias.name}", node.lineno) for alias in node.names]
            else:
                found.append((node.module, node.lineno))
    return found


def _edges() -> dict[tuple[str, str], list[str]]:
    edges: dict[tuple[str, str], list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        source = _area(module)
        for imported, line in _imports(path):
            if imported.startswith("gmi_trainer."):
                target = _area(imported)
                if target != source:
                    where = f"{path.relative_to(PACKAGE)}:{line} imports {imported}"
                    edges.setdefault((source, target), []).append(where)
    return edges


def test_every_package_has_a_layer() -> None:
    areas = {_area(".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts))
             for p in PACKAGE.rglob("*.py")}
    assert areas <= set(LAYER_OF), f"put {sorted(areas - set(LAYER_OF))} in a layer"


def test_every_import_points_down() -> None:
    upward = [where for (source, target), places in _edges().items()
              if LAYER_OF.get(target, -1) >= LAYER_OF.get(source, -1) for where in places]
    assert not upward, "imports that point up or sideways:\n" + "\n".join(upward)


def test_no_package_level_cycle() -> None:
    graph: dict[str, set[str]] = {}
    for source, target in _edges():
        graph.setdefault(source, set()).add(target)

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                todo.extend(graph.get(node, ()))
        return False

    cycles = sorted(f"{a} <-> {b}" for a in graph for b in graph[a] if a < b and reaches(b, a))
    assert not cycles, cycles


def test_the_core_imports_only_computation() -> None:
    allowed_packages = {name for layer in LAYERS[:LAYER_OF["core"]] for name in layer}
    bad = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        for imported, line in _imports(path):
            top = imported.split(".")[0]
            if top == "gmi_trainer":
                if _area(imported) not in allowed_packages | {"core"} \
                        or imported.startswith("gmi_trainer.storage") \
                        or imported.endswith((".store", ".pin", ".loader", ".files")):
                    bad.append(f"core/{path.name}:{line} imports {imported}")
            elif top not in CORE_STANDARD_LIBRARY:
                bad.append(f"core/{path.name}:{line} imports {imported}")
    assert not bad, "\n".join(bad)


def test_the_checks_see_a_violation() -> None:
    """The layer test reads lazy imports too: an upward import inside a function counts."""
    snippet = "def f():\n    from gmi_trainer.app.root import run_from_args\n" \
              "from gmi_trainer import __version__\n"
    assert sorted(_imports_in(snippet)) == [("gmi_trainer.__version__", 3), ("gmi_trainer.app.root", 2)]
    assert _area("gmi_trainer.app.root") == "app" and _area("gmi_trainer.__version__") == "(version)"
    assert LAYER_OF["app"] > LAYER_OF["core"]
