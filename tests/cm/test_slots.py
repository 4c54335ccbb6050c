"""Publication slots: peak hours on publishing days, per-day cap, days off, taken slots, DST."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from trendwatch.cm.slots import plan_slots
from trendwatch.config import settings_from_dict

PARIS = ZoneInfo("Europe/Paris")


def settings(
    tmp_path: Path, digest: dict[str, Any] | None = None, calendar: dict[str, Any] | None = None
) -> Any:
    return settings_from_dict({"digest": digest or {}, "calendar": calendar or {}}, base_dir=tmp_path)


def local(slots: list[dt.datetime]) -> list[tuple[str, str]]:
    return [(s.astimezone(PARIS).strftime("%a"), s.astimezone(PARIS).strftime("%H:%M")) for s in slots]


def test_slots_fall_in_the_coming_week_at_peak_hours_spread_over_the_days(tmp_path: Path) -> None:
    slots = plan_slots(3, "2022-W08", settings(tmp_path))
    assert [s.date() for s in slots] == [dt.date(2022, 2, 28), dt.date(2022, 3, 2), dt.date(2022, 3, 4)]
    assert all(s.tzinfo is not None and s.utcoffset() == dt.timedelta(hours=1) for s in slots)
    assert all(s.strftime("%H:%M") in ("09:00", "12:30", "18:00") for s in slots)
    assert slots == sorted(slots)


def test_posts_per_day_and_days_off_cap_the_week(tmp_path: Path) -> None:
    one = plan_slots(20, "2022-W08", settings(tmp_path, calendar={"posts_per_day": 1}))
    assert len(one) == 5 and len({s.date() for s in one}) == 5, "one post a day, Monday to Friday"
    s = settings(
        tmp_path,
        calendar={"posts_per_day": 2, "days_off": ["wed"]},
        digest={"publish_days": ["mon", "tue", "wed", "thu", "sat"]},
    )
    two = plan_slots(20, "2022-W08", s)
    per_day = Counter(s.strftime("%a") for s in two)
    assert per_day == {"Mon": 2, "Tue": 2, "Thu": 2, "Sat": 2}
    assert len(set(two)) == len(two)


def test_taken_slots_are_never_reused_and_count_towards_the_day(tmp_path: Path) -> None:
    s = settings(tmp_path, calendar={"posts_per_day": 2})
    taken = [
        dt.datetime(2022, 2, 28, 9, 0, tzinfo=PARIS),  # Monday morning
        dt.datetime(2022, 3, 1, 11, 30, tzinfo=dt.UTC),  # Tuesday 12:30 in Paris
        dt.datetime(2022, 3, 1, 17, 0, tzinfo=dt.UTC),  # Tuesday 18:00 in Paris
    ]
    slots = plan_slots(10, "2022-W08", s, taken=taken)
    assert not {x.astimezone(dt.UTC) for x in slots} & {x.astimezone(dt.UTC) for x in taken}
    per_day = Counter(x.strftime("%a") for x in slots)
    assert per_day["Mon"] == 1 and "Tue" not in per_day, "taken posts use up the day's quota"
    assert per_day["Wed"] == per_day["Thu"] == per_day["Fri"] == 2


def test_slots_keep_local_peak_hours_across_a_dst_change(tmp_path: Path) -> None:
    s = settings(
        tmp_path, digest={"publish_days": ["mon", "sun"], "peak_hours": ["09:00"]}, calendar={"days_off": []}
    )
    # Week 2022-W12 (coming after W11) ends on Sunday 27 March 2022, when Paris moves to summer time.
    slots = plan_slots(2, "2022-W11", s)
    assert local(slots) == [("Mon", "09:00"), ("Sun", "09:00")]
    assert [x.astimezone(dt.UTC).hour for x in slots] == [8, 7]


def test_new_york_time_zone(tmp_path: Path) -> None:
    s = settings(tmp_path, digest={"timezone": "America/New_York", "peak_hours": ["08:15"]})
    (slot,) = plan_slots(1, "2022-W08", s)
    assert slot.astimezone(dt.UTC) == dt.datetime(2022, 2, 28, 13, 15, tzinfo=dt.UTC)


def test_no_room_and_no_request_give_no_slots(tmp_path: Path) -> None:
    assert plan_slots(0, "2022-W08", settings(tmp_path)) == []
    closed = settings(tmp_path, digest={"publish_days": ["sat"]}, calendar={"days_off": ["sat"]})
    assert plan_slots(3, "2022-W08", closed) == []


def test_a_live_takes_its_days_latest_free_peak_hour_or_none(tmp_path: Path) -> None:
    from trendwatch.cm.slots import day_slot

    s = settings(tmp_path, calendar={"posts_per_day": 2})
    friday = dt.date(2022, 3, 4)
    assert local([day_slot(friday, "2022-W08", s)]) == [("Fri", "18:00")]  # type: ignore[list-item]
    evening = dt.datetime(2022, 3, 4, 18, 0, tzinfo=PARIS)
    assert local([day_slot(friday, "2022-W08", s, taken=[evening])]) == [("Fri", "12:30")]  # type: ignore[list-item]
    noon = dt.datetime(2022, 3, 4, 12, 30, tzinfo=PARIS)
    assert day_slot(friday, "2022-W08", s, taken=[evening, noon]) is None, "the day is full"
    assert day_slot(dt.date(2022, 3, 6), "2022-W08", s) is None, "Sunday is no publishing day"
    assert day_slot(dt.date(2022, 3, 11), "2022-W08", s) is None, "not in the coming week"
