"""The weekly flow: ingest → digest (catching up missed weeks) → publish (files, Prefect artifacts,
e-mail, chat webhook).

Deliveries run after the files are written and are retried on temporary failures (a 503, an
SMTP 4xx, a refused connection) but not on permanent ones (404, bad password); a delivery that
still fails is reported in the flow's result and logs, and the digest files stay where they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task

from flows.digest import publish_artifacts, write_digests_task
from flows.ingest import ingest_flow
from flows.retry import retry_if_transient
from flows.settings import settings_for
from trendwatch.config import default_config_path
from trendwatch.errors import ConfigError
from trendwatch.ingest.report import EXIT_NEEDS_ATTENTION
from trendwatch.publish import email_configured, email_files, webhook_files, webhook_url
from trendwatch.publish_week import CATCH_UP_WEEKS

DELIVERY_RETRIES = 3
DELIVERY_RETRY_DELAYS_S = [30.0, 120.0, 600.0]


@task(name="email-digest", retries=DELIVERY_RETRIES, retry_delay_seconds=DELIVERY_RETRY_DELAYS_S,
      retry_condition_fn=retry_if_transient)  # fmt: skip
def email_task(config: str, files: dict[str, str]) -> list[str]:
    """Send the HTML digest to ``[publish] email_to``; returns the recipients accepted."""
    accepted = email_files(settings_for(config), {k: Path(v) for k, v in files.items()})
    get_run_logger().info("digest e-mailed to %d recipient(s)", len(accepted))
    return accepted


@task(name="webhook-digest", retries=DELIVERY_RETRIES, retry_delay_seconds=DELIVERY_RETRY_DELAYS_S,
      retry_condition_fn=retry_if_transient)  # fmt: skip
def webhook_task(config: str, files: dict[str, str]) -> int:
    """Post the short summary with a link to the chat webhook; returns the HTTP status."""
    status = webhook_files(settings_for(config), {k: Path(v) for k, v in files.items()})
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
            raise ConfigError("--task-runner dask needs prefect-dask: pip install 'trendwatch[dask]'.") from e
        if dask_address:
            return DaskTaskRunner(address=dask_address)
        # One thread per worker process: each batch gets its own process and DuckDB handle.
        return DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "processes": True})
    raise ConfigError(f"--task-runner {task_runner!r} is not known. Fix: use 'thread' or 'dask'.")


@flow(name="trendwatch-weekly")
def weekly_flow(
    config: str | None = None,
    week: str | None = None,
    force: bool = False,
    task_runner: str = "thread",
    dask_address: str | None = None,
    batch_size: int = 50,
    catch_up: int = CATCH_UP_WEEKS,
) -> dict[str, Any]:
    """Ingest the feeds (and Trends), write the week's digest and calendar (and those a missed run
    left unwritten), show it in the UI, then deliver it as configured.

    ``config``: the config file (default: ``$TRENDWATCH_CONFIG`` or ``./trendwatch.toml`` where the
    flow runs). The result has ``exit_code``: 0, or 3 when feeds need attention or a delivery failed.
    """
    config = str(Path(config or default_config_path()).resolve())
    ingest = ingest_flow.with_options(task_runner=task_runner_for(task_runner, dask_address))
    ingest_summary = ingest(config, force=force, batch_size=batch_size, parallel=task_runner != "thread")
    written = write_digests_task(config, week, catch_up)
    files = written[-1]["files"]
    publish_artifacts(files)
    result: dict[str, Any] = {"week": written[-1]["week"], "files": files,
                              "weeks_written": [w["week"] for w in written], "ingest": ingest_summary,
                              "delivery": {}, "delivery_failures": []}  # fmt: skip
    settings = settings_for(config)
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
            get_run_logger().error("%s delivery failed; the digest files are kept in place: %s",
                                   channel, error)  # fmt: skip
            result["delivery_failures"].append(f"{channel}: {error}")
    delivery_code = EXIT_NEEDS_ATTENTION if result["delivery_failures"] else 0
    result["exit_code"] = max(int(ingest_summary.get("exit_code", 0)), delivery_code)
    get_run_logger().info("digest %s written: %s", result["week"],
                          files.get("html") or next(iter(files.values())))  # fmt: skip
    return result
