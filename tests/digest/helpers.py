"""Topics built by hand for the digest's idea, relevance and crisis tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from trendwatch.analysis.model import Article, Topic, WeekAnalysis
from trendwatch.analysis.weeks import week_bounds
from trendwatch.config import Settings, settings_from_dict

WEEK = "2026-W10"
NOW = dt.datetime(2026, 3, 9, 6, 0, tzinfo=dt.UTC)


def topic(
    topic_id: str,
    label: str,
    titles: list[str],
    *,
    key_phrase: str = "",
    entities: list[str] | None = None,
    summaries: list[str] | None = None,
    n_sources: int = 3,
    baseline_mean: float = 1.0,
    status: str = "growing",
    score: float = 3.0,
) -> Topic:
    """A topic of WEEK whose articles carry ``titles`` (one a day from Monday 2 March)."""
    summaries = summaries or [""] * len(titles)
    articles = [
        Article(
            entry_id=f"{topic_id}-{i}",
            title=title,
            url=f"https://news.example/{topic_id}/{i}",
            published=dt.datetime(2026, 3, 2 + i % 6, 9, 0, tzinfo=dt.UTC),
            source=f"Feed {i % n_sources}",
            sources=[f"Feed {i % n_sources}"],
            summary=summary,
        )
        for i, (title, summary) in enumerate(zip(titles, summaries, strict=True))
    ]
    return Topic(
        topic_id=topic_id,
        label=label,
        keywords=[w.lower() for w in label.split()[:3]],
        score=score,
        n_articles=len(titles),
        n_sources=n_sources,
        baseline_mean=baseline_mean,
        weekly_counts=[("2026-W09", 1), (WEEK, len(titles))],
        articles=articles,
        entry_ids=[a.entry_id for a in articles],
        status=status,
        key_phrase=key_phrase,
        entities=entities or [],
    )


def analysis(topics: list[Topic]) -> WeekAnalysis:
    start, end = week_bounds(WEEK, "Europe/Paris")
    return WeekAnalysis(WEEK, start, end, 200, 8, ["2026-W09"], 150, topics)


def settings(tmp_path: Path, **sections: Any) -> Settings:
    data: dict[str, Any] = {"store": {"path": str(tmp_path / "tw.duckdb")}, **sections}
    return settings_from_dict(data, base_dir=tmp_path)
