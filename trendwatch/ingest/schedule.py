"""The schedule cache: after each run, the feeds' fetch state is also written beside the store
with the store file's size and mtime. When neither the config nor the store changed since and no
feed is due yet, a run answers from it without opening DuckDB (an hourly cron costs ~0.1 s)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from trendwatch.config import Settings
from trendwatch.ingest.plan import plan
from trendwatch.ingest.report import FeedOutcome
from trendwatch.sources.model import feed_id_for

TIMES = ("last_ok_at", "retry_after")


def schedule_path(settings: Settings) -> Path:
    """``<store>.schedule.json`` beside the store."""
    return settings.store_path.with_name(settings.store_path.name + ".schedule.json")


def fingerprint(settings: Settings) -> str:
    """What of the config the cache depends on: the feeds and the fetch schedule."""
    feeds = [(f.url.strip(), f.name, f.language, list(f.tags)) for f in settings.feeds]
    fetch = [settings.fetch.min_interval_minutes, settings.fetch.backoff_after_failures]
    return hashlib.sha1(json.dumps([feeds, fetch]).encode()).hexdigest()


def store_stamp(settings: Settings) -> list[int] | None:
    """The store file's size and mtime (None when missing or with a write-ahead log pending)."""
    try:
        st = settings.store_path.stat()
    except OSError:
        return None
    if settings.store_path.with_name(settings.store_path.name + ".wal").exists():
        return None
    return [st.st_size, st.st_mtime_ns]


def save_schedule(settings: Settings, states: dict[str, dict[str, Any]]) -> None:
    """Write the cache for the feeds' states as stored now (removes it when the store can't be stamped)."""
    stamp = store_stamp(settings)
    path = schedule_path(settings)
    if stamp is None:
        path.unlink(missing_ok=True)
        return
    rows = {
        fid: {k: (v.timestamp() if k in TIMES and v is not None else v) for k, v in st.items()}
        for fid, st in states.items()
    }
    tmp = path.with_suffix(".tmp")
    try:
        tmp.write_text(json.dumps({"config": fingerprint(settings), "store": stamp, "feeds": rows}))
        tmp.replace(path)
    except OSError:  # only a cache: the next run opens the store instead
        pass


def restamp_schedule(settings: Settings) -> None:
    """After the caller wrote to the store without changing any feed's state (brand tagging),
    keep the cache valid by recording the store's new size and mtime."""
    path = schedule_path(settings)
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return
    stamp = store_stamp(settings)
    if stamp is None:
        path.unlink(missing_ok=True)
        return
    data["store"] = stamp
    try:
        path.write_text(json.dumps(data))
    except OSError:
        pass


def nothing_due(settings: Settings, now: dt.datetime) -> list[FeedOutcome] | None:
    """The run's outcomes when the schedule cache is valid and no feed is due; else None."""
    try:
        data = json.loads(schedule_path(settings).read_text())
    except (OSError, ValueError):
        return None
    if data.get("config") != fingerprint(settings) or data.get("store") != store_stamp(settings):
        return None
    states = {
        fid: {k: (dt.datetime.fromtimestamp(v, dt.UTC) if k in TIMES and v else v) for k, v in st.items()}
        for fid, st in data.get("feeds", {}).items()
    }
    if any(feed_id_for(f.url) not in states for f in settings.feeds):
        return None
    requests, skipped = plan(settings, list(settings.feeds), states, now, False)
    return None if requests else skipped
