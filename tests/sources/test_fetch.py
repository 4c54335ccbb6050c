"""Fetching against a scripted loopback server: statuses, redirects, caps, encodings, limits, local files."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import email.utils
import os
import tracemalloc
import zlib
from pathlib import Path
from typing import Any

import pytest

from tests.support.httpserver import ScriptedServer, closed_port, compress, scripted_server
from trendwatch.config import FetchSettings, settings_from_dict
from trendwatch.sources.fetch import default_user_agent, fetch_all, iter_fetch
from trendwatch.sources.fetch_body import BodyDecoder, BodyEncodingError, BodyTooLarge
from trendwatch.sources.fetch_file import http_date
from trendwatch.sources.fetch_http import parse_retry_after
from trendwatch.sources.model import FetchRequest, FetchResult

__all__ = ["scripted_server"]  # the fixture, imported for pytest

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


def fetch_settings(tmp_path: Path, **fetch: Any) -> FetchSettings:
    settings = settings_from_dict({"fetch": {"timeout_s": 5.0, **fetch}}, base_dir=tmp_path)
    return settings.fetch


def fetch_one(url: str, settings: FetchSettings, **request: Any) -> FetchResult:
    (result,) = fetch_all([FetchRequest(feed_id="f", url=url, **request)], settings)
    return result


def test_a_feed_comes_back_with_body_and_metadata(scripted_server: ScriptedServer, tmp_path: Path) -> None:
    url = scripted_server.route(
        "/feed.xml", body=RSS, etag='"v1"', last_modified="Mon, 02 Jan 2023 10:00:00 GMT"
    )
    before = dt.datetime.now(dt.UTC)
    result = fetch_one(url, fetch_settings(tmp_path))
    assert result.ok and result.status == 200
    assert result.body == RSS and result.bytes == len(RSS)
    assert result.etag == '"v1"' and result.last_modified == "Mon, 02 Jan 2023 10:00:00 GMT"
    assert result.final_url == url and result.permanent_url is None and not result.not_modified
    assert result.headers["content-type"].startswith("application/rss+xml")
    assert all(name == name.lower() for name in result.headers)
    assert result.started_at.tzinfo is not None and result.started_at >= before - dt.timedelta(seconds=1)
    assert result.duration_s > 0


def test_user_agent_accept_and_encodings_are_sent(scripted_server: ScriptedServer, tmp_path: Path) -> None:
    url = scripted_server.route("/feed.xml", body=RSS)
    fetch_one(url, fetch_settings(tmp_path))
    fetch_one(url, fetch_settings(tmp_path, user_agent="MyBrandWatch/1.0"))
    fetch_all([FetchRequest("f", url)], fetch_settings(tmp_path, user_agent="ignored"), user_agent="Arg/2")
    sent = [r.headers for r in scripted_server.requests_to("/feed.xml")]
    assert sent[0]["user-agent"] == default_user_agent()
    assert default_user_agent().startswith("trendwatch/") and "(+https://" in default_user_agent()
    assert [h["user-agent"] for h in sent[1:]] == ["MyBrandWatch/1.0", "Arg/2"]
    assert sent[0]["accept-encoding"] == "gzip, deflate"
    assert sent[0]["accept"].startswith("application/rss+xml, application/atom+xml")
    assert "if-none-match" not in sent[0] and "if-modified-since" not in sent[0]


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw-deflate"])
def test_compressed_bodies_are_inflated(
    scripted_server: ScriptedServer, tmp_path: Path, encoding: str
) -> None:
    body = RSS * 200
    url = scripted_server.route("/feed.xml", body=body, encoding=encoding, chunk_size=100)
    result = fetch_one(url, fetch_settings(tmp_path))
    assert result.ok, result.error
    assert result.headers["content-encoding"] in ("gzip", "deflate")
    assert result.body == body and result.bytes == len(body)


def test_an_html_page_is_fetched_as_is(scripted_server: ScriptedServer, tmp_path: Path) -> None:
    html = b"<!doctype html><html><body>Not a feed</body></html>"
    url = scripted_server.route("/", body=html, content_type="text/html; charset=utf-8")
    result = fetch_one(url, fetch_settings(tmp_path))
    assert result.ok and result.body == html and result.headers["content-type"].startswith("text/html")


def test_unreachable_host(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/feed.xml"
    result = fetch_one(url, fetch_settings(tmp_path), etag='"old"')
    assert result.error_kind == "unreachable" and result.status is None and result.body is None
    assert f"127.0.0.1:{url.split(':')[2].split('/')[0]}" in (result.error or "")
    assert result.etag == '"old"'  # the stored validators survive a failure


def test_no_answer_within_timeout(scripted_server: ScriptedServer, tmp_path: Path) -> None:
    url = scripted_server.route("/slow.xml", hang=True)  # answers only when the server stops
    result = fetch_one(url, fetch_settings(tmp_path, timeout_s=0.2))
    assert result.error_kind == "timeout" and result.status is None and result.body is None
    assert "0.2 s" in (result.error or "") and "[fetch] timeout_s" in (result.error or "")


def test_slow_drip_ends_at_the_total_timeout(scripted_server: ScriptedServer, tmp_path: Path) -> None:
    # the whole body takes 40 x 50 ms = 2 s; headers and the first bytes come at once
    url = scripted_server.route("/drip.xml", body=b"x" * 400, chunk_size=10, chunk_delay_s=0.05)
    result = fetch_one(url, fetch_settings(tmp_path, timeout_s=0.3))
    assert result.status == 200  # the answer started: only the total timeout can end it
    assert result.error_kind == "timeout" and result.body is None and "0.3 s" in (result.error or "")


@pytest.mark.parametrize(
    ("status", "kind", "advice"),
    [
        (404, "not_found", "update trendwatch.toml"),
        (410, "gone", "the publisher removed this feed: remove it from trendwatch.toml"),
        (500, "server_error", "retried"),
        (403, "http", "user_agent"),
        (400, "http", "check the address"),
    ],
)
def test_error_statuses(
    scripted_server: ScriptedServer, tmp_path: Path, status: int, kind: str, advice: str
) -> None:
    url = scripted_server.route("/feed.xml", status=status, body=b"<html>error page</html>")
    result = fetch_one(url, fetch_settings(tmp_path))
    assert result.status == status and result.error_kind == kind and result.body is None
    assert f"HTTP {status}" in (result.error or "") and advice in (result.error or "")
    assert url in (result.error or "") and result.retry_after is None


@pytest.mark.parametrize(("status", "kind"), [(429, "rate_limited"), (503, "server_error")])
def test_retry_after_in_seconds(
    scripted_server: ScriptedServer, tmp_path: Path, status: int, kind: str
) -> None:
    url = scripted_server.route("/feed.xml", status=status, headers={"Retry-After": "120"})
    before = dt.datetime.now(dt.UTC)
    result = fetch_one(url, fetch_settings(tmp_path))
    assert result.error_kind == kind and result.retry_after is not None
    assert result.retry_after.tzinfo == dt.UTC
    wait = (result.retry_after - before).total_seconds()
    assert 119 <= wait <= 125


@pytest.mark.parametrize(("status", "kind"), [(429, "rate_limited"), (503, "server_error")])
def test_retry_after_as_http_date(
    scripted_server: ScriptedServer, tmp_path: Path, status: int, kind: str
) -> None:
    url = scripted_server.route(
        "/feed.xml", status=status, headers={"Retry-After": "Wed, 21 Oct 2037 07:28:00 GMT"}
    )
    result = fetch_one(url, fetch_settings(tmp_path))
    assert result.error_kind == kind
    assert result.retry_after == dt.datetime(2037, 10, 21, 7, 28, tzinfo=dt.UTC)
    assert "2037-10-21 07:28 UTC" in (result.error or "")


def test_retry_after_parsing() -> None:
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    assert parse_retry_after("30", now=now) == now + dt.timedelta(seconds=30)
    paris = parse_retry_after("Mon, 01 Jan 2024 12:00:00 +0100", now=now)
    assert paris == dt.datetime(2024, 1, 1, 11, tzinfo=dt.UTC) and paris.tzinfo == dt.UTC
    assert parse_retry_after("soon", now=now) is None and parse_retry_after(None, now=now) is None


def test_permanent_redirect_chain_sets_permanent_url(scripted_server: ScriptedServer, tmp_path: Path) -> None:
    scripted_server.redirect("/old", "/older", 301)
    scripted_server.redirect("/older", "/new", 308)
    final = scripted_server.route("/new", body=RSS)
    result = fetch_one(scripted_server.url("/old"), fetch_settings(tmp_path))
    assert result.ok and result.body == RSS
    assert result.final_url == final and result.permanent_url == final
    assert [r.path for r in scripted_server.requests] == ["/old", "/older", "/new"]


def test_a_temporary_hop_keeps_the_configured_url(scripted_server: ScriptedServer, tmp_path: Path) -> None:
    scripted_server.redirect("/old", "/moving", 301)
    scripted_server.redirect("/moving", "/new", 302)
    final = scripted_server.route("/new", body=RSS)
    result = fetch_one(scripted_server.url("/old"), fetch_settings(tmp_path))
    assert result.ok and result.final_url == final and result.permanent_url is None


def test_redirect_loop(scripted_server: ScriptedServer, tmp_path: Path) -> None:
    scripted_server.redirect("/a", "/b", 301)
    scripted_server.redirect("/b", "/a", 302)
    result = fetch_one(scripted_server.url("/a"), fetch_settings(tmp_path))
    assert result.error_kind == "redirect_loop" and "loop" in (result.error or "")
    assert len(scripted_server.requests) == 2


def test_too_many_redirects(scripted_server: ScriptedServer, tmp_path: Path) -> None:
    for hop in range(10):
        scripted_server.redirect(f"/{hop}", f"/{hop + 1}", 301)
    result = fetch_one(scripted_server.url("/0"), fetch_settings(tmp_path))
    assert result.error_kind == "redirect_loop" and "more than 5 redirects" in (result.error or "")
    assert len(scripted_server.requests) == 6  # the first request and 5 hops, then it stops


def test_a_redirect_to_a_local_file_is_refused(scripted_server: ScriptedServer, tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_bytes(RSS)
    scripted_server.redirect("/feed.xml", secret.as_uri(), 302)
    result = fetch_one(scripted_server.url("/feed.xml"), fetch_settings(tmp_path))
    assert result.error_kind == "bad_url" and result.body is None


def test_not_modified_via_etag(scripted_server: ScriptedServer, tmp_path: Path) -> None:
    url = scripted_server.route("/feed.xml", body=RSS, etag='"v7"')
    result = fetch_one(
        url, fetch_settings(tmp_path), etag='"v7"', last_modified="Sat, 01 Jan 2000 00:00:00 GMT"
    )
    assert scripted_server.requests[0].headers["if-none-match"] == '"v7"'
    assert result.ok and result.status == 304 and result.not_modified
    assert result.body is None and result.bytes == 0
    assert result.etag == '"v7"' and result.last_modified == "Sat, 01 Jan 2000 00:00:00 GMT"
    changed = fetch_one(url, fetch_settings(tmp_path), etag='"v6"')
    assert changed.status == 200 and not changed.not_modified and changed.etag == '"v7"'


def test_not_modified_via_last_modified(scripted_server: ScriptedServer, tmp_path: Path) -> None:
    stamp = "Tue, 03 Jan 2023 08:00:00 GMT"
    url = scripted_server.route("/feed.xml", body=RSS, last_modified=stamp)
    result = fetch_one(url, fetch_settings(tmp_path), last_modified=stamp)
    assert scripted_server.requests[0].headers["if-modified-since"] == stamp
    assert result.not_modified and result.body is None and result.last_modified == stamp


def test_announced_body_over_the_limit_is_refused_before_reading(
    scripted_server: ScriptedServer, tmp_path: Path
) -> None:
    url = scripted_server.route("/big.xml", body=b"x" * 65536, repeat=64)  # 4 MB, with Content-Length
    result = fetch_one(url, fetch_settings(tmp_path, max_bytes=100_000))
    assert result.error_kind == "too_large" and result.body is None
    assert "announces 4194304 bytes" in (result.error or "")
    assert "100000 bytes" in (result.error or "") and "[fetch] max_bytes" in (result.error or "")


def test_streamed_body_over_the_limit_stops_at_the_cap(
    scripted_server: ScriptedServer, tmp_path: Path
) -> None:
    url = scripted_server.route("/big.xml", body=b"x" * 65536, repeat=400, chunked=True)  # 26 MB
    result = fetch_one(url, fetch_settings(tmp_path, max_bytes=100_000))
    assert "content-length" not in result.headers
    assert result.error_kind == "too_large" and "goes past the limit of 100000 bytes" in (result.error or "")


def gzip_bomb(size: int) -> bytes:
    """size bytes of zeros, gzip-compressed without ever holding them in memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1 << 20)
    return b"".join(packer.compress(zeros) for _ in range(size >> 20)) + packer.flush()


