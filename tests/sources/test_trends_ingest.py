"""ingest_trends end to end on replayed answers: 429s, budget, bad bodies, cache, trending RSS."""

from __future__ import annotations

import datetime as dt
import http.server
import random
import threading
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.support.shared_data import PYTRENDS_DECODED
from trendwatch.config import Settings, settings_from_dict
from trendwatch.sources.trends import fetch_trends, parse_trending_rss
from trendwatch.sources.trends_cache import CachedAnswer, RelatedRow
from trendwatch.sources.trends_client import TrendsTransport, live_adapter, session_with
from trendwatch.sources.trends_replay import (
    JSON_TYPE,
    RouteAdapter,
    google_json,
    replay_adapter,
    write_demo_recordings,
)
from trendwatch.store.trends_writes import ResponseCache, ingest_trends

DATA = PYTRENDS_DECODED
NOW = dt.datetime(2022, 2, 28, 7, 0, tzinfo=dt.UTC)
KEYWORDS = ["cosmétique", "skincare", "parfum", "vegan", "crème solaire", "maquillage"]
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:ht="https://trends.google.com/trending/rss" version="2.0"><channel>
<title>Daily Search Trends</title>
<item><title>Crème solaire</title><ht:approx_traffic>20 000+</ht:approx_traffic>
<pubDate>Mon, 28 Feb 2022 05:40:00 +0000</pubDate>
<ht:news_item><ht:news_item_title>Quelle crème solaire choisir ?</ht:news_item_title>
<ht:news_item_url>https://example.org/a</ht:news_item_url>
<ht:news_item_source>Le Journal</ht:news_item_source></ht:news_item>
</item>
<item><title>Fashion week</title><ht:approx_traffic>2K+</ht:approx_traffic>
<pubDate>Mon, 28 Feb 2022 04:00:00 +0000</pubDate></item>
</channel></rss>""".encode()
HTML = {"Content-Type": "text/html"}
pytestmark = pytest.mark.filterwarnings("ignore:Downcasting object dtype:FutureWarning")


def recorded(name: str) -> bytes:
    if not DATA.is_dir():
        pytest.skip("recorded Trends answers not available")
    return (DATA / f"{name}.txt").read_bytes().split(b"\n", 1)[1]


def settings(tmp_path: Path, **trends: Any) -> Settings:
    base = {"enabled": True, "keywords": ["pizza", "bagel"], "backoff_s": 2.0, "max_retries": 3}
    return settings_from_dict({"trends": base | trends}, base_dir=tmp_path)


def google(multiline: Any = None) -> RouteAdapter:
    """Real recorded answers for ["pizza", "bagel"] (interest with a partial week, related queries)."""
    a = RouteAdapter()
    a.add("/trends/explore", (404, HTML, b""))
    a.add("/api/explore", (200, JSON_TYPE, recorded("test_related_queries_result_rising__1")))
    a.add(
        "/widgetdata/multiline", multiline or (200, JSON_TYPE, recorded("test_interest_over_time_partial__2"))
    )
    a.add(
        "/widgetdata/relatedsearches",
        [
            (200, JSON_TYPE, recorded("test_related_queries_result_rising__2")),
            (200, JSON_TYPE, recorded("test_related_queries_result_rising__3")),
        ],
    )
    a.add("/trending/rss", (200, {"Content-Type": "application/rss+xml"}, RSS))
    return a


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def failures(store: Any) -> list[tuple[str, str]]:
    return store.execute("SELECT part, kind FROM trends_failures ORDER BY failed_at, part").fetchall()


def test_everything_fetched_and_stored(tmp_path: Path, store: Any) -> None:
    sleeps = Sleeps()
    r = ingest_trends(settings(tmp_path), con=store, now=NOW, adapter=google(), sleep=sleeps)
    assert r.ok and r.outcome == "ok" and r.failures == [] and sleeps == []
    assert r.requests_made == 6 and r.from_cache == 0  # cookie, explore, multiline, 2 related, RSS
    assert r.keywords_ok == ["bagel", "pizza"]
    rows = store.execute(
        "SELECT keyword, raw_value, scaled_value, is_partial FROM trends_interest "
        "WHERE keyword = 'pizza' ORDER BY date"
    ).fetchall()
    assert rows[0][1] == 81 and rows[-1][3] is True and sum(r[3] for r in rows) == 1
    assert max(s for *_, s, _p in rows) == 100.0
    rising = store.execute(
        "SELECT query, label FROM trends_related_queries WHERE kind = 'rising' AND keyword = 'pizza' "
        "ORDER BY rank LIMIT 2"
    ).fetchall()
    assert rising == [("licorice pizza", "Breakout"), ("history of pizza", "+400 %")]
    trend = store.execute(
        "SELECT term, traffic, traffic_min, articles->>'$[0].source' FROM trends_trending "
        "ORDER BY traffic_min DESC"
    ).fetchall()
    assert trend == [("Crème solaire", "20 000+", 20000, "Le Journal"), ("Fashion week", "2K+", 2000, None)]
    assert store.execute("SELECT count(*) FROM trends_responses").fetchone()[0] == 6
    assert store.execute("SELECT outcome, requests_made FROM trends_runs").fetchall() == [("ok", 6)]


def test_a_429_then_success_waits_as_told_and_asks_explore_only_once(tmp_path: Path, store: Any) -> None:
    sleeps = Sleeps()
    flaky = [
        (429, HTML | {"Retry-After": "7"}, b"quota"),
        (200, JSON_TYPE, recorded("test_interest_over_time_partial__2")),
    ]
    adapter = google(multiline=flaky)
    r = ingest_trends(settings(tmp_path, trending=False), con=store, now=NOW, adapter=adapter, sleep=sleeps)
    assert r.outcome == "ok" and sleeps == [7.0]
    assert adapter.seen.count("/trends/api/explore") == 1  # the retry reused this run's explore answer
    assert r.from_cache == 1 and r.requests_made == 6


def test_a_429_storm_spends_the_budget_keeps_what_came_and_never_raises(tmp_path: Path, store: Any) -> None:
    folder = tmp_path / "rec"
    write_demo_recordings(folder, keywords=KEYWORDS, geo="FR", end=dt.date(2022, 2, 27), weeks=8, rising={})
    adapter = replay_adapter(folder)
    computed = adapter.routes[2][1]
    calls = {"n": 0}

    def multiline(request: requests.PreparedRequest) -> Any:
        calls["n"] += 1
        return computed(request) if calls["n"] == 1 else (429, HTML, b"")  # type: ignore[operator]

    adapter.routes[2] = ("/widgetdata/multiline", multiline)
    adapter.routes[3] = ("/widgetdata/relatedsearches", (429, HTML, b""))
    sleeps = Sleeps()
    s = settings(tmp_path, keywords=KEYWORDS, max_requests=8, max_retries=2)
    r = ingest_trends(s, con=store, now=NOW, adapter=adapter, sleep=sleeps, rng=random.Random(1))
    assert r.ok and r.outcome == "partial"  # "ok enough": the first batch's curves are kept
    assert r.keywords_ok == sorted(["cosmétique", "skincare", "parfum", "vegan", "crème solaire"])
    assert r.requests_made == 8
    kinds = failures(store)
    assert ("related", "rate_limited") in kinds and ("interest", "budget") in kinds
    assert ("trending", "budget") in kinds
    assert all(1.0 <= w <= 3.0 or 2.0 <= w <= 6.0 for w in sleeps) and len(sleeps) == 3  # 2 s x 2^i, jittered
    assert store.execute("SELECT outcome FROM trends_runs").fetchone() == ("partial",)


def test_a_retry_after_too_long_gives_up_without_waiting(tmp_path: Path, store: Any) -> None:
    sleeps = Sleeps()
    adapter = google(multiline=(429, HTML | {"Retry-After": "3600"}, b""))
    r = ingest_trends(settings(tmp_path, trending=False), con=store, now=NOW, adapter=adapter, sleep=sleeps)
    assert sleeps == [] and not r.ok and r.outcome == "failed"
    assert failures(store) == [("interest", "rate_limited")] and "3600" in r.failures[0]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b")]}',\n<html>not json</html>", "malformed"),
        (google_json({"default": {"timelineData": []}}), "empty"),
        (google_json({"unexpected": 1}), "malformed"),
    ],
)
def test_bad_answers_are_recorded_not_raised(tmp_path: Path, store: Any, body: bytes, kind: str) -> None:
    r = ingest_trends(
        settings(tmp_path, trending=False),
        con=store,
        now=NOW,
        adapter=google(multiline=(200, JSON_TYPE, body)),
        sleep=Sleeps(),
    )
    assert not r.ok and failures(store) == [("interest", kind)]
    assert store.execute("SELECT count(*) FROM trends_interest").fetchone() == (0,)


def test_no_network_is_a_recorded_failure(tmp_path: Path, store: Any) -> None:
    class Down(RouteAdapter):
        def send(self, request: requests.PreparedRequest, **kw: Any) -> requests.Response:  # type: ignore[override]
            raise requests.ConnectionError("unreachable")

    sleeps = Sleeps()
    r = ingest_trends(settings(tmp_path, max_retries=1), con=store, now=NOW, adapter=Down(), sleep=sleeps)
    assert not r.ok and len(sleeps) == 2  # the cookie request and the RSS, each retried once
    assert failures(store) == [("interest", "network"), ("trending", "network")]


def test_a_rerun_within_cache_hours_asks_nothing(tmp_path: Path, store: Any) -> None:
    s = settings(tmp_path, cache_hours=12.0)
    first = ingest_trends(s, con=store, now=NOW, adapter=google(), sleep=Sleeps())
    again = google()
    second = ingest_trends(s, con=store, now=NOW + dt.timedelta(hours=3), adapter=again, sleep=Sleeps())
    assert first.requests_made == 6 and second.requests_made == 0 and again.seen == []
    assert second.from_cache == 6 and second.outcome == "ok" and second.keywords_ok == ["bagel", "pizza"]
    later = ingest_trends(s, con=store, now=NOW + dt.timedelta(hours=13), adapter=google(), sleep=Sleeps())
    assert later.requests_made == 6


def test_disabled_does_nothing(tmp_path: Path, store: Any) -> None:
    s = settings_from_dict({}, base_dir=tmp_path)
    adapter = google()
    r = ingest_trends(s, con=store, adapter=adapter)
    assert r.ok and r.outcome == "disabled" and adapter.seen == []


def test_replay_folder_runs_batching_and_rescaling_offline(tmp_path: Path, store: Any) -> None:
    write_demo_recordings(
        tmp_path / "rec",
        keywords=KEYWORDS,
        geo="FR",
        end=dt.date(2022, 2, 27),
        weeks=12,
        rising={"skincare": ["routine skincare", "comment choisir sa crème"]},
    )
    s = settings(tmp_path, keywords=KEYWORDS, replay_dir="rec")
    r = ingest_trends(s, con=store, now=NOW)
    assert r.outcome == "ok" and len(r.keywords_ok) == 6 and r.trending == 1
    batches = store.execute("SELECT DISTINCT batch FROM trends_interest ORDER BY 1").fetchall()
    assert batches == [(0,), (1,)]
    assert store.execute("SELECT max(scaled_value) FROM trends_interest").fetchone() == (100.0,)
    q = store.execute(
        "SELECT query, label, is_question FROM trends_related_queries WHERE kind = 'rising' ORDER BY rank"
    ).fetchall()
    assert q == [("routine skincare", "Breakout", False), ("comment choisir sa crème", "+450 %", True)]
    observed = store.execute("SELECT DISTINCT fetched_at FROM trends_related_queries").fetchone()[0]
    assert observed == dt.datetime(2022, 2, 28, 6, tzinfo=dt.UTC)  # the recording's time, not the run's


def test_trending_rss_parsed_from_bytes() -> None:
    items = parse_trending_rss(RSS)
    assert [i.term for i in items] == ["Crème solaire", "Fashion week"]
    assert items[0].traffic_min == 20000 and items[1].traffic_min == 2000
    assert items[0].started == dt.datetime(2022, 2, 28, 5, 40, tzinfo=dt.UTC)
    assert items[0].articles == [
        {"title": "Quelle crème solaire choisir ?", "url": "https://example.org/a", "source": "Le Journal"}
    ]


def test_trending_rss_over_a_loopback_server_through_the_cached_transport(tmp_path: Path, store: Any) -> None:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(RSS)))
            self.end_headers()
            self.wfile.write(RSS)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/trending/rss?geo=FR"
        for _ in range(2):
            cache = ResponseCache(store, "run-1", now=NOW, cache_hours=1)
            transport = TrendsTransport(live_adapter(), budget=5, cache=cache)
            body = session_with(transport).get(url, timeout=5).content
            assert [i.term for i in parse_trending_rss(body)] == ["Crème solaire", "Fashion week"]
    finally:
        server.shutdown()
        server.server_close()
    assert hits == ["/trending/rss?geo=FR"]  # the second time came from the store


def test_a_trending_answer_that_is_no_feed_is_recorded(tmp_path: Path, store: Any) -> None:
    adapter = google()
    adapter.routes[-1] = ("/trending/rss", (200, HTML, b"<html><body>Sorry...</body></html>"))
    r = ingest_trends(settings(tmp_path), con=store, now=NOW, adapter=adapter, sleep=Sleeps())
    assert r.ok and r.outcome == "partial" and failures(store) == [("trending", "malformed")]


def test_hourly_points_are_averaged_per_day() -> None:
    import pandas as pd

    from trendwatch.sources.trends import batch_from_frame

    index = pd.to_datetime(["2022-02-27 22:00", "2022-02-27 23:00", "2022-02-28 00:00", "2022-02-28 01:00"])
    df = pd.DataFrame(
        {"a": [10, 20, 30, 41], "b": [1, 2, 3, 4], "isPartial": [False, False, False, True]}, index=index
    )
    s = batch_from_frame(0, ["a", "b"], df)
    assert s.dates == [dt.date(2022, 2, 27), dt.date(2022, 2, 28)] and s.period_days == 1
    assert s.values == {"a": [15, 36], "b": [2, 4]} and s.partial == [False, True]


def test_worldwide_geo_skips_trending_with_a_note(tmp_path: Path, store: Any) -> None:
    adapter = google()
    r = ingest_trends(settings(tmp_path, geo=""), con=store, now=NOW, adapter=adapter, sleep=Sleeps())
    assert r.outcome == "ok" and "/trending/rss" not in adapter.seen
    (geo_note,) = [n for n in r.notes if n.code == "trends.trending_needs_geo"]
    assert "set [trends] geo" in geo_note.render("en")


def test_values_are_recomputed_from_the_stored_raw_answers(tmp_path: Path, store: Any) -> None:
    s = settings(tmp_path)
    first = ingest_trends(s, con=store, now=NOW, adapter=google(), sleep=Sleeps())
    query = "SELECT keyword, date, raw_value, scaled_value, is_partial FROM trends_interest ORDER BY ALL"
    before = store.execute(query).fetchall()
    store.execute("DELETE FROM trends_interest")
    again = ingest_trends(
        s, con=store, now=NOW + dt.timedelta(days=30), recompute_run=first.run_id, sleep=Sleeps()
    )
    assert again.outcome == "ok" and again.related_queries == first.related_queries
    assert store.execute(query).fetchall() == before
    assert store.execute("SELECT count(*) FROM trends_responses").fetchone() == (6,)  # nothing new saved


class MemorySink:
    """A TrendsSink keeping everything in lists: what the fetching hands over, without a store."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.related: list[Any] = []
        self.interest: list[Any] = []
        self.trending: list[Any] = []
        self.answers: dict[tuple[str, str], CachedAnswer] = {}
        self.finished: dict[str, Any] = {}

    def start_run(self, run_id: str, *args: Any) -> None:
        self.calls.append("start")

    def record_failure(self, run_id: str, part: str, *args: Any) -> None:
        self.calls.append(f"failure:{part}")

    def write_related(self, rows: Any) -> None:
        self.related += rows

    def replace_interest(self, geo: str, keywords: Any, rows: Any) -> None:
        self.interest += rows

    def write_trending(self, rows: Any) -> None:
        self.trending += rows

    def finish_run(self, run_id: str, **done: Any) -> None:
        self.calls.append("finish")
        self.finished = done

    def answer_cache(self, run_id: str, *, now: dt.datetime, cache_hours: float) -> Any:
        sink = self

        class Cache:
            def lookup(self, method: str, url: str) -> CachedAnswer | None:
                return sink.answers.get((method, url))

            def save(self, method: str, url: str, status: int, headers: dict[str, str], body: bytes) -> None:
                sink.answers[(method, url)] = CachedAnswer(status, headers, body)

        return Cache()

    def saved_answer(self, run_id: str, method: str, url: str) -> CachedAnswer | None:
        return self.answers.get((method, url))


def test_the_fetching_hands_records_to_any_sink(tmp_path: Path) -> None:
    sink = MemorySink()
    r = fetch_trends(settings(tmp_path), sink, now=NOW, adapter=google(), sleep=Sleeps())
    assert r.outcome == "ok" and sink.calls == ["start", "finish"]
    assert {p.keyword for p in sink.interest} == {"bagel", "pizza"} and len(sink.interest) == r.points
    assert all(isinstance(row, RelatedRow) for row in sink.related) and len(sink.related) == r.related_queries
    assert [t.term for t in sink.trending] == ["Crème solaire", "Fashion week"]
    assert sink.finished["outcome"] == "ok" and len(sink.answers) == r.requests_made
    saved = dict(sink.answers)
    again = fetch_trends(settings(tmp_path), sink, now=NOW, recompute_run=r.run_id, sleep=Sleeps())
    assert again.outcome == "ok" and sink.answers == saved  # answered from the sink, nothing new saved

    def values(rows: list[Any]) -> list[tuple[Any, ...]]:
        return [(p.keyword, p.date, p.raw_value, p.scaled_value, p.is_partial) for p in rows]

    assert values(sink.interest[r.points :]) == values(sink.interest[: r.points])  # recomputed alike
