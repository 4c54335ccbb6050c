"""Brand mentions in the store: which entries are left to scan, their text, the mentions found.

:func:`trendwatch.cm.brand.tag_mentions` decides what a mention is; this module only reads and
writes ``entries``, ``mentions`` and ``mention_scans`` (sql/migrations/004_brand.sql) through the
SQL in ``sql/queries/brand_*``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import astuple, dataclass

from trendwatch.store.connection import Connection
from trendwatch.store.sqlfiles import query_sql

__all__ = [
    "EntryText",
    "MentionRecord",
    "entry_texts",
    "forget_scans",
    "mark_scanned",
    "unscanned_entry_ids",
    "write_mentions",
]


@dataclass(frozen=True, slots=True)
class EntryText:
    """What the brand tagger reads of one entry."""

    entry_id: str
    title: str | None
    summary: str | None
    content: str | None
    language: str | None
    published: dt.datetime | None


@dataclass(frozen=True, slots=True)
class MentionRecord:
    """One watched name found in one entry (a row of ``mentions``)."""

    entry_id: str
    name: str
    kind: str
    matched: str
    hits: int
    in_title: bool
    tone: float
    language: str | None
    published: dt.datetime | None
    tagged_at: dt.datetime


def forget_scans(con: Connection, *, keep_hash: str | None) -> None:
    """Forget the scans (and their mentions) made with other settings than ``keep_hash``; all of
    them when ``keep_hash`` is None."""
    if keep_hash is None:
        con.execute(query_sql("brand_mentions_clear"))
        con.execute(query_sql("brand_scans_clear"))
    else:
        con.execute(query_sql("brand_mentions_forget_stale"), [keep_hash])
        con.execute(query_sql("brand_scans_forget_stale"), [keep_hash])


def unscanned_entry_ids(con: Connection) -> list[str]:
    """Ids of the entries not scanned yet, sorted."""
    return [r[0] for r in con.execute(query_sql("brand_pending_entries")).fetchall()]


def entry_texts(con: Connection, entry_ids: Sequence[str]) -> list[EntryText]:
    """The text of these entries (in no particular order)."""
    rows = con.execute(query_sql("brand_entry_texts"), [list(entry_ids)]).fetchall()
    return [EntryText(*r) for r in rows]


def write_mentions(con: Connection, mentions: Sequence[MentionRecord]) -> None:
    """Store mentions, replacing an entry's earlier mention of the same name."""
    if mentions:
        con.executemany(query_sql("brand_mentions_upsert"), [list(astuple(m)) for m in mentions])


def mark_scanned(con: Connection, entry_ids: Sequence[str], at: dt.datetime, config_hash: str) -> None:
    """Record that these entries were scanned with the settings hashed ``config_hash``."""
    con.execute(query_sql("brand_scans_mark"), [list(entry_ids), at, config_hash])
