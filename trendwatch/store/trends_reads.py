"""What the analysis and the CLI read of the stored Google Trends data, as plain records.

SQL is in ``sql/queries/trends_*``; nothing here decides what the data means
(:mod:`trendwatch.analysis.search_demand` does).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from trendwatch.store.connection import Connection
from trendwatch.store.sqlfiles import query_sql

__all__ = [
    "InterestPoint",
    "RunFailure",
    "RunSummary",
    "StoredRising",
    "StoredTrending",
    "has_trends_tables",
    "interest_between",
    "keyword_curves",
    "last_run_before",
    "latest_related_run",
    "latest_trending_run",
    "rising_of_run",
    "run_failures",
    "trending_of_run",
]


@dataclass(frozen=True, slots=True)
class InterestPoint:
    keyword: str
    date: dt.date
    period_days: int
    value: float  # on the common scale when it could be, else Google's raw value
    is_partial: bool


@dataclass(frozen=True, slots=True)
class RunSummary:
    run_id: str
    observed_at: dt.datetime  # what the data describes (started_at for a live run)
    outcome: str | None
    notes: list[str]


@dataclass(frozen=True, slots=True)
class RunFailure:
    part: str
    subject: str
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class StoredRising:
    keyword: str
    query: str
    value: int
    label: str
    is_question: bool
    geo: str
    fetched_at: dt.datetime


@dataclass(frozen=True, slots=True)
class StoredTrending:
    term: str
    traffic: str | None
    traffic_min: int | None
    articles: list[dict[str, str]]
    started: dt.datetime | None
    geo: str


def _rows(con: Connection, name: str, params: list[Any] | None = None) -> list[Any]:
    return con.execute(query_sql(name), params or []).fetchall()


def has_trends_tables(con: Connection) -> bool:
    """Whether the store has the Google Trends tables (stores made before them don't)."""
    rows = _rows(con, "trends_tables_present")
    return bool(rows and rows[0][0] == 2)


def interest_between(con: Connection, geo: str, start: dt.date, end: dt.date) -> list[InterestPoint]:
    """A geo's interest points dated in ``[start, end)``."""
    return [
        InterestPoint(kw, day, int(days), float(value), bool(partial))
        for kw, day, days, value, partial in _rows(con, "trends_interest_between", [geo, start, end])
    ]


def _latest_run(con: Connection, name: str, start: dt.datetime, end: dt.datetime) -> str | None:
    rows = _rows(con, name, [start, end])
    return str(rows[0][0]) if rows else None


def latest_related_run(con: Connection, start: dt.datetime, end: dt.datetime) -> str | None:
    """The newest run that stored related queries fetched in ``[start, end)``."""
    return _latest_run(con, "trends_related_latest_run", start, end)


def latest_trending_run(con: Connection, start: dt.datetime, end: dt.datetime) -> str | None:
    """The newest run that stored trending searches fetched in ``[start, end)``."""
    return _latest_run(con, "trends_trending_latest_run", start, end)


def last_run_before(con: Connection, before: dt.datetime) -> RunSummary | None:
    """The last Trends run whose data describes a moment before ``before``."""
    rows = _rows(con, "trends_run_before", [before])
    if not rows:
        return None
    run_id, observed, outcome, notes = rows[0]
    return RunSummary(str(run_id), observed, outcome, list(notes or []))


def run_failures(con: Connection, run_id: str) -> list[RunFailure]:
    """What failed in one run, in order."""
    return [RunFailure(*r) for r in _rows(con, "trends_run_failures", [run_id])]


def rising_of_run(con: Connection, run_id: str, geo: str) -> list[StoredRising]:
    """One run's rising queries in ``geo``, fastest growing first."""
    return [StoredRising(*r) for r in _rows(con, "trends_rising_of_run", [run_id, geo])]


def trending_of_run(con: Connection, run_id: str, geo: str) -> list[StoredTrending]:
    """One run's trending searches in ``geo``, most searched first."""
    return [
        StoredTrending(r[0], r[1], r[2], json.loads(r[3] or "[]"), r[4], r[5])
        for r in _rows(con, "trends_trending_of_run", [run_id, geo])
    ]


def keyword_curves(con: Connection) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Every keyword's interest per ISO week (all stored weeks): column names and rows."""
    cur = con.execute(query_sql("trends_keyword_curves"))
    rows = cur.fetchall()
    return [d[0] for d in cur.description or []], rows
