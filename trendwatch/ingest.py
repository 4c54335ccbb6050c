"""Ingest: fetch every configured feed concurrently, parse what changed, store it in bulk.

The pipeline for one run:

1. make the ``feeds`` table match the config and read each feed's state;
2. plan: skip feeds that answered 410 Gone, that are backing off after failures or a
   Retry-After, and (unless ``force``) feeds fetched successfully less than
   ``[fetch] min_interval_minutes`` ago;
3. fetch the rest concurrently (conditional GET), parse each body as it arrives, and commit
   the results in batches (entries, links, fetch rows and feed state in one transaction).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trendwatch.config import FeedConfig, Settings
from trendwatch.errors import ParseError
from trendwatch.sources.model import FetchRequest, FetchResult, feed_id_for
from trendwatch.store.writes import FeedUpdate

BATCH_ENTRIES = 5_000  # commit after this many parsed entries...
BATCH_FEEDS = 100  # ...or this many feeds, whichever comes first
DEFAULT_BATCH_SIZE = 50  # feeds per Prefect task (feed_batches)
CHECKPOINT_THRESHOLD = "1GB"  # WAL size before DuckDB checkpoints during a run

ProgressFn = Callable[[str, str], None]  # (feed name, outcome) after each feed


@dataclass(slots=True)
class FeedOutcome:
    """What happened to one feed in a run."""

    feed_id: str
    name: str
    url: str
    outcome: str  # ok | not_modified | failed | fresh | backing_off | gone
    status: int | None = None
    entries_new: int = 0
    entries_known: int = 0
    error: str | None = None
    retry_after: dt.datetime | None = None


@dataclass(slots=True)
class IngestReport:
    """The summary of one ingest run."""

    run_id: str
    started_at: dt.datetime
    outcomes: list[FeedOutcome] = field(default_factory=list)
    duration_s: float = 0.0

    def _count(self, *outcomes: str) -> int:
        return sum(o.outcome in outcomes for o in self.outcomes)

    @property
    def feeds_ok(self) -> int:
        return self._count("ok")

    @property
    def feeds_not_modified(self) -> int:
        return self._count("not_modified", "fresh")

    @property
    def feeds_failed(self) -> int:
        return self._count("failed")

    @property
    def feeds_skipped(self) -> int:
        return self._count("backing_off", "gone")

    @property
    def entries_new(self) -> int:
        return sum(o.entries_new for o in self.outcomes)

    @property
    def entries_known(self) -> int:
        return sum(o.entries_known for o in self.outcomes)

    @property
    def failures(self) -> list[tuple[str, str, str]]:
        return [
            (o.name, o.url, o.error or o.outcome)
            for o in self.outcomes
            if o.outcome in ("failed", "backing_off", "gone")
        ]

    @property
    def exit_code(self) -> int:
        """0 when every feed is healthy; 3 when some failed, are backing off or are gone."""
        return 3 if self.failures else 0


def feed_batches(settings: Settings, size: int = DEFAULT_BATCH_SIZE) -> list[list[str]]:
    """The configured feed URLs cut into batches (one Prefect task each)."""
    urls = [f.url.strip() for f in settings.feeds]
    return [urls[i : i + size] for i in range(0, len(urls), size)]


def _is_local(url: str) -> bool:
    return not url.lower().startswith(("http://", "https://"))


def _plan(
    settings: Settings,
    feeds: Sequence[FeedConfig],
    states: dict[str, dict[str, Any]],
    now: dt.datetime,
    force: bool,
) -> tuple[list[FetchRequest], list[FeedOutcome]]:
    requests: list[FetchRequest] = []
    skipped: list[FeedOutcome] = []
    fresh_after = now - dt.timedelta(minutes=settings.fetch.min_interval_minutes)
    for f in feeds:
        fid = feed_id_for(f.url)
        st = states.get(fid, {})
        url = st.get("url") or f.url.strip()
        name = f.name or st.get("title") or url
        if not force:
            if st.get("gone"):
                skipped.append(
                    FeedOutcome(
                        fid,
                        name,
                        url,
                        "gone",
                        st.get("last_status"),
                        error="the publisher answered 410 Gone: remove this feed from the "
                        "config (or run `ingest --force` to try it again)",
                    )
                )
                continue
            retry = st.get("retry_after")
            if retry and retry > now:
                skipped.append(
                    FeedOutcome(
                        fid,
                        name,
                        url,
                        "backing_off",
                        st.get("last_status"),
                        error=f"backing off until {retry:%Y-%m-%d %H:%M} UTC after "
                        f"{st.get('consecutive_failures', 0)} failure(s): {st.get('last_error')}",
                        retry_after=retry,
                    )
                )
                continue
            last_ok = st.get("last_ok_at")
            if last_ok and last_ok > fresh_after and not _is_local(url):
                skipped.append(FeedOutcome(fid, name, url, "fresh", st.get("last_status")))
                continue
        requests.append(FetchRequest(fid, url, st.get("etag"), st.get("last_modified")))
    return requests, skipped


def _backoff(settings: Settings, failures: int, now: dt.datetime, result: FetchResult) -> dt.datetime | None:
    if result.retry_after:
        return result.retry_after
    over = failures - settings.fetch.backoff_after_failures
    if over < 0:
        return None
    hours = min(settings.fetch.backoff_max_hours, 2.0**over)
    return now + dt.timedelta(hours=hours)


def process_result(
    settings: Settings, result: FetchResult, feed: FeedConfig, state: dict[str, Any], run_id: str
) -> FeedUpdate:
    """Turn a fetch result into a feed update: parse the body, or record the failure and back-off."""
    from trendwatch.sources.parse import parse_feed

    u = FeedUpdate(
        feed_id=result.feed_id,
        run_id=run_id,
        url=result.url,
        started_at=result.started_at,
        duration_s=result.duration_s,
        outcome="ok",
        status=result.status,
        bytes=result.bytes,
        new_url=result.permanent_url,
        etag=result.etag or state.get("etag"),
        last_modified=result.last_modified or state.get("last_modified"),
    )
    error, kind = result.error, result.error_kind
    if error is None and result.not_modified:
        u.outcome = "not_modified"
        return u
    if error is None and result.body is not None:
        try:
            parsed = parse_feed(
                result.body,
                url=result.final_url or result.url,
                feed_id=result.feed_id,
                fetched_at=result.started_at,
                headers=result.headers,
                language=feed.language or None,
            )
        except ParseError as e:
            error, kind = str(e), e.kind
        else:
            u.entries, u.parser = parsed.entries, parsed.parser
            u.title, u.site_link, u.feed_language = parsed.title, parsed.link, parsed.language
            return u
    u.outcome = "failed"
    u.error, u.error_kind = error or "no body", kind or "error"
    u.etag, u.last_modified = state.get("etag"), state.get("last_modified")
    u.consecutive_failures = int(state.get("consecutive_failures") or 0) + 1
    u.gone = kind == "gone"
    u.retry_after = _backoff(settings, u.consecutive_failures, result.started_at, result)
    return u


def _states(con: Any) -> dict[str, dict[str, Any]]:
    # timestamps travel as epoch microseconds: DuckDB's TIMESTAMPTZ → datetime conversion is slow
    cur = con.execute(
        "SELECT feed_id, url, title, etag, last_modified, epoch_us(last_ok_at) AS last_ok_at, last_status, "
        "last_error, consecutive_failures, epoch_us(retry_after) AS retry_after, gone FROM feeds"
    )
    names = [d[0] for d in cur.description]
    states = {row[0]: dict(zip(names, row, strict=True)) for row in cur.fetchall()}
    for st in states.values():
        for key in ("last_ok_at", "retry_after"):
            if st[key] is not None:
                st[key] = dt.datetime.fromtimestamp(st[key] / 1_000_000, dt.UTC)
    return states


def run_ingest(
    settings: Settings,
    *,
    force: bool = False,
    feed_urls: Sequence[str] | None = None,
    progress: ProgressFn | None = None,
    now: dt.datetime | None = None,
) -> IngestReport:
    """Fetch, parse and store the configured feeds (or only those in ``feed_urls``)."""
    from trendwatch.store.db import connect
    from trendwatch.store.writes import sync_feeds

    started = now or dt.datetime.now(dt.UTC)
    report = IngestReport(run_id=uuid.uuid4().hex[:12], started_at=started)
    if not force and feed_urls is None and (skipped := _nothing_due(settings, started)) is not None:
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
        states = _states(con)
        requests, skipped = _plan(settings, feeds, states, started, force)
        report.outcomes.extend(skipped)
        for o in skipped:
            if progress:
                progress(o.name, o.outcome)
        if any(not _is_local(r.url) for r in requests):
            # the network is slow: let others read the store while fetching, lock it again to write
            con.close()
            con = None
        writer = _Writer(settings, con)
        try:
            if requests:
                by_id = {feed_id_for(f.url): f for f in feeds}
                _fetch_and_store(writer, settings, requests, by_id, states, report, progress)
            _after_ingest(writer.con(), settings)
            final_states = _states(writer.con())
        finally:
            con = writer.opened
    finally:
        if con is not None:
            con.close()
    _save_schedule(settings, final_states)
    report.duration_s = (dt.datetime.now(dt.UTC) - started).total_seconds()
    return report


# The schedule cache: after each run, the feeds' fetch state is also written beside the store
# with the store file's size and mtime. When neither the config nor the store changed since and no
# feed is due yet, a run answers from it without opening DuckDB (an hourly cron costs ~0.1 s).


def _schedule_path(settings: Settings) -> Path:
    return settings.store_path.with_name(settings.store_path.name + ".schedule.json")


def _fingerprint(settings: Settings) -> str:
    import hashlib
    import json

    feeds = [(f.url.strip(), f.name, f.language, list(f.tags)) for f in settings.feeds]
    fetch = [settings.fetch.min_interval_minutes, settings.fetch.backoff_after_failures]
    return hashlib.sha1(json.dumps([feeds, fetch]).encode()).hexdigest()


def _store_stamp(settings: Settings) -> list[int] | None:
    try:
        st = settings.store_path.stat()
    except OSError:
        return None
    if settings.store_path.with_name(settings.store_path.name + ".wal").exists():
        return None
    return [st.st_size, st.st_mtime_ns]


def _save_schedule(settings: Settings, states: dict[str, dict[str, Any]]) -> None:
    import json

    stamp = _store_stamp(settings)
    path = _schedule_path(settings)
    if stamp is None:
        path.unlink(missing_ok=True)
        return
    times = ("last_ok_at", "retry_after")
    rows = {
        fid: {k: (v.timestamp() if k in times and v is not None else v) for k, v in st.items()}
        for fid, st in states.items()
    }
    tmp = path.with_suffix(".tmp")
    try:
        tmp.write_text(json.dumps({"config": _fingerprint(settings), "store": stamp, "feeds": rows}))
        tmp.replace(path)
    except OSError:  # only a cache: the next run opens the store instead
        pass


def _nothing_due(settings: Settings, now: dt.datetime) -> list[FeedOutcome] | None:
    """The run's outcomes when the schedule cache is valid and no feed is due; else None."""
    import json

    try:
        data = json.loads(_schedule_path(settings).read_text())
    except (OSError, ValueError):
        return None
    if data.get("config") != _fingerprint(settings) or data.get("store") != _store_stamp(settings):
        return None
    states = {
        fid: {k: (dt.datetime.fromtimestamp(v, dt.UTC) if k in ("last_ok_at", "retry_after") and v else v)
              for k, v in st.items()}
        for fid, st in data.get("feeds", {}).items()
    }  # fmt: skip
    if any(feed_id_for(f.url) not in states for f in settings.feeds):
        return None
    requests, skipped = _plan(settings, list(settings.feeds), states, now, False)
    return None if requests else skipped


