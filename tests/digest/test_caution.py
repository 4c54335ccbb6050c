"""Caution flags and idea formats: sensitive topics, guideline terms, confidential names."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.digest.helpers import topic
from tests.digest.test_render import NOW, WEEK, make_analysis, make_settings, make_topic
from trendwatch.config import settings_from_dict
from trendwatch.digest import digest_from_analysis
from trendwatch.digest.caution import assess, find_terms, sensitive_terms
from trendwatch.digest.ideas import choose_formats, make_ideas
from trendwatch.messages import Note

PROMOTIONAL = {"contest", "poll", "live", "short_video"}


def test_terms_match_whole_words_without_accents_or_case() -> None:
    assert find_terms("Deux SÉISMES frappent la région", ["séisme"]) == ["séisme"]
    assert find_terms("Le seisme d'hier", ["séisme"]) == ["séisme"]
    assert find_terms("A storm warning for Brittany", ["war"]) == []
    assert find_terms("Trade war escalates", ["war"]) == ["war"]
    assert find_terms("tremblement  de terre à Nice", ["tremblement de terre"]) == ["tremblement de terre"]
    assert find_terms("Volkswagen se sépare de Herbert Diess", ["dies"]) == []  # a name, not "dies"
    assert find_terms("Two crises in a week", ["crise"]) == ["crise"]


@pytest.mark.parametrize(
    ("lang", "label", "flag"),
    [
        ("en", "Earthquake kills 40 in Turkey", "sensitive: inform, don't promote"),
        ("fr", "Séisme en Turquie : 40 morts", "sensible : informer, ne pas promouvoir"),
    ],
)
def test_disaster_topic_is_flagged_and_gets_no_promotional_format(
    tmp_path: Path, lang: str, label: str, flag: str
) -> None:
    # festive, debate and event words would otherwise bring a contest, a poll and a live
    titles = [f"{label}: festival cancelled?", f"{label}: live on 12 March", "Should the match go on?"]
    topic = make_topic("t-quake", label, titles=titles, status="new", baseline_mean=0)
    fun_titles = ["Festival cancelled?", "Live coverage on 12 March", "Should the match go on?"]
    unflagged = make_topic("t-fun", "Summer fun", titles=fun_titles, n_sources=2)
    assert {"poll", "live"} <= set(choose_formats(unflagged, assess(unflagged, make_settings(tmp_path))))
    digest = digest_from_analysis(make_analysis([topic]), make_settings(tmp_path, language=lang), now=NOW)
    (d,) = digest.topics
    assert d.sensitive
    assert any(c.startswith(flag) for c in d.caution)
    assert d.ideas, "a sensitive topic still gets informative ideas"
    assert not {i.format for i in d.ideas} & PROMOTIONAL
    assert all(any(c.startswith(flag) for c in i.caution) for i in d.ideas)


def test_same_words_without_disaster_allow_contest_poll_and_live(tmp_path: Path) -> None:
    titles = ["Christmas festival: should it move?", "Festival live on 12 March", "Holiday giveaway"]
    topic = make_topic(
        "t-fun", "Christmas festival", titles=titles, n_sources=2, baseline_mean=2.0, n_articles=5
    )
    formats = choose_formats(topic, assess(topic, make_settings(tmp_path)))
    assert formats == ["poll", "live", "contest"]  # "12 March" (the week after) dates the event: a live
    undated = make_topic(
        "t-fun", "Christmas festival", titles=[titles[0], "Festival live", titles[2]], n_sources=2,
        baseline_mean=2.0, n_articles=5,
    )  # fmt: skip
    assert choose_formats(undated, assess(undated, make_settings(tmp_path)))[:2] == ["poll", "short_video"]


def test_format_rules(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)

    def formats(**kw: object) -> list[str]:
        topic = make_topic(**kw)  # type: ignore[arg-type]
        return choose_formats(topic, assess(topic, settings))

    steady = {"n_articles": 4, "baseline_mean": 2.0, "n_sources": 2}
    assert formats(titles=["Prices up 12%", "Inflation at 5.1%", "Rents"], **steady)[0] == "infographic"
    assert formats(titles=["How to cut your energy bill", "Tips", "More"], **steady)[0] == "carousel"
    assert formats(titles=["Is remote work over?", "Plain", "Plain too"], **steady)[0] == "poll"
    assert formats(titles=["Plain", "Plain", "Plain"], **steady) == ["post"]
    fast = formats(titles=["Plain", "Plain", "Plain"], n_articles=12, baseline_mean=1.0, n_sources=3)
    assert fast == ["short_video", "thread", "post"]


def test_configured_sensitive_terms_extend_the_lexicon(tmp_path: Path) -> None:
    settings = settings_from_dict(
        {"digest": {"sensitive_terms": ["licenciements"]}, "guidelines": {"sensitive": ["layoffs"]}},
        base_dir=tmp_path,
    )
    fr = make_topic("t1", "Vague de licenciements chez Acme")
    en = make_topic("t2", "Acme announces layoffs")
    plain = make_topic("t3", "Acme opens a new shop")
    assert assess(fr, settings).sensitive and assess(en, settings).sensitive
    assert not assess(plain, settings).sensitive


def test_blocklist_and_forbidden_terms_are_flagged_with_the_reason(tmp_path: Path) -> None:
    settings = settings_from_dict(
        {"digest": {"blocklist": ["crypto"], "language": "en"}, "guidelines": {"forbidden": ["casino"]}},
        base_dir=tmp_path,
    )
    topic = make_topic("t1", "Crypto casino ads", titles=["Cryptos and casinos advertise", "x", "y"])
    caution = assess(topic, settings)
    assert caution.blocked == [("crypto", "blocklist"), ("casino", "forbidden")]
    flags = caution.flags("en")
    assert any("crypto" in f and "[digest] blocklist" in f for f in flags)
    assert any("casino" in f and "[guidelines] forbidden" in f for f in flags)
    ideas = make_ideas(topic, caution, WEEK, "en")
    assert ideas and all(i.caution == flags for i in ideas)


def test_ideas_touching_a_confidential_name_are_dropped_with_a_note(tmp_path: Path) -> None:
    settings = settings_from_dict(
        {"digest": {"language": "en"}, "guidelines": {"confidential": ["Project Nova"]}}, base_dir=tmp_path
    )
    secret = make_topic("t1", "Rumours about project nova", titles=["Project Nova leaks", "a", "b"])
    public = make_topic("t2", "Energy prices", score=3.0)
    digest = digest_from_analysis(make_analysis([secret, public]), settings, now=NOW)
    assert [d.topic_id for d in digest.topics] == ["t1", "t2"]
    assert digest.topics[0].ideas == [] and digest.topics[1].ideas
    texts = [n.render("en") if isinstance(n, Note) else n for n in digest.notes]
    assert Note("digest.confidential", {"label": secret.label}) in digest.notes
    assert any("were dropped" in n and "[guidelines] confidential" in n for n in texts)
    assert not any("Project Nova" in n for n in texts), "the note doesn't repeat the name"


def test_one_passing_mention_in_five_titles_is_not_what_a_topic_is_about() -> None:
    titles = [
        "L'irrésistible ascension de Giorgia Meloni",
        "En campagne, Giorgia Meloni dénonce le déclin de l'Italie",
        "Italie : Meloni en tête des sondages",
        "Mort de Silvio, figure du village, à la veille du vote",
        "Fratelli d'Italia, le parti de Giorgia Meloni",
    ]
    campaign = topic("t-it", "L'irrésistible ascension de Giorgia Meloni", titles)
    assert sensitive_terms(campaign, ("mort",)) == []
    titles[2] = "Italie : la mort d'un militant endeuille la campagne"
    mourning = topic("t-it2", "L'irrésistible ascension de Giorgia Meloni", titles)
    assert sensitive_terms(mourning, ("mort",)) == ["mort"]
    assert sensitive_terms(topic("t-q", "Mort de la reine", titles[:1]), ("mort",)) == ["mort"]
    visits = ["Le Salon ouvre", "Les éleveurs au Salon", "Macron au Salon"]
    fair = topic("t-salon", "Le Salon de l'agriculture", visits)
    fair.keywords = ["Salon", "agriculture", "liée au covid"]
    assert sensitive_terms(fair, ("covid",)) == []  # keywords alone count once
    fair.articles[0].title = "Le Salon ouvre malgré le covid"
    assert sensitive_terms(fair, ("covid",)) == ["covid"]



def test_sensitive_terms_are_shown_as_the_articles_write_them() -> None:
    """The demo's restraint note read "(mort, tempete)": the lexicon's unaccented forms. A CM reads
    the words of the articles."""
    from trendwatch.digest.caution import written_as

    label = "Tempête Ondine : trois morts"
    storm = topic("t-storm", label, [label, "COVID : la vague"])
    caution = assess(storm, settings_from_dict({}, base_dir=Path(".")))
    assert caution.sensitive_terms[:2] == ["mort", "tempete"]
    assert caution.terms_text() == "morts, tempête"
    assert "(morts, tempête)" in caution.flags("fr")[0]
    assert written_as("covid", "COVID : la vague") == "COVID"
    assert written_as("feu de foret", "Un feu de forêt en Gironde") == "feu de forêt"
    assert written_as("seisme", "nothing here") == "seisme"
