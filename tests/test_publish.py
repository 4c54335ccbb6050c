"""Publishing: e-mail through a loopback SMTP server with STARTTLS and AUTH, a loopback webhook."""

from __future__ import annotations

import datetime as dt
import email
import ipaddress
import json
import socket
import ssl
import threading
from collections.abc import Iterator
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from trendwatch.config import settings_from_dict
from trendwatch.errors import PublishError
from trendwatch.publish import (
    DeliveryError,
    digest_link,
    email_files,
    post_webhook,
    smtp_password,
    subject_line,
    summary_text,
    webhook_files,
)

DIGEST_JSON = {
    "week": "2026-W10",
    "topics": [
        {
            "rank": 1,
            "label": "bakuchiol serums",
            "keywords": ["bakuchiol"],
            "score": 4.2,
            "articles": [
                {
                    "title": "Bakuchiol is the new retinol",
                    "url": "https://x.example/a",
                    "published": "2026-03-04T08:00:00+00:00",
                    "source": "Green Beauty",
                }
            ],
            "ideas": [],
        },
        {
            "rank": 2,
            "label": "refill stations",
            "keywords": ["refill"],
            "score": 2.0,
            "articles": [],
            "ideas": [],
        },
    ],
}


@pytest.fixture
def digest_files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "digests"
    folder.mkdir()
    html = folder / "digest-2026-W10.html"
    html.write_text("<html><body><h1>Veille 2026-W10</h1><p>bakuchiol</p></body></html>", encoding="utf-8")
    js = folder / "digest-2026-W10.json"
    js.write_text(json.dumps(DIGEST_JSON), encoding="utf-8")
    return {"html": html, "json": js}


# ------------------------------------------------------------------ SMTP with STARTTLS


def _self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []
        self.starttls_seen = False

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd hook
        self.starttls_seen = self.starttls_seen or session.ssl is not None
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[int, _Inbox]]:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = _self_signed(tmp_path)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts the throwaway cert, nothing else

    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword) and data.login == b"cm@example.org" and data.password == b"s3cret"
        )
        return AuthResult(success=ok, handled=False)

    inbox = _Inbox()
    port = _free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=tls,
        require_starttls=True,
        authenticator=check,
        auth_required=True,
    )
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()


def _settings(tmp_path: Path, **publish: Any) -> Any:
    return settings_from_dict({"publish": publish}, base_dir=tmp_path)


