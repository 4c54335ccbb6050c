"""Learning from use: ideas marked used or dismissed shape the next digests.

A topic whose idea was dismissed in an earlier week is not proposed again unless it has grown
strongly since (``GROWTH_FACTOR`` times the articles it had then). Used ideas are reported with
how their topic evolved in the digests since. Statuses live in the ``ideas`` table
(sql/migrations/003_digests.sql): plain SQL works as well as ``trendwatch idea used ID``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from trendwatch.analysis.model import Topic
from trendwatch.cm import CmError
from trendwatch.cm.matching import fold
from trendwatch.messages import Note, render

STATUSES = ("proposed", "used", "dismissed")
GROWTH_FACTOR = 2.0  # a dismissed topic comes back once it has this many times its articles
KEYWORD_OVERLAP = 0.5  # Jaccard overlap of keywords that makes two topics the same
USED_LOOKBACK_WEEKS = 12  # used ideas older than this are no longer reported
MIN_ID_PREFIX = 6

def _language(con: Any) -> str:
    """The language of the latest digest (notes match it), English when there is none."""
    try:
        row = con.execute("SELECT language FROM digests ORDER BY week DESC LIMIT 1").fetchone()
    except Exception:  # no digests table yet
        return "en"
    return row[0] if row and row[0] in ("fr", "en") else "en"


def ideas_table_exists(con: Any) -> bool:
    """True once the digest's tables exist in the store."""
    row = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'ideas'").fetchone()
    return bool(row and row[0])


def _keywords(words: Any) -> set[str]:
    return {fold(str(w)) for w in (words or [])}


def same_topic(topic: Topic, topic_id: str, keywords: Any) -> bool:
    """True when ``topic`` continues a stored topic: same id, or keywords overlapping enough."""
    if topic.topic_id == topic_id:
        return True
    a, b = _keywords(topic.keywords), _keywords(keywords)
    return bool(a and b) and len(a & b) / len(a | b) >= KEYWORD_OVERLAP


def filter_dismissed(con: Any, topics: list[Topic], week: str) -> tuple[list[Topic], list[Note]]:
    """Drop topics matching an idea dismissed in an earlier week, unless grown strongly; plus notes."""
    if not topics or not ideas_table_exists(con):
        return list(topics), []
    rows = con.execute(
        "SELECT i.week, i.topic_id, max(t.label), any_value(t.keywords), max(t.n_articles) "
        "FROM ideas i LEFT JOIN topics t ON t.week = i.week AND t.topic_id = i.topic_id "
        "WHERE i.status = 'dismissed' AND i.week < ? GROUP BY i.week, i.topic_id ORDER BY i.week DESC",
        [week],
    ).fetchall()
    if not rows:
        return list(topics), []
    kept: list[Topic] = []
    notes: list[Note] = []
    for topic in topics:
        match = next((r for r in rows if same_topic(topic, r[1], r[3])), None)
        if match is None:
            kept.append(topic)
            continue
        then = int(match[4] or 0)
        values = {"label": topic.label, "week": match[0], "then": then or "?", "now": topic.n_articles}
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


def used_ideas_report(con: Any, week: str) -> list[dict[str, Any]]:
    """Ideas marked used in the weeks before ``week``, each with how its topic evolved since."""
    from trendwatch.analysis.weeks import shift_week

    if not ideas_table_exists(con):
        return []
    lang = _language(con)
    ideas = con.execute(
        "SELECT i.idea_id, i.title, i.format, i.week, i.status_at, i.topic_id, t.label, t.n_articles "
        "FROM ideas i LEFT JOIN topics t ON t.week = i.week AND t.topic_id = i.topic_id "
        "WHERE i.status = 'used' AND i.week < ? AND i.week >= ? ORDER BY i.week, i.rank, i.idea_id",
        [week, shift_week(week, -USED_LOOKBACK_WEEKS)],
    ).fetchall()
    report = []
    for idea_id, title, fmt, idea_week, used_at, topic_id, label, then in ideas:
        later = con.execute(
            "SELECT week, n_articles, label FROM topics WHERE (topic_id = ? OR previous_topic_id = ?) "
            "AND week > ? AND week <= ? ORDER BY week",
            [topic_id, topic_id, idea_week, week],
        ).fetchall()
        then = int(then or 0)
        entry: dict[str, Any] = {
            "idea_id": idea_id,
            "title": title,
            "format": fmt,
            "week": idea_week,
            "used_at": used_at.isoformat() if isinstance(used_at, dt.datetime) else used_at,
            "topic_id": topic_id,
            "label": label,
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


def _find_hint(con: Any) -> str:
    row = con.execute("SELECT max(week) FROM ideas").fetchone() if ideas_table_exists(con) else None
    week = row[0] if row and row[0] else "2022-W08"
    return (
        f"List the ids with `trendwatch idea list --week {week}` or "
        f"`trendwatch sql \"SELECT idea_id, title FROM ideas WHERE week = '{week}'\"`."
    )


def resolve_idea_id(con: Any, idea_id: str) -> str:
    """The full id of an idea, from its id or a unique prefix (at least 6 characters)."""
    idea_id = idea_id.strip()
    if not ideas_table_exists(con):
        raise CmError(f"no idea {idea_id!r}: the store has no digest yet. Run `trendwatch digest` first.")
    if con.execute("SELECT 1 FROM ideas WHERE idea_id = ?", [idea_id]).fetchone():
        return idea_id
    found = []
    if len(idea_id) >= MIN_ID_PREFIX:
        found = [
            r[0]
            for r in con.execute(
                "SELECT idea_id FROM ideas WHERE starts_with(idea_id, ?) ORDER BY idea_id LIMIT 5", [idea_id]
            ).fetchall()
        ]
    if len(found) == 1:
        return str(found[0])
    if len(found) > 1:
        raise CmError(
            f"idea id {idea_id!r} is ambiguous: it starts {', '.join(found)}. Give more characters."
        )
    raise CmError(f"no idea with id {idea_id!r} in the store. {_find_hint(con)}")


def set_idea_status(con: Any, idea_id: str, status: str, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """Mark an idea used, dismissed or proposed again; returns its row (id, week, title, status)."""
    if status not in STATUSES:
        raise CmError(f"status {status!r} is not one of {', '.join(STATUSES)}.")
    full = resolve_idea_id(con, idea_id)
    at = now or dt.datetime.now(dt.UTC)
    con.execute(
        "UPDATE ideas SET status = ?, status_at = ? WHERE idea_id = ?",
        [status, None if status == "proposed" else at, full],
    )
    row = con.execute(
        "SELECT idea_id, week, title, status, status_at FROM ideas WHERE idea_id = ?", [full]
    ).fetchone()
    return dict(zip(("idea_id", "week", "title", "status", "status_at"), row, strict=True))
