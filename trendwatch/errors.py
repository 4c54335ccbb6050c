"""One root exception, one subclass per stage, each carrying the data it is about.

Messages name the input, what was expected, what came, and what to do. The CLI turns any
:class:`TrendwatchError` into a one-line message and a non-zero exit status. Like dlt's
``extract/exceptions.py``, each error also keeps what it is about as attributes (the feed, the
config key, the store path, the week) so a caller can act on it without parsing the message;
every data field is keyword-only and optional, so ``SomeError("message")`` still works.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "AnalysisError",
    "ConfigError",
    "DigestError",
    "FetchError",
    "ParseError",
    "PublishError",
    "SqlNotFoundError",
    "StoreBusyError",
    "StoreDamagedError",
    "StoreError",
    "TrendsError",
    "TrendwatchError",
]


# HTTP statuses a later attempt may not meet (timeout, too early, rate limit, 5xx gateway or
# unavailable): every stage that retries (feeds, Trends, deliveries) uses this one set.
RETRYABLE_HTTP = frozenset({408, 425, 429, 500, 502, 503, 504})


class TrendwatchError(Exception):
    """Root of every error trendwatch raises on purpose."""

    exit_code = 2

    def details(self) -> dict[str, Any]:
        """The data the error is about (its non-empty public attributes), e.g. for a JSON log."""
        return {k: v for k, v in vars(self).items() if not k.startswith("_") and v not in (None, (), "")}

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its data fields (Prefect moves errors between processes)."""
        return (_rebuild, (type(self), self.args, dict(vars(self))))

    def _keep(self, **data: Any) -> None:
        """Set the data fields, never overwriting one a subclass set before calling ``super()``."""
        for name, value in data.items():
            if value is not None or not hasattr(self, name):
                setattr(self, name, value)


class ConfigError(TrendwatchError):
    """The configuration file is missing, unreadable or has a wrong key, type or value."""

    path: str | None
    key: str | None

    def __init__(self, message: str, *, path: str | None = None, key: str | None = None) -> None:
        self._keep(
            path=path,  # the config file
            key=key,  # "[brand] names", "feeds.url"...
        )
        where = f"{path}: " if path else ""
        super().__init__(f"{where}{message}")


class FetchError(TrendwatchError):
    """A feed or a Trends endpoint could not be fetched."""

    url: str | None
    feed_id: str | None
    status: int | None

    def __init__(
        self,
        message: str = "",
        *,
        url: str | None = None,
        feed_id: str | None = None,
        status: int | None = None,
    ) -> None:
        self._keep(
            url=url,
            feed_id=feed_id,
            status=status,  # the HTTP status, when there was an answer
        )
        super().__init__(message)


class ParseError(TrendwatchError):
    """Fetched bytes are not a usable feed."""

    kind: str
    url: str | None
    feed_id: str | None

    def __init__(
        self, message: str = "", *, kind: str = "parse", url: str | None = None, feed_id: str | None = None
    ) -> None:
        self._keep(
            kind=kind,
            url=url,
            feed_id=feed_id,
        )
        super().__init__(message)


class StoreError(TrendwatchError):
    """The DuckDB store can't be opened, migrated or written."""

    path: str | None

    def __init__(self, message: str = "", *, path: str | None = None) -> None:
        self._keep(
            path=path,  # the store file
        )
        super().__init__(message)


class StoreBusyError(StoreError):
    """Another trendwatch process holds the store."""

    pid: int | None

    exit_code = 75  # EX_TEMPFAIL: try again later

    def __init__(self, message: str = "", *, path: str | None = None, pid: int | None = None) -> None:
        self._keep(
            pid=pid,  # the process holding the lock, when DuckDB says
        )
        super().__init__(message, path=path)


class StoreDamagedError(StoreError):
    """The store file is truncated or corrupt."""


class SqlNotFoundError(StoreError):
    """A named SQL file does not exist."""

    name: str | None
    known: tuple[str, ...]

    def __init__(self, message: str = "", *, name: str | None = None, known: Sequence[str] = ()) -> None:
        self._keep(
            name=name,  # the name asked for, e.g. "examples/new_this_week"
            known=tuple(known),  # the names that exist there
        )
        super().__init__(message)


class AnalysisError(TrendwatchError):
    """Topic detection failed on the stored entries."""

    week: str | None

    def __init__(self, message: str = "", *, week: str | None = None) -> None:
        self._keep(
            week=week,
        )
        super().__init__(message)


class DigestError(TrendwatchError):
    """The digest could not be built or written."""

    week: str | None
    path: str | None

    def __init__(self, message: str = "", *, week: str | None = None, path: str | None = None) -> None:
        self._keep(
            week=week,
            path=path,  # the file that could not be written
        )
        super().__init__(message)


class TrendsError(TrendwatchError):
    """Google Trends data could not be fetched or understood."""

    part: str | None
    subject: str | None
    path: str | None

    def __init__(
        self,
        message: str = "",
        *,
        part: str | None = None,
        subject: str | None = None,
        path: str | None = None,
    ) -> None:
        self._keep(
            part=part,  # interest | related | trending | replay
            subject=subject,  # the keywords or the geo asked about
            path=path,  # a replay folder or manifest
        )
        super().__init__(message)


class PublishError(TrendwatchError):
    """The digest could not be delivered (files, e-mail, webhook)."""

    channel: str | None
    target: str | None

    def __init__(self, message: str = "", *, channel: str | None = None, target: str | None = None) -> None:
        self._keep(
            channel=channel,  # files | email | webhook
            target=target,  # a folder, or a recipient with any secret left out
        )
        super().__init__(message)


def _rebuild(cls: type[TrendwatchError], args: tuple[Any, ...], data: dict[str, Any]) -> TrendwatchError:
    err = cls.__new__(cls)
    Exception.__init__(err, *args)
    err.__dict__.update(data)
    return err
