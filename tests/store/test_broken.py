"""Every broken store gets one clear message and a non-zero exit, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from trendwatch.cli import main
from trendwatch.errors import StoreError
from trendwatch.store import connect
from trendwatch.store.db import latest_schema
from trendwatch.store.writes import FeedUpdate, write_batch

COMMANDS = [["feeds"], ["sql", "SELECT count(*) FROM entries"], ["ingest"], ["idea", "list"], ["digest"]]


def config(tmp_path: Path) -> Path:
    path = tmp_path / "trendwatch.toml"
    path.write_text(
        '[store]\npath = "tw.duckdb"\n[[feeds]]\nurl = "feed.xml"\nname = "Local"\n', encoding="utf-8"
    )
    (tmp_path / "feed.xml").write_text(
        '<rss version="2.0"><channel><title>L</title><item><title>A</title><link>http://x/a</link>'
        "</item></channel></rss>",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_truncated_store_says_it_is_damaged(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = config(tmp_path)
    connect(tmp_path / "tw.duckdb").close()
    with (tmp_path / "tw.duckdb").open("r+b") as fh:
        fh.truncate(5000)
    assert main(["--config", str(cfg), *command]) != 0
    err = capsys.readouterr().err
    assert "is damaged" in err and "backup" in err, err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("command", COMMANDS[:3], ids=lambda c: c[0])
def test_a_store_from_a_newer_schema_is_refused(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = config(tmp_path)
    con = connect(tmp_path / "tw.duckdb")
    con.execute("INSERT INTO schema_version VALUES (999, '999_future.sql', now())")
    con.close()
    assert main(["--config", str(cfg), *command]) == 2
    err = capsys.readouterr().err
    assert f"made by a newer trendwatch (schema 999; trendwatch 0.1.0 knows up to {latest_schema()})" in err
    assert "upgrade" in err


def test_a_renamed_column_is_a_message_not_a_binder_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = config(tmp_path)
    con = connect(tmp_path / "tw.duckdb")
    con.execute("DROP VIEW IF EXISTS feed_status")
    con.execute("ALTER TABLE feeds RENAME COLUMN last_status TO status_renamed")
    con.execute("DELETE FROM store_meta")  # the views are rebuilt on the next writable open
    con.close()
    assert main(["--config", str(cfg), "feeds"]) == 2
    err = capsys.readouterr().err
    assert "does not have the tables or columns this trendwatch expects" in err
    assert "Traceback" not in err


class DiskFull:
    """A connection whose inserts fail as on a full disk and whose ROLLBACK then fails too."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def execute(self, sql: str, params: Any = None) -> Any:
        self.statements.append(sql)
        if sql.startswith("INSERT"):
            raise duckdb.IOException(
                'IO Error: Could not write file "tw.duckdb.wal": No space left on device'
            )
        if sql == "ROLLBACK":
            raise duckdb.TransactionException(
                "TransactionContext Error: cannot rollback - no transaction is active"
            )
        return self

    def fetchall(self) -> list[Any]:
        return []


def test_a_full_disk_names_the_real_cause(tmp_path: Path) -> None:
    import datetime as dt

    from trendwatch.store.db import explain_error

    now = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    update = FeedUpdate("f1", "run", "http://x/feed", now, 0.1, "failed", error="x", error_kind="http")
    with pytest.raises(duckdb.IOException) as caught:  # not the ROLLBACK's error
        write_batch(DiskFull(), [update], now)
    assert "No space left on device" in str(explain_error(caught.value, tmp_path / "tw.duckdb"))


def test_init_on_a_read_only_file_system_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(Path, "mkdir", refuse)
    monkeypatch.setattr(Path, "write_text", refuse)
    assert main(["init", str(tmp_path / "veille")]) == 2
    err = capsys.readouterr().err
    assert "can't write the starter config: Read-only file system" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "command", [["idea", "list"], ["calendar", "--week", "2026-W01"]], ids=lambda c: c[0]
)
def test_idea_list_and_calendar_open_the_store_read_only(
    tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import trendwatch.store.db as db

    cfg = config(tmp_path)
    connect(tmp_path / "tw.duckdb").close()
    modes: list[bool] = []
    real = db.connect

    def spy(path: Any, **kwargs: Any) -> Any:
        modes.append(bool(kwargs.get("read_only")))
        return real(path, **kwargs)

    monkeypatch.setattr(db, "connect", spy)
    main(
        [
            "--config",
            str(cfg),
            *command,
            *(["--out", str(tmp_path / "out")] if command[0] == "calendar" else []),
        ]
    )
    assert modes == [True]


def test_busy_store_message_names_the_wait(tmp_path: Path) -> None:
    db = tmp_path / "tw.duckdb"
    connect(db).close()
    import subprocess
    import sys

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,sys; c=duckdb.connect({str(db)!r}); print('held', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match=r"after waiting 0.3 s \(\[store\] lock_timeout_s\)"):
            connect(db, read_only=True, wait_s=0.3)
    finally:
        holder.communicate("")


@pytest.mark.parametrize(
    "command", [*COMMANDS, ["calendar", "--week", "2026-W01"]], ids=lambda c: "-".join(c[:2])[:12]
)
def test_every_command_honours_lock_timeout_s(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess
    import sys

    cfg = config(tmp_path)
    cfg.write_text(cfg.read_text().replace("[store]\n", "[store]\nlock_timeout_s = 0.3\n"), encoding="utf-8")
    db = tmp_path / "tw.duckdb"
    connect(db).close()
    holder = subprocess.Popen(  # another process holds the store for writing
        [sys.executable, "-c",
         f"import duckdb,sys; c=duckdb.connect({str(db)!r}); print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        extra = ["--out", str(tmp_path / "out")] if command[0] == "calendar" else []
        assert main(["--config", str(cfg), *command, *extra]) != 0
    finally:
        holder.communicate("")
    err = capsys.readouterr().err
    assert "after waiting 0.3 s" in err and "Traceback" not in err
