"""The feedparser internals trendwatch relies on, in one place.

The fast path (``fastparse.py``) reproduces what feedparser reads, so it needs three of
feedparser's private tables: its namespace → prefix map, its cp1252 repair table and its
relative-URI fixer. Normalisation uses its private date parser for the odd formats. None of
them is public API: a feedparser upgrade may move or rename them. Each is read here once, with
a copy of the 6.0 value as a fallback, and ``tests/sources/test_feedparser_compat.py`` fails
when the installed feedparser no longer agrees with the copy (then update the copy, and run
``tests/sources/test_parse_agreement.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

__all__ = ["URI_FIXER", "cp1252_table", "is_soft_bozo", "known_namespaces", "parse_date_9tuple"]

# feedparser.urls._urifixer (6.0.x): "scheme:///path" -> "scheme://path"
_URI_FIXER_COPY = r"^([A-Za-z][A-Za-z0-9+-.]*://)(/*)(.*?)"
# feedparser.html._cp1252 (6.0.x): the cp1252 code points 0x80-0x9f and the characters they mean
_CP1252_COPY: dict[int, str] = {
    128: "\u20ac", 130: "\u201a", 131: "\u0192", 132: "\u201e", 133: "\u2026", 134: "\u2020",
    135: "\u2021", 136: "\u02c6", 137: "\u2030", 138: "\u0160", 139: "\u2039", 140: "\u0152",
    142: "\u017d", 145: "\u2018", 146: "\u2019", 147: "\u201c", 148: "\u201d", 149: "\u2022",
    150: "\u2013", 151: "\u2014", 152: "\u02dc", 153: "\u2122", 154: "\u0161", 155: "\u203a",
    156: "\u0153", 158: "\u017e", 159: "\u0178",
}


def _uri_fixer() -> re.Pattern[str]:
    try:
        from feedparser.urls import _urifixer

        return _urifixer if isinstance(_urifixer, re.Pattern) else re.compile(_URI_FIXER_COPY)
    except ImportError:  # pragma: no cover - a feedparser that moved it
        return re.compile(_URI_FIXER_COPY)


URI_FIXER: re.Pattern[str] = _uri_fixer()


def known_namespaces() -> dict[str, str]:
    """feedparser's namespace URI (lower case) → canonical prefix map (``dc``, ``content``…)."""
    from feedparser.mixin import _FeedParserMixin

    table: dict[str, str] = getattr(_FeedParserMixin, "namespaces", {})
    if not table:  # pragma: no cover - a feedparser that renamed it: the fast path then declines more
        raise ImportError("feedparser.mixin._FeedParserMixin.namespaces is gone: update feedparser_compat")
    return {uri.lower(): prefix for uri, prefix in table.items()}


def cp1252_table() -> dict[int, str]:
    """feedparser's map of the cp1252 code points (0x80-0x9f) to the characters they mean."""
    try:
        from feedparser.html import _cp1252

        return {int(k): str(v) for k, v in dict(_cp1252).items()}
    except ImportError:  # pragma: no cover - a feedparser that moved it
        return dict(_CP1252_COPY)


def _date_parser() -> Callable[[str], Any]:
    from feedparser.datetimes import _parse_date

    parser: Callable[[str], Any] = _parse_date
    return parser


def parse_date_9tuple(text: str) -> dt.datetime | None:
    """feedparser's date handlers (RFC 822 variants, W3C-DTF, asctime, Greek, Hungarian, Korean…)
    as an aware UTC datetime; None when none of them reads ``text``."""
    try:
        parsed = _date_parser()(text)
        if parsed is None:
            return None
        year, month, day, hour, minute, second = parsed[:6]
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)
    except Exception:  # noqa: BLE001 - feedparser's handlers raise assorted errors on junk
        return None


def is_soft_bozo(exc: object) -> bool:
    """Whether feedparser's bozo exception is a mere remark (encoding, content type), not broken XML."""
    from feedparser.exceptions import ThingsNobodyCaresAboutButMe

    return isinstance(exc, ThingsNobodyCaresAboutButMe)