def staging_dir(settings: Settings) -> Path:
    """Where :func:`fetch_and_parse` leaves its results for :func:`store_staged`."""
    return settings.store_path.with_name(settings.store_path.name + ".staging")


def prepare_store(settings: Settings, now: dt.datetime | None = None) -> None:
    """Create and migrate the store and make its feeds match the config (before staged batches)."""
    from trendwatch.store.db import connect
    from trendwatch.store.writes import sync_feeds

    con = connect(settings.store_path, wait_s=settings.store.lock_timeout_s)
    try:
        sync_feeds(con, settings.feeds, now or dt.datetime.now(dt.UTC))
    finally:
        con.close()


def fetch_and_parse(
    settings: Settings, feed_urls: Sequence[str], *, force: bool = False, now: dt.datetime | None = None
) -> Path:
    """Fetch and parse some feeds without writing the store; returns a staged file for
    :func:`store_staged`. Several processes (Dask workers) can run this at once: each only reads
    the store, briefly, for the feeds' conditional-GET state. Call :func:`prepare_store` first."""
    import pickle

    from trendwatch.store.db import connect

    started = now or dt.datetime.now(dt.UTC)
    run_id = uuid.uuid4().hex[:12]
    con = connect(settings.store_path, read_only=True, wait_s=settings.store.lock_timeout_s)
    try:
        states = _states(con)
    finally:
        con.close()
    wanted = {u.strip() for u in feed_urls}
    feeds = [f for f in settings.feeds if f.url.strip() in wanted]
    requests, skipped = _plan(settings, feeds, states, started, force)
    by_id = {feed_id_for(f.url): f for f in feeds}
    updates = [
        process_result(settings, result, by_id[result.feed_id], states.get(result.feed_id, {}), run_id)
        for result in _fetch_in_thread(requests, settings)
    ]
    folder = staging_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{started:%Y%m%dT%H%M%S}-{run_id}.pickle"
    tmp = path.with_suffix(".partial")
    with tmp.open("wb") as fh:
        pickle.dump({"run_id": run_id, "started_at": started, "skipped": skipped, "updates": updates}, fh)
    tmp.replace(path)  # a crash never leaves a half-written staged file behind under the real name
    return path


