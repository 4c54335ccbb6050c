"""The store: idempotent migrations, SQL files found by name, one writer at a time, examples run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from trendwatch.errors import SqlNotFoundError, StoreBusyError, StoreError
from trendwatch.store import connect, load_sql, schema_version, sql_names


def test_migrations_are_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "tw.duckdb"
    con = connect(db)
    v1 = schema_version(con)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    con.close()
    con = connect(db)
    assert schema_version(con) == v1 >= 1
    assert {"feeds", "entries", "entry_feeds", "fetches", "feed_status"} <= tables
    assert con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(sql_names("migrations"))
    con.close()


def test_unknown_sql_name_lists_known_ones() -> None:
    with pytest.raises(SqlNotFoundError, match="new_entries_this_week_per_feed"):
        load_sql("examples/nope")


def test_read_only_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="trendwatch ingest"):
        connect(tmp_path / "missing.duckdb", read_only=True)


def test_second_writer_gets_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "tw.duckdb"
    connect(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, duckdb; c = duckdb.connect(sys.argv[1]); print('held', flush=True); "
            "sys.stdin.read()",
            str(db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreBusyError) as err:
            connect(db)
        assert "in use by another trendwatch run" in str(err.value)
        assert "lock_timeout_s" in str(err.value)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    connect(db).close()  # free again once the other run ends


# What each example returns on the sample store (two feeds, one shared and some stale entries).
EXAMPLE_ROWS = {
    "new_entries_this_week_per_feed": 2,  # both feeds published this week
    "top_categories": 2,  # Tech, Brands
}


@pytest.mark.parametrize("name", sql_names("examples"))
def test_every_example_query_runs(store: Any, name: str) -> None:
    from tests.support.store_data import fill_sample_store

    fill_sample_store(store)
    cur = store.execute(load_sql(f"examples/{name}"))
    rows = cur.fetchall()
    columns = [d[0] for d in cur.description]
    assert columns and len(set(columns)) == len(columns), "named, distinct columns"
    assert len(rows) == EXAMPLE_ROWS.get(name, 0)
    assert all(len(r) == len(columns) for r in rows)
