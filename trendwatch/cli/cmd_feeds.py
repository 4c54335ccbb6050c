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
    from trendwatch.cli.common import print_table, settings
    from trendwatch.safe_text import clean_value
    from trendwatch.store.db import connect

    s = settings(args)
    con = connect(s.store_path, read_only=s.store_path.exists(), wait_s=s.store.lock_timeout_s)
    try:
        where = "" if args.all else "WHERE active"
        cur = con.execute(
            # an unnamed feed shows its own title, then its URL
            "SELECT coalesce(s.name, nullif(trim(f.title), ''), s.url) AS feed, s.last_fetch_at, "
            "s.last_status, s.last_outcome AS outcome, s.entries, s.consecutive_failures AS failures, "
            "s.retry_after, s.gone, s.last_error "
            f"FROM feed_status s JOIN feeds f USING (feed_id) {where.replace('active', 's.active')} "
            "ORDER BY feed"
        )
        headers = [d[0] for d in cur.description]
        rows = cur.fetchall()
        if args.format == "json":  # tables and CSV are cleaned by print_table
            rows = [[clean_value(v) for v in row] for row in rows]
        print_table(headers, rows, fmt=args.format)
    finally:
        con.close()
    return 0
