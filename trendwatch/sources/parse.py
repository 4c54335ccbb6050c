"""Parse fetched feed bytes into normalised entries: lxml fast path, feedparser for the rest.

:func:`parse_feed` is a pure function of bytes. It raises only :class:`ParseError`, with a kind:
``empty``, ``not_a_feed``, ``malformed`` or ``unsafe_xml``.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Mapping
from typing import Any

from trendwatch.errors import ParseError
from trendwatch.sources.fastparse import FastFeed, fast_parse_or_reason
from trendwatch.sources.feedparser_compat import is_soft_bozo
from trendwatch.sources.jsonfeed import looks_like_json_feed, parse_json_feed
from trendwatch.sources.model import ParsedFeed
from trendwatch.sources.normalize import FeedContext, RawEntry, build_entries, html_to_text, short_language

# Headers feedparser may use: only the content type (it would also take a base URL and a
# language from others, which the fast path can't see).
PASSED_HEADERS = ("content-type",)
MAX_ENTITY_DECLARATIONS = 20
MAX_ENTITY_VALUE_BYTES = 4096  # a larger internal entity is a quadratic-blowup attack, not a feed
# feedparser's tolerant parser needs about 15 times a malformed document's size in memory and
# minutes for 20 MB: of a larger malformed document it reads this much (the newest entries).
MAX_REPAIR_BYTES = 4_000_000
# feedparser's strict parser and its input form a reference cycle holding the document: after a
# document this large, collect it now rather than at some later garbage collection.
COLLECT_AFTER_BYTES = 1_000_000

_DOCTYPE = re.compile(rb"<!DOCTYPE\b(?:[^\[>]*)(\[(.*?)\])?\s*>", re.S | re.I)
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s+)?[^\s>]+\s+(SYSTEM|PUBLIC|\"[^\"]*\"|'[^']*')", re.S)
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE\s+html|<html)",
                         re.I | re.S)
_ALTERNATE = re.compile(rb"<link\b[^>]*>", re.I)
_ATTR = re.compile(rb"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_FEED_TYPES = (b"application/rss+xml", b"application/atom+xml")


def parse_feed(body: bytes, *, url: str, feed_id: str, fetched_at: dt.datetime,
               headers: Mapping[str, str] | None = None, language: str | None = None) -> ParsedFeed:
    """Parse one feed document; of several entries with the same entry_id only the first is kept."""
    if body is None or not body.strip():
        raise ParseError(f"{url}: the server sent an empty body where a feed was expected; "
                         "check the URL or try again later", kind="empty")
    passed = {k.lower(): v for k, v in (headers or {}).items() if k.lower() in PASSED_HEADERS}
    try:
        if looks_like_json_feed(body):
            return _parse_json(body, url, feed_id, fetched_at, language)
        _reject_unsafe(body, url)
        fast = fast_parse_or_reason(body, passed)
        if isinstance(fast, FastFeed):
            ctx = _context(url, feed_id, fetched_at, fast.link, fast.language, language)
            return ParsedFeed(title=html_to_text(fast.title) or None, link=fast.link,
                              language=short_language(ctx.feed_language),
                              entries=build_entries(fast.entries, ctx), parser="fast")
        return _parse_with_feedparser(body, url, feed_id, fetched_at, passed, language, declined=fast)
    except ParseError:
        raise
    except Exception as e:  # noqa: BLE001 - the contract: only ParseError leaves this function
        raise ParseError(f"{url}: the feed could not be read ({type(e).__name__}: {e}); "
                         "check that the URL serves an RSS or Atom feed", kind="malformed") from e


def _parse_json(body: bytes, url: str, feed_id: str, fetched_at: dt.datetime,
                language: str | None) -> ParsedFeed:
    try:
        feed = parse_json_feed(body)
    except ValueError as e:  # json.JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise ParseError(f"{url}: a JSON Feed that can't be read ({e}); check that the URL serves "
                         "a valid JSON Feed 1.0/1.1, RSS or Atom feed", kind="malformed") from e
    ctx = _context(url, feed_id, fetched_at, feed.link, feed.language, language)
    return ParsedFeed(title=html_to_text(feed.title) or None, link=feed.link,
                      language=short_language(ctx.feed_language),
                      entries=build_entries(feed.entries, ctx), parser="jsonfeed")


def _context(url: str, feed_id: str, fetched_at: dt.datetime, link: str | None, feed_language: str | None,
             language: str | None) -> FeedContext:
    """The per-feed facts normalisation needs."""
    if fetched_at.tzinfo is None:
        fetched_at = fetched_at.replace(tzinfo=dt.UTC)
    link = link.strip() if link and link.strip() else None
    if link and "://" not in link:
        link = None  # a relative channel link is no base
    return FeedContext(url=url, feed_id=feed_id, fetched_at=fetched_at.astimezone(dt.UTC),
                       feed_link=link, feed_language=(feed_language or None),
                       config_language=language)


def _reject_unsafe(body: bytes, url: str) -> None:
    """Refuse external entities and entity-expansion bombs before any parser sees them."""
    head = body[:65536]
    if b"<!ENTITY" not in head or not re.search(rb"<!DOCTYPE", head, re.I):
        return  # entities can only be declared in a DOCTYPE
    doctype = _DOCTYPE.search(head)
    if doctype is None:
        raise ParseError(f"{url}: the document starts with a DOCTYPE too large to check (over 64 KiB of "
                         "declarations); a real feed never needs one: check the URL", kind="unsafe_xml")
    subset = doctype.group(2) or b""
    declarations = _ENTITY.findall(subset)
    external = [d for d in declarations if d[1] in (b"SYSTEM", b"PUBLIC")]
    nested = [d for d in declarations if d[1][:1] in (b'"', b"'") and b"&" in d[1]]
    huge = [d for d in declarations if len(d[1]) > MAX_ENTITY_VALUE_BYTES]
    if external or huge or len(nested) > 1 or len(declarations) > MAX_ENTITY_DECLARATIONS:
        raise ParseError(f"{url}: the document declares "
                         + ("external entities" if external else "entities that expand into each other")
                         + " (an XML attack pattern); a real feed never needs them: check the URL",
                         kind="unsafe_xml")


def _parse_with_feedparser(body: bytes, url: str, feed_id: str, fetched_at: dt.datetime,
                           headers: dict[str, str], language: str | None, declined: str = "") -> ParsedFeed:
    """The tolerant path: feedparser on the bytes (never a str, which it would take for a URL).

    Of a malformed document larger than MAX_REPAIR_BYTES only the first entries are read.
    """
    import feedparser

    cut_note = None
    if len(body) > MAX_REPAIR_BYTES and not _well_formed(body, declined):
        size = len(body)
        body = _repairable_part(body)
        cut_note = (f"not well-formed XML and {size / 1e6:.1f} MB: only its first {len(body) / 1e6:.1f} MB "
                    "were read (the tolerant parser's limit); tell the site owner")
    result = feedparser.parse(bytes(body), response_headers=headers)
    feed: Any = result.get("feed", {}) or {}
    entries = result.get("entries", []) or []
    bozo = result.get("bozo")
    bozo_exception = result.pop("bozo_exception", None)
    reason = str(bozo_exception or "") if bozo else None
    soft = is_soft_bozo(bozo_exception)
    # feedparser's parser objects, its copy of the document and the exception (through its
    # locator and traceback) form reference cycles holding about 15 times the body until some
    # later garbage collection: after a large document, free them now
    bozo_exception = None
    if len(body) >= COLLECT_AFTER_BYTES:
        gc.collect()
    if cut_note:
        reason = f"{cut_note} ({reason})" if reason else cut_note
    version = result.get("version") or ""
    if not entries:
        if _looks_like_html(body):
            raise ParseError(_html_message(body, url), kind="not_a_feed")
        if bozo and (not version or not soft):
            raise ParseError(f"{url}: the feed is not well-formed XML and no entry could be read "
                             f"({reason}); tell the site owner, or try again later", kind="malformed")
        if not version:
            raise ParseError(f"{url}: this is XML but not an RSS or Atom feed (no channel, feed or item); "
                             "check the URL", kind="not_a_feed")
    link = dict.get(feed, "link")
    ctx = _context(url, feed_id, fetched_at, link, dict.get(feed, "language"), language)
    raws = [_raw_from_feedparser(e) for e in entries]
    return ParsedFeed(title=html_to_text(dict.get(feed, "title")) or None, link=link,
                      language=short_language(ctx.feed_language),
                      entries=build_entries(raws, ctx), parser="feedparser", warning=reason)


def _raw_from_feedparser(e: Any) -> RawEntry:
    """feedparser's entry dict as a :class:`RawEntry` (plain dict lookups: no FeedParserDict aliases)."""
    get = dict.get
    contents = get(e, "content") or []
    content = get(contents[0], "value") if contents else None
    categories = []
    for tag in get(e, "tags") or []:
        value = get(tag, "label") or get(tag, "term")
        if value:
            categories.append(value)
    return RawEntry(
        guid=get(e, "id"), link=get(e, "link"), title=get(e, "title"), summary_html=get(e, "summary"),
        content_html=content, author=get(e, "author"), published=get(e, "published"),
        updated=get(e, "updated"), language=get(e, "language"), categories=categories,
    )


