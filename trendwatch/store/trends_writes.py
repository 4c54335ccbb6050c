"""What a Google Trends run writes to the store, and the saved answers it reads back.

:class:`TrendsStore` is the store's side of :class:`trendwatch.sources.trends_cache.TrendsSink`:
runs, failures, interest, related queries, trending searches, and the raw answers that serve as
cache (:class:`ResponseCache`) and as the record to recompute from. SQL is in ``sql/queries/trends_*``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from collections.abc import Callable, Sequence
from typing import Any, cast

from trendwatch.config import Settings
from trendwatch.sources.trends import TrendsReport, fetch_trends
from trendwatch.sources.trends_cache import CachedAnswer, InterestRow, RelatedRow, TrendingRow, usable
from trendwatch.store.connection import Connection
from trendwatch.store.db import connect
from trendwatch.store.sqlfiles import query_sql

__all__ = ["ResponseCache", "TrendsStore", "ingest_trends"]

_KEPT_HEADERS = ("content-type", "retry-after", "set-cookie", "date")


def _answer(rows: list[Any]) -> CachedAnswer | None:
    if not rows:
        return None
    row = rows[0]
    headers = json.loads(row[1]) if row[1] else {}
    return CachedAnswer(
        int(row[0]), {str(k): str(v) for k, v in headers.items()}, (row[2] or "").encode("utf-8")
    )


class ResponseCache:
    """Reads and writes ``trends_responses`` for one run (an :class:`AnswerCache`)."""

    def __init__(self, con: Connection, run_id: str, *, now: dt.datetime, cache_hours: float) -> None:
        self.con = con
        self.run_id = run_id
        self.now = now
        self.cache_hours = cache_hours

    def lookup(self, method: str, url: str) -> CachedAnswer | None:
        """The newest usable answer to this request, if fresh enough (or from this run)."""
        oldest = self.now - dt.timedelta(hours=max(self.cache_hours, 0))
        row = self.con.execute(
            query_sql("trends_response_lookup"),
            [method, url, self.run_id, self.cache_hours > 0, oldest, self.now],
        ).fetchall()
        return _answer(row)

    def save(self, method: str, url: str, status: int, headers: dict[str, str], body: bytes) -> None:
        """Keep one answer as it came (decoded as UTF-8, undecodable bytes replaced)."""
        keep = {k: v for k, v in headers.items() if k.lower() in _KEPT_HEADERS}
        self.con.execute(
            query_sql("trends_response_insert"),
            [self.run_id, self.now, method, url, status, json.dumps(keep), body.decode("utf-8", "replace")],
        )

    @staticmethod
    def usable(status: int) -> bool:
        """Whether an answer with this status may be served again."""
        return usable(status)


def _insert(con: Connection, query: str, rows: Sequence[Any]) -> None:
    """Bulk insert records (one Arrow table, not one statement per row: executemany is slow);
    ``query`` inserts the registered ``_trends_rows``, whose columns follow the record's fields."""
    if not rows:
        return
    import pyarrow as pa

    values = [dataclasses.astuple(r) for r in rows]
    names = [f.name for f in dataclasses.fields(rows[0])]
    data = pa.table({n: [v[i] for v in values] for i, n in enumerate(names)})
    con.register("_trends_rows", data)
    try:
        con.execute(query_sql(query))
    finally:
        con.unregister("_trends_rows")


class TrendsStore:
    """The store as a :class:`~trendwatch.sources.trends_cache.TrendsSink`."""

    def __init__(self, con: Connection) -> None:
        self.con = con

    def start_run(
        self, run_id: str, started_at: dt.datetime, geo: str, keywords: Sequence[str], anchor: str
    ) -> None:
        self.con.execute(query_sql("trends_run_start"), [run_id, started_at, geo, list(keywords), anchor])

    def record_failure(
        self, run_id: str, part: str, subject: str, kind: str, message: str, failed_at: dt.datetime
    ) -> None:
        self.con.execute(
            query_sql("trends_failure_insert"), [run_id, part, subject, kind, message, failed_at]
        )

    def write_related(self, rows: Sequence[RelatedRow]) -> None:
        _insert(self.con, "trends_related_insert", rows)

    def replace_interest(self, geo: str, keywords: Sequence[str], rows: Sequence[InterestRow]) -> None:
        self.con.execute(query_sql("trends_interest_delete"), [geo, list(keywords)])
        _insert(self.con, "trends_interest_insert", rows)

    def write_trending(self, rows: Sequence[TrendingRow]) -> None:
        _insert(self.con, "trends_trending_insert", rows)

    def finish_run(
        self,
        run_id: str,
        *,
        finished_at: dt.datetime,
        observed_at: dt.datetime,
        requests_made: int,
        from_cache: int,
        budget_left: int,
        outcome: str,
        notes: Sequence[str],
    ) -> None:
        self.con.execute(
            query_sql("trends_run_finish"),
            [finished_at, observed_at, requests_made, from_cache, budget_left, outcome, list(notes), run_id],
        )

    def answer_cache(self, run_id: str, *, now: dt.datetime, cache_hours: float) -> ResponseCache:
        return ResponseCache(self.con, run_id, now=now, cache_hours=cache_hours)

    def saved_answer(self, run_id: str, method: str, url: str) -> CachedAnswer | None:
        return _answer(
            self.con.execute(query_sql("trends_response_of_run"), [run_id, method, url]).fetchall()
        )


def ingest_trends(
    settings: Settings,
    *,
    con: Connection | None = None,
    now: dt.datetime | None = None,
    adapter: Any = None,
    sleep: Callable[[float], None] | None = None,
    rng: random.Random | None = None,
    recompute_run: str | None = None,
) -> TrendsReport:
    """Fetch ``[trends]`` data into the store (``con``, or the configured store, opened and closed
    here); never raises for Google or network problems. Arguments as
    :func:`trendwatch.sources.trends.fetch_trends`."""
    own = con is None and settings.trends.enabled
    if own:
        con = connect(settings.store_path, wait_s=settings.store.lock_timeout_s)
    try:
        return fetch_trends(
            settings,
            TrendsStore(cast(Connection, con)),  # None only when disabled: then never used
            now=now,
            adapter=adapter,
            sleep=sleep,
            rng=rng,
            recompute_run=recompute_run,
        )
    finally:
        if own and con is not None:
            con.close()
