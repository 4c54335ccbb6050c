"""A loopback HTTP server for the demo feeds (a ThreadingHTTPServer on 127.0.0.1 in a thread).

It answers conditional GETs like a real publisher: an ETag and Last-Modified on each feed, 304
when the client already has it, 404 for anything else.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _FeedHandler(BaseHTTPRequestHandler):
    server: FeedServer

    def do_GET(self) -> None:  # noqa: N802 - http.server hook
        path = self.path.split("?", 1)[0]
        doc = self.server.documents.get(path)
        self.server.hits[path] = self.server.hits.get(path, 0) + 1
        if doc is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body, etag = doc
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", self.server.last_modified)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


class FeedServer(ThreadingHTTPServer):
    """Serves fixed documents by path on 127.0.0.1; ``with FeedServer(docs) as s: s.url("/a.xml")``."""

    daemon_threads = True

    def __init__(self, documents: Mapping[str, bytes], port: int = 0, last_modified: float = 0.0) -> None:
        super().__init__(("127.0.0.1", port), _FeedHandler)
        self.documents: dict[str, tuple[bytes, str]] = {}
        self.hits: dict[str, int] = {}
        self.last_modified = formatdate(last_modified or 1_772_000_000, usegmt=True)
        self._thread: threading.Thread | None = None
        self.set_documents(documents)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def set_documents(self, documents: Mapping[str, bytes]) -> None:
        """Replace what is served (an ETag per document, from its bytes)."""
        self.documents = {p: (b, '"' + hashlib.sha1(b).hexdigest()[:20] + '"') for p, b in documents.items()}

    def start(self) -> FeedServer:
        self._thread = threading.Thread(target=self.serve_forever, name="demo-feeds", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self.server_close()

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def bind_server(documents: Mapping[str, bytes], preferred_port: int = 0) -> FeedServer:
    """A server on ``preferred_port`` when it is free (stable feed URLs across demo runs), else any port."""
    if preferred_port:
        try:
            return FeedServer(documents, preferred_port)
        except OSError:
            pass
    return FeedServer(documents, 0)
