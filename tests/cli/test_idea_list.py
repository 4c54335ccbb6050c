"""`idea list` speaks the CM's language and time zone and means the latest digest, like the SQL example."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trendwatch.cli import main
from trendwatch.store import connect


def _store(tmp_path: Path) -> Path:
    con = connect(tmp_path / "t.duckdb")
    slot = dt.datetime(2022, 3, 1, 11, 30, tzinfo=dt.UTC)  # 12:30 in Paris
    for week, idea_id in (("2022-W07", "old000000001"), ("2022-W08", "new000000001")):
        con.execute(
            "INSERT INTO topics (week, topic_id, rank, label, keywords, n_articles) "
            "VALUES (?, 't1', 1, 'Topic', ['x'], 3)",
            [week],
        )
        con.execute(
            "INSERT INTO ideas (idea_id, week, topic_id, rank, title, format, why_now, sources, slot, "
            "caution, status) "
            "VALUES (?, ?, 't1', 1, 'Chiffres clés', 'infographic', '', [], ?, [], 'proposed')",
            [idea_id, week, slot],
        )
    con.execute(
        "INSERT INTO digests (week, generated_at, language, n_entries, notes, body) "
        "VALUES ('2022-W08', now(), 'fr', 3, [], '{}')"
    )
    con.close()
    config = tmp_path / "trendwatch.toml"
    config.write_text('[store]\npath = "t.duckdb"\n[digest]\nlanguage = "fr"\n', encoding="utf-8")
    return config


def test_idea_list_is_french_in_the_configured_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _store(tmp_path)
    assert main(["--config", str(config), "idea", "list"]) == 0
    out = capsys.readouterr().out
    assert "infographie" in out and "infographic" not in out
    assert "mardi 1 mars, 12:30" in out
    assert "new000000001" in out and "old000000001" not in out
    assert main(["--config", str(config), "idea", "list", "--format", "csv"]) == 0
    assert "2022-03-01T12:30+01:00" in capsys.readouterr().out


def test_latest_digest_is_the_same_week_for_idea_list_and_the_sql_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _store(tmp_path)
    con = connect(tmp_path / "t.duckdb")
    con.execute("UPDATE topics SET label = 'Topic of ' || week")
    con.execute("UPDATE digests SET week = '2022-W07'")  # W08's ideas are there, its digest isn't
    con.close()
    assert main(["--config", str(config), "sql", "--example", "top_topics_this_week", "--format", "csv"]) == 0
    assert "Topic of 2022-W07" in capsys.readouterr().out
    assert main(["--config", str(config), "idea", "list", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "old000000001,2022-W07" in out and "2022-W08" not in out
