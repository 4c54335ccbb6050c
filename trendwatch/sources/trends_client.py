"""Talking to Google Trends through pytrends, dependably.

pytrends 4.9.2 builds a fresh ``requests`` session for every call, so trendwatch gives it one:
while :func:`pytrends_transport` is active, the ``requests`` name inside ``pytrends.request`` is
a small shim whose sessions have a :class:`TrendsTransport` mounted. That transport answers from
the cache (the store's ``trends_responses``), enforces the per-run request budget, sends what is
left through an inner adapter (the network, or a replay adapter in tests and the demo) and saves
every answer. pytrends' own parsing still runs on every answer. :class:`Backoff` retries 429 and
5xx answers with exponential delays and jitter, honouring ``Retry-After``; its sleep is injectable.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import random
import threading
import time
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any, TypeVar

import requests
from requests.adapters import BaseAdapter, HTTPAdapter
from requests.structures import CaseInsensitiveDict

from trendwatch.errors import ParseError
from trendwatch.sources.trends_cache import AnswerCache

T = TypeVar("T")
MAX_WAIT_S = 120.0  # a Retry-After longer than this ends the run's Trends part instead of waiting
_PATCH_LOCK = threading.Lock()
_STATUS_REASONS = {200: "OK", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error"}


class BudgetExhausted(requests.RequestException):
    """The run's request budget ([trends] max_requests) is spent."""


class RetryAfterTooLong(requests.RequestException):
    """Google asked to wait longer than this run is willing to."""


def build_response(
    request: requests.PreparedRequest, status: int, headers: dict[str, str], body: bytes
) -> requests.Response:
    """A ``requests.Response`` from saved parts (cookies taken from ``Set-Cookie``)."""
    resp = requests.Response()
    resp.status_code = status
    resp.reason = _STATUS_REASONS.get(status, "")
    resp.headers = CaseInsensitiveDict(headers)
    resp.headers.setdefault("Content-Type", "application/octet-stream")
    resp._content = body
    resp.encoding = "utf-8"
    resp.url = request.url or ""
    resp.request = request
    if "set-cookie" in resp.headers:
        jar = SimpleCookie()
        with contextlib.suppress(Exception):
            jar.load(resp.headers["set-cookie"])
        for name, morsel in jar.items():
            resp.cookies.set(name, morsel.value)
    return resp


@dataclass
class TrendsTransport(BaseAdapter):
    """Cache, budget, then the inner adapter; every answer is saved. Counts what it did."""

    inner: BaseAdapter
    budget: int
    cache: AnswerCache | None = None
    requests_made: int = 0
    from_cache: int = 0
    log: list[tuple[str, str, int]] = field(default_factory=list)  # (method, url, status) sent

    def __post_init__(self) -> None:
        super().__init__()

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        method, url = request.method or "GET", request.url or ""
        if self.cache is not None:
            hit = self.cache.lookup(method, url)
            if hit is not None:
                self.from_cache += 1
                return build_response(request, hit.status, hit.headers, hit.body)
        if self.requests_made >= self.budget:
            raise BudgetExhausted(
                f"request budget of {self.budget} spent before {url.split('?')[0]}; raise [trends] "
                "max_requests or list fewer keywords"
            )
        self.requests_made += 1
        resp = self.inner.send(request, **kwargs)
        self.log.append((method, url, resp.status_code))
        if self.cache is not None:
            self.cache.save(method, url, resp.status_code, dict(resp.headers), resp.content or b"")
        return resp

    def close(self) -> None:
        self.inner.close()


def session_with(adapter: BaseAdapter) -> requests.Session:
    """A ``requests`` session whose every http(s) request goes through ``adapter``."""
    s = requests.Session()
    s.mount("https://", adapter)
    s.mount("http://", adapter)
    return s


