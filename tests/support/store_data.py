"""A small store with feeds, entries, links and fetches, for SQL tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from trendwatch.config import FeedConfig
from trendwatch.sources.model import Entry, feed_id_for
from trendwatch.store.writes import FeedUpdate, sync_feeds, write_batch


def sample_entry(n: int, *, when: dt.datetime, categories: list[str] | None = None) -> Entry:
    return Entry(
        entry_id=f"e{n:04d}",
        guid=f"https://example.org/a/{n}",
        link=f"https://example.org/a/{n}",
        title=f"Article {n}",
        summary=f"Summary {n}",
        summary_html=f"<p>Summary {n}</p>",
        content="",
        content_html="",
        author="Ann",
        published=when,
        published_source="published",
        updated=None,
        language="en",
        language_source="feed",
        categories=categories or ["Tech", "Brands"],
        raw={"n": n},
    )


def fill_sample_store(con: Any, now: dt.datetime | None = None) -> list[str]:
    """Two feeds sharing one article, one fresh and one stale; returns the feed ids."""
    now = now or dt.datetime.now(dt.UTC)
    feeds = [
        FeedConfig(url="https://example.org/a.xml", name="a"),
        FeedConfig(url="https://example.org/b.xml", name="b"),
    ]
    sync_feeds(con, feeds, now)
    ids = [feed_id_for(f.url) for f in feeds]
    fresh = [sample_entry(i, when=now - dt.timedelta(days=i)) for i in range(5)]
    stale = [sample_entry(100 + i, when=now - dt.timedelta(days=40 + i)) for i in range(3)] + [fresh[0]]
    updates = [
        FeedUpdate(ids[0], "run1", feeds[0].url, now, 0.1, "ok", 200, entries=fresh, parser="fast"),
        FeedUpdate(ids[1], "run1", feeds[1].url, now, 0.1, "ok", 200, entries=stale, parser="fast"),
    ]
    write_batch(con, updates, now)
    return ids
