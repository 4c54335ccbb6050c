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
    "entry_id", "guid", "link", "title", "summary", "summary_html", "content", "content_html",
    "author", "published", "published_source", "updated", "language", "language_source",
    "categories", "feed_id", "first_seen", "parser", "raw",
)  # fmt: skip


def sync_feeds(con: Any, feeds: Sequence[FeedConfig], now: dt.datetime) -> None:
    """Make the feeds table match the config: add new feeds, refresh names and tags, mark feeds
    no longer configured as inactive (their entries are kept)."""
    rows = [
        (feed_id_for(f.url), f.url.strip(), f.name or None, f.language or None, list(f.tags)) for f in feeds
    ]
    current = {
        r[0]: (r[0], r[1], r[2], r[3], list(r[4] or []))
        for r in con.execute("SELECT feed_id, configured_url, name, language, tags FROM feeds WHERE active").fetchall()
    }
    wanted = {r[0]: r for r in rows}
    if current.keys() == wanted.keys() and all(
        current[k][:3] == w[:3] and current[k][4] == w[4] and w[3] in (None, current[k][3])
        for k, w in wanted.items()
    ):
        return  # nothing changed since the last run: no write at all
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("UPDATE feeds SET active = false")
        if rows:
            # one statement for every feed: executemany costs ~1 ms a row in DuckDB
            values = ", ".join(["(?, ?, ?, ?, ?, ?::VARCHAR[], ?, true)"] * len(rows))
            params = [v for fid, url, name, lang, tags in rows for v in (fid, url, url, name, lang, tags, now)]
            con.execute(
                "INSERT INTO feeds (feed_id, configured_url, url, name, language, tags, added_at, active) "
                f"VALUES {values} ON CONFLICT (feed_id) DO UPDATE SET "
                "name = excluded.name, language = coalesce(excluded.language, feeds.language), "
                "tags = excluded.tags, active = true",
                params,
            )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _micros(values: list[dt.datetime | None]) -> Any:
    """Aware datetimes as an Arrow UTC timestamp column (via integers: much faster than objects)."""
    import pyarrow as pa

    ints = [None if v is None else round(v.timestamp() * 1_000_000) for v in values]
    return pa.array(ints, type=pa.int64()).cast(pa.timestamp("us", tz="UTC"))


def _entries_table(updates: Iterable[FeedUpdate], now: dt.datetime, known: set[str]) -> Any:
    import orjson
    import pyarrow as pa

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
    s = pa.string()
    return pa.table(
        {
            "entry_id": pa.array([e.entry_id for e in es], s),
            "guid": pa.array([e.guid for e in es], s),
            "link": pa.array([e.link for e in es], s),
            "title": pa.array([e.title for e in es], s),
            "summary": pa.array([e.summary for e in es], s),
            "summary_html": pa.array([e.summary_html for e in es], s),
            "content": pa.array([e.content for e in es], s),
            "content_html": pa.array([e.content_html for e in es], s),
            "author": pa.array([e.author for e in es], s),
            "published": _micros([e.published for e in es]),
            "published_source": pa.array([e.published_source for e in es], s),
            "updated": _micros([e.updated for e in es]),
            "language": pa.array([e.language for e in es], s),
            "language_source": pa.array([e.language_source for e in es], s),
            "categories": pa.array([e.categories for e in es], pa.list_(s)),
            "feed_id": pa.array([u.feed_id for u, _ in rows], s),
            "first_seen": _micros([now] * len(es)),
            "parser": pa.array([u.parser for u, _ in rows], s),
            "raw": pa.array([dumps(e.raw, default=str, option=opt).decode() for e in es], s),
        }
    )


