"""When a failed Prefect task is worth retrying: temporary network or store trouble yes, a 404 or a
bad password no. The definitions live in the library (``trendwatch.ingest.transient``)."""

from __future__ import annotations

from typing import Any

from trendwatch.errors import StoreBusyError
from trendwatch.ingest.transient import (
    RETRYABLE_HTTP,
    RETRYABLE_KINDS,
    TransientFeedFailures,
    failed_is_transient,
)
from trendwatch.publish import DeliveryError

__all__ = ["RETRYABLE_HTTP", "RETRYABLE_KINDS", "TransientFeedFailures", "failed_is_transient",
           "is_transient", "retry_if_transient"]  # fmt: skip


def is_transient(exc: BaseException | None) -> bool:
    """True for failures a later attempt may not meet (a 503, a timeout, a busy store, a retryable send)."""
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
