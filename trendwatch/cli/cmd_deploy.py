"""`trendwatch deploy`: the weekly Prefect deployment on your Prefect server, and the pool it runs in.

The config file becomes the deployment's ``config`` parameter, as an absolute path: ``--config``,
else ``$TRENDWATCH_CONFIG``, else ``$TRENDWATCH_HOME/trendwatch.toml``, else ``./trendwatch.toml``.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from zoneinfo import ZoneInfo

NAME = "deploy"
HELP = (
    "create the Prefect work pool (if missing) and the weekly deployment on the server at "
    "PREFECT_API_URL, with this config file; prints the next runs and how to trigger one now"
)
EXAMPLE = "trendwatch --config /srv/trendwatch/trendwatch.toml deploy  # with PREFECT_API_URL set"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pool", metavar="NAME", help="work pool (default: the one in the deployment file)")
    p.add_argument(
        "--spec",
        type=Path,
        metavar="FILE",
        help="deployment file (default: deployments/prefect.yaml, packaged with trendwatch)",
    )


def run(args: argparse.Namespace) -> int:
    from trendwatch.cli.common import settings
    from trendwatch.config import DEFAULT_CONFIG, default_config_path
    from trendwatch.errors import ConfigError

    home = os.environ.get("TRENDWATCH_HOME")
    if home and not os.environ.get("TRENDWATCH_CONFIG") and args.config == default_config_path():
        args.config = Path(home) / DEFAULT_CONFIG  # the folder holding trendwatch.toml, as before
    settings(args)  # a config the flow can read, before anything is created
    if not os.environ.get("PREFECT_API_URL"):
        raise ConfigError(
            "PREFECT_API_URL is not set: a schedule needs a running Prefect server (Prefect's "
            "temporary API cannot schedule). Fix: start `prefect server start`, then "
            "`export PREFECT_API_URL=http://127.0.0.1:4200/api` and deploy again."
        )
    from flows.deploy import deploy_weekly

    done = deploy_weekly(args.config, spec=args.spec, pool=args.pool)
    zone = ZoneInfo(done.timezone)
    print(f"work pool {done.pool}: {'created' if done.pool_created else 'already there'}")
    print(f"deployment {done.name} ({done.deployment_id}), config {args.config.resolve()}")
    print("next runs:")
    for when in done.next_runs:
        here = when.astimezone()
        print(f"  {when.astimezone(zone):%a %Y-%m-%d %H:%M} {done.timezone} ({here:%H:%M %Z} here)")
    print(f"start a worker:  prefect worker start --pool {done.pool}")
    print(f"run it now:      {done.run_command()}")
    return 0
