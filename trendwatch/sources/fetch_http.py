"""One HTTP feed fetch: conditional GET, manual redirects, bounded body, errors turned into results."""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import ipaddress
import time
from collections.abc import Mapping
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import aiohttp

from trendwatch.safe_text import cap_text, one_line
from trendwatch.sources.fetch_body import BodyDecoder, BodyEncodingError, BodyTooLarge
from trendwatch.sources.fetch_spool import MemoryBudget, SpooledBody
from trendwatch.sources.model import FetchRequest, FetchResult

MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
READ_CHUNK_BYTES = 64 * 1024
HTTP_SCHEMES = ("http", "https")


class _Failure(Exception):
    """Ends a fetch with an error kind and a message saying what to do."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)


def utc_now() -> dt.datetime:
    """The current time, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def parse_retry_after(value: str | None, *, now: dt.datetime) -> dt.datetime | None:
    """Retry-After (delay in seconds or an HTTP-date) as an aware UTC datetime; None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return now + dt.timedelta(seconds=int(value))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


def lower_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Headers as a plain dict with lower-case names; repeated headers joined with ', '."""
    out: dict[str, str] = {}
    for name, value in headers.items():
        key = str(name).lower()
        out[key] = f"{out[key]}, {value}" if key in out else str(value)
    return out


def check_http_url(url: str) -> None:
    """Raise _Failure('bad_url') unless url is an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port  # raises ValueError on a bad port
    except ValueError as e:
        raise _Failure(
            "bad_url", f"{safe_url(url)!r} is not a valid URL ({e}): fix it in trendwatch.toml"
        ) from e
    if parts.scheme.lower() not in HTTP_SCHEMES or not host or any(c.isspace() for c in host):
        raise _Failure(
            "bad_url",
            f"{safe_url(url)!r} is not a valid feed address: expected http(s)://host/path, a file:// "
            "URL or a local path. Fix it in trendwatch.toml.",
        )


async def fetch_http(
    session: aiohttp.ClientSession,
    request: FetchRequest,
    *,
    max_bytes: int,
    timeout_s: float,
    connect_timeout_s: float,
    allow_private_redirects: bool = False,
    budget: MemoryBudget | None = None,
) -> FetchResult:
    """Fetch one http(s) feed; every failure becomes a FetchResult with error and error_kind.

    ``budget`` is the run's memory for bodies waiting to be parsed (a body past it waits on disk).
    """
    result = FetchResult(feed_id=request.feed_id, url=request.url, started_at=utc_now())
    clock = time.perf_counter()
    try:
        check_http_url(request.url.strip())
        async with asyncio.timeout(timeout_s):  # the whole chain of hops and the body
            await _follow(
                session,
                request,
                result,
                max_bytes=max_bytes,
                allow_private=allow_private_redirects,
                budget=budget,
            )
    except _Failure as failure:
        _fail(result, failure.kind, str(failure))
    except (aiohttp.ConnectionTimeoutError, TimeoutError) as e:
        if isinstance(e, aiohttp.ConnectionTimeoutError):
            _fail(
                result,
                "timeout",
                f"could not connect to {_where(result)} within {connect_timeout_s:g} s "
                "([fetch] connect_timeout_s): the site is down or unreachable from here; "
                "it will be tried again at the next run.",
            )
        else:
            _fail(
                result,
                "timeout",
                f"no complete answer from {_where(result)} within {timeout_s:g} s ([fetch] timeout_s): "
                "the server is slow or stalled. It will be tried again at the next run; raise "
                "[fetch] timeout_s if this feed is always slow.",
            )
    except aiohttp.ClientConnectorDNSError as e:
        _fail(
            result,
            "unreachable",
            f"the host of {_where(result)} does not resolve ({e.os_error}): check the address in "
            "trendwatch.toml and this machine's network/DNS.",
        )
    except aiohttp.ClientConnectorError as e:
        _fail(
            result,
            "unreachable",
            f"could not connect to {e.host}:{e.port} for {_where(result)} ({e.os_error}): the site is "
            "down or the address is wrong; it will be tried again at the next run.",
        )
    except aiohttp.ServerDisconnectedError:
        _fail(
            result,
            "unreachable",
            f"{_where(result)} closed the connection without answering: the server is overloaded or "
            "refuses us; it will be tried again at the next run.",
        )
    except (aiohttp.InvalidURL, aiohttp.NonHttpUrlClientError) as e:
        _fail(
            result,
            "bad_url",
            f"{str(e) or request.url!r} is not a valid http(s) URL: fix it in trendwatch.toml.",
        )
    except aiohttp.ClientPayloadError as e:
        _fail(
            result,
            "error",
            f"the body of {_where(result)} was cut or malformed in transit ({e}): it will be tried again "
            "at the next run.",
        )
    except aiohttp.ClientError as e:
        _fail(result, "unreachable", f"network error fetching {_where(result)}: {type(e).__name__}: {e}")
    except Exception as e:  # noqa: BLE001 - a feed's failure must never escape as an exception
        _fail(result, "error", f"unexpected error fetching {_where(result)}: {type(e).__name__}: {e}")
    finally:
        result.duration_s = time.perf_counter() - clock
    if result.error:  # keep the stored validators for the next attempt
        result.etag, result.last_modified = request.etag, request.last_modified
    return result


async def _follow(
    session: aiohttp.ClientSession,
    request: FetchRequest,
    result: FetchResult,
    *,
    max_bytes: int,
    allow_private: bool = False,
    budget: MemoryBudget | None = None,
) -> None:
    """Walk the redirect chain by hand and fill result from the last answer."""
    headers: dict[str, str] = {}
    if request.etag:
        headers["If-None-Match"] = request.etag
    if request.last_modified:
        headers["If-Modified-Since"] = request.last_modified
    url = request.url.strip()
    chain = [url]
    all_permanent = True
    while True:
        result.final_url = url
        async with session.get(url, headers=headers, allow_redirects=False) as resp:
            result.status = resp.status
            result.headers = lower_headers(resp.headers)
            if resp.status in REDIRECT_STATUSES and resp.headers.get("Location"):
                target = urljoin(url, resp.headers["Location"].strip())
                all_permanent = all_permanent and resp.status in PERMANENT_REDIRECTS
                _check_hop(chain, target)
                if not allow_private:
                    await _check_private(chain[0], target)
                chain.append(target)
                url = target
                continue
            result.final_url = str(resp.url)
            if len(chain) > 1:
                result.permanent_url = result.final_url if all_permanent else None
            await _settle(resp, request, result, max_bytes=max_bytes, budget=budget)
            return


def _private(address: str) -> bool:
    """True for loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (the cloud
    metadata service's 169.254.0.0/16) and unspecified addresses."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_reserved


async def _addresses(host: str) -> list[str]:
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return ["127.0.0.1"]
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
        return [host]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None)
    except OSError:
        return []  # the request itself will say the host does not resolve
    return [str(info[4][0]) for info in infos]


