"""Fast path: well-formed UTF-8 RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 read with a hardened lxml parser.

It reproduces what feedparser would read for the fields trendwatch keeps, and declines
(returns None, so the caller falls back to feedparser) on anything it can't reproduce exactly:
a DOCTYPE, an encoding it isn't sure of, xml:base, an unknown root or namespace, an element
given twice, markup where text is expected, out-of-line or base64 content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from trendwatch.sources.feedparser_compat import URI_FIXER, cp1252_table, known_namespaces
from trendwatch.sources.normalize import RawEntry

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
RSS1 = "http://purl.org/rss/1.0/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
MEDIA = "http://search.yahoo.com/mrss/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# feedparser's element names (canonical prefix + "_" + lowercased local name) -> the field they fill.
SLOTS: dict[str, str] = {
    **dict.fromkeys(("title", "dc_title", "media_title"), "title"),
    "link": "link",
    **dict.fromkeys(("guid", "id"), "guid"),
    **dict.fromkeys(("description", "dc_description", "summary", "itunes_summary", "media_description",
                     "abstract"), "summary"),
    **dict.fromkeys(("content", "content_encoded", "fullitem", "body", "xhtml_body"), "content"),
    **dict.fromkeys(("pubdate", "published", "issued", "dcterms_issued"), "published"),
    **dict.fromkeys(("updated", "modified", "dc_date", "dcterms_modified", "lastbuilddate"), "updated"),
    **dict.fromkeys(("author", "dc_creator", "dc_author", "itunes_author", "managingeditor"), "author"),
    **dict.fromkeys(("category", "dc_subject", "keywords"), "category"),
    **dict.fromkeys(("language", "dc_language"), "language"),
}
# feedparser handlers that would change a kept field in ways the fast path doesn't reproduce.
UNSUPPORTED = frozenset({
    "itunes_category", "itunes_keywords", "media_category", "media_keywords", "tags", "item", "entry",
    "channel", "feed", "rss", "image", "textinput", "itunes_link", "newlocation", "itunes_owner", "name",
    "email", "uri", "url", "homepage", "width", "height", "itunes_name", "itunes_email", "source",
})
_PLAIN_SLOTS = frozenset({"published", "updated", "language"})
ATOM_TEXT_TYPES = frozenset({None, "text", "html", "plain", "text/plain", "text/html"})
HTML_LINK_TYPES = frozenset({"text/html", "application/xhtml+xml"})

_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._\-]+)[\"']")
_SANITIZER_BAIT = re.compile(r"<\s*(?:script|style|applet|svg|math|!\[CDATA)", re.I)
_UTF8_NAMES = frozenset({"utf-8", "utf8"})
_FEED_MEDIA_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/x-rss+xml", "text/rss+xml", "text/atom+xml",
})


# Item counts done in C (walking every element from Python costs more than the items themselves).
_COUNT_RSS_ITEMS = etree.XPath("count(//item)")
_COUNT_RDF_ITEMS = etree.XPath("count(//rss1:item | //item)", namespaces={"rss1": RSS1})
_COUNT_ATOM_ENTRIES = etree.XPath("count(//atom:entry)", namespaces={"atom": ATOM})


class Decline(Exception):
    """The fast path can't reproduce feedparser here: fall back."""


@dataclass(slots=True)
class FastFeed:
    """What the fast path read: feed-level fields and raw entries."""

    title: str | None
    link: str | None
    language: str | None
    entries: list[RawEntry]


def _parser() -> etree.XMLParser:
    """A parser that never expands entities, reads a DTD or touches the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_comments=True, remove_pis=True, recover=False)


def fast_parse(body: bytes, headers: dict[str, str] | None = None) -> FastFeed | None:
    """Parse a plain feed quickly, or None when feedparser must do it."""
    result = fast_parse_or_reason(body, headers)
    return result if isinstance(result, FastFeed) else None


def fast_parse_or_reason(body: bytes, headers: dict[str, str] | None = None) -> FastFeed | str:
    """The fast path's result, or why it declined (for diagnostics and tests)."""
    try:
        if not _encoding_is_sure(body, headers or {}):
            return "encoding not sure"
        if b"<!DOCTYPE" in body or b"<!doctype" in body or b"<!ENTITY" in body:
            return "doctype"
        if b"xml:base" in body:
            return "xml:base"
        root = etree.fromstring(body, _parser())
        tag = root.tag
        if tag == "rss":
            return _read_rss(root, body)
        if tag == f"{{{ATOM}}}feed":
            return _read_atom(root, body)
        if tag == f"{{{RDF}}}RDF":
            return _read_rdf(root, body)
        return f"root {tag}"
    except Decline as e:
        return str(e)
    except (etree.XMLSyntaxError, ValueError, UnicodeError, TypeError, AttributeError) as e:
        return f"{type(e).__name__}: {e}"


