"""`trendwatch alerts`: crisis watch on brand mentions; exit status 4 when an alert is open."""

from __future__ import annotations

import argparse
import sys

NAME = "alerts"
HELP = "crisis watch: spikes of (negative) mentions of your brand and products; exit 4 if an alert is open"
EXAMPLE = "trendwatch alerts --week 2022-W08 || echo 'alert open: see above'"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--week",
        help="ISO week such as 2022-W08 (default: the last complete week, the one the Monday digest covers)",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--no-webhook", action="store_true", help="don't post to [brand] alert_webhook_env")


def run(args: argparse.Namespace) -> int:
    import json

    from trendwatch.analysis.weeks import last_complete_week, parse_week
    from trendwatch.cli import EXIT_ALERT, EXIT_OK
    from trendwatch.cli.common import print_table, settings
    from trendwatch.cm.alerts import alert_text, applied_threshold, check_week, send_alert_webhook
    from trendwatch.cm.brand import brand_terms, tag_mentions
    from trendwatch.errors import PublishError
    from trendwatch.store.db import connect

    s = settings(args)
    tz = s.digest.timezone
    week = parse_week(args.week) if args.week else last_complete_week(tz)
    if not brand_terms(s):
        print(f"no brand watched: add [brand] names in {s.source} to get crisis alerts.", file=sys.stderr)
        return EXIT_OK
    con = connect(s.store_path, wait_s=s.store.lock_timeout_s)
    try:
        tag_mentions(con, s)
        checks = check_week(con, s, week)
    finally:
        con.close()
    alerts = [c.alert for c in checks if c.alert is not None]
    if args.format == "json":
        json.dump(
            {"week": week, "alerts": [a.to_dict() for a in alerts]}, sys.stdout, ensure_ascii=False, indent=1
        )
        sys.stdout.write("\n")
    else:
        if alerts:
            print(alert_text(alerts, s.digest.language) + "\n")
        rows = [
            [
                c.name,
                c.name_kind,
                c.mentions,
                c.baseline_mentions,
                _limit(applied_threshold(c.threshold_mentions, s.brand.alert_min_count)),
                c.negative,
                c.baseline_negative,
                _limit(applied_threshold(c.threshold_negative, s.brand.alert_min_count)),
                c.alert.kind if c.alert else "",
            ]
            for c in checks
        ]
        headers = [
            "name",
            "kind",
            "articles",
            "usual",
            "alert_from",
            "negative",
            "usual_neg",
            "alert_from_neg",
            "alert",
        ]
        print_table(headers, rows)
        if checks and checks[0].baseline_weeks < 2:
            print(
                f"\nnot enough history before {week} to judge a spike (needs 2 earlier weeks in the store)."
            )
    if alerts and not args.no_webhook:
        try:
            sent = send_alert_webhook(alerts, s)
            if sent:
                print(f"alert posted to the webhook in ${sent}.", file=sys.stderr)
        except PublishError as e:
            print(f"trendwatch alerts: warning: {e}", file=sys.stderr)
    return EXIT_ALERT if alerts else EXIT_OK


def _limit(value: int) -> int | None:
    """The applied threshold, or None (shown empty) when there is no baseline to judge by."""
    return value or None