def store_staged(
    settings: Settings, paths: Sequence[str | Path], *, progress: ProgressFn | None = None
) -> IngestReport:
    """Write staged batches to the store (one writer), then delete each staged file once its
    batches are committed; a file already stored (a retry) adds nothing twice."""
    import pickle

    from trendwatch.store.db import connect

    report = IngestReport(run_id=uuid.uuid4().hex[:12], started_at=dt.datetime.now(dt.UTC))
    con = connect(settings.store_path, wait_s=settings.store.lock_timeout_s)
    names = {feed_id_for(f.url): f.name for f in settings.feeds}

    def name_of(u: FeedUpdate) -> str:
        return names.get(u.feed_id) or u.title or u.url

    try:
        for p in map(Path, paths):
            if not p.exists():
                continue
            with p.open("rb") as fh:
                staged = pickle.load(fh)
            report.outcomes.extend(staged["skipped"])
            updates: list[FeedUpdate] = staged["updates"]
            for i in range(0, len(updates), BATCH_FEEDS):
                chunk = updates[i : i + BATCH_FEEDS]
                _store_updates(con, chunk, report, name_of, progress)
            p.unlink()
        _after_ingest(con, settings)
    finally:
        con.close()
    report.duration_s = (dt.datetime.now(dt.UTC) - report.started_at).total_seconds()
    return report


