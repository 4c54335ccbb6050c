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
from trendwatch.analysis.model import Article, Topic, WeekAnalysis
from trendwatch.analysis.score import Emergence, emergence
from trendwatch.analysis.text import normalized_title, surface_forms, terms
from trendwatch.analysis.weeks import parse_week, previous_weeks, week_bounds
from trendwatch.config import Settings
from trendwatch.errors import AnalysisError

MERGE_SIMILARITY = 0.4  # cosine (LSA space) above which two emerging clusters are one story
ABSORB_SHARE = 0.3  # share of a topic's documents carrying a better topic's leading term to fold it in
ABSORB_BOTH_WAYS = True  # ... or when most of the better topic's documents carry this one's
SIGNATURE_TERMS = 3  # leading terms of a topic checked for absorption
SIGNATURE_BURST = 2.0  # ... only those at least this many times more frequent than in the baseline
KEYWORDS = 10
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


def _load_window(con: Any, start: dt.datetime, end: dt.datetime) -> list[tuple[Any, ...]]:
    try:
        return con.execute(WINDOW_SQL, [start, end]).fetchall()
    except Exception as e:  # duckdb.Error, without importing duckdb at module level
        raise AnalysisError(
            f"can't read entries between {start:%Y-%m-%d} and {end:%Y-%m-%d} from the store: {e}. "
            "Is it a trendwatch store? Run `trendwatch ingest` first."
        ) from e


def _stories(rows: list[tuple[Any, ...]], starts: list[dt.datetime], random_state: int) -> tuple[
    list[Story], list[list[str]]
]:
    """Group the window's entries into stories; also returns each story's terms."""
    docs, weeks, keys = [], [], []
    for entry_id, title, summary, _link, published, language, _first, _feeds in rows:
        docs.append(terms(f"{title}. {summary}", language))
        weeks.append(bisect.bisect_right(starts, published) - 1)
        keys.append(normalized_title(title))
    matrix, _ = cl.tfidf(docs)
    groups = cl.duplicate_groups(matrix, keys, weeks)
    by_group: dict[int, Story] = {}
    story_terms: list[list[str]] = []
    for i, row in enumerate(rows):
        entry_id, title, _summary, link, published, language, first, feeds = row
        names = list(feeds or []) or [first]
        story = by_group.get(groups[i])
        if story is None:
            by_group[groups[i]] = Story([entry_id], title, link, _utc(published), language, weeks[i], first,
                                        sorted(set(names)))
            story_terms.append(docs[i])
        else:
            story.entry_ids.append(entry_id)
            story.sources = sorted(set(story.sources) | set(names))
    return list(by_group.values()), story_terms


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _topic_id(words: list[str]) -> str:
    """Stable id from a topic's core words: the same words, the same id (links week to week)."""
    return hashlib.sha1(" ".join(sorted(words)).encode("utf-8")).hexdigest()[:12]


