"""Real data, titles only: Le Monde's RSS of the second week of the war in Ukraine (2022-W09) with
the summaries blanked, as a titles-only feed gives them."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest

from tests.support.shared_data import SHARED_DATA
from trendwatch.analysis.detect import analyse_entries
from trendwatch.config import AnalysisSettings
from trendwatch.store.analysis_reads import WindowEntry

DATA = SHARED_DATA / "lemonde_2022" / "lemonde_2022_items.jsonl.gz"
WEEK = "2022-W09"


def _entries(start: dt.datetime, end: dt.datetime) -> list[WindowEntry]:
    out: dict[str, WindowEntry] = {}
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            if not item.get("published") or not item.get("title"):
                continue
            published = dt.datetime.fromisoformat(item["published"]).astimezone(dt.UTC)
            if start <= published < end and item["link"] not in out:
                out[item["link"]] = WindowEntry(
                    item["link"], item["title"], "", item["link"], published, "fr", "lemonde", ["lemonde"]
                )
    return sorted(out.values(), key=lambda e: (e.published, e.entry_id))


@pytest.mark.skipif(not DATA.exists(), reason=f"{DATA} is missing: ../shared/data lives beside the repo")
def test_a_big_burst_told_in_diverse_titles_is_the_weeks_story() -> None:
    """Split off five headlines on the ban of Russian media, the other ~110 "Guerre en Ukraine : …"
    titles share nothing but the phrase once its words are removed. They were dropped as a
    coincidence, leaving the week's story to 23 headlines; a burst that far beyond chance is none."""
    result = analyse_entries(_entries, AnalysisSettings(), WEEK, timezone="Europe/Paris", language="fr")
    first = result.topics[0]
    assert "Ukraine" in first.label
    assert first.n_articles >= 100
