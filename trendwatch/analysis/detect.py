"""Emerging topics of one ISO week, measured against the weeks before it.

``analyse_week`` reads only the entries published in the week and its baseline weeks (by their
``published`` date in the [digest] time zone, never by when they were fetched or by stored
digests), so a backfilled store gives the same answer as weekly runs. Steps: terms per entry
(text.py), near-duplicates grouped into stories, TF-IDF → LSA → k-means over the whole window
(cluster.py), each cluster's weekly share scored against its own past (score.py), emerging
clusters of one story merged, labelled and ranked.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from trendwatch.analysis import cluster as cl
from trendwatch.analysis import merge
from trendwatch.analysis.model import Article, Topic, WeekAnalysis
from trendwatch.analysis.score import Emergence, emergence
from trendwatch.analysis.text import normalized_title, surface_forms, terms
from trendwatch.analysis.weeks import parse_week, previous_weeks, week_bounds
from trendwatch.config import Settings
from trendwatch.errors import AnalysisError

MERGE_SIMILARITY = 0.4  # cosine (LSA space) above which two emerging clusters are one story
KEYWORDS = 10
MAX_BASELINE_ENTRIES = 30_000  # above this the baseline is sampled (analysis time grows with it)
BLAS_THREADS = 1
CORE_WORDS = 2  # words a topic id is derived from
ARTICLES = 5
MIN_WEEK_ENTRIES = 5  # below this a week is too thin to call anything a trend

WINDOW_SQL = """
SELECT e.entry_id, coalesce(e.title, '') AS title, coalesce(e.summary, '') AS summary, e.link,
       e.published, e.language,
       coalesce(nullif(f0.name, ''), nullif(f0.title, ''), e.feed_id) AS first_feed,
       list(DISTINCT coalesce(nullif(f.name, ''), nullif(f.title, ''), ef.feed_id))
           FILTER (WHERE ef.feed_id IS NOT NULL) AS feed_names
