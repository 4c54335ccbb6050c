"""Tables fit the terminal, never cut the "Fix …" advice, and unnamed feeds show their own title."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from trendwatch.cli import main
from trendwatch.cli.common import print_table
from trendwatch.store import connect

ADVICE = (
    "HTTP 404 Not Found at https://news.example.org/a/very/long/path/feed.xml. "
    "Fix: check the URL in trendwatch.toml or remove the feed."
)


def test_a_wide_table_fits_the_terminal_and_keeps_the_whole_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "70")
    out = io.StringIO()
    rows = [["Le Monde — International", "2026-03-02 09:00", 404, "failed", ADVICE]]
    print_table(["feed", "last_fetch_at", "status", "outcome", "last_error"], rows, out=out)
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 70 for line in lines), lines
    advice_column = " ".join(line[lines[0].index("last_error") :].strip() for line in lines[2:])
    assert "Fix: check the URL in trendwatch.toml or remove the feed." in advice_column


def test_other_long_cells_are_cut_with_an_ellipsis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    out = io.StringIO()
    print_table(["title", "n"], [["A headline far too long to sit in forty columns of text", 3]], out=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3 and "…" in lines[2] and all(len(line) <= 40 for line in lines)


def test_unnamed_feeds_show_their_own_title(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    con = connect(tmp_path / "t.duckdb")
    con.execute(
        "INSERT INTO feeds (feed_id, configured_url, url, name, title, added_at) VALUES "
        "('f1', 'https://a.example/feed', 'https://a.example/feed', NULL, 'Actualités Alpha', now()), "
        "('f2', 'https://b.example/feed', 'https://b.example/feed', 'Named', 'Ignored title', now())"
    )
    con.close()
    config = tmp_path / "trendwatch.toml"
    config.write_text('[store]\npath = "t.duckdb"\n', encoding="utf-8")
    assert main(["--config", str(config), "feeds", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "Actualités Alpha" in out and "Named" in out and "Ignored title" not in out
