"""Google Trends as a second signal: interest over time, related queries, trending searches.

:func:`fetch_trends` fetches what ``[trends]`` asks for, through pytrends (and Google's public
"trending now" RSS feed), and hands the records to a :class:`TrendsSink` (the store's
:class:`trendwatch.store.trends_writes.TrendsStore`). It never raises for Google or network
problems: each part that fails is recorded as a failure and the rest is kept. See docs/trends.md.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trendwatch.config import Settings
from trendwatch.messages import Note
from trendwatch.sources.trends_cache import InterestRow, RelatedRow, TrendingRow, TrendsSink
from trendwatch.sources.trends_client import (
    Backoff,
    BudgetExhausted,
    TrendsTransport,
    classify,
    live_adapter,
    make_trendreq,
    pytrends_transport,
    session_with,
)
from trendwatch.sources.trends_replay import StoredAnswers, replay_adapter, rising_label
from trendwatch.sources.trends_rescale import BatchSeries, plan_batches, rescale
from trendwatch.sources.trends_rss import TrendingItem, is_question, parse_trending_rss

__all__ = [
    "TrendsReport",
    "TrendingItem",
    "fetch_trends",
    "is_question",
    "parse_trending_rss",
]

TRENDING_RSS_URL = "https://trends.google.com/trending/rss?geo={geo}"


@dataclass
class TrendsReport:
    """What one Trends run did."""

    run_id: str = ""
    enabled: bool = True
    requests_made: int = 0
    from_cache: int = 0
    keywords_ok: list[str] = field(default_factory=list)
    points: int = 0
    related_queries: int = 0
    trending: int = 0
    failures: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # trends.* codes of the message catalogue

    @property
    def ok(self) -> bool:
        """True when nothing failed, or when some interest data was stored despite failures."""
        return not self.failures or bool(self.keywords_ok)

    @property
    def outcome(self) -> str:
        if not self.enabled:
            return "disabled"
        if not self.failures:
            return "ok"
        return "partial" if self.ok else "failed"


def batch_from_frame(batch: int, terms: list[str], df: Any) -> BatchSeries:
    """A pytrends interest-over-time DataFrame as a :class:`BatchSeries` (checks its shape).

    Hourly or minute points (timeframes like "now 7-d") are averaged per day, so the store keeps
    at most one point per keyword and day."""
    missing = [t for t in terms if t not in df.columns]
    if missing:
        raise ValueError(f"interest over time lacks columns {missing}; got {list(df.columns)}")
    stamps = [ts.date() for ts in df.index.to_pydatetime()]
    partial_in = (
        [bool(v) for v in df["isPartial"].tolist()] if "isPartial" in df.columns else [False] * len(stamps)
    )
    raw = {t: [int(v) for v in df[t].tolist()] for t in terms}
    dates = sorted(set(stamps))
    if len(dates) == len(stamps):
        step = (dates[1] - dates[0]).days if len(dates) > 1 else 7
        return BatchSeries(batch, list(terms), stamps, raw, partial_in, period_days=max(1, step))
    groups: dict[dt.date, list[int]] = {d: [] for d in dates}
    for i, d in enumerate(stamps):
        groups[d].append(i)
    values = {t: [round(sum(raw[t][i] for i in groups[d]) / len(groups[d])) for d in dates] for t in terms}
    partial = [any(partial_in[i] for i in groups[d]) for d in dates]
    return BatchSeries(batch, list(terms), dates, values, partial, period_days=1)


def _interest(tr: Any, terms: list[str], s: Any) -> Any:
    tr.build_payload(terms, cat=s.category, timeframe=s.timeframe, geo=s.geo)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # pandas on pytrends' fillna downcasting
        return tr.interest_over_time()


class _Run:
    """State of one fetch_trends call: the sink, the settings and what was recorded."""

    def __init__(self, sink: TrendsSink, settings: Settings, now: dt.datetime, report: TrendsReport) -> None:
        self.sink, self.s, self.t, self.now, self.report = sink, settings, settings.trends, now, report
        self.observed_at = now

    def fail(self, part: str, subject: str, exc: BaseException) -> None:
        kind, message = classify(exc)
        self.fail_kind(part, subject, kind, message)

    def fail_kind(self, part: str, subject: str, kind: str, message: str) -> None:
        self.report.failures.append(f"{part} for {subject}: {message}")
        self.sink.record_failure(self.report.run_id, part, subject, kind, message, self.now)

    def store_related(self, result: dict[str, Any]) -> None:
        rows: list[RelatedRow] = []
        for kw, frames in result.items():
            for kind in ("top", "rising"):
                df = frames.get(kind)
                if df is None or len(df) == 0:
                    continue
                seen: set[str] = set()
                for rank, (q, v) in enumerate(
                    zip(df["query"].tolist(), df["value"].tolist(), strict=True), 1
                ):
                    if q in seen:
                        continue
                    seen.add(q)
                    label = rising_label(int(v)) if kind == "rising" else str(int(v))
                    rows.append(
                        RelatedRow(
                            self.report.run_id,
                            kw,
                            self.t.geo,
                            kind,
                            rank,
                            q,
                            int(v),
                            label,
                            is_question(q),
                            self.observed_at,
                        )
                    )
        if rows:
            self.sink.write_related(rows)
            self.report.related_queries += len(rows)

    def store_interest(self, series: list[BatchSeries]) -> None:
        points, notes = rescale(series)
        self.report.notes.extend(notes)
        keywords = sorted({p.keyword for p in points})
        if not keywords:
            return
        self.sink.replace_interest(
            self.t.geo,
            keywords,
            [
                InterestRow(
                    p.keyword,
                    self.t.geo,
                    p.date,
                    p.period_days,
                    p.raw_value,
                    p.batch,
                    p.batch_terms,
                    p.scaled_value,
                    p.is_partial,
                    self.report.run_id,
                    self.observed_at,
                )
                for p in points
            ],
        )
        self.report.points += len(points)
        self.report.keywords_ok = keywords

    def store_trending(self, items: list[TrendingItem]) -> None:
        rows: list[TrendingRow] = []
        seen: set[str] = set()
        for it in items:
            if it.term in seen:
                continue
            seen.add(it.term)
            rows.append(
                TrendingRow(
                    self.report.run_id,
                    self.t.geo,
                    it.term,
                    it.traffic,
                    it.traffic_min,
                    it.started,
                    json.dumps(it.articles, ensure_ascii=False),
                    self.observed_at,
                )
            )
        if rows:
            self.sink.write_trending(rows)
        self.report.trending = len(rows)


def _fetch_all(run: _Run, transport: Any, backoff: Any) -> None:
    t = run.t
    batches = plan_batches(t.keywords, t.anchor)
    timeout = (run.s.fetch.connect_timeout_s, run.s.fetch.timeout_s)
    series: list[BatchSeries] = []
    related_done: set[str] = set()
    out_of_budget = False
    with pytrends_transport(transport):
        try:
            tr = backoff.call(lambda: make_trendreq(t.hl, t.tz, t.geo, timeout))
        except Exception as e:  # noqa: BLE001 - never fail the run for Google
            run.fail("interest", ", ".join(t.keywords), e)
            tr, out_of_budget = None, isinstance(e, BudgetExhausted)
        for i, terms in enumerate(batches if tr is not None else []):
            subject = ", ".join(terms)
            if out_of_budget:
                run.fail_kind(
                    "interest",
                    subject,
                    "budget",
                    "not asked: the request budget was spent; raise [trends] max_requests",
                )
                continue
            try:
                df = backoff.call(lambda terms=terms: _interest(tr, terms, t))
                if df is None or len(df) == 0:
                    run.fail_kind(
                        "interest",
                        subject,
                        "empty",
                        f"Google has no data for these terms in {t.geo or 'the world'} over {t.timeframe!r}",
                    )
                else:
                    series.append(batch_from_frame(i, terms, df))
            except Exception as e:  # noqa: BLE001
                run.fail("interest", subject, e)
                out_of_budget = isinstance(e, BudgetExhausted)
                continue
            if not t.related:
                continue
            tr.related_queries_widget_list[:] = [
                w for w in tr.related_queries_widget_list if _widget_keyword(w) not in related_done
            ]
            try:
                result = backoff.call(tr.related_queries)
                related_done.update(result)
                run.store_related(result)
            except Exception as e:  # noqa: BLE001
                run.fail("related", subject, e)
                out_of_budget = isinstance(e, BudgetExhausted)
    run.store_interest(series)
    if t.trending:
        if not t.geo:
            run.report.notes.append(Note("trends.trending_needs_geo"))
            return
        if out_of_budget:
            run.fail_kind("trending", t.geo, "budget", "not asked: the request budget was spent")
            return
        try:
            session = session_with(transport)
            url = TRENDING_RSS_URL.format(geo=t.geo)
            resp = backoff.call(lambda: _checked(session.get(url, timeout=timeout)))
            run.store_trending(parse_trending_rss(resp.content, url=url))
        except Exception as e:  # noqa: BLE001
            run.fail("trending", t.geo, e)


def _widget_keyword(widget: dict[str, Any]) -> str:
    try:
        return str(widget["request"]["restriction"]["complexKeywordsRestriction"]["keyword"][0]["value"])
    except (KeyError, IndexError, TypeError):
        return ""


def _checked(resp: Any) -> Any:
    from pytrends import exceptions

    if resp.status_code == 429:
        raise exceptions.TooManyRequestsError.from_response(resp)
    if resp.status_code >= 400:
        raise exceptions.ResponseError.from_response(resp)
    return resp


def fetch_trends(
    settings: Settings,
    sink: TrendsSink,
    *,
    now: dt.datetime | None = None,
    adapter: Any = None,
    sleep: Callable[[float], None] | None = None,
    rng: random.Random | None = None,
    recompute_run: str | None = None,
) -> TrendsReport:
    """Fetch ``[trends]`` data and hand it to ``sink``; never raises for Google or network problems.

    ``adapter`` replaces the network (a ``requests`` transport adapter); ``sleep`` and ``rng``
    replace the back-off's waiting and jitter (tests). ``[trends] replay_dir`` replays recordings.
    ``recompute_run`` re-reads the raw answers that run saved instead of asking anyone, and stores
    the values again (same config needed: requests are matched by URL)."""
    t = settings.trends
    report = TrendsReport(run_id=uuid.uuid4().hex[:16], enabled=t.enabled)
    if not t.enabled:
        report.notes.append(Note("trends.disabled"))
        return report
    now = now or dt.datetime.now(dt.UTC)
    run = _Run(sink, settings, now, report)
    sink.start_run(
        report.run_id, now, t.geo, list(t.keywords), t.anchor or (t.keywords[0] if t.keywords else "")
    )
    try:
        if adapter is None and t.replay_dir and not recompute_run:
            adapter = replay_adapter(settings.resolve(t.replay_dir))
            recorded = getattr(adapter, "recorded_at", None)
            if recorded:
                run.observed_at = dt.datetime.fromisoformat(recorded)
        if recompute_run:
            past = recompute_run
            adapter = StoredAnswers(lambda method, url: sink.saved_answer(past, method, url))
            cache = None
            run.report.notes.append(Note("trends.recomputed", {"run_id": recompute_run}))
        else:
            cache = sink.answer_cache(report.run_id, now=now, cache_hours=t.cache_hours)
        transport = TrendsTransport(adapter or live_adapter(), budget=t.max_requests, cache=cache)
        backoff = Backoff(
            t.max_retries,
            t.backoff_s,
            sleep=_real_sleep if sleep is None else sleep,
            rng=random.Random() if rng is None else rng,
        )
        _fetch_all(run, transport, backoff)
        report.requests_made, report.from_cache = transport.requests_made, transport.from_cache
    except Exception as e:  # noqa: BLE001 - a Trends failure never fails the weekly run
        run.fail("trends", t.geo, e)
    sink.finish_run(
        report.run_id,
        finished_at=dt.datetime.now(dt.UTC),
        observed_at=run.observed_at,
        requests_made=report.requests_made,
        from_cache=report.from_cache,
        budget_left=t.max_requests - report.requests_made,
        outcome=report.outcome,
        notes=[n.render("en") for n in report.notes],  # the store keeps them readable in SQL
    )
    return report


def _real_sleep(seconds: float) -> None:
    import time

    time.sleep(seconds)


def replay_folder(settings: Settings) -> Path | None:
    """The configured replay folder, if any."""
    return settings.resolve(settings.trends.replay_dir) if settings.trends.replay_dir else None
