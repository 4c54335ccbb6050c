"""Writing a week's digest: its files and its content calendar, and the weeks a missed run left
unwritten. The one path for the CLI (``run``), the Prefect flows and the demo, so every path that
writes a digest writes its calendar too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from trendwatch.analysis.weeks import parse_week, shift_week
from trendwatch.cm.calendar import write_calendar
from trendwatch.config import Settings
from trendwatch.digest.build import default_week, make_digest
from trendwatch.publish import digest_folder, write_files
from trendwatch.store import open_store

CATCH_UP_WEEKS = 8  # at most this many weekly digests written by one run after an outage
_DIGEST_FILE = re.compile(r"^digest-(\d{4}-W\d{2})\.[a-z]+$")


@dataclass(slots=True)
class WrittenDigest:
    """One week's digest as written: the week, the number of topics, the files by format."""

    week: str
    topics: int
    files: dict[str, Path] = field(default_factory=dict)

    def paths(self) -> dict[str, str]:
        """The files by format as strings (what a Prefect task returns)."""
        return {fmt: str(p) for fmt, p in self.files.items()}


def write_week(settings: Settings, week: str | None = None) -> WrittenDigest:
    """Build (and store) the digest of ``week`` (default: the last complete week), write it in every
    ``[publish] formats`` and its content calendar (.ics, .csv) beside it."""
    digest = make_digest(settings, week)
    files = write_files(settings, digest)
    calendar = calendar_beside(settings, digest.week, digest_folder(settings))
    return WrittenDigest(digest.week, len(digest.topics), {**files, **calendar})


def calendar_beside(settings: Settings, week: str, folder: Path) -> dict[str, Path]:
    """Write the content calendar of ``week`` (.ics, .csv) into ``folder``, where its digest went."""
    with open_store(settings.store_path, read_only=True, wait_s=settings.store.lock_timeout_s) as con:
        return write_calendar(con, settings, week, folder)


def written_weeks(settings: Settings) -> list[str]:
    """The weeks whose digest is in ``[publish] dir``, oldest first."""
    folder = digest_folder(settings)
    if not folder.is_dir():
        return []
    return sorted({m.group(1) for p in folder.iterdir() if (m := _DIGEST_FILE.match(p.name))})


def weeks_to_write(
    settings: Settings, week: str | None = None, *, catch_up: int = CATCH_UP_WEEKS
) -> list[str]:
    """The weeks a run writes, oldest first: ``week`` alone when given; else the last complete week
    and, after an outage, every week since the last digest written (at most ``catch_up`` in all).
    A first run writes one digest: nothing before it was ever written, so nothing was missed."""
    if week is not None:
        return [parse_week(week)]
    target = default_week(settings)
    before = [w for w in written_weeks(settings) if w < target]
    if not before:
        return [target]
    first = max(shift_week(before[-1], 1), shift_week(target, 1 - max(1, catch_up)))
    weeks = [first]
    while weeks[-1] < target:
        weeks.append(shift_week(weeks[-1], 1))
    return weeks


def write_digests(
    settings: Settings, week: str | None = None, *, catch_up: int = CATCH_UP_WEEKS
) -> list[WrittenDigest]:
    """Write the digest (and calendar) of every week :func:`weeks_to_write` names; the last one is
    ``week`` (or the last complete week)."""
    return [write_week(settings, w) for w in weeks_to_write(settings, week, catch_up=catch_up)]
