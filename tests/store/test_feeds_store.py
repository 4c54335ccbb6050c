"""feed_states: the active feeds by name (every feed with include_inactive), each named by its name,
else its own title, else its URL; the columns `trendwatch feeds` prints."""

from __future__ import annotations

from typing import Any

from trendwatch.store.feeds_store import FEED_STATE_COLUMNS, feed_states


def _feeds(store: Any) -> None:
    store.execute(
        "INSERT INTO feeds (feed_id, configured_url, url, name, title, active, added_at) VALUES "
        "('f1', 'https://a.example/f', 'https://a.example/f', NULL, ' Alpha ', true, now()), "
        "('f2', 'https://b.example/f', 'https://b.example/f', 'Beta', 'ignored', false, now()), "
        "('f3', 'https://c.example/f', 'https://c.example/f', NULL, ' ', true, now())"
    )


def test_only_active_feeds_unless_asked(store: Any) -> None:
    _feeds(store)
    assert [f.feed for f in feed_states(store)] == ["Alpha", "https://c.example/f"]
    every = feed_states(store, include_inactive=True)
    assert [f.feed for f in every] == ["Alpha", "Beta", "https://c.example/f"]
    assert all(f.entries == 0 and f.last_fetch_at is None for f in every)


def test_the_columns_are_those_of_the_feeds_command(store: Any) -> None:
    assert FEED_STATE_COLUMNS == [
        "feed", "last_fetch_at", "last_status", "outcome", "entries", "failures", "retry_after", "gone",
        "last_error",
    ]
    assert feed_states(store) == []
