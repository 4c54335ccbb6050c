"""Committing feed updates: one write connection, opened when the first batch is ready."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from trendwatch.config import Settings
from trendwatch.ingest.report import FeedOutcome, IngestReport
from trendwatch.store import writes
from trendwatch.store.connection import Connection
from trendwatch.store.db import connect, tune_for_ingest
from trendwatch.store.writes import FeedUpdate

BATCH_ENTRIES = 5_000  # commit after this many parsed entries...
BATCH_FEEDS = 100  # ...or this many feeds, whichever comes first
CHECKPOINT_THRESHOLD = "1GB"  # WAL size before DuckDB checkpoints during a run

ProgressFn = Callable[[str, str], None]  # (feed name, outcome) after each feed


class Writer:
    """The store's write connection, opened when the first batch is ready to be written."""

    def __init__(self, settings: Settings, con: Connection | None) -> None:
        self.settings = settings
        self.opened = con
        if con is not None:
            self._tune(con)

    def _tune(self, con: Connection) -> None:
        # Committed batches are durable in the write-ahead log; checkpointing once, when the run
        # closes the store, instead of after every few batches halves the cost of writing. Until
        # then DuckDB holds the new rows and their index: memory_limit_mb bounds that (it evicts
        # and spills past it), so a run storing hundreds of thousands of entries stays small.
        tune_for_ingest(
            con, self.settings.store_path, self.settings.store.memory_limit_mb, CHECKPOINT_THRESHOLD
        )

    def con(self) -> Connection:
        if self.opened is None:
            self.opened = connect(self.settings.store_path, wait_s=self.settings.store.lock_timeout_s)
            self._tune(self.opened)
        return self.opened

    def release(self) -> None:
        """Close the connection while waiting (others may read the store); reopened on the next write."""
        if self.opened is not None:
            self.opened.close()
            self.opened = None


def store_updates(
    con: Connection,
    updates: Sequence[FeedUpdate],
    report: IngestReport,
    name_of: Callable[[FeedUpdate], str],
    progress: ProgressFn | None,
) -> None:
    """Commit a batch of feed updates and record each feed's outcome in the report."""
    writes.write_batch(con, updates, dt.datetime.now(dt.UTC))  # looked up at call time: tests patch it
    for u in updates:
        name = name_of(u)
        report.outcomes.append(
            FeedOutcome(
                u.feed_id,
                name,
                u.new_url or u.url,
                u.outcome,
                u.status,
                u.entries_new,
                u.entries_known,
                u.error,
                u.retry_after,
            )  # fmt: skip
        )
        if progress:
            progress(name, u.outcome)