def _core_words(stories: list[Story], rows: list[int], n: int) -> list[str]:
    """The single words most of a topic's titles share (ties broken alphabetically)."""
    df: Counter[str] = Counter()
    for i in rows:
        df.update({t for t in terms(stories[i].title, stories[i].language, ngram_max=1)})
    return [w for w, _ in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def analyse_week(con: Any, settings: Settings, week: str) -> WeekAnalysis:
    """Emerging topics of ``week`` against the [analysis] baseline_weeks before it, best first."""
    week = parse_week(week)
    tz = settings.digest.timezone
    opts = settings.analysis
    weeks = previous_weeks(week, opts.baseline_weeks) + [week]
    bounds = [week_bounds(w, tz) for w in weeks]
    starts = [b[0] for b in bounds]
    start, end = bounds[-1]
    rows = _load_window(con, starts[0], end)
    stories, story_terms = _stories(rows, starts, opts.random_state)
    now_entries = sum(1 for r in rows if _utc(r[4]) >= start)
    now_sources = sorted({s for st in stories if st.week == len(weeks) - 1 for s in st.sources})
    totals = [0] * len(weeks)
    for st in stories:
        totals[st.week] += 1
    result = WeekAnalysis(
        week=week, start=start, end=end, n_entries=now_entries, n_sources=len(now_sources),
        baseline_weeks=weeks[:-1], baseline_entries=len(rows) - now_entries, topics=[],
    )
    _history_notes(result, totals)
    if totals[-1] == 0:
        result.notes.append(f"No entries were published in {week}: no topics to report.")
        return result
    if totals[-1] < MIN_WEEK_ENTRIES:
        result.notes.append(
            f"Only {totals[-1]} stories were published in {week}: too few to tell a trend from noise."
        )
    if len(now_sources) == 1:
        result.notes.append(
            f"All of {week}'s entries come from one feed ({now_sources[0]}): topics show what it covered, "
            "not what is trending across sources. Add feeds for a broader view."
        )
    result.topics = _topics(stories, story_terms, weeks, totals, len(now_sources), settings)
    if not result.topics:
        result.notes.append(f"Nothing in {week} grew beyond its usual share of the news: no emerging topic.")
    return result


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


def _topics(
    stories: list[Story], story_terms: list[list[str]], weeks: list[str], totals: list[int],
    active_sources: int, settings: Settings,
) -> list[Topic]:
    opts = settings.analysis
    last = len(totals) - 1
    matrix, vocabulary = cl.tfidf(story_terms)
    points = cl.embed(matrix, opts.random_state)
    labels = cl.kmeans_labels(points, opts.random_state)
    story_weeks = np.array([s.week for s in stories])
    now_rows = np.flatnonzero(story_weeks == last)
    clusters = sorted({int(labels[i]) for i in now_rows if labels[i] >= 0})
    if not clusters:
        return []
    scored = {c: _score(np.flatnonzero(labels == c), stories, totals, active_sources) for c in clusters}
    emerging = [c for c in clusters if scored[c].deviance > 0]
    order = sorted(emerging, key=lambda c: (-scored[c].score, c))
    centroids = {c: cl.row_centroid(points, [i for i in now_rows if labels[i] == c]) for c in emerging}
    dense = np.zeros((max(clusters) + 1, points.shape[1]), dtype=np.float64)
    for c, vec in centroids.items():
        dense[c] = vec
    leaders = cl.merge_similar(dense, order, MERGE_SIMILARITY)
    groups: dict[int, list[int]] = {}
    for c in order:
        groups.setdefault(leaders[c], []).append(c)
    binary = (matrix > 0).tocsr().astype(np.float32)
    background = np.asarray(binary.mean(axis=0)).ravel() if matrix.shape[1] else np.zeros(0)
    merged = _absorb(
        [np.flatnonzero(np.isin(labels, members)) for members in groups.values()],
        stories, binary, vocabulary, background, matrix, story_weeks, totals, active_sources,
    )
    topics = []
    for rows in merged:
        topic = _make_topic(rows, stories, matrix, vocabulary, background, points, weeks, totals, active_sources,
                            settings)
        if topic is not None:
            topics.append(topic)
    topics.sort(key=lambda t: (-t.score, t.topic_id))
    seen: Counter[str] = Counter()
    for t in topics:  # two topics of one week sharing their core words: the lesser gets a suffix
        seen[t.topic_id] += 1
        if seen[t.topic_id] > 1:
            t.topic_id = f"{t.topic_id}-{seen[t.topic_id]}"
    return topics


def _absorb(
    groups: list[np.ndarray], stories: list[Story], binary: Any, vocabulary: list[str], background: np.ndarray,
    matrix: Any, story_weeks: np.ndarray, totals: list[int], active_sources: int,
) -> list[np.ndarray]:
    """Fold a topic into a better-scored one when most of its documents this week carry one of
    that topic's leading terms that burst this week (one story seen from several angles)."""
    last = len(totals) - 1
    now_mask = story_weeks == last
    df_now = np.asarray(binary[np.flatnonzero(now_mask)].sum(axis=0)).ravel()
    df_past = np.asarray(binary[np.flatnonzero(~now_mask)].sum(axis=0)).ravel()
    past_total = max(1, sum(totals[:-1]))
    burst = (df_now / max(1, totals[last])) / ((df_past + 0.5) / (past_total + 1))
    index = {t: i for i, t in enumerate(vocabulary)}
    scored = sorted(groups, key=lambda r: -_score(r, stories, totals, active_sources).score)
    def carried(docs: np.ndarray, signature: list[int]) -> float:
        if not signature or not len(docs):
            return 0.0
        return float((np.asarray(binary[docs][:, signature].sum(axis=1)).ravel() > 0).mean())

    kept: list[tuple[list[int], np.ndarray, list[np.ndarray]]] = []
    for rows in scored:
        now = rows[now_mask[rows]]
        keys = cl.top_terms(matrix, list(now), vocabulary, background, SIGNATURE_TERMS)
        words = dict.fromkeys(w for k in keys for w in [k, *k.split(" ")] if w in index)
        signature = [index[w] for w in words if burst[index[w]] >= SIGNATURE_BURST]
        target = next(
            (parts for sig, lead, parts in kept
             if max(carried(now, sig), carried(lead, signature) if ABSORB_BOTH_WAYS else 0.0) >= ABSORB_SHARE),
            None,
        )
        if target is not None:
            target.append(rows)
        else:
            kept.append((signature, now, [rows]))
    return [np.unique(np.concatenate(parts)) for _, _, parts in kept]


def _score(rows: np.ndarray, stories: list[Story], totals: list[int], active_sources: int) -> Emergence:
    last = len(totals) - 1
    counts = [0] * len(totals)
    sources: Counter[str] = Counter()
    for i in rows:
        st = stories[i]
        counts[st.week] += 1
        if st.week == last:
            sources.update(st.sources)
    return emergence(counts[last], counts[:-1], totals[:-1], totals[last], sources, active_sources)


def _make_topic(
    rows: np.ndarray, stories: list[Story], matrix: Any, vocabulary: list[str], background: np.ndarray,
    points: np.ndarray, weeks: list[str], totals: list[int], active_sources: int, settings: Settings,
) -> Topic | None:
    opts = settings.analysis
    last = len(totals) - 1
    now = [int(i) for i in rows if stories[i].week == last]
    sources = sorted({s for i in now for s in stories[i].sources})
    if len(now) < opts.min_articles or len(sources) < opts.min_sources:
        return None
    em = _score(rows, stories, totals, active_sources)
    has_baseline = any(n > 0 for n in totals[:-1])
    if has_baseline and em.deviance <= 0:
        return None
    centre = cl.row_centroid(points, now)
    closeness = points[now] @ centre
    ranked = [now[j] for j in np.argsort(-closeness, kind="stable")]
    keys = cl.top_terms(matrix, now, vocabulary, background, KEYWORDS)
    forms = surface_forms([(stories[i].title, stories[i].language) for i in ranked[:30]])
    keywords = [forms.get(k, k) for k in keys]
    counts = [0] * len(totals)
    for i in rows:
        counts[stories[i].week] += 1
    languages = Counter(stories[i].language for i in now if stories[i].language)
    status = "new" if em.baseline_mean < 0.5 else ("emerging" if em.ratio >= 2 else "growing")
    return Topic(
        topic_id=_topic_id(_core_words(stories, now, CORE_WORDS)),
        label=stories[ranked[0]].title.strip() or (keywords[0] if keywords else "untitled"),
        keywords=keywords,
        score=round(em.score if has_baseline else math.sqrt(len(now)) * em.breadth, 4),
        n_articles=len(now),
        n_sources=len(sources),
        baseline_mean=round(em.baseline_mean, 2),
        weekly_counts=list(zip(weeks, counts, strict=True)),
        articles=[_article(stories[i]) for i in ranked[:ARTICLES]],
        entry_ids=[e for i in ranked for e in stories[i].entry_ids],
        language=languages.most_common(1)[0][0] if languages else None,
        status=status if has_baseline else "new",
    )


def _article(story: Story) -> Article:
    return Article(
        entry_id=story.entry_ids[0], title=story.title, url=story.url, published=story.published,
        source=story.source, sources=list(story.sources),
    )