def write_batch(con: Any, updates: Sequence[FeedUpdate], now: dt.datetime) -> None:
    """Store a batch of feed outcomes in one transaction; fills each update's entries_new/known."""
    import pyarrow as pa

    ids = sorted({e.entry_id for u in updates for e in u.entries})
    con.execute("BEGIN TRANSACTION")
    try:
        known: set[str] = set()
        if ids:
            id_tbl = pa.table({"entry_id": pa.array(ids, type=pa.string())})
            con.register("_tw_ids", id_tbl)
            known = {r[0] for r in con.execute("SELECT entry_id FROM entries JOIN _tw_ids USING (entry_id)").fetchall()}
            con.unregister("_tw_ids")
        for u in updates:
            u.entries_new = u.entries_known = 0
        entries = _entries_table(updates, now, known)
        if entries.num_rows:
            con.register("_tw_entries", entries)
            con.execute(
                f"INSERT INTO entries ({', '.join(ENTRY_COLUMNS)}) SELECT {', '.join(ENTRY_COLUMNS)} "
                "FROM _tw_entries ON CONFLICT DO NOTHING"
            )
            con.unregister("_tw_entries")
        links = {(e.entry_id, u.feed_id) for u in updates for e in u.entries}
        if links:
            link_tbl = pa.table(
                {
                    "entry_id": pa.array([a for a, _ in links], type=pa.string()),
                    "feed_id": pa.array([b for _, b in links], type=pa.string()),
                }
            )
            con.register("_tw_links", link_tbl)
            con.execute(
                "INSERT INTO entry_feeds SELECT entry_id, feed_id, ? FROM _tw_links ON CONFLICT DO NOTHING",
                [now],
            )
            con.unregister("_tw_links")
        _write_fetches_and_state(con, updates, now)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _write_fetches_and_state(con: Any, updates: Sequence[FeedUpdate], now: dt.datetime) -> None:
    import pyarrow as pa

    ts = pa.timestamp("us", tz="UTC")
    fetch_cols: dict[str, tuple[Any, list[Any]]] = {
        "run_id": (pa.string(), [u.run_id for u in updates]),
        "feed_id": (pa.string(), [u.feed_id for u in updates]),
        "url": (pa.string(), [u.url for u in updates]),
        "started_at": (ts, [u.started_at for u in updates]),
        "duration_s": (pa.float64(), [u.duration_s for u in updates]),
        "status": (pa.int32(), [u.status for u in updates]),
        "outcome": (pa.string(), [u.outcome for u in updates]),
        "error_kind": (pa.string(), [u.error_kind for u in updates]),
        "error": (pa.string(), [u.error for u in updates]),
        "bytes": (pa.int64(), [u.bytes for u in updates]),
        "parser": (pa.string(), [u.parser for u in updates]),
        "entries_seen": (pa.int32(), [len(u.entries) for u in updates]),
        "entries_new": (pa.int32(), [u.entries_new for u in updates]),
        "entries_known": (pa.int32(), [u.entries_known for u in updates]),
    }
    tbl = pa.table({k: pa.array(v, type=t) for k, (t, v) in fetch_cols.items()})
    con.register("_tw_fetches", tbl)
    con.execute(f"INSERT INTO fetches ({', '.join(fetch_cols)}) SELECT * FROM _tw_fetches")
    con.unregister("_tw_fetches")

    ok = [u.outcome in ("ok", "not_modified") for u in updates]
    state = {
        "feed_id": (pa.string(), [u.feed_id for u in updates]),
        "new_url": (pa.string(), [u.new_url for u in updates]),
        "ok": (pa.bool_(), ok),
        "etag": (pa.string(), [u.etag for u in updates]),
        "last_modified": (pa.string(), [u.last_modified for u in updates]),
        "title": (pa.string(), [u.title for u in updates]),
        "site_link": (pa.string(), [u.site_link for u in updates]),
        "feed_language": (pa.string(), [u.feed_language for u in updates]),
        "started_at": (ts, [u.started_at for u in updates]),
        "status": (pa.int32(), [u.status for u in updates]),
        "outcome": (pa.string(), [u.outcome for u in updates]),
        "error": (pa.string(), [u.error for u in updates]),
        "failures": (pa.int32(), [u.consecutive_failures for u in updates]),
        "retry_after": (ts, [u.retry_after for u in updates]),
        "gone": (pa.bool_(), [u.gone for u in updates]),
        "got_new": (pa.bool_(), [u.entries_new > 0 for u in updates]),
    }
    st = pa.table({k: pa.array(v, type=t) for k, (t, v) in state.items()})
    con.register("_tw_state", st)
    con.execute(
        """
        UPDATE feeds SET
            url = coalesce(s.new_url, feeds.url),
            etag = CASE WHEN s.ok THEN s.etag ELSE feeds.etag END,
            last_modified = CASE WHEN s.ok THEN s.last_modified ELSE feeds.last_modified END,
            title = coalesce(s.title, feeds.title),
            site_link = coalesce(s.site_link, feeds.site_link),
            language = coalesce(feeds.language, s.feed_language),
            last_fetch_at = s.started_at,
            last_status = s.status,
            last_outcome = s.outcome,
            last_ok_at = CASE WHEN s.ok THEN s.started_at ELSE feeds.last_ok_at END,
            last_new_entry_at = CASE WHEN s.got_new THEN s.started_at ELSE feeds.last_new_entry_at END,
            last_error = CASE WHEN s.ok THEN NULL ELSE s.error END,
            consecutive_failures = s.failures,
            retry_after = s.retry_after,
            gone = s.gone
        FROM _tw_state s WHERE feeds.feed_id = s.feed_id
        """
    )
    con.unregister("_tw_state")
