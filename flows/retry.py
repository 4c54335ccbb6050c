"""When a failed task is worth retrying: temporary network or store trouble yes, a 404 or bad password no."""

from __future__ import annotations

from typing import Any

RETRYABLE_HTTP = frozenset({408, 425, 429, 500, 502, 503, 504})
RETRYABLE_KINDS = frozenset({"timeout", "unreachable", "rate_limited"})


class TransientFeedFailures(Exception):
    """Some feeds of a batch failed for a reason that may pass (503, timeout); the rest is stored."""

    def __init__(self, urls: list[str]) -> None:
        self.urls = urls
        super().__init__(
            f"{len(urls)} feed(s) failed temporarily (e.g. {urls[0]}); the batch will be retried."
            if urls
            else "no temporary failure"
        )


def is_transient(exc: BaseException | None) -> bool:
    """True for failures a later attempt may not meet (a 503, a timeout, a busy store, a retryable send)."""
    from trendwatch.errors import StoreBusyError
    from trendwatch.publish import DeliveryError

    if isinstance(exc, (TransientFeedFailures, StoreBusyError)):
        return True
    if isinstance(exc, DeliveryError):
        return exc.retryable
    return False


def retry_if_transient(task: Any, task_run: Any, state: Any) -> bool:
    """``retry_condition_fn`` for Prefect tasks: retry only when the failure is transient."""
    exc = state.data if isinstance(state.data, BaseException) else None
    if exc is None:
        try:
            got = state.result(raise_on_failure=False)
        except Exception as e:  # noqa: BLE001 - reading the result may itself raise the error
            got = e
        exc = got if isinstance(got, BaseException) else None
    return is_transient(exc)


def failed_is_transient(status: int | None, error_kind: str | None) -> bool:
    """A stored fetch failure that deserves another try (HTTP 503/429/..., timeout, unreachable)."""
    return (status is not None and status in RETRYABLE_HTTP) or (error_kind or "") in RETRYABLE_KINDS
