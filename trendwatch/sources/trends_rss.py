"""Google Trends' public "trending now" RSS feed (``https://trends.google.com/trending/rss?geo=FR``).

pytrends' trending-searches endpoint (``hottrends/visualize/internal/data``) no longer answers;
this feed is the documented alternative. Its items carry ``ht:approx_traffic`` and ``ht:news_item``
elements, read here with lxml (namespace-agnostic: Google changed the ``ht`` URI over the years).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass
from typing import Any

from trendwatch.errors import ParseError
from trendwatch.sources.parse import parse_feed

QUESTION_WORDS = frozenset(
    "comment pourquoi quand quel quelle quels quelles qui quoi combien où est-ce "
    "how why what when where which who whom whose can does do is are should will".split()
)


@dataclass(slots=True)
class TrendingItem:
    """One item of Google's "trending now" feed."""

    term: str
    traffic: str | None
    traffic_min: int | None
    started: dt.datetime | None
    articles: list[dict[str, str]]


def is_question(query: str) -> bool:
    """Whether a search query is a question (comment, pourquoi, how, why, ...)."""
    words = re.findall(r"[\w'-]+", query.casefold())
    return bool(words) and (
        words[0] in QUESTION_WORDS or words[0].split("'")[0] in ("qu", "quest") or query.strip().endswith("?")
    )


def _traffic_min(text: str | None) -> int | None:
    if not text:
        return None
    digits = re.sub(r"[^\d]", "", text.split("+")[0])
    mult = 1000 if re.search(r"\d\s*[kK]", text) else 1_000_000 if re.search(r"\d\s*M", text) else 1
    return int(digits) * mult if digits else None


def _feed_path_dates(body: bytes, url: str) -> dict[str, dt.datetime]:
    """Item title -> published, read by the feed parser every feed goes through (validates the feed)."""
    parsed = parse_feed(body, url=url, feed_id="google-trends", fetched_at=dt.datetime.now(dt.UTC))
    return {e.title: e.published for e in parsed.entries if e.published_source != "fetched"}


def parse_trending_rss(
    body: bytes, *, url: str = "https://trends.google.com/trending/rss"
) -> list[TrendingItem]:
    """Items of a Google Trends "trending now" RSS feed (``ht:approx_traffic``, ``ht:news_item``).

    The feed goes through :func:`trendwatch.sources.parse.parse_feed` like any feed (which raises
    ParseError on a body that is no feed); Google's ``ht:`` elements are then read with lxml."""
    from lxml import etree

    published = _feed_path_dates(body, url)

    try:
        root = etree.fromstring(
            body, parser=etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
        )
    except etree.XMLSyntaxError as e:
        raise ParseError(
            f"the trending-searches feed is not XML ({e}); expected Google's RSS",
            kind="not_a_feed",
            url=url,
        ) from e

    def text(el: Any, name: str) -> str | None:
        found = el.xpath(f"./*[local-name()='{name}']")
        return (found[0].text or "").strip() if found else None

    items = []
    for it in root.iter("item"):
        term = text(it, "title")
        if not term:
            continue
        started = published.get(term)
        pub = None if started else text(it, "pubDate")
        if pub:
            try:
                started = email.utils.parsedate_to_datetime(pub).astimezone(dt.UTC)
            except (TypeError, ValueError):
                started = None
        articles = [
            {
                "title": text(n, "news_item_title") or "",
                "url": text(n, "news_item_url") or "",
                "source": text(n, "news_item_source") or "",
            }
            for n in it.xpath("./*[local-name()='news_item']")
        ]
        traffic = text(it, "approx_traffic")
        items.append(TrendingItem(term, traffic, _traffic_min(traffic), started, articles))
    return items
