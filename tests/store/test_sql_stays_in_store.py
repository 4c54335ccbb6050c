"""Modules whose store access moved into trendwatch/store/ stay free of it: no SQL string, no
``.execute`` call, no DuckDB import (issue 11, part 1). Add a module here once it is moved."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MOVED = [
    "trendwatch/digest/persist.py",
    "trendwatch/cm/calendar.py",
    "trendwatch/cm/feedback.py",
    "trendwatch/cm/alerts.py",
    "trendwatch/cm/brand.py",
    "trendwatch/cli/cmd_idea.py",
    "trendwatch/cli/cmd_feeds.py",
    "trendwatch/cli/cmd_calendar.py",
]
ADVICE = "trendwatch sql"  # a message showing the reader a query to type is not store access
SQL = re.compile(r"\b(SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM)\b.+\b(FROM|VALUES|SET|WHERE)\b", re.S)


def store_access(source: str) -> list[str]:
    """What in ``source`` talks to DuckDB directly, one line each."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
            if ADVICE in node.value:
                continue
            found.append(f"line {node.lineno}: SQL {node.value[:40]!r}")
        elif isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany"):
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            found += [f"line {node.lineno}: imports {n}" for n in names if n.split(".")[0] == "duckdb"]
    return found


@pytest.mark.parametrize("relpath", MOVED)
def test_moved_modules_leave_the_store_to_the_store(relpath: str) -> None:
    found = store_access((ROOT / relpath).read_text(encoding="utf-8"))
    assert not found, f"{relpath} reaches DuckDB: move it into trendwatch/store/:\n" + "\n".join(found)


def test_a_planted_statement_is_caught() -> None:
    planted = 'import duckdb\n\ndef f(con):\n    return con.execute("SELECT max(week) FROM ideas")\n'
    assert [f.split(": ")[1].split(" ")[0] for f in store_access(planted)] == ["imports", ".execute", "SQL"]
    assert store_access('"Select the week you want from the list."\n') == []
    assert store_access("""'Try `trendwatch sql "SELECT week FROM ideas"`.'\n""") == []
