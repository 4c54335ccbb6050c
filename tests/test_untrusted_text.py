"""Feed text and server answers are untrusted: stripped at normalisation, capped in messages,
no credentials shown, no redirect from a public host into the private network."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from tests.support.httpserver import ScriptedServer, closed_port, scripted_server
from tests.test_fetch import fetch_one, fetch_settings
from trendwatch.safe_text import is_printable_line
from trendwatch.sources.fetch_http import MAX_ERROR_CHARS, _check_private, _Failure, safe_url
from trendwatch.sources.normalize import html_to_text
from trendwatch.sources.parse import parse_feed

__all__ = ["scripted_server"]

NOW = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "text",
    [
        "Breaking\x1b]0;pwned\x07 news\x1b[2J",
        "<p>Breaking\x00 news\u202e</p>",
        "Breaking &#x202E;news&#x2066;",
        "<b>Breaking</b> <i>news\x9b</i>",
    ],
)
def test_normalised_text_has_no_control_or_bidi_character(text: str) -> None:
    clean = html_to_text(text)
    assert is_printable_line(clean)
    assert clean.startswith("Breaking") and "news" in clean


def test_a_stored_title_is_clean_and_the_raw_entry_keeps_the_original() -> None:
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
        b"<title>Evil &#x202E;txt.exe title</title><link>http://x/1</link></item></channel></rss>"
    )
    parsed = parse_feed(body, url="http://x/feed", feed_id="f", fetched_at=NOW)
    (entry,) = parsed.entries
    assert entry.title == "Evil txt.exe title"
    assert entry.raw["title_raw"] == "Evil \u202etxt.exe title"


def test_a_huge_redirect_target_gives_a_capped_message(
    scripted_server: ScriptedServer, tmp_path: Path
) -> None:
    url = scripted_server.redirect("/feed.xml", "gopher://x/" + "A" * 7000)
    result = fetch_one(url, fetch_settings(tmp_path))
    assert result.error is not None and result.error_kind == "bad_url"
    assert len(result.error) <= MAX_ERROR_CHARS


def test_credentials_never_appear_in_messages(tmp_path: Path) -> None:
    assert (
        safe_url("https://ann:s3cret@feeds.example.org:8443/rss?x=1")
        == "https://feeds.example.org:8443/rss?x=1"
    )
    result = fetch_one(f"http://ann:s3cret@127.0.0.1:{closed_port()}/feed.xml", fetch_settings(tmp_path))
    assert result.error is not None and "s3cret" not in result.error and "ann" not in result.error


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:8080/admin",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://[::1]/",
        "http://[fd00::1]/",
        "http://localhost/",
    ],
)
def test_a_public_feed_cannot_redirect_into_the_private_network(target: str) -> None:
    with pytest.raises(_Failure, match="allow_private_redirects"):
        asyncio.run(_check_private("http://93.184.216.34/feed.xml", target))


@pytest.mark.parametrize(
    ("origin", "target"),
    [
        ("http://127.0.0.1:8000/feed.xml", "http://127.0.0.1:9000/moved.xml"),  # the eval tools' feeds
        ("http://10.0.0.5/feed.xml", "http://10.0.0.6/feed.xml"),  # an intranet feed moving
        ("http://93.184.216.34/feed.xml", "http://93.184.216.35/feed.xml"),  # public to public
    ],
)
def test_configured_private_feeds_and_public_redirects_still_work(origin: str, target: str) -> None:
    asyncio.run(_check_private(origin, target))


def test_a_loopback_feed_redirecting_on_loopback_is_fetched(
    scripted_server: ScriptedServer, tmp_path: Path
) -> None:
    scripted_server.route("/new.xml", body=b'<rss version="2.0"><channel><title>t</title></channel></rss>')
    url = scripted_server.redirect("/old.xml", "/new.xml")
    result = fetch_one(url.replace("127.0.0.1", "localhost"), fetch_settings(tmp_path))
    assert result.error is None and result.body


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_tables_printed_by_sql_and_feeds_carry_no_terminal_escape(fmt: str) -> None:
    import io

    from trendwatch.cli.common import print_table

    out = io.StringIO()
    print_table(["title"], [["Hi\x1b]0;owned\x07 there\u202e"], ["=cmd|' /C calc'!A0"]], fmt=fmt, out=out)
    assert all(is_printable_line(line) for line in out.getvalue().splitlines())
    if fmt == "csv":
        assert out.getvalue().splitlines()[2].startswith("'=cmd")