class _Writer:
    """The store's write connection, opened when the first batch is ready to be written."""

    def __init__(self, settings: Settings, con: Any | None) -> None:
        self.settings = settings
        self.opened = con
        if con is not None:
            self._tune(con)

    @staticmethod
    def _tune(con: Any) -> None:
        # Committed batches are durable in the write-ahead log; checkpointing once, when the run
        # closes the store, instead of after every few batches halves the cost of writing.
        con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")

    def con(self) -> Any:
        if self.opened is None:
            from trendwatch.store.db import connect

            self.opened = connect(self.settings.store_path, wait_s=self.settings.store.lock_timeout_s)
            self._tune(self.opened)
        return self.opened


def _store_updates(
    con: Any,
    updates: Sequence[FeedUpdate],
    report: IngestReport,
    name_of: Callable[[FeedUpdate], str],
    progress: ProgressFn | None,
) -> None:
    """Commit a batch of feed updates and record each feed's outcome in the report."""
    from trendwatch.store.writes import write_batch

    write_batch(con, updates, dt.datetime.now(dt.UTC))
    for u in updates:
        name = name_of(u)
        report.outcomes.append(
            FeedOutcome(u.feed_id, name, u.new_url or u.url, u.outcome, u.status, u.entries_new,
                        u.entries_known, u.error, u.retry_after)  # fmt: skip
        )
        if progress:
            progress(name, u.outcome)


