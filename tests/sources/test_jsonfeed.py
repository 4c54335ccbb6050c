"""JSON Feed 1.0 and 1.1 give the same normalised entries as RSS/Atom."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from trendwatch.errors import ParseError
from trendwatch.sources.parse import parse_feed

NOW = dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC)

FEED_11 = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Le Blog",
    "home_page_url": "https://blog.example.org/",
    "language": "fr-FR",
    "authors": [{"name": "Ana"}],
    "items": [
        {
            "id": "https://blog.example.org/1",
            "url": "https://blog.example.org/1?utm_source=x",
            "title": "Grève des trains",
            "content_html": "<p>Les trains <b>sont</b> annulés.</p>",
            "date_published": "2026-01-04T10:00:00+01:00",
            "tags": ["transport"],
        },
        {"id": 2, "content_text": "Just a note & more", "date_modified": "2026-01-03T08:00:00Z"},
    ],
}


def test_a_json_feed_1_1_is_read_like_rss() -> None:
    parsed = parse_feed(
        json.dumps(FEED_11).encode(), url="https://blog.example.org/feed.json", feed_id="f", fetched_at=NOW
    )
    assert parsed.parser == "jsonfeed" and parsed.title == "Le Blog" and parsed.language == "fr"
    first, second = parsed.entries
    assert first.title == "Grève des trains" and first.link == "https://blog.example.org/1"
    assert first.content == "Les trains sont annulés."
    assert (
        first.published == dt.datetime(2026, 1, 4, 9, tzinfo=dt.UTC) and first.published_source == "published"
    )
    assert first.author == "Ana" and first.categories == ["transport"] and first.language == "fr"
    assert second.guid == "2" and second.content == "Just a note & more"
    assert second.published_source == "updated"


def test_a_json_feed_1_0_author_is_read() -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1",
        "title": "Old",
        "items": [{"id": "a", "title": "Hello", "author": {"name": "Bo"}, "url": "https://x.org/a"}],
    }
    (entry,) = parse_feed(
        json.dumps(feed).encode(), url="https://x.org/f.json", feed_id="f", fetched_at=NOW
    ).entries
    assert entry.author == "Bo" and entry.title == "Hello"


def test_a_broken_json_feed_is_a_parse_error_naming_the_format() -> None:
    body = b'{"version": "https://jsonfeed.org/version/1.1", "items": [ {"id": '
    with pytest.raises(ParseError, match="JSON Feed"):
        parse_feed(body, url="https://x.org/f.json", feed_id="f", fetched_at=NOW)
