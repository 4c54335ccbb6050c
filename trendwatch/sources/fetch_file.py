"""Local feeds: file:// URLs and plain paths read from disk, with the same results as HTTP."""

from __future__ import annotations

import email.utils
import re
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from trendwatch.sources.fetch_http import utc_now
from trendwatch.sources.fetch_spool import MemoryBudget, SpooledBody
from trendwatch.sources.model import FetchRequest, FetchResult

READ_CHUNK_BYTES = 1 << 20
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


class _LocalFailure(Exception):
    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)


def is_local(url: str) -> bool:
    """True for a file:// URL or a plain path (anything without a scheme://)."""
    text = url.strip()
    return text.lower().startswith("file:") or not _SCHEME.match(text) or bool(_WINDOWS_DRIVE.match(text))


def local_path(url: str) -> Path:
    """The path a file:// URL or plain path names; ValueError for a file URL on another host."""
    text = url.strip()
    if text.lower().startswith("file:"):
        parts = urlsplit(text)
        if parts.netloc not in ("", "localhost"):
            raise ValueError(f"file URL on another host ({parts.netloc!r})")
        return Path(url2pathname(unquote(parts.path)))
    return Path(text).expanduser()


def http_date(timestamp: float) -> str:
    """A POSIX timestamp as an HTTP-date (RFC 9110), the form last_modified keeps."""
    return email.utils.formatdate(int(timestamp), usegmt=True)


def fetch_file(
    request: FetchRequest,
    *,
    max_bytes: int,
    base_dir: Path | None = None,
    budget: MemoryBudget | None = None,
) -> FetchResult:
    """Read one local feed (blocking: run it in a thread); failures become results, never raise.

    A relative path is taken from ``base_dir`` when given (the config file's folder), else from
    the current directory. ``budget``: as for HTTP, a large body waits on disk until it is parsed.
    """
    result = FetchResult(
        feed_id=request.feed_id, url=request.url, started_at=utc_now(), final_url=request.url
    )
    clock = time.perf_counter()
    try:
        _read(request, result, max_bytes=max_bytes, base_dir=base_dir, budget=budget)
    except _LocalFailure as failure:
        result.error_kind, result.error = failure.kind, str(failure)
    except Exception as e:  # noqa: BLE001 - a feed's failure must never escape as an exception
        result.error_kind = "error"
        result.error = f"unexpected error reading {request.url}: {type(e).__name__}: {e}"
    finally:
        result.duration_s = time.perf_counter() - clock
    if result.error:
        result.body, result.bytes, result.not_modified = None, 0, False
        result.etag, result.last_modified = request.etag, request.last_modified
    return result


def _read(
    request: FetchRequest,
    result: FetchResult,
    *,
    max_bytes: int,
    base_dir: Path | None,
    budget: MemoryBudget | None = None,
) -> None:
    try:
        path = local_path(request.url)
        if base_dir is not None and not path.is_absolute():
            path = base_dir / path
    except ValueError as e:
        raise _LocalFailure(
            "bad_url", f"{request.url!r}: {e}: only local files can be read; use an http(s) URL instead."
        ) from e
    try:
        stat = path.stat()
    except FileNotFoundError as e:
        hint = ""
        if not path.is_absolute() and "." in path.parts[0]:
            hint = f" If it is a web address, write it with its scheme: https://{request.url.strip()}"
        raise _LocalFailure(
            "not_found",
            f"no such file: {path} (absolute: {path.absolute()}). Fix the path in trendwatch.toml or "
            f"remove the feed.{hint}",
        ) from e
    except OSError as e:
        raise _LocalFailure("error", f"cannot read {path}: {e.strerror or e}") from e
    if path.is_dir():
        raise _LocalFailure("error", f"{path} is a folder, not a feed file: name a file in trendwatch.toml.")
    modified = http_date(stat.st_mtime)
    result.last_modified = modified
    result.headers = {"last-modified": modified, "content-length": str(stat.st_size)}
    if request.last_modified and request.last_modified == modified:
        result.not_modified = True
        return
    if stat.st_size > max_bytes:
        raise _LocalFailure("too_large", _too_large(path, max_bytes))
    body = SpooledBody(budget)
    try:
        with path.open("rb") as handle:
            while body.size <= max_bytes and (chunk := handle.read(READ_CHUNK_BYTES)):
                body.write(chunk)  # the file may have grown since stat()
    except OSError as e:
        body.discard()
        raise _LocalFailure("error", f"cannot read {path}: {e.strerror or e}") from e
    if body.size > max_bytes:
        body.discard()
        raise _LocalFailure("too_large", _too_large(path, max_bytes))
    result.set_pending_body(body)
    result.bytes = body.size


def _too_large(path: Path, max_bytes: int) -> str:
    return (
        f"{path} is larger than {max_bytes} bytes ([fetch] max_bytes): raise [fetch] max_bytes in "
        "trendwatch.toml if this feed is really that big."
    )
