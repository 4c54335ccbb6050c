"""Every digest example query and view runs against a store holding two weeks of digests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.digest.test_render import NOW, WEEK, make_analysis, make_settings, make_topic
from trendwatch.digest import digest_from_analysis
from trendwatch.digest.persist import save_digest
from trendwatch.store import connect, load_sql

EXAMPLES = ("top_topics_this_week", "topic_history", "ideas_not_used")


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    tmp = tmp_path_factory.mktemp("digest_sql")
    settings = make_settings(tmp, language="en")
    c = connect(settings.store_path)
    earlier = make_analysis([make_topic("t1", "Energy prices", n_articles=5)], week="2022-W07")
    save_digest(c, digest_from_analysis(earlier, settings, now=NOW))
    now = make_analysis([make_topic("t1", "Energy prices"), make_topic("t2", "Rail strike", score=2.0)])
    save_digest(c, digest_from_analysis(now, settings, now=NOW))
    c.execute("UPDATE ideas SET status = 'used' WHERE week = '2022-W07'")
    yield c
    c.close()


def run(con: Any, name: str) -> list[dict[str, Any]]:
    cur = con.execute(load_sql(f"examples/{name}"))
    headers = [d[0] for d in cur.description]
    return [dict(zip(headers, r, strict=True)) for r in cur.fetchall()]


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_runs_and_returns_rows(con: Any, name: str) -> None:
    assert run(con, name)


def test_top_topics_this_week_is_the_latest_digest_ranked(con: Any) -> None:
    got = run(con, "top_topics_this_week")
    assert [(r["rank"], r["label"]) for r in got] == [(1, "Energy prices"), (2, "Rail strike")]
    assert got[0]["ideas"] >= 1 and got[0]["n_articles"] == 14


def test_topic_history_follows_topic_ids_across_weeks(con: Any) -> None:
    got = run(con, "topic_history")
    energy = [(r["week"], r["n_articles"], r["appearance"]) for r in got if r["topic_id"] == "t1"]
    assert energy == [("2022-W07", 5, 1), (WEEK, 14, 2)]
    assert [r["articles_change"] for r in got if r["topic_id"] == "t1"] == [None, 9]


def test_ideas_not_used_leaves_out_used_ones(con: Any) -> None:
    got = run(con, "ideas_not_used")
    assert got and {r["week"] for r in got} == {WEEK}
    slots = [r["slot"] for r in got if r["slot"] is not None]
    assert slots == sorted(slots), "next slot first"


def test_views_exist(con: Any) -> None:
    for view in ("digest_ideas", "digest_topic_weeks"):
        assert con.execute(f"SELECT count(*) FROM {view}").fetchone()[0] > 0
