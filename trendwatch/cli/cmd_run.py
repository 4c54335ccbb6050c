"""`trendwatch run`: the weekly flow (ingest → digest → publish) through Prefect, with no server to start."""

from __future__ import annotations

import argparse

NAME = "run"
HELP = "run the weekly Prefect flow now: ingest, digest, publish (files, e-mail, webhook)"
EXAMPLE = "trendwatch --config trendwatch.toml run --week 2026-W10 --task-runner dask --dask-address tcp://10.0.0.5:8786"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--week",
        metavar="YYYY-Www",
        help="ISO week of the digest (default: the last complete week in [digest] timezone)",
    )
    p.add_argument("--force", action="store_true", help="fetch every feed even if fetched recently")
    p.add_argument(
        "--task-runner",
        choices=("thread", "dask"),
        default="thread",
        help="thread: feed batches one after another here (default); dask: batches on a Dask cluster",
    )
    p.add_argument(
        "--dask-address",
        metavar="ADDR",
        help="scheduler of an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (default: a local one)",
    )
    p.add_argument(
        "--batch-size",
        type=int,
        default=50,
        metavar="N",
        help="feeds per staged batch with --task-runner dask (default: 50)",
    )


def run(args: argparse.Namespace) -> int:
    from trendwatch.analysis.weeks import parse_week
    from trendwatch.cli.common import settings
    from trendwatch.errors import ConfigError
    from trendwatch.ingest import summary_line

    s = settings(args)  # fail fast, before Prefect starts, on a bad config
    if not s.feeds:
        raise ConfigError(
            "no feeds configured: add a [[feeds]] block with the url of a feed (or uncomment the "
            "example in the starter config), then run again.",
            path=str(args.config),
        )
    week = parse_week(args.week) if args.week else None
    if args.dask_address and args.task_runner != "dask":
        raise ConfigError("--dask-address needs --task-runner dask.")
    if args.batch_size < 1:
        raise ConfigError(f"--batch-size {args.batch_size}: expected at least 1.")
    from flows.weekly import weekly_flow  # sets Prefect's start-up wait before Prefect is imported

    result = weekly_flow(
        config=str(args.config.resolve()),
        week=week,
        force=args.force,
        task_runner=args.task_runner,
        dask_address=args.dask_address,
        batch_size=args.batch_size,
    )
    ingest = result["ingest"]
    print(f"feeds: {summary_line(ingest)}")
    for name, url, problem in ingest.get("failures", []):
        print(f"  needs attention: {name} ({url}): {problem}")
    for channel, outcome in result["delivery"].items():
        print(f"delivered by {channel}: {outcome}")
    for failure in result["delivery_failures"]:
        print(f"delivery failed: {failure}")
    if len(result["weeks_written"]) > 1:
        print(f"caught up on missed weeks: {', '.join(result['weeks_written'][:-1])}")
    print(f"digest {result['week']}: {result['files'].get('html') or next(iter(result['files'].values()))}")
    return int(result["exit_code"])