def _encoding_is_sure(body: bytes, headers: dict[str, str]) -> bool:
    """Only UTF-8 we are sure of: the declaration, the BOM and the HTTP charset must agree."""
    if body.startswith((b"\xfe\xff", b"\xff\xfe", b"\x00", b"\x4c\x6f\xa7\x94")):
        return False
    start = body[3:] if body.startswith(b"\xef\xbb\xbf") else body
    m = _XML_DECL.match(start[:300])
    declared = m.group(1).decode("ascii").lower() if m else None
    if declared is not None and declared not in _UTF8_NAMES:
        return False
    content_type = headers.get("content-type")
    if content_type:
        media, _, params = content_type.partition(";")
        media = media.strip().lower()
        if media not in _FEED_MEDIA_TYPES:
            return False
        charset = None
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset":
                charset = value.strip().strip("\"'").lower()
        if charset is not None and charset not in _UTF8_NAMES:
            return False
        if charset is None and media.startswith("text/") and not body.isascii():
            return False  # RFC 3023: text/xml without charset means us-ascii
    if declared is None and not body.isascii():
        return False
    return True


def _leaf_text(element: Any) -> str:
    """An element's own text, stripped, repaired like feedparser when it isn't plain ASCII."""
    text = element.text
    if text is None:
        return ""
    text = text.strip()
    return text if text.isascii() else _fix(text) or ""


def _fix(text: str | None) -> str | None:
    """feedparser's repairs of element text: utf-8 read as latin-1, then the cp1252 code points."""
    if text is None:
        return None
    text = text.strip()
    if text.isascii():
        return text
    try:
        text = text.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return text.translate(_CP1252)


def _text(el: Any) -> str:
    """An element's text, declining when it holds markup instead of text."""
    if len(el):
        raise Decline("markup inside a text element")
    return _fix(el.text) or ""


_NAMESPACES = known_namespaces()
_NAME_CACHE: dict[tuple[str, str | None], str] = {}


def _fp_name(el: Any) -> str:
    """The name feedparser dispatches this element on (e.g. "dc_creator", "pubdate")."""
    key = (el.tag, el.prefix)
    name = _NAME_CACHE.get(key)
    if name is None:
        tag = el.tag
        if tag[0] == "{":
            uri, _, local = tag[1:].partition("}")
            lowered = uri.lower()
            given = el.prefix or ""
            prefix = "" if "backend.userland.com/rss" in lowered else _NAMESPACES.get(lowered, given)
            name = f"{prefix}_{local}".lower() if prefix else local.lower()
        else:
            name = tag.lower()
        if len(_NAME_CACHE) < 4096:
            _NAME_CACHE[key] = name
    return name


_TAG_INFO: dict[str, tuple[str, str | None]] = {}


def _tag_info(el: Any) -> tuple[str, str | None]:
    """(feedparser name, kept field) of an element; cached when the prefix can't change it."""
    name = _fp_name(el)
    info = (name, SLOTS.get(name))
    tag = el.tag
    if (tag[0] != "{" or tag[1:].partition("}")[0].lower() in _NAMESPACES) and len(_TAG_INFO) < 4096:
        _TAG_INFO[tag] = info
    return info


def _read_rss(root: Any, body: bytes) -> FastFeed:
    """RSS 0.9x/2.0: <rss><channel> with <item> children."""
    channels = [c for c in root if c.tag == "channel"]
    if len(channels) != 1:
        raise Decline("no single channel")
    items = [c for c in channels[0] if c.tag == "item"]
    if _COUNT_RSS_ITEMS(root) != len(items):
        raise Decline("items outside the channel")
    _check_lang(body, root)
    title, link, language = _read_channel(channels[0])
    return FastFeed(title, link, language or root.get(XML_LANG), _read_items(channels[0], items, "item"))


def _read_rdf(root: Any, body: bytes) -> FastFeed:
    """RSS 1.0: <rdf:RDF> with a <channel> and sibling <item>s in the RSS 1.0 namespace."""
    channel_tag, item_tag = f"{{{RSS1}}}channel", f"{{{RSS1}}}item"
    channels = [c for c in root if c.tag == channel_tag]
    if len(channels) != 1:
        raise Decline("no single channel")
    items = [c for c in root if c.tag == item_tag]
    if _COUNT_RDF_ITEMS(root) != len(items):
        raise Decline("items elsewhere than under the root")
    _check_lang(body, root)
    title, link, language = _read_channel(channels[0])
    return FastFeed(title, link, language or root.get(XML_LANG), _read_items(root, items, item_tag, rdf=True))


