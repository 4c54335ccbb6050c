"""Emerging topics of one ISO week, measured against the weeks before it.

``analyse_week`` reads only the entries published in the week and its baseline weeks (by their
``published`` date in the [digest] time zone, never by when they were fetched or by stored
digests), so a backfilled store gives the same answer as weekly runs. The store is read once
(ids first, then the sampled entries: :mod:`trendwatch.store.analysis_reads`); the rest works on records:
entries to stories (stories.py), stories to emerging topics (estimator.py: bursting terms seed
stories, checked and folded in bursts.py, named in names.py), scored in score.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from trendwatch.analysis.estimator import EmergingTopics
from trendwatch.analysis.model import WeekAnalysis
from trendwatch.analysis.stories import story_window
from trendwatch.analysis.weeks import parse_week, previous_weeks, week_bounds
from trendwatch.config import AnalysisSettings, Settings
from trendwatch.messages import Note
from trendwatch.store.analysis_reads import WindowEntry, window_entries, window_ids
from trendwatch.store.connection import Connection

MAX_BASELINE_ENTRIES = 30_000  # above this the baseline is sampled (analysis time grows with it)
BLAS_THREADS = 1
MIN_WEEK_ENTRIES = 5  # below this a week is too thin to call anything a trend


def analyse_week(con: Connection, settings: Settings, week: str) -> WeekAnalysis:
    """Emerging topics of ``week`` against the [analysis] baseline_weeks before it, best first."""
    return analyse_entries(
        lambda start, end, only=None: window_entries(con, start, end, only),
        settings.analysis, week, timezone=settings.digest.timezone, language=settings.digest.language,
        read_ids=lambda start, end: window_ids(con, start, end),
    )


def analyse_entries(
    read: Any, options: AnalysisSettings, week: str, *, timezone: str, language: str | None = None,
    read_ids: Any = None,
) -> WeekAnalysis:
    """The analysis proper: ``read(start, end)`` returns the entries published in ``[start, end)``.

    With ``read_ids(start, end)`` (their ids and publication instants: a store), a very large
    baseline is sampled before any text is read, and ``read(start, end, only)`` reads those ids only.
    """
    week = parse_week(week)
    weeks = previous_weeks(week, options.baseline_weeks) + [week]
    bounds = [week_bounds(w, timezone) for w in weeks]
    starts = [b[0] for b in bounds]
    start, end = bounds[-1]
    if read_ids is None:  # records in memory: sample them
        entries: list[WindowEntry] = read(starts[0], end)
        ids = [(e.entry_id, e.published) for e in entries]
    else:  # a store: choose the sample from the ids, then read only its entries' texts
        ids = read_ids(starts[0], end)
    now_entries = sum(1 for _, published in ids if published >= start)
    baseline_entries = len(ids) - now_entries
    kept, rate = _sample_baseline(ids, start)
    del ids  # 300,000 pairs at 30,000 entries a week: not kept through the analysis
    if read_ids is not None:
        entries = read(starts[0], end, kept)
    elif kept is not None:
        entries = [e for e in entries if e.entry_id in kept]
    window = story_window(entries, weeks, starts, rate)
    totals = window.totals
    now_sources = sorted({s for st in window.stories if st.week == window.last for s in st.sources})
    result = WeekAnalysis(
        week=week, start=start, end=end, n_entries=now_entries, n_sources=len(now_sources),
        baseline_weeks=weeks[:-1], baseline_entries=baseline_entries, topics=[],
    )
    notes: list[Note] = result.notes  # type: ignore[assignment]
    _history_notes(notes, totals)
    if rate < 1:
        notes.append(Note("analysis.sampled_baseline", {"n": result.baseline_entries, "rate": f"{rate:.0%}"}))
    if totals[-1] == 0:
        notes.append(Note("analysis.no_entries", {"week": week}))
        return result
    if totals[-1] < MIN_WEEK_ENTRIES:
        notes.append(Note("analysis.thin_week", {"week": week, "n": totals[-1]}))
    if len(now_sources) == 1:
        notes.append(Note("analysis.one_feed", {"week": week, "feed": now_sources[0]}))
    estimator = EmergingTopics(
        min_articles=options.min_articles, min_sources=options.min_sources, min_score=options.min_score,
        random_state=options.random_state, language=language,
    )
    with _few_threads():  # small matrices: BLAS threads only add contention on a shared machine
        result.topics = estimator.fit(window).topics_
    if estimator.young_ and any(totals[:-1]):
        notes.append(Note("analysis.young_store", estimator.young_))
    elif not result.topics and any(totals[:-1]):
        notes.append(Note("analysis.no_growth", {"week": week}))
    elif not result.topics:
        notes.append(
            Note(
                "analysis.none_big_enough",
                {"week": week, "n": options.min_articles, "k": options.min_sources},
            )
        )
    return result


def _sample_baseline(
    ids: list[tuple[str, dt.datetime]], start: dt.datetime
) -> tuple[set[str] | None, float]:
    """The ids to analyse (None: all) and the share of the baseline kept: every entry of the analysed
    week and, when the baseline is very large, a fixed share of its entries chosen by a hash of their
    id (so every run, weekly or backfilled, picks the same). ``ids``: (entry id, published) pairs."""
    baseline = sum(1 for _, published in ids if published < start)
    if baseline <= MAX_BASELINE_ENTRIES:
        return None, 1.0
    rate = MAX_BASELINE_ENTRIES / baseline
    return {i for i, published in ids if published >= start or _unit_hash(i) < rate}, rate


def _unit_hash(text: str) -> float:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) / 0x100000000


def _few_threads() -> Any:
    try:
        from threadpoolctl import threadpool_limits  # installed with scikit-learn
    except ImportError:  # pragma: no cover
        import contextlib

        return contextlib.nullcontext()
    return threadpool_limits(limits=BLAS_THREADS)


def _history_notes(notes: list[Note], totals: list[int]) -> None:
    with_data = sum(1 for n in totals[:-1] if n > 0)
    if with_data == 0:
        notes.append(Note("analysis.no_baseline", {}))
    elif with_data < len(totals) - 1:
        notes.append(Note("analysis.short_history", {"k": with_data, "n": len(totals) - 1}))
