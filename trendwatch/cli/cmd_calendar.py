"""`trendwatch calendar`: the week's ideas in publication slots, as .ics (to import) and .csv files."""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "calendar"
HELP = "content calendar: the digest's ideas in publication slots, written as .ics and .csv"
EXAMPLE = "trendwatch calendar --week 2022-W08 --out ~/Desktop   # then import calendar-2022-W08.ics"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--week", help="the digest's ISO week, e.g. 2022-W08 (default: the last complete week)")
    p.add_argument("--out", type=Path, help="folder for the files (default: [publish] dir)")


def run(args: argparse.Namespace) -> int:
    from trendwatch.analysis.weeks import last_complete_week, parse_week
    from trendwatch.cli.common import print_table, settings
    from trendwatch.cm import CmError
    from trendwatch.cm.calendar import calendar_events, write_calendar
    from trendwatch.cm.feedback import ideas_table_exists
    from trendwatch.digest.i18n import format_label, slot_text
    from trendwatch.messages import render
    from trendwatch.store.cm_store import weeks_with_ideas
    from trendwatch.store.db import connect

    s = settings(args)
    lang = s.digest.language
    week = parse_week(args.week) if args.week else last_complete_week(s.digest.timezone)
    folder = args.out if args.out is not None else s.resolve(s.publish.dir)
    con = connect(s.store_path, read_only=True, wait_s=s.store.lock_timeout_s)  # only reads
    try:
        events = calendar_events(con, s, week)
        if not events:
            weeks = weeks_with_ideas(con, 5) if ideas_table_exists(con) else []
            raise CmError(render("calendar.no_ideas", lang, week=week, weeks=", ".join(weeks) or "-"))
        paths = write_calendar(con, s, week, folder)
    finally:
        con.close()
    rows = [
        [
            slot_text(e.slot, lang) if e.slot else render("calendar.no_free_slot", lang),
            format_label(e.format, lang),
            e.title,
            e.idea_id,
        ]
        for e in sorted(events, key=lambda e: (e.slot is None, e.slot))
    ]
    print_table(["slot", "format", "title", "idea_id"], rows)
    unplaced = sum(1 for e in events if e.slot is None)
    if unplaced:
        print("\n" + render("calendar.unplaced", lang, n=unplaced))
    for fmt, path in paths.items():
        print(f"{fmt}: {path}")
    return 0
