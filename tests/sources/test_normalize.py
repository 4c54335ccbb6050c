"""Normalisation shared by both parse paths: canonical URLs, plain text, dates, ids, languages."""

from __future__ import annotations

import datetime as dt

import pytest

from trendwatch.sources.normalize import (
    FeedContext,
    RawEntry,
    build_entries,
    build_entry,
    canonical_url,
    html_to_text,
    parse_date,
    short_language,
)

UTC = dt.UTC
FETCHED_AT = dt.datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
CTX = FeedContext(url="https://news.example.org/rss", feed_id="feed-1", fetched_at=FETCHED_AT)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/a/1", "https://example.org/a/1"),
    ("HTTPS://Example.ORG:443/a/1#comments", "https://example.org/a/1"),
    ("http://example.org:80/a", "http://example.org/a"),
    ("http://example.org:8080/a", "http://example.org:8080/a"),
    ("https://example.org", "https://example.org/"),
    ("  https://example.org/a  ", "https://example.org/a"),
    ("https://example.org/a?utm_source=rss&utm_medium=x&id=3&fbclid=1&gclid=2", "https://example.org/a?id=3"),
    ("https://example.org/a?b=2&a=1&xtor=RSS-3&at_medium=feed&at_campaign=c", "https://example.org/a?b=2&a=1"),
    ("https://example.org/a?mc_cid=1&mc_eid=2&igshid=3&yclid=4&_hsenc=5&_hsmi=6&msclkid=7&dclid=8&ref_src=t",
     "https://example.org/a"),
    ("https://example.org/a?UTM_Source=x&q=Paris", "https://example.org/a?q=Paris"),
    ("https://user@Example.org/a", "https://user@example.org/a"),
    ("https://[2001:DB8::1]:443/a", "https://[2001:db8::1]/a"),
    ("tag:example.org,2026:1", "tag:example.org,2026:1"),
    ("mailto:someone@example.org", "mailto:someone@example.org"),
    ("http://[broken/a", "http://[broken/a"),
])
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(("url", "base", "expected"), [
    ("/a/1", "https://news.example.org/rss", "https://news.example.org/a/1"),
    ("a/1?utm_source=x", "https://news.example.org/feeds/main.xml", "https://news.example.org/feeds/a/1"),
    ("//cdn.example.org/x", "https://news.example.org/", "https://cdn.example.org/x"),
    ("https://other.example/a", "https://news.example.org/", "https://other.example/a"),
])
def test_canonical_url_resolves_relative_links(url: str, base: str, expected: str) -> None:
    assert canonical_url(url, base) == expected


@pytest.mark.parametrize(("html", "text"), [
    ("", ""),
    ("Plain   text\n here", "Plain text here"),
    ("<p>One</p><p>Two</p>", "One Two"),
    ("Bold <b>wo</b>rd", "Bold word"),
    ("Caf&eacute; &amp; cr&#232;me", "Café & crème"),
    ("<script>alert(1)</script>Safe<style>p{}</style>", "Safe"),
    ("<!-- hidden -->Shown", "Shown"),
    ("a<br/>b<br>c", "a b c"),
    ("1 &lt; 2", "1 < 2"),
    ("&lt;!-- SC_OFF --&gt;&lt;div class=&quot;md&quot;&gt;&lt;p&gt;Meme &lt;a href=/r&gt;here&lt;/a&gt;",
     "Meme here"),  # HTML escaped twice (Reddit): read again
    ("Use &lt;b&gt; for bold", "Use <b> for bold"),  # a text that mentions a tag keeps it
    ("\u00a0spaced\u00a0out\u00a0", "spaced out"),
])
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("Sat, 10 Sep 2022 17:46:54 +0200", dt.datetime(2022, 9, 10, 15, 46, 54, tzinfo=UTC)),
    ("Sat, 10 Sep 2022 17:46:54 GMT", dt.datetime(2022, 9, 10, 17, 46, 54, tzinfo=UTC)),
    ("10 Sep 2022 17:46 -0500", dt.datetime(2022, 9, 10, 22, 46, tzinfo=UTC)),
    ("Sat, 10 Sep 2022 17:46:54 EDT", dt.datetime(2022, 9, 10, 21, 46, 54, tzinfo=UTC)),
    ("2022-09-10T17:46:54Z", dt.datetime(2022, 9, 10, 17, 46, 54, tzinfo=UTC)),
    ("2022-09-10T17:46:54.123+02:00", dt.datetime(2022, 9, 10, 15, 46, 54, tzinfo=UTC)),
    ("2022-09-10", dt.datetime(2022, 9, 10, tzinfo=UTC)),
    ("not a date", None),
    ("", None),
    (None, None),
])
def test_parse_date(text: str | None, expected: dt.datetime | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("code", "short"), [("fr-FR", "fr"), ("en_GB", "en"), ("DE", "de"), ("", None),
                                              (None, None), ("x", None), ("12", None)])
