"""`trendwatch ingest`: fetch every feed and store what is new."""

from __future__ import annotations

import argparse

NAME = "ingest"
HELP = "fetch every configured feed and store what is new (exit 3 when some feeds failed)"
EXAMPLE = "trendwatch --config trendwatch.toml ingest"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--force",
        action="store_true",
        help="fetch every feed now: ignore the minimum interval, back-off and 410 Gone marks",
    )
    p.add_argument(
        "--feed",
        action="append",
        default=None,
        metavar="URL",
        help="only this configured feed URL (repeatable)",
    )
    p.add_argument("--quiet", action="store_true", help="no summary table")


def run(args: argparse.Namespace) -> int:
    from trendwatch.cli.common import Progress, print_table, settings
    from trendwatch.cm.brand import tag_brand_mentions
    from trendwatch.ingest import run_ingest, summary_line

    s = settings(args)
    if not s.feeds:
        from trendwatch.errors import ConfigError

        raise ConfigError(
            "no feeds configured: add a [[feeds]] block with the url of a feed (or uncomment the "
            "example in the starter config), then run ingest again.",
            path=str(args.config),
        )
    bar = Progress(len(args.feed or s.feeds), "ingest")
    report = run_ingest(
        s, force=args.force, feed_urls=args.feed, progress=lambda name, outcome: bar.advance(1, name)
    )
    bar.close()
    tag_brand_mentions(s)  # the brand watch reads the entries just stored
    if not args.quiet:
        print(f"feeds: {summary_line(report.summary())}")
        print_table(
            ["feeds ok", "not modified", "failed", "skipped", "entries new", "already known", "seconds"],
            [
                [
                    report.feeds_ok,
                    report.feeds_not_modified,
                    report.feeds_failed,
                    report.feeds_skipped,
                    report.entries_new,
                    report.entries_known,
                    round(report.duration_s, 2),
                ]
            ],
        )
        if report.failures:
            print(f"\n{len(report.failures)} feed(s) need attention:")
            print_table(["feed", "url", "problem"], report.failures, max_width=90)
    return report.exit_code
