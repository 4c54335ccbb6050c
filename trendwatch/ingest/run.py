"""One ingest run: sync the feeds table with the config, plan, fetch and parse beside the writer,
commit in batches. Feeds that fail for a reason that may pass (503, 429, timeout, no answer) can
be tried again within the run (``retry_delays``): only the last attempt is written, so a run is
one strike on a feed's back-off however many times it was tried."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
import uuid
from collections.abc import Callable, Sequence

from trendwatch.config import FeedConfig, Settings
from trendwatch.ingest.plan import is_local, plan, process_result
from trendwatch.ingest.report import IngestReport
from trendwatch.ingest.schedule import nothing_due, save_schedule
from trendwatch.ingest.transient import failed_is_transient
from trendwatch.ingest.workers import feed_updates
from trendwatch.ingest.writer import BATCH_ENTRIES, BATCH_FEEDS, ProgressFn, Writer, store_updates
from trendwatch.messages import Note
from trendwatch.sources.model import FetchRequest, FetchResult, feed_id_for
from trendwatch.store.db import connect
from trendwatch.store.ingest_writes import feed_states
from trendwatch.store.writes import FeedUpdate, sync_feeds

LogFn = Callable[[str], None]


def run_ingest(
    settings: Settings,
    *,
    force: bool = False,
    feed_urls: Sequence[str] | None = None,
    progress: ProgressFn | None = None,
    now: dt.datetime | None = None,
    retry_delays: Sequence[float] = (),
    log: LogFn | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> IngestReport:
    """Fetch, parse and store the configured feeds (or only those in ``feed_urls``).

    ``retry_delays``: seconds to wait before each new try of the feeds that failed temporarily
    and whose server did not ask us to wait (a Retry-After is honoured by the next run instead).
    ``log`` receives one line before each new try.
    """
    started = now or dt.datetime.now(dt.UTC)
    report = IngestReport(run_id=uuid.uuid4().hex[:12], started_at=started)
    if not force and feed_urls is None and (skipped := nothing_due(settings, started)) is not None:
        report.outcomes.extend(skipped)  # every feed is fresh, backing off or gone: nothing to open
        for o in skipped:
            if progress:
                progress(o.name, o.outcome)
        return report
    con = connect(settings.store_path, wait_s=settings.store.lock_timeout_s)
    try:
        sync_feeds(con, settings.feeds, started)
        wanted = {u.strip() for u in feed_urls} if feed_urls is not None else None
        feeds = [f for f in settings.feeds if wanted is None or f.url.strip() in wanted]
        states = feed_states(con)
        requests, skipped = plan(settings, feeds, states, started, force)
        report.outcomes.extend(skipped)
        for o in skipped:
            if progress:
                progress(o.name, o.outcome)
        if any(not is_local(r.url) for r in requests):
            # the network is slow: let others read the store while fetching, lock it again to write
            con.close()
            con = None
        writer = Writer(settings, con)
        try:
            if requests:
                by_id = {feed_id_for(f.url): f for f in feeds}
                run = _Run(writer, settings, by_id, states, report, progress)
                run.fetch_and_store(requests, list(retry_delays), log, sleep)
            final_states = feed_states(writer.con())
        finally:
            con = writer.opened
    finally:
        if con is not None:
            con.close()
    save_schedule(settings, final_states)
    report.duration_s = (dt.datetime.now(dt.UTC) - started).total_seconds()
    return report


class _Run:
    """Fetch and parse in the worker, commit here in batches; hold back transient failures while
    tries remain."""

    def __init__(
        self,
        writer: Writer,
        settings: Settings,
        feeds: dict[str, FeedConfig],
        states: dict[str, dict],
        report: IngestReport,
        progress: ProgressFn | None,
    ) -> None:
        self.writer, self.settings, self.feeds, self.states = writer, settings, feeds, states
        self.report, self.progress = report, progress
        self.pending: list[FeedUpdate] = []
        self.pending_entries = 0

    def name_of(self, u: FeedUpdate) -> str:
        f = self.feeds[u.feed_id]
        return f.name or u.title or self.states.get(u.feed_id, {}).get("title") or f.url

    def flush(self) -> None:
        if self.pending:
            store_updates(self.writer.con(), self.pending, self.report, self.name_of, self.progress)
            self.pending, self.pending_entries = [], 0

    def parse(self, result: FetchResult) -> tuple[FeedUpdate, bool]:
        """The feed's update, and whether another try may succeed (runs in the fetch worker)."""
        state = self.states.get(result.feed_id, {})
        feed = self.feeds[result.feed_id]
        update = process_result(self.settings, result, feed, state, self.report.run_id)
        result.body = None  # free the bytes as soon as they are parsed
        no_answer = result.status is None and result.error_kind == "error" and not is_local(result.url)
        transient = (
            update.outcome == "failed"
            and result.retry_after is None
            and (no_answer or failed_is_transient(result.status, result.error_kind))
        )
        return update, transient

    def fetch_and_store(
        self,
        requests: list[FetchRequest],
        delays: list[float],
        log: LogFn | None,
        sleep: Callable[[float], None],
    ) -> None:
        by_id = {r.feed_id: r for r in requests}
        attempts = len(delays) + 1
        for attempt in range(1, attempts + 1):
            last = attempt == attempts
            held: list[FeedUpdate] = []
            # closing(): an interrupt or a store error stops the fetch child at once, not at collection
            with contextlib.closing(feed_updates(requests, self.settings, self.parse)) as updates:
                for update, transient in updates:
                    if transient and not last:
                        held.append(update)  # not written: this run's strike is decided by the last try
                        continue
                    self.pending.append(update)
                    self.pending_entries += len(update.entries)
                    if self.pending_entries >= BATCH_ENTRIES or len(self.pending) >= BATCH_FEEDS:
                        self.flush()
            self.flush()
            if not held:
                return
            delay = delays[attempt - 1]
            if log:
                first = held[0]
                log(Note("ingest.retrying", {"count": len(held), "url": first.url, "error": first.error or "",
                                             "delay": delay, "attempt": attempt + 1,
                                             "attempts": attempts}).render("en"))  # fmt: skip
            self.report.retried += len(held)
            self.writer.release()  # others may read the store while we wait
            sleep(delay)
            requests = [by_id[u.feed_id] for u in held]
