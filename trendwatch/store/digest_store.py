"""Digests in the store: a week's digest, topics, topic entries and ideas (sql/migrations/003_digests.sql).

:func:`trendwatch.digest.persist.save_digest` turns a digest into these records; this module only
reads and writes the rows, through the SQL in ``sql/queries/digest_*``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import astuple, dataclass, replace
from typing import Any

from trendwatch.errors import StoreError
from trendwatch.store.connection import Connection
from trendwatch.store.sqlfiles import query_sql

__all__ = [
    "DigestRecord",
    "IdeaRecord",
    "TopicEntryRecord",
    "TopicRecord",
    "digest_body",
    "other_weeks_slots",
    "replace_week",
    "weeks_with_entries",
]

WEEK_TABLES = ("ideas", "topic_entries", "topics", "digests")  # deleted in this order


@dataclass(frozen=True, slots=True)
class DigestRecord:
    """A row of ``digests``."""

    week: str
    generated_at: dt.datetime
    language: str
    n_entries: int
    notes: list[str]
    body: str  # the digest as JSON text


@dataclass(frozen=True, slots=True)
class TopicRecord:
    """A row of ``topics``; ``previous_topic_id`` is filled in by :func:`replace_week`."""

    week: str
    topic_id: str
    rank: int
    label: str
    keywords: list[str]
    score: float
    n_articles: int
    n_sources: int
    baseline_mean: float
    weekly_counts: str  # JSON: [{"week": ..., "articles": ...}]
    previous_topic_id: str | None = None


@dataclass(frozen=True, slots=True)
class TopicEntryRecord:
    """A row of ``topic_entries``: an entry of a topic, ``shown`` as evidence or not."""

    week: str
    topic_id: str
    entry_id: str
    shown: bool


@dataclass(frozen=True, slots=True)
class IdeaRecord:
    """A row of ``ideas``; an id already stored keeps its stored status (see :func:`replace_week`)."""

    idea_id: str
    week: str
    topic_id: str
    rank: int
    title: str
    format: str
    why_now: str
    sources: list[str]
    slot: dt.datetime | None
    caution: list[str]
    status: str = "proposed"
    status_at: dt.datetime | None = None


def replace_week(
    con: Connection,
    digest: DigestRecord,
    topics: Sequence[TopicRecord],
    entries: Sequence[TopicEntryRecord],
    ideas: Sequence[IdeaRecord],
) -> None:
    """Replace ``digest.week``'s rows with these, in one transaction. An idea whose id is already
    stored for the week keeps its status and status time; a topic id seen in an earlier week's
    digest becomes its own ``previous_topic_id``. A DuckDB error rolls back and raises
    :class:`StoreError`."""
    import duckdb  # loaded with the store, not with the digest package

    week = digest.week
    con.execute("BEGIN TRANSACTION")
    try:
        kept = {
            row[0]: (row[1], row[2])
            for row in con.execute(query_sql("digest_idea_statuses"), [week]).fetchall()
        }
        ids = [t.topic_id for t in topics]
        earlier: set[str] = set()
        if ids:
            earlier = {
                r[0] for r in con.execute(query_sql("digest_topics_seen_before"), [week, ids]).fetchall()
            }
        for table in WEEK_TABLES:
            con.execute(query_sql(f"digest_delete_{table}"), [week])
        con.execute(query_sql("digest_insert"), list(astuple(digest)))
        topic_rows = [
            list(astuple(replace(t, previous_topic_id=t.topic_id if t.topic_id in earlier else None)))
            for t in topics
        ]
        idea_rows = []
        for idea in ideas:
            status, status_at = kept.get(idea.idea_id, (idea.status, idea.status_at))
            idea_rows.append(list(astuple(replace(idea, status=status, status_at=status_at))))
        if topic_rows:
            con.executemany(query_sql("digest_topics_insert"), topic_rows)
        if entries:
            con.executemany(query_sql("digest_topic_entries_insert"), [list(astuple(e)) for e in entries])
        if idea_rows:
            con.executemany(query_sql("digest_ideas_insert"), idea_rows)
        con.execute("COMMIT")
    except duckdb.Error as e:
        con.execute("ROLLBACK")
        raise StoreError(f"could not save the digest of {week} in the store: {e}") from e
    except BaseException:
        con.execute("ROLLBACK")
        raise


def weeks_with_entries(con: Connection, timezone: str, limit: int) -> list[str]:
    """The latest ``limit`` ISO weeks (in ``timezone``) with published entries, newest first."""
    rows = con.execute(query_sql("digest_weeks_with_entries"), [timezone, limit]).fetchall()
    return [str(r[0]) for r in rows]


def other_weeks_slots(con: Connection, week: str, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """Slots in ``[start, end)`` of the ideas (not dismissed) of weeks other than ``week``."""
    return [r[0] for r in con.execute(query_sql("digest_other_slots"), [week, start, end]).fetchall()]


def digest_body(con: Connection, week: str) -> dict[str, Any] | None:
    """The JSON body of ``week``'s stored digest, or None when that week has none."""
    row = con.execute(query_sql("digest_body"), [week]).fetchone()
    if not row:
        return None
    body = row[0]
    return json.loads(body) if isinstance(body, str) else body  # type: ignore[no-any-return]
