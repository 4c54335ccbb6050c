"""CLI behaviour a new user meets first: a starter config that fetches nothing by accident."""

from __future__ import annotations

from pathlib import Path

import pytest

from trendwatch.cli import main


def test_ingest_on_the_starter_config_says_to_add_a_feed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["--config", str(tmp_path / "trendwatch.toml"), "ingest"]) == 2
    err = capsys.readouterr().err
    assert "no feeds configured" in err and "[[feeds]]" in err
    assert "example.org" not in err  # the placeholder feed was not fetched


def test_init_twice_suggests_ingest_not_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path)]) == 0
    assert main(["init", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "ingest" in err.split("--force")[0]


def test_sql_on_a_missing_store_suggests_ingest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "trendwatch.toml"
    config.write_text('[store]\npath = "t.duckdb"\n', encoding="utf-8")
    assert main(["--config", str(config), "sql", "SELECT 1"]) == 2
    err = capsys.readouterr().err
    assert "trendwatch ingest" in err and "--force" not in err and "init" not in err
    assert not (tmp_path / "t.duckdb").exists()
