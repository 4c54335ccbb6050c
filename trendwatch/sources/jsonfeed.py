"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) read into the same raw entries as RSS/Atom.

The fetcher's Accept header advertises ``application/feed+json``; feedparser does not read it,
so this small mapping does: ``id`` → guid, ``url`` → link, ``title``, ``content_html`` (or
``content_text``), ``summary``, ``date_published``/``date_modified`` (RFC 3339), ``authors``
(1.1) or ``author`` (1.0), ``tags``, ``language`` (1.1).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Any

from trendwatch.sources.normalize import RawEntry

VERSION_PREFIX = "https://jsonfeed.org/version/"


@dataclass(frozen=True, slots=True)
class JsonFeed:
    title: str | None
    link: str | None
    language: str | None
    entries: list[RawEntry]


def looks_like_json_feed(body: bytes) -> bool:
    """True when the body starts like a JSON object naming a JSON Feed version."""
    head = body[:512].lstrip()
    return head.startswith(b"{") and b"jsonfeed.org/version/" in body[:4096]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _author(item: dict[str, Any], feed: dict[str, Any]) -> str | None:
    authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else None)
    authors = (
        authors or feed.get("authors") or ([feed["author"]] if isinstance(feed.get("author"), dict) else [])
    )
    names = [str(a["name"]) for a in authors if isinstance(a, dict) and _text(a.get("name"))]
    return ", ".join(names) or None


def parse_json_feed(body: bytes) -> JsonFeed:
    """The feed's title, home page, language and items; ValueError when it is not a JSON Feed."""
    data = json.loads(body.decode("utf-8-sig"))
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(VERSION_PREFIX):
        raise ValueError("not a JSON Feed: no https://jsonfeed.org/version/ in its version field")
    items = data.get("items")
    if not isinstance(items, list):
        raise ValueError("a JSON Feed without an items list")
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        content_html = _text(item.get("content_html"))
        if content_html is None and _text(item.get("content_text")):
            content_html = "<p>" + html.escape(item["content_text"]) + "</p>"
        tags = [t for t in item.get("tags") or [] if isinstance(t, str)]
        entries.append(
            RawEntry(
                guid=str(item["id"]) if item.get("id") not in (None, "") else None,
                link=_text(item.get("url")) or _text(item.get("external_url")),
                title=_text(item.get("title")),
                summary_html=_text(item.get("summary")),
                content_html=content_html,
                author=_author(item, data),
                published=_text(item.get("date_published")),
                updated=_text(item.get("date_modified")),
                language=_text(item.get("language")),
                categories=tags,
            )
        )
    return JsonFeed(
        _text(data.get("title")), _text(data.get("home_page_url")), _text(data.get("language")), entries
    )
