"""Raw Google Trends answers kept in the store: the record to recompute from, and the cache.

Every HTTP answer is saved in ``trends_responses`` (method, URL with its query string, status,
headers, body). A later request for the same method and URL is answered from there when the
saved answer is usable (not a 429 or 5xx) and younger than ``[trends] cache_hours`` -- or when it
was saved by the current run, so a retry never asks Google twice for what it already answered.
Also: :func:`insert_rows`, the bulk insert the Trends tables are written with.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    """One saved HTTP answer."""

    status: int
    headers: dict[str, str]
    body: bytes


def _usable(status: int) -> bool:
    return status != 429 and status < 500


class ResponseCache:
    """Reads and writes ``trends_responses`` for one run."""

    def __init__(self, con: Any, run_id: str, *, now: dt.datetime, cache_hours: float) -> None:
        self.con = con
        self.run_id = run_id
        self.now = now
        self.cache_hours = cache_hours

    def lookup(self, method: str, url: str) -> CachedAnswer | None:
        """The newest usable answer to this request, if fresh enough (or from this run)."""
        sql = (
            "SELECT status, headers, body FROM trends_responses "
            "WHERE method = ? AND url = ? AND status <> 429 AND status < 500 AND (run_id = ?"
        )
        params: list[Any] = [method, url, self.run_id]
        if self.cache_hours > 0:
            sql += " OR (fetched_at >= ? AND fetched_at <= ?)"
            params += [self.now - dt.timedelta(hours=self.cache_hours), self.now]
        sql += ") ORDER BY fetched_at DESC, response_id DESC LIMIT 1"
        row = self.con.execute(sql, params).fetchone()
        if row is None:
            return None
        headers = json.loads(row[1]) if row[1] else {}
        return CachedAnswer(
            int(row[0]), {str(k): str(v) for k, v in headers.items()}, (row[2] or "").encode("utf-8")
        )

    def save(self, method: str, url: str, status: int, headers: dict[str, str], body: bytes) -> None:
        """Keep one answer as it came (decoded as UTF-8, undecodable bytes replaced)."""
        keep = {
            k: v
            for k, v in headers.items()
            if k.lower() in ("content-type", "retry-after", "set-cookie", "date")
        }
        self.con.execute(
            "INSERT INTO trends_responses (run_id, fetched_at, method, url, status, headers, body) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [self.run_id, self.now, method, url, status, json.dumps(keep), body.decode("utf-8", "replace")],
        )

    @staticmethod
    def usable(status: int) -> bool:
        """Whether an answer with this status may be served again."""
        return _usable(status)


def insert_rows(con: Any, table: str, rows: list[list[Any]]) -> None:
    """Bulk insert (one Arrow table, not one statement per row: DuckDB's executemany is slow)."""
    if not rows:
        return
    import pyarrow as pa

    names = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()][: len(rows[0])]
    data = pa.table({n: [r[i] for r in rows] for i, n in enumerate(names)})
    con.register("_trends_rows", data)
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT * FROM _trends_rows")
    finally:
        con.unregister("_trends_rows")
