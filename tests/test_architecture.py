"""The package's architecture: the folder tree is the pipeline, and the
import graph has no cycles.

The graph is read from the source (every ``import`` and ``from ... import``
statement of every module of ``rbdata/``, including imports inside
functions, which are still dependencies), not from what happens to be
imported at run time.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import rbdata

PACKAGE = Path(rbdata.__file__).resolve().parent

# Layers from the bottom up: a module may import only from its own layer or
# the layers below. ``rbdata`` itself (__init__, __main__, build) is on top.
LAYERS = (
    ("rbdata._errors", "rbdata._paths", "rbdata._version"),
    ("rbdata.text", "rbdata.reference"),
    ("rbdata.contract",),
    ("rbdata.sources",),
    ("rbdata.loaders",),
    ("rbdata.export",),
    ("rbdata.analysis",),
)


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The rbdata modules that ``name`` imports (resolved to module names)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # imports for type checkers only never run
    skipped = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for stmt in node.body
        for n in ast.walk(stmt)
    }
    out = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        targets = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(up + ([base] if base else []))
            # `from rbdata.x import y`: y is a module of package x, or a name
            # defined in x's __init__ (then the dependency is on x itself)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name and t.startswith("rbdata"):
                out.add(t)
    return out


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    graph = {}
    for name, path in mods.items():
        graph[name] = imports_of(name, path, known)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m) :] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def layer_of(name: str) -> int | None:
    for i, prefixes in enumerate(LAYERS):
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            return i
    return None  # the top: rbdata, rbdata.__main__, rbdata.build


def test_the_graph_is_read():
    graph = import_graph()
    assert "rbdata.sources.batang.plans" in graph
    assert "rbdata.sources.batang.document" in graph["rbdata.sources.batang.plans"]
    assert "rbdata.loaders" in graph["rbdata"]


def test_no_import_cycles():
    assert find_cycle(import_graph()) is None


def test_the_cycle_finder_finds_a_cycle():
    graph = import_graph()
    graph["rbdata.text.lines"] = graph["rbdata.text.lines"] | {"rbdata.sources.batang.plans"}
    cycle = find_cycle(graph)
    assert cycle is not None and cycle[0] == cycle[-1]


def test_layers_import_only_downwards():
    """text/reference -> contract -> sources -> loaders -> export -> analysis:
    no module imports from a layer above its own."""
    upward = []
    for name, deps in import_graph().items():
        mine = layer_of(name)
        if mine is None:
            continue
        for d in deps:
            theirs = layer_of(d)
            if theirs is None or theirs > mine:
                upward.append(f"{name} -> {d}")
    assert upward == []


@pytest.mark.parametrize(
    "public, module",
    [
        ("compare", "rbdata.analysis.compare"),
        ("scoring", "rbdata.analysis.scoring"),
        ("quality", "rbdata.analysis.quality"),
        ("monitoring", "rbdata.analysis.monitoring"),
    ],
)
def test_analysis_modules_are_reachable_but_not_imported_by_import_rbdata(public, module):
    code = (
        "import sys, rbdata\n"
        f"before = {module!r} in sys.modules\n"
        f"m = rbdata.{public}\n"
        f"print(before, m.__name__, {module!r} in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", module, "True"]


def test_import_rbdata_loads_no_analysis_plotting_or_excel_code():
    code = (
        "import sys, rbdata\n"
        "heavy = [m for m in sys.modules if m.startswith(('rbdata.analysis', 'rbdata.export',"
        " 'matplotlib', 'openpyxl', 'seaborn', 'pymcdm', 'scipy'))]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'comparre'"):
        rbdata.comparre  # noqa: B018


def test_load_glossary_is_public_and_lazy():
    assert "load_glossary" in rbdata.__all__
    assert callable(rbdata.load_glossary)


def test_every_name_in_all_exists():
    for name in rbdata.__all__:
        assert getattr(rbdata, name) is not None, name


def test_package_ships_type_information():
    assert (PACKAGE / "py.typed").is_file()


@pytest.mark.parametrize("package", ["compare", "scoring", "quality", "monitoring"])
def test_no_public_function_shares_its_name_with_a_submodule(package):
    """Importing a submodule sets it as an attribute of its package: a function
    of the same name exported by the package would then be hidden by the
    module (`rbdata.compare.money` becoming a module after a doctest run)."""
    import importlib
    import pkgutil

    pkg = importlib.import_module(f"rbdata.analysis.{package}")
    submodules = {m.name for m in pkgutil.iter_modules(pkg.__path__)}
    assert submodules & set(pkg.__all__) == set()