FROM entries e
LEFT JOIN feeds f0 ON f0.feed_id = e.feed_id
LEFT JOIN entry_feeds ef ON ef.entry_id = e.entry_id
LEFT JOIN feeds f ON f.feed_id = ef.feed_id
WHERE e.published >= ? AND e.published < ?
GROUP BY ALL
ORDER BY e.published, e.entry_id
"""


@dataclass(slots=True)
class Story:
    """Near-duplicate entries counted once: what a topic is made of."""

    entry_ids: list[str]
    title: str
    url: str | None
    published: dt.datetime
    language: str | None
    week: int  # index into the window's weeks; the last is the analysed week
    source: str
    sources: list[str] = field(default_factory=list)
    summary: str = ""


@dataclass(slots=True)
class Window:
    """The analysed week and its baseline weeks: stories and their vectors."""

    weeks: list[str]  # oldest first; the last is the analysed week
    totals: list[int]  # stories per week
    stories: list[Story]
    matrix: Any  # TF-IDF, one row per story
    vocabulary: list[str]
    active_sources: int  # feeds with a story in the analysed week
    settings: Settings
    sample_rate: float = 1.0  # share of the baseline weeks' entries analysed (1: all)
    story_weeks: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    binary: Any = None  # term presence, one row per story
    background: np.ndarray = field(default_factory=lambda: np.zeros(0))  # share of stories carrying a term
    points: np.ndarray = field(default_factory=lambda: np.zeros((0, 1)))  # stories in the LSA space

    @property
    def last(self) -> int:
        return len(self.weeks) - 1

    def now(self, rows: np.ndarray) -> np.ndarray:
        """The rows among ``rows`` that belong to the analysed week."""
        return rows[self.story_weeks[rows] == self.last]


def _load_window(con: Any, start: dt.datetime, end: dt.datetime) -> list[tuple[Any, ...]]:
    try:
        return list(con.execute(WINDOW_SQL, [start, end]).fetchall())
    except Exception as e:  # duckdb.Error, without importing duckdb at module level
        raise AnalysisError(
            f"can't read entries between {start:%Y-%m-%d} and {end:%Y-%m-%d} from the store: {e}. "
            "Is it a trendwatch store? Run `trendwatch ingest` first."
        ) from e


def _sample_baseline(rows: list[tuple[Any, ...]], start: dt.datetime) -> tuple[list[tuple[Any, ...]], float]:
    """Keep every entry of the analysed week and, when the baseline is very large, a fixed share of
    its entries chosen by a hash of their id (so every run, weekly or backfilled, picks the same)."""
    baseline = sum(1 for r in rows if _utc(r[4]) < start)
    if baseline <= MAX_BASELINE_ENTRIES:
        return rows, 1.0
    rate = MAX_BASELINE_ENTRIES / baseline
    kept = [r for r in rows if _utc(r[4]) >= start or _unit_hash(str(r[0])) < rate]
    return kept, rate


def _unit_hash(text: str) -> float:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) / 0x100000000


def _stories(rows: list[tuple[Any, ...]], starts: list[dt.datetime]) -> tuple[list[Story], Any, list[str]]:
    """Group the window's entries into stories; returns them with their TF-IDF rows and vocabulary."""
    docs, weeks, keys = [], [], []
    for _entry_id, title, summary, _link, published, language, _first, _feeds in rows:
        docs.append(terms(f"{title}. {summary}", language))
        weeks.append(bisect.bisect_right(starts, _utc(published)) - 1)
        keys.append(normalized_title(title))
    matrix, vocabulary = cl.tfidf(docs)
    groups = cl.duplicate_groups(matrix, keys, weeks)
    by_group: dict[int, Story] = {}
    first_rows: list[int] = []
    for i, (entry_id, title, summary, link, published, language, first, feeds) in enumerate(rows):
        names = list(feeds or []) or [first]
        story = by_group.get(groups[i])
        if story is None:
            by_group[groups[i]] = Story(
                [entry_id], title, link, _utc(published), language, weeks[i], first, sorted(set(names)),
                summary,
            )
            first_rows.append(i)
        else:
            story.entry_ids.append(entry_id)
            story.sources = sorted(set(story.sources) | set(names))
    return list(by_group.values()), matrix[first_rows], vocabulary


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _topic_id(words: list[str]) -> str:
    """Stable id from a topic's core words: the same words, the same id (links week to week)."""
    return hashlib.sha1(" ".join(sorted(words)).encode("utf-8")).hexdigest()[:12]


