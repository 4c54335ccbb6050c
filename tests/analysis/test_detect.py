"""Emerging-topic detection on synthetic stores: what must rank, what must not, and edge cases."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from trendwatch.analysis.detect import analyse_week
from trendwatch.analysis.model import Topic, WeekAnalysis
from trendwatch.analysis.score import emergence
from trendwatch.analysis.weeks import previous_weeks, week_bounds
from trendwatch.config import Settings, settings_from_dict
from trendwatch.store import connect

WEEK = "2024-W10"
FEEDS = ["lemonde", "liberation", "lefigaro", "ouestfrance"]
THEMES_FR = {
    "football": "football ligue match entraîneur stade supporters championnat gardien attaquant vestiaire",
    "budget": "budget déficit ministre finances dépenses impôts assemblée parlementaires amendement fiscal",
    "santé": "hôpital médecins urgences infirmières soins patients ministère santé ordonnances pharmacie",
    "climat": "climat émissions carbone réchauffement glaciers sécheresse biodiversité énergie éolien",
    "école": "école enseignants élèves collège lycée programmes rentrée éducation classes bulletins",
    "justice": "tribunal procès avocat juge condamnation prison enquête parquet audience verdict",
    "cinéma": "film réalisateur actrice festival cinéma scénario tournage salles spectateurs critique",
    "immobilier": "immobilier logement loyers propriétaires crédit notaires acheteurs quartiers travaux",
}
PLANTED_FR = "volcan éruption islande cendres aéroports vols annulés lave sismologues évacuation"
PROLIFIC = "philatélie timbres collection oblitération enveloppes collectionneurs catalogue vente rareté"
THEMES_EN = {
    "markets": "stocks shares investors earnings rally bonds traders index quarterly profits",
    "tennis": "tennis tournament serve racket champion grass seed semifinal coach ranking",
    "weather": "rainfall forecast storms temperatures flooding drought meteorologists winds",
}
PLANTED_EN = "strike dockworkers ports shipping containers unions wages freight cargo picket"

Doc = tuple[str, str, dt.datetime, list[str], str]  # title, summary, published, feeds, language


def _settings(tmp_path: Path, **analysis: Any) -> Settings:
    return settings_from_dict(
        {"store": {"path": str(tmp_path / "s.duckdb")}, "analysis": analysis}, base_dir=tmp_path
    )


FILLER = (
    "gouvernement pays projet question annonce région habitants responsables situation rapport président "
    "semaine public décision réunion colère mesure conseil chiffres débat semaines réponse témoins ville "
    "village samedi visite lettre réseau vidéo photo bilan retour départ arrivée image histoire portrait"
).split()


def _article(rng: random.Random, words: str, n_title: int = 4, n_summary: int = 5) -> tuple[str, str]:
    vocab = words.split()
    title = " ".join(rng.sample(vocab, n_title)).capitalize()
    summary = rng.sample(vocab, n_summary) + rng.sample(FILLER, 5)
    rng.shuffle(summary)
    return title, " ".join(summary) + "."


def _when(week: str, rng: random.Random) -> dt.datetime:
    start, _ = week_bounds(week, "Europe/Paris")
    return start + dt.timedelta(minutes=rng.randrange(60, 7 * 24 * 60 - 60))


def theme_docs(
    weeks: Iterable[str],
    per_week: int,
    themes: dict[str, str],
    seed: int = 1,
    language: str = "fr",
    feeds: list[str] | None = None,
) -> list[Doc]:
    """``per_week`` articles a week spread over ``themes`` and ``feeds``."""
    rng = random.Random(seed)
    names = sorted(themes)
    out: list[Doc] = []
    for week in weeks:
        for i in range(per_week):
            theme = themes[names[i % len(names)]]
            title, summary = _article(rng, theme)
            feed = (feeds or FEEDS)[rng.randrange(len(feeds or FEEDS))]
            out.append((title, summary, _when(week, rng), [feed], language))
    return out


def topic_docs(
    week: str, n: int, words: str, feeds: list[str], seed: int = 7, language: str = "fr"
) -> list[Doc]:
    """``n`` articles of one story: its first two words in every title, like a news story's core."""
    rng = random.Random(seed)
    core, rest = " ".join(words.split()[:2]), " ".join(words.split()[2:])
    out: list[Doc] = []
    for i in range(n):
        title, summary = _article(rng, rest, n_title=3)
        title = f"{core.capitalize()} {title.lower()} {FILLER[i % len(FILLER)]}"  # distinct titles
        out.append((title, summary, _when(week, rng), [feeds[i % len(feeds)]], language))
    return out


