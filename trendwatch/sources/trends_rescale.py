"""Batching keywords for Google Trends and putting every batch on one shared scale.

Google compares at most 5 terms per request and scales each answer to its own 0-100 (100 = the
highest point of any term in that request). Keywords are therefore asked in batches of at most
:data:`BATCH_SIZE` plus one shared *anchor* term; each batch is multiplied by the ratio of the
anchor's values in the reference batch to its values in that batch, and the whole set is finally
re-expressed so that its highest point is 100. See docs/trends.md for the method and its limits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from trendwatch.messages import Note

BATCH_SIZE = 4  # keywords per request besides the anchor (Google's limit is 5 terms)
LOW_PRECISION_MAX = 5  # a term peaking at or below this in its batch is mostly rounding noise


@dataclass(slots=True)
class BatchSeries:
    """One answer of interest over time: the anchor first, values as Google scaled them."""

    batch: int
    terms: list[str]
    dates: list[dt.date]
    values: dict[str, list[int]]
    partial: list[bool]
    period_days: int = 7


@dataclass(slots=True)
class ScaledPoint:
    """One point of one keyword, with its raw batch value and its anchor-scaled value."""

    keyword: str
    date: dt.date
    period_days: int
    raw_value: int
    batch: int
    batch_terms: list[str]
    scaled_value: float | None  # None: the anchor was 0 in this batch, no common scale
    is_partial: bool


def plan_batches(keywords: Sequence[str], anchor: str = "", size: int = BATCH_SIZE) -> list[list[str]]:
    """Keywords in batches of at most ``size``, each led by the anchor (default: the first keyword)."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    seen: dict[str, None] = {}
    for k in keywords:
        k = k.strip()
        if k and k.casefold() not in {s.casefold() for s in seen}:
            seen[k] = None
    terms = list(seen)
    if not terms and not anchor.strip():
        return []
    anchor = anchor.strip() or terms[0]
    others = [t for t in terms if t.casefold() != anchor.casefold()]
    if not others:
        return [[anchor]]
    return [[anchor, *others[i : i + size]] for i in range(0, len(others), size)]


def _anchor_factor(ref: BatchSeries, other: BatchSeries) -> float | None:
    """How much ``other`` must be multiplied by to sit on ``ref``'s scale (None: anchor at 0)."""
    anchor = ref.terms[0]
    ref_by_date = dict(zip(ref.dates, ref.values[anchor], strict=True))
    common = [
        (ref_by_date[d], v)
        for d, v in zip(other.dates, other.values[anchor], strict=True)
        if d in ref_by_date
    ]
    if not common:  # different periods: fall back to the whole curves
        common = list(zip(ref.values[anchor], other.values[anchor], strict=False))
    ref_sum = sum(a for a, _ in common)
    other_sum = sum(b for _, b in common)
    if other_sum == 0 or ref_sum == 0:
        return None
    return ref_sum / other_sum


def rescale(batches: Sequence[BatchSeries]) -> tuple[list[ScaledPoint], list[Note]]:
    """Every keyword's points on one 0-100 scale, plus notes on precision (``trends.*`` codes)."""
    notes: list[Note] = []
    usable = [b for b in batches if b.dates and b.terms and b.terms[0] in b.values]
    ref = next((b for b in usable if sum(b.values[b.terms[0]]) > 0), None)
    factors: dict[int, float | None] = {}
    for b in usable:
        factors[b.batch] = None if ref is None else (1.0 if b is ref else _anchor_factor(ref, b))
        if factors[b.batch] is None:
            notes.append(
                Note(
                    "trends.anchor_zero",
                    {"batch": b.batch, "terms": ", ".join(b.terms), "anchor": repr(b.terms[0])},
                )
            )
    top = max(
        (
            v * f
            for b in usable
            if (f := factors[b.batch]) is not None
            for vals in b.values.values()
            for v in vals
        ),
        default=0.0,
    )
    norm = 100.0 / top if top > 0 else 1.0
    points: list[ScaledPoint] = []
    done: set[str] = set()
    for b in usable:
        f = factors[b.batch]
        for term in b.terms:
            if term in done or term not in b.values:
                continue  # the anchor is stored once, from the reference batch
            done.add(term)
            vals = b.values[term]
            if 0 < max(vals, default=0) <= LOW_PRECISION_MAX:
                notes.append(
                    Note(
                        "trends.low_precision",
                        {"term": repr(term), "peak": max(vals), "anchor": repr(b.terms[0])},
                    )
                )
            for d, v, p in zip(b.dates, vals, b.partial, strict=True):
                scaled = None if f is None else round(v * f * norm, 3)
                points.append(
                    ScaledPoint(term, d, b.period_days, int(v), b.batch, list(b.terms), scaled, bool(p))
                )
    return points, notes
