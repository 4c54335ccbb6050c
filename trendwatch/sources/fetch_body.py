"""Bounded body decoding: gzip/deflate inflated incrementally, never past a byte limit."""

from __future__ import annotations

import zlib

from trendwatch.sources.fetch_spool import SpooledBody

GZIP_WBITS = 16 + zlib.MAX_WBITS  # gzip header and trailer
ZLIB_WBITS = zlib.MAX_WBITS  # RFC 9110 "deflate": a zlib stream
RAW_DEFLATE_WBITS = -zlib.MAX_WBITS  # what some servers send as "deflate"
SUPPORTED_ENCODINGS = ("gzip", "x-gzip", "deflate", "identity")
GZIP_MAGIC = b"\x1f\x8b"


class BodyTooLarge(Exception):
    """The body grew past the byte limit (raw or decompressed)."""

    def __init__(self, limit: int, *, decompressed: bool) -> None:
        self.limit = limit
        self.decompressed = decompressed
        super().__init__(f"body larger than {limit} bytes")


class BodyEncodingError(Exception):
    """The body's Content-Encoding is unknown, or its compressed stream is broken."""


class BodyDecoder:
    """Collects a response body chunk by chunk, inflating it, and stops at ``limit`` bytes.

    The decoded bytes go to ``sink`` (default: a :class:`SpooledBody` of its own), which keeps
    them in memory or spools them to disk.
    """

    def __init__(self, content_encoding: str | None, limit: int, sink: SpooledBody | None = None) -> None:
        codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in SUPPORTED_ENCODINGS):
            raise BodyEncodingError(
                f"unsupported Content-Encoding {content_encoding!r}: trendwatch asks for gzip or deflate only"
            )
        self.coding = codings[0] if codings else None
        self.limit = limit
        self.raw_size = 0
        self.size = 0
        self._sink = sink if sink is not None else SpooledBody()
        self._inflater: zlib._Decompress | None = None
        self._pending = b""  # first two bytes, until the stream's flavour is known

    def feed(self, chunk: bytes) -> None:
        """Add the next raw chunk; raises BodyTooLarge once the limit is passed."""
        if not chunk:
            return
        self.raw_size += len(chunk)
        if self.raw_size > self.limit:
            raise BodyTooLarge(self.limit, decompressed=False)
        if self.coding is None:
            self._keep(chunk)
            return
        if self._inflater is None:  # the first two bytes tell which stream this is
            self._pending += chunk
            if len(self._pending) < 2:
                return
            chunk, self._pending = self._pending, b""
            if self.coding == "deflate":  # zlib-wrapped, or raw as some servers send it
                self._inflater = zlib.decompressobj(
                    ZLIB_WBITS if _is_zlib_header(chunk) else RAW_DEFLATE_WBITS
                )
            elif chunk[:2] == GZIP_MAGIC:
                self._inflater = zlib.decompressobj(GZIP_WBITS)
            else:  # labelled gzip but sent plain (a misconfigured server): keep it as it came
                self.coding = None
                self._keep(chunk)
                return
        self._inflate(chunk)

    def finish(self) -> bytes:
        """Return the whole decoded body; raises BodyEncodingError if the stream was cut short."""
        return self.finish_spooled().read()

    def finish_spooled(self) -> SpooledBody:
        """The whole decoded body, still in its spool; raises BodyEncodingError if the stream
        was cut short."""
        if self._pending:  # a one-byte compressed body: never valid
            raise BodyEncodingError(f"the {self.coding} body is only one byte long")
        if self._inflater is not None:
            try:
                self._keep(self._inflater.flush())
            except zlib.error as e:
                raise BodyEncodingError(f"the {self.coding} body is corrupt: {e}") from e
            if not self._inflater.eof:
                raise BodyEncodingError(
                    f"the {self.coding} body ended before its end marker (download cut short?)"
                )
        return self._sink

    def _inflate(self, data: bytes) -> None:
        assert self._inflater is not None
        while data:
            try:
                out = self._inflater.decompress(data, self.limit - self.size + 1)
            except zlib.error as e:
                raise BodyEncodingError(f"the {self.coding} body is corrupt: {e}") from e
            self._keep(out)  # raises once past the limit, so max_length always leaves room
            data = self._inflater.unconsumed_tail
            if self._inflater.eof:
                data = self._inflater.unused_data
                if data[:2] == GZIP_MAGIC and self.coding in ("gzip", "x-gzip"):  # concatenated members
                    self._inflater = zlib.decompressobj(GZIP_WBITS)
                else:
                    return  # padding after the end of the stream is ignored

    def _keep(self, out: bytes) -> None:
        if not out:
            return
        self.size += len(out)
        if self.size > self.limit:
            raise BodyTooLarge(self.limit, decompressed=self.coding is not None)
        self._sink.write(out)


def _is_zlib_header(head: bytes) -> bool:
    """True when the two bytes start a zlib stream (RFC 1950), not raw deflate."""
    cmf, flg = head[0], head[1]
    return cmf & 0x0F == 8 and cmf >> 4 <= 7 and (cmf * 256 + flg) % 31 == 0
