"""trendwatch: weekly trend watch for community managers.

Sources (RSS/Atom, Google Trends) flow one way into a DuckDB store, then into analysis
(emerging topics), then into a digest of content ideas.
"""

from __future__ import annotations

__version__ = "0.1.0"

from trendwatch.config import Settings, load_settings, settings_from_dict
from trendwatch.errors import (
    AnalysisError,
    ConfigError,
    DigestError,
    FetchError,
    ParseError,
    PublishError,
    SqlNotFoundError,
    StoreBusyError,
    StoreDamagedError,
    StoreError,
    TrendsError,
    TrendwatchError,
)

__all__ = [
    "__version__",
    "Settings",
    "load_settings",
    "settings_from_dict",
    "TrendwatchError",
    "ConfigError",
    "FetchError",
    "ParseError",
    "StoreError",
    "StoreBusyError",
    "StoreDamagedError",
    "SqlNotFoundError",
    "AnalysisError",
    "DigestError",
    "TrendsError",
    "PublishError",
]