def test_short_language(code: str | None, short: str | None) -> None:
    assert short_language(code) == short


def test_entry_id_prefers_a_global_guid_then_the_link_then_the_feed_scoped_guid_then_content() -> None:
    other = FeedContext(url="https://other.example/rss", feed_id="feed-2", fetched_at=FETCHED_AT)
    http_guid = RawEntry(guid="https://news.example.org/a/1", link="https://news.example.org/a/1?utm_source=x")
    assert build_entry(http_guid, CTX).entry_id == build_entry(RawEntry(link="https://news.example.org/a/1"),
                                                               other).entry_id
    tag_guid = RawEntry(guid="tag:example.org,2026:1", link="https://news.example.org/a/9")
    assert build_entry(tag_guid, CTX).entry_id == build_entry(RawEntry(guid="tag:example.org,2026:1"),
                                                              other).entry_id
    bare = RawEntry(guid="12345")
    assert build_entry(bare, CTX).entry_id != build_entry(bare, other).entry_id
    no_ids = RawEntry(title="Same title", summary_html="Same body")
    assert build_entry(no_ids, CTX).entry_id != build_entry(no_ids, other).entry_id
    assert build_entry(no_ids, CTX).entry_id == build_entry(RawEntry(title="Same title",
                                                                     summary_html="Same body"), CTX).entry_id


def test_published_falls_back_to_updated_then_fetched() -> None:
    given = build_entry(RawEntry(title="a", published="2026-01-01T00:00:00Z"), CTX)
    assert given.published_source == "published"
    updated = build_entry(RawEntry(title="a", updated="2026-01-02T00:00:00Z"), CTX)
    assert (updated.published, updated.published_source) == (dt.datetime(2026, 1, 2, tzinfo=UTC), "updated")
    none = build_entry(RawEntry(title="a", published="garbage"), CTX)
    assert (none.published, none.published_source) == (FETCHED_AT, "fetched")


def test_future_dates_become_fetched_at_and_keep_the_original() -> None:
    entry = build_entry(RawEntry(title="a", published="2026-02-01T00:00:00Z"), CTX)
    assert (entry.published, entry.published_source) == (FETCHED_AT, "fetched")
    assert entry.raw["published_raw"] == "2026-02-01T00:00:00Z"


def test_summary_equal_to_content_is_treated_as_absent() -> None:
    entry = build_entry(RawEntry(title="a", summary_html="<p>Body</p>", content_html="<p>Body</p>"), CTX)
    assert (entry.summary, entry.summary_html, entry.content) == ("Body", "", "Body")


def test_empty_and_duplicate_entries_are_dropped() -> None:
    raws = [RawEntry(), RawEntry(guid="x", title="first"), RawEntry(guid="x", title="second"),
            RawEntry(guid="y", title="third")]
    assert [e.title for e in build_entries(raws, CTX)] == ["first", "third"]


def test_raw_keeps_what_was_given_as_json_values() -> None:
    entry = build_entry(RawEntry(guid="g", link="/a", published="Mon, 05 Jan 2026 10:00:00 +0000",
                                 categories=["x"]), CTX)
    assert entry.raw == {"guid": "g", "link": "/a", "published": "Mon, 05 Jan 2026 10:00:00 +0000",
                         "categories": ["x"]}
    assert entry.link == "https://news.example.org/a"
