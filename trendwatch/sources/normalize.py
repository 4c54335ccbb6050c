"""Turn what a parser read from a feed into :class:`Entry` records, the same way for every parser.

Both parse paths (the lxml fast path and feedparser) hand :func:`build_entries` the same
:class:`RawEntry` shape; everything else (ids, canonical links, plain text, dates, language)
is decided here, so the two paths agree field by field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from trendwatch.safe_text import strip_controls
from trendwatch.sources.dates_i18n import parse_foreign_date
from trendwatch.sources.feedparser_compat import parse_date_9tuple
from trendwatch.sources.language import detect_language
from trendwatch.sources.model import Entry

UTC = dt.UTC
SUMMARY_FROM_CONTENT_CHARS = 500
FUTURE_TOLERANCE = dt.timedelta(days=1)  # a date later than fetched_at + this is not trusted
ENTRY_ID_CHARS = 20
DETECT_SUMMARY_CHARS = 200  # language detection reads the title and this much of the summary

TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_hsenc", "_hsmi",
    "xtor", "ref_src", "gclsrc", "wt.mc_id", "ncid", "_ga", "oly_anon_id", "oly_enc_id", "vero_id",
})
TRACKING_PREFIXES = ("utm_", "at_")
DEFAULT_PORTS = {"http": 80, "https": 443}

_sha1 = hashlib.sha1
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_DROPPED = re.compile(r"<(script|style|applet)\b[^>]*>.*?(?:</\1\s*>|$)", re.S | re.I)
_BLOCK_TAG = re.compile(
    r"</?(?:p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre|hr|dd|dt|dl|section|article|figure|"
    r"figcaption|header|footer|img)\b[^>]*>", re.I)
_TAG = re.compile(r"</?[A-Za-z!?][^>]*>")
_RFC822 = re.compile(
    r"^(?:[A-Za-z]{3},?\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"\s*(GMT|UT|UTC|Z|[+-]\d{4})$")
_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([Zz]|[+-]\d{2}:?\d{2})$")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


@dataclass(slots=True)
class RawEntry:
    """One item as a parser read it: strings as given (HTML kept), before any normalisation."""

    guid: str | None = None
    link: str | None = None
    title: str | None = None
    summary_html: str | None = None
    content_html: str | None = None
    author: str | None = None
    published: str | None = None  # date text as given
    updated: str | None = None
    language: str | None = None  # entry-level language (dc:language)
    categories: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FeedContext:
    """What normalisation needs to know about the feed an entry came from."""

    url: str
    feed_id: str
    fetched_at: dt.datetime
    feed_link: str | None = None
    feed_language: str | None = None  # from the feed itself
    config_language: str | None = None  # the CM's setting for this feed


def canonical_url(url: str, base: str | None = None) -> str:
    """Absolute, comparable form of a link: tracking parameters, fragment and default port removed."""
    url = url.strip()
    if _already_canonical(url):
        return url
    if base and not _SCHEME.match(url):
        try:
            url = urljoin(base.strip(), url)
        except ValueError:
            return url
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS:
            return url
        netloc = parts.netloc
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        return url
    if "@" in netloc or port is not None or host != netloc:
        if ":" in host:  # IPv6 literal
            host = f"[{host}]"
        userinfo = netloc.rpartition("@")[0] if "@" in netloc else ""
        netloc = (f"{userinfo}@" if userinfo else "") + host
        if port is not None and port != DEFAULT_PORTS[scheme]:
            netloc += f":{port}"
    query = parts.query
    if query:
        query = "&".join(p for p in query.split("&") if p and not _is_tracking(p))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def _already_canonical(url: str) -> bool:
    """Cheap check for the common case: a plain lower-case http(s) URL with a path, no query, no fragment."""
    if url.startswith("https://"):
        rest = url[8:]
    elif url.startswith("http://"):
        rest = url[7:]
    else:
        return False
    slash = rest.find("/")
    if slash <= 0 or "?" in rest or "#" in rest or " " in rest or "\\" in rest:
        return False
    host = rest[:slash]
    return host.isascii() and host == host.lower() and ":" not in host and "@" not in host \
        and not host.endswith(".") and "%" not in host and "[" not in host


def _is_tracking(param: str) -> bool:
    """Whether one ``name=value`` query pair is a tracking parameter."""
    name = param.split("=", 1)[0].lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def html_to_text(text: str | None, *, _again: bool = True) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed. HTML
    escaped twice (Reddit's feeds: ``&amp;lt;div&amp;gt;``, a fragment that opens with a tag once
    decoded) is read again; text that only mentions a tag ("Use &lt;b&gt; for bold") keeps it."""
    if not text:
        return ""
    if "<" in text:
        if text.startswith("<p>") and text.endswith("</p>") and text.count("<") == 2:  # one paragraph
            text = text[3:-4]
            if "&" in text:
                text = html.unescape(text)
            return _collapse(text)
        if "<p>" in text or "</p>" in text or "<br" in text:  # the usual tags, without a regex
            text = text.replace("<p>", " ").replace("</p>", " ").replace("<br>", " ").replace("<br/>", " ")
            if "<" not in text:
                return _collapse(html.unescape(text) if "&" in text else text)
        if "<!--" in text:
            text = _COMMENT.sub(" ", text)
        if "<s" in text or "<S" in text or "<a" in text or "<A" in text:
            text = _DROPPED.sub(" ", text)
        text = _BLOCK_TAG.sub(" ", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
        if _again and _TAG.match(text.lstrip()):  # a fragment that opens with a tag, not "a <b> tag"
            return html_to_text(text, _again=False)
    return _collapse(text)


def _collapse(text: str) -> str:
    """Whitespace runs as single spaces, trimmed (cheap when there is nothing to collapse);
    control characters (ESC, BEL, NUL...) and bidi overrides dropped: feed text is untrusted and
    the raw entry keeps the original."""
    if text.isascii() and text.isprintable() and "  " not in text:  # no control character, no run
        return text.strip()
    return " ".join(strip_controls(text).split())


def parse_date(text: str | None) -> dt.datetime | None:
    """An aware UTC datetime from RFC 822 or ISO 8601 text (feedparser's handlers for odd formats,
    then month names in French, Spanish, Portuguese, Italian, German and Dutch); None if unreadable."""
    if not text:
        return None
    text = text.strip()
    try:
        if len(text) == 31 and text[3] == "," and text[25] == " " and text[19] == ":" and text[22] == ":":
            # "Mon, 05 Jan 2026 10:00:00 +0000": the usual layout, read by position
            month = _MONTHS.get(text[8:11].lower())
            if month and text[26] in "+-" and text[7] == " " and text[16] == " ":
                when = dt.datetime(int(text[12:16]), month, int(text[5:7]), int(text[17:19]),
                                   int(text[20:22]), int(text[23:25]), tzinfo=UTC)
                return when - _offset(text[26:])
        m = _RFC822.match(text)
        if m:
            day, mon, year, hh, mm, ss, zone = m.groups()
            month = _MONTHS.get(mon.lower())
            if month:
                when = dt.datetime(int(year), month, int(day), int(hh), int(mm), int(ss or 0), tzinfo=UTC)
                return when - _offset(zone)
        m = _ISO.match(text)
        if m:
            year, mon, day, hh, mm, ss, zone = m.groups()
            when = dt.datetime(int(year), int(mon), int(day), int(hh), int(mm), int(ss or 0), tzinfo=UTC)
            return when - _offset(zone)
    except (ValueError, OverflowError):
        pass
    return parse_date_9tuple(text) or parse_foreign_date(text)


def _offset(zone: str) -> dt.timedelta:
    """The UTC offset a zone designator stands for (cached: feeds use a handful)."""
    delta = _OFFSETS.get(zone)
    if delta is None:
        delta = _compute_offset(zone)
        if len(_OFFSETS) < 1024:
            _OFFSETS[zone] = delta
    return delta


_OFFSETS: dict[str, dt.timedelta] = {}


def _compute_offset(zone: str) -> dt.timedelta:
    """The UTC offset a zone designator stands for."""
    if zone[0] not in "+-":
        return dt.timedelta(0)
    digits = zone[1:].replace(":", "")
    delta = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))
    return -delta if zone[0] == "-" else delta


