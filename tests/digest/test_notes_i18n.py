"""Every note the analysis writes in English has French wording in a French digest."""

from __future__ import annotations

import pytest

from trendwatch.digest.notes_i18n import localize_note

NOTES = [
    "No entries were published in 2022-W08: no topics to report.",
    "Only 1 story was published in 2022-W08: too few to tell a trend from noise.",
    "Only 4 stories were published in 2022-W08: too few to tell a trend from noise.",
    "No subject of 2022-W08 had at least 3 articles from 1 source(s): no topic to report.",
    "Nothing in 2022-W08 grew beyond its usual share of the news: no emerging topic.",
    "The baseline weeks hold 40000 entries: a fixed sample of 75% of them (the same entries at every run) "
    "was used to measure growth, for speed.",
]


@pytest.mark.parametrize("note", NOTES)
def test_analysis_notes_are_translated(note: str) -> None:
    french = localize_note(note, "fr")
    assert french != note
    assert any(value in french for value in ("2022-W08", "40000"))
    assert localize_note(note, "en") == note
