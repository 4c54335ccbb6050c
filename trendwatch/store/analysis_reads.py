"""What the analysis reads from the store: the entries of a window of weeks, as plain records.

The analysis never holds a connection itself: ``analyse_week`` calls :func:`window_entries` once
and works on the records it returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from trendwatch.errors import AnalysisError
from trendwatch.store.sqlfiles import load_sql


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


def window_entries(con: Any, start: dt.datetime, end: dt.datetime) -> list[WindowEntry]:
    """Entries published in ``[start, end)``, oldest first (ties by id)."""
    try:
        rows = con.execute(load_sql("queries/analysis_window"), [start, end]).fetchall()
    except Exception as e:  # duckdb.Error, without importing duckdb at module level
        raise AnalysisError(
            f"can't read entries between {start:%Y-%m-%d} and {end:%Y-%m-%d} from the store: {e}. "
            "Is it a trendwatch store? Run `trendwatch ingest` first."
        ) from e
    return [
        WindowEntry(
            entry_id=str(entry_id), title=title, summary=summary, link=link, published=_utc(published),
            language=language, first_feed=str(first), feeds=sorted(set(feeds or [])) or [str(first)],
        )
        for entry_id, title, summary, link, published, language, first, feeds in rows
    ]


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
