"""Content calendar: a week's ideas in publication slots, as iCalendar (.ics) and CSV files.

Slots are in the week after the digest's week. The slots the digest stored (planned by
``trendwatch.cm.slots``) are kept when they respect the cadence; the other ideas are placed in
free slots by the same rules. The
.ics follows RFC 5545: CRLF line endings, lines folded at 75 octets, escaped text, times in UTC.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from trendwatch import __version__
from trendwatch.cm import CmError
from trendwatch.cm.slots import plan_slots
from trendwatch.config import WEEKDAYS, Settings
from trendwatch.messages import format_label, list_separator, render
from trendwatch.safe_text import csv_cell
from trendwatch.store.cm_store import ideas_table_exists, week_ideas
from trendwatch.store.connection import Connection
from trendwatch.store.digest_store import other_weeks_slots
from trendwatch.weeks import parse_week, shift_week, week_bounds, week_of_instant

PRODID = f"-//trendwatch//trendwatch {__version__}//EN"
CSV_COLUMNS = [
    "date",
    "time",
    "timezone",
    "idea_id",
    "topic_rank",
    "idea_rank",
    "format",
    "title",
    "why_now",
    "sources",
    "caution",
    "status",
]


@dataclass(slots=True)
class CalendarEvent:
    """One idea placed (or not: ``slot`` None when the week is full) in the calendar."""

    idea_id: str
    title: str
    format: str
    why_now: str
    sources: list[str]
    caution: list[str]
    status: str
    topic_rank: int | None
    idea_rank: int | None
    slot: dt.datetime | None = None
    notes: list[str] = field(default_factory=list)


def free_slots(n: int, week: str, settings: Settings, taken: Iterable[dt.datetime]) -> list[dt.datetime]:
    """Up to ``n`` free slots in the week after ``week``, around the ``taken`` ones, keeping the cadence
    (the digest planned its ideas' slots with the same :func:`plan_slots`; this fills the gaps)."""
    return plan_slots(n, week, settings, taken=taken)


def _fits(slot: dt.datetime, week: str, settings: Settings, per_day: dict[dt.date, int]) -> bool:
    """True when a stored slot is in the coming week, on a publishing day, with room left that day."""
    tz = settings.digest.timezone
    local = slot.astimezone(ZoneInfo(tz))
    day_name = WEEKDAYS[local.weekday()]
    return (
        week_of_instant(slot, tz) == shift_week(week, 1)
        and day_name in settings.digest.publish_days
        and day_name not in settings.calendar.days_off
        and local.strftime("%H:%M") in settings.digest.peak_hours
        and per_day.get(local.date(), 0) < settings.calendar.posts_per_day
    )


def calendar_events(con: Connection, settings: Settings, week: str) -> list[CalendarEvent]:
    """The week's ideas (not dismissed), best first, each with a slot that respects the cadence."""
    week = parse_week(week)
    if not ideas_table_exists(con):
        raise CmError(
            f"no ideas in the store yet, so no calendar for {week}. Run `trendwatch digest --week {week}`."
        )
    rows = week_ideas(con, week)
    events = [
        CalendarEvent(
            r.idea_id, r.title or "", r.format or "", r.why_now or "", list(r.sources or []),
            list(r.caution or []), r.status, r.topic_rank, r.idea_rank,
        )
        for r in rows
    ]
    start, end = week_bounds(shift_week(week, 1), settings.digest.timezone)
    others = other_weeks_slots(con, week, start, end)
    tz = ZoneInfo(settings.digest.timezone)
    taken = {s.astimezone(dt.UTC) for s in others}
    per_day: dict[dt.date, int] = {}
    for s in others:
        per_day[s.astimezone(tz).date()] = per_day.get(s.astimezone(tz).date(), 0) + 1
    stored = dict(zip((e.idea_id for e in events), (r.slot for r in rows), strict=True))
    for e in events:
        slot = stored[e.idea_id]
        if slot is not None and slot.astimezone(dt.UTC) not in taken and _fits(slot, week, settings, per_day):
            e.slot = slot.astimezone(tz)
            taken.add(slot.astimezone(dt.UTC))
            per_day[e.slot.date()] = per_day.get(e.slot.date(), 0) + 1
    # a live is for its event's day: without a stored slot that day is not in the coming week
    rest = [e for e in events if e.slot is None and e.format != "live"]
    for e, slot in zip(rest, free_slots(len(rest), week, settings, taken), strict=False):
        e.slot = slot.astimezone(tz)
    return events


# ------------------------------------------------------------------ iCalendar (RFC 5545)


def ics_escape(text: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma and newlines."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold_line(line: str) -> str:
    """A content line folded so no physical line exceeds 75 octets (never inside a UTF-8 character)."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _description(e: CalendarEvent, language: str) -> str:
    colon = " :" if language == "fr" else ":"
    parts = [f"{render('calendar.format', language)}{colon} {format_label(e.format, language)}"]
    if e.why_now:
        parts.append(f"{render('calendar.why_now', language)}{colon} {e.why_now}")
    if e.sources:
        parts.append(
            f"{render('calendar.sources', language)}{colon}\n" + "\n".join(f"- {s}" for s in e.sources)
        )
    if e.caution:
        cautions = list_separator(language).join(e.caution)
        parts.append(f"{render('calendar.caution', language)}{colon} {cautions}")
    parts.append(render("calendar.published", language, idea_id=e.idea_id))
    return "\n".join(parts)


def to_ics(
    events: list[CalendarEvent], settings: Settings, week: str, *, now: dt.datetime | None = None
) -> str:
    """An iCalendar document with one VEVENT per placed idea."""
    stamp = _utc(now or dt.datetime.now(dt.UTC))
    length = dt.timedelta(minutes=settings.calendar.event_minutes)
    lang = settings.digest.language
    name = render("calendar.name", lang, week=week)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape(name)}",
    ]
    for e in events:
        if e.slot is None:
            continue
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.idea_id}@trendwatch",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(e.slot)}",
            f"DTEND:{_utc(e.slot + length)}",
            f"SUMMARY:{ics_escape(e.title)}",
            f"DESCRIPTION:{ics_escape(_description(e, lang))}",
            f"CATEGORIES:{ics_escape(format_label(e.format, lang) if e.format else 'idea')}",
            "TRANSP:TRANSPARENT",
        ]
        if e.sources:
            lines.append(f"URL:{e.sources[0]}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold_line(x) + "\r\n" for x in lines)


def to_csv(events: list[CalendarEvent], settings: Settings) -> str:
    """One row per idea in slot order (ideas without a slot last), local dates and times; column
    names stay identifiers, values (format, list separators) are in the [digest] language."""
    lang = settings.digest.language
    sep = " ; " if lang == "fr" else " | "
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    for e in sorted(events, key=lambda x: x.slot or far):
        w.writerow(
            csv_cell(cell)  # feed text never runs as a spreadsheet formula
            for cell in [
                e.slot.date().isoformat() if e.slot else "",
                e.slot.strftime("%H:%M") if e.slot else "",
                settings.digest.timezone,
                e.idea_id,
                e.topic_rank,
                e.idea_rank,
                format_label(e.format, lang),
                e.title,
                e.why_now,
                sep.join(e.sources),
                sep.join(e.caution),
                e.status,
            ]
        )
    return buf.getvalue()


def write_calendar(
    con: Connection, settings: Settings, week: str, folder: Path, *, now: dt.datetime | None = None
) -> dict[str, Path]:
    """Write ``calendar-<week>.ics`` and ``.csv`` into ``folder``; returns {"ics": path, "csv": path}."""
    events = calendar_events(con, settings, week)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"ics": folder / f"calendar-{week}.ics", "csv": folder / f"calendar-{week}.csv"}
    paths["ics"].write_bytes(to_ics(events, settings, week, now=now).encode("utf-8"))
    # utf-8-sig: spreadsheet programs then read accents right
    paths["csv"].write_bytes(to_csv(events, settings).encode("utf-8-sig"))
    return paths
