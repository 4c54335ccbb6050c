"""parse_feed on hand-written documents: errors, encodings, XML attacks, missing fields, duplicates."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from trendwatch.errors import ParseError
from trendwatch.sources.fastparse import fast_parse_or_reason
from trendwatch.sources.parse import parse_feed

FETCHED_AT = dt.datetime(2026, 1, 5, 12, 0, tzinfo=dt.UTC)
URL = "https://news.example.org/rss"


def parse(body: bytes, **kwargs: object) -> object:
    """parse_feed with the test's defaults."""
    return parse_feed(body, url=URL, feed_id="feed-1", fetched_at=FETCHED_AT, **kwargs)  # type: ignore[arg-type]


def rss(items: str, channel: str = "<title>News</title><link>https://news.example.org/</link>",
        decl: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    """A small RSS 2.0 document around the given items."""
    return f'{decl}<rss version="2.0"><channel>{channel}{items}</channel></rss>'.encode()


def kind_of(body: bytes, **kwargs: object) -> tuple[str, str]:
    """The ParseError kind and message parse_feed raises for a body."""
    with pytest.raises(ParseError) as info:
        parse(body, **kwargs)
    return info.value.kind, str(info.value)


@pytest.mark.parametrize("body", [b"", b"   \n\t  ", b"\n"])
def test_an_empty_body_is_an_empty_error(body: bytes) -> None:
    kind, message = kind_of(body)
    assert kind == "empty"
    assert URL in message


def test_an_html_page_is_not_a_feed_and_the_advertised_feed_is_named() -> None:
    page = (b"<!DOCTYPE html><html><head><title>News</title>"
            b'<link rel="alternate" type="application/rss+xml" title="RSS" href="/feeds/all.xml">'
            b"</head><body><p>Hello</p></body></html>")
    kind, message = kind_of(page)
    assert kind == "not_a_feed"
    assert "HTML page" in message
    assert "https://news.example.org/feeds/all.xml" in message


def test_an_html_page_without_a_feed_link_suggests_where_to_look() -> None:
    kind, message = kind_of(b"<html><body><h1>Welcome</h1></body></html>")
    assert kind == "not_a_feed"
    assert "https://news.example.org/feed" in message


def test_other_xml_is_not_a_feed() -> None:
    kind, _ = kind_of(b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><g/></svg>')
    assert kind == "not_a_feed"


@pytest.mark.parametrize("body", [b"<rss version='2.0'><<<>>>", b"just some words", b'{"items": []}',
                                  b"\x00\x01\x02garbage"])
def test_broken_xml_without_entries_is_malformed_and_says_where(body: bytes) -> None:
    kind, message = kind_of(body)
    assert kind == "malformed"
    assert ":" in message.split("(", 1)[-1]  # feedparser's line:column reason is quoted


def test_truncated_feed_keeps_the_entries_read_and_warns() -> None:
    body = rss('<item><title>First</title><link>https://news.example.org/a/1</link></item>'
               '<item><title>Second</title><link>https://news.example.org/a/2</link></item>')[:-40]
    parsed = parse(body)
    assert parsed.parser == "feedparser"
    assert [e.title for e in parsed.entries][:2] == ["First", "Second"]
    assert parsed.warning


def test_a_valid_channel_with_no_items_is_not_an_error() -> None:
    parsed = parse(rss(""))
    assert parsed.entries == []
    assert parsed.title == "News"


def test_latin1_bytes_declared_as_utf8_are_read_as_latin1() -> None:
    body = rss("<item><title>Café crème</title><link>https://news.example.org/a/1</link></item>")
    parsed = parse(body.decode().encode("latin-1"))
    assert parsed.parser == "feedparser"
    assert parsed.entries[0].title == "Café crème"
    assert parsed.warning and "windows-1252" in parsed.warning


def test_utf8_body_with_a_latin1_charset_header_is_read_right() -> None:
    body = rss("<item><title>Café crème</title><link>https://news.example.org/a/1</link></item>")
    parsed = parse(body, headers={"content-type": "application/rss+xml; charset=iso-8859-1"})
    assert parsed.parser == "feedparser"  # the fast path declines when header and document disagree
    assert parsed.entries[0].title == "Café crème"


def test_latin1_without_any_declaration_is_read_as_latin1() -> None:
    body = rss("<item><title>Été à Paris</title></item>", decl="").decode().encode("latin-1")
    assert parse(body).entries[0].title == "Été à Paris"


def test_utf8_with_matching_header_takes_the_fast_path() -> None:
    body = rss("<item><title>Été à Paris</title><link>https://news.example.org/a/1</link></item>")
    parsed = parse(body, headers={"Content-Type": "application/rss+xml; charset=UTF-8"})
    assert parsed.parser == "fast"
    assert parsed.entries[0].title == "Été à Paris"


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b']><rss version="2.0"><channel><title>t</title><item><title>&lol9;</title>'
                    b"<link>https://news.example.org/a/1</link></item></channel></rss>")


def test_a_billion_laughs_bomb_is_refused_quickly() -> None:
    started = time.process_time()
    kind, message = kind_of(BILLION_LAUGHS)
    assert kind == "unsafe_xml"
    assert "entities" in message
    assert time.process_time() - started < 1.0


def test_a_quadratic_blowup_is_refused_quickly() -> None:
    big = b"x" * 50_000
    body = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "' + big + b'">]><rss version="2.0"><channel>'
            b"<title>t</title><item><title>" + b"&big;" * 20_000 + b"</title></item></channel></rss>")
    started = time.process_time()
    kind, _ = kind_of(body)
    assert kind == "unsafe_xml"
    assert time.process_time() - started < 1.0


