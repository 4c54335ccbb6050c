"""Dates with French, Spanish, Portuguese, Italian, German and Dutch month names (issue 9) are read
on both parse paths; what still can't be read is dated by the fetch and flagged so."""

from __future__ import annotations

import datetime as dt

import pytest

from trendwatch.sources.dates_i18n import parse_foreign_date
from trendwatch.sources.normalize import parse_date
from trendwatch.sources.parse import parse_feed

FETCHED = dt.datetime(2026, 1, 5, 12, 0, tzinfo=dt.UTC)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seg, 24 Set 2018 10:00:00 +0000", utc(2018, 9, 24, 10)),  # pt, the example
        ("Dom, 01 Dez 2019 08:30:00 -0300", utc(2019, 12, 1, 11, 30)),  # pt-BR
        ("lun., 24 sept. 2018 10:00:00 +0200", utc(2018, 9, 24, 8)),  # fr
        ("mer. 1er août 2018 à 14h30", utc(2018, 8, 1, 14, 30)),  # fr, long form
        ("jeudi 24 mai 2018 09:00 CEST", utc(2018, 5, 24, 7)),  # fr, named zone
        ("Lun, 24 Dic 2018 10:00:00 +0100", utc(2018, 12, 24, 9)),  # es
        ("24 de septiembre de 2018 10:00", utc(2018, 9, 24, 10)),  # es, long form
        ("Gio, 24 Ott 2018 10:00:00 +0200", utc(2018, 10, 24, 8)),  # it
        ("Mo, 24 Okt 2018 10:00:00 GMT", utc(2018, 10, 24, 10)),  # de
        ("24. März 2018 10:00 Uhr MEZ", utc(2018, 3, 24, 9)),  # de, long form
        ("ma, 24 mrt 2018 10:00:00 +0100", utc(2018, 3, 24, 9)),  # nl
        ("24 septembre 2018", utc(2018, 9, 24)),  # no time: midnight UTC
    ],
)
def test_foreign_month_names_are_read(text: str, expected: dt.datetime) -> None:
    assert parse_foreign_date(text) == expected
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["31 Set 2018", "Seg, 24 Xyz 2018 10:00:00 +0000", "hello world", "24 Set 2018 10:00 somewhere"]
)
def test_what_is_no_date_stays_unread(text: str) -> None:
    assert parse_date(text) is None


def rss(date: str, *, doctype: bool = False) -> bytes:
    head = '<?xml version="1.0" encoding="utf-8"?>' + ("<!DOCTYPE rss>" if doctype else "")
    return (
        f'{head}<rss version="2.0"><channel><title>T</title><item><title>A</title>'
        f"<link>https://example.pt/a</link><pubDate>{date}</pubDate></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize("doctype", [False, True], ids=["fast path", "feedparser"])
def test_both_parse_paths_date_the_entry_and_flag_what_fails(doctype: bool) -> None:
    parsed = parse_feed(rss("Seg, 24 Set 2018 10:00:00 +0000", doctype=doctype), url="https://example.pt/rss",
                        feed_id="f", fetched_at=FETCHED)
    assert parsed.parser == ("feedparser" if doctype else "fast")
    (entry,) = parsed.entries
    assert entry.published == utc(2018, 9, 24, 10) and entry.published_source == "published"
    unread = parse_feed(rss("Sgd, 99 Xyz 2018", doctype=doctype), url="https://example.pt/rss", feed_id="f",
                        fetched_at=FETCHED)
    (entry,) = unread.entries
    assert entry.published == FETCHED and entry.published_source == "fetched"
