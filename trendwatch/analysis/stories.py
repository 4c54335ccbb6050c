"""Entries to stories: near-duplicates counted once, then one TF-IDF row per story.

A story is what a reader counts as one article: the same text republished by several feeds (or
twice by one) is one story carrying every feed it appeared in. Grouping is linear in the week's
size: candidate pairs come from the *rare* terms two entries share (a term carried by few entries
of the week), so no entry is ever compared with every other; only candidates get an exact cosine.
"""

from __future__ import annotations

import bisect
import datetime as dt
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from trendwatch.analysis.boilerplate import NONE as NO_BOILERPLATE
from trendwatch.analysis.boilerplate import Boilerplate, feed_boilerplate
from trendwatch.analysis.text import normalized_title, terms
from trendwatch.store.analysis_reads import WindowEntry

DUPLICATE_SIMILARITY = 0.9  # TF-IDF cosine above which two entries of one week are one story
RARE_DF = 40  # a term carried by at most this many entries of a week can pair two copies
PAIR_SHARE = 0.6  # ... and two entries are candidates when they share this share of their rare terms
CHUNK = 2000  # entries compared or counted at a time (bounds memory at any week size)
TITLE_WEIGHT = 2  # a title's terms count this many times a summary's


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
class StoryWindow:
    """The analysed week and its baseline weeks, as stories with their term vectors."""

    weeks: list[str]  # oldest first; the last is the analysed week
    stories: list[Story]
    matrix: sparse.csr_matrix  # sublinear TF-IDF, one L2-normalised row per story
    vocabulary: list[str]
    sample_rate: float = 1.0  # share of the baseline weeks' entries analysed (1: all)

    @property
    def last(self) -> int:
        return len(self.weeks) - 1

    @property
    def story_weeks(self) -> np.ndarray:
        return np.fromiter((s.week for s in self.stories), dtype=np.int64, count=len(self.stories))

    @property
    def totals(self) -> list[int]:
        """Stories per week, oldest first."""
        return [int(n) for n in np.bincount(self.story_weeks, minlength=len(self.weeks))]


