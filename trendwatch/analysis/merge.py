"""One story, one topic: folding growing clusters that tell the same story into the best one.

A big event splits into several clusters (its angles: diplomacy, markets, reactions). A topic is
folded into a better-scored one when enough of either's documents this week carry the other's
leading words that burst this week; then single stories whose title names a better topic's
bursting leading term move to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from trendwatch.analysis import cluster as cl
from trendwatch.analysis.text import terms

if TYPE_CHECKING:
    from trendwatch.analysis.detect import Window

ScoreFn = Callable[["Window", np.ndarray], Any]  # returns an object with a ``score``

ABSORB_SHARE = 0.3  # share of a topic's documents carrying a better topic's leading words to fold it in
ABSORB_BOTH_WAYS = True  # ... or share of the better topic's documents carrying this one's
SIGNATURE_TERMS = 3  # leading terms of a topic checked
SIGNATURE_BURST = 2.0  # ... only those whose share of documents is at least this many times the baseline's


def term_burst(win: Window) -> np.ndarray:
    """Per term: its share of this week's stories over its (smoothed) share of the baseline's."""
    now_mask = win.story_weeks == win.last
    df_now = np.asarray(win.binary[np.flatnonzero(now_mask)].sum(axis=0)).ravel()
    df_past = np.asarray(win.binary[np.flatnonzero(~now_mask)].sum(axis=0)).ravel()
    past_total = sum(win.totals[:-1])
    return np.asarray((df_now / max(1, win.totals[-1])) / ((df_past + 0.5) / (past_total + 1)))


def absorb(win: Window, groups: list[np.ndarray], score: ScoreFn) -> list[np.ndarray]:
    """Fold a topic into a better-scored one when enough of either's documents this week carry the
    other's leading words that burst this week (one story seen from several angles)."""
    burst = term_burst(win)
    index = {t: i for i, t in enumerate(win.vocabulary)}

    def carried(docs: np.ndarray, signature: list[int]) -> float:
        if not signature or not len(docs):
            return 0.0
        return float((np.asarray(win.binary[docs][:, signature].sum(axis=1)).ravel() > 0).mean())

    kept: list[tuple[list[int], np.ndarray, list[np.ndarray]]] = []
    for rows in sorted(groups, key=lambda r: -score(win, r).score):
        now = win.now(rows)
        keys = cl.top_terms(win.matrix, now, win.vocabulary, win.background, SIGNATURE_TERMS)
        words = dict.fromkeys(w for k in keys for w in [k, *k.split(" ")] if w in index)
        signature = [index[w] for w in words if burst[index[w]] >= SIGNATURE_BURST]
        target = next(
            (parts for sig, lead, parts in kept
             if max(carried(now, sig), carried(lead, signature) if ABSORB_BOTH_WAYS else 0.0)
             >= ABSORB_SHARE),
            None,
        )
        if target is not None:
            target.append(rows)
        else:
            kept.append((signature, now, [rows]))
    return [np.unique(np.concatenate(parts)) for _, _, parts in kept]


def claim_titles(win: Window, groups: list[np.ndarray], score: ScoreFn) -> list[np.ndarray]:
    """Move this week's stories whose title names a better topic's bursting leading terms into
    that topic, so a big story's side articles don't come back as separate topics."""
    burst = term_burst(win)
    order = sorted(range(len(groups)), key=lambda g: -score(win, groups[g]).score)
    owner: dict[int, int] = {}
    for g in order:
        for i in win.now(groups[g]):
            owner[int(i)] = g
    titles = {i: set(terms(win.stories[i].title, win.stories[i].language)) for i in owner}
    index = {t: j for j, t in enumerate(win.vocabulary)}
    claimed: dict[int, int] = {}
    for rank, g in enumerate(order):
        keys = cl.top_terms(win.matrix, win.now(groups[g]), win.vocabulary, win.background, SIGNATURE_TERMS)
        signature = {k for k in keys if burst[index[k]] >= SIGNATURE_BURST}
        if not signature:
            continue
        later = set(order[rank + 1 :])
        for i, words in titles.items():
            if i not in claimed and owner[i] in later and words & signature:
                claimed[i] = g
    out = []
    for g, rows in enumerate(groups):
        keep = [int(i) for i in rows if claimed.get(int(i), g) == g]
        keep += [i for i, c in claimed.items() if c == g]
        out.append(np.unique(np.asarray(keep, dtype=np.int64)))
    return out