def make_store(tmp_path: Path, docs: list[Doc], name: str = "s.duckdb") -> Any:
    """A store with the real schema holding ``docs`` (entry ids are their position)."""
    con = connect(tmp_path / name)
    now = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
    feeds = sorted({f for d in docs for f in d[3]})
    feed_df = pd.DataFrame(
        [
            {
                "feed_id": f,
                "configured_url": f"http://127.0.0.1/{f}",
                "url": f"http://127.0.0.1/{f}",
                "name": f,
                "added_at": now,
            }
            for f in feeds
        ]
    )
    entry_df = pd.DataFrame(
        [
            {
                "entry_id": f"e{i}",
                "title": t,
                "summary": s,
                "link": f"http://127.0.0.1/a/{i}",
                "published": p,
                "published_source": "published",
                "language": lang,
                "feed_id": fs[0],
                "first_seen": now,
            }
            for i, (t, s, p, fs, lang) in enumerate(docs)
        ],
        columns=[
            "entry_id",
            "title",
            "summary",
            "link",
            "published",
            "published_source",
            "language",
            "feed_id",
            "first_seen",
        ],
    )
    link_df = pd.DataFrame(
        [{"entry_id": f"e{i}", "feed_id": f, "first_seen": now} for i, d in enumerate(docs) for f in d[3]],
        columns=["entry_id", "feed_id", "first_seen"],
    )
    if len(feed_df):
        for table, frame in (("feeds", feed_df), ("entries", entry_df), ("entry_feeds", link_df)):
            con.register("frame", frame)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM frame")
            con.unregister("frame")
    return con


def _history() -> list[str]:
    return previous_weeks(WEEK, 8) + [WEEK]


def _about(topic: Topic, words: str) -> bool:
    vocab = set(words.split())
    return sum(w in vocab for k in topic.keywords for w in k.lower().split()) >= 2


def _rank(result: WeekAnalysis, words: str) -> int | None:
    return next((i for i, t in enumerate(result.topics, 1) if _about(t, words)), None)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[WeekAnalysis, Any, Settings]:
    """Steady themes, a big steady theme, a prolific single feed and a planted emerging topic."""
    tmp = tmp_path_factory.mktemp("planted")
    docs = theme_docs(_history(), 48, THEMES_FR)
    docs += theme_docs(_history(), 20, {"big": THEMES_FR["football"]}, seed=3)  # always big
    docs += topic_docs(WEEK, 24, PROLIFIC, ["collectionneur-quotidien"], seed=11)  # one feed alone
    docs += topic_docs(WEEK, 14, PLANTED_FR, FEEDS, seed=5)
    settings = _settings(tmp)
    con = make_store(tmp, docs)
    return analyse_week(con, settings, WEEK), con, settings


def test_planted_emerging_topic_ranks_first(planted: tuple[WeekAnalysis, Any, Settings]) -> None:
    result, _, _ = planted
    top = result.topics[0]
    assert _about(top, PLANTED_FR)
    assert top.n_articles == 14 and top.n_sources == 4
    assert top.baseline_mean == 0.0 and top.status == "new"
    assert top.weekly_counts[-1] == (WEEK, 14) and len(top.weekly_counts) == 9
    assert len(top.articles) >= 3 and all(a.title for a in top.articles)
    assert top.label and top.label == top.articles[0].title  # a headline, not a stem list
    assert top.key_phrase == "Volcan éruption"  # the words every title shares, as written


def test_steady_big_theme_and_single_feed_do_not_rank(planted: tuple[WeekAnalysis, Any, Settings]) -> None:
    result, _, _ = planted
    football = _rank(result, THEMES_FR["football"])
    prolific = _rank(result, PROLIFIC)
    assert football is None or football > 2
    assert prolific is not None and prolific > 1  # shown, but below the story several feeds carry
    assert result.topics[prolific - 1].score < result.topics[0].score / 2


def test_same_input_same_output(planted: tuple[WeekAnalysis, Any, Settings]) -> None:
    result, con, settings = planted
    again = analyse_week(con, settings, WEEK)
    assert [(t.topic_id, t.label, t.score, t.entry_ids) for t in again.topics] == [
        (t.topic_id, t.label, t.score, t.entry_ids) for t in result.topics
    ]


def test_uniform_tripling_of_volume_is_not_a_trend(tmp_path: Path) -> None:
    docs = theme_docs(previous_weeks(WEEK, 8), 40, THEMES_FR) + theme_docs([WEEK], 120, THEMES_FR, seed=2)
    docs += topic_docs(WEEK, 12, PLANTED_FR, FEEDS)
    result = analyse_week(make_store(tmp_path, docs), _settings(tmp_path), WEEK)
    assert _rank(result, PLANTED_FR) == 1
    others = [t.score for t in result.topics if not _about(t, PLANTED_FR)]
    # a steady theme's chance word pairs may form a small topic, well below the real story
    assert all(s < result.topics[0].score / 2.5 for s in others)


