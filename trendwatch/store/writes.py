"""Bulk writes of ingest results: one transaction per batch, idempotent, never row by row.

A batch holds the outcome of several feeds. Its entries, entry↔feed links, fetch rows and the
feeds' new state (validators, failures, back-off) commit together: a run killed between two
batches keeps every committed batch, and a feed whose batch was lost keeps its old validators,
so the next run fetches it again and completes the work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from trendwatch.config import FeedConfig
from trendwatch.sources.model import Entry, feed_id_for
from trendwatch.store.connection import Connection
from trendwatch.store.sqlfiles import query_sql


@dataclass(slots=True)
class FeedUpdate:
    """The new state of one feed after a fetch attempt, and the fetch row to record."""

    feed_id: str
    run_id: str
    url: str  # the URL fetched
    started_at: dt.datetime
    duration_s: float
    outcome: str  # ok | not_modified | failed
    status: int | None = None
    error: str | None = None
    error_kind: str | None = None
    bytes: int = 0
    parser: str | None = None
    new_url: str | None = None  # permanent redirect: fetch here from now on
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    site_link: str | None = None
    feed_language: str | None = None
    consecutive_failures: int = 0
    retry_after: dt.datetime | None = None
    gone: bool = False
    entries: list[Entry] = field(default_factory=list)
    entries_new: int = 0  # filled by write_batch
    entries_known: int = 0


ENTRY_COLUMNS = (
    "entry_id",
    "guid",
    "link",
    "title",
    "summary",
    "summary_html",
    "content",
    "content_html",
    "author",
    "published",
    "published_source",
    "updated",
    "language",
    "language_source",
    "categories",
    "feed_id",
    "first_seen",
    "parser",
    "raw",
)


def sync_feeds(con: Connection, feeds: Sequence[FeedConfig], now: dt.datetime) -> None:
    """Make the feeds table match the config: add new feeds, refresh names and tags, mark feeds
    no longer configured as inactive (their entries are kept)."""
    rows = [
        (feed_id_for(f.url), f.url.strip(), f.name or None, f.language or None, list(f.tags)) for f in feeds
    ]
    current = {
        r[0]: (r[0], r[1], r[2], r[3], list(r[4] or []))
        for r in con.execute(query_sql("feeds_active")).fetchall()
    }
    wanted = {r[0]: r for r in rows}
    if current.keys() == wanted.keys() and all(
        current[k][:3] == w[:3] and current[k][4] == w[4] and w[3] in (None, current[k][3])
        for k, w in wanted.items()
    ):
        return  # nothing changed since the last run: no write at all
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(query_sql("feeds_deactivate"))
        if rows:
            # one statement for every feed: executemany costs ~1 ms a row in DuckDB
            ids, urls, names, langs, tags = (list(c) for c in zip(*rows, strict=True))
            con.execute(query_sql("feeds_upsert"), [ids, urls, urls, names, langs, tags, now])
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise


def rollback(con: Connection) -> None:
    """Roll back the open transaction, if DuckDB still has one: after a full disk or an
    interrupted query it may have aborted it already, and a failing ROLLBACK must not hide the
    real error."""
    try:
        con.execute("ROLLBACK")
    except Exception:  # noqa: BLE001 - "no transaction is active": nothing to undo
        pass


def _micros(values: Iterable[dt.datetime | None]) -> list[int | None]:
    """Aware datetimes as epoch microseconds (DuckDB turns them back into TIMESTAMPTZ)."""
    return [None if v is None else round(v.timestamp() * 1_000_000) for v in values]


# Column type -> how one list parameter becomes a column: every column of a batch travels as one
# list parameter and is unnested in SQL (no Arrow or pandas to import, no row-by-row inserts).
_UNNEST = {
    "text": "unnest(?::VARCHAR[])",
    "ts": "timezone('UTC', make_timestamp(unnest(?::BIGINT[])))",
    "int": "unnest(?::BIGINT[])",
    "float": "unnest(?::DOUBLE[])",
    "bool": "unnest(?::BOOLEAN[])",
    "list": "unnest(?::VARCHAR[][])",
    "json": "unnest(?::VARCHAR[])::JSON",
}


def _columns_select(columns: dict[str, tuple[str, list[Any]]]) -> str:
    """``SELECT unnest(?) AS a, unnest(?) AS b ...``: what the SQL file for ``columns`` selects
    (tests/store/test_writes_sql.py checks the files against it)."""
    return "SELECT " + ", ".join(f"{_UNNEST[kind]} AS {name}" for name, (kind, _) in columns.items())


def _params(columns: dict[str, tuple[str, list[Any]]]) -> list[Any]:
    """One list parameter per column, in the columns' order."""
    return [values for _, values in columns.values()]


