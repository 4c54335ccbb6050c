"""The shape of the project: stage import direction, documented commands, packaged SQL."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from trendwatch.cli import commands

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "trendwatch"
# A stage may import the stages before it, never those after it.
ORDER = ["sources", "store", "analysis", "cm", "digest"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("stage", ORDER)
def test_stages_import_one_way(stage: str) -> None:
    later = {f"trendwatch.{s}" for s in ORDER[ORDER.index(stage) + 1 :]} | {"trendwatch.cli", "flows"}
    bad = []
    for path in (PKG / stage).rglob("*.py"):
        for mod in imported_modules(path):
            if any(mod == x or mod.startswith(x + ".") for x in later):
                bad.append(f"{path.relative_to(ROOT)} imports {mod}")
    assert not bad, "\n".join(bad)


def test_library_never_imports_flows() -> None:
    bad = [
        str(p.relative_to(ROOT))
        for p in PKG.rglob("*.py")
        if any(m == "flows" or m.startswith("flows.") for m in imported_modules(p))
        and "cli" not in p.parts
        and "demo" not in p.parts
    ]
    assert not bad


def test_every_command_has_help_an_example_and_a_readme_line() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, module in commands().items():
        assert module.HELP and module.EXAMPLE.startswith("trendwatch"), name
        assert f"`{name}" in readme, f"README.md does not document the `{name}` command"


def test_wheel_ships_the_sql_files(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("trendwatch-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for sql in (ROOT / "sql").rglob("*.sql"):
        assert f"trendwatch/_sql/{sql.relative_to(ROOT / 'sql').as_posix()}" in names
    assert "trendwatch/starter.toml" in names and "trendwatch/py.typed" in names
