"""Every SQL file of sql/queries prepares against a fresh store, and the bulk writes' files take
their parameters in the order writes.py passes them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from trendwatch.store import load_sql, query_sql, sql_names, writes


def _statement(name: str) -> str:
    statement = query_sql(name)
    assert statement and not statement.startswith("--") and not statement.endswith(";")
    return statement


@pytest.mark.parametrize("name", sql_names("queries"))
def test_every_query_binds_to_the_schema(store: Any, name: str) -> None:
    statement = _statement(name)
    if statement.startswith("CREATE"):  # idempotent DDL: run it
        store.execute(statement)
        return
    if "_trends_rows" in statement:  # inserts the Arrow table the caller registers: an empty stand-in
        table = re.search(r"INSERT INTO (\w+)", statement).group(1)  # type: ignore[union-attr]
        store.execute(f"CREATE TEMP VIEW _trends_rows AS SELECT * FROM {table} LIMIT 0")
    store.execute(f"PREPARE q AS {statement}")  # binds every table and column, runs nothing
    store.execute("DEALLOCATE q")


def _selected(name: str) -> list[str]:
    return re.findall(r"\bAS (\w+)", load_sql(f"queries/{name}"))


NOW = dt.datetime(2022, 2, 21, tzinfo=dt.UTC)


def test_bulk_write_files_take_the_columns_in_writes_order() -> None:
    update = writes.FeedUpdate("f1", "run", "https://example.org/f", NOW, 0.1, "ok")
    entries = writes._entry_columns([update], NOW, set())
    assert _selected("entries_insert") == list(entries)
    assert writes._columns_select(entries).replace("SELECT ", "") in " ".join(
        load_sql("queries/entries_insert").split()
    ).replace("SELECT ", "")

    class Capture:
        def __init__(self) -> None:
            self.params: list[list[Any]] = []

        def execute(self, sql: str, params: list[Any]) -> None:
            self.params.append(params)

    capture = Capture()
    writes._write_fetches_and_state(capture, [update])  # type: ignore[arg-type]
    fetch_params, state_params = capture.params
    assert len(_selected("fetches_insert")) == len(fetch_params) == 14
    assert len(_selected("feeds_update_state")) == len(state_params) == 16