def _entry_columns(
    updates: Iterable[FeedUpdate], now: dt.datetime, known: set[str]
) -> dict[str, tuple[str, list[Any]]]:
    import orjson

    rows: list[tuple[FeedUpdate, Entry]] = []
    taken: set[str] = set()
    for u in updates:
        for e in u.entries:
            if e.entry_id in known or e.entry_id in taken:
                u.entries_known += 1
            else:
                taken.add(e.entry_id)
                u.entries_new += 1
                rows.append((u, e))
    es = [e for _, e in rows]
    dumps, opt = orjson.dumps, orjson.OPT_NON_STR_KEYS
    return {
        "entry_id": ("text", [e.entry_id for e in es]),
        "guid": ("text", [e.guid for e in es]),
        "link": ("text", [e.link for e in es]),
        "title": ("text", [e.title for e in es]),
        "summary": ("text", [e.summary for e in es]),
        "summary_html": ("text", [e.summary_html for e in es]),
        "content": ("text", [e.content for e in es]),
        "content_html": ("text", [e.content_html for e in es]),
        "author": ("text", [e.author for e in es]),
        "published": ("ts", _micros(e.published for e in es)),
        "published_source": ("text", [e.published_source for e in es]),
        "updated": ("ts", _micros(e.updated for e in es)),
        "language": ("text", [e.language for e in es]),
        "language_source": ("text", [e.language_source for e in es]),
        "categories": ("list", [e.categories for e in es]),
        "feed_id": ("text", [u.feed_id for u, _ in rows]),
        "first_seen": ("ts", _micros([now] * len(es))),
        "parser": ("text", [u.parser for u, _ in rows]),
        "raw": ("json", [dumps(e.raw, default=str, option=opt).decode() for e in es]),
    }


def write_batch(con: Connection, updates: Sequence[FeedUpdate], now: dt.datetime) -> None:
    """Store a batch of feed outcomes in one transaction; fills each update's entries_new/known."""
    ids = sorted({e.entry_id for u in updates for e in u.entries})
    con.execute("BEGIN TRANSACTION")
    try:
        known: set[str] = set()
        if ids:
            found = con.execute(query_sql("entries_known"), [ids]).fetchall()
            known = {r[0] for r in found}
        for u in updates:
            u.entries_new = u.entries_known = 0
        columns = _entry_columns(updates, now, known)
        if columns["entry_id"][1]:
            # ids already in the store were filtered above and this run holds the only write lock
            con.execute(query_sql("entries_insert"), _params(columns))
        links = sorted({(e.entry_id, u.feed_id) for u in updates for e in u.entries})
        if links:
            con.execute(query_sql("entry_feeds_insert"), [[a for a, _ in links], [b for _, b in links], now])
        _write_fetches_and_state(con, updates)
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise


def _write_fetches_and_state(con: Connection, updates: Sequence[FeedUpdate]) -> None:
    fetch_cols: dict[str, tuple[str, list[Any]]] = {
        "run_id": ("text", [u.run_id for u in updates]),
        "feed_id": ("text", [u.feed_id for u in updates]),
        "url": ("text", [u.url for u in updates]),
        "started_at": ("ts", _micros(u.started_at for u in updates)),
        "duration_s": ("float", [u.duration_s for u in updates]),
        "status": ("int", [u.status for u in updates]),
        "outcome": ("text", [u.outcome for u in updates]),
        "error_kind": ("text", [u.error_kind for u in updates]),
        "error": ("text", [u.error for u in updates]),
        "bytes": ("int", [u.bytes for u in updates]),
        "parser": ("text", [u.parser for u in updates]),
        "entries_seen": ("int", [len(u.entries) for u in updates]),
        "entries_new": ("int", [u.entries_new for u in updates]),
        "entries_known": ("int", [u.entries_known for u in updates]),
    }
    con.execute(query_sql("fetches_insert"), _params(fetch_cols))

    state: dict[str, tuple[str, list[Any]]] = {
        "feed_id": ("text", [u.feed_id for u in updates]),
        "new_url": ("text", [u.new_url for u in updates]),
        "ok": ("bool", [u.outcome in ("ok", "not_modified") for u in updates]),
        "etag": ("text", [u.etag for u in updates]),
        "last_modified": ("text", [u.last_modified for u in updates]),
        "title": ("text", [u.title for u in updates]),
        "site_link": ("text", [u.site_link for u in updates]),
        "feed_language": ("text", [u.feed_language for u in updates]),
        "started_at": ("ts", _micros(u.started_at for u in updates)),
        "status": ("int", [u.status for u in updates]),
        "outcome": ("text", [u.outcome for u in updates]),
        "error": ("text", [u.error for u in updates]),
        "failures": ("int", [u.consecutive_failures for u in updates]),
        "retry_after": ("ts", _micros(u.retry_after for u in updates)),
        "gone": ("bool", [u.gone for u in updates]),
        "got_new": ("bool", [u.entries_new > 0 for u in updates]),
    }
    con.execute(query_sql("feeds_update_state"), _params(state))
