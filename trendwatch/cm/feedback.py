"""Learning from use: ideas marked used or dismissed shape the next digests.

A topic whose idea was dismissed in an earlier week is not proposed again unless it has grown
strongly since (``GROWTH_FACTOR`` times the articles it had then). Used ideas are reported with
how their topic evolved in the digests since. Statuses live in the ``ideas`` table
(sql/migrations/003_digests.sql): plain SQL works as well as ``trendwatch idea used ID``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from typing import Any

from trendwatch.analysis.model import Topic
from trendwatch.cm import CmError
from trendwatch.cm.matching import fold
from trendwatch.messages import Note, render
from trendwatch.store import cm_store
from trendwatch.store.connection import Connection
from trendwatch.weeks import shift_week

STATUSES = ("proposed", "used", "dismissed")
GROWTH_FACTOR = 2.0  # a dismissed topic comes back once it has this many times its articles
KEYWORD_OVERLAP = 0.5  # Jaccard overlap of keywords that makes two topics the same
USED_LOOKBACK_WEEKS = 12  # used ideas older than this are no longer reported
MIN_ID_PREFIX = 6


def _language(con: Connection) -> str:
    """The language of the latest digest (notes match it), English when there is none."""
    language = cm_store.latest_digest_language(con)
    return language if language in ("fr", "en") else "en"


def ideas_table_exists(con: Connection) -> bool:
    """True once the digest's tables exist in the store."""
    return cm_store.ideas_table_exists(con)


def _keywords(words: Any) -> set[str]:
    return {fold(str(w)) for w in (words or [])}


def same_topic(topic: Topic, topic_id: str, keywords: Any) -> bool:
    """True when ``topic`` continues a stored topic: same id, or keywords overlapping enough."""
    if topic.topic_id == topic_id:
        return True
    a, b = _keywords(topic.keywords), _keywords(keywords)
    return bool(a and b) and len(a & b) / len(a | b) >= KEYWORD_OVERLAP


def filter_dismissed(con: Connection, topics: list[Topic], week: str) -> tuple[list[Topic], list[Note]]:
    """Drop topics matching an idea dismissed in an earlier week, unless grown strongly; plus notes."""
    if not topics or not ideas_table_exists(con):
        return list(topics), []
    rows = cm_store.dismissed_topics(con, week)
    if not rows:
        return list(topics), []
    kept: list[Topic] = []
    notes: list[Note] = []
    for topic in topics:
        match = next((r for r in rows if same_topic(topic, r.topic_id, r.keywords)), None)
        if match is None:
            kept.append(topic)
            continue
        then = int(match.n_articles or 0)
        values = {"label": topic.label, "week": match.week, "then": then or "?", "now": topic.n_articles}
        if then and topic.n_articles >= GROWTH_FACTOR * then:
            kept.append(topic)
            notes.append(Note("feedback.back", values))
        else:
            notes.append(Note("feedback.dropped", values))
    return kept, notes


def _counts(weekly_counts: Any) -> list[tuple[str, int]]:
    """A topic's stored weekly_counts JSON as (week, articles) pairs."""
    data = json.loads(weekly_counts) if isinstance(weekly_counts, str) else (weekly_counts or [])
    out = []
    for item in data:
        if isinstance(item, dict):
            out.append((str(item.get("week")), int(item.get("articles") or 0)))
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            out.append((str(item[0]), int(item[1])))
    return out


def used_ideas_report(con: Connection, week: str) -> list[dict[str, Any]]:
    """Ideas marked used in the weeks before ``week``, each with how its topic evolved since."""
    if not ideas_table_exists(con):
        return []
    lang = _language(con)
    report = []
    for idea in cm_store.used_ideas(con, week, shift_week(week, -USED_LOOKBACK_WEEKS)):
        idea_week, used_at, topic_id = idea.week, idea.status_at, idea.topic_id
        since = cm_store.topic_weeks_after(con, topic_id, idea_week, week)
        later = [(t.week, t.n_articles, t.label) for t in since]
        then = int(idea.n_articles or 0)
        entry: dict[str, Any] = {
            "idea_id": idea.idea_id,
            "title": idea.title,
            "format": idea.format,
            "week": idea_week,
            "used_at": used_at.isoformat() if isinstance(used_at, dt.datetime) else used_at,
            "topic_id": topic_id,
            "label": idea.label,
            "articles_then": then,
            "weekly": [(idea_week, then)] + [(w, int(n or 0)) for w, n, _ in later],
        }
        if later:
            latest, now, _ = later[-1]
            now = int(now or 0)
            trend = "growing" if now >= 1.5 * max(then, 1) else "fading" if now <= 0.67 * then else "steady"
            entry.update(articles_now=now, latest_week=latest, trend=trend)
            trend_word = render(f"feedback.{trend}", lang)
            entry["evolution"] = render(
                "feedback.evolved", lang, week=idea_week, then=then, now=now, latest=latest, trend=trend_word
            )
        else:
            entry.update(articles_now=None, latest_week=None, trend="unseen")
            entry["evolution"] = render("feedback.unseen", lang, week=idea_week, then=then)
        report.append(entry)
    return report


def _find_hint(con: Connection) -> str:
    week = cm_store.latest_idea_week(con) or "2022-W08"
    return (
        f"List the ids with `trendwatch idea list --week {week}` or "
        f"`trendwatch sql \"SELECT idea_id, title FROM ideas WHERE week = '{week}'\"`."
    )


def resolve_idea_id(con: Connection, idea_id: str) -> str:
    """The full id of an idea, from its id or a unique prefix (at least 6 characters)."""
    idea_id = idea_id.strip()
    if not ideas_table_exists(con):
        raise CmError(f"no idea {idea_id!r}: the store has no digest yet. Run `trendwatch digest` first.")
    if cm_store.idea_exists(con, idea_id):
        return idea_id
    found = []
    if len(idea_id) >= MIN_ID_PREFIX:
        found = cm_store.ideas_with_prefix(con, idea_id, 5)
    if len(found) == 1:
        return str(found[0])
    if len(found) > 1:
        raise CmError(
            f"idea id {idea_id!r} is ambiguous: it starts {', '.join(found)}. Give more characters."
        )
    raise CmError(f"no idea with id {idea_id!r} in the store. {_find_hint(con)}")


def set_idea_status(
    con: Connection, idea_id: str, status: str, *, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Mark an idea used, dismissed or proposed again; returns its row (id, week, title, status)."""
    if status not in STATUSES:
        raise CmError(f"status {status!r} is not one of {', '.join(STATUSES)}.")
    full = resolve_idea_id(con, idea_id)
    at = now or dt.datetime.now(dt.UTC)
    cm_store.set_status(con, full, status, None if status == "proposed" else at)
    row = cm_store.idea_status(con, full)
    if row is None:  # resolved a moment ago: only a concurrent delete gets here
        raise CmError(f"no idea with id {full!r} in the store. {_find_hint(con)}")
    return asdict(row)
