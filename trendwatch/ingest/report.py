"""What one ingest run did, feed by feed, and the one summary every caller prints and returns.

``trendwatch ingest``, ``trendwatch run`` and the Prefect flows all report through
:meth:`IngestReport.summary` and :func:`summary_line`, so the same state gives the same exit code
and the same words everywhere: a feed that answered 304 (or was fetched minutes ago) is healthy;
a feed that failed, is backing off or is gone needs attention (exit code 3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from trendwatch.messages import Note

EXIT_OK = 0
EXIT_NEEDS_ATTENTION = 3  # some feeds failed, are backing off or are gone; the rest was stored
ATTENTION = ("failed", "backing_off", "gone")
COUNTS = ("feeds_ok", "feeds_not_modified", "feeds_failed", "feeds_skipped", "entries_new", "entries_known")


@dataclass(slots=True)
class FeedOutcome:
    """What happened to one feed in a run."""

    feed_id: str
    name: str
    url: str
    outcome: str  # ok | not_modified | failed | fresh | backing_off | gone
    status: int | None = None
    entries_new: int = 0
    entries_known: int = 0
    error: str | None = None
    retry_after: dt.datetime | None = None


@dataclass(slots=True)
class IngestReport:
    """The summary of one ingest run."""

    run_id: str
    started_at: dt.datetime
    outcomes: list[FeedOutcome] = field(default_factory=list)
    duration_s: float = 0.0
    retried: int = 0  # feeds fetched again in this run after a temporary failure

    def _count(self, *outcomes: str) -> int:
        return sum(o.outcome in outcomes for o in self.outcomes)

    @property
    def feeds_ok(self) -> int:
        return self._count("ok")

    @property
    def feeds_not_modified(self) -> int:
        return self._count("not_modified", "fresh")

    @property
    def feeds_failed(self) -> int:
        return self._count("failed")

    @property
    def feeds_skipped(self) -> int:
        return self._count("backing_off", "gone")

    @property
    def entries_new(self) -> int:
        return sum(o.entries_new for o in self.outcomes)

    @property
    def entries_known(self) -> int:
        return sum(o.entries_known for o in self.outcomes)

    @property
    def failures(self) -> list[tuple[str, str, str]]:
        """(feed name, url, problem) of each feed that failed, is backing off or is gone."""
        return [(o.name, o.url, o.error or o.outcome) for o in self.outcomes if o.outcome in ATTENTION]

    @property
    def exit_code(self) -> int:
        """0 when every feed is healthy (stored, unchanged or fresh); 3 when some need attention."""
        return EXIT_NEEDS_ATTENTION if self.failures else EXIT_OK

    def summary(self) -> dict[str, Any]:
        """The small, JSON-able summary that tasks return and commands print (see :func:`summary_line`)."""
        out: dict[str, Any] = {key: getattr(self, key) for key in COUNTS}
        out["failures"] = [list(f) for f in self.failures]
        out["retried"] = self.retried
        out["exit_code"] = self.exit_code
        return out


def merge_summaries(summaries: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """One summary for several partial runs (staged batches on Dask workers, a batch that failed)."""
    total: dict[str, Any] = dict.fromkeys(COUNTS, 0)
    total.update(failures=[], retried=0)
    for s in summaries:
        for key in (*COUNTS, "retried"):
            total[key] += int(s.get(key, 0))
        total["failures"].extend(s.get("failures", []))
    total["exit_code"] = EXIT_NEEDS_ATTENTION if total["failures"] else EXIT_OK
    return total


def summary_line(summary: dict[str, Any], lang: str = "en") -> str:
    """``12 feed(s) ok, 5 unchanged, 1 failed, 2 backing off or gone, 40 new entries``."""
    return Note(
        "ingest.summary",
        {
            "ok": summary.get("feeds_ok", 0),
            "unchanged": summary.get("feeds_not_modified", 0),
            "failed": summary.get("feeds_failed", 0),
            "skipped": summary.get("feeds_skipped", 0),
            "new": summary.get("entries_new", 0),
        },
    ).render(lang)
