"""What the community-manager tools read and write in the store: idea statuses (feedback), a week's
ideas (calendar, ``trendwatch idea list``) and brand mentions by week (alerts).

The meaning stays in :mod:`trendwatch.cm`; this module only runs the SQL in
``sql/queries/{feedback,calendar,alerts,idea}_*`` and returns plain records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trendwatch.store.connection import Connection
from trendwatch.store.sqlfiles import query_sql

__all__ = [
    "DismissedTopic",
    "IdeaListed",
    "IdeaStatus",
    "MentionArticle",
    "MentionTone",
    "TopicWeek",
    "UsedIdea",
    "WeekIdea",
    "first_published",
    "idea_exists",
    "idea_status",
    "ideas_listed",
    "ideas_table_exists",
    "ideas_with_prefix",
    "latest_digest_language",
    "latest_idea_week",
    "latest_listed_week",
    "mention_articles",
    "mentions_between",
    "set_status",
    "topic_weeks_after",
    "used_ideas",
    "dismissed_topics",
    "week_ideas",
    "weeks_with_ideas",
]


def _table_exists(con: Connection, table: str) -> bool:
    row = con.execute(query_sql("store_table_exists"), [table]).fetchone()
    return bool(row and row[0])


def ideas_table_exists(con: Connection) -> bool:
    """True once the digest's tables exist in the store."""
    return _table_exists(con, "ideas")


# --- feedback -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DismissedTopic:
    """The topic of an idea dismissed in ``week`` (label, keywords, articles as stored that week)."""

    week: str
    topic_id: str
    label: str | None
    keywords: list[str] | None
    n_articles: int | None


@dataclass(frozen=True, slots=True)
class UsedIdea:
    """An idea marked used, with its topic's label and articles in the idea's week."""

    idea_id: str
    title: str | None
    format: str | None
    week: str
    status_at: dt.datetime | None
    topic_id: str
    label: str | None
    n_articles: int | None


@dataclass(frozen=True, slots=True)
class TopicWeek:
    """A topic's articles and label in a later week's digest."""

    week: str
    n_articles: int | None
    label: str | None


@dataclass(frozen=True, slots=True)
class IdeaStatus:
    idea_id: str
    week: str
    title: str | None
    status: str
    status_at: dt.datetime | None


def latest_digest_language(con: Connection) -> str | None:
    """The language of the latest stored digest; None when there is none (or no digests table)."""
    if not _table_exists(con, "digests"):
        return None
    row = con.execute(query_sql("feedback_latest_language")).fetchone()
    return row[0] if row else None


def dismissed_topics(con: Connection, before_week: str) -> list[DismissedTopic]:
    """Topics of the ideas dismissed in weeks before ``before_week``, newest week first."""
    rows = con.execute(query_sql("feedback_dismissed_topics"), [before_week]).fetchall()
    return [DismissedTopic(*r) for r in rows]


def used_ideas(con: Connection, before_week: str, since_week: str) -> list[UsedIdea]:
    """Ideas marked used in the weeks from ``since_week`` to before ``before_week``, oldest first."""
    rows = con.execute(query_sql("feedback_used_ideas"), [before_week, since_week]).fetchall()
    return [UsedIdea(*r) for r in rows]


def topic_weeks_after(con: Connection, topic_id: str, after_week: str, upto_week: str) -> list[TopicWeek]:
    """The topic (or its continuation) in the digests after ``after_week`` up to ``upto_week``."""
    rows = con.execute(
        query_sql("feedback_topic_later"), [topic_id, topic_id, after_week, upto_week]
    ).fetchall()
    return [TopicWeek(*r) for r in rows]


def latest_idea_week(con: Connection) -> str | None:
    """The latest week that has ideas (None without ideas or without the table)."""
    if not ideas_table_exists(con):
        return None
    row = con.execute(query_sql("feedback_latest_idea_week")).fetchone()
    return row[0] if row else None


