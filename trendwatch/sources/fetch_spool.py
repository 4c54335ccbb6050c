"""Where fetched bodies wait for the parser: in memory while small, else in a temporary file.

A run fetches up to ``[fetch] concurrency`` bodies at once and finishes them faster than they are
parsed, so without a bound the bodies waiting for the parser add up: 40 feeds of 19.5 MB held
1.8 GB. Here each body stays in memory only while it is under :data:`SPOOL_BYTES` and the run's
:class:`MemoryBudget` (shared by every fetch of one run) has room; past either, it moves to an
unlinked temporary file, which the system reclaims even if the process is killed. The parser
reads a spooled body back when it asks for ``FetchResult.body``, one feed at a time, so the
run's memory for bodies is about the budget plus the one body being parsed.
"""

from __future__ import annotations

import tempfile
import threading
from typing import IO

SPOOL_BYTES = 1 << 20  # a body larger than 1 MiB waits on disk
RUN_MEMORY_BYTES = 48 << 20  # bodies held in memory across a run, fetched but not yet parsed
SPOOL_PREFIX = "trendwatch-body-"

__all__ = ["RUN_MEMORY_BYTES", "SPOOL_BYTES", "MemoryBudget", "SpooledBody"]


class MemoryBudget:
    """Bytes of fetched bodies a run may hold in memory before it spools them (thread-safe:
    bodies are written in the event loop and read by the parser's thread)."""

    def __init__(self, limit: int = RUN_MEMORY_BYTES) -> None:
        self.limit = limit
        self.used = 0
        self.peak = 0
        self.spooled = 0  # bodies that went to disk
        self._lock = threading.Lock()

    def take(self, n: int) -> bool:
        """Reserve ``n`` bytes; False (nothing reserved) when they don't fit."""
        with self._lock:
            if self.used + n > self.limit:
                return False
            self.used += n
            self.peak = max(self.peak, self.used)
            return True

    def give_back(self, n: int) -> None:
        with self._lock:
            self.used -= n


class SpooledBody:
    """One body being received; :meth:`read` hands it over once, whole.

    ``spool_dir`` is where the temporary file goes (default: the system's temporary folder).
    """

    def __init__(
        self,
        budget: MemoryBudget | None = None,
        *,
        spool_bytes: int = SPOOL_BYTES,
        spool_dir: str | None = None,
    ) -> None:
        self.size = 0
        self._budget = budget
        self._spool_bytes = spool_bytes
        self._spool_dir = spool_dir
        self._parts: list[bytes] = []
        self._reserved = 0  # bytes of _parts counted in the budget
        self._file: IO[bytes] | None = None

    @property
    def on_disk(self) -> bool:
        return self._file is not None

    def write(self, data: bytes) -> None:
        """Append ``data``: in memory while it fits, else to the temporary file."""
        if not data:
            return
        self.size += len(data)
        if self._file is None and self.size <= self._spool_bytes and self._reserve(len(data)):
            self._parts.append(data)
            return
        if self._file is None:
            self._spill()
        assert self._file is not None
        self._file.write(data)

    def read(self) -> bytes:
        """The whole body (read back from disk if it was spooled); the spool is then emptied."""
        if self._file is not None:
            handle, self._file = self._file, None
            try:
                handle.seek(0)
                data = handle.read()
            finally:
                handle.close()
            return data
        data = b"".join(self._parts) if len(self._parts) != 1 else self._parts[0]
        self.discard()
        return data

    def discard(self) -> None:
        """Drop the body unread (a failed fetch) and give its memory back to the run."""
        self._parts = []
        if self._reserved and self._budget is not None:
            self._budget.give_back(self._reserved)
        self._reserved = 0
        if self._file is not None:
            handle, self._file = self._file, None
            handle.close()

    def __del__(self) -> None:  # a result dropped unread still gives its bytes back
        self.discard()

    def _reserve(self, n: int) -> bool:
        if self._budget is None:
            return True
        if self._budget.take(n):
            self._reserved += n
            return True
        return False

    def _spill(self) -> None:
        """Move what is in memory to a new unlinked temporary file."""
        handle = tempfile.TemporaryFile(prefix=SPOOL_PREFIX, dir=self._spool_dir)  # noqa: SIM115
        for part in self._parts:
            handle.write(part)
        self._parts = []
        if self._budget is not None:
            self._budget.give_back(self._reserved)
            self._budget.spooled += 1
        self._reserved = 0
        self._file = handle