async def _check_private(origin: str, target: str) -> None:
    """Refuse a redirect from a public feed host to a private address of another host (a feed
    can't make trendwatch probe the intranet or the cloud metadata service). A feed configured on
    a private or loopback host is trusted as written, and so are its redirects."""
    origin_host = (urlsplit(origin).hostname or "").lower()
    target_host = (urlsplit(target).hostname or "").lower()
    if not target_host or target_host == origin_host:
        return
    if any(_private(a) for a in await _addresses(origin_host)):
        return
    private = [a for a in await _addresses(target_host) if _private(a)]
    if private:
        raise _Failure(
            "bad_url",
            f"{safe_url(origin)} redirects to {safe_url(target)!r}, a private, loopback or link-local "
            f"address ({private[0]}): trendwatch does not follow it. If this feed really lives on your "
            "network, put that address in trendwatch.toml, or set [fetch] allow_private_redirects = true.",
        )


def _check_hop(chain: list[str], target: str) -> None:
    """Refuse a redirect that loops, goes past MAX_REDIRECTS, or leaves http(s)."""
    if urlsplit(target).scheme.lower() not in HTTP_SCHEMES:
        raise _Failure(
            "bad_url",
            f"{safe_url(chain[0])} redirects to {safe_url(target)!r}, which is not an http(s) "
            "address: trendwatch does not follow it. Check the feed's address on the publisher's site.",
        )
    path = " -> ".join(safe_url(u) for u in [*chain, target])
    if target in chain:
        raise _Failure(
            "redirect_loop",
            f"redirect loop: {path}. The site is misconfigured: open {safe_url(chain[0])} in a "
            "browser and put the feed's final address in trendwatch.toml, or remove the feed.",
        )
    if len(chain) > MAX_REDIRECTS:
        raise _Failure(
            "redirect_loop",
            f"more than {MAX_REDIRECTS} redirects: {path}. Put the feed's final address in trendwatch.toml.",
        )


