"""The Prefect flows on a real (test) Prefect API: transient-only retries, the demo end to end."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from prefect.states import Completed, Failed

from flows.retry import TransientFeedFailures, retry_if_transient
from trendwatch.demo.world import build_world, rss
from trendwatch.errors import StoreBusyError
from trendwatch.publish import DeliveryError


@pytest.mark.parametrize(
    ("exc", "retry"),
    [
        (DeliveryError("503", channel="webhook", retryable=True), True),
        (DeliveryError("404", channel="webhook", retryable=False), False),
        (TransientFeedFailures(["http://a/feed"]), True),
        (StoreBusyError("busy"), True),
        (ValueError("a bug"), False),
    ],
)
def test_retry_condition_reads_the_failure(exc: BaseException, retry: bool) -> None:
    assert retry_if_transient(None, None, Failed(data=exc)) is retry


def test_retry_condition_ignores_completed_states() -> None:
    assert retry_if_transient(None, None, Completed(data=1)) is False


class _ListHandler(logging.Handler):
    """Keeps the records Prefect's run loggers emit (they don't reach pytest's root handler)."""

    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.DEBUG)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class _Scripted(BaseHTTPRequestHandler):
    """Answers each path from a per-path list of statuses (the last one repeats); counts hits."""

    script: dict[str, list[int]] = {}
    bodies: dict[str, bytes] = {}
    hits: dict[str, int] = {}
    posted: list[dict[str, Any]] = []

    def _answer(self, body: bytes) -> None:
        path = self.path.split("?", 1)[0]
        self.hits[path] = self.hits.get(path, 0) + 1
        statuses = self.script.get(path, [404])
        status = statuses.pop(0) if len(statuses) > 1 else statuses[0]
        payload = body if status == 200 else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:  # noqa: N802 - http.server hook
        self._answer(self.bodies.get(self.path, b""))

    def do_POST(self) -> None:  # noqa: N802 - http.server hook
        data = self.rfile.read(int(self.headers["Content-Length"]))
        if (self.script.get(self.path) or [200])[0] == 200:
            self.posted.append(json.loads(data))
        self._answer(b"ok")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def scripted() -> Iterator[tuple[str, type[_Scripted]]]:
    handler = type("Scripted", (_Scripted,), {"script": {}, "bodies": {}, "hits": {}, "posted": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_ingest_retries_a_503_within_the_run_and_counts_one_strike(
    prefect_api: None, scripted: tuple[str, type[_Scripted]], tmp_path: Path
) -> None:
    import flows.ingest as ingest_module
    from trendwatch.store import open_store

    base, handler = scripted
    world = build_world()
    feeds = world.feeds[:5]
    for f in feeds:
        handler.bodies[f"/{f.slug}.xml"] = rss(world, f, f"{base}/{f.slug}.xml")
    # ok, 503-then-ok, ok, 404 for good, 503 for good
    handler.script.update({f"/{feeds[0].slug}.xml": [200], f"/{feeds[1].slug}.xml": [503, 200],
                           f"/{feeds[2].slug}.xml": [200], f"/{feeds[3].slug}.xml": [404],
                           f"/{feeds[4].slug}.xml": [503]})  # fmt: skip
    config = tmp_path / "trendwatch.toml"
    config.write_text(
        '[store]\npath = "tw.duckdb"\n'
        + "".join(f'[[feeds]]\nurl = "{base}/{f.slug}.xml"\nname = "{f.slug}"\n' for f in feeds),
        encoding="utf-8",
    )
    records: list[logging.LogRecord] = []
    log_handler = _ListHandler(records)
    loggers = [logging.getLogger(name) for name in ("prefect.task_runs", "prefect.flow_runs")]
    for logger in loggers:
        logger.addHandler(log_handler)
    try:
        summary = ingest_module.ingest_flow(str(config), retry_delays=[0.0, 0.0])
    finally:
        for logger in loggers:
            logger.removeHandler(log_handler)
    assert handler.hits[f"/{feeds[1].slug}.xml"] == 2  # the 503 was tried again...
    assert handler.hits[f"/{feeds[0].slug}.xml"] == 1  # ...without refetching what was stored
    assert handler.hits[f"/{feeds[3].slug}.xml"] == 1  # the 404 was not
    assert handler.hits[f"/{feeds[4].slug}.xml"] == 3  # the dead one: the first try and two more
    assert sorted(f[1] for f in summary["failures"]) == sorted(
        f"{base}/{feeds[i].slug}.xml" for i in (3, 4)
    )
    assert summary["entries_new"] == sum(len(world.articles_of(f.slug)) for f in feeds[:3])
    assert (summary["feeds_ok"], summary["feeds_failed"], summary["exit_code"]) == (3, 2, 3)
    with open_store(tmp_path / "tw.duckdb", read_only=True) as con:
        strikes = dict(con.execute("SELECT name, consecutive_failures FROM feeds").fetchall())
    # one run is one strike, however many tries it made
    assert strikes[feeds[4].slug] == 1 and strikes[feeds[3].slug] == 1 and strikes[feeds[1].slug] == 0
    retries = [r for r in records if "trying them again" in r.getMessage()]
    assert len(retries) == 2 and {r.levelno for r in retries} == {logging.INFO}
    noise = [r for r in records if "failed with exception" in r.getMessage() or "Retry 1/" in r.getMessage()]
    assert not noise
    assert not [r for r in records if r.levelno >= logging.ERROR]  # an expected transient failure: no noise


@pytest.mark.slow
def test_demo_end_to_end_with_a_flaky_webhook_and_an_idempotent_rerun(
    prefect_api: None, scripted: tuple[str, type[_Scripted]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from prefect.client.orchestration import get_client

    import flows.weekly as weekly_module
    from trendwatch.demo.runner import run_demo

    base, handler = scripted
    handler.script["/hook"] = [503, 200]  # the first delivery fails, the retry goes through
    monkeypatch.setenv("TRENDWATCH_WEBHOOK_URL", f"{base}/hook")
    monkeypatch.setattr(
        weekly_module, "webhook_task", weekly_module.webhook_task.with_options(retry_delay_seconds=0)
    )
    out = io.StringIO()
    first = run_demo(tmp_path / "demo", out=out)
    assert handler.hits["/hook"] == 2 and len(handler.posted) == 1
    assert "bakuchiol" in handler.posted[0]["text"].lower()
    # The planted emerging topic leads; the brand crisis raises an alert; the one-feed spammer,
    # the biggest publisher of the week, is at best a footnote.
    assert "bakuchiol" in first.topics[0]["label"].lower()
    assert any("Verdelys" in a.get("name", "") for a in first.alerts)
    # the crisis breaks the same week: its own topic, not folded into the bakuchiol one
    assert "verdelys" not in first.topics[0]["label"].lower()
    assert any("verdelys" in t["label"].lower() for t in first.topics[1:])
    spam = [t for t in first.topics if "promo" in t["label"].lower()]
    assert all(t["score"] < 0.1 * first.topics[0]["score"] for t in spam)
    assert Path(first.files["html"]).is_file() and Path(first.files["html"]).parent == tmp_path / "demo"
    ics = Path(first.files["ics"]).read_text(encoding="utf-8")  # the calendar comes with each digest
    assert ics.startswith("BEGIN:VCALENDAR") and ics.count("BEGIN:VEVENT") >= 1
    text = out.getvalue()
    assert "Top topics of 2026-W10" in text and first.files["html"] in text
    # the README's excerpt of this digest is true to it, line for line (its "…" stand for the cuts)
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("```markdown\n# Veille tendances")
    excerpt = readme[start : readme.index("\n```", start + 3)].split("\n")[1:]
    digest_lines = set(Path(first.files["md"]).read_text(encoding="utf-8").split("\n"))
    assert [x for x in excerpt if x.strip(" -.0123456789") not in ("", "…") and x not in digest_lines] == []
    with get_client(sync_client=True) as client:
        # (the sync client's read_artifacts sends nulls this server version rejects: ask the API directly)
        response = client._client.post(
            "/artifacts/filter",
            json={"artifacts": {"key": {"any_": ["weekly-digest", "weekly-topics"]}}, "limit": 10,
                  "offset": 0,
                  "sort": "CREATED_DESC"},
        )  # fmt: skip
    response.raise_for_status()
    artifacts: dict[str, Any] = {}
    for a in response.json():  # newest first: other tests of the session made some too
        artifacts.setdefault(a["key"], a)
    assert set(artifacts) == {"weekly-digest", "weekly-topics"}
    assert "akuchiol" in artifacts["weekly-digest"]["data"]
    assert artifacts["weekly-topics"]["type"] == "table"

    handler.script["/hook"] = [200]
    second = run_demo(tmp_path / "demo", out=io.StringIO())
    assert second.store_counts == first.store_counts
    assert [(t["label"], t["score"]) for t in second.topics] == [
        (t["label"], t["score"]) for t in first.topics
    ]
    body = json.loads(Path(second.files["json"]).read_text(encoding="utf-8"))
    assert body["week"] == "2026-W10" and len(body["topics"]) == len(first.topics)


def test_run_command_rejects_bad_arguments_before_starting_prefect(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from trendwatch.cli import main

    config = tmp_path / "trendwatch.toml"
    config.write_text('[[feeds]]\nurl = "feed.xml"\n', encoding="utf-8")
    assert main(["--config", str(config), "run", "--dask-address", "tcp://10.0.0.5:8786"]) == 2
    assert "--task-runner dask" in capsys.readouterr().err
    assert main(["--config", str(config), "run", "--week", "2026-10"]) == 2
    assert "2026-10" in capsys.readouterr().err


@pytest.mark.slow
def test_smtp_password_from_a_prefect_secret_block(prefect_api: None, tmp_path: Path) -> None:
    from prefect.blocks.system import Secret

    from trendwatch.config import settings_from_dict
    from trendwatch.publish import smtp_password

    Secret(value="from-the-block").save("trendwatch-smtp-test", overwrite=True)
    settings = settings_from_dict({"publish": {"secret_block": "trendwatch-smtp-test"}}, base_dir=tmp_path)
    assert smtp_password(settings) == "from-the-block"
    missing = settings_from_dict({"publish": {"secret_block": "no-such-block"}}, base_dir=tmp_path)
    with pytest.raises(DeliveryError) as info:
        smtp_password(missing)
    assert "no-such-block" in str(info.value) and info.value.retryable is False
