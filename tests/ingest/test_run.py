"""Ingest end to end on loopback: new, known, not modified, failures, back-off, crash safety."""

from __future__ import annotations

import datetime as dt
import email.utils
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from trendwatch.cli import main
from trendwatch.config import settings_from_dict
from trendwatch.ingest import run_ingest
from trendwatch.store import connect


def rss(items: list[tuple[str, str]], title: str = "Feed") -> bytes:
    now = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)
    parts = [
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        "<link>https://example.org/</link><language>en</language>"
    ]
    for i, (guid, t) in enumerate(items):
        when = email.utils.format_datetime(now - dt.timedelta(hours=i))
        parts.append(
            f"<item><title>{t}</title><link>{guid}?utm_source=x</link><guid>{guid}</guid>"
            f"<description>&lt;p&gt;About {t}&lt;/p&gt;</description><pubDate>{when}</pubDate></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


class Site:
    """A loopback web site whose pages tests change between runs."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.hits: dict[str, int] = {}
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                site.hits[self.path] = site.hits.get(self.path, 0) + 1
                status, headers, body = site.pages.get(self.path, (404, {}, b"not here"))
                etag = headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def feed(self, path: str, body: bytes, etag: str | None = None, status: int = 200) -> str:
        headers = {"Content-Type": "application/rss+xml; charset=utf-8"}
        if etag:
            headers["ETag"] = etag
        self.pages[path] = (status, headers, body)
        return self.base + path


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    s.thread.start()
    yield s
    s.server.shutdown()
    s.server.server_close()


def settings_for(tmp_path: Path, urls: list[str], **fetch: Any) -> Any:
    return settings_from_dict(
        {
            "store": {"path": "tw.duckdb"},
            "fetch": {"min_interval_minutes": 0, "timeout_s": 5, **fetch},
            "feeds": [{"url": u, "name": f"f{i}"} for i, u in enumerate(urls)],
        },
        base_dir=tmp_path,
    )


def count(settings: Any, sql: str) -> Any:
    con = connect(settings.store_path, read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_new_then_known_then_not_modified(site: Site, tmp_path: Path) -> None:
    a = site.feed(
        "/a.xml", rss([("https://example.org/1", "One"), ("https://example.org/2", "Two")]), etag='"v1"'
    )
    b = site.feed("/b.xml", rss([("https://example.org/2", "Two"), ("https://example.org/3", "Three")]))
    s = settings_for(tmp_path, [a, b])
    first = run_ingest(s)
    assert (first.feeds_ok, first.entries_new, first.entries_known, first.exit_code) == (2, 3, 1, 0)
    assert count(s, "SELECT count(*) FROM entries") == 3
    assert count(s, "SELECT count(*) FROM entry_feeds") == 4  # the shared article is linked to both feeds
    assert count(s, "SELECT count(*) FROM entries WHERE link LIKE '%utm_%'") == 0
    second = run_ingest(s)
    assert (second.feeds_ok, second.feeds_not_modified, second.entries_new) == (1, 1, 0)
    assert count(s, "SELECT count(*) FROM entries") == 3
    assert count(s, "SELECT count(*) FROM fetches") == 4
    assert count(s, "SELECT count(*) FROM fetches WHERE outcome = 'not_modified'") == 1


def test_min_interval_skips_recent_feeds_unless_forced(site: Site, tmp_path: Path) -> None:
    a = site.feed("/a.xml", rss([("https://example.org/1", "One")]))
    s = settings_from_dict({"store": {"path": "tw.duckdb"}, "feeds": [{"url": a}]}, base_dir=tmp_path)
    run_ingest(s)
    again = run_ingest(s)
    assert again.feeds_not_modified == 1 and site.hits["/a.xml"] == 1
    run_ingest(s, force=True)
    assert site.hits["/a.xml"] == 2


def test_broken_feeds_never_stop_the_others(site: Site, tmp_path: Path) -> None:
    good = site.feed("/good.xml", rss([("https://example.org/1", "One")]))
    html = site.feed("/page.html", b"<html><head><title>Hi</title></head><body>no feed</body></html>")
    gone = site.feed("/gone.xml", b"", status=410)
    missing = site.base + "/missing.xml"
    s = settings_for(tmp_path, [good, html, gone, missing], backoff_after_failures=1)
    report = run_ingest(s)
    assert (report.feeds_ok, report.feeds_failed, report.entries_new, report.exit_code) == (1, 3, 1, 3)
    con = connect(s.store_path, read_only=True)
    rows = dict(con.execute("SELECT url, error_kind FROM fetches WHERE outcome = 'failed'").fetchall())
    assert rows == {html: "not_a_feed", gone: "gone", missing: "not_found"}
    assert (
        con.execute("SELECT count(*) FROM fetches WHERE outcome = 'failed' AND error IS NULL").fetchone()[0]
        == 0
    )
    assert con.execute("SELECT gone FROM feeds WHERE url = ?", [gone]).fetchone()[0] is True
    assert (
        con.execute("SELECT retry_after IS NOT NULL FROM feeds WHERE url = ?", [missing]).fetchone()[0]
        is True
    )
    con.close()
    again = run_ingest(s)  # gone and backing-off feeds are skipped, and said so
    outcomes = {o.url: o.outcome for o in again.outcomes}
    assert outcomes[gone] == "gone" and outcomes[missing] == "backing_off"
    assert again.exit_code == 3 and site.hits["/missing.xml"] == 1
    assert all(problem for _, _, problem in again.failures)


def test_permanent_redirect_updates_the_feed_url(site: Site, tmp_path: Path) -> None:
    new = site.feed("/new.xml", rss([("https://example.org/1", "One")]))
    site.pages["/old.xml"] = (301, {"Location": new}, b"")
    s = settings_for(tmp_path, [site.base + "/old.xml"])
    run_ingest(s)
    assert count(s, "SELECT url FROM feeds") == new
    run_ingest(s, force=True)
    assert site.hits["/old.xml"] == 1 and site.hits["/new.xml"] == 2


def test_a_crash_mid_run_loses_nothing_committed(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trendwatch.ingest.run as ingest
    import trendwatch.store.writes as writes

    urls = [
        site.feed(
            f"/{i}.xml", rss([(f"https://example.org/{i}/{j}", f"T{i}{j}") for j in range(3)]), etag=f'"{i}"'
        )
        for i in range(4)
    ]
    s = settings_for(tmp_path, urls)
    monkeypatch.setattr(ingest, "BATCH_FEEDS", 1)
    real, calls = writes.write_batch, {"n": 0}

    def crash_on_third(*args: Any, **kw: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        real(*args, **kw)

    monkeypatch.setattr(writes, "write_batch", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        run_ingest(s)
    assert count(s, "SELECT count(*) FROM entries") == 6  # two feeds committed
    monkeypatch.setattr(writes, "write_batch", real)
    report = run_ingest(s)
    assert count(s, "SELECT count(*) FROM entries") == 12
    assert count(s, "SELECT count(*) FROM (SELECT entry_id FROM entries GROUP BY 1 HAVING count(*) > 1)") == 0
    assert report.feeds_not_modified == 2 and report.feeds_ok == 2


def test_cli_ingest_feeds_and_sql(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = site.feed("/a.xml", rss([("https://example.org/1", "One")]))
    cfg = tmp_path / "trendwatch.toml"
    cfg.write_text(
        f'[store]\npath = "tw.duckdb"\n[[feeds]]\nurl = "{a}"\nname = "alpha"\n'
        f'[[feeds]]\nurl = "{site.base}/nope.xml"\nname = "broken"\n'
    )
    assert main(["--config", str(cfg), "ingest"]) == 3
    out = capsys.readouterr().out
    assert "entries new" in out and "broken" in out and "404" in out
    assert main(["--config", str(cfg), "feeds", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("feed,") and "alpha" in out and "broken" in out
    assert main(["--config", str(cfg), "sql", "SELECT count(*) AS n FROM entries", "--format", "json"]) == 0
    assert '"n": 1' in capsys.readouterr().out
    assert main(["--config", str(cfg), "sql", "DROP TABLE entries"]) == 2
    assert "read-only" in capsys.readouterr().err
    assert (
        count(
            settings_from_dict({"store": {"path": str(tmp_path / "tw.duckdb")}}),
            "SELECT count(*) FROM entries",
        )
        == 1
    )


def test_init_writes_a_config_that_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path / "veille")]) == 0
    assert (tmp_path / "veille" / "trendwatch.toml").exists()
    assert (tmp_path / "veille" / "trendwatch.duckdb").exists()
    assert main(["init", str(tmp_path / "veille")]) == 2
    err = capsys.readouterr().err
    assert "ingest" in err and "--force would overwrite" in err  # points on, not to the overwrite


def test_a_run_with_nothing_due_answers_without_opening_the_store(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trendwatch.ingest.run as db  # where run_ingest looks up connect

    a = site.feed("/a.xml", rss([("https://example.org/1", "One")]))
    missing = site.base + "/missing.xml"
    s = settings_from_dict(
        {"store": {"path": "tw.duckdb"}, "fetch": {"backoff_after_failures": 1},
         "feeds": [{"url": a, "name": "a"}, {"url": missing, "name": "missing"}]},
        base_dir=tmp_path,
    )  # fmt: skip
    first = run_ingest(s)
    assert (first.feeds_ok, first.feeds_failed) == (1, 1)

    def no_store(*args: Any, **kw: Any) -> Any:
        raise AssertionError("the store was opened")

    monkeypatch.setattr(db, "connect", no_store)
    again = run_ingest(s)
    assert {o.name: o.outcome for o in again.outcomes} == {"a": "fresh", "missing": "backing_off"}
    assert again.exit_code == 3 and "404" in (again.failures[0][2] or "")
    monkeypatch.undo()
    con = connect(s.store_path)  # another command writes the store: the cache no longer applies
    con.execute("CREATE TABLE notes AS SELECT 1 AS x")
    con.close()
    monkeypatch.setattr(db, "connect", no_store)
    with pytest.raises(AssertionError, match="store was opened"):
        run_ingest(s)
    changed = settings_from_dict(
        {"store": {"path": "tw.duckdb"}, "feeds": [{"url": a, "name": "renamed"}]}, base_dir=tmp_path
    )
    with pytest.raises(AssertionError, match="store was opened"):  # a config change opens it too
        run_ingest(changed)


def test_staged_batches_store_once_and_clean_up(site: Site, tmp_path: Path) -> None:
    from trendwatch.ingest import fetch_and_parse, prepare_store, store_staged

    urls = [site.feed(f"/{i}.xml", rss([(f"https://example.org/{i}/{j}", f"T{i}{j}") for j in range(3)]))
            for i in range(4)]  # fmt: skip
    s = settings_for(tmp_path, urls)
    prepare_store(s)
    staged = [fetch_and_parse(s, urls[:2]), fetch_and_parse(s, urls[2:])]  # as two workers would
    assert count(s, "SELECT count(*) FROM entries") == 0  # workers never write the store
    report = store_staged(s, staged)
    assert (report.feeds_ok, report.entries_new) == (4, 12)
    assert count(s, "SELECT count(*) FROM entries") == 12 and not any(p.exists() for p in staged)
    assert store_staged(s, staged).entries_new == 0  # already stored: nothing twice
