"""What the analysis hands to the digest: one week's emerging topics with their evidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from trendwatch.messages import Note


@dataclass(slots=True)
class Article:
    """An entry shown as evidence for a topic."""

    entry_id: str
    title: str
    url: str | None
    published: dt.datetime  # UTC
    source: str  # feed name (the first feed it was seen in)
    sources: list[str] = field(default_factory=list)  # every feed it appeared in
    summary: str = ""  # plain-text summary as stored (may be empty: titles-only feeds)


@dataclass(slots=True)
class Topic:
    """One emerging topic of the week."""

    topic_id: str  # stable across weeks when the same topic continues (links week to week)
    label: str  # a readable phrase, not a stem list
    keywords: list[str]
    score: float  # emergence score; higher is more emerging
    n_articles: int  # distinct stories this week (near-duplicates counted once per source)
    n_sources: int  # distinct feeds this week
    baseline_mean: float  # mean weekly articles over the baseline weeks
    weekly_counts: list[tuple[str, int]]  # (ISO week, articles) over baseline + this week, oldest first
    articles: list[Article]  # the most representative first (at least the top 3)
    entry_ids: list[str]  # every entry of the topic this week
    language: str | None = None
    status: str = "emerging"  # emerging | new | growing
    evidence: list[Note] = field(default_factory=list)  # extra evidence lines (e.g. search demand)
    key_phrase: str = ""  # the story's short subject as its articles write it (never one generic word)
    entities: list[str] = field(default_factory=list)  # proper names in the topic, most frequent first


@dataclass(slots=True)
class WeekAnalysis:
    """The result of analysing one ISO week against its baseline."""

    week: str  # e.g. "2022-W08"
    start: dt.datetime  # UTC instant the week starts (in the configured time zone)
    end: dt.datetime  # UTC instant the week ends (exclusive)
    n_entries: int  # entries published in the week
    n_sources: int  # feeds that published in the week
    baseline_weeks: list[str]  # ISO weeks used as the baseline, oldest first
    baseline_entries: int  # entries in the baseline weeks
    topics: list[Topic]  # ranked, best first
    notes: list[Note] = field(default_factory=list)  # caveats as codes + values (little history, one feed...)
