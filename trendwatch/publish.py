"""Publishing a digest: files first (md, html, json), then e-mail (SMTP) and a chat webhook.

Files are always written before any delivery is tried, so a failed e-mail or webhook never
loses the digest. Secrets never come from the TOML: the SMTP password is read from the
environment variable named by ``[publish] smtp_password_env`` (or from the Prefect Secret
block named by ``[publish] secret_block``), the webhook URL from ``[publish] webhook_url_env``.
Delivery errors are :class:`DeliveryError` with ``retryable`` set for temporary failures
(connection refused, timeouts, SMTP 4xx, HTTP 429/5xx) and unset for permanent ones (bad
password, HTTP 404), so a retry policy can tell them apart.
"""

from __future__ import annotations

import json
import os
import smtplib
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

from trendwatch.config import Settings
from trendwatch.digest import write_digest_files
from trendwatch.errors import PublishError
from trendwatch.messages import render
from trendwatch.publish_text import is_http, plain_text, subject_line, summary_text
from trendwatch.webhook import DeliveryError, post_webhook

SMTP_TIMEOUT_S = 30.0


@dataclass(slots=True)
class DeliveryReport:
    """What :func:`publish` did: the files written, who got the e-mail, whether the webhook took it."""

    files: dict[str, Path]
    emailed_to: list[str] = field(default_factory=list)
    webhook_status: int | None = None
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


# ------------------------------------------------------------------ files


def digest_folder(settings: Settings) -> Path:
    """The ``[publish] dir`` folder, absolute."""
    return settings.resolve(settings.publish.dir)


def write_files(settings: Settings, digest: Any) -> dict[str, Path]:
    """Write the digest in every ``[publish] formats`` into ``[publish] dir``; returns paths by format."""
    folder = digest_folder(settings)
    folder.mkdir(parents=True, exist_ok=True)
    formats = tuple(settings.publish.formats) or ("md", "html", "json")
    return write_digest_files(digest, folder, formats=formats)


# ------------------------------------------------------------------ secrets


def _secret_block_value(name: str) -> str:
    try:
        from prefect.blocks.system import Secret

        block: Any = Secret.load(name)
        value = block.get()
    except Exception as e:  # noqa: BLE001 - any failure to reach or read the block
        raise DeliveryError(
            f"[publish] secret_block = {name!r}: can't read that Prefect Secret block ({e}). "
            f"Create it with `prefect block create secret` or clear secret_block.",
            channel="email",
            retryable=False,
        ) from e
    return str(value)


def smtp_password(settings: Settings) -> str | None:
    """The SMTP password: from the Prefect Secret block when set, else the named environment variable."""
    pub = settings.publish
    if pub.secret_block:
        return _secret_block_value(pub.secret_block)
    return os.environ.get(pub.smtp_password_env) if pub.smtp_password_env else None


def webhook_url(settings: Settings) -> str | None:
    """The chat webhook URL from the environment variable ``[publish] webhook_url_env``, or None."""
    name = settings.publish.webhook_url_env
    value = os.environ.get(name, "").strip() if name else ""
    return value or None


def email_configured(settings: Settings) -> bool:
    """True when ``[publish]`` names an SMTP host and at least one recipient."""
    return bool(settings.publish.smtp_host and settings.publish.email_to)


# ------------------------------------------------------------------ e-mail


def build_email(settings: Settings, *, subject: str, html: str, text: str) -> EmailMessage:
    """A multipart/alternative message (plain text, then HTML) to every ``[publish] email_to``."""
    pub = settings.publish
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = pub.email_from or pub.smtp_user or f"trendwatch@{socket.getfqdn()}"
    msg["To"] = ", ".join(pub.email_to)
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = make_msgid(domain="trendwatch")
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    return msg


