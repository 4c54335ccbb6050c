"""Content calendar: slots that never collide and keep the cadence; valid RFC 5545 .ics and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from trendwatch.cli import main
from trendwatch.cm.calendar import calendar_events, fold_line, free_slots, ics_escape, write_calendar
from trendwatch.config import settings_from_dict
from trendwatch.store import connect

WEEK = "2022-W08"  # ideas are placed in the week after: 2022-02-28 .. 2022-03-06
PARIS = ZoneInfo("Europe/Paris")


def add_idea(
    con: Any,
    n: int,
    *,
    week: str = WEEK,
    slot: dt.datetime | None = None,
    status: str = "proposed",
    title: str | None = None,
    fmt: str = "carousel",
) -> str:
    idea_id = f"idea{week[-2:]}{n:03d}"
    con.execute(
        "INSERT INTO topics (week, topic_id, rank, label, keywords, n_articles) "
        "VALUES (?, ?, ?, ?, ['x'], 3) ON CONFLICT DO NOTHING",
        [week, f"t{n}", n, f"Topic {n}"],
    )
    con.execute(
        "INSERT INTO ideas (idea_id, week, topic_id, rank, title, format, why_now, sources, slot, caution, "
        "status) VALUES (?, ?, ?, 1, ?, ?, 'it grows', ?, ?, [], ?)",
        [idea_id, week, f"t{n}", title or f"Idea {n}", fmt, [f"https://news.example/{n}"], slot, status],
    )
    return idea_id


def make_settings(tmp_path: Path, **calendar: Any) -> Any:
    return settings_from_dict(
        {
            "calendar": calendar,
            "digest": {"peak_hours": ["09:00", "12:30", "18:00"]},
            "store": {"path": "t.duckdb"},
        },
        base_dir=tmp_path,
    )


@pytest.fixture()
def store(tmp_path: Path) -> Any:
    con = connect(tmp_path / "t.duckdb")
    yield con
    con.close()


@pytest.mark.parametrize(
    ("per_day", "days_off", "n"),
    [(1, ["sat", "sun"], 7), (2, ["sat", "sun"], 12), (3, ["wed", "sat", "sun"], 20), (2, [], 6)],
)
def test_slots_never_collide_and_respect_the_cadence(
    store: Any, tmp_path: Path, per_day: int, days_off: list[str], n: int
) -> None:
    settings = make_settings(tmp_path, posts_per_day=per_day, days_off=days_off)
    for i in range(1, n + 1):
        add_idea(store, i)
    events = calendar_events(store, settings, WEEK)
    placed = [e.slot for e in events if e.slot is not None]
    open_days = 5 - len([d for d in days_off if d in ("mon", "tue", "wed", "thu", "fri")])
    assert len(placed) == min(n, open_days * per_day)
    assert len(set(placed)) == len(placed)
    per = Counter(s.date() for s in placed)
    assert max(per.values()) <= per_day
    for s in placed:
        assert s.tzinfo is not None and s.astimezone(PARIS).strftime("%H:%M") in ("09:00", "12:30", "18:00")
        assert dt.date(2022, 2, 28) <= s.date() <= dt.date(2022, 3, 6)
        assert s.strftime("%a").lower()[:3] not in days_off + ["sat", "sun"]
    if n <= open_days:
        assert len(per) == n  # spread: one a day before doubling up


def test_few_ideas_are_spread_over_the_week(store: Any, tmp_path: Path) -> None:
    add_idea(store, 1)
    add_idea(store, 2)
    events = calendar_events(store, make_settings(tmp_path), WEEK)
    assert [e.slot.strftime("%a") for e in events if e.slot] == ["Mon", "Fri"]


def test_gap_filling_respects_the_cadence_and_taken_slots(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, posts_per_day=2)
    taken = [dt.datetime(2022, 2, 28, 9, tzinfo=PARIS), dt.datetime(2022, 2, 28, 12, 30, tzinfo=PARIS)]
    slots = free_slots(20, WEEK, settings, taken)
    assert len(slots) == 8  # Monday is already full
    assert not set(slots) & set(taken)
    assert max(Counter(s.date() for s in slots).values()) == 2


def test_stored_slots_kept_others_fill_in_and_dismissed_left_out(store: Any, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, posts_per_day=1)
    wed = dt.datetime(2022, 3, 2, 18, 0, tzinfo=PARIS)
    add_idea(store, 1, slot=wed)
    add_idea(store, 2, slot=wed)  # collides with idea 1: moved
    add_idea(store, 3, status="dismissed")
    add_idea(
        store, 4, week="2022-W07", slot=dt.datetime(2022, 2, 28, 9, 0, tzinfo=PARIS)
    )  # other week's post
    events = calendar_events(store, settings, WEEK)
    assert [e.idea_id for e in events] == ["idea08001", "idea08002"]
    assert events[0].slot == wed
    assert events[1].slot is not None and events[1].slot.date() not in (wed.date(), dt.date(2022, 2, 28))


def test_ics_is_rfc5545(store: Any, tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    long_title = "Crise énergétique ; ce que ça change, vraiment, pour vous — " + "é" * 60
    add_idea(store, 1, title=long_title)
    add_idea(store, 2)
    now = dt.datetime(2022, 2, 27, 20, 0, tzinfo=dt.UTC)
    paths = write_calendar(store, settings, WEEK, tmp_path / "out", now=now)
    raw = paths["ics"].read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    physical = raw.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(physical) and all(len(line) <= 75 for line in physical)
    text = raw.decode("utf-8")  # folding never split a character
    unfolded = text.replace("\r\n ", "")
    lines = unfolded.split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 2 == lines.count("END:VEVENT")
    for prop in ("VERSION:2.0", "PRODID:", "UID:idea08001@trendwatch", "DTSTAMP:20220227T200000Z"):
        assert any(line.startswith(prop) for line in lines), prop
    starts = [line for line in lines if line.startswith("DTSTART:")]
    assert all(re.fullmatch(r"DTSTART:\d{8}T\d{6}Z", s) for s in starts)
    summary = next(line for line in lines if line.startswith("SUMMARY:Crise"))
    assert summary == "SUMMARY:" + ics_escape(long_title) and "\\;" in summary and "\\," in summary
    desc = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert "https://news.example/1" in desc and "\\n" in desc and "trendwatch idea used idea08001" in desc


def test_fold_and_escape_helpers() -> None:
    assert ics_escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    folded = fold_line("X:" + "€" * 40)
    assert all(len(p.encode()) <= 75 for p in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "X:" + "€" * 40


def test_csv_and_command(store: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(1, 4):
        add_idea(store, i)
    store.close()
    config = tmp_path / "trendwatch.toml"
    config.write_text('[store]\npath = "t.duckdb"\n', encoding="utf-8")
    assert main(["--config", str(config), "calendar", "--week", WEEK, "--out", str(tmp_path / "cal")]) == 0
    out = capsys.readouterr().out
    assert "Idea 1" in out and "calendar-2022-W08.ics" in out
    data = (tmp_path / "cal" / "calendar-2022-W08.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert [r["idea_id"] for r in rows] == ["idea08001", "idea08002", "idea08003"]
    assert rows[0]["date"] == "2022-02-28" and rows[0]["timezone"] == "Europe/Paris"
    assert rows[0]["sources"] == "https://news.example/1"


def test_a_french_calendar_is_french_in_ics_csv_and_the_table(
    store: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_idea(store, 1)
    store.execute("UPDATE ideas SET format = 'infographic', caution = ['sensible', 'charte']")
    store.close()
    config = tmp_path / "trendwatch.toml"
    config.write_text('[store]\npath = "t.duckdb"\n[digest]\nlanguage = "fr"\n', encoding="utf-8")
    assert main(["--config", str(config), "calendar", "--week", WEEK, "--out", str(tmp_path / "cal")]) == 0
    out = capsys.readouterr().out
    assert "infographie" in out and "infographic" not in out
    assert "lundi 28 février, 09:00" in out, "weekday and slot in French, in the configured time zone"
    ics = (tmp_path / "cal" / "calendar-2022-W08.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "Format : infographie" in ics and "CATEGORIES:infographie" in ics
    assert "Attention : sensible \\; charte" in ics and "Publiée ? Lancez" in ics
    rows = list(
        csv.DictReader(io.StringIO((tmp_path / "cal" / "calendar-2022-W08.csv").read_text("utf-8-sig")))
    )
    assert rows[0]["format"] == "infographie" and rows[0]["caution"] == "sensible ; charte"


def test_a_week_without_ideas_says_so_and_fails(
    store: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_idea(store, 1)
    store.close()
    config = tmp_path / "trendwatch.toml"
    config.write_text('[store]\npath = "t.duckdb"\n[digest]\nlanguage = "en"\n', encoding="utf-8")
    out = tmp_path / "cal"
    assert main(["--config", str(config), "calendar", "--week", "2022-W09", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "No ideas for 2022-W09" in err and "weeks with ideas: 2022-W08" in err
    assert not out.exists(), "no empty calendar is written"


def test_a_live_without_a_slot_is_not_moved_into_the_week(store: Any, tmp_path: Path) -> None:
    """The digest leaves a live unslotted when its event's day is not in the coming week ("En
    direct (25 septembre)"): the calendar does not put it on a day of this week either."""
    add_idea(store, 1)
    live = add_idea(store, 2, fmt="live", title="En direct (25 septembre) — élections en Italie")
    events = {e.idea_id: e for e in calendar_events(store, make_settings(tmp_path), WEEK)}
    assert events[live].slot is None and len([e for e in events.values() if e.slot]) == 1
