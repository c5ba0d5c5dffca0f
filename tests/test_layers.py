"""The layer contract: argmap's packages import downwards only, with no cycle, and each heavy
library is imported in one place.

    model -> readers -> text -> nlp -> argument -> findings -> pipeline -> writers
          -> evaluation -> app

Every `import` in every module counts, including the ones inside functions (they still make
the dependency); those under `if TYPE_CHECKING:` do not. The bare `argmap` package may be
imported from anywhere: it holds the version and loads its public names lazily.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "argmap"

#: Layers from the bottom; a module may import its own layer and the ones before it.
LAYERS = (
    ("argmap.model", "argmap.validate"),
    ("argmap.readers",),
    ("argmap.text",),
    ("argmap.nlp",),
    ("argmap.argument",),
    ("argmap.findings",),
    ("argmap.pipeline",),
    ("argmap.writers",),
    ("argmap.evaluation",),
    ("argmap.app", "argmap.__main__"),
)

#: Third-party library -> the only modules (or packages) that may import it.
HEAVY = {
    "spacy": ("argmap.nlp",),
    "pyvis": ("argmap.writers.html.page",),
    "typer": ("argmap.app.cli",),
    "rich": ("argmap.app",),
    "pypdf": ("argmap.readers.pdf",),
    "networkx": ("argmap.writers.graph",),
    "jinja2": ("argmap.writers.html",),
    "markupsafe": ("argmap.writers.html",),
    "ftfy": ("argmap.text.clean",),
    "charset_normalizer": ("argmap.readers",),
    "distributed": ("argmap.app.cluster",),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module `path` imports (absolute names), outside `if TYPE_CHECKING:` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for child in node.body for n in ast.walk(child))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # "from argmap.app import batch" imports the module argmap.app.batch
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {
    name: {m for m in imports(path) if m in MODULES and m != name} for name, path in MODULES.items()
}


def layer(module: str) -> int | None:
    for k, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return k
    return None


def test_every_module_has_a_layer() -> None:
    assert [m for m in MODULES if m != "argmap" and layer(m) is None] == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_downwards(module: str) -> None:
    if module == "argmap":
        return
    own = layer(module)
    assert own is not None
    upward = sorted(m for m in GRAPH[module] if m != "argmap" and (layer(m) or 0) > own)
    assert upward == [], f"{module} imports a later layer"


def test_no_import_cycles() -> None:
    graph = nx.DiGraph([(a, b) for a, bs in GRAPH.items() for b in bs if b != "argmap"])
    graph.add_nodes_from(MODULES)
    assert list(nx.simple_cycles(graph)) == []


@pytest.mark.parametrize("library", sorted(HEAVY))
def test_each_heavy_library_lives_in_one_place(library: str) -> None:
    allowed = HEAVY[library]
    users = sorted(
        name
        for name, path in MODULES.items()
        if any(m == library or m.startswith(library + ".") for m in imports(path))
    )
    assert users, f"nothing imports {library}: drop it from HEAVY"
    stray = [u for u in users if not any(u == a or u.startswith(a + ".") for a in allowed)]
    assert stray == [], f"{library} imported outside {allowed}"
