"""Saving a digest in the store (tables of sql/migrations/003_digests.sql), idempotently.

Re-making a week replaces that week's rows in one transaction; an idea whose id survives keeps
its status (used / dismissed) and status time.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

from trendwatch.analysis.weeks import week_monday
from trendwatch.config import Settings
from trendwatch.digest.model import Digest
from trendwatch.errors import DigestError

WEEK_TABLES = ("ideas", "topic_entries", "topics", "digests")


def save_digest(con: Any, digest: Digest) -> None:
    """Replace ``digest.week``'s rows with this digest, keeping idea statuses."""
    import duckdb

    week = digest.week
    if digest.n_entries == 0 and not digest.data_weeks:
        digest.data_weeks = weeks_with_data(con, digest.timezone)
    con.execute("BEGIN TRANSACTION")
    try:
        kept = {
            row[0]: (row[1], row[2])
            for row in con.execute(
                "SELECT idea_id, status, status_at FROM ideas WHERE week = ?", [week]
            ).fetchall()
        }
        ids = [d.topic_id for d in digest.topics]
        earlier: set[str] = set()
        if ids:
            earlier = {
                r[0]
                for r in con.execute(
                    "SELECT DISTINCT topic_id FROM topics WHERE week < ? AND list_contains(?, topic_id)",
                    [week, ids],
                ).fetchall()
            }
        for table in WEEK_TABLES:
            con.execute(f"DELETE FROM {table} WHERE week = ?", [week])
        con.execute(
            "INSERT INTO digests VALUES (?, ?, ?, ?, ?, ?)",
            [week, digest.generated_at, digest.language, digest.n_entries, digest.note_texts(),
             json.dumps(digest.to_json(), ensure_ascii=False)],
        )
        topic_rows, entry_rows, idea_rows = [], [], []
        for d in digest.topics:
            tp = d.topic
            counts = [{"week": w, "articles": n} for w, n in tp.weekly_counts]
            topic_rows.append(
                [week, tp.topic_id, d.rank, tp.label, list(tp.keywords), float(tp.score), tp.n_articles,
                 tp.n_sources, float(tp.baseline_mean), json.dumps(counts),
                 tp.topic_id if tp.topic_id in earlier else None]
            )
            shown = {a.entry_id for a in tp.articles}
            for entry_id in dict.fromkeys([*tp.entry_ids, *shown]):
                entry_rows.append([week, tp.topic_id, entry_id, entry_id in shown])
            for idea in d.ideas:
                status, status_at = kept.get(idea.idea_id, ("proposed", None))
                idea_rows.append(
                    [idea.idea_id, week, tp.topic_id, idea.rank, idea.title, idea.format, idea.why_now,
                     list(idea.sources), idea.slot, list(idea.caution), status, status_at]
                )
        if topic_rows:
            con.executemany("INSERT INTO topics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", topic_rows)
        if entry_rows:
            con.executemany("INSERT INTO topic_entries VALUES (?, ?, ?, ?)", entry_rows)
        if idea_rows:
            con.executemany("INSERT INTO ideas VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", idea_rows)
        con.execute("COMMIT")
    except duckdb.Error as e:
        con.execute("ROLLBACK")
        raise DigestError(f"could not save the digest of {week} in the store: {e}") from e
    except BaseException:
        con.execute("ROLLBACK")
        raise


def weeks_with_data(con: Any, timezone: str, limit: int = 8) -> list[str]:
    """The latest ISO weeks (in ``timezone``) that have articles in the store, oldest first: what an
    empty week's digest points the reader to."""
    rows = con.execute(
        "SELECT DISTINCT strftime(timezone(?, published), '%G-W%V') AS w FROM entries "
        "WHERE published IS NOT NULL ORDER BY w DESC LIMIT ?",
        [timezone, limit],
    ).fetchall()
    return sorted(str(r[0]) for r in rows)


def taken_slots(con: Any, week: str, settings: Settings) -> list[dt.datetime]:
    """Slots of other weeks' ideas (not dismissed) that fall in the week after ``week``."""
    tz = ZoneInfo(settings.digest.timezone)
    start = dt.datetime.combine(week_monday(week) + dt.timedelta(days=7), dt.time(0), tzinfo=tz)
    end = dt.datetime.combine(week_monday(week) + dt.timedelta(days=14), dt.time(0), tzinfo=tz)
    rows = con.execute(
        "SELECT slot FROM ideas WHERE week <> ? AND status <> 'dismissed' AND slot >= ? AND slot < ?",
        [week, start, end],
    ).fetchall()
    return [r[0] for r in rows]


def stored_digest(con: Any, week: str) -> dict[str, Any] | None:
    """The JSON body of a stored digest, or None when that week has none."""
    row = con.execute("SELECT body FROM digests WHERE week = ?", [week]).fetchone()
    if not row:
        return None
    body = row[0]
    return json.loads(body) if isinstance(body, str) else body  # type: ignore[no-any-return]
