"""What a Trends run needs from wherever it keeps its results: the contracts, not the store.

Sources never import the store stage. A Trends run (:mod:`trendwatch.sources.trends`) writes
through a :class:`TrendsSink` and asks an :class:`AnswerCache` before it asks Google; the store
implements both (:mod:`trendwatch.store.trends_writes`) over ``trends_*`` tables. Every HTTP
answer is saved (method, URL with its query string, status, headers, body); a later request for
the same method and URL is answered from there when the saved answer is usable (not a 429 or
5xx) and younger than ``[trends] cache_hours`` -- or when it was saved by the current run, so a
retry never asks Google twice for what it already answered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = [
    "AnswerCache",
    "CachedAnswer",
    "InterestRow",
    "RelatedRow",
    "TrendingRow",
    "TrendsSink",
    "usable",
]


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    """One saved HTTP answer."""

    status: int
    headers: dict[str, str]
    body: bytes


def usable(status: int) -> bool:
    """Whether an answer with this status may be served again (not a 429, not a 5xx)."""
    return status != 429 and status < 500


class AnswerCache(Protocol):
    """Saved answers of one run: looked up before a request, saved after it."""

    def lookup(self, method: str, url: str) -> CachedAnswer | None: ...

    def save(self, method: str, url: str, status: int, headers: dict[str, str], body: bytes) -> None: ...


@dataclass(frozen=True, slots=True)
class RelatedRow:
    """One related query of a keyword, as stored."""

    run_id: str
    keyword: str
    geo: str
    kind: str  # top | rising
    rank: int
    query: str
    value: int
    label: str
    is_question: bool
    fetched_at: dt.datetime


@dataclass(frozen=True, slots=True)
class TrendingRow:
    """One search trending in a geo, as stored (articles as a JSON text)."""

    run_id: str
    geo: str
    term: str
    traffic: str | None
    traffic_min: int | None
    started: dt.datetime | None
    articles_json: str
    fetched_at: dt.datetime


@dataclass(frozen=True, slots=True)
class InterestRow:
    """One keyword's interest on one date, on the common scale (``scaled_value``) when it could be."""

    keyword: str
    geo: str
    date: dt.date
    period_days: int
    raw_value: int
    batch: int
    batch_terms: list[str]
    scaled_value: float | None
    is_partial: bool
    run_id: str
    fetched_at: dt.datetime


class TrendsSink(Protocol):
    """Where one Trends run records what it did and got."""

    def start_run(
        self, run_id: str, started_at: dt.datetime, geo: str, keywords: Sequence[str], anchor: str
    ) -> None: ...

    def record_failure(
        self, run_id: str, part: str, subject: str, kind: str, message: str, failed_at: dt.datetime
    ) -> None: ...

    def write_related(self, rows: Sequence[RelatedRow]) -> None: ...

    def replace_interest(self, geo: str, keywords: Sequence[str], rows: Sequence[InterestRow]) -> None: ...

    def write_trending(self, rows: Sequence[TrendingRow]) -> None: ...

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
    ) -> None: ...

    def answer_cache(self, run_id: str, *, now: dt.datetime, cache_hours: float) -> AnswerCache: ...

    def saved_answer(self, run_id: str, method: str, url: str) -> CachedAnswer | None: ...