def test_gzip_bomb_stops_at_the_cap_without_inflating(
    scripted_server: ScriptedServer, tmp_path: Path
) -> None:
    bomb = gzip_bomb(50 << 20)
    assert len(bomb) < 100_000
    url = scripted_server.route("/bomb.xml", body=bomb, headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        result = fetch_one(url, fetch_settings(tmp_path, max_bytes=1_000_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.error_kind == "too_large" and "inflates past the limit" in (result.error or "")
    assert peak < 8_000_000  # never near the 50 MB the bomb inflates to


def test_body_decoder_edge_cases() -> None:
    two_members = compress(b"abc", "gzip") + compress(b"def", "gzip")
    decoder = BodyDecoder("gzip", 1024)
    for byte in range(len(two_members)):
        decoder.feed(two_members[byte : byte + 1])
    assert decoder.finish() == b"abcdef"
    cut = BodyDecoder("gzip", 1024)
    cut.feed(compress(RSS, "gzip")[:-12])
    with pytest.raises(BodyEncodingError, match="ended before its end marker"):
        cut.finish()
    with pytest.raises(BodyEncodingError, match="unsupported Content-Encoding 'br'"):
        BodyDecoder("br", 1024)
    exact = BodyDecoder("deflate", 1024)
    exact.feed(compress(b"y" * 1024, "raw-deflate"))
    assert exact.finish() == b"y" * 1024
    over = BodyDecoder(None, 1024)
    with pytest.raises(BodyTooLarge):
        over.feed(b"z" * 1025)


def test_unsupported_encoding_is_reported(scripted_server: ScriptedServer, tmp_path: Path) -> None:
    url = scripted_server.route("/feed.xml", body=b"\x00\x01", headers={"Content-Encoding": "br"})
    result = fetch_one(url, fetch_settings(tmp_path))
    assert result.error_kind == "bad_encoding" and "'br'" in (result.error or "")


@pytest.mark.parametrize(
    "url", ["http://", "ftp://example.org/feed.xml", "http://exa mple.org/feed", "http://h:99999/"]
)
def test_bad_urls(tmp_path: Path, url: str) -> None:
    result = fetch_one(url, fetch_settings(tmp_path))
    assert result.error_kind == "bad_url" and url in (result.error or "")


def test_per_host_limit(tmp_path: Path) -> None:
    with ScriptedServer() as server:
        server.route("/feed.xml", body=RSS, delay_s=0.1)
        requests = [FetchRequest(str(i), server.url(f"/feed.xml?n={i}")) for i in range(12)]
        results = fetch_all(requests, fetch_settings(tmp_path, per_host=3, concurrency=50))
        assert all(r.ok for r in results) and server.max_in_flight == 3


def test_global_limit_across_hosts(tmp_path: Path) -> None:
    with ScriptedServer(sites=3) as server:
        server.route("/feed.xml", body=RSS, delay_s=0.1)
        requests = [
            FetchRequest(f"{s}-{i}", server.url("/feed.xml", site=s)) for s in range(3) for i in range(4)
        ]
        results = fetch_all(requests, fetch_settings(tmp_path, per_host=2, concurrency=4))
        assert all(r.ok for r in results)
        assert server.max_in_flight == 4 and max(server.max_in_flight_by_site) == 2


def test_one_bad_feed_never_affects_the_others(scripted_server: ScriptedServer, tmp_path: Path) -> None:
    good = scripted_server.route("/good.xml", body=RSS)
    scripted_server.route("/hang.xml", hang=True)
    urls = [
        good,
        scripted_server.url("/missing.xml"),
        scripted_server.url("/hang.xml"),
        f"http://127.0.0.1:{closed_port()}/x",
        "not a url://",
        str(tmp_path / "absent.xml"),
        good,
    ]
    results = fetch_all(
        [FetchRequest(str(i), u) for i, u in enumerate(urls)], fetch_settings(tmp_path, timeout_s=0.3)
    )
    assert [r.feed_id for r in results] == [str(i) for i in range(len(urls))]  # request order
    assert [r.error_kind for r in results] == [
        None,
        "not_found",
        "timeout",
        "unreachable",
        "not_found",
        "not_found",
        None,
    ]
    assert results[0].body == RSS and results[-1].body == RSS
    assert all(r.error for r in results[1:-1])


def test_iter_fetch_yields_each_result_as_it_completes(
    scripted_server: ScriptedServer, tmp_path: Path
) -> None:
    scripted_server.route("/hang.xml", hang=True)
    fast = scripted_server.route("/fast.xml", body=RSS)
    settings = fetch_settings(tmp_path, timeout_s=2.0)

    async def first_then_stop() -> tuple[FetchResult, set[asyncio.Task[Any]]]:
        requests = [FetchRequest("slow", scripted_server.url("/hang.xml")), FetchRequest("fast", fast)]
        async with contextlib.aclosing(iter_fetch(requests, settings)) as results:
            result = await anext(results)
            running = {t for t in asyncio.all_tasks() if t is not asyncio.current_task()}
        return result, running  # closing the iterator early stops the slow fetch

    result, running = asyncio.run(first_then_stop())
    # the hung request had started, yet the fast one came first; closing stopped the slow one
    assert result.feed_id == "fast" and result.ok and result.bytes == len(RSS)
    assert sorted(r.path for r in scripted_server.requests) == ["/fast.xml", "/hang.xml"]
    assert running and all(t.done() for t in running)


def test_fetch_all_works_inside_a_running_event_loop(scripted_server: ScriptedServer, tmp_path: Path) -> None:
    url = scripted_server.route("/feed.xml", body=RSS)

    async def caller() -> list[FetchResult]:
        return fetch_all([FetchRequest("f", url)], fetch_settings(tmp_path))

    (result,) = asyncio.run(caller())
    assert result.ok and result.body == RSS
    assert fetch_all([], fetch_settings(tmp_path)) == []


def test_local_path_and_file_url(tmp_path: Path) -> None:
    feed = tmp_path / "dossier à moi" / "feed.xml"
    feed.parent.mkdir()
    feed.write_bytes(RSS)
    settings = fetch_settings(tmp_path)
    by_path, by_url = fetch_all([FetchRequest("p", str(feed)), FetchRequest("u", feed.as_uri())], settings)
    for result in (by_path, by_url):
        assert result.ok and result.status is None and result.body == RSS and result.bytes == len(RSS)
        assert result.last_modified == http_date(feed.stat().st_mtime)
        assert email.utils.parsedate_to_datetime(result.last_modified).tzinfo is not None


def test_unchanged_local_file_is_not_modified(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(RSS)
    settings = fetch_settings(tmp_path)
    first = fetch_one(str(feed), settings)
    again = fetch_one(str(feed), settings, last_modified=first.last_modified)
    assert again.not_modified and again.body is None and again.last_modified == first.last_modified
    later = feed.stat().st_mtime + 60
    os.utime(feed, (later, later))
    changed = fetch_one(str(feed), settings, last_modified=first.last_modified)
    assert not changed.not_modified and changed.body == RSS and changed.last_modified == http_date(later)


def test_missing_and_oversized_local_files(tmp_path: Path) -> None:
    settings = fetch_settings(tmp_path, max_bytes=2048)
    missing = fetch_one(str(tmp_path / "nope.xml"), settings)
    assert missing.error_kind == "not_found" and str(tmp_path / "nope.xml") in (missing.error or "")
    looks_like_web = fetch_one("example.org/feed.xml", settings)
    assert looks_like_web.error_kind == "not_found" and "https://example.org/feed.xml" in (
        looks_like_web.error or ""
    )
    big = tmp_path / "big.xml"
    big.write_bytes(b"x" * 4096)
    too_large = fetch_one(big.as_uri(), settings)
    assert too_large.error_kind == "too_large" and "[fetch] max_bytes" in (too_large.error or "")
    folder = fetch_one(str(tmp_path), settings)
    assert folder.error_kind == "error" and "folder" in (folder.error or "")
    remote = fetch_one("file://otherhost/feed.xml", settings)
    assert remote.error_kind == "bad_url"


def test_relative_paths_are_taken_from_base_dir(tmp_path: Path) -> None:
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "local.xml").write_bytes(RSS)
    settings = fetch_settings(tmp_path)
    (found,) = fetch_all([FetchRequest("f", "feeds/local.xml")], settings, base_dir=tmp_path)
    assert found.ok and found.body == RSS
    (elsewhere,) = fetch_all([FetchRequest("f", "feeds/local.xml")], settings, base_dir=tmp_path / "feeds")
    assert elsewhere.error_kind == "not_found" and str(tmp_path / "feeds" / "feeds") in (
        elsewhere.error or ""
    )


def test_a_body_labelled_gzip_but_sent_plain_is_kept(scripted_server: ScriptedServer, tmp_path: Path) -> None:
    url = scripted_server.route("/feed.xml", body=RSS, headers={"Content-Encoding": "gzip"})
    result = fetch_one(url, fetch_settings(tmp_path))
    assert result.ok and result.body == RSS


def test_time_waiting_for_a_slot_is_not_counted_in_the_timeout(
    scripted_server: ScriptedServer, tmp_path: Path
) -> None:
    scripted_server.route("/feed.xml", body=RSS, delay_s=0.15)
    requests = [FetchRequest(str(i), scripted_server.url(f"/feed.xml?n={i}")) for i in range(4)]
    results = fetch_all(requests, fetch_settings(tmp_path, concurrency=1, timeout_s=0.4))
    # one at a time (max_in_flight 1), each answer 0.15 s late: the last one waited 0.45 s for its
    # slot, more than the 0.4 s timeout, yet none timed out
    assert scripted_server.max_in_flight == 1 and len(scripted_server.requests) == 4
    assert [r.error for r in results] == [None] * 4


def test_an_unexpected_exception_becomes_an_error_result(
    scripted_server: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trendwatch.sources.fetch_http as fetch_http

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("decoder exploded")

    monkeypatch.setattr(fetch_http, "BodyDecoder", broken)
    bad = scripted_server.route("/feed.xml", body=RSS)
    local = tmp_path / "feed.xml"
    local.write_bytes(RSS)
    first, second = fetch_all(
        [FetchRequest("a", bad), FetchRequest("b", str(local))], fetch_settings(tmp_path)
    )
    assert first.error_kind == "error" and "RuntimeError: decoder exploded" in (first.error or "")
    assert second.ok and second.body == RSS


def test_a_host_that_does_not_resolve_is_unreachable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    real = socket.getaddrinfo

    def no_such_host(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "feeds.nowhere.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    result = fetch_one("https://feeds.nowhere.invalid/rss", fetch_settings(tmp_path))
    assert result.error_kind == "unreachable" and "does not resolve" in (result.error or "")
    assert "https://feeds.nowhere.invalid/rss" in (result.error or "")
