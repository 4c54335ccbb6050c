"""The DuckDB store: schema, migrations, bulk writes and read helpers."""

from trendwatch.store.connection import Connection
from trendwatch.store.db import connect, migrate, open_store, schema_version
from trendwatch.store.sqlfiles import load_sql, query_sql, sql_dir, sql_names

__all__ = [
    "Connection",
    "connect",
    "migrate",
    "open_store",
    "schema_version",
    "load_sql",
    "query_sql",
    "sql_dir",
    "sql_names",
]
