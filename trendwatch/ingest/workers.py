"""Fetching and parsing beside the store writer: a forked child process on Linux (fetch + parse
there, store here, so two cores overlap), a thread elsewhere. The child dies with its parent."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import Any, TypeVar

from trendwatch.config import Settings
from trendwatch.sources.model import FetchRequest, FetchResult

T = TypeVar("T")


def feed_updates(
    requests: Sequence[FetchRequest], settings: Settings, parse: Callable[[FetchResult], T]
) -> Generator[T]:
    """Fetch and parse, yielding each feed's update as it is ready. From the main thread on Linux,
    fetching and parsing run in a forked child process while this one stores, so on two cores a
    run takes about max(fetch + parse, store) instead of their sum; elsewhere, fetching runs in a
    thread and parsing here."""
    if _can_fork():
        yield from _fetch_in_child(requests, settings, parse)
        return
    for result in fetch_in_thread(requests, settings):
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
    parse: Callable[[FetchResult], T],
    out: Any,
    parent_pid: int,
) -> None:
    import asyncio

    _die_with_parent(parent_pid)
    code = 0
    try:
        # multiprocessing.Queue.put never blocks: a feeder thread writes to the pipe, so the
        # event loop keeps fetching while the parent is busy storing a batch
        asyncio.run(_send_all(requests, settings, lambda result: out.put((result.feed_id, parse(result)))))
    except BaseException:  # the parent reports the feeds it didn't get
        code = 1
    finally:
        out.put(None)
        out.close()
        out.join_thread()
        os._exit(code)  # no atexit handlers, no inherited destructors (the parent owns the store)


def _fetch_in_child(
    requests: Sequence[FetchRequest], settings: Settings, parse: Callable[[FetchResult], T]
) -> Iterator[T]:
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
            feed_id, item = result
            seen.add(feed_id)
            yield item
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


def fetch_in_thread(requests: Sequence[FetchRequest], settings: Settings) -> Iterator[FetchResult]:
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
