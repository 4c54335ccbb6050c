"""feedparser's private tables are read in one module; these tests fail when an upgrade moves them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import feedparser

from trendwatch.sources import feedparser_compat as compat

SOURCES = Path(compat.__file__).parent


def test_the_copies_agree_with_the_installed_feedparser() -> None:
    from feedparser.html import _cp1252
    from feedparser.mixin import _FeedParserMixin
    from feedparser.urls import _urifixer

    assert compat.URI_FIXER.pattern == compat._URI_FIXER_COPY == _urifixer.pattern
    assert compat.cp1252_table() == compat._CP1252_COPY == dict(_cp1252)
    assert compat.known_namespaces()["http://purl.org/dc/elements/1.1/"] == "dc"
    assert len(compat.known_namespaces()) == len(_FeedParserMixin.namespaces)


def test_the_date_parser_and_bozo_check_behave_as_feedparser() -> None:
    when = dt.datetime(2003, 12, 31, 10, 14, 55, tzinfo=dt.UTC)
    assert compat.parse_date_9tuple("2003-12-31T10:14:55Z") == when
    assert compat.parse_date_9tuple("not a date") is None
    soft = feedparser.parse(b'<?xml version="1.0" encoding="latin-1"?><rss version="2.0"><channel>'
                            b"<item><title>caf\xc3\xa9</title></item></channel></rss>",
                            response_headers={"content-type": "text/plain"})
    assert soft.bozo and compat.is_soft_bozo(soft.bozo_exception)
    assert not compat.is_soft_bozo(ValueError("broken"))


def test_no_other_module_reaches_into_feedparser_privates() -> None:
    private = re.compile(r"from feedparser\.\w+ import _|feedparser\.\w+\._\w")
    offenders = [
        p.name for p in SOURCES.glob("*.py")
        if p.name != "feedparser_compat.py" and private.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