def _read_atom(root: Any, body: bytes) -> FastFeed:
    """Atom 1.0: <feed> with <entry> children."""
    entry_tag = f"{{{ATOM}}}entry"
    entries = [c for c in root if c.tag == entry_tag]
    if _COUNT_ATOM_ENTRIES(root) != len(entries):
        raise Decline("nested entries")
    _check_lang(body, root)
    title, link, language = _read_channel(root)
    return FastFeed(title, link, language or root.get(XML_LANG), _read_items(root, entries, entry_tag))


def _read_channel(channel: Any) -> tuple[str | None, str | None, str | None]:
    """Feed title, link and language; feedparser keeps the last of each."""
    title = link = language = None
    for child in channel:
        if not isinstance(child.tag, str):
            continue
        name = _fp_name(child)
        if name in ("title", "dc_title"):
            title = _text(child) if child.get("type") in ATOM_TEXT_TYPES else title
        elif name == "link":
            href = child.get("href")
            if href is None:
                link = _text(child)
            elif _is_alternate(child):
                link = _link_href(href)
        elif name in ("language", "dc_language"):
            language = _text(child)
    return title, link, language


def _check_lang(body: bytes, root: Any) -> None:
    """xml:lang is only understood on the root element."""
    if b"xml:lang" in body:
        if body.count(b"xml:lang") != 1 or root.get(XML_LANG) is None:
            raise Decline("xml:lang below the root")


def _is_alternate(link: Any) -> bool:
    """Whether an Atom link is the alternate HTML page, as feedparser decides."""
    rel = link.get("rel", "alternate").lower()
    return rel == "alternate" and link.get("type", "text/html").lower() in HTML_LINK_TYPES


