"""Search demand for a week from the stored Trends data, the topic boost, the example SQL and the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from trendwatch.analysis.model import Topic
from trendwatch.analysis.search_demand import (
    SEARCH_BOOST_MAX,
    RisingQuery,
    SearchDemand,
    TrendingSearch,
    apply_search_boost,
    query_matches,
    search_demand,
)
from trendwatch.cli import main
from trendwatch.config import Settings, settings_from_dict
from trendwatch.sources.trends import is_question
from trendwatch.sources.trends_replay import RouteAdapter, write_demo_recordings
from trendwatch.store import load_sql
from trendwatch.store.trends_writes import ingest_trends

KEYWORDS = ["cosmétique", "skincare", "parfum", "vegan", "crème solaire", "maquillage"]
RISING = {"skincare": ["routine skincare", "comment choisir sa crème"], "vegan": ["cosmétique vegan"]}
NOW = dt.datetime(2022, 2, 28, 7, 0, tzinfo=dt.UTC)
pytestmark = pytest.mark.filterwarnings("ignore:Downcasting object dtype:FutureWarning")


def make_settings(tmp_path: Path, **trends: Any) -> Settings:
    base = {"enabled": True, "keywords": KEYWORDS, "replay_dir": "rec"}
    return settings_from_dict({"trends": base | trends}, base_dir=tmp_path)


@pytest.fixture
def demand_store(store: Any, tmp_path: Path) -> tuple[Any, Settings]:
    """The shared store holding twelve weeks of replayed Trends data, and its settings."""
    write_demo_recordings(
        tmp_path / "rec", keywords=KEYWORDS, geo="FR", end=dt.date(2022, 2, 27), weeks=12, rising=RISING
    )
    s = make_settings(tmp_path)
    assert ingest_trends(s, con=store, now=NOW).outcome == "ok"
    return store, s


def topic(topic_id: str, label: str, keywords: list[str], score: float) -> Topic:
    return Topic(topic_id, label, keywords, score, 3, 2, 0.5, [], [], [])


def test_week_over_week_changes_rising_queries_and_trending(demand_store: tuple[Any, Settings]) -> None:
    con, s = demand_store
    d = search_demand(con, s, "2022-W08")
    assert d.missing == []
    by_kw = {k.keyword: k for k in d.keywords}
    sk = by_kw["skincare"]
    assert sk.this_week is not None and sk.previous_week and sk.change_pct is not None
    # the demo's keywords with rising queries grow x1.8 vs x1.3 in their last two weeks
    assert sk.change_pct == pytest.approx((sk.this_week / sk.previous_week - 1) * 100, abs=0.1)
    assert sk.change_pct > 20 and sk.label.startswith("+")
    assert [w for w, _ in by_kw["parfum"].curve][-1] == "2022-W08" and len(by_kw["parfum"].curve) == 12
    assert d.keywords[0].keyword in ("skincare", "vegan")  # biggest growth first
    assert [(r.query, r.label, r.is_question) for r in d.rising] == [
        ("routine skincare", "Breakout", False),
        ("cosmétique vegan", "Breakout", False),
        ("comment choisir sa crème", "+450 %", True),
    ]
    assert {t.term for t in d.trending} == {"routine skincare", "cosmétique vegan"}
    assert d.to_json()["rising"][0]["fetched_at"].startswith("2022-02-28")


def test_a_week_without_trends_data_says_so(demand_store: tuple[Any, Settings]) -> None:
    con, s = demand_store
    d = search_demand(con, s, "2021-W30")
    assert d.rising == [] and d.trending == []
    assert any("no search-interest data for 'skincare'" in m for m in d.missing)
    assert any("rising queries" in m for m in d.missing)


def test_missing_says_which_part_failed_and_why(store: Any, tmp_path: Path) -> None:
    s = make_settings(tmp_path, replay_dir="")
    never = search_demand(store, s, "2022-W08")
    assert never.notes[0].code == "trends.never_fetched"
    assert never.missing[0].startswith("Google Trends was never fetched")
    r = ingest_trends(s, con=store, now=NOW, adapter=RouteAdapter(), sleep=lambda _s: None)  # all 404
    assert not r.ok
    d = search_demand(store, s, "2022-W08")
    assert d.keywords and all(k.label == "n/a" for k in d.keywords)
    assert any(
        m.startswith("search interest for cosmétique, skincare") and "HTTP 404" in m for m in d.missing
    )
    assert any(m.startswith("trending searches for FR") for m in d.missing)
    assert {"trends.missing_interest", "trends.missing_trending"} <= {n.code for n in d.notes}
    assert [n.render("en") for n in d.notes] == d.missing  # the English text is the notes'
    french = {n.code: n.render("fr") for n in d.notes}
    assert french["trends.missing_trending"].startswith("les recherches tendance pour FR manquent")


def test_disabled_trends_give_empty_lists(store: Any, tmp_path: Path) -> None:
    s = settings_from_dict({}, base_dir=tmp_path)
    d = search_demand(store, s, "2022-W08")
    assert (d.keywords, d.rising, d.trending, d.missing, d.notes) == ([], [], [], [], [])


def test_boost_adds_evidence_and_reorders(demand_store: tuple[Any, Settings]) -> None:
    con, s = demand_store
    d = search_demand(con, s, "2022-W08")
    topics = [
        topic("election", "Élection présidentielle", ["election", "candidat"], 1.3),
        topic("vegan", "Les cosmetiques végans séduisent", ["cosmétique", "vegan"], 1.0),
        topic("routine", "La routine du soir", ["routine", "soin"], 0.9),
    ]
    out = apply_search_boost(topics, d, s)
    assert [t.topic_id for t in out] == ["vegan", "election", "routine"]
    vegan = out[0]
    assert vegan.score == pytest.approx(1.0 * 1.45)  # a breakout (+25 %) and a trending search (+20 %)
    assert [e.render("en") for e in vegan.evidence] == [
        "searches for “cosmétique vegan” Breakout (FR)",
        "“cosmétique vegan” is trending in searches (FR, 40 000+ searches)",
    ]
    assert vegan.evidence[0].render("fr") == "recherches « cosmétique vegan » Breakout (FR)"
    # 'routine skincare' is a breakout around 'skincare': its distinctive word 'routine' is enough;
    # as a trending search (no parent keyword) both words would be needed
    assert out[2].score == pytest.approx(0.9 * 1.25)
    assert [e.render("en") for e in out[2].evidence] == ["searches for “routine skincare” Breakout (FR)"]
    assert out[1].evidence == []
    assert topics[1].score == 1.0 and topics[1].evidence == []  # inputs untouched


def test_boost_without_demand_changes_nothing(tmp_path: Path) -> None:
    s = make_settings(tmp_path)
    topics = [topic("a", "x", ["x"], 1.0)]
    assert apply_search_boost(topics, None, s) == topics
    assert apply_search_boost(topics, SearchDemand("2022-W08", "FR"), s) == topics


def test_matching_is_accent_insensitive_and_word_based() -> None:
    words = {"creme", "solaire", "plage"}
    assert query_matches("Crème SOLAIRE bio", "crème solaire", words | {"bio"})
    assert query_matches("crèmes solaires", None, words)
    assert not query_matches("crème brûlée", None, words)  # only one of two distinctive words
    assert not query_matches("solarium", None, words)  # words, not substrings
    rq = RisingQuery(
        "parfum", "parfum vanillé", 200, "+200 %", False, "FR", dt.datetime(2022, 2, 28, tzinfo=dt.UTC)
    )
    d = SearchDemand(
        "2022-W08", "FR", rising=[rq], trending=[TrendingSearch("VANILLE", None, None, [], None, "FR")]
    )
    out = apply_search_boost(
        [topic("t", "Les parfums à la Vanille", ["parfum", "vanille"], 1.0)], d, settings_from_dict({})
    )
    assert out[0].score == pytest.approx(1.0 + 0.25 * 200 / 500 + 0.2)
    assert [e.render("en") for e in out[0].evidence] == [
        "searches for “parfum vanillé” +200 % (FR)",
        "“VANILLE” is trending in searches (FR)",
    ]
    many = SearchDemand(
        "2022-W08",
        "FR",
        rising=[
            RisingQuery("parfum", f"parfum vanille {w}", 9000, "Breakout", False, "FR", rq.fetched_at)
            for w in ("bio", "noire", "douce")
        ],
    )
    capped = apply_search_boost(
        [topic("t", "parfum vanille bio noire douce", [], 1.0)], many, settings_from_dict({})
    )
    assert capped[0].score == pytest.approx(1 + SEARCH_BOOST_MAX) and len(capped[0].evidence) == 3


@pytest.mark.parametrize(
    ("query", "question"),
    [
        ("comment choisir sa crème", True),
        ("Pourquoi le ciel est bleu", True),
        ("how to contour", True),
        ("qu'est-ce que le rétinol", True),
        ("crème solaire ?", True),
        ("routine skincare", False),
        ("commentaire facebook", False),
        ("ou acheter du bakuchiol", False),
        ("où acheter du bakuchiol", True),
        ("bakuchiol ou rétinol", False),
    ],
)
def test_questions_are_marked(query: str, question: bool) -> None:
    assert is_question(query) is question


def test_example_queries_run(demand_store: tuple[Any, Settings]) -> None:
    con, _s = demand_store
    con.execute("UPDATE trends_related_queries SET fetched_at = now()")
    rising = con.execute(load_sql("examples/trends_rising_queries_this_week")).fetchall()
    assert [r[1] for r in rising][:2] == ["routine skincare", "cosmétique vegan"] and len(rising) == 3
    con.execute("UPDATE trends_interest SET date = date + CAST(current_date - DATE '2022-02-20' AS INTEGER)")
    cur = con.execute(load_sql("examples/trends_keyword_curve"))
    rows = cur.fetchall()
    assert [d[0] for d in cur.description] == ["keyword", "geo", "week", "interest", "partial"]
    assert {r[0] for r in rows} == set(KEYWORDS) and 6 * 11 <= len(rows) <= 6 * 13


def test_cli_fetches_then_shows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_demo_recordings(
        tmp_path / "rec", keywords=KEYWORDS, geo="FR", end=dt.date(2022, 2, 27), weeks=4, rising=RISING
    )
    cfg = tmp_path / "trendwatch.toml"
    cfg.write_text(
        '[trends]\nenabled = true\nkeywords = ["skincare", "vegan"]\nreplay_dir = "rec"\n', encoding="utf-8"
    )
    assert main(["--config", str(cfg), "trends"]) == 0
    assert main(["--config", str(cfg), "trends"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert ": ok; 6 requests, 0 answers from cache" in out[0] and "0 requests, 6 answers from cache" in out[1]
    assert main(["--config", str(cfg), "trends", "--show", "--week", "2022-W08", "--format", "csv"]) == 0
    shown = capsys.readouterr().out
    assert "skincare,routine skincare,Breakout,False" in shown
    assert main(["--config", str(cfg), "trends", "--show"]) == 0
    assert "2022-W08" in capsys.readouterr().out


def test_rising_queries_are_capped_per_keyword_but_questions_kept(demand_store: tuple[Any, Settings]) -> None:
    con, s = demand_store
    run, at = con.execute("SELECT run_id, fetched_at FROM trends_related_queries LIMIT 1").fetchone()
    rows = [
        [run, "parfum", "FR", "rising", i, f"parfum {i}", 100 - i, f"+{100 - i} %", False, at]
        for i in range(15)
    ]
    rows.append([run, "parfum", "FR", "rising", 16, "pourquoi le parfum tient", 5, "+5 %", True, at])
    con.executemany("INSERT INTO trends_related_queries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    parfum = [r for r in search_demand(con, s, "2022-W08").rising if r.keyword == "parfum"]
    assert len(parfum) == 11 and parfum[0].query == "parfum 0" and parfum[-1].is_question
