"""The records that flow from sources into the store: what a fetch returns, what a parse returns."""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Protocol


def feed_id_for(configured_url: str) -> str:
    """Stable id of a configured feed: survives renames and permanent redirects."""
    return hashlib.sha1(configured_url.strip().encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """One feed to fetch, with the conditional-GET state the store kept for it."""

    feed_id: str
    url: str  # http(s) URL, file:// URL or local path
    etag: str | None = None
    last_modified: str | None = None


class BodySource(Protocol):
    """A fetched body not yet read (see ``fetch_spool.SpooledBody``)."""

    size: int

    def read(self) -> bytes: ...

    def discard(self) -> None: ...


@dataclass(slots=True)
class FetchResult:
    """What one fetch attempt gave. ``error`` set means the attempt failed (the body is None).

    ``body`` is read on first use: a large body waits in a temporary file until the parser asks
    for it, so bodies fetched but not yet parsed don't pile up in memory. Setting ``body`` to
    None frees it.
    """

    feed_id: str
    url: str  # the URL asked for
    started_at: dt.datetime  # UTC
    duration_s: float = 0.0
    final_url: str | None = None  # after redirects
    permanent_url: str | None = None  # set when every redirect in the chain was permanent (301/308)
    status: int | None = None  # HTTP status; None when no answer came, or for a local file
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    _body: bytes | None = field(default=None, repr=False)  # decompressed; None on 304 or failure
    bytes: int = 0  # size of the body as received (decompressed)
    not_modified: bool = False  # 304, or a local file unchanged since last time
    etag: str | None = None  # validators to keep for the next conditional GET
    last_modified: str | None = None
    error: str | None = None  # what went wrong and what to do; None on success
    error_kind: str | None = None  # timeout | unreachable | http | gone | rate_limited | too_large |
    #                                redirect_loop | bad_encoding | not_a_feed | ...
    retry_after: dt.datetime | None = None  # from Retry-After on 429/503, in UTC
    _pending: BodySource | None = field(default=None, repr=False, compare=False)  # body not yet read

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def body(self) -> builtins.bytes | None:
        """The decompressed body (None on 304 or failure), read back from its spool on first use."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._body = pending.read()
        return self._body

    @body.setter
    def body(self, value: builtins.bytes | None) -> None:
        if self._pending is not None:
            self._pending.discard()
            self._pending = None
        self._body = value

    def set_pending_body(self, pending: BodySource) -> None:
        """Attach a body that is read only when ``body`` is first asked for."""
        self.body = None
        self._pending = pending


@dataclass(slots=True)
class Entry:
    """One normalised feed entry, ready for the store."""

    entry_id: str  # guid if global (URI), else canonical link, else feed-scoped guid, else content hash
    guid: str | None
    link: str | None  # canonical (tracking parameters removed)
    title: str
    summary: str  # plain text
    summary_html: str
    content: str  # plain text
    content_html: str
    author: str | None
    published: dt.datetime  # UTC, aware
    published_source: str  # published | updated | fetched
    updated: dt.datetime | None
    language: str | None
    language_source: str | None  # entry | feed | config | detected
    categories: list[str]
    raw: dict[str, Any]  # JSON-able: the entry as parsed (for re-processing)


@dataclass(slots=True)
class ParsedFeed:
    """A parsed feed document."""

    title: str | None
    link: str | None
    language: str | None
    entries: list[Entry]
    parser: str  # fast | feedparser | jsonfeed
    warning: str | None = None  # feedparser's bozo reason when it still gave entries