def test_email_goes_through_starttls_and_auth_to_every_recipient(
    smtp_server: tuple[int, _Inbox],
    digest_files: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port, inbox = smtp_server
    monkeypatch.setenv("CM_SMTP_PW", "s3cret")
    settings = _settings(
        tmp_path,
        smtp_host="localhost",
        smtp_port=port,
        smtp_user="cm@example.org",
        smtp_password_env="CM_SMTP_PW",
        email_from="veille@example.org",
        email_to=["a@example.org", "b@example.org"],
    )
    accepted = email_files(settings, digest_files)
    assert accepted == ["a@example.org", "b@example.org"]
    assert inbox.starttls_seen
    ((rcpts, raw),) = inbox.messages
    assert rcpts == ["a@example.org", "b@example.org"]
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["Subject"] == "Veille tendances 2026-W10 : bakuchiol serums"
    html = msg.get_body(preferencelist=("html",))
    assert html is not None and "<h1>Veille 2026-W10</h1>" in html.get_content()
    text = msg.get_body(preferencelist=("plain",))
    assert text is not None and "Bakuchiol is the new retinol" in text.get_content()
    # without [publish] base_url the page goes along as an attachment, and the text says so
    (attached,) = list(msg.iter_attachments())
    assert attached.get_filename() == "digest-2026-W10.html"
    assert "digest-2026-W10.html" in text.get_content() and "file://" not in raw.decode()


def test_wrong_smtp_password_is_a_permanent_failure(
    smtp_server: tuple[int, _Inbox],
    digest_files: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port, inbox = smtp_server
    monkeypatch.setenv("CM_SMTP_PW", "wrong")
    settings = _settings(
        tmp_path,
        smtp_host="localhost",
        smtp_port=port,
        smtp_user="cm@example.org",
        smtp_password_env="CM_SMTP_PW",
        email_to=["a@example.org"],
    )
    with pytest.raises(DeliveryError) as info:
        email_files(settings, digest_files)
    assert info.value.retryable is False
    assert "CM_SMTP_PW" in str(info.value)
    assert inbox.messages == []


def test_unreachable_smtp_server_is_retryable(digest_files: dict[str, Path], tmp_path: Path) -> None:
    settings = _settings(tmp_path, smtp_host="127.0.0.1", smtp_port=_free_port(), email_to=["a@example.org"])
    with pytest.raises(DeliveryError) as info:
        email_files(settings, digest_files)
    assert info.value.retryable is True and info.value.channel == "email"


def test_password_never_read_from_the_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRENDWATCH_SMTP_PASSWORD", raising=False)
    assert smtp_password(_settings(tmp_path)) is None
    monkeypatch.setenv("TRENDWATCH_SMTP_PASSWORD", "from-env")
    assert smtp_password(_settings(tmp_path)) == "from-env"


# ------------------------------------------------------------------ webhook


class _Hook(BaseHTTPRequestHandler):
    statuses: list[int] = []
    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server hook
        body = self.rfile.read(int(self.headers["Content-Length"]))
        status = self.statuses.pop(0) if self.statuses else 200
        if status == 200:
            self.received.append(json.loads(body))
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def webhook() -> Iterator[tuple[str, type[_Hook]]]:
    handler = type("Hook", (_Hook,), {"statuses": [], "received": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/services/T000/B000/XXXX", handler
    finally:
        server.shutdown()
        server.server_close()


def test_webhook_links_to_the_digest_where_base_url_serves_it(
    webhook: tuple[str, type[_Hook]],
    digest_files: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, hook = webhook
    monkeypatch.setenv("TRENDWATCH_WEBHOOK_URL", url)
    settings = settings_from_dict(
        {"digest": {"language": "en"}, "publish": {"base_url": "https://intranet.example/veille/"}},
        base_dir=tmp_path,
    )
    assert webhook_files(settings, digest_files) == 200
    (payload,) = hook.received
    assert set(payload) == {"text"}
    assert "1. bakuchiol serums" in payload["text"] and "2. refill stations" in payload["text"]
    assert "Full digest: https://intranet.example/veille/digest-2026-W10.html" in payload["text"]
    assert "file:" not in payload["text"]


def test_without_base_url_the_webhook_inlines_the_top_articles_and_says_where_the_digest_went(
    webhook: tuple[str, type[_Hook]],
    digest_files: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, hook = webhook
    monkeypatch.setenv("TRENDWATCH_WEBHOOK_URL", url)
    settings = settings_from_dict(
        {"digest": {"language": "en"}, "publish": {"smtp_host": "mail", "email_to": ["a@x.example"]}},
        base_dir=tmp_path,
    )
    assert webhook_files(settings, digest_files) == 200
    text = hook.received[0]["text"]
    assert "file:" not in text and str(digest_files["html"]) not in text
    assert "Bakuchiol is the new retinol https://x.example/a" in text
    assert "sent by e-mail to 1 recipient(s)" in text and "[publish] base_url" in text
    bare = settings_from_dict({"digest": {"language": "fr"}}, base_dir=tmp_path)
    assert webhook_files(bare, digest_files) == 200
    assert "renseignez [publish] base_url" in hook.received[1]["text"]


def test_a_base_url_that_is_not_http_is_refused_with_the_fix(
    digest_files: dict[str, Path], tmp_path: Path
) -> None:
    settings = _settings(tmp_path, base_url="file:///srv/digests")
    with pytest.raises(PublishError, match=r"\[publish\] base_url = 'file:///srv/digests'.*Fix"):
        digest_link(settings, digest_files)
    assert digest_link(_settings(tmp_path, base_url="https://h.example/d"), digest_files) == (
        "https://h.example/d/digest-2026-W10.html"
    )


ALERT = {"name": "Acme", "kind": "negative", "message": "negative mentions spike: 12 negative mentions"}


def test_open_alerts_lead_the_subject_and_the_summary() -> None:
    body = {**DIGEST_JSON, "alerts": [ALERT]}
    subject = subject_line(body, "en")
    assert subject.startswith("⚠ Alert on Acme · Trend watch 2026-W10")
    text = summary_text(body, "https://h.example/d.html", "en")
    assert text.splitlines()[0] == "⚠ Alert on Acme: negative mentions spike: 12 negative mentions"
    assert subject_line(body, "fr").startswith("⚠ Alerte sur Acme · Veille tendances 2026-W10 : ")


def test_a_sensitive_topic_never_leads_the_subject() -> None:
    death = {**DIGEST_JSON["topics"][0], "label": "Actor found dead", "sensitive": True}  # type: ignore[dict-item]
    body = {"week": "2026-W10", "topics": [death, DIGEST_JSON["topics"][1]]}  # type: ignore[index]
    assert subject_line(body, "en") == "Trend watch 2026-W10: refill stations"
    only = {"week": "2026-W10", "topics": [death]}
    assert subject_line(only, "fr") == "Veille tendances 2026-W10 : 1 sujet émergent"


def test_chat_and_subject_syntax_in_feed_text_is_inert() -> None:
    hostile = {
        "week": "2026-W10",
        "topics": [
            {"rank": 1, "label": "<!here> free <https://evil.example|gift> @everyone", "articles": []}
        ],
        "alerts": [{"name": "Acme", "message": "<!channel> spike"}],
    }
    for text in (summary_text(hostile, None, "en"), subject_line(hostile, "en")):
        assert "<!here>" not in text and "<!channel>" not in text and "<https://evil" not in text
        assert "@everyone" not in text and "everyone" in text


@pytest.mark.parametrize(("status", "retryable"), [(503, True), (429, True), (404, False), (400, False)])
def test_webhook_status_decides_retry(webhook: tuple[str, type[_Hook]], status: int, retryable: bool) -> None:
    url, hook = webhook
    hook.statuses.append(status)
    with pytest.raises(DeliveryError) as info:
        post_webhook(url, {"text": "hi"})
    assert info.value.retryable is retryable
    assert "XXXX" not in str(info.value)  # the secret token at the end of the URL is never shown


def test_summary_text_says_when_nothing_emerged_and_never_posts_a_file_link() -> None:
    text = summary_text({"week": "2026-W10", "topics": []}, "https://h.example/d.html", "fr")
    assert "Aucun sujet émergent" in text and "https://h.example/d.html" in text
    with pytest.raises(PublishError, match="only http"):
        summary_text({"week": "2026-W10", "topics": []}, "file:///d.html", "fr")
