"""Persisting digests: the tables filled, re-making a week is idempotent and keeps idea statuses."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tests.digest.test_render import NOW, WEEK, make_analysis, make_settings, make_topic
from trendwatch.digest import digest_from_analysis
from trendwatch.digest.persist import save_digest, stored_digest, taken_slots
from trendwatch.errors import DigestError
from trendwatch.store import connect


def rows(con: Any, table: str) -> list[tuple[Any, ...]]:
    return con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


def test_remaking_a_week_replaces_its_rows_and_keeps_idea_statuses(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, language="en")
    con = connect(settings.store_path)
    try:
        analysis = make_analysis(
            [make_topic("t1", "Energy prices"), make_topic("t2", "Rail strike", score=2.0)]
        )
        save_digest(con, digest_from_analysis(analysis, settings, now=NOW))
        first = {t: rows(con, t) for t in ("digests", "topics", "topic_entries", "ideas")}
        assert len(first["digests"]) == 1 and len(first["topics"]) == 2
        assert len(first["topic_entries"]) == 8, "3 shown + 1 more entry per topic"
        used_id, dismissed_id = (
            r[0] for r in con.execute("SELECT idea_id FROM ideas ORDER BY 1 LIMIT 2").fetchall()
        )
        at = dt.datetime(2022, 3, 1, 8, 0, tzinfo=dt.UTC)
        con.execute("UPDATE ideas SET status = 'used', status_at = ? WHERE idea_id = ?", [at, used_id])
        con.execute(
            "UPDATE ideas SET status = 'dismissed', status_at = ? WHERE idea_id = ?", [at, dismissed_id]
        )

        save_digest(con, digest_from_analysis(analysis, settings, now=NOW))
        again = {t: rows(con, t) for t in ("digests", "topics", "topic_entries")}
        assert again == {t: first[t] for t in again}, "same analysis, same rows"
        statuses = dict(con.execute("SELECT idea_id, status FROM ideas").fetchall())
        assert len(statuses) == len(first["ideas"])
        assert statuses[used_id] == "used" and statuses[dismissed_id] == "dismissed"
        assert list(statuses.values()).count("proposed") == len(statuses) - 2

        # the week changes: a topic gone drops its rows; the surviving ideas keep their status
        survivor = con.execute("SELECT topic_id FROM ideas WHERE idea_id = ?", [used_id]).fetchone()[0]
        keep = [t for t in analysis.topics if t.topic_id == survivor]
        save_digest(con, digest_from_analysis(make_analysis(keep), settings, now=NOW))
        assert con.execute("SELECT count(*) FROM topics").fetchone()[0] == 1
        assert con.execute("SELECT status FROM ideas WHERE idea_id = ?", [used_id]).fetchone()[0] == "used"
    finally:
        con.close()


def test_stored_body_is_the_json_and_topics_link_across_weeks(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, language="fr")
    con = connect(settings.store_path)
    try:
        save_digest(
            con, digest_from_analysis(make_analysis([make_topic("t1")], week="2022-W07"), settings, now=NOW)
        )
        save_digest(
            con, digest_from_analysis(make_analysis([make_topic("t1"), make_topic("t9")]), settings, now=NOW)
        )
        body = stored_digest(con, WEEK)
        assert body is not None and body["week"] == WEEK and len(body["topics"]) == 2
        assert stored_digest(con, "2021-W01") is None
        prev = dict(
            con.execute("SELECT topic_id, previous_topic_id FROM topics WHERE week = ?", [WEEK]).fetchall()
        )
        assert prev == {"t1": "t1", "t9": None}
        counts = con.execute(
            "SELECT weekly_counts FROM topics WHERE week = ? AND topic_id = 't1'", [WEEK]
        ).fetchone()
        assert json.loads(counts[0])[-1] == {"week": WEEK, "articles": 14}
    finally:
        con.close()


def test_slots_planned_by_an_earlier_digest_are_taken(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    con = connect(settings.store_path)
    try:
        save_digest(con, digest_from_analysis(make_analysis([make_topic("t1")]), settings, now=NOW))
        planned = [r[0] for r in con.execute("SELECT slot FROM ideas WHERE slot IS NOT NULL").fetchall()]
        assert planned
        # another digest (e.g. a re-run under another name) planning the same coming week sees them
        con.execute("UPDATE ideas SET week = '2022-W07'")
        taken = taken_slots(con, WEEK, settings)
        assert sorted(x.astimezone(dt.UTC) for x in taken) == sorted(x.astimezone(dt.UTC) for x in planned)
        d = digest_from_analysis(make_analysis([make_topic("t2")]), settings, taken=taken, now=NOW)
        new_slots = {i.slot.astimezone(dt.UTC) for t in d.topics for i in t.ideas if i.slot}
        assert new_slots and not new_slots & {x.astimezone(dt.UTC) for x in planned}
        assert taken_slots(con, "2022-W07", settings) == [], "a week's own ideas are not 'taken'"
    finally:
        con.close()


def test_a_failed_save_keeps_the_stored_week_and_names_it(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    con = connect(settings.store_path)
    try:
        save_digest(con, digest_from_analysis(make_analysis([make_topic("t1")]), settings, now=NOW))
        before = {t: rows(con, t) for t in ("digests", "topics", "topic_entries", "ideas")}
        twice = make_analysis([make_topic("t2"), make_topic("t2", score=2.0)])  # same key twice
        with pytest.raises(DigestError, match=f"could not save the digest of {WEEK}") as got:
            save_digest(con, digest_from_analysis(twice, settings, now=NOW))
        assert got.value.week == WEEK
        assert {t: rows(con, t) for t in before} == before, "rolled back: the earlier rows stay"
    finally:
        con.close()