def test_an_oversized_doctype_is_refused() -> None:
    body = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + b"y" * 70_000 + b'">]>'
            b'<rss version="2.0"><channel><title>&a;</title></channel></rss>')
    assert kind_of(body)[0] == "unsafe_xml"


def test_a_feed_that_only_mentions_entities_in_its_text_is_fine() -> None:
    parsed = parse(rss("<item><title>XML tips</title><link>https://news.example.org/a/1</link>"
                       "<description>Never write &lt;!ENTITY x SYSTEM ...&gt; here</description></item>"))
    assert parsed.entries[0].title == "XML tips"


def test_an_external_entity_is_refused_and_the_file_does_not_leak(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    body = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
            '<rss version="2.0"><channel><title>t</title><item><title>&xxe;</title>'
            "<link>https://news.example.org/a/1</link></item></channel></rss>").encode()
    kind, message = kind_of(body)
    assert kind == "unsafe_xml"
    assert "TOP-SECRET-VALUE" not in message


def test_the_fast_path_never_reads_a_doctype(tmp_path: Path) -> None:
    body = b'<?xml version="1.0"?><!DOCTYPE rss><rss version="2.0"><channel><title>t</title></channel></rss>'
    assert fast_parse_or_reason(body) == "doctype"


def test_an_entry_without_date_link_or_title_gets_defaults() -> None:
    parsed = parse(rss('<item><description>Only a body</description>'
                       '<guid isPermaLink="false">42</guid></item>'))
    entry = parsed.entries[0]
    assert entry.title == ""
    assert entry.link is None
    assert entry.published == FETCHED_AT
    assert entry.published_source == "fetched"
    assert entry.summary == "Only a body"
    assert entry.guid == "42"


def test_an_entry_with_only_updated_uses_it() -> None:
    body = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>A</title>'
            b'<id>tag:example.org,2026:1</id><updated>2026-01-04T10:00:00+02:00</updated></entry></feed>')
    entry = parse(body).entries[0]
    assert entry.published == dt.datetime(2026, 1, 4, 8, 0, tzinfo=dt.UTC)
    assert entry.published_source == "updated"
    assert entry.updated == entry.published


def test_a_date_in_the_future_is_not_trusted() -> None:
    parsed = parse(rss("<item><title>A</title><link>https://news.example.org/a/1</link>"
                       "<pubDate>Tue, 05 Jan 2027 10:00:00 +0000</pubDate></item>"))
    entry = parsed.entries[0]
    assert entry.published == FETCHED_AT
    assert entry.published_source == "fetched"
    assert entry.raw["published_raw"] == "Tue, 05 Jan 2027 10:00:00 +0000"


