"""Publication slots for the coming week: peak hours on publishing days, spread evenly.

The coming week is the ISO week after the digest's week. Slots are aware datetimes in the
[digest] time zone, at [digest] peak_hours on [digest] publish_days minus [calendar] days_off,
at most [calendar] posts_per_day per day (slots already ``taken`` count), never on a taken one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from trendwatch.analysis.weeks import week_monday
from trendwatch.config import WEEKDAYS, Settings


def publishing_days(week: str, settings: Settings) -> list[dt.date]:
    """Dates of the week after ``week`` that ideas may be published on, Monday first."""
    monday = week_monday(week) + dt.timedelta(days=7)
    allowed = set(settings.digest.publish_days) - set(settings.calendar.days_off)
    return [monday + dt.timedelta(days=i) for i, name in enumerate(WEEKDAYS) if name in allowed]


def _spread(count: int, among: int) -> list[int]:
    """``count`` indices out of ``range(among)``, evenly spaced from the first to the last."""
    if count >= among:
        return list(range(among))
    if count == 1:
        return [0]
    return sorted({round(i * (among - 1) / (count - 1)) for i in range(count)})


def plan_slots(
    n: int, week: str, settings: Settings, *, taken: Iterable[dt.datetime] = ()
) -> list[dt.datetime]:
    """Up to ``n`` publication slots in the week after ``week``, in chronological order.

    Fewer than ``n`` come back when the week has no more room (publishing days × posts per day).
    """
    if n <= 0:
        return []
    tz = ZoneInfo(settings.digest.timezone)
    hours = sorted({dt.time.fromisoformat(h) for h in settings.digest.peak_hours})
    days = publishing_days(week, settings)
    if not hours or not days:
        return []
    taken_utc = {x.astimezone(dt.UTC) for x in taken}
    per_day = settings.calendar.posts_per_day
    used: dict[dt.date, int] = {d: 0 for d in days}
    for x in taken_utc:
        local_day = x.astimezone(tz).date()
        if local_day in used:
            used[local_day] += 1
    chosen: list[dt.datetime] = []
    # Round r places at most one more post per day; within a day the hour rotates so the week
    # covers morning, noon and evening audiences.
    for r in range(min(per_day, len(hours))):
        open_days = [d for d in days if used[d] < per_day]
        if not open_days or len(chosen) >= n:
            break
        for i in _spread(n - len(chosen), len(open_days)):
            day = open_days[i]
            start = (days.index(day) + r) % len(hours)
            for k in range(len(hours)):
                when = dt.datetime.combine(day, hours[(start + k) % len(hours)], tzinfo=tz)
                if when.astimezone(dt.UTC) not in taken_utc and when not in chosen:
                    chosen.append(when)
                    used[day] += 1
                    break
            if len(chosen) >= n:
                break
    return sorted(chosen)



def day_slot(
    day: dt.date, week: str, settings: Settings, *, taken: Iterable[dt.datetime] = ()
) -> dt.datetime | None:
    """The slot of a live on ``day``: its latest free peak hour (an event's evening: a match, a
    result), or None when ``day`` is no publishing day of the week after ``week`` or is full."""
    if day not in publishing_days(week, settings):
        return None
    tz = ZoneInfo(settings.digest.timezone)
    taken_utc = {x.astimezone(dt.UTC) for x in taken}
    if sum(1 for x in taken_utc if x.astimezone(tz).date() == day) >= settings.calendar.posts_per_day:
        return None
    for hour in sorted({dt.time.fromisoformat(h) for h in settings.digest.peak_hours}, reverse=True):
        when = dt.datetime.combine(day, hour, tzinfo=tz)
        if when.astimezone(dt.UTC) not in taken_utc:
            return when
    return None
