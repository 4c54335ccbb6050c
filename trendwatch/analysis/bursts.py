"""Stories of the week found from their bursting words, then checked to be one story each.

1. Every term (word, two-word phrase, digit word) gets a burst: the signed Poisson deviance of
   the number of this week's stories carrying it against its mean weekly *share* over the
   baseline weeks (so one huge baseline week does not drown the others).
2. Bursting terms, best first, seed topics; a term whose stories mostly belong to a topic already
   seeded joins it (co-occurring bursts are one event: "ukraine", "kiev", "poutine").
3. A topic seeded by an everyday word (one seen most baseline weeks) must be several times more
   frequent than usual (a large count of "monde" a little above its share is no story). A topic
   of one term (nothing else bursts with it) whose stories have no other words in common is a
   coincidence ("security", "World", "Lyon" in unrelated titles) and is dropped, unless the term
   is brand new (never seen in the baseline weeks: a new name such as "COP27" is the story) or
   bursts far beyond chance without being an everyday word (a hundred "Guerre en Ukraine : …"
   headlines share little else once its words are gone, titles alone even less).
4. A topic whose stories fall into two groups with no words in common but the seed is split.
5. A lesser topic whose stories largely carry a better topic's leading terms (or the reverse) is
   folded into it: one event, one topic, however many angles.
6. A story carrying only one of its topic's terms stays only when it resembles the topic's
   other stories, and shares something with them besides the topic's words: a seed word brings
   every story using it (a briefing's "… em 60 segundos:" brought a football preview into the
   tax tables). A topic that lost stories this way is checked once more for two stories (step
   4): the stories gone may be what held them together.

Every step is deterministic: no random initialisation anywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from trendwatch.analysis.score import SMOOTHING

JOIN_SHARE = 0.5  # a term joins a topic when this share of its stories of the week are already in it
SEED_STORIES = 2  # stories of the week a term needs to seed or join a topic (a topic needs min_articles)
FRESH_SIMILARITY = 0.2  # ... and only those stories whose cosine to the topic's centre reaches this
EXPAND_STORIES = 2  # a joining term brings its other stories along only when it has this many
MAX_SEEDS = 1500  # bursting terms examined, best first
MAX_TOPICS = 300  # topics seeded at most
EVERYDAY_WEEKS = 0.5  # a word present in this share of the baseline weeks is an everyday word
EVERYDAY_RATIO = 3.0  # ... and seeds a topic only when this many times more frequent than usual
SIGNIFICANT_BURST = 5.0  # a burst (z-like) no chance explains, even over the ~1,500 terms tested
COHERENCE_MIN = 0.03  # mean cosine of a topic's stories, its own terms removed, below which ...
SPLIT_SIMILARITY = 0.1  # two halves of a topic less alike than this are two stories ...
SPLIT_PART = 2  # ... of at least this many stories each (a part below min_articles is then not shown)
ABSORB_SHARE = 0.3  # share of a topic's stories carrying a better topic's leading terms to fold it in
LEAD_TERMS = 3  # leading terms of a topic checked when folding
FOLD_SIMILARITY = 0.6  # cosine of two topics' centres above which they are one story
DOMINANT_SHARE = 0.6  # a term on this share of a topic's stories is what the topic is about
MEMBER_TERMS = 20  # terms of a topic a past story must carry two of to count in its baseline


@dataclass(slots=True)
class Seeded:
    """A topic in the making: its terms (vocabulary indices, best first) and this week's stories."""

    terms: list[int]
    rows: np.ndarray  # story indices of the analysed week, sorted
    past_scale: float = 1.0  # share of the terms' past credited to this topic (after a split)


def week_df(binary: sparse.csr_matrix, story_weeks: np.ndarray, n_weeks: int) -> np.ndarray:
    """Stories carrying each term, per week: an (n_weeks, terms) array."""
    n = binary.shape[0]
    ones = np.ones(n, dtype=np.float32)
    onehot = sparse.csr_matrix((ones, (story_weeks, np.arange(n))), shape=(n_weeks, n))
    return np.asarray((onehot @ binary).todense())


