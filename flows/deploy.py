"""Create the weekly deployment on a Prefect server, as ``deployments/prefect.yaml`` declares it.

The worker imports the flow from its own environment (``flows.weekly:weekly_flow``, installed with
trendwatch), so there is no pull step and no checkout to find: the config file is a deployment
parameter, an absolute path fixed at deploy time (overridable per run).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import DeploymentScheduleCreate, WorkPoolCreate
from prefect.client.schemas.schedules import CronSchedule
from prefect.exceptions import ObjectNotFound
from prefect.utilities.callables import parameter_schema

from flows.weekly import weekly_flow
from trendwatch.errors import ConfigError

FLOW_NAME = "trendwatch-weekly"
SPEC_NAME = "prefect.yaml"


def default_spec() -> Path:
    """``deployments/prefect.yaml``: from the checkout, else the copy packaged in the wheel."""
    checkout = Path(__file__).resolve().parents[1] / "deployments" / SPEC_NAME
    if checkout.is_file():
        return checkout
    return Path(str(resources.files("trendwatch").joinpath("_deployments", SPEC_NAME)))


@dataclass(slots=True)
class Deployed:
    """What :func:`deploy_weekly` did: the deployment's full name, its pool, the next runs."""

    name: str
    deployment_id: str
    pool: str
    pool_created: bool
    timezone: str
    next_runs: list[dt.datetime] = field(default_factory=list)

    def run_command(self) -> str:
        """The command that triggers a run now."""
        return f"prefect deployment run '{self.name}'"


def read_spec(path: Path, name: str = "weekly") -> dict[str, Any]:
    """The deployment called ``name`` in a prefect.yaml."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(f"can't read the deployment file {path}: {e}. Fix: pass --spec FILE.") from e
    found = [d for d in (doc or {}).get("deployments", []) if d.get("name") == name]
    if not found:
        raise ConfigError(f"no deployment named {name!r} in {path}. Fix: add it, or pass --spec FILE.")
    return dict(found[0])


def next_runs(cron: str, timezone: str, n: int = 3, after: dt.datetime | None = None) -> list[dt.datetime]:
    """The next ``n`` times the schedule fires, computed as Prefect's scheduler does (in its zone)."""
    from prefect.server.schemas.schedules import CronSchedule as ServerCron

    start = after or dt.datetime.now(dt.UTC)
    dates = asyncio.run(ServerCron(cron=cron, timezone=timezone).get_dates(n=n, start=start))
    return [dt.datetime.fromtimestamp(d.timestamp(), dt.UTC) for d in dates]


def deploy_weekly(config: Path, *, spec: Path | None = None, pool: str | None = None) -> Deployed:
    """Create the work pool when missing (type ``process``) and create or update the deployment,
    with ``config`` (made absolute) as its ``config`` parameter. Needs ``PREFECT_API_URL``."""
    weekly = read_spec(spec or default_spec())
    pool = pool or weekly.get("work_pool", {}).get("name") or "trendwatch"
    (schedule,) = weekly["schedules"]
    parameters = {**weekly.get("parameters", {}), "config": str(Path(config).resolve())}
    created = False
    with get_client(sync_client=True) as client:
        try:
            client.read_work_pool(pool)
        except ObjectNotFound:
            from prefect.workers.process import ProcessWorker

            template = ProcessWorker.get_default_base_job_template()
            client.create_work_pool(WorkPoolCreate(name=pool, type="process", base_job_template=template))
            created = True
        flow_id = client.create_flow_from_name(FLOW_NAME)
        deployment_id = client.create_deployment(
            flow_id=flow_id,
            name=weekly["name"],
            entrypoint=weekly["entrypoint"],
            description=weekly.get("description"),
            tags=list(weekly.get("tags", [])),
            concurrency_limit=weekly.get("concurrency_limit"),
            parameters=parameters,
            parameter_openapi_schema=parameter_schema(weekly_flow.fn).model_dump(),
            work_pool_name=pool,
            work_queue_name=weekly.get("work_pool", {}).get("work_queue_name") or "default",
            schedules=[
                DeploymentScheduleCreate(
                    schedule=CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"]),
                    active=bool(schedule.get("active", True)),
                )
            ],
            pull_steps=[],
        )
    return Deployed(
        name=f"{FLOW_NAME}/{weekly['name']}",
        deployment_id=str(deployment_id),
        pool=pool,
        pool_created=created,
        timezone=schedule["timezone"],
        next_runs=next_runs(schedule["cron"], schedule["timezone"]),
    )
