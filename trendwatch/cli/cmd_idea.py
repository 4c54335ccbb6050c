"""`trendwatch idea`: mark a content idea used or dismissed (dismissed topics aren't proposed again)."""

from __future__ import annotations

import argparse
from dataclasses import astuple
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trendwatch.store.connection import Connection

NAME = "idea"
HELP = "mark an idea used or dismissed (or proposed again), or list a week's ideas with their ids"
EXAMPLE = "trendwatch idea dismissed 3f9a2c1b   # then: trendwatch idea list --week 2022-W08"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=("used", "dismissed", "proposed", "list"))
    p.add_argument(
        "id", nargs="?", help="the idea's id (or its first 6+ characters), from the digest or `idea list`"
    )
    p.add_argument("--week", help="with list: ISO week such as 2022-W08 (default: the latest digest)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")


def run(args: argparse.Namespace) -> int:
    from trendwatch.cli.common import settings
    from trendwatch.cm import CmError
    from trendwatch.cm.feedback import set_idea_status
    from trendwatch.store.db import connect

    s = settings(args)
    if args.action != "list" and not args.id:
        raise CmError(
            f"`trendwatch idea {args.action}` needs an idea id. Find them with `trendwatch idea list`."
        )
    reading = args.action == "list"  # listing only reads: works on a read-only store, beside a writer
    con = connect(s.store_path, read_only=reading, wait_s=s.store.lock_timeout_s)
    try:
        if reading:
            return _list(con, args, s)
        row = set_idea_status(con, args.id, args.action)
    finally:
        con.close()
    print(f"{row['idea_id']} ({row['week']}) is now {row['status']}: {row['title']}")
    return 0


def _list(con: Connection, args: argparse.Namespace, s: Any) -> int:
    """Print one week's ideas with their ids, slots and statuses."""
    from trendwatch.cli.common import print_table
    from trendwatch.store.cm_store import ideas_listed, ideas_table_exists, latest_listed_week
    from trendwatch.weeks import parse_week

    if not ideas_table_exists(con):
        print("no ideas yet: run `trendwatch digest` first.")
        return 0
    week = parse_week(args.week) if args.week else None
    if week is None:
        # the latest digest, as `sql --example top_topics_this_week` means it
        week = latest_listed_week(con)
    rows = [astuple(r) for r in ideas_listed(con, week)]
    print_table(IDEA_COLUMNS, [_row(r, s, args.format) for r in rows], fmt=args.format)
    return 0


IDEA_COLUMNS = ["idea_id", "week", "rank", "format", "status", "slot", "title"]


def _row(r: tuple[Any, ...], s: Any, fmt: str) -> list[Any]:
    """An idea as the CM reads it: format in the digest's language, slot in its time zone."""
    from zoneinfo import ZoneInfo

    from trendwatch.digest.i18n import format_label, slot_text

    lang, tz = s.digest.language, ZoneInfo(s.digest.timezone)
    slot = r[5].astimezone(tz) if r[5] is not None else None
    shown = (
        (slot.isoformat(timespec="minutes") if fmt != "table" else slot_text(slot, lang)) if slot else None
    )
    return [r[0], r[1], r[2], format_label(r[3] or "", lang), r[4], shown, r[6]]
