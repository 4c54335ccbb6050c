"""Documents to topics: TF-IDF, near-duplicate grouping, a reduced space, k-means, and merging.

Every step is deterministic for a given input order and ``random_state``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse

DUPLICATE_SIMILARITY = 0.9  # TF-IDF cosine above which two entries of one week are one story
DOCS_PER_CLUSTER = 20  # k-means k is the window's stories over this (bounded below)
MAX_CLUSTERS = 400
COMPONENTS = 100  # dimensions of the reduced (LSA) space
SPLIT_SIMILARITY = 0.1  # a cluster whose two halves this week are less alike than this is two stories
SPLIT_MIN_SIDE = 3  # ... when each half holds at least this many of the week's stories


def tfidf(docs: Sequence[list[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    """Sublinear TF-IDF of pre-tokenised documents (terms seen in one document only are dropped)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    min_df = 2 if len(docs) >= 20 else 1
    vectorizer = TfidfVectorizer(
        analyzer=_identity, min_df=min_df, max_df=0.5 if len(docs) >= 20 else 1.0,
        sublinear_tf=True, dtype=np.float32,
    )
    try:
        matrix = vectorizer.fit_transform(docs)
    except ValueError:  # no term at all (empty or all stop words)
        return sparse.csr_matrix((len(docs), 0), dtype=np.float32), []
    return matrix.tocsr(), list(vectorizer.get_feature_names_out())


def _identity(doc: list[str]) -> list[str]:
    return doc


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
    """Group entries that are one story: the same normalised title, or near-identical text in one
    week. Returns, per entry, the index of its group's first entry."""
    n = len(keys)
    uf = _UnionFind(n)
    first: dict[tuple[int, str], int] = {}
    for i, (key, week) in enumerate(zip(keys, weeks, strict=True)):
        if len(key) < 12:  # very short titles ("Éditorial") are not evidence of a copy
            continue
        j = first.setdefault((week, key), i)
        if j != i:
            uf.union(j, i)
    week_arr = np.asarray(weeks)
    for week in np.unique(week_arr):
        rows = np.flatnonzero(week_arr == week)
        if len(rows) < 2 or matrix.shape[1] == 0:
            continue
        block = matrix[rows]
        sims = (block @ block.T).tocoo()
        mask = (sims.row < sims.col) & (sims.data >= threshold)
        for a, b in zip(sims.row[mask], sims.col[mask], strict=True):
            uf.union(int(rows[a]), int(rows[b]))
    return [uf.find(i) for i in range(n)]


def embed(matrix: sparse.csr_matrix, random_state: int) -> np.ndarray:
    """Rows of ``matrix`` in a reduced LSA space, L2-normalised (zero rows stay zero)."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    n, m = matrix.shape
    dims = min(COMPONENTS, n - 1, m - 1)
    if dims < 2:
        return normalize(matrix.toarray()) if m else np.zeros((n, 1), dtype=np.float32)
    svd = TruncatedSVD(n_components=dims, algorithm="randomized", n_iter=4, random_state=random_state)
    reduced = svd.fit_transform(matrix)
    return np.asarray(normalize(reduced), dtype=np.float32)


def kmeans_labels(points: np.ndarray, random_state: int) -> np.ndarray:
    """k-means cluster of each row (-1 for all-zero rows); k grows with the number of rows."""
    from sklearn.cluster import KMeans

    labels = np.full(len(points), -1, dtype=np.int64)
    live = np.flatnonzero(np.abs(points).sum(axis=1) > 0)
    if len(live) == 0:
        return labels
    k = int(min(MAX_CLUSTERS, max(2, round(len(live) / DOCS_PER_CLUSTER)), len(live)))
    if k < 2:
        labels[live] = 0
        return labels
    model = KMeans(n_clusters=k, n_init=1, random_state=random_state, max_iter=100)
    labels[live] = model.fit_predict(points[live])
    return labels


def split_disjoint(
    labels: np.ndarray, matrix: sparse.csr_matrix, now_rows: np.ndarray, random_state: int
) -> np.ndarray:
    """Split a cluster whose stories of the week form two groups with almost no words in common
    (two small stories breaking the same week can share one k-means cluster of a small store)."""
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import normalize

    out = labels.copy()
    next_label = int(labels.max()) + 1 if len(labels) else 0
    now_set = set(int(i) for i in now_rows)
    for c in sorted(set(int(x) for x in labels[now_rows] if x >= 0)):
        members = np.flatnonzero(labels == c)
        now = np.asarray([i for i in members if int(i) in now_set])
        if len(now) < 2 * SPLIT_MIN_SIDE:
            continue
        rows = normalize(matrix[now])
        halves = KMeans(n_clusters=2, n_init=1, random_state=random_state).fit_predict(rows.toarray())
        if min(np.bincount(halves, minlength=2)) < SPLIT_MIN_SIDE:
            continue
        cents = normalize(np.vstack([np.asarray(rows[halves == h].mean(axis=0)) for h in (0, 1)]))
        if float(cents[0] @ cents[1]) >= SPLIT_SIMILARITY:
            continue
        side = np.asarray(normalize(matrix[members]) @ cents.T).argmax(axis=1)
        out[members[side == 1]] = next_label
        next_label += 1
    return out


def merge_similar(centroids: np.ndarray, order: Sequence[int], threshold: float) -> dict[int, int]:
    """Greedy merge in ``order`` (best first): a cluster joins the first earlier group whose
    centroid is within cosine ``threshold``. Returns cluster → group leader."""
    leaders: list[int] = []
    sums: dict[int, np.ndarray] = {}
    out: dict[int, int] = {}
    for c in order:
        vec = centroids[c]
        best, best_sim = -1, threshold
        for lead in leaders:
            total = sums[lead]
            norm = float(np.linalg.norm(total)) * float(np.linalg.norm(vec))
            sim = float(total @ vec) / norm if norm else 0.0
            if sim >= best_sim:
                best, best_sim = lead, sim
        if best < 0:
            leaders.append(c)
            sums[c] = vec.astype(np.float64).copy()
            out[c] = c
        else:
            sums[best] += vec
            out[c] = best
    return out


def top_terms(
    matrix: sparse.csr_matrix,
    rows: Sequence[int] | np.ndarray,
    vocabulary: Sequence[str],
    background: np.ndarray,
    n: int,
) -> list[str]:
    """Terms that distinguish ``rows`` from the background (class-based TF-IDF), best first;
    a word already inside a chosen phrase is skipped."""
    if not len(rows) or matrix.shape[1] == 0:
        return []
    weight = np.asarray(matrix[list(rows)].sum(axis=0)).ravel()
    presence = np.asarray((matrix[list(rows)] > 0).sum(axis=0)).ravel()
    shared = presence >= min(2, len(rows))  # a term of a single document doesn't describe a topic
    score = weight * np.log1p(1.0 / np.maximum(background, 1e-9)) * shared
    picked: list[str] = []
    for idx in np.argsort(-score, kind="stable"):
        if score[idx] <= 0 or len(picked) >= n:
            break
        term = vocabulary[idx]
        if any(term in p.split(" ") or term == p for p in picked):
            continue
        picked = [p for p in picked if not (" " in term and p in term.split(" "))] + [term]
    return picked[:n]


def row_centroid(points: np.ndarray, rows: Sequence[int] | np.ndarray) -> Any:
    """The normalised mean of some rows."""
    mean = points[list(rows)].mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else mean
