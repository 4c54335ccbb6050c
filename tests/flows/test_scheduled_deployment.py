"""The scheduled weekly deployment, end to end, exactly as the README's "Running it every week"
section says: a real `prefect server start`, `trendwatch deploy`, a process worker, a run
triggered now, the digest files and the artifacts read back through the API, and the Prefect
CLI's list commands (which the FastAPI pin keeps working)."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

BIN = Path(sys.executable).parent
SERVER_START_S = 180.0  # a cold server on 2 busy cores took ~40 s here
RUN_DONE_S = 300.0
STOP_WAIT_S = 15.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _api(base: str, path: str, body: dict[str, Any] | None = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, headers={"Content-Type": "application/json"},
                                     method="GET" if body is None else "POST")  # fmt: skip
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def _write_feed(folder: Path) -> Path:
    """A local feed with a dozen articles in last week, and a config that reads it."""
    now = dt.datetime.now(dt.UTC)
    monday = (now - dt.timedelta(days=now.weekday() + 7)).replace(hour=9, minute=0, second=0, microsecond=0)
    items = "".join(
        f"<item><title>Bakuchiol serum {i}: the plant retinol alternative</title>"
        f"<link>https://example.org/a/{i}</link><guid>https://example.org/a/{i}</guid>"
        f"<pubDate>{format_datetime(monday + dt.timedelta(days=i % 6, hours=i))}</pubDate>"
        f"<description>Bakuchiol sells out, story {i}.</description></item>"
        for i in range(12)
    )
    (folder / "feed.xml").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>'
        f"<link>https://example.org/</link><description>t</description>{items}</channel></rss>",
        encoding="utf-8",
    )
    config = folder / "trendwatch.toml"
    config.write_text(
        '[store]\npath = "tw.duckdb"\n\n[publish]\ndir = "digests"\n\n'
        '[[feeds]]\nurl = "feed.xml"\nname = "test"\n',
        encoding="utf-8",
    )
    return config


class Processes:
    """Processes started in their own session, each stopped with its whole group on teardown."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env, self.logs, self.started = env, logs, []  # type: list[subprocess.Popen[bytes]]

    def start(self, name: str, *argv: str) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("wb")
        proc = subprocess.Popen(argv, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True, cwd=self.logs)  # fmt: skip
        self.started.append(proc)
        return proc

    def run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, env=self.env, capture_output=True, text=True, timeout=180, cwd=self.logs)

    def stop(self) -> None:
        for proc in reversed(self.started):
            for sig in (signal.SIGTERM, signal.SIGKILL):
                if proc.poll() is not None:
                    break
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    proc.wait(timeout=STOP_WAIT_S)
                except subprocess.TimeoutExpired:
                    continue
            try:  # the group's leftovers (the flow-run child of the worker, the server's services)
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[Processes]:
    home = tmp_path / "prefect-home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "TRENDWATCH_"))}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", PATH=f"{BIN}:{env['PATH']}")
    procs = Processes(env, tmp_path)
    try:
        yield procs
    finally:
        procs.stop()


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_the_weekly_deployment_runs_on_a_real_server(processes: Processes, tmp_path: Path) -> None:
    config = _write_feed(tmp_path)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/api"
    server = processes.start("server", str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                             "--port", str(port))  # fmt: skip
    deadline = time.monotonic() + SERVER_START_S
    while True:
        assert server.poll() is None, (tmp_path / "server.log").read_text(errors="replace")[-3000:]
        try:
            if _api(base, "/health") is True:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline, "the Prefect server did not answer /api/health in time"
        time.sleep(1.0)
    processes.env["PREFECT_API_URL"] = base

    deployed = processes.run(str(BIN / "trendwatch"), "--config", str(config), "deploy")
    assert deployed.returncode == 0, deployed.stderr[-3000:]
    assert "trendwatch-weekly/weekly" in deployed.stdout and deployed.stdout.count("Europe/Paris") >= 3
    assert "prefect deployment run 'trendwatch-weekly/weekly'" in deployed.stdout

    processes.start("worker", str(BIN / "prefect"), "worker", "start", "--pool", "trendwatch")
    triggered = processes.run(str(BIN / "prefect"), "deployment", "run", "trendwatch-weekly/weekly")
    assert triggered.returncode == 0, triggered.stderr[-3000:]
    (run_id,) = [line.split("UUID:")[1].strip() for line in triggered.stdout.splitlines() if "UUID:" in line]

    deadline = time.monotonic() + RUN_DONE_S
    done = ("COMPLETED", "FAILED", "CRASHED")
    while (state := _api(base, f"/flow_runs/{run_id}")["state"]["type"]) not in done:
        assert time.monotonic() < deadline, f"the run is still {state}: " + (
            tmp_path / "worker.log").read_text(errors="replace")[-3000:]  # fmt: skip
        time.sleep(2.0)
    assert state == "COMPLETED", (tmp_path / "worker.log").read_text(errors="replace")[-3000:]

    digests = tmp_path / "digests"
    names = sorted(p.name for p in digests.iterdir())
    assert any(n.startswith("digest-") and n.endswith(".html") for n in names), names
    assert any(n.startswith("calendar-") and n.endswith(".ics") for n in names), names  # written beside it
    week = json.loads(next(digests.glob("digest-*.json")).read_text(encoding="utf-8"))["week"]
    keys = {"any_": ["weekly-digest", "weekly-topics"]}
    artifacts = _api(base, "/artifacts/filter", {"artifacts": {"key": keys}, "limit": 10, "offset": 0})
    by_key = {a["key"]: a for a in artifacts}
    assert by_key["weekly-digest"]["type"] == "markdown" and week in by_key["weekly-digest"]["data"]
    assert by_key["weekly-topics"]["type"] == "table"
    assert {a["flow_run_id"] for a in artifacts} == {run_id}  # on the weekly run itself

    for command in (("deployment", "ls"), ("flow-run", "ls"), ("artifact", "ls")):
        listed = processes.run(str(BIN / "prefect"), *command)
        assert listed.returncode == 0, f"prefect {' '.join(command)}: {listed.stderr[-2000:]}"


def test_the_readme_gives_the_steps_this_test_runs() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Running it every week (Prefect)", 1)[1].split("\n## ", 1)[0]
    block = section.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.split("#")[0].strip()]
    assert commands == [
        "prefect server start --host 127.0.0.1 --port 4200",
        "export PREFECT_API_URL=http://127.0.0.1:4200/api",
        "trendwatch --config /srv/trendwatch/trendwatch.toml deploy",
        "prefect worker start --pool trendwatch",
        "prefect deployment run 'trendwatch-weekly/weekly'",
    ]
