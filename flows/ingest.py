"""The ingest flow: every configured feed in one task (one ``run_ingest`` call: one strike per run,
the same summary and exit code as ``trendwatch ingest``), brand tagging, then Google Trends.

Feeds that fail for a passing reason (503, 429, timeout, no answer) are tried again inside that
one call after ``retry_delays`` (logged at INFO); only the last try is written, so a dead feed
gets one strike per run whatever the retries. With a Dask task runner (``parallel``), batches are
fetched and parsed on the workers into staged files, then stored by one task here.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger, task
from prefect.futures import PrefectFuture

from flows.settings import settings_for
from trendwatch.cm.brand import tag_brand_mentions
from trendwatch.ingest import feed_batches, merge_summaries, prepare_store, run_ingest, stage, store_staged
from trendwatch.ingest.report import summary_line
from trendwatch.messages import Note
from trendwatch.store.trends_writes import ingest_trends

INGEST_RETRY_DELAYS_S = [10.0, 60.0]  # a 503 or a timeout often passes within a minute


def _log_summary(summary: dict[str, Any]) -> None:
    logger = get_run_logger()
    logger.info("feeds: %s", summary_line(summary))
    for name, url, error in summary["failures"]:
        logger.warning("feed %s (%s): %s", name, url, error)


@task(name="ingest-feeds")
def ingest_feeds(config: str, force: bool = False, retry_delays: list[float] | None = None) -> dict[str, Any]:
    """Fetch, parse and store every due feed in one run; returns its summary (with ``exit_code``)."""
    delays = INGEST_RETRY_DELAYS_S if retry_delays is None else retry_delays
    summary = run_ingest(settings_for(config), force=force, retry_delays=delays,
                         log=get_run_logger().info).summary()  # fmt: skip
    _log_summary(summary)
    return summary


@task(name="tag-brand")
def tag_brand(config: str) -> int:
    """Tag brand mentions in the entries just stored (nothing when ``[brand]`` is empty)."""
    return tag_brand_mentions(settings_for(config))


@task(name="stage-batch", retries=1, retry_delay_seconds=10, task_run_name="stage-batch-{index}")
def stage_batch(config: str, urls: list[str], index: int = 0, force: bool = False) -> str:
    """Fetch and parse one batch without writing the store (runs on any worker); returns the staged file."""
    staged = stage(settings_for(config, parallel=True), urls, force=force)
    get_run_logger().info(
        "batch %s: %s", index,
        Note("ingest.staged", {"fetched": staged.fetched, "skipped": staged.skipped,
                               "file": staged.path.name}).render("en"),
    )  # fmt: skip
    return str(staged.path)


@task(name="store-staged")
def store_staged_task(config: str, paths: list[str]) -> dict[str, Any]:
    """Write the staged batches to the store, in this process: the one DuckDB writer."""
    summary = store_staged(settings_for(config), paths).summary()
    _log_summary(summary)
    return summary


@task(name="ingest-trends")
def ingest_trends_task(config: str) -> dict[str, Any]:
    """Google Trends for the configured keywords (its own budget and back-off; never raises for Google)."""
    report = ingest_trends(settings_for(config))
    for failure in report.failures:
        get_run_logger().warning("trends: %s", failure)
    return {"requests_made": report.requests_made, "from_cache": report.from_cache,
            "failures": list(report.failures)}  # fmt: skip


def _ingest_parallel(config: str, force: bool, batch_size: int) -> dict[str, Any]:
    """Batches fetched and parsed at once on the workers, stored by one task here."""
    settings = settings_for(config)
    prepare_store(settings)
    batches = feed_batches(settings, size=batch_size)
    futures: list[PrefectFuture] = [
        stage_batch.submit(config, urls, index=i, force=force) for i, urls in enumerate(batches)
    ]
    paths: list[str] = []
    lost: list[dict[str, Any]] = []
    for urls, future in zip(batches, futures, strict=True):
        state = future.wait() or future.state
        if state.is_completed():
            paths.append(state.result())
        else:
            error = str(state.result(raise_on_failure=False))
            get_run_logger().error("batch of %d feeds failed: %s", len(urls), error)
            lost.append({"feeds_failed": len(urls), "failures": [[u, u, error] for u in urls]})
    return merge_summaries([store_staged_task(config, paths), *lost])


@flow(name="trendwatch-ingest")
def ingest_flow(
    config: str,
    force: bool = False,
    batch_size: int = 50,
    parallel: bool = False,
    retry_delays: list[float] | None = None,
) -> dict[str, Any]:
    """Ingest every configured feed, tag brand mentions, then Google Trends when ``[trends] enabled``.

    ``parallel`` (for a Dask task runner): batches of ``batch_size`` feeds are fetched and parsed
    on the workers, then stored by one task; otherwise one task ingests every feed in this process.
    """
    if parallel:
        result = _ingest_parallel(config, force, batch_size)
    else:
        result = ingest_feeds(config, force=force, retry_delays=retry_delays)
    tag_brand(config)
    if settings_for(config).trends.enabled:
        result["trends"] = ingest_trends_task(config)
    return result
