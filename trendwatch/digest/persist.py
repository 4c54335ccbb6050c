"""Saving a digest in the store (tables of sql/migrations/003_digests.sql), idempotently.

Re-making a week replaces that week's rows in one transaction; an idea whose id survives keeps
its status (used / dismissed) and status time.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

from trendwatch.config import Settings
from trendwatch.digest.model import Digest
from trendwatch.errors import DigestError, StoreError
from trendwatch.store.connection import Connection
from trendwatch.store.digest_store import (
    DigestRecord,
    IdeaRecord,
    TopicEntryRecord,
    TopicRecord,
    digest_body,
    other_weeks_slots,
    replace_week,
    weeks_with_entries,
)
from trendwatch.weeks import week_monday


def save_digest(con: Connection, digest: Digest) -> None:
    """Replace ``digest.week``'s rows with this digest, keeping idea statuses."""
    week = digest.week
    if digest.n_entries == 0 and not digest.data_weeks:
        digest.data_weeks = weeks_with_data(con, digest.timezone)
    record = DigestRecord(
        week, digest.generated_at, digest.language, digest.n_entries, digest.note_texts(),
        json.dumps(digest.to_json(), ensure_ascii=False),
    )
    topics, entries, ideas = [], [], []
    for d in digest.topics:
        tp = d.topic
        counts = [{"week": w, "articles": n} for w, n in tp.weekly_counts]
        topics.append(
            TopicRecord(
                week, tp.topic_id, d.rank, tp.label, list(tp.keywords), float(tp.score), tp.n_articles,
                tp.n_sources, float(tp.baseline_mean), json.dumps(counts),
            )
        )
        shown = {a.entry_id for a in tp.articles}
        for entry_id in dict.fromkeys([*tp.entry_ids, *shown]):
            entries.append(TopicEntryRecord(week, tp.topic_id, entry_id, entry_id in shown))
        for idea in d.ideas:
            ideas.append(
                IdeaRecord(
                    idea.idea_id, week, tp.topic_id, idea.rank, idea.title, idea.format, idea.why_now,
                    list(idea.sources), idea.slot, list(idea.caution),
                )
            )
    try:
        replace_week(con, record, topics, entries, ideas)
    except StoreError as e:
        raise DigestError(str(e), week=week) from e


def weeks_with_data(con: Connection, timezone: str, limit: int = 8) -> list[str]:
    """The latest ISO weeks (in ``timezone``) that have articles in the store, oldest first: what an
    empty week's digest points the reader to."""
    return sorted(weeks_with_entries(con, timezone, limit))


def taken_slots(con: Connection, week: str, settings: Settings) -> list[dt.datetime]:
    """Slots of other weeks' ideas (not dismissed) that fall in the week after ``week``."""
    tz = ZoneInfo(settings.digest.timezone)
    start = dt.datetime.combine(week_monday(week) + dt.timedelta(days=7), dt.time(0), tzinfo=tz)
    end = dt.datetime.combine(week_monday(week) + dt.timedelta(days=14), dt.time(0), tzinfo=tz)
    return other_weeks_slots(con, week, start, end)


def stored_digest(con: Connection, week: str) -> dict[str, Any] | None:
    """The JSON body of a stored digest, or None when that week has none."""
    return digest_body(con, week)
