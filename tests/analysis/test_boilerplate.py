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


def test_a_wire_dateline_is_cut_whatever_its_place_and_date() -> None:
    """A Brazilian aggregator's ANSA and EFE pieces open "MOSCOU, 24 SET (ANSA) - " and "Nova York,
    24 set (EFE).- ": a place and a date that change with each story, so no run of the feed finds
    them, and "24 set" and "ansa" tied Navalny's sentence to the Dow Jones. They are cut from
    every summary; a party in brackets in a sentence is not a dateline."""
    from trendwatch.analysis.boilerplate import NONE

    assert NONE.cut("MOSCOU, 24 SET (ANSA) - O líder de oposição russo") == "O líder de oposição russo"
    assert NONE.cut("Nova York, 24 set (EFE).- O índice Dow Jones fechou") == "O índice Dow Jones fechou"
    assert NONE.cut("BRASÍLIA (Reuters) - O candidato do PSL") == "O candidato do PSL"
    assert NONE.cut("Quito, 24 Set 2018 (AFP) - O fundador do WikiLeaks") == "O fundador do WikiLeaks"
    sentence = "O candidato Jair Bolsonaro (PSL) disse - hoje"
    assert NONE.cut(sentence) == sentence
