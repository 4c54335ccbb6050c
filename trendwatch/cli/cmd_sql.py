"""`trendwatch sql`: ad-hoc SQL on a read-only connection to the store."""

from __future__ import annotations

import argparse
import sys

NAME = "sql"
HELP = (
    "run SQL on a read-only connection to the store (or a named example from sql/examples); "
    "it reads the store and nothing else unless --allow-files"
)
EXAMPLE = 'trendwatch --config trendwatch.toml sql "SELECT feed_id, count(*) FROM entry_feeds GROUP BY 1"'


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?", help="SQL text, or - to read it from standard input")
    p.add_argument("--example", metavar="NAME", help="run sql/examples/NAME.sql instead")
    p.add_argument("--list", action="store_true", help="list the example queries")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--max-width", type=int, default=60, help="cut table cells to this width")
    p.add_argument(
        "--allow-files",
        action="store_true",
        help="let the query read and write files, e.g. COPY (SELECT ...) TO 'out.parquet' "
        "(off by default: a query can then only read the store)",
    )


def run(args: argparse.Namespace) -> int:
    from trendwatch.cli.common import print_table, settings
    from trendwatch.errors import TrendwatchError
    from trendwatch.safe_text import clean_value
    from trendwatch.store.db import connect
    from trendwatch.store.sqlfiles import load_sql, sql_names
    from trendwatch.store.user_sql import run_user_query

    if args.list:
        for name in sql_names("examples"):
            first = load_sql(f"examples/{name}").splitlines()[0].lstrip("- ")
            print(f"{name:40s} {first}")
        return 0
    if args.example:
        query = load_sql(f"examples/{args.example}")
    elif args.query == "-":
        query = sys.stdin.read()
    elif args.query:
        query = args.query
    else:
        raise TrendwatchError("give a query, `-` to read it from stdin, --example NAME or --list")
    s = settings(args)
    con = connect(s.store_path, read_only=True, wait_s=s.store.lock_timeout_s, allow_files=args.allow_files)
    try:
        result = run_user_query(con, query)
        if result is None:
            return 0
        headers, rows = result
        if args.format == "json":  # tables and CSV are cleaned by print_table
            rows = [[clean_value(v) for v in row] for row in rows]
        print_table(headers, rows, fmt=args.format, max_width=args.max_width)
    finally:
        con.close()
    return 0
