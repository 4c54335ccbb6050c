"""Dev tool: load the Le Monde 2022 capture into a trendwatch store with the real schema.

    .venv/bin/python benchmarks/load_lemonde.py /tmp/lemonde.duckdb

One entry per item (entry_id = its link), one entry_feeds row per section feed it appeared in,
``published`` from the item (the feeds also republish archive pieces with old dates).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from trendwatch.errors import StoreError
from trendwatch.store import connect, load_sql

DATA = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "lemonde_2022" / "lemonde_2022_items.jsonl.gz"
)


def _snapshot_time(text: str | None) -> dt.datetime:
    if not text:
        return dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
    return dt.datetime.strptime(text, "%Y-%b-%d %H-%M-%S").replace(tzinfo=dt.UTC)


def load(store: Path, data: Path = DATA) -> int:
    """Fill ``store`` (created if needed) with the capture; returns the number of entries."""
    entries, links, feeds = [], [], set()
    with gzip.open(data, "rt", encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            published = dt.datetime.fromisoformat(item["published"]).astimezone(dt.UTC)
            seen = _snapshot_time(item.get("first_snapshot"))
            names = list(dict.fromkeys(item["feeds"]))
            entries.append(
                {
                    "entry_id": item["link"],
                    "guid": item["link"],
                    "link": item["link"],
                    "title": item["title"],
                    "summary": item.get("description") or "",
                    "published": published,
                    "published_source": "published",
                    "language": "fr",
                    "language_source": "feed",
                    "feed_id": names[0],
                    "first_seen": seen,
                }
            )
            for name in names:
                feeds.add(name)
                links.append({"entry_id": item["link"], "feed_id": name, "first_seen": seen})
    now = dt.datetime.now(dt.UTC)
    feed_df = pd.DataFrame(
        [
            {
                "feed_id": f,
                "configured_url": f"http://127.0.0.1/{f}.xml",
                "url": f"http://127.0.0.1/{f}.xml",
                "name": f,
                "language": "fr",
                "title": f,
                "added_at": now,
            }
            for f in sorted(feeds)
        ]
    )
    entry_df = pd.DataFrame(entries).drop_duplicates("entry_id")
    link_df = pd.DataFrame(links).drop_duplicates(["entry_id", "feed_id"])
    con = _open(store)
    try:
        con.execute("DELETE FROM entry_feeds; DELETE FROM entries; DELETE FROM feeds")
        for table, frame in (("feeds", feed_df), ("entries", entry_df), ("entry_feeds", link_df)):
            con.register("frame", frame)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM frame")
            con.unregister("frame")
        return int(con.execute("SELECT count(*) FROM entries").fetchone()[0])
    finally:
        con.close()


def _open(store: Path) -> Any:
    """The store via ``trendwatch.store.connect``; if a newer migration is broken, the 001 schema only."""
    try:
        return connect(store)
    except StoreError as e:
        print(f"warning: {e}; creating the feeds/entries tables only", file=sys.stderr)
        import duckdb

        con = duckdb.connect(str(store))
        con.execute(load_sql("migrations/001_feeds_entries"))
        return con


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"no data at {DATA}", file=sys.stderr)
        return 1
    print(f"{load(args.store)} entries loaded into {args.store}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
