"""A feed's boilerplate (words around every summary) is cut before terms are counted."""

from __future__ import annotations

from trendwatch.analysis.boilerplate import feed_boilerplate


def test_words_closing_most_summaries_of_a_feed_are_cut() -> None:
    guardian = [("guardian", f"Story number {i} about {topic}. Continue reading...")
                for i, topic in enumerate(["tax", "rail", "NHS", "Brexit", "Davos", "snow"])]
    guardian.append(("guardian", "A summary without the usual ending"))
    dishes = ["Soup", "Cake", "Pie", "Stew", "Tart", "Bun"]
    other = [("blog", f"{dish} recipe number {i}") for i, dish in enumerate(dishes)]
    found = feed_boilerplate(guardian + other)
    assert set(found) == {"guardian"}
    assert found["guardian"].tail == ("Continue", "reading...")
    assert found["guardian"].cut("Rail fares rise again. Continue reading...") == "Rail fares rise again."
    assert found["guardian"].cut("No ending here") == "No ending here"


def test_an_opening_dateline_is_cut_and_a_small_or_varied_feed_has_none() -> None:
    agency = [("afp", f"PARIS (AFP) - {what} happened today {i}")
              for i, what in enumerate(["Strikes", "Rain", "Fire", "Talks", "Votes"])]
    found = feed_boilerplate(agency + [("tiny", "Continue reading") for _ in range(4)])
    assert found["afp"].head == ("PARIS", "(AFP)", "-")
    assert found["afp"].cut("PARIS (AFP) - Strikes resume") == "Strikes resume"
    assert "tiny" not in found  # four summaries are too few to call anything boilerplate
    assert feed_boilerplate([("one", "Photo") for _ in range(9)]) == {}  # the whole text is no boilerplate
