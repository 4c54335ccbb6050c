"""`trendwatch demo`: the whole pipeline offline on a generated sector, in one command."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

NAME = "demo"
HELP = (
    "run the weekly flow offline on a generated demo sector (feeds served on 127.0.0.1) and show the digest"
)
EXAMPLE = "trendwatch demo --dir ./trendwatch-demo"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--dir",
        type=Path,
        default=Path("trendwatch-demo"),
        metavar="FOLDER",
        help="where the demo config, store and digest go (default: ./trendwatch-demo)",
    )
    p.add_argument("--language", choices=("fr", "en"), default="fr", help="digest language (default: fr)")
    p.add_argument(
        "--task-runner",
        choices=("thread", "dask"),
        default="thread",
        help="thread (default) or dask (local cluster)",
    )


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no telemetry calls from here
    from trendwatch.demo.runner import run_demo

    run_demo(args.dir, language=args.language, task_runner=args.task_runner)
    return 0
