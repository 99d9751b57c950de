"""The one-way flow: no module of issqa imports from a stage above its own.

The stage order is written once, here; docs/architecture.md draws the same picture.
"""

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "issqa"

# Lowest first. A module may import from its own stage or any stage before it. Shared
# foundations (types, errors, settings, text helpers) come first; the shells (API, CLI) last.
STAGES = (
    ("errors", "types", "settings", "tokens", "text", "tagging"),
    ("corpus", "ingest"),
    ("chunking",),
    ("embedding",),
    ("index",),
    ("retrieval",),
    ("answering",),
    ("feedback",),
    ("service",),
    ("evaluation",),
    # The shells; ``distributed`` runs the API and the build on Ray.
    ("api", "cli", "distributed", "__main__", "__init__"),
)
STAGE_OF = {name: rank for rank, names in enumerate(STAGES) for name in names}


def stage(module: str) -> int:
    """The stage of ``issqa.<top>...`` by its top-level name."""
    top = module.split(".")[0]
    if top not in STAGE_OF:
        raise AssertionError(f"issqa.{top} has no stage; add it to STAGES in {__file__}")
    return STAGE_OF[top]


def imports(path: Path, root: Path = SOURCE) -> list[tuple[int, str]]:
    """(line, issqa-relative module) of every issqa import in a file, lazy ones included."""
    relative = path.relative_to(root).with_suffix("")
    package = list(relative.parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
            elif node.module and (node.module + ".").startswith("issqa."):
                base = []
                node.module = node.module.removeprefix("issqa").lstrip(".") or None
            else:
                continue
            if node.module:
                names = [".".join([*base, node.module])]
            else:  # "from . import x": x is a submodule, or a name the package defines
                names = [".".join([*base, a.name]) if _is_module(root, [*base, a.name])
                         else ".".join(base) or "__init__" for a in node.names]
            found += [(node.lineno, n) for n in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name.removeprefix("issqa.")) for a in node.names
                      if a.name.startswith("issqa.")]
    return found


def _is_module(root: Path, parts: list[str]) -> bool:
    target = root.joinpath(*parts)
    return target.with_suffix(".py").is_file() or (target / "__init__.py").is_file()


MODULES = sorted(p for p in SOURCE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_no_upward_import(path):
    own = stage(".".join(path.relative_to(SOURCE).with_suffix("").parts))
    upward = [f"line {line}: imports issqa.{module}" for line, module in imports(path)
              if stage(module) > own]
    assert upward == [], f"{path.relative_to(SOURCE)} reaches up a stage: {upward}"


def test_the_checker_sees_relative_absolute_and_lazy_imports(tmp_path):
    module = tmp_path / "index" / "example.py"
    module.parent.mkdir()
    (tmp_path / "service.py").write_text("")
    module.write_text("from ..answering import x\nfrom .store import y\n"
                      "def f():\n    import issqa.api.app\n    from issqa import service\n")
    found = imports(module, root=tmp_path)
    assert found == [(1, "answering"), (2, "index.store"), (4, "api.app"), (5, "service")]
    assert [m for _, m in found if stage(m) > stage("index")] == ["answering", "api.app",
                                                                 "service"]