def idea_exists(con: Connection, idea_id: str) -> bool:
    return con.execute(query_sql("feedback_idea_exists"), [idea_id]).fetchone() is not None


def ideas_with_prefix(con: Connection, prefix: str, limit: int) -> list[str]:
    """Up to ``limit`` ids starting with ``prefix``, sorted."""
    return [r[0] for r in con.execute(query_sql("feedback_ideas_with_prefix"), [prefix, limit]).fetchall()]


def set_status(con: Connection, idea_id: str, status: str, at: dt.datetime | None) -> None:
    con.execute(query_sql("feedback_set_status"), [status, at, idea_id])


def idea_status(con: Connection, idea_id: str) -> IdeaStatus | None:
    row = con.execute(query_sql("feedback_idea_status"), [idea_id]).fetchone()
    return IdeaStatus(*row) if row else None


# --- calendar and `trendwatch idea list` ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekIdea:
    """An idea of the week (not dismissed) with its topic's rank and its stored slot."""

    idea_id: str
    title: str | None
    format: str | None
    why_now: str | None
    sources: list[str] | None
    caution: list[str] | None
    status: str
    topic_rank: int | None
    idea_rank: int | None
    slot: dt.datetime | None


@dataclass(frozen=True, slots=True)
class IdeaListed:
    """An idea as ``trendwatch idea list`` shows it."""

    idea_id: str
    week: str
    rank: int | None
    format: str | None
    status: str
    slot: dt.datetime | None
    title: str | None


def week_ideas(con: Connection, week: str) -> list[WeekIdea]:
    """``week``'s ideas (not dismissed), best topic then best idea first."""
    return [WeekIdea(*r) for r in con.execute(query_sql("calendar_week_ideas"), [week]).fetchall()]


def weeks_with_ideas(con: Connection, limit: int) -> list[str]:
    """The latest ``limit`` weeks that have ideas not dismissed, newest first."""
    return [r[0] for r in con.execute(query_sql("calendar_weeks_with_ideas"), [limit]).fetchall()]


def latest_listed_week(con: Connection) -> str | None:
    """The week of the latest digest, else the latest week with ideas."""
    row = con.execute(query_sql("idea_latest_week")).fetchone()
    return row[0] if row else None


def ideas_listed(con: Connection, week: str | None) -> list[IdeaListed]:
    """``week``'s ideas by slot, then rank."""
    return [IdeaListed(*r) for r in con.execute(query_sql("idea_of_week"), [week]).fetchall()]


# --- alerts ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MentionTone:
    """A mention of a watched brand or product: when, and its tone."""

    name: str
    kind: str
    published: dt.datetime
    tone: float


@dataclass(frozen=True, slots=True)
class MentionArticle:
    """An article mentioning a name: its title, link, feed and the mention's tone."""

    entry_id: str
    title: str
    link: str | None
    published: dt.datetime
    feed: str  # its name, else its title, else its id
    tone: float


def first_published(con: Connection) -> dt.datetime | None:
    """When the store's first entry was published (None when it has none)."""
    row = con.execute(query_sql("alerts_first_published")).fetchone()
    return row[0] if row else None


def mentions_between(con: Connection, start: dt.datetime, end: dt.datetime) -> list[MentionTone]:
    """Mentions of brands and products published in ``[start, end)``."""
    rows = con.execute(query_sql("alerts_mentions_between"), [start, end]).fetchall()
    return [MentionTone(*r) for r in rows]


def mention_articles(
    con: Connection, name: str, start: dt.datetime, end: dt.datetime, *, negative_only: bool, limit: int
) -> list[MentionArticle]:
    """Articles mentioning ``name`` published in ``[start, end)``: with ``negative_only``, the negative
    ones, most negative first; else all, those naming it in the title first."""
    query = "alerts_articles_negative" if negative_only else "alerts_articles"
    rows = con.execute(query_sql(query), [name, start, end, limit]).fetchall()
    return [MentionArticle(*r) for r in rows]
