"""`trendwatch run` end to end on loopback: the demo's feeds served on 127.0.0.1, an SMTP server
(aiosmtpd) and a chat webhook receiver. The crisis alert the demo plants leads the e-mail subject
and the chat summary, the chat links to [publish] base_url (never a file:// path), and the
command exits 0."""

from __future__ import annotations

import email
import json
import socket
import threading
from collections.abc import Iterator
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from trendwatch.cli import main
from trendwatch.demo.runner import demo_config
from trendwatch.demo.server import bind_server
from trendwatch.demo.world import BRAND, DEMO_WEEK, build_world, rss

BASE_URL = "https://intranet.example/veille/"


class _Hook(BaseHTTPRequestHandler):
    posted: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server hook
        self.posted.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: Any) -> None:
        pass


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd hook
        self.messages.append(envelope.content)
        return "250 OK"


@pytest.fixture
def hook() -> Iterator[tuple[str, type[_Hook]]]:
    handler = type("Hook", (_Hook,), {"posted": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/services/T0/B0/TOKEN", handler
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def inbox() -> Iterator[tuple[int, _Inbox]]:
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    box = _Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, box
    finally:
        controller.stop()


@pytest.mark.slow
def test_run_delivers_the_digest_with_the_open_alert_first(
    prefect_api: None,
    hook: tuple[str, type[_Hook]],
    inbox: tuple[int, _Inbox],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, handler = hook
    port, box = inbox
    monkeypatch.setenv("TRENDWATCH_WEBHOOK_URL", url)
    world = build_world()
    with bind_server({}) as server:
        urls = {f.slug: server.url(f"/{f.slug}.xml") for f in world.feeds}
        server.set_documents({f"/{f.slug}.xml": rss(world, f, urls[f.slug]) for f in world.feeds})
        config = demo_config(world, urls, language="fr", trends=False).replace(
            '[publish]\ndir = "."\n',
            f'[publish]\ndir = "digests"\nbase_url = "{BASE_URL}"\nsmtp_host = "127.0.0.1"\n'
            f'smtp_port = {port}\nsmtp_starttls = false\nemail_to = ["cm@example.org"]\n'
            'email_from = "veille@example.org"\n',
        )
        path = tmp_path / "trendwatch.toml"
        path.write_text(config, encoding="utf-8")
        code = main(["--config", str(path), "run", "--week", DEMO_WEEK])
    out = capsys.readouterr().out
    assert code == 0, out

    # the chat: the alert first, the week's topics, a link where the digest is served
    (posted,) = handler.posted
    lines = posted["text"].splitlines()
    assert lines[0].startswith(f"⚠ Alerte sur {BRAND} : pic de mentions")
    assert any(line.startswith(f"*Veille tendances {DEMO_WEEK}*") for line in lines)
    assert f"Digest complet : {BASE_URL}digest-{DEMO_WEEK}.html" in lines
    assert "file:" not in posted["text"]

    # the e-mail: the alert leads the subject; the body carries the alert and the chart without SVG
    (raw,) = box.messages
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert str(msg["Subject"]).startswith(f"⚠ Alerte sur {BRAND} · Veille tendances {DEMO_WEEK} : ")
    html = msg.get_body(preferencelist=("html",))
    assert html is not None
    page = html.get_content()
    assert "<h2>⚠ Alertes</h2>" in page and BRAND in page
    assert 'class="bars"' in page and "<svg" not in page
    text = msg.get_body(preferencelist=("plain",))
    assert text is not None and f"⚠ Alerte sur {BRAND} : pic de mentions" in text.get_content()
    assert f"{BASE_URL}digest-{DEMO_WEEK}.html" in text.get_content()
    assert (tmp_path / "digests" / f"digest-{DEMO_WEEK}.html").is_file()
