"""What the analysis reads from the store: the entries of a window of weeks, as plain records.

The analysis never holds a connection itself: ``analyse_week`` calls :func:`window_ids` and
:func:`window_entries` once each and works on the records they return. The ids come first so that
a very large window is sampled before its texts are read: at 30,000 entries a week, the ten weeks'
records and the query result behind them were 650 MB, most of it for baseline entries the analysis
then left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from trendwatch.errors import AnalysisError
from trendwatch.store.sqlfiles import load_sql

BATCH = 10_000  # rows turned into records at a time


@dataclass(frozen=True, slots=True)
class WindowEntry:
    """One stored entry as the analysis sees it."""

    entry_id: str
    title: str
    summary: str
    link: str | None
    published: dt.datetime  # UTC, timezone-aware
    language: str | None
    first_feed: str  # the feed it was first seen in (its name when set)
    feeds: list[str] = field(default_factory=list)  # every feed it appeared in


def window_ids(con: Any, start: dt.datetime, end: dt.datetime) -> list[tuple[str, dt.datetime]]:
    """(entry id, published) of every entry published in ``[start, end)``: what a sample is chosen from."""
    rows = _execute(con, "queries/analysis_window_ids", [start, end], start, end).fetchall()
    return [(str(entry_id), _utc(published)) for entry_id, published in rows]


def window_entries(
    con: Any, start: dt.datetime, end: dt.datetime, only: Collection[str] | None = None
) -> list[WindowEntry]:
    """Entries published in ``[start, end)``, oldest first (ties by id); only the ids in ``only`` when
    given. Rows are turned into records a batch at a time (never all rows and all records at once)."""
    cursor = _execute(
        con, "queries/analysis_window", [start, end, None if only is None else list(only)], start, end
    )
    out: list[WindowEntry] = []
    while rows := cursor.fetchmany(BATCH):
        out.extend(
            WindowEntry(
                entry_id=str(entry_id), title=title, summary=summary, link=link, published=_utc(published),
                language=language, first_feed=str(first), feeds=sorted(set(feeds or [])) or [str(first)],
            )
            for entry_id, title, summary, link, published, language, first, feeds in rows
        )
    return out


def _execute(con: Any, query: str, params: list[Any], start: dt.datetime, end: dt.datetime) -> Any:
    try:
        return con.execute(load_sql(query), params)
    except Exception as e:  # duckdb.Error, without importing duckdb at module level
        raise AnalysisError(
            f"can't read entries between {start:%Y-%m-%d} and {end:%Y-%m-%d} from the store: {e}. "
            "Is it a trendwatch store? Run `trendwatch ingest` first."
        ) from e


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
