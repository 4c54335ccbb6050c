"""Search demand for one week, read from the stored Google Trends data, and its boost of topics.

:func:`search_demand` gives the configured keywords' week-over-week change, the rising queries
around them (questions marked: FAQ and post ideas) and the geo's trending searches, plus plain-
language notes on what is missing and why. :func:`apply_search_boost` adds that evidence to the
topics it matches and multiplies their score by at most ``1 + SEARCH_BOOST_MAX``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from trendwatch.analysis.model import Topic
from trendwatch.analysis.text import fold, stop_words
from trendwatch.config import Settings
from trendwatch.messages import Note
from trendwatch.store import trends_reads as reads
from trendwatch.store.connection import Connection
from trendwatch.store.trends_reads import StoredTrending
from trendwatch.weeks import parse_week, previous_weeks, week_bounds, week_monday, week_of

CURVE_WEEKS = 12  # weeks of each keyword's curve returned with its week-over-week change
FETCH_WINDOW = dt.timedelta(days=7)  # related/trending fetched up to this long before/after the week count
SEARCH_BOOST_MAX = 0.5  # a topic's score is multiplied by at most 1.5
BREAKOUT_WEIGHT = 0.25  # a "Breakout" rising query adds 25 % to the score
RISING_FULL_AT = 500  # a rising query at +500 % or more weighs like a breakout; less, pro rata
TRENDING_WEIGHT = 0.2  # a matching trending search adds 20 %
MAX_EVIDENCE = 3  # evidence lines added per topic
RISING_PER_KEYWORD = 10  # rising queries kept per keyword (by growth), questions always kept


@dataclass(slots=True)
class KeywordDemand:
    """One configured keyword's search interest this week against the week before."""

    keyword: str
    geo: str
    this_week: float | None  # mean anchor-scaled interest (0-100 over every keyword)
    previous_week: float | None
    change_pct: float | None  # None when there is no previous value to compare with
    label: str  # "+35 %", "-12 %", "new", "n/a"
    partial: bool  # this week's value includes a period that was not over when fetched
    curve: list[tuple[str, float]] = field(default_factory=list)  # (ISO week, value), oldest first


@dataclass(slots=True)
class RisingQuery:
    """A query whose searches grow around a configured keyword."""

    keyword: str
    query: str
    value: int  # growth in %
    label: str  # "+350 %" or "Breakout"
    is_question: bool  # comment / pourquoi / how / why...: an FAQ or post idea
    geo: str
    fetched_at: dt.datetime


# A trending search as the store reads it (term, traffic, the news Google links to it): the digest
# shows the store's record as it is.
TrendingSearch = StoredTrending


