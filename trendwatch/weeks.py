"""ISO weeks ("2022-W08") in a time zone: parsing, UTC bounds, the last complete one, earlier ones.

A leaf module: every stage may import it, it imports nothing of trendwatch but the errors."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from trendwatch.errors import ConfigError

__all__ = [
    "last_complete_week",
    "parse_week",
    "previous_weeks",
    "shift_week",
    "week_bounds",
    "week_monday",
    "week_of",
    "week_of_instant",
    "zone",
]

_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


def _weeks_in_year(year: int) -> int:
    """52 or 53: the ISO week of 28 December is always the year's last."""
    return dt.date(year, 12, 28).isocalendar()[1]


def parse_week(text: str) -> str:
    """Validate an ISO week such as ``2022-W08`` and return it in canonical form."""
    m = _WEEK.match(text or "")
    if not m:
        raise ConfigError(
            f"week {text!r} is not an ISO week: expected YYYY-Www with a four-digit year, "
            "e.g. 2022-W08. Fix: pass --week 2022-W08 (or leave it out for the last complete week)."
        )
    year, week = int(m.group(1)), int(m.group(2))
    last = _weeks_in_year(year)
    if not 1 <= week <= last:
        raise ConfigError(
            f"week {text!r} does not exist: {year} has weeks W01 to W{last:02d}. "
            f"Fix: use a week between {year}-W01 and {year}-W{last:02d}."
        )
    return f"{year:04d}-W{week:02d}"


def week_monday(week: str) -> dt.date:
    """The Monday (a calendar date) that starts an ISO week."""
    year, num = parse_week(week).split("-W")
    return dt.date.fromisocalendar(int(year), int(num), 1)


def week_of(day: dt.date) -> str:
    """The ISO week a calendar date belongs to."""
    year, num, _ = day.isocalendar()
    return f"{year:04d}-W{num:02d}"


def zone(tz: str) -> ZoneInfo:
    """The IANA time zone ``tz``, or a ConfigError saying how to name one."""
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise ConfigError(
            f'time zone {tz!r} is unknown: expected an IANA name such as "Europe/Paris". '
            "Fix: set [digest] timezone."
        ) from e


def week_bounds(week: str, tz: str) -> tuple[dt.datetime, dt.datetime]:
    """UTC start (inclusive) and end (exclusive) of ``week`` as lived in time zone ``tz``."""
    zi = zone(tz)
    monday = week_monday(week)
    start = dt.datetime.combine(monday, dt.time(0), tzinfo=zi)
    end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(0), tzinfo=zi)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def week_of_instant(instant: dt.datetime, tz: str) -> str:
    """The ISO week an aware instant falls in, in time zone ``tz``."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=dt.UTC)
    return week_of(instant.astimezone(zone(tz)).date())


def last_complete_week(tz: str, now: dt.datetime | None = None) -> str:
    """The most recent ISO week that has fully ended in time zone ``tz`` at ``now``."""
    now = now or dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    today = now.astimezone(zone(tz)).date()
    return week_of(today - dt.timedelta(days=today.weekday() + 7))


def shift_week(week: str, n: int) -> str:
    """The ISO week ``n`` weeks after ``week`` (before it when ``n`` is negative)."""
    return week_of(week_monday(week) + dt.timedelta(days=7 * n))


def previous_weeks(week: str, n: int) -> list[str]:
    """The ``n`` ISO weeks before ``week``, oldest first."""
    return [shift_week(week, -i) for i in range(n, 0, -1)]