def test_small_jump_does_not_outrank_big_growth() -> None:
    totals = [100] * 8
    small = emergence(2, [0] * 8, totals, 100, _sources(2), 4)
    big = emergence(40, [3] * 8, totals, 100, _sources(40), 4)
    assert big.score > 2 * small.score > 0
    steady = emergence(30, [30] * 8, totals, 100, _sources(30), 4)
    assert abs(steady.deviance) < 1


def test_share_not_raw_count_decides() -> None:
    tripled = emergence(30, [10] * 8, [100] * 8, 300, _sources(30), 4)
    assert abs(tripled.deviance) < 1
    assert tripled.expected == pytest.approx(30, rel=0.02)


def _sources(n: int) -> Any:
    from collections import Counter

    return Counter({f: n // 4 + (i < n % 4) for i, f in enumerate(FEEDS)})


def test_near_duplicates_count_once_while_every_source_counts(tmp_path: Path) -> None:
    docs = theme_docs(_history(), 40, THEMES_FR)
    rng = random.Random(9)
    for _ in range(6):  # six stories, each a wire copy in three feeds (different entry ids)
        title, summary = _article(rng, PLANTED_FR)
        when = _when(WEEK, rng)
        for j, feed in enumerate(FEEDS[:3]):
            docs.append((title, summary, when + dt.timedelta(minutes=j), [feed], "fr"))
    planted = {f"e{i}" for i in range(len(docs) - 18, len(docs))}
    result = analyse_week(make_store(tmp_path, docs), _settings(tmp_path), WEEK)
    top = result.topics[0]
    assert _about(top, PLANTED_FR)
    assert planted <= set(top.entry_ids)
    assert top.n_articles == len(top.entry_ids) - 12  # 18 copies, 6 stories
    assert top.n_sources >= 3
    copy = next(a for a in top.articles if a.entry_id in planted)
    assert sorted(copy.sources) == sorted(FEEDS[:3])


def test_empty_week_says_so(tmp_path: Path) -> None:
    docs = theme_docs(previous_weeks(WEEK, 8), 30, THEMES_FR)
    result = analyse_week(make_store(tmp_path, docs), _settings(tmp_path), WEEK)
    assert result.topics == [] and result.n_entries == 0
    assert any("No entries" in n.render("en") for n in result.notes)


def test_empty_store_says_so(tmp_path: Path) -> None:
    result = analyse_week(make_store(tmp_path, []), _settings(tmp_path), WEEK)
    assert result.topics == []
    assert any("No baseline yet" in n.render("en") for n in result.notes)


def test_first_week_has_no_baseline_note(tmp_path: Path) -> None:
    docs = theme_docs([WEEK], 48, THEMES_FR) + topic_docs(WEEK, 10, PLANTED_FR, FEEDS)
    result = analyse_week(make_store(tmp_path, docs), _settings(tmp_path), WEEK)
    assert any("No baseline yet" in n.render("en") for n in result.notes)
    assert result.topics and all(t.status == "new" for t in result.topics)


def test_short_history_is_noted(tmp_path: Path) -> None:
    docs = theme_docs(previous_weeks(WEEK, 2) + [WEEK], 40, THEMES_FR)
    result = analyse_week(make_store(tmp_path, docs), _settings(tmp_path), WEEK)
    assert any("Only 2 of the 8 baseline weeks" in n.render("en") for n in result.notes)


def test_single_feed_is_noted_and_still_analysed(tmp_path: Path) -> None:
    docs = theme_docs(_history(), 40, THEMES_FR, feeds=["seul"])
    docs += topic_docs(WEEK, 10, PLANTED_FR, ["seul"])
    result = analyse_week(make_store(tmp_path, docs), _settings(tmp_path), WEEK)
    assert any("one feed" in n.render("en") for n in result.notes)
    assert _rank(result, PLANTED_FR) == 1  # breadth can't be asked of a single feed


def test_backfilled_store_gives_the_same_week(tmp_path: Path) -> None:
    docs = theme_docs(_history(), 40, THEMES_FR) + topic_docs(WEEK, 12, PLANTED_FR, FEEDS)
    later = ["2024-W11", "2024-W12"]
    more = theme_docs(later, 40, THEMES_FR, seed=4) + topic_docs("2024-W11", 30, PROLIFIC, FEEDS)
    settings = _settings(tmp_path)
    weekly = analyse_week(make_store(tmp_path, docs, "a.duckdb"), settings, WEEK)
    backfilled = analyse_week(make_store(tmp_path, docs + more, "b.duckdb"), settings, WEEK)
    assert [(t.topic_id, t.score, t.entry_ids, t.weekly_counts) for t in backfilled.topics] == [
        (t.topic_id, t.score, t.entry_ids, t.weekly_counts) for t in weekly.topics
    ]
    assert backfilled.notes == weekly.notes


def test_french_and_english_documents(tmp_path: Path) -> None:
    docs = theme_docs(_history(), 36, THEMES_FR) + theme_docs(
        _history(), 24, THEMES_EN, seed=6, language="en"
    )
    docs += topic_docs(WEEK, 12, PLANTED_EN, FEEDS, seed=8, language="en")
    docs += topic_docs(WEEK, 12, PLANTED_FR, FEEDS, seed=9)
    result = analyse_week(make_store(tmp_path, docs), _settings(tmp_path), WEEK)
    ranks = {_rank(result, PLANTED_EN), _rank(result, PLANTED_FR)}
    assert ranks == {1, 2}
    english = result.topics[0] if _about(result.topics[0], PLANTED_EN) else result.topics[1]
    assert english.language == "en"
    french = result.topics[1] if english is result.topics[0] else result.topics[0]
    assert any("é" in k for k in french.keywords)  # shown as written, accents kept


def test_topic_id_is_stable_when_the_topic_continues(tmp_path: Path) -> None:
    weeks = _history() + ["2024-W11"]
    docs = theme_docs(weeks, 40, THEMES_FR) + topic_docs(WEEK, 12, PLANTED_FR, FEEDS)
    docs += topic_docs("2024-W11", 30, PLANTED_FR, FEEDS, seed=12)
    con, settings = make_store(tmp_path, docs), _settings(tmp_path)
    first = analyse_week(con, settings, WEEK).topics[0]
    second = analyse_week(con, settings, "2024-W11").topics[0]
    assert _about(first, PLANTED_FR) and _about(second, PLANTED_FR)
    assert first.topic_id == second.topic_id


def test_entries_after_the_week_are_never_read(tmp_path: Path) -> None:
    start, end = week_bounds(WEEK, "Europe/Paris")
    docs = theme_docs(_history(), 40, THEMES_FR)
    docs += [
        (t, s, end + dt.timedelta(seconds=1), f, lang)
        for t, s, _, f, lang in topic_docs(WEEK, 12, PLANTED_FR, FEEDS)
    ]
    result = analyse_week(make_store(tmp_path, docs), _settings(tmp_path), WEEK)
    assert _rank(result, PLANTED_FR) is None
    assert result.start == start and result.end == end


def test_a_very_large_baseline_is_sampled_the_same_way_every_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trendwatch.analysis.detect as detect

    docs = theme_docs(_history(), 40, THEMES_FR) + topic_docs(WEEK, 12, PLANTED_FR, FEEDS)
    con, settings = make_store(tmp_path, docs), _settings(tmp_path)
    monkeypatch.setattr(detect, "MAX_BASELINE_ENTRIES", 160)  # half of the 320 baseline entries
    first = analyse_week(con, settings, WEEK)
    again = analyse_week(con, settings, WEEK)
    assert any("fixed sample" in n.render("en") for n in first.notes)
    assert first.baseline_entries == 320
    assert _rank(first, PLANTED_FR) == 1
    assert [(t.topic_id, t.entry_ids) for t in again.topics] == [
        (t.topic_id, t.entry_ids) for t in first.topics
    ]


def test_a_topic_holding_two_unrelated_stories_is_split() -> None:
    """One shared word can gather two unrelated stories: with that word removed they have nothing
    in common, so they become two topics; a topic of one story is left alone."""
    import numpy as np
    from scipy import sparse
    from sklearn.preprocessing import normalize

    from trendwatch.analysis.bursts import Seeded, split_or_keep

    rng = np.random.default_rng(0)
    volcano = np.hstack([rng.uniform(0.5, 1, (6, 5)), np.zeros((6, 5))])  # words 0-4
    recall = np.hstack([np.zeros((5, 5)), rng.uniform(0.5, 1, (5, 5))])  # words 5-9
    vectors = normalize(sparse.csr_matrix(np.vstack([volcano, recall])))
    parts = split_or_keep(Seeded([0], np.arange(11)), vectors, min_articles=3)
    assert sorted(p.rows.tolist() for p in parts) == [list(range(6)), list(range(6, 11))]
    one_story = normalize(sparse.csr_matrix(rng.uniform(0.5, 1, (11, 10))))
    assert len(split_or_keep(Seeded([0], np.arange(11)), one_story, min_articles=3)) == 1
