"""The weekly flow: ingest → digest → publish (files, Prefect artifacts, e-mail, chat webhook).

Deliveries run after the files are written and are retried on temporary failures (a 503, an
SMTP 4xx, a refused connection) but not on permanent ones (404, bad password); a delivery that
still fails is reported in the flow's result and logs, and the digest files stay where they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task

from flows.digest import digest_flow, week_of
from flows.ingest import ingest_flow
from flows.retry import retry_if_transient

DELIVERY_RETRIES = 3
DELIVERY_RETRY_DELAYS_S = [30.0, 120.0, 600.0]


@task(name="email-digest", retries=DELIVERY_RETRIES, retry_delay_seconds=DELIVERY_RETRY_DELAYS_S,
      retry_condition_fn=retry_if_transient)  # fmt: skip
def email_task(config: str, files: dict[str, str]) -> list[str]:
    """Send the HTML digest to ``[publish] email_to``; returns the recipients accepted."""
    from trendwatch.config import load_settings
    from trendwatch.publish import email_files

    accepted = email_files(load_settings(config), {k: Path(v) for k, v in files.items()})
    get_run_logger().info("digest e-mailed to %d recipient(s)", len(accepted))
    return accepted


@task(name="webhook-digest", retries=DELIVERY_RETRIES, retry_delay_seconds=DELIVERY_RETRY_DELAYS_S,
      retry_condition_fn=retry_if_transient)  # fmt: skip
def webhook_task(config: str, files: dict[str, str]) -> int:
    """Post the short summary with a link to the chat webhook; returns the HTTP status."""
    from trendwatch.config import load_settings
    from trendwatch.publish import webhook_files

    status = webhook_files(load_settings(config), {k: Path(v) for k, v in files.items()})
    get_run_logger().info("digest summary posted to the webhook (HTTP %d)", status)
    return status


def task_runner_for(task_runner: str, dask_address: str | None = None) -> Any:
    """A Prefect task runner by name: ``thread`` (default) or ``dask`` (an address, else a local cluster)."""
    if task_runner == "thread":
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner()
    if task_runner == "dask":
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError as e:
            from trendwatch.errors import ConfigError

            raise ConfigError("--task-runner dask needs prefect-dask: pip install 'trendwatch[dask]'.") from e
        if dask_address:
            return DaskTaskRunner(address=dask_address)
        # One thread per worker process: each batch gets its own process and DuckDB handle.
        return DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "processes": True})
    from trendwatch.errors import ConfigError

    raise ConfigError(f"--task-runner {task_runner!r} is not known. Fix: use 'thread' or 'dask'.")


@flow(name="trendwatch-weekly")
def weekly_flow(
    config: str = "trendwatch.toml",
    week: str | None = None,
    force: bool = False,
    task_runner: str = "thread",
    dask_address: str | None = None,
    batch_size: int = 50,
) -> dict[str, Any]:
    """Ingest the feeds (and Trends), build and write the week's digest, then deliver it as configured."""
    from trendwatch.config import load_settings
    from trendwatch.publish import email_configured, webhook_url

    logger = get_run_logger()
    config = str(Path(config).resolve())
    parallel = task_runner != "thread"
    ingest = ingest_flow.with_options(task_runner=task_runner_for(task_runner, dask_address))
    ingest_summary = ingest(config, force=force, batch_size=batch_size, parallel=parallel)
    files = digest_flow(config, week)
    result: dict[str, Any] = {"week": week_of(files), "files": files, "ingest": ingest_summary,
                              "delivery": {},
                              "delivery_failures": []}  # fmt: skip
    settings = load_settings(config)
    deliveries: list[tuple[str, Any]] = []
    if email_configured(settings):
        deliveries.append(("email", email_task))
    if webhook_url(settings):
        deliveries.append(("webhook", webhook_task))
    for channel, delivery in deliveries:
        state = delivery(config, files, return_state=True)
        if state.is_completed():
            result["delivery"][channel] = state.result()
        else:
            error = state.result(raise_on_failure=False)
            logger.error("%s delivery failed; the digest files are kept in place: %s", channel, error)
            result["delivery_failures"].append(f"{channel}: {error}")
    logger.info("digest %s written: %s", result["week"], files.get("html") or next(iter(files.values())))
    return result
