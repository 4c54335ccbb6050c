"""Every kind of bad input from the issue, through the whole ingest: none stops the other feeds,
each leaves a clear error (kind and message) in `fetches`."""

from __future__ import annotations

from pathlib import Path

from tests.support.httpserver import Reply, ScriptedServer, closed_port, scripted_server  # noqa: F401
from trendwatch.config import settings_from_dict
from trendwatch.ingest import run_ingest
from trendwatch.store import connect

GOOD = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>ok</title>'
    b"<item><title>Fine</title><link>https://example.org/fine</link></item></channel></rss>"
)
BOMB_XML = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">'.encode()
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + b']><rss version="2.0"><channel><title>&i;</title><item><title>&i;</title></item></channel></rss>'
)


def test_bad_inputs_each_leave_a_clear_error(scripted_server: ScriptedServer, tmp_path: Path) -> None:  # noqa: F811
    srv = scripted_server
    cases = {
        "unreachable": f"http://127.0.0.1:{closed_port()}/feed.xml",
        "timeout": srv.route("/hang.xml", Reply(hang=True)),
        "slow_drip": srv.route(
            "/drip.xml", Reply(body=b"<rss>" + b" " * 4000, chunked=True, chunk_size=100, chunk_delay_s=0.2)
        ),
        "not_found": srv.route("/404.xml", Reply(status=404, body=b"no")),
        "gone": srv.route("/410.xml", Reply(status=410)),
        "server_error": srv.route("/500.xml", Reply(status=500)),
        "rate_limited": srv.route("/429.xml", Reply(status=429, headers={"Retry-After": "120"})),
        "redirect_loop": srv.redirect("/loop-a.xml", "/loop-b.xml")
        and srv.redirect("/loop-b.xml", "/loop-a.xml"),
        "not_a_feed": srv.route(
            "/page.html", Reply(body=b"<!doctype html><html><body>hi</body></html>", content_type="text/html")
        ),
        "empty": srv.route("/empty.xml", Reply(body=b"")),
        "malformed": srv.route("/broken.xml", Reply(body=b"<rss><channel><title>x</ti")),
        "too_large": srv.route("/huge.xml", Reply(body=b"x" * 65536, repeat=40)),
        "gzip_bomb": srv.route("/bomb.xml", Reply(body=b"\0" * 4_000_000, encoding="gzip")),
        "unsafe_xml": srv.route("/laughs.xml", Reply(body=BOMB_XML)),
    }
    good = srv.route("/good.xml", Reply(body=GOOD))
    urls = [good, *cases.values()]
    settings = settings_from_dict(
        {
            "store": {"path": "tw.duckdb"},
            "fetch": {"timeout_s": 1.0, "max_bytes": 1_000_000},
            "feeds": [{"url": u, "name": n} for n, u in zip(["good", *cases], urls, strict=True)],
        },
        base_dir=tmp_path,
    )
    report = run_ingest(settings)
    assert report.feeds_ok == 1 and report.entries_new == 1 and report.exit_code == 3
    con = connect(settings.store_path, read_only=True)
    rows = {
        name: (kind, error)
        for name, kind, error in con.execute(
            "SELECT f.name, x.error_kind, x.error FROM fetches x JOIN feeds f ON f.feed_id = x.feed_id "
            "WHERE x.outcome = 'failed'"
        ).fetchall()
    }
    retry = con.execute(
        "SELECT retry_after > now() + INTERVAL 100 SECOND FROM feeds WHERE name = 'rate_limited'"
    ).fetchone()
    con.close()
    assert set(rows) == set(cases)
    for name, (_kind, error) in rows.items():
        assert error and len(error) > 20, (name, error)
    expected_kind = {
        "slow_drip": "timeout",
        "gzip_bomb": "too_large",
        "malformed": {"malformed", "not_a_feed"},
    }
    for name, (kind, _) in rows.items():
        want = expected_kind.get(name, name)
        assert kind in (want if isinstance(want, set) else {want}), (name, kind, rows[name][1])
    assert retry == (True,)  # Retry-After honoured: not fetched again before then
