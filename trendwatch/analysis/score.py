"""The emergence score: growth of a topic's share of the week against its own baseline share.

A topic is scored by the signed deviance of a Poisson model: given the share of documents it had
over the baseline weeks (the mean of its weekly shares, smoothed with half a document, so one week
with fifteen times the usual volume weighs as one week), how surprising is this week's count out
of this week's total? ``sqrt(2·(c·ln(c/E) − (c − E)))`` behaves like a z-score: a 0→2 jump scores
about 2.7, a 3→40 jump about 11; a steady theme scores near 0 whatever its size; a week with three
times more documents raises E three times, so a uniform rise is no trend. The result is multiplied
by a breadth factor: the effective number of sources (exp of the entropy of the topic's sources)
against min(3, sources active this week), so one prolific feed alone scores a third.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

SMOOTHING = 0.5  # documents added to a topic's baseline count: a never-seen topic is not "infinitely" new
BREADTH_SOURCES = 3  # sources a topic needs for full breadth credit (fewer if fewer are active)


@dataclass(frozen=True, slots=True)
class Emergence:
    """The plain numbers behind a score."""

    count: int  # documents this week
    expected: float  # documents expected this week from the baseline share
    baseline_mean: float  # mean documents per baseline week that had any data
    deviance: float  # signed Poisson deviance (z-like)
    breadth: float  # 0..1
    score: float

    @property
    def ratio(self) -> float:
        """This week's count over the expected count (smoothed)."""
        return self.count / self.expected if self.expected > 0 else math.inf


def expected_count(baseline_counts: list[float], baseline_totals: list[int], total: int) -> float:
    """Documents a topic would have this week if it kept its mean weekly (smoothed) baseline share."""
    live = [(c, n) for c, n in zip(baseline_counts, baseline_totals, strict=True) if n > 0]
    if not live:
        return 0.0
    mean_total = sum(n for _, n in live) / len(live)
    share = (sum(c / n for c, n in live) + SMOOTHING / mean_total) / len(live)
    return total * share


def signed_deviance(count: float, expected: float) -> float:
    """sqrt of the Poisson deviance of ``count`` given ``expected``; negative below expectation."""
    if expected <= 0:
        return math.sqrt(count)
    term = count * math.log(count / expected) if count > 0 else 0.0
    dev = math.sqrt(max(0.0, 2.0 * (term - (count - expected))))
    return dev if count >= expected else -dev


def breadth(source_counts: Counter[str], active_sources: int) -> float:
    """Effective number of sources of a topic against min(BREADTH_SOURCES, active sources), in 0..1."""
    total = sum(source_counts.values())
    if total <= 0:
        return 0.0
    entropy = -sum((n / total) * math.log(n / total) for n in source_counts.values() if n > 0)
    cap = max(1, min(BREADTH_SOURCES, active_sources))
    return min(float(cap), math.exp(entropy)) / cap


def emergence(
    count: int,
    baseline_counts: list[float],
    baseline_totals: list[int],
    total: int,
    source_counts: Counter[str],
    active_sources: int,
) -> Emergence:
    """Score one topic; without any baseline the score is its size (a new topic, not a trend)."""
    with_data = [c for c, n in zip(baseline_counts, baseline_totals, strict=True) if n > 0]
    mean = sum(with_data) / len(with_data) if with_data else 0.0
    expected = expected_count(baseline_counts, baseline_totals, total)
    dev = signed_deviance(count, expected) if with_data else math.sqrt(count)
    wide = breadth(source_counts, active_sources)
    score = dev * wide if dev > 0 else dev
    return Emergence(count, expected, mean, dev, wide, score)
