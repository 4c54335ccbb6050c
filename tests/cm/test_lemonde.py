"""Real data: the Orpea nursing-home scandal (Le Monde, late January 2022) raises the crisis alert."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from trendwatch.cm.alerts import check_week
from trendwatch.cm.brand import tag_mentions
from trendwatch.config import settings_from_dict

DATA = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "lemonde_2022" / "lemonde_2022_items.jsonl.gz"
)
START, END = dt.datetime(2021, 11, 1, tzinfo=dt.UTC), dt.datetime(2022, 2, 14, tzinfo=dt.UTC)


@pytest.mark.skipif(not DATA.exists(), reason="shared Le Monde 2022 data not available")
def test_orpea_scandal_opens_an_alert(store: Any, tmp_path: Path) -> None:
    rows = {}
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            if not item.get("published"):
                continue
            published = dt.datetime.fromisoformat(item["published"])
            if START <= published < END:
                rows[item["link"]] = [
                    item["link"],
                    item["title"] or "",
                    item.get("description") or "",
                    published,
                ]
    con = store
    con.execute(
        "INSERT INTO feeds (feed_id, configured_url, url, name, added_at) "
        "VALUES ('lm', 'u', 'u', 'Le Monde', now())"
    )
    table = pa.table(
        {
            name: [r[i] for r in rows.values()]
            for i, name in enumerate(("link", "title", "summary", "published"))
        }
    )
    con.register("lemonde", table)
    con.execute(
        "INSERT INTO entries (entry_id, link, title, summary, published, published_source, language, "
        "feed_id, first_seen) "
        "SELECT link, link, title, summary, published, 'published', 'fr', 'lm', now() FROM lemonde"
    )
    settings = settings_from_dict(
        {"brand": {"names": ["Orpea"], "competitors": ["Korian"]}}, base_dir=tmp_path
    )
    assert tag_mentions(con, settings) > 20
    quiet = check_week(con, settings, "2022-W02")
    assert [c.alert for c in quiet] == [None]
    (w04,) = check_week(con, settings, "2022-W04")  # "Les Fossoyeurs" is out on 26 January
    assert w04.alert is not None and w04.mentions >= 5 and w04.baseline_mentions < 1
    assert any("Fossoyeurs" in a.title for a in w04.alert.articles)
    (w05,) = check_week(con, settings, "2022-W05")
    assert w05.alert is not None and w05.alert.kind == "negative"
