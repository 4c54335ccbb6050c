"""Each feed's state as ``trendwatch feeds`` shows it (``feed_status`` and ``feeds``), through
``sql/queries/feeds_status.sql``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from trendwatch.store.connection import Connection
from trendwatch.store.sqlfiles import query_sql

__all__ = ["FEED_STATE_COLUMNS", "FeedState", "feed_states"]


@dataclass(frozen=True, slots=True)
class FeedState:
    """One feed's state; the field names are the columns ``trendwatch feeds`` prints."""

    feed: str  # its name, else its own title, else its URL
    last_fetch_at: dt.datetime | None
    last_status: int | None
    outcome: str | None
    entries: int | None
    failures: int | None
    retry_after: dt.datetime | None
    gone: bool | None
    last_error: str | None


FEED_STATE_COLUMNS = [f.name for f in fields(FeedState)]


def feed_states(con: Connection, *, include_inactive: bool = False) -> list[FeedState]:
    """The active feeds' state (every feed's with ``include_inactive``), sorted by name."""
    rows = con.execute(query_sql("feeds_status"), [include_inactive]).fetchall()
    return [FeedState(*r) for r in rows]
