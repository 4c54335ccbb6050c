"""`trendwatch sql`: ad-hoc SQL on a read-only connection to the store."""

from __future__ import annotations

import argparse
import sys

NAME = "sql"
HELP = "run SQL on a read-only connection to the store (or a named example from sql/examples)"
EXAMPLE = 'trendwatch --config trendwatch.toml sql "SELECT feed_id, count(*) FROM entry_feeds GROUP BY 1"'


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?", help="SQL text, or - to read it from standard input")
    p.add_argument("--example", metavar="NAME", help="run sql/examples/NAME.sql instead")
    p.add_argument("--list", action="store_true", help="list the example queries")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--max-width", type=int, default=60, help="cut table cells to this width")


def run(args: argparse.Namespace) -> int:
    import duckdb

    from trendwatch.cli.common import print_table, settings
    from trendwatch.errors import StoreError, TrendwatchError
    from trendwatch.store.db import connect
    from trendwatch.store.sqlfiles import load_sql, sql_names

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
    con = connect(s.store_path, read_only=True)
    try:
        try:
            cur = con.execute(query)
        except duckdb.Error as e:
            hint = (
                " The store is opened read-only: use the Python API to change it."
                if "read-only" in str(e)
                else ""
            )
            raise StoreError(f"{e}{hint}") from e
        if cur.description is None:
            return 0
        headers = [d[0] for d in cur.description]
        print_table(headers, cur.fetchall(), fmt=args.format, max_width=args.max_width)
    finally:
        con.close()
    return 0
