"""Le Monde's 2022 RSS items (../shared/data/lemonde_2022) as the analysis reads entries."""

from __future__ import annotations

import datetime as dt
import gzip
import json

from tests.support.shared_data import SHARED_DATA
from trendwatch.store.analysis_reads import WindowEntry

LEMONDE = SHARED_DATA / "lemonde_2022" / "lemonde_2022_items.jsonl.gz"


def lemonde_entries(start: dt.datetime, end: dt.datetime, *, summaries: bool = True) -> list[WindowEntry]:
    """The items published in ``[start, end)``, one per link, oldest first; without ``summaries``
    as a titles-only feed gives them."""
    out: dict[str, WindowEntry] = {}
    with gzip.open(LEMONDE, "rt", encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            if not item.get("published") or not item.get("title"):
                continue
            published = dt.datetime.fromisoformat(item["published"]).astimezone(dt.UTC)
            if start <= published < end and item["link"] not in out:
                summary = (item.get("description") or "") if summaries else ""
                link = item["link"]
                feed = "lemonde"
                out[link] = WindowEntry(link, item["title"], summary, link, published, "fr", feed, [feed])
    return sorted(out.values(), key=lambda e: (e.published, e.entry_id))
