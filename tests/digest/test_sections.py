"""Optional sections: search demand ([trends]), alerts and used ideas ([cm]), rendered and escaped."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.digest.test_render import NOW, make_analysis, make_settings, make_topic
from trendwatch.digest import digest_from_analysis, render

search_demand = pytest.importorskip("trendwatch.analysis.search_demand")
alerts_mod = pytest.importorskip("trendwatch.cm.alerts")
FETCHED = dt.datetime(2022, 2, 27, 12, 0, tzinfo=dt.UTC)


def demand() -> object:
    sd = search_demand
    return sd.SearchDemand(
        week="2022-W08",
        geo="FR",
        keywords=[sd.KeywordDemand("grève", "FR", 80.0, 20.0, 300.0, "+300 %", False)],
        rising=[
            sd.RisingQuery("grève", "grève sncf <b>remboursement</b>", 350, "+350 %", False, "FR", FETCHED),
            sd.RisingQuery("grève", "comment se faire rembourser", 0, "Breakout", True, "FR", FETCHED),
        ],
        trending=[sd.TrendingSearch("Match PSG", "200K+", 200000, [], None, "FR")],
        missing=["no rising queries were fetched for 'train'."],
    )


def alert() -> object:
    art = alerts_mod.AlertArticle(
        "e1", "Acme <script>x</script> recall", "javascript:alert(1)", FETCHED, "Feed", -0.8
    )
    return alerts_mod.Alert(
        name="Acme",
        kind="negative",
        count=12,
        baseline=1.5,
        message="12 negative mentions of Acme this week, 1.5 usually",
        articles=[art],
        steps=["Check the facts", "Prepare a holding statement"],
    )


@pytest.mark.parametrize(("lang", "heading"), [("en", "Search demand"), ("fr", "Demande de recherche")])
def test_search_demand_section_lists_changes_rising_queries_and_missing_data(
    tmp_path: Path, lang: str, heading: str
) -> None:
    settings = make_settings(tmp_path, language=lang)
    d = digest_from_analysis(make_analysis([make_topic()]), settings, search=demand(), now=NOW)
    faq = {"en": "Your questions on “comment se faire rembourser”", "fr": "Vos questions sur « comment"}[lang]
    assert d.faq_ideas[0].startswith(faq), "questions first"
    md, page = render(d, "md"), render(d, "html")
    colon = " : " if lang == "fr" else ": "
    for text in (md, page):
        assert heading in text
        assert f"grève{colon}+300 % (FR)" in text  # the label as the search-demand stage wrote it
        assert "+350 %" in text and "Breakout" in text
        assert f"Match PSG{colon}200K+" in text
        assert "no rising queries were fetched" in text
    assert "<b>remboursement" not in page and "&lt;b&gt;remboursement" in page
    doc = json.loads(render(d, "json"))
    assert doc["search"]["rising"][0]["label"] == "+350 %"
    assert doc["faq_ideas"] == d.faq_ideas


def test_alerts_come_first_with_steps_and_safe_links(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, language="en")
    d = digest_from_analysis(make_analysis([make_topic()]), settings, alerts=[alert()], now=NOW)
    page = render(d, "html")
    assert page.index("Alerts") < page.index("Emerging topics")
    assert "12 negative mentions of Acme" in page and "Prepare a holding statement" in page
    assert "<script" not in page and 'href="javascript' not in page
    md = render(d, "md")
    assert md.index("## ⚠ Alerts") < md.index("## Emerging topics")
    assert "](<javascript" not in md
    assert json.loads(render(d, "json"))["alerts"][0]["name"] == "Acme"


def test_used_ideas_section(tmp_path: Path) -> None:
    used = [{"idea_id": "abc", "title": "Rail strike in 30 seconds", "evolution": "used; growing"}]
    d = digest_from_analysis(
        make_analysis([]), make_settings(tmp_path, language="en"), used_ideas=used, now=NOW
    )
    assert "Ideas you used" in render(d, "md")
    assert "Rail strike in 30 seconds: used; growing" in render(d, "html")


def test_a_change_is_written_the_readers_way() -> None:
    from trendwatch.digest.sections import describe

    change = {"query": "sérum bakuchiol", "change": 29.0}
    assert describe(change, "fr") == "sérum bakuchiol : +29\u202f%"
    assert describe(change, "en") == "sérum bakuchiol: +29%"