class _NoTree:
    """An lxml parser target that builds nothing: the parse only checks well-formedness."""

    def close(self) -> None:
        return None


def _well_formed(body: bytes, declined: str) -> bool:
    """Whether the document is well-formed XML (then feedparser reads it with its strict,
    streaming parser); checked without building a tree, unless the fast path already failed on
    a syntax error."""
    if declined.startswith(("XMLSyntaxError", "UnicodeError", "ValueError")):
        return False
    from lxml import etree

    parser = etree.XMLParser(target=_NoTree(), resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        etree.fromstring(body, parser)
    except (etree.XMLSyntaxError, ValueError, UnicodeError):
        return False
    return True


def _repairable_part(body: bytes) -> bytes:
    """The first MAX_REPAIR_BYTES of a document, cut after the last complete item or entry."""
    head = body[:MAX_REPAIR_BYTES]
    ends = [(head.rfind(tag), tag) for tag in (b"</item>", b"</entry>", b"</ITEM>", b"</ENTRY>")]
    at, tag = max(ends)
    return head[: at + len(tag)] if at > 0 else head


def _looks_like_html(body: bytes) -> bool:
    """Whether the document starts like an HTML page."""
    head = body[:4096]
    if head.startswith((b"\xef\xbb\xbf",)):
        head = head[3:]
    return bool(_HTML_START.match(head)) or b"<body" in head.lower()


def _html_message(body: bytes, url: str) -> str:
    """The not-a-feed message, naming the page's advertised feed when it has one."""
    advertised = None
    for tag in _ALTERNATE.findall(body[:200_000]):
        attrs = {m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or b"")
                 for m in _ATTR.finditer(tag)}
        if attrs.get(b"rel", b"").lower() == b"alternate" and attrs.get(b"type", b"").lower() in _FEED_TYPES:
            advertised = attrs.get(b"href", b"").decode("utf-8", "replace").strip()
            if advertised:
                break
    if advertised:
        from urllib.parse import urljoin

        return (f"{url}: this looks like an HTML page, not a feed; the page advertises its feed at "
                f"{urljoin(url, advertised)}: use that URL instead")
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else url.rstrip("/")
    except ValueError:
        site = url.rstrip("/")
    return (f"{url}: this looks like an HTML page, not a feed: check the URL, the site's feed may be at "
            f"{site}/feed or {site}/rss")
