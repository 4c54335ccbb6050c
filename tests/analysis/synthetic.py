"""Synthetic weeks of news for the analysis tests: background chatter plus planted stories.

Background titles and summaries draw from 4,096 made-up words (no stop words, no accidental
meaning), so only the planted stories share anything beyond chance. The analysis reads these
records through ``analyse_entries``: no store is needed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable, Sequence

from trendwatch.analysis.detect import analyse_entries
from trendwatch.analysis.model import Topic, WeekAnalysis
from trendwatch.analysis.weeks import previous_weeks, week_bounds
from trendwatch.config import AnalysisSettings
from trendwatch.store.analysis_reads import WindowEntry

WEEK = "2024-W10"
TZ = "Europe/Paris"
FEEDS = ["lemonde", "liberation", "lefigaro", "ouestfrance"]
WORDS = ["".join(p) for p in itertools.product(["ba", "ko", "ri", "tu", "ne", "mi", "sa", "lo"], repeat=4)]


def history(n: int = 8) -> list[str]:
    return previous_weeks(WEEK, n) + [WEEK]


def when(week: str, rng: random.Random) -> dt.datetime:
    start, _ = week_bounds(week, TZ)
    return start + dt.timedelta(minutes=rng.randrange(60, 7 * 24 * 60 - 60))


class Corpus:
    """Entries under construction; ``analyse`` runs the analysis on them."""

    def __init__(self, seed: int = 1) -> None:
        self.rng = random.Random(seed)
        self.entries: list[WindowEntry] = []

    def add(
        self, week: str, title: str, summary: str = "", feed: str | None = None, language: str = "fr"
    ) -> str:
        entry_id = f"e{len(self.entries)}"
        feed = feed or FEEDS[self.rng.randrange(len(FEEDS))]
        self.entries.append(
            WindowEntry(entry_id, title, summary, f"http://127.0.0.1/{entry_id}", when(week, self.rng),
                        language, feed, [feed])
        )
        return entry_id

    def chatter(self, weeks: Sequence[str], per_week: int, *, feeds: Sequence[str] | None = None,
                summaries: bool = True, language: str = "fr") -> None:
        """Unrelated background entries: random made-up words."""
        for week in weeks:
            for _ in range(per_week):
                title = " ".join(self.rng.sample(WORDS, 6)).capitalize()
                summary = " ".join(self.rng.sample(WORDS, 12)) + "." if summaries else ""
                feed = None if feeds is None else feeds[self.rng.randrange(len(feeds))]
                self.add(week, title, summary, feed, language)

    def story(self, week: str, n: int, make: Callable[[random.Random, int], tuple[str, str]], *,
              feeds: Sequence[str] = FEEDS, language: str = "fr") -> list[str]:
        """``n`` entries of one story; ``make(rng, i)`` gives each one's title and summary."""
        return [self.add(week, *make(self.rng, i), feeds[i % len(feeds)], language) for i in range(n)]

    def words(self, k: int) -> str:
        return " ".join(self.rng.sample(WORDS, k))

    def analyse(self, week: str = WEEK, *, language: str = "fr", **options: object) -> WeekAnalysis:
        settings = AnalysisSettings(**options)  # type: ignore[arg-type]

        def read(start: dt.datetime, end: dt.datetime) -> list[WindowEntry]:
            return sorted((e for e in self.entries if start <= e.published < end),
                          key=lambda e: (e.published, e.entry_id))

        return analyse_entries(read, settings, week, timezone=TZ, language=language)


def holding(result: WeekAnalysis, ids: Sequence[str], share: float = 0.6) -> tuple[int, Topic] | None:
    """The first topic (rank from 1) holding at least ``share`` of ``ids``, or None."""
    wanted = set(ids)
    for rank, topic in enumerate(result.topics, 1):
        if len(wanted & set(topic.entry_ids)) >= share * len(wanted):
            return rank, topic
    return None
