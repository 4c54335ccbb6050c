"""Real data, titles and summaries: Le Monde's RSS of mid-June 2022 (2022-W24)."""

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
                    item["link"], item["title"], item.get("description") or "", item["link"], published,
                    "fr", "lemonde", ["lemonde"],
                )  # fmt: skip
    return sorted(out.values(), key=lambda e: (e.published, e.entry_id))


@pytest.mark.skipif(not DATA.exists(), reason=f"{DATA} is missing: ../shared/data lives beside the repo")
def test_a_story_held_by_terms_no_other_story_of_the_topic_carries_is_a_stray() -> None:
    """"Annecy" brought a piece on the French contingent in Romania (the 27th battalion is from
    Annecy) into the animation festival; its own phrases ("base de l'OTAN", "contingent français")
    then joined the topic through it alone and counted as its ties. The festival is listed
    without it."""
    result = analyse_entries(_entries, AnalysisSettings(), "2022-W24", timezone="Europe/Paris", language="fr")
    festival = [t for t in result.topics if any("Festival d’Annecy" in a.title for a in t.articles)]
    assert festival, [t.label for t in result.topics[:15]]
    titles = [a.title for t in festival for a in t.articles]
    assert not [t for t in titles if "Roumanie" in t], titles
