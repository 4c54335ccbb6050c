"""Scale-out: fetch and parse batches on other processes (Dask workers) into staged files, then
store them all from one process (DuckDB has one writer)."""

from __future__ import annotations

import datetime as dt
import pickle
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from trendwatch.config import Settings
from trendwatch.ingest.plan import plan, process_result
from trendwatch.ingest.report import IngestReport
from trendwatch.ingest.workers import fetch_in_thread
from trendwatch.ingest.writer import BATCH_FEEDS, ProgressFn, store_updates
from trendwatch.sources.model import feed_id_for
from trendwatch.store.db import bound_memory, connect
from trendwatch.store.ingest_writes import feed_states
from trendwatch.store.writes import FeedUpdate, sync_feeds


@dataclass(frozen=True, slots=True)
class StagedBatch:
    """A staged file and what went into it: feeds fetched (and parsed) and feeds not due."""

    path: Path
    fetched: int
    skipped: int


def staging_dir(settings: Settings) -> Path:
    """Where :func:`fetch_and_parse` leaves its results for :func:`store_staged`."""
    return settings.store_path.with_name(settings.store_path.name + ".staging")


def prepare_store(settings: Settings, now: dt.datetime | None = None) -> None:
    """Create and migrate the store and make its feeds match the config (before staged batches)."""
    con = connect(settings.store_path, wait_s=settings.store.lock_timeout_s)
    try:
        sync_feeds(con, settings.feeds, now or dt.datetime.now(dt.UTC))
    finally:
        con.close()


def stage(
    settings: Settings, feed_urls: Sequence[str], *, force: bool = False, now: dt.datetime | None = None
) -> StagedBatch:
    """Fetch and parse the feeds of ``feed_urls`` that are due, without writing the store. Several
    processes can run this at once: each only reads the store, briefly, for the feeds' state."""
    started = now or dt.datetime.now(dt.UTC)
    run_id = uuid.uuid4().hex[:12]
    con = connect(settings.store_path, read_only=True, wait_s=settings.store.lock_timeout_s)
    try:
        states = feed_states(con)
    finally:
        con.close()
    wanted = {u.strip() for u in feed_urls}
    feeds = [f for f in settings.feeds if f.url.strip() in wanted]
    requests, skipped = plan(settings, feeds, states, started, force)
    by_id = {feed_id_for(f.url): f for f in feeds}
    updates = [
        process_result(settings, result, by_id[result.feed_id], states.get(result.feed_id, {}), run_id)
        for result in fetch_in_thread(requests, settings)
    ]
    folder = staging_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{started:%Y%m%dT%H%M%S}-{run_id}.pickle"
    tmp = path.with_suffix(".partial")
    with tmp.open("wb") as fh:
        pickle.dump({"run_id": run_id, "started_at": started, "skipped": skipped, "updates": updates}, fh)
    tmp.replace(path)  # a crash never leaves a half-written staged file behind under the real name
    return StagedBatch(path, len(updates), len(skipped))


def fetch_and_parse(
    settings: Settings, feed_urls: Sequence[str], *, force: bool = False, now: dt.datetime | None = None
) -> Path:
    """:func:`stage`, returning only the staged file for :func:`store_staged`. Call
    :func:`prepare_store` first."""
    return stage(settings, feed_urls, force=force, now=now).path


def store_staged(
    settings: Settings, paths: Sequence[str | Path], *, progress: ProgressFn | None = None
) -> IngestReport:
    """Write staged batches to the store (one writer), then delete each staged file once its
    batches are committed; a file already stored (a retry) adds nothing twice."""
    report = IngestReport(run_id=uuid.uuid4().hex[:12], started_at=dt.datetime.now(dt.UTC))
    con = connect(settings.store_path, wait_s=settings.store.lock_timeout_s)
    bound_memory(con, settings.store_path, settings.store.memory_limit_mb)  # as Writer does
    names = {feed_id_for(f.url): f.name for f in settings.feeds}

    def name_of(u: FeedUpdate) -> str:
        return names.get(u.feed_id) or u.title or u.url

    try:
        for p in map(Path, paths):
            if not p.exists():
                continue
            with p.open("rb") as fh:
                staged = pickle.load(fh)  # noqa: S301 - our own file, written by stage()
            report.outcomes.extend(staged["skipped"])
            updates: list[FeedUpdate] = staged["updates"]
            for i in range(0, len(updates), BATCH_FEEDS):
                store_updates(con, updates[i : i + BATCH_FEEDS], report, name_of, progress)
            p.unlink()
    finally:
        con.close()
    report.duration_s = (dt.datetime.now(dt.UTC) - report.started_at).total_seconds()
    return report