def short_language(code: str | None) -> str | None:
    """A 2-letter lowercase language code ("fr-FR" → "fr"), or None when there is none."""
    if not code:
        return None
    head = code.strip().replace("_", "-").split("-", 1)[0].lower()
    return head[:2] if len(head) >= 2 and head.isalpha() else None


def entry_id_for(raw: RawEntry, ctx: FeedContext, link: str | None, title: str, summary: str,
                 published: dt.datetime | None) -> str:
    """Stable id: global guid, else canonical link, else feed-scoped guid, else a content hash."""
    guid = raw.guid.strip() if raw.guid else ""
    if guid and guid[:8].lower().startswith(("http://", "https://")):
        key = "u:" + (link if link and guid == raw.link else canonical_url(guid))
    elif guid and _SCHEME.match(guid):
        key = "g:" + guid
    elif link:
        key = "u:" + link
    elif guid:
        key = f"f:{ctx.feed_id}:{guid}"
    else:
        key = f"h:{ctx.feed_id}{title}{summary}{published.isoformat() if published else ''}"
    return _sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:ENTRY_ID_CHARS]


@dataclass(frozen=True, slots=True)
class _FeedFacts:
    """What every entry of one feed shares, worked out once."""

    base: str
    latest_trusted: dt.datetime  # a later date is not believed
    fallback_language: tuple[str | None, str | None]  # from the config or the feed, before detection