def baseline_share(past: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """Mean weekly share of stories (smoothed), over the baseline weeks that have stories.

    ``past`` is (weeks, k) counts and ``totals`` the stories of each week."""
    live = totals > 0
    if not live.any():
        return np.zeros(past.shape[1:])
    shares = past[live] / totals[live][:, None] if past.ndim == 2 else past[live] / totals[live]
    return np.asarray((shares.sum(axis=0) + SMOOTHING / totals[live].mean()) / live.sum())


def signed_deviance(count: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """sqrt of the Poisson deviance, negative below expectation (z-like); vectorised."""
    count = np.asarray(count, dtype=np.float64)
    expected = np.maximum(np.asarray(expected, dtype=np.float64), 1e-12)
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.where(count > 0, count * np.log(np.maximum(count, 1e-12) / expected), 0.0)
    dev = np.sqrt(np.maximum(0.0, 2.0 * (term - (count - expected))))
    return np.where(count >= expected, dev, -dev)


def term_bursts(df: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """Per term, its burst this week (the last row of ``df``) against the baseline weeks."""
    now = df[-1]
    if not (totals[:-1] > 0).any():
        return np.sqrt(now)
    return signed_deviance(now, totals[-1] * baseline_share(df[:-1], totals[:-1]))


def seed_topics(
    now_bin: sparse.csc_matrix,
    now_rows: np.ndarray,
    burst: np.ndarray,
    df_now: np.ndarray,
    vocabulary: list[str],
    expands: np.ndarray,
    vectors: sparse.csr_matrix,
) -> list[Seeded]:
    """Topics seeded by the week's bursting terms, co-occurring terms grouped (see module doc).

    A term joining a topic brings its other stories along only when ``expands[term]`` and it has
    a few stories: an everyday word ("assemblée") or a pair of stories sharing two common words
    names a topic but must not chain it to unrelated stories. ``vectors`` are the L2-normalised
    TF-IDF rows of ``now_rows``: a story brought along must also resemble the topic."""
    ok = np.flatnonzero((df_now >= SEED_STORIES) & (burst > 0))
    order = sorted(ok.tolist(), key=lambda t: (-burst[t], vocabulary[t]))[:MAX_SEEDS]
    topics: list[Seeded] = []
    member: dict[int, list[int]] = {}
    for t in order:
        rows = now_rows[now_bin.indices[now_bin.indptr[t] : now_bin.indptr[t + 1]]]
        overlap: Counter[int] = Counter(k for r in rows.tolist() for k in member.get(r, ()))
        best = min(overlap.items(), key=lambda kv: (-kv[1], kv[0]), default=None)
        if best is not None and best[1] >= JOIN_SHARE * len(rows):
            topic = topics[best[0]]
            grows = expands[t] and len(rows) >= EXPAND_STORIES
            fresh = np.setdiff1d(rows, topic.rows) if grows else rows[:0]
            if len(fresh):  # a story comes along only when it carries another of the topic's terms
                local = np.searchsorted(now_rows, fresh)
                carried = np.asarray(now_bin[:, topic.terms].tocsr()[local].sum(axis=1)).ravel()
                centre = np.asarray(vectors[np.searchsorted(now_rows, topic.rows)].sum(axis=0)).ravel()
                norm = float(np.linalg.norm(centre))
                alike = np.asarray(vectors[local] @ centre).ravel() / norm if norm else np.zeros(len(local))
                fresh = fresh[(carried >= 1) & (alike >= FRESH_SIMILARITY)]
            topic.terms.append(t)
            topic.rows = np.union1d(topic.rows, fresh)
            k = best[0]
        elif len(topics) < MAX_TOPICS:
            topics.append(Seeded([t], np.sort(rows)))
            fresh, k = rows, len(topics) - 1
        else:
            continue
        for r in fresh.tolist():
            member.setdefault(r, []).append(k)
    return topics


def own_words_removed(matrix: sparse.csr_matrix, rows: np.ndarray, drop: np.ndarray) -> sparse.csr_matrix:
    """Rows of ``matrix`` with the columns ``drop`` zeroed, L2-normalised again."""
    from sklearn.preprocessing import normalize

    sub = matrix[rows].tocsc(copy=True)
    for c in drop.tolist():
        sub.data[sub.indptr[c] : sub.indptr[c + 1]] = 0
    sub = sub.tocsr()
    sub.eliminate_zeros()
    return normalize(sub)


def coherence(vectors: sparse.csr_matrix) -> float:
    """Mean pairwise cosine of L2-normalised rows (zero rows count as unlike everything)."""
    n = vectors.shape[0]
    if n < 2:
        return 1.0
    total = np.asarray(vectors.sum(axis=0)).ravel()
    self_sim = float(vectors.multiply(vectors).sum())
    return max(0.0, (float(total @ total) - self_sim) / (n * (n - 1)))


def two_groups(vectors: sparse.csr_matrix, iterations: int = 10) -> np.ndarray:
    """A deterministic 2-means on the sphere: starts from the row least like the mean and the row
    least like that one. Returns 0/1 per row. Sparse products only (never rows × vocabulary dense)."""
    mean = np.asarray(vectors.mean(axis=0)).ravel()
    a = int(np.argmin(vectors @ mean))
    b = int(np.argmin(np.asarray((vectors @ vectors[a].T).todense()).ravel()))
    centres = np.vstack([vectors[a].toarray().ravel(), vectors[b].toarray().ravel()])
    side = np.full(vectors.shape[0], -1, dtype=np.int64)
    for _ in range(iterations):
        new = np.asarray(np.argmax(np.asarray(vectors @ centres.T), axis=1)).ravel()
        if np.array_equal(new, side):
            break
        side = new
        for h in (0, 1):
            if (side == h).any():
                centres[h] = _unit(np.asarray(vectors[side == h].sum(axis=0)).ravel())
    return side


def split_or_keep(
    topic: Seeded,
    vectors: sparse.csr_matrix,
    min_articles: int,
    binary: sparse.csr_matrix | None = None,
    languages: Sequence[str | None] = (),
) -> list[Seeded]:
    """A topic whose stories form two groups with nothing in common but the seed becomes two
    (``vectors``: its stories' TF-IDF rows with the seed's words removed)."""
    n = len(topic.rows)
    if n < 2 * SPLIT_PART:
        return [topic]
    side = two_groups(vectors)
    sizes = np.bincount(side, minlength=2)
    if sizes.min() < SPLIT_PART:
        return [topic]  # one odd story is no second story
    cents = [np.asarray(vectors[side == h].sum(axis=0)).ravel() for h in (0, 1)]
    norms = [float(np.linalg.norm(c)) for c in cents]
    sim = float(cents[0] @ cents[1]) / (norms[0] * norms[1]) if all(norms) else 0.0
    if sim >= SPLIT_SIMILARITY or _languages_differ(side, languages):
        return [topic]  # alike, or one event told in two languages (their words differ, not their story)
    joined = topic.terms[1:]
    carried_by = [
        carried_terms(binary, topic.rows[side == h], joined) if binary is not None else set(joined)
        for h in (0, 1)
    ]
    parts = []
    for h in (0, 1):  # each part leads with the terms its own stories carry (and the other's do not:
        # the words of the shared seed would fold the two back together); the shared terms last
        own = [t for t in topic.terms[1:] if t in carried_by[h] and t not in carried_by[1 - h]]
        shared = [t for t in topic.terms if t not in own and (t == topic.terms[0] or t in carried_by[h])]
        parts.append(Seeded(own + shared, topic.rows[side == h], float(sizes[h]) / n))
    return parts


def alike_members(
    topic: Seeded,
    matrix: sparse.csr_matrix,
    carried: np.ndarray,
    languages: Sequence[str | None] = (),
    apart: Sequence[np.ndarray | None] = (),
) -> Seeded:
    """``topic`` without the stories that carry only one of its terms (``carried``: per story of
    the topic, how many it carries) and do not resemble the others (cosine to the centre of the
    rest of its stories in their language below ``FRESH_SIMILARITY``): a word seeds a topic with
    every story using it, and "America" brought an essay on yoga and a list of Oscar winners into
    the State of the Union. ``apart``: per story, the columns of the topic's own words (None: not
    judged so); such a story must also share something with the others once they are left out
    (cosine ``COHERENCE_MIN``), for in a short title the term that brought it passes for
    resemblance. A language side of fewer than three stories is kept whole (too few to tell what
    it is like)."""
    rows = topic.rows
    if len(rows) < 3:
        return topic
    keep = np.asarray(carried) >= 2
    langs = np.array([x or "" for x in languages]) if len(languages) == len(rows) else np.full(len(rows), "")
    for lang in np.unique(langs).tolist():
        side = np.flatnonzero(langs == lang)
        if len(side) < 3:
            keep[side] = True
            continue
        vectors = matrix[rows[side]]
        total = np.asarray(vectors.sum(axis=0)).ravel()
        dots = np.asarray(vectors @ total).ravel()  # each story against the sum of the others
        rest = np.sqrt(np.maximum(float(total @ total) - 2 * dots + 1, 1e-12))
        alike = (dots - 1) / rest >= FRESH_SIMILARITY
        for k, i in enumerate(side.tolist()):
            cols = apart[i] if len(apart) == len(rows) else None
            if alike[k] and not keep[i] and cols is not None and len(cols):
                alike[k] = _cosine_without(vectors[k], total, cols) >= COHERENCE_MIN
        keep[side] |= alike
    return topic if keep.all() else Seeded(topic.terms, rows[keep], topic.past_scale)


def _cosine_without(vector: sparse.csr_matrix, total: np.ndarray, cols: np.ndarray) -> float:
    """Cosine of one story (a sparse row) to the sum of the others (``total`` holds it too), the
    columns ``cols`` left out of both. Sparse: never a vocabulary-long copy per story."""
    idx, val = vector.indices, vector.data.astype(np.float64)
    out = np.isin(idx, cols)
    rest_at = total[idx] - val  # the others' sum where the story has words
    dot = float(val[~out] @ rest_at[~out])
    own_sq = float(val[~out] @ val[~out])
    dropped = total[cols].astype(np.float64)
    dropped[np.searchsorted(cols, idx[out])] -= val[out]  # the others' sum on the columns left out
    rest_sq = float(total @ total) - 2 * float(val @ total[idx]) + float(val @ val) - float(dropped @ dropped)
    norms = np.sqrt(own_sq * max(rest_sq, 0.0))
    return dot / norms if norms > 1e-12 else 0.0


def _languages_differ(side: np.ndarray, languages: Sequence[str | None]) -> bool:
    if len(languages) != len(side):
        return False
    pairs = list(zip(languages, side, strict=True))
    main = [Counter(lang for lang, h in pairs if h == k).most_common(1) for k in (0, 1)]
    return bool(main[0] and main[1] and main[0][0][0] != main[1][0][0])


def carried_terms(binary: sparse.csr_matrix, rows: np.ndarray, terms: list[int]) -> set[int]:
    """The ``terms`` carried by at least half of ``rows``."""
    if not terms:
        return set()
    share = np.asarray(binary[rows][:, terms].mean(axis=0)).ravel()
    return {t for t, x in zip(terms, share, strict=True) if x >= 0.5}


def carried(binary_rows: sparse.csr_matrix, columns: list[int]) -> float:
    """Share of rows carrying at least one of ``columns`` (0 when fewer than two rows do: one
    story in common is no evidence that two topics tell one story)."""
    if not columns or binary_rows.shape[0] == 0:
        return 0.0
    hits = np.asarray(binary_rows[:, columns].sum(axis=1)).ravel() > 0
    return float(hits.mean()) if hits.sum() >= 2 else 0.0


def fold_angles(
    binary: sparse.csr_matrix,
    matrix: sparse.csr_matrix,
    ranked: list[Seeded],
    binding: np.ndarray | None = None,
    languages: list[str | None] | None = None,
    leads: list[list[int]] | None = None,
) -> list[Seeded]:
    """Fold each topic (best first) into the first better one whose leading terms (``leads``: per
    topic, the columns that count as them, e.g. with the other forms of a name) a good share of
    its stories carry, or whose stories carry its own leading terms, or whose stories read alike
    (centres of their TF-IDF rows close), or, for two topics in different ``languages`` (each
    topic's main language), when both are about the same term (``binding``: a bool per term, e.g. a
    name, on most stories of both — the French and the English side of one brand's crisis share
    nothing else): one event, one topic. Two topics in one language are never folded for one word
    they share, even a common word bursting this week: "euro" bursts the week of a women's Euro
    and a euro-zone debt scare, two stories. Pairs are compared on the topics' own stories, all at
    once (sparse products), not merged ones."""
    n = len(ranked)
    if n < 2:
        return [Seeded(list(t.terms), t.rows, t.past_scale) for t in ranked]
    stories = binary.shape[0]
    member = sparse.csr_matrix(
        (
            np.ones(sum(len(t.rows) for t in ranked), dtype=np.float32),
            (
                np.repeat(np.arange(n), [len(t.rows) for t in ranked]),
                np.concatenate([t.rows for t in ranked]),
            ),
        ),
        shape=(n, stories),
    )
    csc = binary.tocsc()
    lead_cols = [
        sparse.csr_matrix((np.asarray(csc[:, lead].sum(axis=1)).ravel() > 0).astype("f4"))
        for lead in (leads or [t.terms[:LEAD_TERMS] for t in ranked])
    ]
    carries = sparse.vstack(lead_cols).T.tocsr()  # stories × topics: carries the topic's lead terms
    hits = np.asarray((member @ carries).todense())  # hits[b, a]: b's stories carrying a's lead terms
    sizes = np.asarray(member.sum(axis=1)).ravel()
    share = np.where(hits >= 2, hits / np.maximum(sizes, 1)[:, None], 0.0)
    from sklearn.preprocessing import normalize

    centres = normalize(member @ matrix)
    alike = np.asarray((centres @ centres.T).todense())
    same_subject = _about_one_term(member, binary, sizes, binding)
    if languages is not None:  # within one language, the other rules decide
        lang = np.array([x or "" for x in languages])
        same_subject &= (lang[:, None] != lang[None, :]) & (lang[:, None] != "") & (lang[None, :] != "")

    def related(a: int, b: int) -> bool:
        return bool(
            max(share[b, a], share[a, b]) >= ABSORB_SHARE
            or alike[a, b] >= FOLD_SIMILARITY
            or same_subject[a, b]
        )

    # a group is judged by its core, the member topic with most stories: a small topic touching two
    # events (three stories naming "Istanbul": the grain deal signed there, the athletics there)
    # must not become a hub chaining both events into one topic
    kept: list[tuple[list[int], Seeded]] = []
    for b, topic in enumerate(ranked):
        target = next((g for g in kept if related(_core(g[0], sizes), b)), None)
        if target is None:
            kept.append(([b], Seeded(list(topic.terms), topic.rows, topic.past_scale)))
        else:
            target[0].append(b)
            target[1].terms.extend(t for t in topic.terms if t not in target[1].terms)
            target[1].rows = np.union1d(target[1].rows, topic.rows)
    return [k for _, k in kept]


def _core(members: list[int], sizes: np.ndarray) -> int:
    """The member topic with most stories (the first on ties: the better ranked)."""
    return max(members, key=lambda m: (sizes[m], -m))


def _about_one_term(
    member: sparse.csr_matrix, binary: sparse.csr_matrix, sizes: np.ndarray, terms: np.ndarray | None
) -> np.ndarray:
    """Pairs of topics (n × n bools) that both have one of ``terms`` (a bool per term) on at least
    ``DOMINANT_SHARE`` of their stories."""
    n = member.shape[0]
    if terms is None or not terms.any():
        return np.zeros((n, n), dtype=bool)
    cover = sparse.csr_matrix(member @ binary[:, np.flatnonzero(terms)])  # topics × terms
    cover = sparse.csr_matrix(cover.multiply(1.0 / np.maximum(sizes, 1)[:, None]))
    dominant = sparse.csr_matrix((cover >= DOMINANT_SHARE).astype(np.float32))
    return np.asarray((dominant @ dominant.T).todense()) > 0


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
