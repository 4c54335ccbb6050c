"""Real data, titles and summaries: Le Monde's RSS of mid-June 2022 (2022-W24)."""

from __future__ import annotations

import pytest

from tests.support.lemonde import LEMONDE as DATA
from tests.support.lemonde import lemonde_entries
from trendwatch.analysis.detect import analyse_entries
from trendwatch.config import AnalysisSettings


@pytest.mark.skipif(not DATA.exists(), reason=f"{DATA} is missing: ../shared/data lives beside the repo")
def test_a_story_held_by_terms_no_other_story_of_the_topic_carries_is_a_stray() -> None:
    """"Annecy" brought a piece on the French contingent in Romania (the 27th battalion is from
    Annecy) into the animation festival; its own phrases ("base de l'OTAN", "contingent français")
    then joined the topic through it alone and counted as its ties. The festival is listed
    without it."""
    result = analyse_entries(
        lemonde_entries, AnalysisSettings(), "2022-W24", timezone="Europe/Paris", language="fr"
    )
    festival = [t for t in result.topics if any("Festival d’Annecy" in a.title for a in t.articles)]
    assert festival, [t.label for t in result.topics[:15]]
    titles = [a.title for t in festival for a in t.articles]
    assert not [t for t in titles if "Roumanie" in t], titles