class _ItemReader:
    """Replays feedparser's rules for one item: which of several elements fills a field."""

    def __init__(self, about: str | None, has_content: bool) -> None:
        self.raw = RawEntry(guid=about)
        self.about = about
        self.depths: dict[str, int] = {}  # field -> depth of the element that set it
        self.title_depth = -1
        self.has_content = has_content  # feedparser's flag, left set by channel elements before an item
        self.summary_saved = False  # a summary exists (set or copied from content)
        self.link: str | None = None
        self.contents: list[str] = []

    def store(self, slot: str, value: str, depth: int) -> None:
        """feedparser's pop(): a value replaces one set at the same or a deeper level."""
        old = self.depths.get(slot)
        if old is None or depth <= old:
            self.depths[slot] = depth
            _set_text_slot(self.raw, slot, value)
            if slot == "summary":
                self.summary_saved = True

    def read(self, el: Any, depth: int) -> None:
        """Handle one element at `depth` below the item, then its children if it is a container."""
        for child in el:
            info = _TAG_INFO.get(child.tag)
            if info is None:
                if not isinstance(child.tag, str):
                    continue
                info = _tag_info(child)
            name, slot = info
            if slot is None:
                if name in UNSUPPORTED:
                    raise Decline(f"element {name}")
                if len(child):
                    self.read(child, depth + 1)
                continue
            if depth > 1 and slot in ("link", "guid", "author", "category"):
                raise Decline(f"nested {name}")
            if depth == 1 and not len(child) and self.read_leaf(child, name, slot):
                continue
            self.handle(child, name, slot, depth)

    def read_leaf(self, child: Any, name: str, slot: str) -> bool:
        """The common cases (a text element right under the item), done inline; False for the rest."""
        text = _leaf_text(child)
        depths, raw = self.depths, self.raw
        if slot in _PLAIN_SLOTS:
            old = depths.get(slot)
            if old is None or old >= 1:
                depths[slot] = 1
                if slot == "published":
                    raw.published = text
                elif slot == "updated":
                    raw.updated = text
                else:
                    raw.language = text
            return True
        attrib = child.attrib
        if slot == "guid" and self.about is None and "guid" not in depths:
            if not attrib:
                permalink = "true"
            elif len(attrib) == 1 and "isPermaLink" in attrib:
                permalink = attrib["isPermaLink"]
            else:
                return False
            if permalink == "true":
                if ":///" in text:
                    text = URI_FIXER.sub(r"\1\3", text)
                if self.link is None:
                    self.link = text
            depths["guid"] = 1
            raw.guid = text
            return True
        if attrib:
            return False
        if slot == "link":
            self.link = _link_text(text)
            return True
        if slot not in ("title", "summary"):
            return False
        if "<" in text and _SANITIZER_BAIT.search(text):
            raise Decline("script or nested CDATA: feedparser's sanitizer output can't be predicted")
        if slot == "title":
            if -1 < self.title_depth <= 1:
                return True
            old = depths.get("title")
            if old is None or old >= 1:
                depths["title"] = 1
                raw.title = text
            if text and name != "media_title":  # feedparser: media:title is only a fallback
                self.title_depth = 1
            return True
        if self.summary_saved and not self.has_content and name != "abstract":
            return False  # feedparser's quirk: handled in handle()
        old = depths.get("summary")
        if old is None or old >= 1:
            depths["summary"] = 1
            raw.summary_html = text
            self.summary_saved = True
        return True

    def handle(self, child: Any, name: str, slot: str, depth: int) -> None:
        """One element feedparser reads into a kept field."""
        raw = self.raw
        if slot == "category":
            _add_category(raw, child)
        elif slot == "link":
            href = child.get("href")
            if href is None:
                self.link = _link_text(_text(child))
            elif _is_alternate(child):
                self.link = _link_href(href)
        elif slot == "guid":
            permalink = "true"
            for attr, value in child.attrib.items():
                if attr.lower() == "ispermalink":
                    permalink = value
            value = _text(child)
            if permalink == "true":
                if ":///" in value:
                    value = URI_FIXER.sub(r"\1\3", value)
                if self.link is None:
                    self.link = value
            if self.about is None and "guid" in self.depths and depth > self.depths["guid"]:
                return
            self.depths["guid"] = depth
            raw.guid = value
        elif slot == "author":
            if len(child):
                self.depths["author"] = depth
                raw.author = _person(child)
            else:
                self.store_author(_text(child), depth)
        elif slot == "title":
            value = _typed_text(child)
            if -1 < self.title_depth <= depth:
                return
            self.store("title", value, depth)
            if value and name != "media_title":  # feedparser: media:title is only a fallback
                self.title_depth = depth
        elif slot == "summary":
            if self.summary_saved and not self.has_content and name != "abstract":
                self.add_content(_typed_text(child), copy_to_summary=True)  # feedparser's quirk
            else:
                self.store("summary", _typed_text(child), depth)
        elif slot == "content":
            if name in ("body", "xhtml_body"):
                raise Decline(f"{name} content")
            self.add_content(_typed_text(child), copy_to_summary=True)
        else:
            self.store(slot, _text(child), depth)

    def store_author(self, value: str, depth: int) -> None:
        """A text author: replaces one at the same or a deeper level."""
        old = self.depths.get("author")
        if old is None or depth <= old:
            self.depths["author"] = depth
            self.raw.author = value

    def add_content(self, value: str, *, copy_to_summary: bool) -> None:
        """A content element: appended; copied into the summary when there is none yet."""
        self.has_content = True
        self.contents.append(value)
        if copy_to_summary and not self.summary_saved:
            self.raw.summary_html = value
            self.summary_saved = True

    def finish(self) -> RawEntry:
        """The item as read."""
        if self.contents:
            self.raw.content_html = self.contents[0]
        self.raw.link = self.link
        return self.raw


_SIMPLE_TAGS = frozenset({"title", "link", "guid", "description", "pubDate", "category", "author", "comments",
                          f"{{{CONTENT}}}encoded", f"{{{DC}}}creator"})


def _read_simple_item(item: Any) -> RawEntry | None:
    """A plain RSS 2.0 item (each element once, as text, no attributes but isPermaLink), or None."""
    texts: dict[str, str] = {}
    categories: list[str] = []
    permalink = "true"
    for child in item:
        tag = child.tag
        if tag not in _SIMPLE_TAGS or len(child):
            return None
        attrib = child.attrib
        if attrib:
            if tag == "guid" and len(attrib) == 1 and "isPermaLink" in attrib:
                permalink = attrib["isPermaLink"]
            elif not (tag == "category" and len(attrib) == 1 and "domain" in attrib):
                return None
        text = _leaf_text(child)
        if tag == "category":
            if text:
                categories.append(text)
        elif tag in texts:
            return None
        else:
            texts[tag] = text
    get = texts.get
    title, summary, content = get("title"), get("description"), get(f"{{{CONTENT}}}encoded")
    for value in (title, summary, content):
        if value and "<" in value and _SANITIZER_BAIT.search(value):
            return None
    guid = get("guid")
    link = get("link")
    if link is not None:
        link = _link_text(link)
    if guid is not None and permalink == "true":
        if ":///" in guid:
            guid = URI_FIXER.sub(r"\1\3", guid)
        if link is None:
            link = guid
    author = get("author")
    if author is None:
        author = get(f"{{{DC}}}creator")
    elif f"{{{DC}}}creator" in texts:
        return None  # two authors: the replay decides which one feedparser keeps
    if summary is None:
        summary = content  # feedparser copies content into an absent summary
    # positional, in field order (cheaper on the hot path)
    return RawEntry(guid, link, title, summary, content, author, get("pubDate"), None, None, categories)


