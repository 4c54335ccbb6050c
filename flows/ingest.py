"""The ingest flow: configured feeds in batches (one task per batch, not per feed), then Google Trends.

Each task takes the config path and a list of URLs, calls :func:`trendwatch.ingest.run_ingest`
and returns a small summary. A batch where some feeds failed for a passing reason (503, 429,
timeout, no answer) is retried after a delay; feeds already stored are not fetched again on the
retry (``[fetch] min_interval_minutes``). A 404 or a broken feed is reported, never retried.
Brand mentions are tagged by ``run_ingest`` itself after each batch when ``[brand]`` is set.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.futures import PrefectFuture

from flows.retry import TransientFeedFailures, failed_is_transient, retry_if_transient

INGEST_RETRIES = 2
INGEST_RETRY_DELAYS_S = [10.0, 60.0]  # a 503 or a timeout often passes within a minute
PARALLEL_LOCK_WAIT_S = 600.0  # batches on Dask workers wait their turn to write the store

# What earlier attempts of a task run stored and what they left to retry (retries run in the same
# process), by task run id.
_EARLIER: dict[str, dict[str, Any]] = {}


def _settings(config: str, parallel: bool = False) -> Any:
    from trendwatch.config import load_settings

    settings = load_settings(config)
    if parallel and settings.store.lock_timeout_s < PARALLEL_LOCK_WAIT_S:
        # Several processes share one DuckDB file: each batch waits for the writer before it.
        store = dataclasses.replace(settings.store, lock_timeout_s=PARALLEL_LOCK_WAIT_S)
        settings = dataclasses.replace(settings, store=store)
    return settings


def summarise(report: Any) -> dict[str, Any]:
    """The small, JSON-able summary of an IngestReport that tasks return."""
    return {
        "feeds_ok": report.feeds_ok,
        "feeds_not_modified": report.feeds_not_modified,
        "feeds_failed": report.feeds_failed,
        "feeds_skipped": report.feeds_skipped,
        "entries_new": report.entries_new,
        "entries_known": report.entries_known,
        "failures": report_failures(report),
    }


def report_failures(report: Any) -> list[list[str]]:
    """[feed name, url, error, feed id] of each feed that failed, is backing off or is gone."""
    return [
        [o.name, o.url, o.error or o.outcome, o.feed_id]
        for o in report.outcomes
        if o.outcome in ("failed", "backing_off", "gone")
    ]


def transient_urls(report: Any, batch: list[str]) -> list[str]:
    """Configured URLs of the batch's feeds that failed for a reason that may pass (503, 429, timeout,
    no answer) and whose server did not ask us to wait (Retry-After: the next run honours it)."""
    from trendwatch.sources.model import feed_id_for

    configured = {feed_id_for(u): u for u in batch}
    out = []
    for o in report.outcomes:
        if o.outcome != "failed" or o.retry_after is not None or o.feed_id not in configured:
            continue
        no_answer = o.status is None and o.url.lower().startswith(("http://", "https://"))
        if no_answer or failed_is_transient(o.status, None):
            out.append(configured[o.feed_id])
    return out


def merge_attempts(earlier: dict[str, Any], last: dict[str, Any]) -> dict[str, Any]:
    """One summary for a batch tried several times (the later attempt re-fetched only what failed)."""
    out = dict(earlier)
    for key, value in last.items():
        out[key] = out.get(key, []) + value if key == "failures" else out.get(key, 0) + value
    return out


def without_failures(summary: dict[str, Any], feed_ids: set[str]) -> dict[str, Any]:
    """``summary`` minus the failures of the feeds being retried."""
    out = dict(summary)
    out["failures"] = [f for f in summary["failures"] if f[3] not in feed_ids]
    out["feeds_failed"] = summary["feeds_failed"] - (len(summary["failures"]) - len(out["failures"]))
    return out


@task(
    name="ingest-batch",
    retries=INGEST_RETRIES,
    retry_delay_seconds=INGEST_RETRY_DELAYS_S,
    retry_condition_fn=retry_if_transient,
    task_run_name="ingest-batch-{index}",
)
def ingest_batch(
    config: str, urls: list[str], index: int = 0, force: bool = False, parallel: bool = False
) -> dict:
    """Fetch, parse and store one batch of feeds; retried while some fail transiently."""
    from prefect.runtime import task_run

    from trendwatch.ingest import run_ingest
    from trendwatch.sources.model import feed_id_for

    logger = get_run_logger()
    run_id, attempt = str(task_run.id), int(task_run.run_count or 1)
    earlier = _EARLIER.pop(run_id, None) if attempt > 1 else None
    settings = _settings(config, parallel)
    if earlier:  # a retry fetches again only what failed transiently, even if it was fresh before
        report = run_ingest(settings, force=True, feed_urls=earlier["retry"])
    else:
        report = run_ingest(settings, force=force, feed_urls=urls)
    summary = summarise(report)
    logger.info(
        "batch %s: %s ok, %s unchanged, %s failed, %s new entries",
        index, report.feeds_ok, report.feeds_not_modified, report.feeds_failed, report.entries_new,
    )  # fmt: skip
    if earlier:
        summary = merge_attempts(earlier["summary"], summary)
    transient = transient_urls(report, urls)
    if transient and attempt <= INGEST_RETRIES:
        retried = {feed_id_for(u) for u in transient}
        _EARLIER[run_id] = {"summary": without_failures(summary, retried), "retry": transient}
        raise TransientFeedFailures(transient)
    for name, url, error, _feed_id in report_failures(report):
        logger.warning("feed %s (%s): %s", name, url, error)
    return {**summary, "failures": [f[:3] for f in summary["failures"]]}


@task(name="stage-batch", retries=1, retry_delay_seconds=10, task_run_name="stage-batch-{index}")
def stage_batch(config: str, urls: list[str], index: int = 0, force: bool = False) -> str:
    """Fetch and parse one batch without writing the store (runs on any worker); returns the staged file."""
    from trendwatch.ingest import fetch_and_parse

    path = fetch_and_parse(_settings(config), urls, force=force)
    get_run_logger().info("batch %s: %d feeds fetched and parsed into %s", index, len(urls), path.name)
    return str(path)


@task(name="store-staged")
def store_staged_task(config: str, paths: list[str]) -> dict:
    """Write the staged batches to the store, in this process: the one DuckDB writer."""
    from trendwatch.ingest import store_staged

    logger = get_run_logger()
    report = store_staged(_settings(config), paths)
    logger.info("stored %d staged batch(es): %s new entries", len(paths), report.entries_new)
    for name, url, error, _feed_id in report_failures(report):
        logger.warning("feed %s (%s): %s", name, url, error)
    summary = summarise(report)
    return {**summary, "failures": [f[:3] for f in summary["failures"]]}


@task(name="ingest-trends")
def ingest_trends_task(config: str) -> dict:
    """Google Trends for the configured keywords (its own budget and back-off; never raises for Google)."""
    logger = get_run_logger()
    try:
        from trendwatch.sources.trends import ingest_trends
    except ImportError:
        logger.warning("Google Trends support is not installed in this version; skipped.")
        return {"skipped": True}
    report = ingest_trends(_settings(config))
    for failure in report.failures:
        logger.warning("trends: %s", failure)
    return {
        "requests_made": report.requests_made,
        "from_cache": report.from_cache,
        "failures": list(report.failures),
    }


def _merge(summaries: list[dict]) -> dict[str, Any]:
    total: dict[str, Any] = {"batches": len(summaries), "failures": []}
    for s in summaries:
        for key, value in s.items():
            if key == "failures":
                total["failures"].extend(value)
            elif isinstance(value, int):
                total[key] = total.get(key, 0) + value
    return total


@flow(name="trendwatch-ingest")
def ingest_flow(config: str, force: bool = False, batch_size: int = 50, parallel: bool = False) -> dict:
    """Ingest every configured feed in batches, then Google Trends when ``[trends] enabled``.

    ``parallel`` (for a Dask task runner): every batch is fetched and parsed at once on the workers
    into staged files, then stored by one task here; otherwise batches run one after another in
    this process, each fetching, parsing and storing (with transient-failure retries).
    """
    from trendwatch.ingest import feed_batches

    logger = get_run_logger()
    settings = _settings(config)
    batches = feed_batches(settings, size=batch_size)
    logger.info("%d feeds in %d batch(es) of up to %d", len(settings.feeds), len(batches), batch_size)
    summaries: list[dict] = []
    if parallel:
        # Workers fetch and parse into staged files at once; one task here writes the store
        # (DuckDB has one writer), so fetching scales out and writing never waits for a lock.
        from trendwatch.ingest import prepare_store

        prepare_store(settings)
        futures: list[PrefectFuture] = [
            stage_batch.submit(config, urls, index=i, force=force) for i, urls in enumerate(batches)
        ]
        paths: list[str] = []
        for i, f in enumerate(futures):
            state = f.wait() or f.state
            if state.is_completed():
                paths.append(state.result())
            else:
                summaries.append(_result_or_failure(state, batches[i], logger))
        summaries.append(store_staged_task(config, paths))
    else:
        for i, urls in enumerate(batches):
            state = ingest_batch(config, urls, index=i, force=force, return_state=True)
            summaries.append(_result_or_failure(state, urls, logger))
    result = _merge(summaries)
    if settings.trends.enabled:
        result["trends"] = ingest_trends_task(config)
    return result


def _result_or_failure(state: Any, urls: list[str], logger: Any) -> dict:
    """A batch's summary, or one failure line per URL when the batch failed for good."""
    if state.is_completed():
        return state.result()
    exc = state.result(raise_on_failure=False)
    logger.error("batch of %d feeds failed: %s", len(urls), exc)
    if isinstance(exc, TransientFeedFailures):
        return {"feeds_failed": len(exc.urls), "failures": [[u, u, "failed after retries"] for u in exc.urls]}
    return {"feeds_failed": len(urls), "failures": [[u, u, str(exc)] for u in urls]}