@contextlib.contextmanager
def pytrends_transport(adapter: BaseAdapter) -> Iterator[None]:
    """While active, pytrends' sessions (and its cookie request) go through ``adapter``."""
    import pytrends.request as pr

    def get(url: str, **kwargs: Any) -> requests.Response:
        return session_with(adapter).get(url, **kwargs)

    shim = types.SimpleNamespace(
        session=lambda: session_with(adapter),
        Session=lambda: session_with(adapter),
        get=get,
        exceptions=requests.exceptions,
        adapters=requests.adapters,
    )
    with _PATCH_LOCK:
        saved = pr.requests
        pr.requests = shim  # type: ignore[assignment]
        try:
            yield
        finally:
            pr.requests = saved


def make_trendreq(hl: str, tz: int, geo: str, timeout: tuple[float, float]) -> Any:
    """A pytrends ``TrendReq``; call inside :func:`pytrends_transport` (its init asks for a cookie).

    pytrends' own retries stay off (``retries=0``): they pass ``method_whitelist`` to urllib3's
    ``Retry``, which urllib3 2 removed; :class:`Backoff` retries instead."""
    from pytrends.request import TrendReq

    return TrendReq(hl=hl, tz=tz, geo=geo, timeout=timeout, retries=0, backoff_factor=0)


def live_adapter() -> BaseAdapter:
    """The network."""
    return HTTPAdapter(max_retries=0)


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: either a number or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


def _status_of(exc: BaseException) -> int | None:
    resp = getattr(exc, "response", None)
    return getattr(resp, "status_code", None)


def classify(exc: BaseException) -> tuple[str, str]:
    """(kind, plain-language message with what to do) for an exception from a Trends call."""
    status = _status_of(exc)
    if isinstance(exc, BudgetExhausted):
        return "budget", str(exc)
    if isinstance(exc, RetryAfterTooLong):
        return "rate_limited", f"{exc}; try again later"
    if status == 429:
        return "rate_limited", "Google answered 429 Too Many Requests after every retry; try again later"
    if status is not None:
        return "http", f"Google answered HTTP {status}; try again later, or check the keywords and geo"
    if isinstance(exc, (requests.ConnectionError, requests.Timeout)):
        return "network", f"no answer from Google ({type(exc).__name__}); check the network"
    if isinstance(exc, ParseError):
        return "malformed", f"the answer is not a usable feed: {exc}"
    if isinstance(exc, (ValueError, KeyError, IndexError, TypeError)):
        return (
            "malformed",
            f"Google's answer could not be read ({type(exc).__name__}: {exc}); pytrends may need an update",
        )
    return "error", f"{type(exc).__name__}: {exc}"


@dataclass
class Backoff:
    """Calls a function, retrying 429/5xx and network errors with exponential delays and jitter."""

    max_retries: int = 3
    base_s: float = 5.0
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random = field(default_factory=random.Random)
    max_wait_s: float = MAX_WAIT_S
    waits: list[float] = field(default_factory=list)  # every delay slept, for the report and tests

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before retry number ``attempt + 1``."""
        if retry_after is not None:
            return retry_after
        return self.base_s * (2**attempt) * (0.5 + self.rng.random())

    def call(self, fn: Callable[[], T]) -> T:
        """``fn()``, retried up to ``max_retries`` times on transient failures."""
        attempt = 0
        while True:
            try:
                return fn()
            except BudgetExhausted:
                raise
            except Exception as e:
                status = _status_of(e)
                transient = (
                    status == 429
                    or (status is not None and status >= 500)
                    or (status is None and isinstance(e, (requests.ConnectionError, requests.Timeout)))
                )
                if not transient or attempt >= self.max_retries:
                    raise
                headers = getattr(getattr(e, "response", None), "headers", None) or {}
                wait = self.delay(attempt, retry_after_seconds(headers.get("Retry-After")))
                if wait > self.max_wait_s:
                    raise RetryAfterTooLong(f"Google asked to wait {wait:.0f} s (Retry-After)") from e
                self.waits.append(wait)
                self.sleep(wait)
                attempt += 1