def test_a_date_a_few_hours_ahead_is_kept() -> None:
    parsed = parse(rss("<item><title>A</title><link>https://news.example.org/a/1</link>"
                       "<pubDate>Mon, 05 Jan 2026 18:00:00 +0000</pubDate></item>"))
    assert parsed.entries[0].published_source == "published"


def test_duplicate_guids_keep_the_first_entry_only() -> None:
    parsed = parse(rss('<item><title>First</title><guid isPermaLink="false">same</guid></item>'
                       '<item><title>Second</title><guid isPermaLink="false">same</guid></item>'
                       '<item><title>Third</title><guid isPermaLink="false">other</guid></item>'))
    assert [e.title for e in parsed.entries] == ["First", "Third"]


def test_tracking_parameters_are_stripped_from_links() -> None:
    link = "https://news.example.org/a/1?id=7&amp;utm_source=rss&amp;utm_medium=feed&amp;fbclid=abc#top"
    parsed = parse(rss(f"<item><title>A</title><link>{link}</link></item>"))
    assert parsed.entries[0].link == "https://news.example.org/a/1?id=7"


def test_relative_links_are_resolved_against_the_feed_link() -> None:
    parsed = parse(rss("<item><title>A</title><link>/a/1</link></item>",
                       channel="<title>t</title><link>https://www.example.com/news/</link>"))
    assert parsed.entries[0].link == "https://www.example.com/a/1"


def test_relative_links_fall_back_to_the_feed_url() -> None:
    parsed = parse(rss("<item><title>A</title><link>a/1</link></item>", channel="<title>t</title>"))
    assert parsed.entries[0].link == "https://news.example.org/a/1"


def test_the_same_article_in_two_feeds_gets_the_same_id() -> None:
    item = ('<item><title>A</title><link>https://news.example.org/a/1?utm_source=x</link>'
            '<guid>https://news.example.org/a/1</guid></item>')
    one = parse_feed(rss(item), url=URL, feed_id="one", fetched_at=FETCHED_AT).entries[0]
    two = parse_feed(rss(item), url="https://other.example/rss", feed_id="two",
                     fetched_at=FETCHED_AT).entries[0]
    assert one.entry_id == two.entry_id
    assert len(one.entry_id) == 20


def test_html_is_stripped_and_kept_apart() -> None:
    parsed = parse(rss("<item><title>Caf&amp;eacute; &lt;b&gt;news&lt;/b&gt;</title>"
                       "<link>https://news.example.org/a/1</link>"
                       "<description>&lt;p&gt;One &amp;amp; two&lt;/p&gt;&lt;script&gt;evil()&lt;/script&gt;"
                       "</description></item>"))
    entry = parsed.entries[0]
    assert entry.title == "Café news"
    assert entry.summary == "One & two"
    assert "<p>" in entry.summary_html


def test_summary_falls_back_to_the_start_of_the_content() -> None:
    long_text = "word " * 300
    body = rss('<item><title>A</title><link>https://news.example.org/a/1</link>'
               f"<content:encoded><![CDATA[<p>{long_text}</p>]]></content:encoded></item>")
    body = body.replace(b'<rss version="2.0">',
                        b'<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">')
    entry = parse(body).entries[0]
    assert entry.content.startswith("word word")
    assert len(entry.summary) <= 500
    assert entry.content.startswith(entry.summary)


def test_language_comes_from_entry_then_config_then_feed_then_text() -> None:
    items = ('<item><title>A</title><link>https://news.example.org/a/1</link>'
             '<dc:language>de-DE</dc:language></item>'
             '<item><title>Le président de la République et les ministres sont à Paris pour le sommet</title>'
             '<link>https://news.example.org/a/2</link></item>')
    body = rss(items).replace(b'<rss version="2.0">',
                              b'<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">')
    detected = parse(body).entries
    assert [(e.language, e.language_source) for e in detected] == [("de", "entry"), ("fr", "detected")]
    configured = parse(body, language="en-GB").entries
    assert [(e.language, e.language_source) for e in configured] == [("de", "entry"), ("en", "config")]
    with_language = body.replace(b"<title>News</title>", b"<title>News</title><language>it</language>")
    with_feed = parse(with_language).entries
    assert with_feed[1].language == "it" and with_feed[1].language_source == "feed"