def _after_ingest(con: Any, settings: Settings) -> None:
    """Post-ingest steps of later stages that tag stored entries (brand mentions)."""
    if not settings.brand.names and not settings.brand.products and not settings.brand.competitors:
        return
    try:
        from trendwatch.cm.brand import tag_mentions
    except ImportError:  # pragma: no cover - brand watch not installed
        return
    tag_mentions(con, settings)


def _fetch_and_store(
    writer: _Writer,
    settings: Settings,
    requests: list[FetchRequest],
    feeds: dict[str, FeedConfig],
    states: dict[str, dict[str, Any]],
    report: IngestReport,
    progress: ProgressFn | None,
) -> None:

    pending: list[FeedUpdate] = []
    pending_entries = 0

    def flush() -> None:
        nonlocal pending, pending_entries
        if not pending:
            return
        _store_updates(writer.con(), pending, report, name_of, progress)
        pending, pending_entries = [], 0

    def name_of(u: FeedUpdate) -> str:
        f = feeds[u.feed_id]
        return f.name or u.title or states.get(u.feed_id, {}).get("title") or f.url

    def parse(result: FetchResult) -> FeedUpdate:
        state = states.get(result.feed_id, {})
        update = process_result(settings, result, feeds[result.feed_id], state, report.run_id)
        result.body = None  # free the bytes as soon as they are parsed
        return update

    # closing(): an interrupt or a store error stops the fetch child at once, not at garbage collection
    with contextlib.closing(feed_updates(requests, settings, parse)) as updates:
        for update in updates:
            pending.append(update)
            pending_entries += len(update.entries)
            if pending_entries >= BATCH_ENTRIES or len(pending) >= BATCH_FEEDS:
                flush()
    flush()


def feed_updates(
    requests: Sequence[FetchRequest], settings: Settings, parse: Callable[[FetchResult], FeedUpdate]
) -> Generator[FeedUpdate]:
    """Fetch and parse, yielding each feed's update as it is ready. From the main thread on Linux,
    fetching and parsing run in a forked child process while this one stores, so on two cores a
    run takes about max(fetch + parse, store) instead of their sum; elsewhere, fetching runs in a
    thread and parsing here."""
    if _can_fork():
        yield from _fetch_in_child(requests, settings, parse)
        return
    for result in _fetch_in_thread(requests, settings):
        yield parse(result)


def _can_fork() -> bool:
    import multiprocessing
    import threading

    return (
        threading.current_thread() is threading.main_thread()
        and "fork" in multiprocessing.get_all_start_methods()
        and os.environ.get("TRENDWATCH_FETCH_PROCESS", "1") != "0"
    )


