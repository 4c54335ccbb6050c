"""The plan of a run: which feeds to fetch now, which to skip (gone, backing off, fresh), and what
a fetch result means for a feed's state (its entries, or one more strike and its back-off)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from trendwatch.config import FeedConfig, Settings
from trendwatch.errors import ParseError
from trendwatch.ingest.report import FeedOutcome
from trendwatch.sources.model import FetchRequest, FetchResult, feed_id_for
from trendwatch.store.writes import FeedUpdate

DEFAULT_BATCH_SIZE = 50  # feeds per staged batch (feed_batches) on a Dask cluster


def feed_batches(settings: Settings, size: int = DEFAULT_BATCH_SIZE) -> list[list[str]]:
    """The configured feed URLs cut into batches (one staged batch each on a Dask cluster)."""
    urls = [f.url.strip() for f in settings.feeds]
    return [urls[i : i + size] for i in range(0, len(urls), size)]


def is_local(url: str) -> bool:
    """A feed read from a file rather than fetched over HTTP."""
    return not url.lower().startswith(("http://", "https://"))


def plan(
    settings: Settings,
    feeds: Sequence[FeedConfig],
    states: dict[str, dict[str, Any]],
    now: dt.datetime,
    force: bool,
) -> tuple[list[FetchRequest], list[FeedOutcome]]:
    """Conditional GETs for the feeds due now, and the outcome of each feed skipped."""
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
                    FeedOutcome(fid, name, url, "gone", st.get("last_status"),
                                error="the publisher answered 410 Gone: remove this feed from the "
                                "config (or run `ingest --force` to try it again)")
                )  # fmt: skip
                continue
            retry = st.get("retry_after")
            if retry and retry > now:
                skipped.append(
                    FeedOutcome(fid, name, url, "backing_off", st.get("last_status"),
                                error=f"backing off until {retry:%Y-%m-%d %H:%M} UTC after "
                                f"{st.get('consecutive_failures', 0)} failure(s): {st.get('last_error')}",
                                retry_after=retry)
                )  # fmt: skip
                continue
            last_ok = st.get("last_ok_at")
            if last_ok and last_ok > fresh_after and not is_local(url):
                skipped.append(FeedOutcome(fid, name, url, "fresh", st.get("last_status")))
                continue
        requests.append(FetchRequest(fid, url, st.get("etag"), st.get("last_modified")))
    return requests, skipped


def backoff(settings: Settings, failures: int, now: dt.datetime, result: FetchResult) -> dt.datetime | None:
    """Until when a feed that failed ``failures`` times in a row is left alone (None: try next run)."""
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
    """Turn a fetch result into a feed update: parse the body, or record the failure and back-off
    (one more strike on the feed's state as it was when the run started)."""
    # imported here: a run with nothing due (the schedule cache) never loads the parsers
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
    u.retry_after = backoff(settings, u.consecutive_failures, result.started_at, result)
    return u