@dataclass(slots=True)
class SearchDemand:
    """What people searched for around one week (empty lists when Trends is disabled)."""

    week: str
    geo: str
    keywords: list[KeywordDemand] = field(default_factory=list)
    rising: list[RisingQuery] = field(default_factory=list)
    trending: list[TrendingSearch] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # the notes in English, for older readers
    notes: list[Note] = field(default_factory=list)  # what is missing and why: trends.* codes

    def note(self, code: str, **values: Any) -> None:
        """Add a note (and its English text to ``missing``)."""
        n = Note(code, values)
        self.notes.append(n)
        self.missing.append(n.render("en"))

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict (datetimes as ISO strings)."""

        def conv(v: Any) -> Any:
            return v.isoformat() if isinstance(v, (dt.datetime, dt.date)) else v

        return {
            "week": self.week,
            "geo": self.geo,
            "keywords": [{k: conv(v) for k, v in dataclasses.asdict(x).items()} for x in self.keywords],
            "rising": [{k: conv(v) for k, v in dataclasses.asdict(x).items()} for x in self.rising],
            "trending": [{k: conv(v) for k, v in dataclasses.asdict(x).items()} for x in self.trending],
            "missing": list(self.missing),
            "notes": [{"code": n.code, "values": dict(n.values)} for n in self.notes],
        }


def change_label(change_pct: float | None, this_week: float | None, previous: float | None) -> str:
    """ "+35 %", "-12 %", "new" (from zero) or "n/a"."""
    if this_week is None:
        return "n/a"
    if change_pct is None:
        return "new" if previous == 0 and this_week > 0 else "n/a"
    return f"{change_pct:+.0f} %"


def _keyword_demand(con: Connection, settings: Settings, week: str) -> tuple[list[KeywordDemand], list[Note]]:
    t = settings.trends
    weeks = [*previous_weeks(week, CURVE_WEEKS - 1), week]
    points = reads.interest_between(
        con,
        t.geo,
        week_monday(weeks[0]) - dt.timedelta(days=7),
        week_monday(week) + dt.timedelta(days=7),
    )
    per: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    partial: dict[tuple[str, str], bool] = defaultdict(bool)
    for p in points:
        days = p.period_days
        mid = p.date + dt.timedelta(days=days // 2 + (1 if days >= 7 else 0))  # Sun-Sat weeks -> Thursday
        w = week_of(mid)
        per[p.keyword][w].append(p.value)
        partial[(p.keyword, w)] = partial[(p.keyword, w)] or p.is_partial
    out, missing = [], []
    prev_week = weeks[-2] if len(weeks) > 1 else None
    for kw in t.keywords:
        by_week = {w: sum(v) / len(v) for w, v in per.get(kw, {}).items()}
        curve = [(w, round(by_week[w], 2)) for w in weeks if w in by_week]
        this, prev = by_week.get(week), by_week.get(prev_week) if prev_week else None
        if this is None:
            missing.append(Note("trends.no_interest", {"keyword": repr(kw), "week": week, "geo": t.geo}))
        change = (this - prev) / prev * 100 if this is not None and prev else None
        out.append(
            KeywordDemand(
                kw,
                t.geo,
                None if this is None else round(this, 2),
                None if prev is None else round(prev, 2),
                None if change is None else round(change, 1),
                change_label(change, this, prev),
                partial[(kw, week)],
                curve,
            )
        )
    out.sort(key=lambda k: (k.change_pct is None, -(k.change_pct or 0.0)))
    return out, missing


_PART_NOTES = {
    "interest": "trends.missing_interest",
    "related": "trends.missing_related",
    "trending": "trends.missing_trending",
    "trends": "trends.missing_trends",
}


def _runs_notes(con: Connection, start: dt.datetime, end: dt.datetime) -> list[Note]:
    run = reads.last_run_before(con, end + FETCH_WINDOW)
    if run is None:
        return [Note("trends.never_fetched")]
    when = run.observed_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = []
    if run.observed_at < start - FETCH_WINDOW:
        out.append(Note("trends.stale_run", {"when": when}))
    for f in reads.run_failures(con, run.run_id):
        values = {"subject": f.subject, "when": when, "message": f.message}
        out.append(Note(_PART_NOTES.get(f.part, "trends.missing_other"), {"part": f.part, **values}))
    out.extend(Note("trends.run_note", {"note": n}) for n in run.notes if "common scale" in n)
    return out


def search_demand(con: Connection, settings: Settings, week: str) -> SearchDemand:
    """Search demand for ``week`` from the store: keyword changes, rising queries, trending searches."""
    week = parse_week(week)
    t = settings.trends
    demand = SearchDemand(week=week, geo=t.geo)
    if not t.enabled:
        return demand
    if not reads.has_trends_tables(con):
        demand.note("trends.no_tables")
        return demand
    start, end = week_bounds(week, settings.digest.timezone)
    demand.keywords, missing = _keyword_demand(con, settings, week)
    for n in [*_runs_notes(con, start, end), *missing]:
        demand.note(n.code, **n.values)
    run = reads.latest_related_run(con, start - FETCH_WINDOW, end + FETCH_WINDOW)
    if run is not None:
        kept: dict[str, int] = defaultdict(int)
        for r in reads.rising_of_run(con, run, t.geo):
            q = RisingQuery(r.keyword, r.query, r.value, r.label, r.is_question, r.geo, r.fetched_at)
            if kept[q.keyword] < RISING_PER_KEYWORD or q.is_question:
                demand.rising.append(q)
                kept[q.keyword] += 1
    elif t.related:
        demand.note("trends.no_rising", week=week)
    run = reads.latest_trending_run(con, start - FETCH_WINDOW, end + FETCH_WINDOW)
    if run is not None:
        demand.trending = reads.trending_of_run(con, run, t.geo)
    elif t.trending:
        demand.note("trends.no_trending", week=week)
    return demand


# ------------------------------------------------------------------ boosting topics


def _words(text: str) -> set[str]:
    stops = stop_words(None)
    out = set()
    for w in re.findall(r"[^\W\d_]+", fold(text).replace("'", " ")):
        if len(w) < 3 or w in stops:
            continue
        out.add(w[:-1] if len(w) > 3 and w[-1] in "sx" else w)  # crude plural folding
    return out


def query_matches(query: str, parent_keyword: str | None, topic_words: set[str]) -> bool:
    """Whether a search query is about a topic: its distinctive words (beyond the keyword it was
    found around) are among the topic's words -- at least two of them when it has two or more."""
    words = _words(query)
    distinctive = words - _words(parent_keyword or "") or words
    if not distinctive:
        return False
    shared = distinctive & topic_words
    return len(shared) >= min(2, len(distinctive))


def apply_search_boost(topics: list[Topic], demand: SearchDemand | None, settings: Settings) -> list[Topic]:
    """Topics with search evidence added and scores boosted (at most x1.5), re-sorted best first."""
    if demand is None or (not demand.rising and not demand.trending):
        return list(topics)
    geo = demand.geo or settings.trends.geo
    signals: list[tuple[str, str | None, float, Note]] = []
    for r in demand.rising:
        weight = (
            BREAKOUT_WEIGHT if r.label == "Breakout" else BREAKOUT_WEIGHT * min(1.0, r.value / RISING_FULL_AT)
        )
        line = Note("trends.evidence_rising", {"query": r.query, "label": r.label, "geo": geo})
        signals.append((r.query, r.keyword, weight, line))
    for s in demand.trending:
        values = {"term": s.term, "geo": geo}
        line = (
            Note("trends.evidence_trending_traffic", {**values, "traffic": s.traffic})
            if s.traffic
            else Note("trends.evidence_trending", values)
        )
        signals.append((s.term, None, TRENDING_WEIGHT, line))
    out = []
    for topic in topics:
        words = _words(" ".join([topic.label, *topic.keywords]))
        total, lines = 0.0, []
        for query, parent, weight, line in signals:
            if line not in lines and query_matches(query, parent, words):
                total += weight
                lines.append(line)
        if not lines:
            out.append(topic)
            continue
        boost = 1.0 + min(SEARCH_BOOST_MAX, total)
        evidence = [*topic.evidence, *[ln for ln in lines[:MAX_EVIDENCE] if ln not in topic.evidence]]
        out.append(dataclasses.replace(topic, score=topic.score * boost, evidence=evidence))
    return sorted(out, key=lambda t: -t.score)
