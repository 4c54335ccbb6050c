"""Reads the ingest needs from the store: each feed's fetch state, for the plan and conditional GETs."""

from __future__ import annotations

import datetime as dt
from typing import Any

FEED_STATE_SQL = (
    "SELECT feed_id, url, title, etag, last_modified, epoch_us(last_ok_at) AS last_ok_at, last_status, "
    "last_error, consecutive_failures, epoch_us(retry_after) AS retry_after, gone FROM feeds"
)


def feed_states(con: Any) -> dict[str, dict[str, Any]]:
    """Every feed's state by feed id (timestamps as aware UTC datetimes)."""
    # timestamps travel as epoch microseconds: DuckDB's TIMESTAMPTZ -> datetime conversion is slow
    cur = con.execute(FEED_STATE_SQL)
    names = [d[0] for d in cur.description]
    states = {row[0]: dict(zip(names, row, strict=True)) for row in cur.fetchall()}
    for st in states.values():
        for key in ("last_ok_at", "retry_after"):
            if st[key] is not None:
                st[key] = dt.datetime.fromtimestamp(st[key] / 1_000_000, dt.UTC)
    return states
