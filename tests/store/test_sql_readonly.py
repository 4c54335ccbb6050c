"""`trendwatch sql` reads the store and nothing else: no files, no extensions, no network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from trendwatch.cli import main
from trendwatch.store import connect
from trendwatch.store.sqlfiles import load_sql, sql_names


@pytest.fixture()
def config(tmp_path: Path) -> Path:
    path = tmp_path / "trendwatch.toml"
    path.write_text('[store]\npath = "tw.duckdb"\n', encoding="utf-8")
    con = connect(tmp_path / "tw.duckdb")
    con.execute(
        "INSERT INTO feeds (feed_id, configured_url, url, name, language, added_at) VALUES "
        "('f1', 'http://x/feed', 'http://x/feed', '=HYPERLINK(\"http://evil\")', 'en', now())"
    )
    con.close()
    return path


PROBES = {
    "copy": "COPY (SELECT 'pwned') TO '{dir}/trendwatch.toml'",
    "export": "EXPORT DATABASE '{dir}/exported'",
    "read_text": "SELECT * FROM read_text('/etc/shadow')",
    "read_blob": "SELECT * FROM read_blob('/proc/self/environ')",
    "glob": "SELECT * FROM glob('/etc/*')",
    "install": "INSTALL httpfs",
    "load": "LOAD httpfs",
    "attach": "ATTACH '{dir}/other.duckdb' AS other",
    "unlock": "SET enable_external_access = true",
    "csv_file": "SELECT * FROM read_csv('/etc/passwd')",
}


@pytest.mark.parametrize("probe", sorted(PROBES))
def test_sql_refuses_to_touch_files_or_extensions(
    probe: str, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(p.name for p in config.parent.iterdir())
    toml = config.read_text()
    query = PROBES[probe].format(dir=config.parent)
    assert main(["--config", str(config), "sql", query]) == 2
    err = capsys.readouterr().err
    assert "trendwatch sql: error:" in err and "Traceback" not in err
    assert sorted(p.name for p in config.parent.iterdir()) == before  # nothing written
    assert config.read_text() == toml
    if probe in ("copy", "export", "read_text", "read_blob", "glob"):
        assert "--allow-files" in err


def test_allow_files_lets_an_analyst_export(config: Path) -> None:
    out = config.parent / "feeds.csv"
    assert (
        main(
            ["--config", str(config), "sql", "--allow-files", f"COPY (SELECT feed_id FROM feeds) TO '{out}'"]
        )
        == 0
    )
    assert out.read_text().split() == ["feed_id", "f1"]


def test_allow_files_still_installs_nothing(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--config", str(config), "sql", "--allow-files", "SET autoinstall_known_extensions = true"])
        == 2
    )
    assert "locked" in capsys.readouterr().err


def test_every_view_and_example_runs_on_the_sandboxed_connection(config: Path) -> None:
    con = connect(config.parent / "tw.duckdb", read_only=True)
    try:
        views = [
            r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
        ]
        assert views
        for view in views:
            con.execute(f'SELECT * FROM "{view}" LIMIT 1').fetchall()
        for name in sql_names("examples"):
            con.execute(load_sql(f"examples/{name}")).fetchall()
    finally:
        con.close()


def test_a_write_says_what_to_do_instead(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", str(config), "sql", "DELETE FROM feeds"]) == 2
    err = capsys.readouterr().err
    assert "trendwatch ingest" in err and "Python API" not in err


def test_csv_output_neutralises_formulas(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", str(config), "sql", "--format", "csv", "SELECT name FROM feeds"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("\"'=HYPERLINK")
    assert main(["--config", str(config), "feeds", "--all", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("\"'=HYPERLINK")


@pytest.mark.parametrize(
    "command", [["sql", "SELECT * FROM range(200000)"], ["feeds", "--format", "csv", "--all"]]
)
def test_a_closed_pipe_ends_quietly(config: Path, command: list[str]) -> None:
    con = connect(config.parent / "tw.duckdb")
    con.execute(  # enough rows that the output outlives `head`
        "INSERT INTO feeds (feed_id, configured_url, url, name, language, added_at) "
        "SELECT 'g' || i, 'http://x/' || i, 'http://x/' || i, 'Feed ' || i, 'en', now() "
        "FROM range(100000) t(i)"
    )
    con.close()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.run(  # `trendwatch ... | head -1`
        f"{sys.executable} -m trendwatch --config {config} {' '.join(repr(c) for c in command)} | head -1",
        shell=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.stdout.count("\n") == 1
    assert proc.stderr == ""
