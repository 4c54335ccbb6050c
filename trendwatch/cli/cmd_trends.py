"""`trendwatch trends`: fetch Google Trends now and summarise, or show what is stored."""

from __future__ import annotations

import argparse

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


def _show(con: object, s: object, args: argparse.Namespace) -> int:
    from trendwatch.cli.common import print_table
    from trendwatch.store.sqlfiles import load_sql

    if args.week:
        from trendwatch.analysis.search_demand import search_demand

        d = search_demand(con, s, args.week)  # type: ignore[arg-type]
        print(f"Search demand, week {d.week}, {d.geo}")
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
        for note in d.missing:
            print(f"missing: {note}")
        return 0
    sql = load_sql("examples/trends_keyword_curve").replace(
        "WHERE mid >= current_date - INTERVAL 12 WEEK", ""
    )
    cur = con.execute(sql)  # type: ignore[attr-defined]
    rows = cur.fetchall()
    if not rows:
        print("no Google Trends data stored yet: run `trendwatch trends` (with [trends] enabled = true).")
        return 0
    print_table([d[0] for d in cur.description], rows, fmt=args.format)
    return 0


def run(args: argparse.Namespace) -> int:
    from trendwatch.cli.common import settings
    from trendwatch.sources.trends import ingest_trends
    from trendwatch.store.db import connect

    s = settings(args)
    con = connect(s.store_path, wait_s=s.store.lock_timeout_s)
    try:
        if args.show:
            return _show(con, s, args)
        if not s.trends.enabled:
            print("Google Trends is disabled: set [trends] enabled = true and list keywords.")
            return 0
        r = ingest_trends(s, con=con, recompute_run=args.recompute)
    finally:
        con.close()
    print(
        f"Trends run {r.run_id}: {r.outcome}; {r.requests_made} requests, {r.from_cache} answers from cache; "
        f"{len(r.keywords_ok)} keywords ({r.points} points), {r.related_queries} related queries, "
        f"{r.trending} trending searches."
    )
    for note in r.notes:
        print(f"note: {note}")
    for failure in r.failures:
        print(f"failed: {failure}")
    return 0 if not r.failures else 3
