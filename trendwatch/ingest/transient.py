"""Which failures may pass on their own (a 503, a timeout) and deserve another try, and which won't.

The transient HTTP statuses are defined once, in ``trendwatch.errors.RETRYABLE_HTTP``.
"""

from __future__ import annotations

from trendwatch.errors import RETRYABLE_HTTP

RETRYABLE_KINDS = frozenset({"timeout", "unreachable", "rate_limited"})


def is_transient_status(status: int | None) -> bool:
    """An HTTP status a later attempt may not meet (408, 425, 429, 5xx gateway/unavailable)."""
    return status is not None and status in RETRYABLE_HTTP


def failed_is_transient(status: int | None, error_kind: str | None) -> bool:
    """A fetch failure that deserves another try (HTTP 503/429/..., timeout, unreachable)."""
    return is_transient_status(status) or (error_kind or "") in RETRYABLE_KINDS


class TransientFeedFailures(Exception):
    """Some feeds failed for a reason that may pass (503, timeout); the rest is stored."""

    def __init__(self, urls: list[str]) -> None:
        self.urls = urls
        super().__init__(
            f"{len(urls)} feed(s) failed temporarily (e.g. {urls[0]}); they will be tried again."
            if urls
            else "no temporary failure"
        )
