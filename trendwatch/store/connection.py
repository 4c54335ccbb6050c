"""The one connection type of the store, named for the stages that hand a store around.

Stages after the store take ``con: Connection`` and pass it to the store's read and write
functions; they never run SQL on it. At run time it is ``Any``, so importing it does not import
DuckDB (which :func:`trendwatch.store.connect` loads when the store is opened).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

    Connection: TypeAlias = DuckDBPyConnection
else:
    Connection = Any

__all__ = ["Connection"]