def test_categories_are_deduplicated_in_order() -> None:
    parsed = parse(rss("<item><title>A</title><link>https://news.example.org/a/1</link>"
                       "<category>Sport</category><category>Rugby</category><category>Sport</category></item>"))
    assert parsed.entries[0].categories == ["Sport", "Rugby"]


def test_atom_entries_are_read_on_the_fast_path() -> None:
    body = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">'
            b'<title>Blog</title><link href="https://blog.example/"/>'
            b'<entry><title type="html">Hello &amp;amp; welcome</title><link href="/posts/1"/>'
            b"<id>tag:blog.example,2026:1</id><published>2026-01-02T10:00:00Z</published>"
            b"<author><name>Ann</name><email>ann@blog.example</email></author>"
            b'<category term="news" label="News"/><summary>Short</summary>'
            b'<content type="html">&lt;p&gt;Long text&lt;/p&gt;</content></entry></feed>')
    parsed = parse(body)
    entry = parsed.entries[0]
    assert parsed.parser == "fast"
    assert (entry.title, entry.link, entry.author) == ("Hello & welcome", "https://blog.example/posts/1",
                                                       "Ann (ann@blog.example)")
    assert entry.categories == ["News"]
    assert (entry.summary, entry.content) == ("Short", "Long text")
    assert entry.language == "en" and entry.language_source == "feed"
    elsewhere = parse_feed(body, url="https://mirror.example/atom", feed_id="other", fetched_at=FETCHED_AT)
    assert elsewhere.entries[0].entry_id == entry.entry_id  # a tag: id is global, not tied to the feed


def test_no_other_exception_escapes_whatever_the_bytes() -> None:
    samples = [b"<", b"<?xml", b"<rss", b"<rss><channel><item>", b"\xff\xfe<\x00r\x00", b"<feed xmlns='x'>",
               bytes(range(256)), b"<rss version='2.0'><channel><item><pubDate>99 Foo 99999</pubDate></item>"]
    outcomes = []
    for body in samples:
        try:
            outcomes.append(parse(body).parser)
        except ParseError as e:
            outcomes.append(e.kind)
    assert len(outcomes) == len(samples)


def test_a_feed_served_as_text_html_is_still_read() -> None:
    body = rss("<item><title>A</title><link>https://news.example.org/a/1</link></item>")
    parsed = parse(body, headers={"content-type": "text/html; charset=utf-8"})
    assert parsed.parser == "feedparser"
    assert [e.title for e in parsed.entries] == ["A"]


def test_rss_1_rdf_is_read_on_the_fast_path() -> None:
    body = (b'<?xml version="1.0" encoding="utf-8"?>'
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"'
            b' xmlns:dc="http://purl.org/dc/elements/1.1/">'
            b'<channel rdf:about="https://news.example.org/"><title>News</title>'
            b"<link>https://news.example.org/</link><dc:language>fr</dc:language></channel>"
            b'<item rdf:about="https://news.example.org/a/1"><title>Un titre</title>'
            b"<link>https://news.example.org/a/1?utm_campaign=rss</link>"
            b"<dc:date>2026-01-03T08:00:00+01:00</dc:date><dc:subject>Politique</dc:subject></item></rdf:RDF>")
    parsed = parse(body)
    entry = parsed.entries[0]
    assert parsed.parser == "fast"
    assert (entry.guid, entry.link, entry.language) == ("https://news.example.org/a/1",
                                                        "https://news.example.org/a/1", "fr")
    assert (entry.published, entry.published_source) == (dt.datetime(2026, 1, 3, 7, 0, tzinfo=dt.UTC),
                                                         "updated")
    assert entry.categories == ["Politique"]