def _core_words(stories: list[Story], rows: list[int], n: int) -> list[str]:
    """The single words most of a topic's titles share (ties broken alphabetically)."""
    df: Counter[str] = Counter()
    for i in rows:
        df.update(set(terms(stories[i].title, stories[i].language, ngram_max=1)))
    return [w for w, _ in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def analyse_week(con: Any, settings: Settings, week: str) -> WeekAnalysis:
    """Emerging topics of ``week`` against the [analysis] baseline_weeks before it, best first."""
    week = parse_week(week)
    weeks = previous_weeks(week, settings.analysis.baseline_weeks) + [week]
    bounds = [week_bounds(w, settings.digest.timezone) for w in weeks]
    starts = [b[0] for b in bounds]
    start, end = bounds[-1]
    all_rows = _load_window(con, starts[0], end)
    now_entries = sum(1 for r in all_rows if _utc(r[4]) >= start)
    rows, rate = _sample_baseline(all_rows, start)
    stories, matrix, vocabulary = _stories(rows, starts)
    now_sources = sorted({s for st in stories if st.week == len(weeks) - 1 for s in st.sources})
    totals = [0] * len(weeks)
    for st in stories:
        totals[st.week] += 1
    result = WeekAnalysis(
        week=week, start=start, end=end, n_entries=now_entries, n_sources=len(now_sources),
        baseline_weeks=weeks[:-1], baseline_entries=len(all_rows) - now_entries, topics=[],
    )
    _history_notes(result, totals)
    if rate < 1:
        result.notes.append(
            f"The baseline weeks hold {result.baseline_entries} entries: a fixed sample of {rate:.0%} "
            "of them "
            "(the same entries at every run) was used to measure growth, for speed."
        )
    if totals[-1] == 0:
        result.notes.append(f"No entries were published in {week}: no topics to report.")
        return result
    if totals[-1] < MIN_WEEK_ENTRIES:
        result.notes.append(
            f"Only {totals[-1]} {'story was' if totals[-1] == 1 else 'stories were'} published in {week}: "
            "too few to tell a trend from noise."
        )
    if len(now_sources) == 1:
        result.notes.append(
            f"All of {week}'s entries come from one feed ({now_sources[0]}): topics show what it covered, "
            "not what is trending across sources. Add feeds for a broader view."
        )
    window = Window(weeks, totals, stories, matrix, vocabulary, len(now_sources), settings, rate)
    with _few_threads():  # small matrices: BLAS threads only add contention on a shared machine
        result.topics = _topics(window)
    if not result.topics and any(totals[:-1]):
        result.notes.append(f"Nothing in {week} grew beyond its usual share of the news: no emerging topic.")
    elif not result.topics:
        result.notes.append(
            f"No subject of {week} had at least {settings.analysis.min_articles} articles from "
            f"{settings.analysis.min_sources} source(s): no topic to report."
        )
    return result


def _few_threads() -> Any:
    try:
        from threadpoolctl import threadpool_limits  # installed with scikit-learn
    except ImportError:  # pragma: no cover
        import contextlib

        return contextlib.nullcontext()
    return threadpool_limits(limits=BLAS_THREADS)


def _history_notes(result: WeekAnalysis, totals: list[int]) -> None:
    with_data = sum(1 for n in totals[:-1] if n > 0)
    if with_data == 0:
        result.notes.append(
            "No baseline yet: nothing was published in the weeks before, so topics are the week's "
            "largest, not proven trends. Growth is measured once earlier weeks are in the store."
        )
    elif with_data < len(totals) - 1:
        result.notes.append(
            f"Only {with_data} of the {len(totals) - 1} baseline weeks have entries: growth figures are "
            "less reliable until the store holds more history."
        )


def _topics(win: Window) -> list[Topic]:
    """Cluster the window, keep clusters growing this week, merge those of one story, rank."""
    seed = win.settings.analysis.random_state
    win.story_weeks = np.array([s.week for s in win.stories], dtype=np.int64)
    win.binary = (win.matrix > 0).tocsr().astype(np.float32)
    win.background = np.asarray(win.binary.mean(axis=0)).ravel() if win.matrix.shape[1] else np.zeros(0)
    win.points = cl.embed(win.matrix, seed)
    labels = cl.kmeans_labels(win.points, seed)
    now_rows = win.now(np.arange(len(win.stories)))
    labels = cl.split_disjoint(labels, win.matrix, now_rows, seed)
    clusters = sorted({int(labels[i]) for i in now_rows if labels[i] >= 0})
    if not clusters:
        return []
    members = {c: np.flatnonzero(labels == c) for c in clusters}
    scored = {c: _score(win, members[c]) for c in clusters}
    emerging = sorted((c for c in clusters if scored[c].deviance > 0), key=lambda c: (-scored[c].score, c))
    centroids = np.zeros((max(clusters) + 1, win.points.shape[1]), dtype=np.float64)
    for c in emerging:
        centroids[c] = cl.row_centroid(win.points, win.now(members[c]))
    leaders = cl.merge_similar(centroids, emerging, MERGE_SIMILARITY)
    groups: dict[int, list[np.ndarray]] = {}
    for c in emerging:
        groups.setdefault(leaders[c], []).append(members[c])
    merged = merge.absorb(win, [np.concatenate(parts) for parts in groups.values()], _score)
    merged = merge.claim_titles(win, merged, _score)
    topics = [t for t in (_make_topic(win, np.sort(rows)) for rows in merged) if t is not None]
    topics.sort(key=lambda t: (-t.score, t.topic_id))
    seen: Counter[str] = Counter()
    for t in topics:  # two topics of one week sharing their core words: the lesser gets a suffix
        seen[t.topic_id] += 1
        if seen[t.topic_id] > 1:
            t.topic_id = f"{t.topic_id}-{seen[t.topic_id]}"
    return topics


def _score(win: Window, rows: np.ndarray) -> Emergence:
    counts = _weekly_counts(win, rows)
    sources: Counter[str] = Counter()
    for i in win.now(rows):
        sources.update(win.stories[i].sources)
    return emergence(counts[-1], counts[:-1], win.totals[:-1], win.totals[-1], sources, win.active_sources)


def _weekly_counts(win: Window, rows: np.ndarray) -> list[int]:
    return [int(n) for n in np.bincount(win.story_weeks[rows], minlength=len(win.weeks))]


def _shown_counts(win: Window, rows: np.ndarray) -> list[int]:
    """Weekly counts as shown: sampled baseline weeks scaled back to the whole."""
    counts = _weekly_counts(win, rows)
    return [round(c / win.sample_rate) for c in counts[:-1]] + counts[-1:]


def _make_topic(win: Window, rows: np.ndarray) -> Topic | None:
    """The topic shown for some stories, or None when too small, too narrow or not growing."""
    opts = win.settings.analysis
    now = [int(i) for i in win.now(rows)]
    stories = win.stories
    sources = sorted({s for i in now for s in stories[i].sources})
    if len(now) < opts.min_articles or len(sources) < opts.min_sources:
        return None
    em = _score(win, rows)
    has_baseline = any(n > 0 for n in win.totals[:-1])
    if has_baseline and (em.deviance <= 0 or em.score < opts.min_score):
        return None  # not growing, or growth within noise (a steady theme, one feed's routine)
    closeness = win.points[now] @ cl.row_centroid(win.points, now)
    ranked = [now[j] for j in np.argsort(-closeness, kind="stable")]
    keys = cl.top_terms(win.matrix, now, win.vocabulary, win.background, KEYWORDS)
    texts = [(f"{stories[i].title}. {stories[i].summary}", stories[i].language) for i in ranked[:30]]
    forms = surface_forms(texts)  # keywords shown as written: accents, capitals, inner "de"
    keywords = [forms.get(k, k) for k in keys]
    languages = Counter(stories[i].language for i in now if stories[i].language)
    status = "new" if em.baseline_mean < 0.5 else ("emerging" if em.ratio >= 2 else "growing")
    return Topic(
        topic_id=_topic_id(_core_words(stories, now, CORE_WORDS)),
        label=stories[ranked[0]].title.strip() or (keywords[0] if keywords else "untitled"),
        keywords=keywords,
        score=round(em.score if has_baseline else math.sqrt(len(now)) * em.breadth, 4),
        n_articles=len(now),
        n_sources=len(sources),
        baseline_mean=round(em.baseline_mean / win.sample_rate, 2),
        weekly_counts=list(zip(win.weeks, _shown_counts(win, rows), strict=True)),
        articles=[_article(stories[i]) for i in ranked[:ARTICLES]],
        entry_ids=[e for i in ranked for e in stories[i].entry_ids],
        language=languages.most_common(1)[0][0] if languages else None,
        status=status if has_baseline else "new",
    )


def _article(story: Story) -> Article:
    return Article(
        entry_id=story.entry_ids[0], title=story.title, url=story.url, published=story.published,
        source=story.source, sources=list(story.sources), summary=story.summary,
    )
