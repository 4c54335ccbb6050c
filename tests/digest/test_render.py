"""Rendering the digest (Markdown, HTML, JSON) from constructed analyses, in French and English."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from trendwatch.analysis.model import Article, Topic, WeekAnalysis
from trendwatch.analysis.weeks import week_bounds
from trendwatch.config import Settings, settings_from_dict
from trendwatch.digest import digest_from_analysis, render, write_digest_files
from trendwatch.messages import Note

WEEK = "2022-W08"
NOW = dt.datetime(2022, 2, 28, 6, 0, tzinfo=dt.UTC)


def make_topic(
    topic_id: str = "t-energy",
    label: str = "Energy prices",
    *,
    keywords: list[str] | None = None,
    titles: list[str] | None = None,
    n_articles: int = 14,
    n_sources: int = 6,
    baseline_mean: float = 1.2,
    score: float = 4.5,
    status: str = "growing",
    urls: list[str | None] | None = None,
) -> Topic:
    """A topic with articles published in WEEK."""
    titles = titles or [f"{label} story {i}" for i in range(3)]
    urls = urls or [f"https://news.example/{topic_id}/{i}" for i in range(len(titles))]
    articles = [
        Article(
            entry_id=f"{topic_id}-e{i}",
            title=title,
            url=url,
            published=dt.datetime(2022, 2, 22 + i % 5, 10, 0, tzinfo=dt.UTC),
            source=f"Feed {i % 3}",
            sources=[f"Feed {i % 3}"],
        )
        for i, (title, url) in enumerate(zip(titles, urls, strict=False))
    ]
    counts = [(f"2022-W0{w}", 1) for w in range(4, 8)] + [(WEEK, n_articles)]
    return Topic(
        topic_id=topic_id,
        label=label,
        keywords=keywords or label.lower().split(),
        score=score,
        n_articles=n_articles,
        n_sources=n_sources,
        baseline_mean=baseline_mean,
        weekly_counts=counts,
        articles=articles,
        entry_ids=[a.entry_id for a in articles] + [f"{topic_id}-extra"],
        status=status,
    )


def make_analysis(topics: list[Topic], *, notes: list[str] | None = None, week: str = WEEK) -> WeekAnalysis:
    start, end = week_bounds(week, "Europe/Paris")
    return WeekAnalysis(
        week=week,
        start=start,
        end=end,
        n_entries=sum(t.n_articles for t in topics) + 10,
        n_sources=6,
        baseline_weeks=["2022-W04", "2022-W05", "2022-W06", "2022-W07"],
        baseline_entries=40,
        topics=topics,
        notes=notes or [],
    )


def make_settings(tmp_path: Path, **digest: Any) -> Settings:
    data: dict[str, Any] = {"store": {"path": str(tmp_path / "tw.duckdb")}, "digest": digest}
    return settings_from_dict(data, base_dir=tmp_path)


@pytest.mark.parametrize(
    ("lang", "evidence", "heading"),
    [
        ("en", "14 articles from 6 sources this week, 1.2 a week before", "## Emerging topics"),
        ("fr", "14 articles de 6 sources cette semaine, 1,2 par semaine avant", "## Sujets émergents"),
    ],
)
def test_markdown_gives_evidence_in_words_chart_links_and_ideas(
    tmp_path: Path, lang: str, evidence: str, heading: str
) -> None:
    settings = make_settings(tmp_path, language=lang)
    digest = digest_from_analysis(make_analysis([make_topic()]), settings, now=NOW)
    md = render(digest, "md")
    assert heading in md
    assert evidence in md
    assert "[Energy prices story 0](<https://news.example/t-energy/0>)" in md
    assert re.search(r"`[▁▂▃▄▅▆▇█]{5}`", md), "a sparkline of the 5 weekly counts"
    assert re.search(r"^1\. \*\*.*Energy prices", md, re.M), "the first idea is listed"


def test_without_a_comparable_past_the_strength_is_a_size_not_growth(tmp_path: Path) -> None:
    """A young store (feeds whose past was never stored): the note says growth can't be measured,
    so no topic claims to be "above its usual share"."""
    settings = make_settings(tmp_path, language="en")
    analysis = make_analysis([make_topic()])
    grown = digest_from_analysis(analysis, settings, now=NOW)
    assert "above its usual share" in render(grown, "md")
    analysis.notes.append(Note("analysis.young_store", {"before": 15, "now": 55}))
    young = digest_from_analysis(analysis, settings, now=NOW)
    for fmt in ("md", "html"):
        page = render(young, fmt)
        assert "above its usual share" not in page and "by size only" in page


@pytest.mark.parametrize(("lang", "word"), [("en", "Why now"), ("fr", "Pourquoi maintenant")])
def test_html_is_a_self_contained_page_with_a_chart_mail_clients_keep(
    tmp_path: Path, lang: str, word: str
) -> None:
    settings = make_settings(tmp_path, language=lang)
    page = render(digest_from_analysis(make_analysis([make_topic()]), settings, now=NOW), "html")
    assert page.startswith("<!DOCTYPE html>")
    assert f'<html lang="{lang}">' in page
    assert word in page
    # mail clients strip SVG: the chart is a table of inline-styled cells, one bar per week
    assert "<svg" not in page and page.count('class="bars"') == 1
    assert page.count('style="width:18px;height:') == 5
    assert "<script" not in page.lower()
    # no remote asset: the only URLs are the article links and the SVG namespace
    for url in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert url.startswith("https://news.example/")
    assert "<link" not in page and "src=" not in page


def test_json_has_the_contracted_shape(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, language="en", top=2)
    topics = [make_topic(f"t{i}", f"Topic {i}", score=10.0 - i) for i in range(3)]
    doc = json.loads(render(digest_from_analysis(make_analysis(topics), settings, now=NOW), "json"))
    assert doc["week"] == WEEK
    assert [t["rank"] for t in doc["topics"]] == [1, 2], "at most [digest] top, ranked"
    first = doc["topics"][0]
    assert first["label"] == "Topic 0" and first["keywords"] == ["topic", "0"]
    assert isinstance(first["score"], float) and first["score"] == 10.0
    assert set(first["articles"][0]) >= {"title", "url", "published", "source"}
    assert first["articles"][0]["url"] == "https://news.example/t0/0"
    dt.datetime.fromisoformat(first["articles"][0]["published"])
    assert 1 <= len(first["ideas"]) <= 3
    assert {"title", "format", "why_now", "sources", "slot", "caution"} <= set(first["ideas"][0])
    assert first["ideas"][0]["slot"] is not None
    assert first["weekly_counts"][-1] == {"week": WEEK, "articles": 14}
    assert "caution" in first and first["n_articles"] == 14 and first["n_sources"] == 6


HOSTILE_TITLE = 'Big <script>alert("x")</script> news [click](javascript:alert(1)) <img src=x onerror=y>'


def hostile_digest(tmp_path: Path, lang: str = "en") -> Any:
    topic = make_topic(
        "t-evil",
        "Evil <b>label</b>",
        titles=[HOSTILE_TITLE, "Fine title", "Other"],
        urls=["javascript:alert(1)", "https://ok.example/a?x=1&y=<2>", "data:text/html,hi"],
    )
    return digest_from_analysis(make_analysis([topic]), make_settings(tmp_path, language=lang), now=NOW)


def test_html_escapes_hostile_feed_text_and_links(tmp_path: Path) -> None:
    page = render(hostile_digest(tmp_path), "html")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page
    assert "<img" not in page and "<b>label" not in page
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and set(hrefs) == {"https://ok.example/a?x=1&amp;y=%3C2%3E"}, "only http(s), encoded"


def test_markdown_neutralises_links_and_html_from_feeds(tmp_path: Path) -> None:
    md = render(hostile_digest(tmp_path), "md")
    # every "<" from feed text is backslash-escaped (CommonMark renders it as a literal "<")
    assert not re.search(r"(?<!\\)<(script|img|b>|/script)", md)
    assert r"\<script\>" in md and r"\<b\>label" in md
    assert r"\[click\](javascript" in md, "the link syntax from the feed is escaped"
    for m in re.finditer(r"(?<!\\)\]\(", md):
        assert md.startswith("<https://", m.end()), "every live link goes to an http(s) URL"
    # the only real links are http(s) and wrapped in <...> with closing characters encoded
    targets = re.findall(r"\]\(<([^>]*)>\)", md)
    assert targets and set(targets) == {"https://ok.example/a?x=1&y=%3C2%3E"}


def test_write_digest_files_names_files_by_week(tmp_path: Path) -> None:
    digest = digest_from_analysis(make_analysis([make_topic()]), make_settings(tmp_path), now=NOW)
    paths = write_digest_files(digest, tmp_path / "out")
    assert {k: p.name for k, p in paths.items()} == {
        "md": f"digest-{WEEK}.md",
        "html": f"digest-{WEEK}.html",
        "json": f"digest-{WEEK}.json",
    }
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["week"] == WEEK


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [("en", "Not enough history: 1 week"), ("fr", "Pas assez d'historique")],
)
def test_empty_week_says_so_plainly(tmp_path: Path, lang: str, sentence: str) -> None:
    analysis = make_analysis([], notes=[sentence])
    analysis.n_entries = 0
    digest = digest_from_analysis(analysis, make_settings(tmp_path, language=lang), now=NOW)
    md, page = render(digest, "md"), render(digest, "html")
    no_articles = {"en": "No articles were published in 2022-W08", "fr": "Aucun article publié en 2022-W08"}
    for text in (md, page):
        assert no_articles[lang] in text
        assert "0 article" not in text and "Sujets émergents" not in text and "Emerging topics" not in text
        assert sentence.replace("'", "&#x27;") in text or sentence in text
    assert json.loads(render(digest, "json"))["topics"] == []


def test_french_digest_renders_analysis_notes_and_search_evidence_in_french(tmp_path: Path) -> None:
    notes = [Note("analysis.short_history", {"k": 3, "n": 8})]
    topic = make_topic()
    topic.evidence = [
        Note("trends.evidence_rising", {"query": "prix énergie", "label": "+350 %", "geo": "FR"})
    ]
    digest = digest_from_analysis(make_analysis([topic], notes=notes), make_settings(tmp_path, language="fr"))
    assert [n.render("fr") for n in digest.notes] == [
        "Seules 3 des 8 semaines de référence ont des articles : les chiffres de croissance restent "
        "fragiles tant que l'historique est court."
    ]
    assert "recherches « prix énergie » +350 % (FR)" in digest.topics[0].why_now
    english = digest_from_analysis(
        make_analysis([topic], notes=notes), make_settings(tmp_path, language="en")
    )
    assert "searches for “prix énergie” +350 % (FR)" in english.topics[0].why_now
    assert "Only 3 of the 8 baseline weeks" in render(english, "md")


def test_an_empty_week_does_not_repeat_or_contradict_its_lead_with_analysis_caveats(tmp_path: Path) -> None:
    caveats = [Note("analysis.no_entries", {"week": WEEK}), Note("analysis.no_baseline", {})]
    analysis = make_analysis([], notes=caveats)
    analysis.n_entries = 0
    md = render(digest_from_analysis(analysis, make_settings(tmp_path, language="fr"), now=NOW), "md")
    assert md.count("Aucun article publié en 2022-W08") == 1
    assert "Pas encore d'historique" not in md and "## Remarques" not in md


@pytest.mark.parametrize(
    ("lang", "one", "many"), [("fr", "et 1 autre", "et 2 autres"), ("en", "and 1 more", "and 2 more")]
)
def test_the_articles_left_out_are_counted_in_good_grammar(
    tmp_path: Path, lang: str, one: str, many: str
) -> None:
    titles = ["Energy prices up", "Energy bills", "Energy"]
    for n, text in ((4, one), (5, many)):
        topic = make_topic("t-more", "Energy prices", titles=titles, n_articles=n)
        digest = digest_from_analysis(make_analysis([topic]), make_settings(tmp_path, language=lang), now=NOW)
        assert f"- {text}\n" in render(digest, "md")
        assert f">{text}</li>" in render(digest, "html")


def test_a_live_goes_on_its_events_day_or_says_which_day_to_plan_it_for(tmp_path: Path) -> None:
    """"En direct (25 septembre) — La démission de Mario Draghi ouvre la voie à des élections
    anticipées" had the slot "mardi 26 juillet": a live is for its event's day. In the coming week
    it takes that day's latest peak hour; later, it has no slot and the digest says when."""
    settings = make_settings(tmp_path, language="fr")
    match = make_topic("t-rugby", "Six Nations", titles=[
        "Six Nations : suivez en direct le match France-Galles du vendredi 4 mars",
        "Six Nations : le XV de France", "Six Nations : la composition"])  # fmt: skip
    vote = make_topic("t-italie", "Italie", score=4.0, titles=[
        "Italie : les élections anticipées auront lieu le 25 septembre",
        "Italie : la démission de Mario Draghi", "Italie : la coalition éclate"])  # fmt: skip
    digest = digest_from_analysis(make_analysis([match, vote]), settings, now=NOW)
    lives = {d.topic.topic_id: i for d in digest.topics for i in d.ideas if i.format == "live"}
    assert set(lives) == {"t-rugby", "t-italie"}, [i.title for d in digest.topics for i in d.ideas]
    rugby, italy = lives["t-rugby"], lives["t-italie"]
    assert rugby.slot is not None and rugby.slot.date() == dt.date(2022, 3, 4)
    assert rugby.slot.strftime("%H:%M") == "18:00"
    others = [i.slot for d in digest.topics for i in d.ideas if i is not rugby]
    assert rugby.slot not in others
    assert italy.slot is None and italy.on == dt.date(2022, 9, 25)
    md = render(digest, "md")
    assert "à programmer le dimanche 25 septembre" in md
    assert "En direct (25 septembre)" in md
    ideas = [i for tp in json.loads(render(digest, "json"))["topics"] for i in tp["ideas"]]
    assert sorted(str(i["event_day"]) for i in ideas if i["format"] == "live") == ["2022-03-04", "2022-09-25"]
    english = digest_from_analysis(
        make_analysis([match, vote]), make_settings(tmp_path, language="en"), now=NOW
    )
    assert "to plan for Sunday 25 September" in render(english, "md")
