"""One root exception, one subclass per stage.

Messages name the input, what was expected, what came, and what to do. The CLI turns any
:class:`TrendwatchError` into a one-line message and a non-zero exit status.
"""

from __future__ import annotations


class TrendwatchError(Exception):
    """Root of every error trendwatch raises on purpose."""

    exit_code = 2


class ConfigError(TrendwatchError):
    """The configuration file is missing, unreadable or has a wrong key, type or value."""

    def __init__(self, message: str, *, path: str | None = None, key: str | None = None) -> None:
        self.path = path
        self.key = key
        where = f"{path}: " if path else ""
        super().__init__(f"{where}{message}")


class FetchError(TrendwatchError):
    """A feed or a Trends endpoint could not be fetched."""


class ParseError(TrendwatchError):
    """Fetched bytes are not a usable feed."""

    def __init__(self, message: str, *, kind: str = "parse") -> None:
        self.kind = kind
        super().__init__(message)


class StoreError(TrendwatchError):
    """The DuckDB store can't be opened, migrated or written."""


class StoreBusyError(StoreError):
    """Another trendwatch process holds the store."""

    exit_code = 75  # EX_TEMPFAIL: try again later


class StoreDamagedError(StoreError):
    """The store file is truncated or corrupt."""


class SqlNotFoundError(StoreError):
    """A named SQL file does not exist."""


class AnalysisError(TrendwatchError):
    """Topic detection failed on the stored entries."""


class DigestError(TrendwatchError):
    """The digest could not be built or written."""


class TrendsError(TrendwatchError):
    """Google Trends data could not be fetched or understood."""


class PublishError(TrendwatchError):
    """The digest could not be delivered (files, e-mail, webhook)."""
