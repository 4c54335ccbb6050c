"""A scripted loopback HTTP server for tests: routes answer with what each test scripts.

Usage::

    from tests.support.httpserver import Reply, ScriptedServer, scripted_server  # fixture

    def test_x(scripted_server):
        scripted_server.route("/feed.xml", Reply(body=b"<rss/>", etag='"v1"'))
        url = scripted_server.url("/feed.xml")

The server runs aiohttp.web on 127.0.0.1 in a background thread. It records every request
(headers lower-cased) and the most requests it had in flight at once, overall and per site
(``ScriptedServer(sites=3)`` listens on three ports: three distinct hosts for a client).
``Reply(hang=True)`` holds its answer until the server stops, so timeout tests need no sleeps.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from aiohttp import web

HANG_LIMIT_S = 30.0  # a hung handler gives up after this long even if the server is never stopped


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server received it."""

    method: str
    path: str  # path and query string
    headers: dict[str, str]  # lower-case names
    site: int  # index of the listening port it came in on


@dataclass
class Reply:
    """What a route answers. Conditional validators turn a matching request into a 304."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "application/rss+xml; charset=utf-8"
    encoding: str | None = None  # "gzip" | "deflate" | "raw-deflate": compress body, set Content-Encoding
    repeat: int = 1  # send body this many times (a big body without holding it in memory)
    chunked: bool = False  # no Content-Length: Transfer-Encoding chunked
    chunk_size: int = 64 * 1024
    chunk_delay_s: float = 0.0  # pause between chunks (a slow drip)
    delay_s: float = 0.0  # pause before answering (latency)
    hang: bool = False  # never answer until the server stops
    etag: str | None = None  # 304 when If-None-Match matches
    last_modified: str | None = None  # 304 when If-Modified-Since equals it
    location: str | None = None  # Location header (for 3xx); a path stays on the same site


Handler = Callable[[RecordedRequest], Reply]


def closed_port() -> int:
    """A loopback port with nothing listening (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def compress(body: bytes, encoding: str) -> bytes:
    """Body compressed as gzip, deflate (zlib-wrapped) or raw-deflate."""
    if encoding == "gzip":
        return gzip.compress(body)
    if encoding == "deflate":
        return zlib.compress(body)
    if encoding == "raw-deflate":
        packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        return packer.compress(body) + packer.flush()
    raise ValueError(f"unknown encoding {encoding!r}: use gzip, deflate or raw-deflate")


class ScriptedServer:
    """Loopback HTTP server with scripted routes, request log and concurrency counters."""

    def __init__(self, sites: int = 1) -> None:
        self._sockets = [_listening_socket() for _ in range(sites)]
        self.ports = [s.getsockname()[1] for s in self._sockets]
        self._routes: dict[str, Reply | Handler] = {}
        self._lock = threading.Lock()
        self.requests: list[RecordedRequest] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.in_flight_by_site = [0] * sites
        self.max_in_flight_by_site = [0] * sites
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._stopping: asyncio.Event | None = None

    # -- scripting -------------------------------------------------------------------------

    def url(self, path: str, site: int = 0) -> str:
        """Absolute URL of path on one of the listening sites."""
        return f"http://127.0.0.1:{self.ports[site]}{path}"

    def route(self, path: str, reply: Reply | Handler | None = None, **fields: object) -> str:
        """Script path (exact, query included if given) with a Reply, Reply fields, or a handler."""
        if reply is None:
            reply = Reply(**fields)  # type: ignore[arg-type]
        self._routes[path] = reply
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 301) -> str:
        """Script path to redirect to `to` (a path on the same site, or a full URL)."""
        return self.route(path, Reply(status=status, location=to, content_type=None))

    def requests_to(self, path: str) -> list[RecordedRequest]:
        """The recorded requests for one path."""
        with self._lock:
            return [r for r in self.requests if r.path == path]

    # -- life cycle --------------------------------------------------------------------------

    def start(self) -> ScriptedServer:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="scripted-http", daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)
        return self

    def stop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()
        self._loop = None

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    async def _start(self) -> None:
        self._stopping = asyncio.Event()
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0)
        await self._runner.setup()
        for sock in self._sockets:
            await web.SockSite(self._runner, sock).start()

    async def _stop(self) -> None:
        assert self._stopping is not None and self._runner is not None
        self._stopping.set()
        await self._runner.cleanup()

    # -- serving -----------------------------------------------------------------------------

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        sockname = request.transport.get_extra_info("sockname") if request.transport else None
        site = self.ports.index(sockname[1]) if sockname and sockname[1] in self.ports else 0
        recorded = RecordedRequest(
            method=request.method,
            path=request.path_qs,
            headers={k.lower(): v for k, v in request.headers.items()},
            site=site,
        )
        with self._lock:
            self.requests.append(recorded)
            self.in_flight += 1
            self.in_flight_by_site[site] += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self.max_in_flight_by_site[site] = max(
                self.max_in_flight_by_site[site], self.in_flight_by_site[site]
            )
        try:
            return await self._answer(request, recorded)
        finally:
            with self._lock:
                self.in_flight -= 1
                self.in_flight_by_site[site] -= 1

    async def _answer(self, request: web.Request, recorded: RecordedRequest) -> web.StreamResponse:
        scripted = self._routes.get(recorded.path) or self._routes.get(request.path)
        if scripted is None:
            return web.Response(status=404, text=f"no route scripted for {recorded.path}")
        reply = scripted if isinstance(scripted, Reply) else scripted(recorded)
        if reply.hang:
            assert self._stopping is not None
            try:
                await asyncio.wait_for(self._stopping.wait(), HANG_LIMIT_S)
            except TimeoutError:
                pass
            return web.Response(status=503, text="server stopping")
        if reply.delay_s:
            await asyncio.sleep(reply.delay_s)
        if _conditional_match(reply, recorded.headers):
            headers = {k: v for k, v in (("ETag", reply.etag), ("Last-Modified", reply.last_modified)) if v}
            return web.Response(status=304, headers=headers)
        return await self._send(request, reply)

    async def _send(self, request: web.Request, reply: Reply) -> web.StreamResponse:
        headers = dict(reply.headers)
        if reply.content_type:
            headers.setdefault("Content-Type", reply.content_type)
        if reply.etag:
            headers["ETag"] = reply.etag
        if reply.last_modified:
            headers["Last-Modified"] = reply.last_modified
        if reply.location:
            headers["Location"] = reply.location
        body = reply.body
        if reply.encoding:
            body = compress(body, reply.encoding)
            headers["Content-Encoding"] = "deflate" if reply.encoding == "raw-deflate" else reply.encoding
        response = web.StreamResponse(status=reply.status, headers=headers)
        if reply.chunked:
            response.enable_chunked_encoding()
        else:
            response.content_length = len(body) * reply.repeat
        await response.prepare(request)
        try:
            for _ in range(reply.repeat):
                for start in range(0, len(body), reply.chunk_size):
                    await response.write(body[start : start + reply.chunk_size])
                    if reply.chunk_delay_s:
                        await self._pause(reply.chunk_delay_s)
            await response.write_eof()
        except ConnectionError:
            pass  # the client gave up (a cap or a timeout): expected in tests
        return response

    async def _pause(self, seconds: float) -> None:
        assert self._stopping is not None
        try:
            await asyncio.wait_for(self._stopping.wait(), seconds)
        except TimeoutError:
            return
        raise ConnectionResetError("server stopping")


def _listening_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(256)
    return sock


def _conditional_match(reply: Reply, headers: dict[str, str]) -> bool:
    """True when the request's validators show the client already has this version."""
    if reply.status != 200:
        return False
    if reply.etag and "if-none-match" in headers:
        tags = [t.strip() for t in headers["if-none-match"].split(",")]
        return reply.etag in tags or "*" in tags
    if reply.last_modified and "if-modified-since" in headers:
        return headers["if-modified-since"] == reply.last_modified
    return False


@pytest.fixture
def scripted_server() -> Iterator[ScriptedServer]:
    """A started ScriptedServer with one site, stopped after the test."""
    with ScriptedServer() as server:
        yield server