def send_email(settings: Settings, message: EmailMessage) -> list[str]:
    """Send ``message`` through ``[publish] smtp_host``, with STARTTLS unless disabled; returns the
    recipients accepted. Raises :class:`DeliveryError`."""
    pub = settings.publish
    where = f"{pub.smtp_host}:{pub.smtp_port}"
    password = smtp_password(settings)
    if pub.smtp_user and not password:
        raise DeliveryError(
            f"[publish] smtp_user = {pub.smtp_user!r} but no password: set the environment variable "
            f"{pub.smtp_password_env} (or [publish] secret_block).",
            channel="email",
            retryable=False,
        )
    try:
        with smtplib.SMTP(pub.smtp_host, pub.smtp_port, timeout=SMTP_TIMEOUT_S) as smtp:
            smtp.ehlo()
            if pub.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if pub.smtp_user:
                smtp.login(pub.smtp_user, password or "")
            refused = smtp.send_message(message, to_addrs=list(pub.email_to))
    except smtplib.SMTPAuthenticationError as e:
        raise DeliveryError(
            f"SMTP server {where} refused the login of {pub.smtp_user!r} ({e.smtp_code}). "
            f"Check the password in {pub.smtp_password_env}.",
            channel="email",
            retryable=False,
        ) from e
    except smtplib.SMTPNotSupportedError as e:
        raise DeliveryError(
            f"SMTP server {where} does not offer STARTTLS. Use its submission port (587) or set "
            "[publish] smtp_starttls = false only on a trusted network.",
            channel="email",
            retryable=False,
        ) from e
    except smtplib.SMTPResponseException as e:
        temporary = 400 <= e.smtp_code < 500
        raise DeliveryError(
            f"SMTP server {where} answered {e.smtp_code} {e.smtp_error!r}."
            + (" It is temporary; it will be retried." if temporary else " Check [publish] email settings."),
            channel="email",
            retryable=temporary,
        ) from e
    except smtplib.SMTPRecipientsRefused as e:
        raise DeliveryError(
            f"SMTP server {where} refused every recipient: {', '.join(e.recipients)}. "
            "Check [publish] email_to.",
            channel="email",
            retryable=False,
        ) from e
    except ssl.SSLError as e:
        raise DeliveryError(
            f"TLS with {where} failed: {e}. Is the server certificate valid for {pub.smtp_host}?",
            channel="email",
            retryable=False,
        ) from e
    except (OSError, smtplib.SMTPException) as e:
        raise DeliveryError(
            f"can't reach the SMTP server {where}: {e}. It will be retried; check smtp_host/smtp_port.",
            channel="email",
            retryable=True,
        ) from e
    return [r for r in pub.email_to if r not in refused]


# ------------------------------------------------------------------ webhook


def digest_link(settings: Settings, files: Mapping[str, Path]) -> str | None:
    """The address teammates open the HTML digest at: ``[publish] base_url`` + the file's name, or
    None without a base_url (a path on this server is no link for anyone else)."""
    base = settings.publish.base_url.strip()
    if not base:
        return None
    if not is_http(base):
        raise PublishError(
            f"[publish] base_url = {base!r} is not an http(s) address. Fix: set it to where the "
            f"folder {digest_folder(settings)} is served (e.g. https://intranet.example/veille/), or leave "
            "it empty to send the digest by e-mail only."
        )
    return base.rstrip("/") + "/" + urllib.parse.quote(_need(files, "html").name)


# ------------------------------------------------------------------ one call

__all__ = ["DeliveryError", "DeliveryReport", "plain_text", "publish", "subject_line", "summary_text"]


def email_files(settings: Settings, files: Mapping[str, Path]) -> list[str]:
    """E-mail the HTML digest (read from the written file, the page also attached to open in a
    browser); returns the recipients accepted."""
    html_path, json_path = _need(files, "html"), _need(files, "json")
    digest_json = json.loads(json_path.read_text(encoding="utf-8"))
    language = settings.digest.language
    text = plain_text(digest_json, language)
    link = digest_link(settings, files)
    if link:
        text += "\n" + render("publish.summary_link", language, url=link) + "\n"
    else:
        text += "\n" + render("publish.attached", language, file=html_path.name) + "\n"
    html = html_path.read_bytes()
    message = build_email(
        settings, subject=subject_line(digest_json, language), html=html.decode("utf-8"), text=text
    )
    message.add_attachment(html, maintype="text", subtype="html", filename=html_path.name)
    return send_email(settings, message)


def webhook_files(settings: Settings, files: Mapping[str, Path], url: str | None = None) -> int:
    """Post the short summary to the chat webhook with a link to the digest at ``[publish] base_url``;
    without one, the top articles inline and where the full digest went; returns the status."""
    url = url or webhook_url(settings)
    if not url:
        raise DeliveryError(
            f"no webhook URL: set the environment variable {settings.publish.webhook_url_env}.",
            channel="webhook",
            retryable=False,
        )
    digest_json = json.loads(_need(files, "json").read_text(encoding="utf-8"))
    language = settings.digest.language
    link = digest_link(settings, files)
    no_link = None
    if link is None:
        no_link = (
            render("publish.summary_emailed", language, n=len(settings.publish.email_to))
            if email_configured(settings)
            else render("publish.summary_no_link", language, folder=digest_folder(settings))
        )
    return post_webhook(url, {"text": summary_text(digest_json, link, language, no_link=no_link)})


def _need(files: Mapping[str, Path], fmt: str) -> Path:
    path = files.get(fmt)
    if path is None or not Path(path).is_file():
        raise PublishError(
            f"the {fmt} digest file is missing ({path}). Keep {fmt!r} in [publish] formats to deliver it."
        )
    return Path(path)


def publish(settings: Settings, digest: Any) -> DeliveryReport:
    """Write the files, then deliver by e-mail and webhook as configured, without Prefect; a failed
    delivery is recorded in the report (the files stay written)."""
    report = DeliveryReport(files=write_files(settings, digest))
    if email_configured(settings):
        try:
            report.emailed_to = email_files(settings, report.files)
        except PublishError as e:
            report.failures.append(f"e-mail: {e}")
    if webhook_url(settings):
        try:
            report.webhook_status = webhook_files(settings, report.files)
        except PublishError as e:
            report.failures.append(f"webhook: {e}")
    return report