def _read_item(item: Any, about: str | None = None, has_content: bool = False) -> RawEntry:
    """One item or entry, the way feedparser fills the fields trendwatch keeps."""
    if about is None:
        simple = _read_simple_item(item)
        if simple is not None:
            return simple
    reader = _ItemReader(about, has_content)
    reader.read(item, 1)
    return reader.finish()


def _read_items(container: Any, items: list[Any], item_tag: str, rdf: bool = False) -> list[RawEntry]:
    """The items in document order, replaying feedparser's content flag across channel elements."""
    has_content = feed_summary = False
    out = []
    for child in container:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == item_tag:
            about = child.get(f"{{{RDF}}}about") if rdf else None
            out.append(_read_item(child, about, has_content))
            has_content = False
            continue
        if _fp_name(child) in ("item", "entry"):
            raise Decline("an item or entry feedparser would read differently")
        for el in child.iter():  # the element itself, then what it holds, in document order
            if not isinstance(el.tag, str):
                continue
            name = _fp_name(el)
            slot = SLOTS.get(name)
            if slot not in ("summary", "content"):
                continue
            if el is not child and _fp_name(child) in ("image", "textinput"):
                raise Decline(f"{name} in {_fp_name(child)}")
            if slot == "content":
                has_content = feed_summary = True
            elif feed_summary and not has_content and name != "abstract":
                has_content = True
            elif name in ("summary", "itunes_summary"):
                feed_summary = True
    if len(out) != len(items):
        raise Decline("items in unexpected places")
    return out


def _add_category(raw: RawEntry, el: Any) -> None:
    """A category: Atom term/label attributes or RSS text."""
    term, label = el.get("term"), el.get("label")
    text = _text(el)
    if (term or label) and text:
        raise Decline("category with both attributes and text")
    value = label or term or text
    if value:
        raw.categories.append(value)


def _link_text(value: str) -> str:
    """feedparser's repair of link text: relative-URI fixer, then `&amp;` and `&name;` left in queries."""
    if ":///" in value:
        value = URI_FIXER.sub(r"\1\3", value)
    if "&" in value:
        value = value.replace("&amp;", "&")
        value = re.sub("&([A-Za-z0-9_]+);", r"&\g<1>", value)
    return value


def _link_href(value: str) -> str:
    """feedparser's repair of a link href (relative-URI fixer)."""
    return URI_FIXER.sub(r"\1\3", value) if ":///" in value else value


_TEXT_SLOTS = {
    "title": "title",
    "summary": "summary_html",
    "content": "content_html",
    "published": "published",
    "updated": "updated",
    "language": "language",
    "author": "author",
}


def _set_text_slot(raw: RawEntry, slot: str, value: str) -> None:
    """Store one single-valued field."""
    attr = _TEXT_SLOTS.get(slot)
    if attr is None:
        raise Decline(f"unexpected slot {slot}")
    setattr(raw, attr, value)


def _typed_text(el: Any) -> str:
    """A text construct as a string (HTML kept); declines out-of-line, encoded or XML content."""
    if el.attrib:
        if el.get("src") is not None or el.get("mode") is not None:
            raise Decline("out-of-line or encoded content")
        kind = el.get("type")
        if kind is not None and kind.lower() not in ATOM_TEXT_TYPES:
            raise Decline(f"content type {kind}")
    value = _text(el)
    if "<" in value and _SANITIZER_BAIT.search(value):
        raise Decline("script or nested CDATA: feedparser's sanitizer output can't be predicted")
    return value


def _person(el: Any) -> str:
    """feedparser's author string from an Atom person: "name (email)", name or email."""
    name = email = None
    for child in el:
        if not isinstance(child.tag, str):
            continue
        sub = _fp_name(child)
        if sub == "name":
            name = _text(child)
        elif sub == "email":
            email = _text(child)
        elif sub in SLOTS or sub in UNSUPPORTED and sub not in ("uri", "url", "homepage") or len(child):
            raise Decline(f"{sub} in an author")
    if name and email:
        return f"{name} ({email})"
    return name or email or ""


_CP1252 = cp1252_table()
