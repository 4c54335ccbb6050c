"""An analyst's SQL (`trendwatch sql`), run on a sandboxed read-only connection of the store."""

from __future__ import annotations

from typing import Any

from trendwatch.errors import StoreError
from trendwatch.store.connection import Connection

__all__ = ["run_user_query", "user_sql_hint"]


def run_user_query(con: Connection, query: str) -> tuple[list[str], list[Any]] | None:
    """(column names, rows) of ``query``, or None for a statement that returns nothing. A refused or
    wrong query is a :class:`StoreError` whose message says what to do."""
    import duckdb  # the store opened ``con``: DuckDB is loaded already

    try:
        cur = con.execute(query)
    except duckdb.Error as e:
        raise StoreError(f"{e}{user_sql_hint(e)}") from e
    if cur.description is None:
        return None
    return [d[0] for d in cur.description], cur.fetchall()


def user_sql_hint(e: Exception) -> str:
    """What to do about a refused query, in a CM's terms."""
    text = str(e)
    if "read-only" in text:
        return (
            " `trendwatch sql` only reads the store: `trendwatch ingest` adds entries, and the "
            "config file (feeds, names, languages) changes what is kept."
        )
    if "disabled by configuration" in text or "configuration has been locked" in text:
        return (
            " `trendwatch sql` reads the store and nothing else. To write a result to a file, "
            "re-run with --allow-files, e.g. COPY (SELECT ...) TO 'result.csv' (HEADER)."
        )
    return ""