def tfidf(docs: Iterable[list[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    """Sublinear TF-IDF of pre-tokenised documents, rows L2-normalised (hapaxes dropped).

    The matrix scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` gives (from 20 documents on,
    ``min_df=2, max_df=0.5``): same columns, same order within rows, same floats (tested). It is
    counted here with numpy because the vectorizer keeps one Python int per (document, term) pair
    and a dict of every distinct term, hapaxes included (1.4 M terms at 30,000 entries a week):
    with the documents' token lists, that was the analysis's memory peak.
    ``docs`` is read once, one document at a time, so the caller need not hold them all.
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    index: dict[str, int] = {}  # every term of the window, numbered in order of first appearance
    chunks: list[tuple[np.ndarray, ...]] = []
    ids, lengths, n_docs = array("i"), array("q"), 0
    for doc in docs:
        ids.extend([index.setdefault(t, len(index)) for t in doc])
        lengths.append(len(doc))
        if len(lengths) == CHUNK:
            chunks.append(_counted_pairs(ids, lengths, n_docs))
            ids, lengths, n_docs = array("i"), array("q"), n_docs + CHUNK
    if lengths:
        chunks.append(_counted_pairs(ids, lengths, n_docs))
        n_docs += len(lengths)
    n_terms = len(index)
    if not n_terms:  # no term at all (empty or all stop words)
        return sparse.csr_matrix((n_docs, 0), dtype=np.float32), []
    rows, cols, counts = (np.concatenate(part) for part in zip(*chunks, strict=True))
    del chunks
    df = np.bincount(cols, minlength=n_terms)
    low, high = (2, 0.5 * n_docs) if n_docs >= 20 else (1, 1.0 * n_docs)  # min_df, max_df
    kept_ids = np.flatnonzero((df >= low) & (df <= high))
    if not len(kept_ids):
        return sparse.csr_matrix((n_docs, 0), dtype=np.float32), []
    every_term = list(index)
    del index
    vocabulary = sorted(every_term[j] for j in kept_ids.tolist())
    rank = {term: k for k, term in enumerate(vocabulary)}
    column = np.full(n_terms, -1, dtype=np.int32)  # term number -> column (alphabetical), -1: dropped
    column[kept_ids] = [rank[every_term[j]] for j in kept_ids.tolist()]
    del every_term, rank
    cols = column[cols]
    keep = cols >= 0
    indptr = np.zeros(n_docs + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows[keep], minlength=n_docs), out=indptr[1:])
    counts_matrix = sparse.csr_matrix(
        (counts[keep].astype(np.float32), cols[keep], indptr), shape=(n_docs, len(vocabulary))
    )
    weighting = TfidfTransformer(sublinear_tf=True).fit(counts_matrix)
    return sparse.csr_matrix(weighting.transform(counts_matrix, copy=False)), vocabulary


def _counted_pairs(ids: array, lengths: array, first_doc: int) -> tuple[np.ndarray, ...]:
    """(document, term number, count) of each distinct term of a run of documents, sorted by
    document then term number (the order scikit-learn's rows have before columns are renamed)."""
    doc = np.repeat(np.arange(first_doc, first_doc + len(lengths), dtype=np.int64), lengths)
    pairs, counts = np.unique((doc << 32) | np.frombuffer(ids, np.int32), return_counts=True)
    return (pairs >> 32).astype(np.int32), (pairs & 0xFFFFFFFF).astype(np.int32), counts.astype(np.int32)


def story_window(
    entries: Sequence[WindowEntry], weeks: list[str], starts: list[dt.datetime], sample_rate: float = 1.0
) -> StoryWindow:
    """Group the window's entries into stories and vectorise them (titles weigh more than summaries)."""
    week_of = [bisect.bisect_right(starts, e.published) - 1 for e in entries]
    keys = [normalized_title(e.title) for e in entries]
    boilerplate = feed_boilerplate((e.first_feed, e.summary) for e in entries)
    matrix, vocabulary = tfidf(  # terms of one entry at a time
        entry_terms(e, boilerplate.get(e.first_feed, NO_BOILERPLATE)) for e in entries
    )
    groups = duplicate_groups(matrix, keys, week_of)
    by_group: dict[int, Story] = {}
    first_rows: list[int] = []
    for i, e in enumerate(entries):
        story = by_group.get(groups[i])
        if story is None:
            by_group[groups[i]] = Story(  # the summary without its feed's boilerplate, for names too
                [e.entry_id], e.title, e.link, e.published, e.language, week_of[i], e.first_feed,
                sorted(set(e.feeds)), boilerplate.get(e.first_feed, NO_BOILERPLATE).cut(e.summary),
            )
            first_rows.append(i)
        else:
            story.entry_ids.append(e.entry_id)
            story.sources = sorted(set(story.sources) | set(e.feeds))
    return StoryWindow(weeks, list(by_group.values()), matrix[first_rows], vocabulary, sample_rate)


def entry_terms(entry: WindowEntry, boilerplate: Boilerplate = NO_BOILERPLATE) -> list[str]:
    """An entry's terms, its title's ``TITLE_WEIGHT`` times, its feed's ``boilerplate`` cut."""
    summary = boilerplate.cut(entry.summary)
    return terms(entry.title, entry.language) * TITLE_WEIGHT + terms(summary, entry.language)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def duplicate_groups(
    matrix: sparse.csr_matrix, keys: Sequence[str], weeks: Sequence[int],
    threshold: float = DUPLICATE_SIMILARITY,
) -> list[int]:
    """Per entry, the index of its story's first entry: the same normalised title in one week, or
    near-identical text (cosine ≥ ``threshold``) in one week. Rows of ``matrix`` are L2-normalised."""
    n = len(keys)
    uf = _UnionFind(n)
    first: dict[tuple[int, str], int] = {}
    for i, (key, week) in enumerate(zip(keys, weeks, strict=True)):
        if len(key) < 12:  # very short titles ("Éditorial") are not evidence of a copy
            continue
        j = first.setdefault((week, key), i)
        if j != i:
            uf.union(j, i)
    if matrix.shape[1]:
        week_arr = np.asarray(weeks)
        for week in np.unique(week_arr):
            rows = np.flatnonzero(week_arr == week)
            for a, b in _similar_pairs(matrix[rows], threshold):
                uf.union(int(rows[a]), int(rows[b]))
    return [uf.find(i) for i in range(n)]


def _similar_pairs(block: sparse.csr_matrix, threshold: float) -> list[tuple[int, int]]:
    """Pairs (a < b) of rows of ``block`` with cosine ≥ ``threshold``, found through shared rare terms."""
    if block.shape[0] < 2:
        return []
    present = (block > 0).astype(np.float32).tocsr()
    df = np.asarray(present.sum(axis=0)).ravel()
    rare = present[:, np.flatnonzero(df <= RARE_DF)].tocsr()
    n_rare = np.asarray(rare.sum(axis=1)).ravel()
    rare_t = rare.T.tocsr()
    out: list[tuple[int, int]] = []
    for lo in range(0, block.shape[0], CHUNK):
        shared = (rare[lo : lo + CHUNK] @ rare_t).tocoo()
        a = shared.row + lo
        b = shared.col
        need = PAIR_SHARE * np.minimum(n_rare[a], n_rare[b])
        keep = (a < b) & (shared.data >= np.maximum(1.0, need))
        a, b = a[keep], b[keep]
        if not len(a):
            continue
        sims = np.asarray(block[a].multiply(block[b]).sum(axis=1)).ravel()
        hit = sims >= threshold
        out.extend(zip(a[hit].tolist(), b[hit].tolist(), strict=True))
    return out
