"""The one webhook poster: a JSON POST to a Slack/Teams-style incoming webhook.

A leaf module, so that every stage that talks to a chat (the digest's summary in ``publish``, the
crisis alerts in ``cm.alerts``) posts the same way, with the same errors and the same secrecy about
the URL's token.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any

from trendwatch.errors import RETRYABLE_HTTP, PublishError

__all__ = ["RETRYABLE_HTTP", "WEBHOOK_TIMEOUT_S", "DeliveryError", "post_webhook"]

WEBHOOK_TIMEOUT_S = 15.0


class DeliveryError(PublishError):
    """An e-mail or webhook delivery failed; ``retryable`` says whether trying again may help."""

    def __init__(self, message: str, *, channel: str, retryable: bool) -> None:
        self.retryable = retryable
        super().__init__(message, channel=channel)


def post_webhook(
    url: str,
    payload: Mapping[str, Any],
    *,
    timeout_s: float = WEBHOOK_TIMEOUT_S,
    shown: str | None = None,
    channel: str = "webhook",
) -> int:
    """POST ``payload`` as JSON to a Slack/Teams-style incoming webhook; returns the HTTP status.
    The one webhook poster (the digest summary and the crisis alerts). Raises :class:`DeliveryError`
    (retryable on 429/5xx and connection errors); messages name ``shown`` (e.g. the environment
    variable holding the URL), never the URL's token."""
    shown = shown or url.split("?", 1)[0].rsplit("/", 1)[0] + "/…"  # never log the token at the end
    body = json.dumps(dict(payload), ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout_s) as resp:  # noqa: S310 - URL from the operator
            return int(resp.status)
    except urllib.error.HTTPError as e:
        retryable = e.code in RETRYABLE_HTTP
        raise DeliveryError(
            f"webhook {shown} answered HTTP {e.code}."
            + (
                " It is temporary; it will be retried." if retryable else " Check the URL in the environment."
            ),
            channel=channel,
            retryable=retryable,
        ) from e
    except (urllib.error.URLError, OSError, ValueError) as e:
        raise DeliveryError(
            f"can't reach the webhook {shown}: {getattr(e, 'reason', e)}. It will be retried.",
            channel=channel,
            retryable=True,
        ) from e
