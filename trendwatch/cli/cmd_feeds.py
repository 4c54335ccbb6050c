"""`trendwatch feeds`: each feed's state."""

from __future__ import annotations

import argparse

NAME = "feeds"
HELP = "each feed's state: last fetch, HTTP status, entries, last error"
EXAMPLE = "trendwatch --config trendwatch.toml feeds --format csv > feeds.csv"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--all", action="store_true", help="include feeds no longer in the config")


def run(args: argparse.Namespace) -> int:
    from dataclasses import astuple

    from trendwatch.cli.common import print_table, settings
    from trendwatch.safe_text import clean_value
    from trendwatch.store import open_store
    from trendwatch.store.feeds_store import FEED_STATE_COLUMNS, feed_states

    s = settings(args)
    with open_store(s.store_path, read_only=s.store_path.exists(), wait_s=s.store.lock_timeout_s) as con:
        states = feed_states(con, include_inactive=args.all)
    rows = [list(astuple(f)) for f in states]
    if args.format == "json":  # tables and CSV are cleaned by print_table
        rows = [[clean_value(v) for v in row] for row in rows]
    print_table(FEED_STATE_COLUMNS, rows, fmt=args.format)
    return 0
