"""Killing `ingest` ends its fetch child too; SIGTERM and SIGINT end cleanly with one line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest

from tests.support.httpserver import Reply, ScriptedServer

DEADLINE_S = 30.0
CHILD_DEADLINE_S = 10.0  # well under the server's hang limit (30 s): a stuck child can't just time out
RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Fine</title>'
    b"<item><title>A story</title><link>http://x/1</link></item></channel></rss>"
)


def wait_for(check: Callable[[], bool], what: str, limit_s: float = DEADLINE_S) -> None:
    deadline = time.monotonic() + limit_s
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {limit_s:.0f} s for {what}")
        time.sleep(0.05)


def gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.fixture()
def hanging_ingest(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int, ScriptedServer]]:
    """`trendwatch ingest` in a real process, its fetch child stuck on a feed that never answers."""
    with ScriptedServer() as server:
        server.route("/fine.xml", Reply(body=RSS))
        server.route("/slow.xml", Reply(hang=True))
        config = tmp_path / "trendwatch.toml"
        config.write_text(
            '[store]\npath = "tw.duckdb"\n[fetch]\ntimeout_s = 600\n'
            f'[[feeds]]\nurl = "{server.url("/fine.xml")}"\n[[feeds]]\nurl = "{server.url("/slow.xml")}"\n',
            encoding="utf-8",
        )
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        proc = subprocess.Popen(
            [sys.executable, "-m", "trendwatch", "--config", str(config), "ingest"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            wait_for(lambda: bool(server.requests_to("/slow.xml")), "the slow feed to be requested")
            children = psutil.Process(proc.pid).children()
            assert len(children) == 1, children
            yield proc, children[0].pid, server
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.communicate(timeout=DEADLINE_S)
            for child in psutil.Process().children(recursive=True):
                if child.pid != proc.pid and child.ppid() in (proc.pid, 1):
                    child.kill()


def test_kill_9_of_ingest_kills_its_fetch_child(
    hanging_ingest: tuple[subprocess.Popen[str], int, ScriptedServer],
) -> None:
    proc, child, _ = hanging_ingest
    proc.kill()
    proc.wait(timeout=DEADLINE_S)
    wait_for(lambda: gone(child), "the fetch child to die with its parent", CHILD_DEADLINE_S)
    # nothing holds the caller's pipes any more: reading them ends
    assert proc.stderr is not None
    proc.stderr.read()


@pytest.mark.parametrize(
    ("sig", "code", "words"), [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGINT, 130, "interrupted")]
)
def test_a_signal_ends_both_processes_with_one_line(
    hanging_ingest: tuple[subprocess.Popen[str], int, ScriptedServer], sig: int, code: int, words: str
) -> None:
    proc, child, _ = hanging_ingest
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=DEADLINE_S)
    assert proc.returncode == code
    assert "Traceback" not in err
    assert words in err and len(err.strip().splitlines()) == 1, err
    wait_for(lambda: gone(child), "the fetch child to stop", CHILD_DEADLINE_S)


def test_the_store_can_be_read_while_ingest_waits_on_the_network(
    hanging_ingest: tuple[subprocess.Popen[str], int, ScriptedServer],
) -> None:
    from trendwatch.store import connect

    proc, _, _ = hanging_ingest
    store = Path(proc.args[4]).with_name("tw.duckdb")  # type: ignore[index]
    con = connect(store, read_only=True)  # the analyst's `sql` while the slow feed is fetched
    try:
        assert con.execute("SELECT count(*) FROM feeds").fetchone() == (2,)
    finally:
        con.close()
    proc.kill()
