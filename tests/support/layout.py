"""The import graph of trendwatch, read from the source: which stage imports which, and how.

Every ``import``/``from ... import`` (relative ones resolved), every
``importlib.import_module("...")`` / ``__import__("...")`` with a literal name, and whether the
import sits inside a function. tests/test_layout.py checks the stage order with it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

# Stages from the bottom up: a module may import its own stage and those below it, never above.
# The leaf modules are shared by every stage.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "leaf",
        (
            "trendwatch",  # the package itself: __version__ and the public names
            "trendwatch.errors",
            "trendwatch.weeks",
            "trendwatch.messages",
            "trendwatch.safe_text",
            "trendwatch.textfold",
            "trendwatch.config_checks",
            "trendwatch.config",
            "trendwatch.webhook",
            "trendwatch.stopwords",
        ),
    ),
    ("sources", ("trendwatch.sources",)),
    ("store", ("trendwatch.store",)),
    ("ingest", ("trendwatch.ingest",)),
    ("analysis", ("trendwatch.analysis",)),
    ("cm", ("trendwatch.cm",)),
    ("digest", ("trendwatch.digest",)),
    ("publish", ("trendwatch.publish", "trendwatch.publish_text", "trendwatch.publish_week")),
    # The Prefect shell calls the library; the demo runs the weekly flow; the CLI runs both
    # (`trendwatch run` the flow, `trendwatch demo` the demo).
    ("flows", ("flows",)),
    ("demo", ("trendwatch.demo",)),
    ("cli", ("trendwatch.cli", "trendwatch.__main__")),
)
RANK = {name: i for i, (name, _) in enumerate(STAGES)}


def stage_of(module: str) -> str | None:
    """The stage a module belongs to (longest prefix wins), None for third-party modules."""
    best: tuple[int, str] | None = None
    for name, prefixes in STAGES:
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                if prefix == "trendwatch" and module != "trendwatch":
                    continue  # only the package's own __init__ is "trendwatch"
                if best is None or len(prefix) > best[0]:
                    best = (len(prefix), name)
    return None if best is None else best[1]


@dataclass(frozen=True, slots=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # the imported module, dotted
    line: int
    in_function: bool
    dynamic: bool  # importlib.import_module / __import__
    type_only: bool  # under ``if TYPE_CHECKING:``

    def where(self) -> str:
        return f"{self.module}:{self.line}"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(node: ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    base = node.module or ""
    if node.level:
        pkg = module.split(".") if is_package else module.split(".")[:-1]
        pkg = pkg[: len(pkg) - (node.level - 1)]
        base = ".".join([*pkg, base] if base else pkg)
    # ``from trendwatch.store import trends_reads`` imports a submodule: count both
    return [base] + [f"{base}.{a.name}" for a in node.names if a.name != "*"]


class _Visitor(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool) -> None:
        self.module, self.is_package = module, is_package
        self.found: list[Import] = []
        self.depth = 0
        self.type_only = 0

    def _add(self, target: str, node: ast.AST, dynamic: bool = False) -> None:
        self.found.append(
            Import(
                self.module, target, getattr(node, "lineno", 0), self.depth > 0, dynamic, self.type_only > 0
            )
        )

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_If(self, node: ast.If) -> None:
        test = ast.unparse(node.test)
        if test in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            self.type_only += 1
            for child in node.body:
                self.visit(child)
            self.type_only -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for a in node.names:
            self._add(a.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for target in _resolve(node, self.module, self.is_package):
            self._add(target, node)

    def visit_Call(self, node: ast.Call) -> None:
        name = ast.unparse(node.func)
        if name in ("importlib.import_module", "import_module", "__import__") and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                self._add(arg.value, node, dynamic=True)
        self.generic_visit(node)


def imports_of(path: Path, root: Path) -> list[Import]:
    """Every import of one file (``root`` is the folder holding the top-level packages)."""
    visitor = _Visitor(module_name(path, root), path.name == "__init__.py")
    visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return visitor.found


def own_imports(root: Path, folders: tuple[str, ...] = ("trendwatch", "flows")) -> list[Import]:
    """Imports of trendwatch's (and flows') own modules by every module under ``root``."""
    out = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*.py")):
            out += [i for i in imports_of(path, root) if stage_of(i.target) is not None]
    return out


def upward(imports: list[Import]) -> list[Import]:
    """Imports of a later stage than the importing module's own."""
    bad, seen = [], set()
    for i in imports:
        src, dst = stage_of(i.module), stage_of(i.target)
        if src is not None and dst is not None and RANK[dst] > RANK[src] and (i.module, i.line) not in seen:
            seen.add((i.module, i.line))  # one per statement: `from a import b` also yields a.b
            bad.append(i)
    return bad