async def _settle(
    resp: aiohttp.ClientResponse,
    request: FetchRequest,
    result: FetchResult,
    *,
    max_bytes: int,
    budget: MemoryBudget | None = None,
) -> None:
    """Fill result from the final answer: body on 2xx, validators on 304, an error otherwise."""
    status = resp.status
    result.etag = resp.headers.get("ETag") or None
    result.last_modified = resp.headers.get("Last-Modified") or None
    if status == 304:
        result.not_modified = True
        result.etag = result.etag or request.etag
        result.last_modified = result.last_modified or request.last_modified
        return
    if not 200 <= status < 300:
        raise _status_failure(resp, result)
    if resp.content_length is not None and resp.content_length > max_bytes:
        raise _Failure("too_large", _too_large(result, max_bytes, f"announces {resp.content_length} bytes"))
    sink = SpooledBody(budget)
    try:
        decoder = BodyDecoder(resp.headers.get("Content-Encoding"), max_bytes, sink)
        async for chunk in resp.content.iter_chunked(READ_CHUNK_BYTES):
            decoder.feed(chunk)
        body = decoder.finish_spooled()
    except BodyTooLarge as e:
        sink.discard()  # give its memory back to the run now, not at garbage collection
        what = "inflates past the limit" if e.decompressed else "goes past the limit"
        raise _Failure("too_large", _too_large(result, max_bytes, what)) from e
    except BodyEncodingError as e:
        sink.discard()
        raise _Failure(
            "bad_encoding", f"{_where(result)}: {e}. It will be tried again at the next run."
        ) from e
    except BaseException:  # cut off, timed out, cancelled
        sink.discard()
        raise
    result.set_pending_body(body)  # read back when the parser asks for it
    result.bytes = body.size


def _status_failure(resp: aiohttp.ClientResponse, result: FetchResult) -> _Failure:
    """The error kind and message for a non-2xx, non-304 final status."""
    status = resp.status
    where = _where(result)
    try:
        label = f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        label = f"HTTP {status}"
    if status in (429, 503):
        result.retry_after = parse_retry_after(resp.headers.get("Retry-After"), now=utc_now())
        wait = (
            f"the server asks to wait until {result.retry_after:%Y-%m-%d %H:%M} UTC"
            if result.retry_after
            else "no Retry-After given"
        )
        if status == 429:
            return _Failure(
                "rate_limited",
                f"{label} from {where}: the site is rate-limiting us ({wait}). It will be retried "
                "later; lower [fetch] per_host if this keeps happening.",
            )
        return _Failure(
            "server_error",
            f"{label} from {where}: the server is down or overloaded ({wait}). It will be retried later.",
        )
    if status == 404:
        return _Failure(
            "not_found",
            f"{label} at {where}: no feed at this address (moved or mistyped?). Find the current feed "
            "address on the publisher's site and update trendwatch.toml.",
        )
    if status == 410:
        return _Failure(
            "gone", f"{label} at {where}: the publisher removed this feed: remove it from trendwatch.toml."
        )
    if status >= 500:
        return _Failure(
            "server_error",
            f"{label} from {where}: a problem on the publisher's side. It will be retried at the next run.",
        )
    if status in (401, 403):
        hint = (
            "the server refuses the request: the feed may need a login, or the site blocks bots "
            "(try setting [fetch] user_agent), or remove it from trendwatch.toml."
        )
    elif status in REDIRECT_STATUSES:
        hint = "a redirect without a Location header: the site is misconfigured; retry later."
    else:
        hint = "the server rejected the request: check the address in trendwatch.toml."
    return _Failure("http", f"{label} from {where}: {hint}")


def _too_large(result: FetchResult, max_bytes: int, what: str) -> str:
    return (
        f"the body of {_where(result)} {what} of {max_bytes} bytes ([fetch] max_bytes): if this feed "
        "is really that big, raise [fetch] max_bytes in trendwatch.toml; otherwise remove the feed."
    )


def _where(result: FetchResult) -> str:
    """The URL a message is about: the asked one, plus the redirect target if different."""
    if result.final_url and result.final_url != result.url:
        return f"{safe_url(result.url)} (redirected to {safe_url(result.final_url)})"
    return safe_url(result.url)


MAX_ERROR_CHARS = 500  # server-controlled text (a 7,000-character Location) can't flood a message


def safe_url(url: str) -> str:
    """``url`` without ``user:password@`` (logs and outputs never show credentials), capped."""
    if "@" in url:
        parts = urlsplit(url)
        if parts.username is not None or parts.password is not None:
            host = parts.hostname or ""
            if parts.port:
                host = f"{host}:{parts.port}"
            url = parts._replace(netloc=host).geturl()
    return cap_text(url, 200)


def _fail(result: FetchResult, kind: str, message: str) -> None:
    """Mark result failed: no body, the error kind and its message (one line, capped)."""
    result.error_kind = kind
    result.error = one_line(message, MAX_ERROR_CHARS)
    result.body = None
    result.bytes = 0
    result.not_modified = False
