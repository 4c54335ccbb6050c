"""The weekly deployment in deployments/prefect.yaml: a Prefect API schedules it on Mondays 07:00 Paris."""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PARIS = ZoneInfo("Europe/Paris")


def _spec() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "deployments" / "prefect.yaml").read_text(encoding="utf-8")))


def _weekly() -> dict[str, Any]:
    (weekly,) = [d for d in _spec()["deployments"] if d["name"] == "weekly"]
    return dict(weekly)


def test_the_wheel_ships_the_flows_package_and_the_deployment_file() -> None:
    import tomllib

    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]
    assert "flows" in build["targets"]["wheel"]["packages"]
    assert build["targets"]["wheel"]["force-include"]["deployments"] == "trendwatch/_deployments"


def test_next_runs_are_mondays_at_seven_in_paris() -> None:
    from flows.deploy import next_runs

    runs = next_runs("0 7 * * 1", "Europe/Paris", n=3, after=dt.datetime(2027, 3, 20, tzinfo=dt.UTC))
    local = [r.astimezone(PARIS) for r in runs]
    assert [(t.weekday(), t.hour) for t in local] == [(0, 7)] * 3
    assert [r.hour for r in runs] == [6, 5, 5]  # 29 March 2027: summer time begins


def test_yaml_points_at_the_weekly_flow_with_its_parameters() -> None:
    from prefect.flows import load_flow_from_entrypoint

    from flows.weekly import weekly_flow

    weekly = _weekly()
    # as a worker loads it: an import path resolved from the installed package, not a checkout file
    assert weekly["entrypoint"] == "flows.weekly:weekly_flow"
    assert load_flow_from_entrypoint(weekly["entrypoint"]).name == weekly_flow.name
    assert not _spec().get("pull")  # no pull step that needs a checkout or TRENDWATCH_HOME
    assert set(weekly["parameters"]) <= set(inspect.signature(weekly_flow.fn).parameters)
    (schedule,) = weekly["schedules"]
    assert (schedule["cron"], schedule["timezone"]) == ("0 7 * * 1", "Europe/Paris")


@pytest.mark.slow
@pytest.mark.parametrize(
    "start", [dt.datetime(2027, 3, 15, tzinfo=dt.UTC), dt.datetime(2027, 10, 18, tzinfo=dt.UTC)]
)
def test_scheduled_runs_fall_on_monday_7am_paris_across_dst(prefect_api: None, start: dt.datetime) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import DeploymentScheduleCreate
    from prefect.client.schemas.schedules import CronSchedule

    weekly = _weekly()
    (schedule,) = weekly["schedules"]
    with get_client(sync_client=True) as client:
        flow_id = client.create_flow_from_name("trendwatch-weekly")
        deployment_id = client.create_deployment(
            flow_id=flow_id,
            name=f"weekly-{start:%Y%m}",
            entrypoint=weekly["entrypoint"],
            parameters=weekly["parameters"],
            schedules=[
                DeploymentScheduleCreate(
                    schedule=CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"])
                )
            ],
        )
        stored = client.read_deployment(deployment_id)
        # Ask the server's scheduler to lay out the runs, as it does for a served deployment.
        response = client._client.post(
            f"/deployments/{deployment_id}/schedule",
            json={"start_time": start.isoformat(), "end_time": (start + dt.timedelta(weeks=5)).isoformat(),
                  "min_runs": 5, "max_runs": 5},
        )  # fmt: skip
        response.raise_for_status()
        from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
        from prefect.client.schemas.sorting import FlowRunSort

        runs = client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])),
            sort=FlowRunSort.EXPECTED_START_TIME_ASC,
            limit=20,
        )
    (stored_schedule,) = stored.schedules
    assert isinstance(stored_schedule.schedule, CronSchedule)
    assert (stored_schedule.schedule.cron, stored_schedule.schedule.timezone) == ("0 7 * * 1", "Europe/Paris")
    starts = sorted(r.expected_start_time for r in runs if r.expected_start_time)[:5]
    assert len(starts) == 5
    local = [s.astimezone(PARIS) for s in starts]
    assert all(t.weekday() == 0 and (t.hour, t.minute) == (7, 0) for t in local), local
    # The same 07:00 local time is 06:00 UTC in winter and 05:00 UTC in summer: both must appear.
    assert {s.astimezone(dt.UTC).hour for s in starts} == {5, 6}


def test_deploy_without_a_server_says_how_to_start_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from trendwatch.cli import main

    config = tmp_path / "trendwatch.toml"
    config.write_text('[[feeds]]\nurl = "feed.xml"\n', encoding="utf-8")
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    assert main(["--config", str(config), "deploy"]) == 2
    err = capsys.readouterr().err
    assert "prefect server start" in err and "PREFECT_API_URL" in err
