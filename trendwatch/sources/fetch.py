"""Concurrent feed fetching: bytes and HTTP metadata for many feeds at once, no parsing.

``iter_fetch`` yields one :class:`FetchResult` per request as each completes; ``fetch_all`` is
its synchronous wrapper. A feed's failure is a result with ``error`` and ``error_kind`` set,
never an exception, so one bad feed never affects the others.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp

from trendwatch.config import FetchSettings
from trendwatch.sources.fetch_file import fetch_file, is_local
from trendwatch.sources.fetch_http import fetch_http, utc_now
from trendwatch.sources.fetch_spool import MemoryBudget
from trendwatch.sources.model import FetchRequest, FetchResult

PROJECT_URL = "https://github.com/trendwatch/trendwatch"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, application/feed+json;q=0.8, "
    "text/html;q=0.5, */*;q=0.1"
)
ACCEPT_ENCODING = "gzip, deflate"

__all__ = ["iter_fetch", "fetch_all", "default_user_agent", "request_headers"]


def default_user_agent() -> str:
    """The User-Agent trendwatch sends unless configured: name, version and project URL."""
    from trendwatch import __version__

    return f"trendwatch/{__version__} (+{PROJECT_URL})"


def request_headers(settings: FetchSettings, user_agent: str | None = None) -> dict[str, str]:
    """Headers sent with every request; the argument beats [fetch] user_agent, which beats the default."""
    return {
        "User-Agent": user_agent or settings.user_agent or default_user_agent(),
        "Accept": ACCEPT,
        "Accept-Encoding": ACCEPT_ENCODING,
    }


async def iter_fetch(
    requests: Sequence[FetchRequest],
    settings: FetchSettings,
    *,
    user_agent: str | None = None,
    base_dir: Path | None = None,
) -> AsyncGenerator[FetchResult, None]:
    """Yield each request's FetchResult as soon as it completes (any order); never raises for a feed.

    ``base_dir`` anchors relative local paths (pass ``settings.base_dir``); default: the current folder.
    """
    async for _index, result in _iter_indexed(requests, settings, user_agent, base_dir):
        yield result


def fetch_all(
    requests: Sequence[FetchRequest],
    settings: FetchSettings,
    *,
    user_agent: str | None = None,
    base_dir: Path | None = None,
) -> list[FetchResult]:
    """Fetch every request and return the results in request order (runs its own event loop)."""

    async def collect() -> list[FetchResult]:
        results: list[FetchResult | None] = [None] * len(requests)
        async for index, result in _iter_indexed(requests, settings, user_agent, base_dir):
            results[index] = result
        return [r for r in results if r is not None]

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(collect())
    # Called from code already inside an event loop (a notebook, an async task): use a worker thread.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(collect())).result()


class _Gate:
    """Admission before a request starts, so its timeout never counts time spent queued.

    The per-host slot is taken before the global one, so a busy host never holds global slots
    that other hosts could use. The connector enforces the same limits once connected.
    """

    def __init__(self, concurrency: int, per_host: int) -> None:
        self._all = asyncio.Semaphore(concurrency)
        self._per_host = per_host
        self._hosts: dict[str, asyncio.Semaphore] = {}

    def host(self, url: str) -> asyncio.Semaphore:
        try:
            parts = urlsplit(url)
            key = f"{parts.scheme.lower()}://{(parts.hostname or '')}:{parts.port or ''}"
        except ValueError:
            key = url
        if key not in self._hosts:
            self._hosts[key] = asyncio.Semaphore(self._per_host)
        return self._hosts[key]

    @property
    def all(self) -> asyncio.Semaphore:
        return self._all


async def _iter_indexed(
    requests: Sequence[FetchRequest], settings: FetchSettings, user_agent: str | None, base_dir: Path | None
) -> AsyncIterator[tuple[int, FetchResult]]:
    """Run every request under the concurrency limits; yield (index, result) as each finishes."""
    if not requests:
        return
    gate = _Gate(settings.concurrency, settings.per_host)
    budget = MemoryBudget()  # bodies fetched but not yet parsed: past it they wait on disk
    connector = aiohttp.TCPConnector(limit=settings.concurrency, limit_per_host=settings.per_host)
    timeout = aiohttp.ClientTimeout(total=settings.timeout_s, sock_connect=settings.connect_timeout_s)
    async with aiohttp.ClientSession(
        connector=connector,
        timeout=timeout,
        headers=request_headers(settings, user_agent),
        auto_decompress=False,  # BodyDecoder inflates, with a cap
        cookie_jar=aiohttp.DummyCookieJar(),
    ) as session:

        async def one(index: int, request: FetchRequest) -> tuple[int, FetchResult]:
            return index, await _fetch_one(session, gate, request, settings, base_dir, budget)

        tasks = [asyncio.create_task(one(i, r)) for i, r in enumerate(requests)]
        try:
            for finished in asyncio.as_completed(tasks):
                yield await finished
        finally:  # the caller stopped early, or was cancelled: stop what is still running
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)


async def _fetch_one(
    session: aiohttp.ClientSession,
    gate: _Gate,
    request: FetchRequest,
    settings: FetchSettings,
    base_dir: Path | None,
    budget: MemoryBudget | None = None,
) -> FetchResult:
    """Fetch one request once admitted; a last guard turns any exception into a result."""
    try:
        if is_local(request.url):
            async with gate.all:
                return await asyncio.to_thread(
                    fetch_file, request, max_bytes=settings.max_bytes, base_dir=base_dir, budget=budget
                )
        async with gate.host(request.url), gate.all:
            return await fetch_http(
                session,
                request,
                max_bytes=settings.max_bytes,
                timeout_s=settings.timeout_s,
                connect_timeout_s=settings.connect_timeout_s,
                allow_private_redirects=settings.allow_private_redirects,
                budget=budget,
            )
    except Exception as e:  # noqa: BLE001 - never let one feed break the others
        return FetchResult(
            feed_id=request.feed_id,
            url=request.url,
            started_at=utc_now(),
            etag=request.etag,
            last_modified=request.last_modified,
            error=f"unexpected error fetching {request.url}: {type(e).__name__}: {e}",
            error_kind="error",
        )