async def _send_all(
    requests: Sequence[FetchRequest], settings: Settings, send: Callable[[Any], None]
) -> None:
    from trendwatch.sources.fetch import iter_fetch

    ua = settings.fetch.user_agent or None
    async for result in iter_fetch(requests, settings.fetch, user_agent=ua, base_dir=settings.base_dir):
        send(result)


PR_SET_PDEATHSIG = 1  # linux/prctl.h
PARENT_CHECK_S = 1.0  # how often the fetch child checks that its parent still lives


def _die_with_parent(parent_pid: int) -> None:
    """In the fetch child: be killed when the parent dies (``kill -9`` included), never outlive
    it holding the caller's pipes. Linux's PR_SET_PDEATHSIG does it at once; a watchdog thread
    checking the parent's pid covers the race before prctl and other systems."""
    import signal
    import sys
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the watchdog still runs
            pass
    if os.getppid() != parent_pid:  # the parent died before prctl
        os._exit(1)

    def watch() -> None:
        import time

        while True:
            time.sleep(PARENT_CHECK_S)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="trendwatch-parent-watch", daemon=True).start()


def _child_main(
    requests: Sequence[FetchRequest],
    settings: Settings,
    parse: Callable[[FetchResult], FeedUpdate],
    out: Any,
    parent_pid: int,
) -> None:
    import asyncio

    _die_with_parent(parent_pid)
    code = 0
    try:
        # multiprocessing.Queue.put never blocks: a feeder thread writes to the pipe, so the
        # event loop keeps fetching while the parent is busy storing a batch
        asyncio.run(_send_all(requests, settings, lambda result: out.put(parse(result))))
    except BaseException:  # the parent reports the feeds it didn't get
        code = 1
    finally:
        out.put(None)
        out.close()
        out.join_thread()
        os._exit(code)  # no atexit handlers, no inherited destructors (the parent owns the store)


def _fetch_in_child(
    requests: Sequence[FetchRequest], settings: Settings, parse: Callable[[FetchResult], FeedUpdate]
) -> Iterator[FeedUpdate]:
    import multiprocessing
    import queue

    import trendwatch.sources.fetch  # noqa: F401  imported before the fork, not in the child
    import trendwatch.sources.parse  # noqa: F401

    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    child = ctx.Process(
        target=_child_main, args=(requests, settings, parse, results, os.getpid()), daemon=True
    )
    child.start()
    seen: set[str] = set()
    finished = False
    try:
        while True:
            try:
                result = results.get(timeout=1.0)
            except queue.Empty:
                if child.is_alive():
                    continue
                break
            if result is None:
                break
            seen.add(result.feed_id)
            yield result
        finished = True
    finally:
        # interrupted (a signal, an error while storing, the caller closed us): stop the child now
        child.join(timeout=5 if finished else 0)
        if child.is_alive():
            child.kill()
            child.join()
        results.close()
        if not finished:
            results.cancel_join_thread()
    for r in requests:
        if r.feed_id not in seen:
            yield parse(
                FetchResult(
                    feed_id=r.feed_id,
                    url=r.url,
                    started_at=dt.datetime.now(dt.UTC),
                    error_kind="error",
                    error=f"the fetch process stopped (exit code {child.exitcode}) before this feed; "
                    "run ingest again (set TRENDWATCH_FETCH_PROCESS=0 to fetch in-process)",
                )
            )


def _fetch_in_thread(requests: Sequence[FetchRequest], settings: Settings) -> Iterator[FetchResult]:
    import asyncio
    import queue
    import threading

    q: queue.Queue[Any] = queue.Queue()
    done = object()

    def run() -> None:
        try:
            asyncio.run(_send_all(requests, settings, q.put))
        except BaseException as e:  # re-raised in the caller's thread
            q.put(e)
        q.put(done)

    thread = threading.Thread(target=run, name="trendwatch-fetch", daemon=True)
    thread.start()
    while (item := q.get()) is not done:
        if isinstance(item, BaseException):
            raise item
        yield item
    thread.join()
