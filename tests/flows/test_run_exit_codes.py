"""`run` and `ingest` tell a scheduler the same thing: the same exit code and the same summary words
for the same state. A feed answering 304 is healthy; a feed backing off needs attention (3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.test_run import rss
from tests.support.httpserver import Reply, ScriptedServer, scripted_server
from trendwatch.cli import main

__all__ = ["scripted_server"]  # the fixture, imported for pytest


def _config(path: Path, urls: list[str]) -> Path:
    path.write_text(
        '[store]\npath = "tw.duckdb"\n\n[publish]\ndir = "out"\n\n'
        "[fetch]\nmin_interval_minutes = 0\nbackoff_after_failures = 1\n\n"
        + "".join(f'[[feeds]]\nurl = "{u}"\nname = "{u.rsplit("/", 1)[1]}"\n\n' for u in urls),
        encoding="utf-8",
    )
    return path


def _feeds_line(out: str) -> str:
    (line,) = [x for x in out.splitlines() if x.startswith("feeds: ")]
    return line


@pytest.mark.slow
def test_run_and_ingest_give_the_same_code_and_words(
    prefect_api: None, scripted_server: ScriptedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ok = scripted_server.route("/ok.xml", Reply(body=rss([("https://example.org/1", "One")]), etag='"v1"'))
    dead = scripted_server.route("/dead.xml", Reply(status=404))
    config = _config(tmp_path / "trendwatch.toml", [ok, dead])
    assert main(["--config", str(config), "ingest"]) == 3  # the 404: one strike, now backing off
    capsys.readouterr()

    # ok answers 304, dead is backing off: the same state for both commands
    assert main(["--config", str(config), "ingest"]) == 3
    ingest_line = _feeds_line(capsys.readouterr().out)
    assert ingest_line == "feeds: 0 feed(s) ok, 1 unchanged, 0 failed, 1 backing off or gone, 0 new entries"
    assert main(["--config", str(config), "run"]) == 3
    run_out = capsys.readouterr().out
    assert _feeds_line(run_out) == ingest_line and "needs attention: dead.xml" in run_out
    assert len(scripted_server.requests_to("/dead.xml")) == 1  # backing off: neither fetched it again

    # without the dead feed, 304s alone are healthy: 0 from both
    _config(config, [ok])
    assert main(["--config", str(config), "ingest"]) == 0
    healthy = _feeds_line(capsys.readouterr().out)
    assert main(["--config", str(config), "run"]) == 0
    assert _feeds_line(capsys.readouterr().out) == healthy
    assert healthy.startswith("feeds: 0 feed(s) ok, 1 unchanged, 0 failed")


def test_run_without_feeds_says_how_to_add_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "trendwatch.toml"
    config.write_text('[store]\npath = "tw.duckdb"\n', encoding="utf-8")
    assert main(["--config", str(config), "run"]) == 2
    assert "[[feeds]]" in capsys.readouterr().err
