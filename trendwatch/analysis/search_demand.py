"""Search demand for one week, read from the stored Google Trends data, and its boost of topics.

:func:`search_demand` gives the configured keywords' week-over-week change, the rising queries
around them (questions marked: FAQ and post ideas) and the geo's trending searches, plus plain-
language notes on what is missing and why. :func:`apply_search_boost` adds that evidence to the
topics it matches and multiplies their score by at most ``1 + SEARCH_BOOST_MAX``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from trendwatch.analysis.model import Topic
from trendwatch.config import Settings

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


@dataclass(slots=True)
class TrendingSearch:
    """A search trending in the geo, with the news articles Google links to it."""

    term: str
    traffic: str | None
    traffic_min: int | None
    articles: list[dict[str, str]]
    started: dt.datetime | None
    geo: str


@dataclass(slots=True)
class SearchDemand:
    """What people searched for around one week (empty lists when Trends is disabled)."""

    week: str
    geo: str
    keywords: list[KeywordDemand] = field(default_factory=list)
    rising: list[RisingQuery] = field(default_factory=list)
    trending: list[TrendingSearch] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

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
        }


def change_label(change_pct: float | None, this_week: float | None, previous: float | None) -> str:
    """ "+35 %", "-12 %", "new" (from zero) or "n/a"."""
    if this_week is None:
        return "n/a"
    if change_pct is None:
        return "new" if previous == 0 and this_week > 0 else "n/a"
    return f"{change_pct:+.0f} %"


def _has_tables(con: Any) -> bool:
    got = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name IN ('trends_interest', 'trends_runs')"
    ).fetchone()
    return bool(got and got[0] == 2)


def _keyword_demand(con: Any, settings: Settings, week: str) -> tuple[list[KeywordDemand], list[str]]:
    from trendwatch.analysis.weeks import previous_weeks, week_of

    t = settings.trends
    weeks = [*previous_weeks(week, CURVE_WEEKS - 1), week]
    rows = con.execute(
        "SELECT keyword, date, period_days, coalesce(scaled_value, raw_value), is_partial "
        "FROM trends_interest "
        "WHERE geo = ? AND date >= ? AND date < ?",
        [
            t.geo,
            dt.date.fromisoformat(_monday(weeks[0])) - dt.timedelta(days=7),
            dt.date.fromisoformat(_monday(week)) + dt.timedelta(days=7),
        ],
    ).fetchall()
    per: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    partial: dict[tuple[str, str], bool] = defaultdict(bool)
    for kw, day, days, value, is_partial in rows:
        mid = day + dt.timedelta(
            days=int(days) // 2 + (1 if int(days) >= 7 else 0)
        )  # Sun-Sat weeks -> Thursday
        w = week_of(mid)
        per[kw][w].append(float(value))
        partial[(kw, w)] = partial[(kw, w)] or bool(is_partial)
    out, missing = [], []
    prev_week = weeks[-2] if len(weeks) > 1 else None
    for kw in t.keywords:
        by_week = {w: sum(v) / len(v) for w, v in per.get(kw, {}).items()}
        curve = [(w, round(by_week[w], 2)) for w in weeks if w in by_week]
        this, prev = by_week.get(week), by_week.get(prev_week) if prev_week else None
        if this is None:
            missing.append(f"no search-interest data for {kw!r} in week {week} ({t.geo})")
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


def _monday(week: str) -> str:
    from trendwatch.analysis.weeks import week_monday

    return week_monday(week).isoformat()


def _pick_run(con: Any, table: str, start: dt.datetime, end: dt.datetime) -> str | None:
    row = con.execute(
        f"SELECT run_id FROM {table} WHERE fetched_at >= ? AND fetched_at < ? "
        "ORDER BY fetched_at DESC LIMIT 1",
        [start - FETCH_WINDOW, end + FETCH_WINDOW],
    ).fetchone()
    return None if row is None else str(row[0])


def _runs_notes(con: Any, start: dt.datetime, end: dt.datetime) -> list[str]:
    when_sql = "coalesce(observed_at, started_at)"
    run = con.execute(
        f"SELECT run_id, {when_sql}, outcome, notes FROM trends_runs WHERE {when_sql} < ? "
        f"ORDER BY {when_sql} DESC LIMIT 1",
        [end + FETCH_WINDOW],
    ).fetchone()
    if run is None:
        return [
            "Google Trends was never fetched for this week: run `trendwatch trends` (the weekly flow "
            "does) during the week or just after it."
        ]
    run_id, started, _outcome, notes = run
    when = started.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = []
    if started < start - FETCH_WINDOW:
        out.append(f"the last Google Trends run ({when}) is older than this week; its data may be stale.")
    fails = con.execute(
        "SELECT part, subject, kind, message FROM trends_failures WHERE run_id = ? ORDER BY failed_at",
        [run_id],
    ).fetchall()
    names = {
        "interest": "search interest",
        "related": "related queries",
        "trending": "trending searches",
        "trends": "Google Trends",
    }
    for part, subject, _kind, message in fails:
        out.append(f"{names.get(part, part)} for {subject} is missing (run of {when}): {message}.")
    out.extend(n for n in (notes or []) if "common scale" in n)
    return out


def search_demand(con: Any, settings: Settings, week: str) -> SearchDemand:
    """Search demand for ``week`` from the store: keyword changes, rising queries, trending searches."""
    from trendwatch.analysis.weeks import parse_week, week_bounds

    week = parse_week(week)
    t = settings.trends
    demand = SearchDemand(week=week, geo=t.geo)
    if not t.enabled:
        return demand
    if not _has_tables(con):
        demand.missing.append("the store has no Google Trends tables yet: run `trendwatch trends` once.")
        return demand
    start, end = week_bounds(week, settings.digest.timezone)
    demand.keywords, missing = _keyword_demand(con, settings, week)
    demand.missing.extend(_runs_notes(con, start, end))
    demand.missing.extend(missing)
    run = _pick_run(con, "trends_related_queries", start, end)
    if run is not None:
        rows = con.execute(
            "SELECT keyword, query, value, label, is_question, geo, fetched_at FROM trends_related_queries "
            "WHERE run_id = ? AND kind = 'rising' AND geo = ? ORDER BY value DESC, rank",
            [run, t.geo],
        ).fetchall()
        kept: dict[str, int] = defaultdict(int)
        for r in rows:
            q = RisingQuery(*r)
            if kept[q.keyword] < RISING_PER_KEYWORD or q.is_question:
                demand.rising.append(q)
                kept[q.keyword] += 1
    elif t.related:
        demand.missing.append(f"no rising queries were fetched within a week of {week}.")
    run = _pick_run(con, "trends_trending", start, end)
    if run is not None:
        rows = con.execute(
            "SELECT term, traffic, traffic_min, articles, started, geo FROM trends_trending "
            "WHERE run_id = ? AND geo = ? ORDER BY traffic_min DESC NULLS LAST, term",
            [run, t.geo],
        ).fetchall()
        demand.trending = [
            TrendingSearch(r[0], r[1], r[2], json.loads(r[3] or "[]"), r[4], r[5]) for r in rows
        ]
    elif t.trending:
        demand.missing.append(f"no trending searches were fetched within a week of {week}.")
    return demand


# ------------------------------------------------------------------ boosting topics


def _words(text: str) -> set[str]:
    from trendwatch.analysis.text import fold, stop_words

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
    signals: list[tuple[str, str | None, float, str]] = []
    for r in demand.rising:
        weight = (
            BREAKOUT_WEIGHT if r.label == "Breakout" else BREAKOUT_WEIGHT * min(1.0, r.value / RISING_FULL_AT)
        )
        signals.append((r.query, r.keyword, weight, f"searches for '{r.query}' {r.label} in {geo}"))
    for s in demand.trending:
        traffic = f" ({s.traffic} searches)" if s.traffic else ""
        signals.append((s.term, None, TRENDING_WEIGHT, f"'{s.term}' is trending in {geo} searches{traffic}"))
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
