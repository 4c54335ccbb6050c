"""The cm tools' store reads that their own tests don't reach: id prefixes, the latest week and
language, a status round trip."""

from __future__ import annotations

import datetime as dt
from typing import Any

from trendwatch.store import cm_store

AT = dt.datetime(2022, 2, 28, 9, 0, tzinfo=dt.UTC)


def _ideas(store: Any, *rows: tuple[str, str]) -> None:
    for idea_id, week in rows:
        store.execute(
            "INSERT INTO ideas (idea_id, week, topic_id, rank, title) VALUES (?, ?, 't', 1, ?)",
            [idea_id, week, f"title {idea_id}"],
        )


def test_an_empty_store_has_no_week_and_no_language(store: Any) -> None:
    assert cm_store.ideas_table_exists(store)
    assert cm_store.latest_idea_week(store) is None
    assert cm_store.latest_listed_week(store) is None
    assert cm_store.latest_digest_language(store) is None
    assert cm_store.idea_status(store, "nope") is None


def test_the_latest_digest_wins_over_later_ideas(store: Any) -> None:
    _ideas(store, ("a1", "2022-W07"), ("a2", "2022-W09"))
    assert cm_store.latest_listed_week(store) == "2022-W09", "no digest yet: the ideas' week"
    store.execute("INSERT INTO digests (week, language) VALUES ('2022-W08', 'fr'), ('2022-W06', 'en')")
    assert cm_store.latest_listed_week(store) == "2022-W08"
    assert cm_store.latest_digest_language(store) == "fr"
    assert cm_store.latest_idea_week(store) == "2022-W09"


def test_prefixes_sorted_and_limited_and_a_status_round_trip(store: Any) -> None:
    _ideas(store, ("abcdef02", "2022-W08"), ("abcdef01", "2022-W08"), ("abcdef03", "2022-W08"))
    assert cm_store.ideas_with_prefix(store, "abcdef", 2) == ["abcdef01", "abcdef02"]
    assert cm_store.idea_exists(store, "abcdef03") and not cm_store.idea_exists(store, "abcdef")
    cm_store.set_status(store, "abcdef03", "used", AT)
    got = cm_store.idea_status(store, "abcdef03")
    assert got is not None and (got.status, got.status_at, got.title) == ("used", AT, "title abcdef03")
    listed = cm_store.ideas_listed(store, "2022-W08")
    assert [i.idea_id for i in listed] == ["abcdef01", "abcdef02", "abcdef03"]


def test_weeks_with_ideas_leave_out_dismissed_only_weeks(store: Any) -> None:
    _ideas(store, ("w5", "2022-W05"), ("w6", "2022-W06"), ("w7", "2022-W07"), ("w8", "2022-W08"))
    cm_store.set_status(store, "w7", "dismissed", AT)
    assert cm_store.weeks_with_ideas(store, 2) == ["2022-W08", "2022-W06"]
