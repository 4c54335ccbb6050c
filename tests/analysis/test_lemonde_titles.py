"""Real data, titles only: Le Monde's RSS of the second week of the war in Ukraine (2022-W09) with
the summaries blanked, as a titles-only feed gives them."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.lemonde import LEMONDE as DATA
from tests.support.lemonde import lemonde_entries
from trendwatch.analysis.detect import analyse_entries
from trendwatch.config import AnalysisSettings
from trendwatch.store.analysis_reads import WindowEntry

WEEK = "2022-W09"


def _entries(start: dt.datetime, end: dt.datetime) -> list[WindowEntry]:
    return lemonde_entries(start, end, summaries=False)


@pytest.mark.skipif(not DATA.exists(), reason=f"{DATA} is missing: ../shared/data lives beside the repo")
def test_a_big_burst_told_in_diverse_titles_is_the_weeks_story() -> None:
    """Split off five headlines on the ban of Russian media, the other ~110 "Guerre en Ukraine : …"
    titles share nothing but the phrase once its words are removed. They were dropped as a
    coincidence, leaving the week's story to 23 headlines; a burst that far beyond chance is none."""
    result = analyse_entries(_entries, AnalysisSettings(), WEEK, timezone="Europe/Paris", language="fr")
    first = result.topics[0]
    assert "Ukraine" in first.label
    assert first.n_articles >= 100
