"""The DuckDB store: schema, migrations, bulk writes and read helpers."""

from trendwatch.store.db import connect, migrate, open_store, schema_version
from trendwatch.store.sqlfiles import load_sql, sql_dir, sql_names

__all__ = ["connect", "migrate", "open_store", "schema_version", "load_sql", "sql_dir", "sql_names"]