def _facts(ctx: FeedContext) -> _FeedFacts:
    """The per-feed constants of a context."""
    code = short_language(ctx.config_language)
    fallback: tuple[str | None, str | None] = (code, "config") if code else (None, None)
    if not code:
        code = short_language(ctx.feed_language)
        fallback = (code, "feed") if code else (None, None)
    return _FeedFacts(ctx.feed_link or ctx.url, ctx.fetched_at + FUTURE_TOLERANCE, fallback)


def build_entry(raw: RawEntry, ctx: FeedContext, facts: _FeedFacts | None = None) -> Entry:
    """One normalised :class:`Entry` from a :class:`RawEntry`."""
    facts = facts or _facts(ctx)
    link = canonical_url(raw.link, facts.base) if raw.link and raw.link.strip() else None
    title = html_to_text(raw.title) if raw.title else ""
    content_html = raw.content_html or ""
    summary_html = raw.summary_html or ""
    if summary_html == content_html:  # feedparser copies content into an absent summary
        summary_html = ""
    content = html_to_text(content_html) if content_html else ""
    summary = html_to_text(summary_html) if summary_html else content[:SUMMARY_FROM_CONTENT_CHARS]
    given_published = parse_date(raw.published) if raw.published else None
    updated = parse_date(raw.updated) if raw.updated else None
    raw_dict = _raw_dict(raw)
    if raw.title and not raw.title.isprintable():  # controls or bidi marks stripped: keep the original
        raw_dict["title_raw"] = raw.title
    if given_published is not None:
        published, source = given_published, "published"
    elif updated is not None:
        published, source = updated, "updated"
    else:
        published, source = ctx.fetched_at, "fetched"
    if published > facts.latest_trusted:
        raw_dict["published_raw"] = raw.published if source == "published" else raw.updated
        published, source = ctx.fetched_at, "fetched"
    language: str | None
    language_source: str | None
    code = short_language(raw.language) if raw.language else None
    if code:
        language, language_source = code, "entry"
    elif facts.fallback_language[0]:
        language, language_source = facts.fallback_language
    else:
        language = detect_language(f"{title} {summary[:DETECT_SUMMARY_CHARS]}")
        language_source = "detected" if language else None
    guid = raw.guid.strip() if raw.guid else None
    return Entry(  # positional, in field order: noticeably cheaper than keywords on the hot path
        entry_id_for(raw, ctx, link, title, summary, given_published), guid or None, link, title, summary,
        summary_html, content, content_html, (html_to_text(raw.author) or None) if raw.author else None,
        published, source, updated, language, language_source,
        _categories(raw.categories) if raw.categories else [], raw_dict,
    )


def build_entries(raws: Iterable[RawEntry], ctx: FeedContext) -> list[Entry]:
    """Normalised entries in feed order.

    Of several entries with one entry_id only the first is kept; an entry with no guid, link,
    title, summary or content (an empty <item/>) is dropped.
    """
    facts = _facts(ctx)
    seen: set[str] = set()
    out: list[Entry] = []
    for raw in raws:
        if not (raw.guid or raw.link or raw.title or raw.summary_html or raw.content_html):
            continue
        entry = build_entry(raw, ctx, facts)
        if entry.entry_id not in seen:
            seen.add(entry.entry_id)
            out.append(entry)
    return out


def _categories(values: Iterable[str]) -> list[str]:
    """Category labels, trimmed, deduplicated in order."""
    out: list[str] = []
    for value in values:
        text = html_to_text(value)
        if text and text not in out:
            out.append(text)
    return out


def _raw_dict(raw: RawEntry) -> dict[str, Any]:
    """The small JSON-able record of what was parsed, for re-processing later."""
    out: dict[str, Any] = {}
    if raw.guid:
        out["guid"] = raw.guid
    if raw.link:
        out["link"] = raw.link
    if raw.published:
        out["published"] = raw.published
    if raw.updated:
        out["updated"] = raw.updated
    if raw.language:
        out["language"] = raw.language
    if raw.author:
        out["author"] = raw.author
    if raw.categories:
        out["categories"] = list(raw.categories)
    return out
