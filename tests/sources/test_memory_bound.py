"""Memory per run (issue 10.3): bodies waiting for the parser spool to disk past a run budget, and
feedparser's tolerant parser never gets a huge malformed document whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import trendwatch.sources.fetch as fetch
from tests.sources.test_fetch import fetch_settings
from tests.support.httpserver import ScriptedServer, scripted_server
from trendwatch.sources import parse as parse_module
from trendwatch.sources.fetch_spool import SPOOL_BYTES, MemoryBudget, SpooledBody
from trendwatch.sources.model import FetchRequest

__all__ = ["scripted_server"]

NOW = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
ITEM = "<item><title>Story {n}</title><link>https://example.org/{n}</link></item>"


def rss(items: int, *, broken: bool = False, doctype: bool = False) -> bytes:
    head = '<?xml version="1.0"?>' + ("<!DOCTYPE rss>" if doctype else "")
    head += '<rss version="2.0"><channel><title>T</title>'
    head += "<description>a & b</description>" if broken else ""
    return (head + "".join(ITEM.format(n=n) for n in range(items)) + "</channel></rss>").encode()


def test_a_small_body_stays_in_memory_and_a_large_one_waits_on_disk() -> None:
    budget = MemoryBudget(limit=10 * SPOOL_BYTES)
    small, large = SpooledBody(budget), SpooledBody(budget)
    small.write(b"a" * 1000)
    for _ in range(3):
        large.write(b"b" * (SPOOL_BYTES // 2))
    assert not small.on_disk and large.on_disk and budget.used == 1000 and budget.spooled == 1
    assert large.read() == b"b" * (3 * (SPOOL_BYTES // 2))
    assert small.read() == b"a" * 1000 and budget.used == 0  # handed over: no longer the run's


def test_a_full_budget_sends_even_small_bodies_to_disk_and_discard_gives_memory_back() -> None:
    budget = MemoryBudget(limit=2500)
    bodies = [SpooledBody(budget) for _ in range(4)]
    for body in bodies:
        body.write(b"x" * 1000)
    assert [b.on_disk for b in bodies] == [False, False, True, True] and budget.used == 2000
    bodies[0].discard()
    assert budget.used == 1000
    del bodies[1]  # a result dropped unread
    assert budget.used == 0 and budget.peak == 2000


def test_a_run_holds_no_more_than_its_budget_of_bodies_in_memory(
    scripted_server: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    budgets: list[MemoryBudget] = []

    class Recorded(MemoryBudget):
        def __init__(self) -> None:
            super().__init__(limit=1_500_000)
            budgets.append(self)

    monkeypatch.setattr(fetch, "MemoryBudget", Recorded)
    body = rss(12_000)  # about 700 KB: under the per-body spool size
    assert 500_000 < len(body) < SPOOL_BYTES
    scripted_server.route("/feed.xml", body=body)
    local = tmp_path / "local.xml"
    local.write_bytes(body)
    requests = [FetchRequest(str(i), scripted_server.url(f"/feed.xml?n={i}")) for i in range(10)]
    results = fetch.fetch_all([*requests, FetchRequest("local", str(local))], fetch_settings(tmp_path))
    (budget,) = budgets
    assert budget.peak <= 1_500_000 and budget.spooled >= 9  # two fit in memory, the rest wait on disk
    assert all(r.ok and r.bytes == len(body) for r in results)
    assert all(r.body == body for r in results)  # read back whole
    assert budget.used == 0


def test_a_large_body_is_read_from_disk_only_when_the_parser_asks(
    scripted_server: ScriptedServer, tmp_path: Path
) -> None:
    big = rss(40_000)
    assert len(big) > SPOOL_BYTES
    url = scripted_server.route("/big.xml", body=big)
    (result,) = fetch.fetch_all([FetchRequest("f", url)], fetch_settings(tmp_path))
    pending: Any = result._pending
    assert pending is not None and pending.on_disk and result.bytes == len(big)
    assert result.body == big and result._pending is None
    result.body = None  # what ingest does once parsed
    assert result.body is None


def test_a_huge_malformed_document_is_read_only_in_part(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_module, "MAX_REPAIR_BYTES", 20_000)
    body = rss(2000, broken=True)  # about 130 KB, an error near the top
    parsed = parse_module.parse_feed(body, url="http://x/feed", feed_id="f", fetched_at=NOW)
    assert parsed.parser == "feedparser"
    assert 0 < len(parsed.entries) < 2000 and parsed.entries[0].title == "Story 0"
    assert parsed.entries[-1].link == f"https://example.org/{len(parsed.entries) - 1}"  # whole items only
    assert parsed.warning and "not well-formed" in parsed.warning and "MB" in parsed.warning


def test_a_huge_well_formed_document_the_fast_path_declines_is_read_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parse_module, "MAX_REPAIR_BYTES", 20_000)
    body = rss(2000, doctype=True)  # a DOCTYPE: feedparser's job, and well-formed
    parsed = parse_module.parse_feed(body, url="http://x/feed", feed_id="f", fetched_at=NOW)
    assert parsed.parser == "feedparser" and len(parsed.entries) == 2000 and parsed.warning is None


def test_feedparser_leaves_no_cycle_holding_a_large_document(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    monkeypatch.setattr(parse_module, "COLLECT_AFTER_BYTES", 10_000)
    body = rss(500, broken=True)  # feedparser's strict parser fails, then its tolerant one reads it
    gc.collect()
    gc.disable()  # only parse_feed's own collection may free the cycle
    try:
        parsed = parse_module.parse_feed(body, url="http://x/feed", feed_id="f", fetched_at=NOW)
        alive = [o for o in gc.get_objects() if type(o).__name__ in ("StrictFeedParser", "ExpatParser")]
    finally:
        gc.enable()
    assert len(parsed.entries) == 500 and alive == []
