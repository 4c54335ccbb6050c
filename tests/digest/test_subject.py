"""Idea titles name a topic the way its articles do, not by a side keyword."""

from __future__ import annotations

import datetime as dt

from trendwatch.analysis.model import Article, Topic
from trendwatch.digest.ideas import subject

WHEN = dt.datetime(2026, 3, 4, tzinfo=dt.UTC)


def topic(label: str, titles: list[str], keywords: list[str]) -> Topic:
    articles = [Article(f"e{i}", t, f"https://example.org/{i}", WHEN, "feed") for i, t in enumerate(titles)]
    return Topic("t1", label, keywords, 5.0, len(titles), 3, 0.5, [("2026-W10", len(titles))], articles,
                 [a.entry_id for a in articles])  # fmt: skip


def test_a_short_label_is_the_subject() -> None:
    assert subject(topic("Grève des dockers", ["Grève des dockers", "Les dockers en grève"], ["ports"])) == (
        "Grève des dockers"
    )


def test_a_headline_label_gives_the_word_its_titles_share() -> None:
    titles = [
        "Bakuchiol, the plant-based retinol alternative safe in pregnancy?",
        "Bakuchiol serums we tested five",
        "Sérum au bakuchiol : les formules à essayer",
        "Bakuchiol ou rétinol ? ce qu'en disent les dermatologues",
    ]
    assert subject(topic(titles[0], titles, ["rétinol", "serums"])) == "Bakuchiol"


def test_without_a_shared_word_the_leading_keyword_is_used() -> None:
    titles = ["Markets rally after the central bank holds its rates", "Investors cheer quarterly profits"]
    assert subject(topic(titles[0], titles, ["stock markets", "profits"])) == "Stock markets"


def test_a_word_written_inside_a_longer_name_gives_that_name() -> None:
    titles = [
        "Transfer deadline day – live!",
        "Tottenham Hotspur v Manchester United: Premier League – live!",
        "How the Philadelphia Eagles became the NFL's wokest team",
    ]
    t = topic(titles[0], titles, ["league", "transfer"])
    t.key_phrase = "league"
    assert subject(t) == "Premier League"
    shouting = ["How The Eagles Became The League's Wokest Team", "Transfer deadline day – live!"]
    t = topic(shouting[1], shouting, ["league"])
    t.key_phrase = "league"
    assert subject(t) != "The Eagles Became The League's Wokest Team"


def test_a_name_run_starts_after_the_question_word_that_opens_the_title() -> None:
    """"How the Philadelphia Eagles became the NFL's wokest team": the subject is the team, not
    "How the Philadelphia Eagles" (the ideas read "Explainer — How the Philadelphia Eagles: …")."""
    titles = [
        "How the Philadelphia Eagles became the NFL's wokest team",
        "The NBA is mad as hell ... and fans just want to consume it more",
    ]
    t = topic(titles[0], titles, ["philadelphia", "league"])
    t.key_phrase = "Philadelphia"
    assert subject(t) == "Philadelphia Eagles"


def test_a_name_only_one_article_gives_is_not_the_subject() -> None:
    """Le Monde's NBA topic listed the entity "Ukraine" first (one of its three pieces mentions the
    war) and its ideas read "Sondage — Ukraine : Les phases finales du championnat…"."""
    titles = [
        "Basket : en NBA, la stratégie du pire peut avoir du bon",
        "Les phases finales du championnat signeront-elles la fin des « super-teams » ?",
        "Des joueurs venus d’Ukraine rejoignent les universités américaines",
    ]
    t = topic(titles[0], titles, ["NBA", "basket"])
    t.entities = ["Ukraine", "NBA"]
    t.articles[0].summary = "La ligue nord-américaine de basket entre dans ses phases finales."
    assert subject(t) == "NBA"
    t.articles[1].summary = "Pendant la guerre en Ukraine, le championnat continue."
    assert subject(t) == "Ukraine", "two pieces naming it: the topic's first entity"


def test_a_count_of_victims_is_no_subject() -> None:
    """Le Monde's strikes on Ukraine had the key phrase "cinquante blessés": its ideas read
    "Cinquante blessés : les hôpitaux de Kherson évacués"."""
    titles = [
        "Les frappes russes de mercredi ont fait dix morts et cinquante blessés",
        "Cinquante blessés : les hôpitaux de Kherson évacués à cause de « bombardements russes »",
        "Guerre en Ukraine : bombardements russes sur Kherson",
    ]
    t = topic(titles[0], titles, ["cinquante blessés", "bombardements russes", "Kherson"])
    t.key_phrase = "cinquante blessés"
    assert subject(t) == "Bombardements russes"
    t.key_phrase = "Incendies en Gironde"
    assert subject(t) == "Incendies en Gironde", "a disaster's name is no count"
    t.key_phrase = "Covid-19"
    assert subject(t) == "Covid-19", "nor is a name holding a number"
    t.key_phrase = "40 morts"
    assert subject(t) == "Bombardements russes"
