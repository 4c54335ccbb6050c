"""`trendwatch trends`: fetch Google Trends now and summarise, or show what is stored."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from trendwatch.messages import Note

if TYPE_CHECKING:
    from trendwatch.config import Settings
    from trendwatch.store.connection import Connection

NAME = "trends"
HELP = "fetch Google Trends now ([trends] keywords) and print a summary; --show prints stored curves"
EXAMPLE = "trendwatch --config trendwatch.toml trends --show --week 2022-W08"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--show", action="store_true", help="don't fetch: print the stored weekly curves")
    p.add_argument(
        "--week", metavar="YYYY-Www", help="with --show: that week's search demand (rising queries...)"
    )
    p.add_argument(
        "--recompute", metavar="RUN_ID", help="store again from the raw answers RUN_ID saved (no request)"
    )
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")


def _show(con: Connection, s: Settings, args: argparse.Namespace) -> int:
    from trendwatch.analysis.search_demand import search_demand
    from trendwatch.cli.common import print_table
    from trendwatch.store.trends_reads import keyword_curves

    if args.week:
        d = search_demand(con, s, args.week)
        print(Note("trends.cli_demand_title", {"week": d.week, "geo": d.geo}).render("en"))
        print_table(
            ["keyword", "this_week", "previous_week", "change", "partial"],
            [[k.keyword, k.this_week, k.previous_week, k.label, k.partial] for k in d.keywords],
            fmt=args.format,
        )
        print_table(
            ["keyword", "rising_query", "growth", "question"],
            [[r.keyword, r.query, r.label, r.is_question] for r in d.rising],
            fmt=args.format,
        )
        print_table(["trending", "traffic"], [[t.term, t.traffic] for t in d.trending], fmt=args.format)
        for note in d.notes:
            print(f"missing: {note.render('en')}")
        return 0
    columns, rows = keyword_curves(con)
    if not rows:
        print(Note("trends.cli_no_data").render("en"))
        return 0
    print_table(columns, rows, fmt=args.format)
    return 0


def run(args: argparse.Namespace) -> int:
    from trendwatch.cli.common import settings
    from trendwatch.store.db import connect
    from trendwatch.store.trends_writes import ingest_trends

    s = settings(args)
    con = connect(s.store_path, wait_s=s.store.lock_timeout_s)
    try:
        if args.show:
            return _show(con, s, args)
        if not s.trends.enabled:
            print(Note("trends.cli_disabled").render("en"))
            return 0
        r = ingest_trends(s, con=con, recompute_run=args.recompute)
    finally:
        con.close()
    summary = {
        "run_id": r.run_id,
        "outcome": r.outcome,
        "requests": r.requests_made,
        "cached": r.from_cache,
        "keywords": len(r.keywords_ok),
        "points": r.points,
        "related": r.related_queries,
        "trending": r.trending,
    }
    print(Note("trends.cli_summary", summary).render("en"))
    for note in r.notes:
        print(f"note: {note.render('en')}")
    for failure in r.failures:
        print(f"failed: {failure}")
    return 0 if not r.failures else 3
