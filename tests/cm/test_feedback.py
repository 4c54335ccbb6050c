"""Learning from use: dismissed topics stay out unless grown; used ideas followed; idea command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from trendwatch.analysis.model import Topic
from trendwatch.cli import main
from trendwatch.cm import CmError
from trendwatch.cm.feedback import filter_dismissed, set_idea_status, used_ideas_report
from trendwatch.store import connect


def topic(topic_id: str, n: int, keywords: list[str], label: str = "") -> Topic:
    return Topic(
        topic_id=topic_id,
        label=label or topic_id,
        keywords=keywords,
        score=1.0,
        n_articles=n,
        n_sources=2,
        baseline_mean=1.0,
        weekly_counts=[],
        articles=[],
        entry_ids=[],
    )


def store_topic(con: Any, week: str, t: Topic, *, previous: str | None = None) -> None:
    con.execute(
        "INSERT INTO topics (week, topic_id, rank, label, keywords, n_articles, weekly_counts, "
        "previous_topic_id) VALUES (?, ?, 1, ?, ?, ?, ?, ?)",
        [
            week,
            t.topic_id,
            t.label,
            t.keywords,
            t.n_articles,
            json.dumps([{"week": week, "articles": t.n_articles}]),
            previous,
        ],
    )


def store_idea(con: Any, idea_id: str, week: str, topic_id: str, status: str = "proposed") -> None:
    con.execute(
        "INSERT INTO ideas (idea_id, week, topic_id, rank, title, format, status) "
        "VALUES (?, ?, ?, 1, ?, 'post', ?)",
        [idea_id, week, topic_id, f"Idea on {topic_id}", status],
    )


@pytest.fixture()
def store(tmp_path: Path) -> Any:
    con = connect(tmp_path / "t.duckdb")
    con.execute("INSERT INTO digests (week, language) VALUES ('2022-W05', 'en')")
    yield con
    con.close()


def test_dismissed_topic_is_dropped_unless_grown_strongly(store: Any) -> None:
    store_topic(store, "2022-W05", topic("pizza", 4, ["pizza", "fromage", "four"], "Pizza"))
    store_topic(store, "2022-W05", topic("velo", 5, ["velo", "piste"], "Vélo"))
    store_idea(store, "aaa111", "2022-W05", "pizza", "dismissed")
    store_idea(store, "bbb222", "2022-W05", "velo", "dismissed")
    current = [
        topic(
            "pizza2", 6, ["pizza", "fromage", "four", "prix"], "Pizza again"
        ),  # same keywords, 4 -> 6: dropped
        topic("velo", 11, ["velo", "piste"], "Vélo"),  # same id, 5 -> 11: grown strongly, back
        topic("neige", 9, ["neige", "ski"], "Neige"),
    ]
    kept, notes = filter_dismissed(store, current, "2022-W08")
    assert [t.topic_id for t in kept] == ["velo", "neige"]
    assert [n.render("en") for n in notes] == [
        "Not proposed again: “Pizza again” (an idea on it was dismissed in 2022-W05; 4 → 6 articles).",
        "Proposed again although dismissed in 2022-W05: “Vélo” has grown strongly (5 → 11 articles).",
    ]


def test_same_week_and_undismissed_ideas_do_not_filter(store: Any) -> None:
    store_topic(store, "2022-W08", topic("pizza", 4, ["pizza"]))
    store_idea(store, "ccc333", "2022-W08", "pizza", "dismissed")  # re-making that same week
    store_idea(store, "ddd444", "2022-W05", "soupe", "used")
    current = [topic("pizza", 4, ["pizza"]), topic("soupe", 3, ["soupe"])]
    assert filter_dismissed(store, current, "2022-W08") == (current, [])


def test_used_ideas_report_follows_the_topic(store: Any) -> None:
    store_topic(store, "2022-W05", topic("pizza", 4, ["pizza"], "Pizza"))
    store_topic(store, "2022-W06", topic("pizza", 7, ["pizza"], "Pizza"))
    store_topic(store, "2022-W07", topic("pizza-b", 10, ["pizza"], "Pizza"), previous="pizza")
    store_topic(store, "2022-W05", topic("soupe", 5, ["soupe"], "Soupe"))
    store_idea(store, "eee555", "2022-W05", "pizza")
    store_idea(store, "fff666", "2022-W05", "soupe")
    set_idea_status(store, "eee555", "used", now=dt.datetime(2022, 2, 8, tzinfo=dt.UTC))
    set_idea_status(store, "fff666", "used")
    report = used_ideas_report(store, "2022-W08")
    assert [(r["idea_id"], r["trend"], r["articles_then"], r["articles_now"]) for r in report] == [
        ("eee555", "growing", 4, 10),
        ("fff666", "unseen", 5, None),
    ]
    assert report[0]["weekly"] == [("2022-W05", 4), ("2022-W06", 7), ("2022-W07", 10)]
    assert (
        report[0]["evolution"]
        == "used (idea of 2022-W05); its topic went from 4 to 10 articles by 2022-W07: growing"
    )
    assert report[0]["used_at"].startswith("2022-02-08")
    assert used_ideas_report(store, "2022-W05") == []  # only earlier weeks


def test_set_status_unknown_ambiguous_and_prefix(store: Any) -> None:
    store_idea(store, "abcdef0001", "2022-W05", "t1")
    store_idea(store, "abcdef0002", "2022-W05", "t2")
    with pytest.raises(CmError) as info:
        set_idea_status(store, "zzz", "used")
    assert "SELECT idea_id, title FROM ideas WHERE week = '2022-W05'" in str(info.value)
    with pytest.raises(CmError, match="ambiguous"):
        set_idea_status(store, "abcdef", "used")
    row = set_idea_status(store, "abcdef0002", "dismissed")
    assert (row["idea_id"], row["status"]) == ("abcdef0002", "dismissed") and row["status_at"] is not None
    assert set_idea_status(store, "abcdef0002", "proposed")["status_at"] is None


def test_idea_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    con = connect(tmp_path / "t.duckdb")
    store_idea(con, "0123456789ab", "2022-W08", "t1")
    con.close()
    config = tmp_path / "trendwatch.toml"
    config.write_text('[store]\npath = "t.duckdb"\n', encoding="utf-8")
    assert main(["--config", str(config), "idea", "dismissed", "01234567"]) == 0
    assert "0123456789ab (2022-W08) is now dismissed" in capsys.readouterr().out
    assert main(["--config", str(config), "idea", "list", "--format", "csv"]) == 0
    assert "0123456789ab,2022-W08,1,post,dismissed" in capsys.readouterr().out
    assert main(["--config", str(config), "idea", "used", "nope"]) == 2
    err = capsys.readouterr().err
    assert "no idea with id 'nope'" in err and "trendwatch idea list --week 2022-W08" in err
    assert main(["--config", str(config), "idea", "used"]) == 2
