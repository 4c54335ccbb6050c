"""End to end on real saved feeds (../shared/data/feeds_realworld): the busiest week's digest names
every idea's subject with more than one common word, and keeps labels short."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.shared_data import SHARED_DATA
from trendwatch.config import settings_from_dict
from trendwatch.digest.angles import is_generic
from trendwatch.digest.build import make_digest
from trendwatch.digest.caution import fold
from trendwatch.ingest import run_ingest
from trendwatch.store import connect

FEEDS = SHARED_DATA / "feeds_realworld"


def _common_single_word(subject: str, titles: list[str]) -> bool:
    """One word that is generic, or written in lower case inside the topic's own titles."""
    words = subject.split()
    if len(words) != 1:
        return False
    word = words[0]
    if is_generic(word):
        return True
    if any(c.isdigit() for c in word) or any(c.isupper() for c in word[1:]):
        return False
    key = fold(word)
    return any(t == t.lower() and fold(t) == key for title in titles for t in re.findall(r"\w+", title))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], str]:
    """The real feeds ingested once: (folder, feed paths, busiest ISO week)."""
    if not FEEDS.is_dir():
        pytest.skip(f"{FEEDS} is not here: the shared data lives beside the repository (../shared/data)")
    folder = tmp_path_factory.mktemp("realworld")
    kinds = (".rss", ".atom", ".xml")
    files = [str(p) for p in sorted(FEEDS.rglob("*")) if p.is_file() and p.suffix in kinds]
    settings = settings_from_dict({"store": {"path": "tw.duckdb"}, "feeds": [{"url": f} for f in files]},
                                  base_dir=folder)  # fmt: skip
    run_ingest(settings)
    con = connect(settings.store_path, read_only=True)
    try:
        (week,) = con.execute(
            "SELECT strftime(published, '%G-W%V') FROM entries GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    return folder, files, week


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_realworld_digest_subjects_are_never_one_common_word(
    store: tuple[Path, list[str], str], lang: str
) -> None:
    folder, files, week = store
    settings = settings_from_dict(
        {"store": {"path": "tw.duckdb"}, "feeds": [{"url": f} for f in files], "digest": {"language": lang}},
        base_dir=folder,
    )
    digest = make_digest(settings, week)
    assert digest.topics, "the busiest week of the real feeds has topics"
    ideas = [(d, i) for d in digest.topics for i in d.ideas]
    assert ideas
    for d, idea in ideas:
        titles = [a.title for a in d.topic.articles]
        assert idea.subject and not _common_single_word(idea.subject, titles), (idea.subject, idea.title)
        assert idea.evidence, f"{idea.title!r} says what it rests on"
    for n in digest.restraint:
        assert not _common_single_word(str(n.values["label"]), [])
    long_labels = [d.label for d in digest.topics if len(d.label.split()) > 12]
    assert not long_labels
    # a young store cannot tell an everyday word: a key phrase of one word is written as a name
    assert not [d.topic.key_phrase for d in digest.topics if d.topic.key_phrase.islower()
                and len(d.topic.key_phrase.split()) == 1]  # fmt: skip


def _titles_of_the_week_of(store: tuple[Path, list[str], str], title_like: str) -> list[list[str]]:
    """The listed titles of each topic of the digest of the week a stored title ``ILIKE``
    ``title_like`` was published in."""
    folder, files, _ = store
    settings = settings_from_dict({"store": {"path": "tw.duckdb"}, "feeds": [{"url": f} for f in files]},
                                  base_dir=folder)  # fmt: skip
    con = connect(settings.store_path, read_only=True)
    try:
        row = con.execute(
            "SELECT strftime(published, '%G-W%V') FROM entries WHERE title ILIKE ? LIMIT 1", [title_like]
        ).fetchone()
    finally:
        con.close()
    assert row, f"../shared/data/feeds_realworld holds a title like {title_like!r}"
    return [[a.title for a in d.topic.articles] for d in make_digest(settings, row[0]).topics]


def test_realworld_stories_tied_by_one_word_through_a_dropped_story_are_apart(
    store: tuple[Path, list[str], str],
) -> None:
    """A Portuguese feed's week: "Norte" tied two North Korea stories to two on a charity
    (Raríssimas, its "delegação Norte") through a bus crash in northern Peru. No topic lists the
    charity beside North Korea, and in this thin week the two North Korea stories, which the
    charity's topic sheds, are a topic of their own ("Coreia do Norte")."""
    titles = _titles_of_the_week_of(store, "%Raríssimas%")
    assert any(any("Raríssimas" in t for t in ts) for ts in titles)
    mixed = [ts for ts in titles if any("Coreia" in t for t in ts) and any("Raríssimas" in t for t in ts)]
    assert not mixed
    korea = [ts for ts in titles
             if any("Coreia do Norte" in t for t in ts) and any("Kim Jong-un" in t for t in ts)]
    assert korea, titles


def test_realworld_briefing_joined_by_its_rubric_alone_leaves_the_topic(
    store: tuple[Path, list[str], str],
) -> None:
    """A Portuguese feed's daily briefings are titled "… em 60 segundos: <one story>". The rubric
    brought "Despertar em 60 segundos: Benfica e Sporting medem forças na Luz" into the week's
    income-tax tables; it shares nothing else with them and is not listed there."""
    tax = [ts for ts in _titles_of_the_week_of(store, "%retenção de IRS%") if any("IRS" in t for t in ts)]
    assert tax, "the IRS tables are a topic"
    assert not [t for ts in tax for t in ts if "Benfica" in t]


def test_realworld_young_store_pair_is_held_by_names_its_stories_write(
    store: tuple[Path, list[str], str],
) -> None:
    """The Guardian's first stored week: the week's "Premier League" made "league" a name, and an
    NFL piece and an NBA piece ("the league", both naming Philadelphia) one topic. The two stay
    apart; the State of the Union is still the week's first topic."""
    titles = _titles_of_the_week_of(store, "%wokest team%")
    assert any("State of the Union" in t for t in titles[0]), titles[0]
    both = [ts for ts in titles if any("Eagles" in t for t in ts) and any("NBA" in t for t in ts)]
    assert not both, both


def test_realworld_young_store_pair_needs_a_name_not_a_common_phrase(
    store: tuple[Path, list[str], str],
) -> None:
    """The same week: "Greatest Oscar winners ever: who is the best director of all time?" and
    "Oscar-winning director Michael Haneke to make 10-part TV series" share one name ("Oscar") and
    a common phrase ("film director"): two pieces, no story. They are not one topic."""
    titles = _titles_of_the_week_of(store, "%Greatest Oscar winners%")
    both = [ts for ts in titles if any("Greatest Oscar" in t for t in ts) and any("Haneke" in t for t in ts)]
    assert not both, both


def test_realworld_pair_with_one_story_of_its_own_is_no_topic(store: tuple[Path, list[str], str]) -> None:
    """A Portuguese feed's first week: "Trump diz que tem um botão nuclear 'muito maior'…", listed
    under North Korea, also made Trump's disaster declaration for California a pair ("Trump",
    "Estados Unidos"). One story of its own beside one shown above is no story: it is not shown."""
    titles = _titles_of_the_week_of(store, "%estado de desastre na Califórnia%")
    nuclear = [ts for ts in titles if any("botão nuclear" in t for t in ts)]
    assert len(nuclear) == 1, titles
    assert not [ts for ts in titles if any("Califórnia" in t for t in ts) and ts not in nuclear]


def test_realworld_wire_datelines_tie_no_stories(store: tuple[Path, list[str], str]) -> None:
    """A Brazilian aggregator's week: "MOSCOU, 24 SET (ANSA) - …", "MADRI, 24 SET (ANSA) - …" and
    "Nova York, 24 set (EFE).- …" made Navalny's sentence, Chávez's nurse and the Dow Jones one
    topic ("ANSA, 24 SET, nesta"). The datelines are cut: no topic lists two of them."""
    titles = _titles_of_the_week_of(store, "%Rival de Putin%")
    wires = ("Rival de Putin", "Enfermeira de Chávez", "Dow Jones")
    assert not [ts for ts in titles if sum(any(w in t for t in ts) for w in wires) >= 2], titles
