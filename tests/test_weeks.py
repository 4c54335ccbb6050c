"""ISO week helpers: parsing, bounds in a time zone, last complete week, earlier weeks."""

from __future__ import annotations

import datetime as dt

import pytest

from trendwatch.errors import ConfigError
from trendwatch.weeks import (
    last_complete_week,
    parse_week,
    previous_weeks,
    shift_week,
    week_bounds,
    week_of_instant,
)

UTC = dt.UTC


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2022-W08", "2022-W08"), ("2022-w8", "2022-W08"), ("2022W08", "2022-W08"), (" 2020-W53 ", "2020-W53")],
)
def test_parse_week_accepts_and_canonicalises(text: str, expected: str) -> None:
    assert parse_week(text) == expected


@pytest.mark.parametrize("text", ["2022-W54", "2022-W53", "2022-W00", "22-W8", "2022-08", "", "W08-2022"])
def test_parse_week_rejects_with_a_fix(text: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_week(text)
    message = str(info.value)
    assert repr(text) in message
    assert "Fix" in message


def test_week_bounds_follow_the_time_zone() -> None:
    start, end = week_bounds("2022-W08", "Europe/Paris")  # winter: UTC+1
    assert start == dt.datetime(2022, 2, 20, 23, 0, tzinfo=UTC)
    assert end == dt.datetime(2022, 2, 27, 23, 0, tzinfo=UTC)
    start, end = week_bounds("2022-W08", "America/New_York")  # UTC-5
    assert start == dt.datetime(2022, 2, 21, 5, 0, tzinfo=UTC)


def test_week_spanning_a_daylight_saving_change_is_167_hours() -> None:
    start, end = week_bounds("2022-W12", "Europe/Paris")  # clocks go forward on Sunday 27 March
    assert end - start == dt.timedelta(hours=167)
    assert week_bounds("2022-W13", "Europe/Paris")[0] == end


def test_an_instant_near_midnight_belongs_to_the_local_week() -> None:
    sunday_late_utc = dt.datetime(2022, 2, 27, 23, 30, tzinfo=UTC)  # Monday 00:30 in Paris
    assert week_of_instant(sunday_late_utc, "Europe/Paris") == "2022-W09"
    assert week_of_instant(sunday_late_utc, "UTC") == "2022-W08"


def test_last_complete_week() -> None:
    monday_morning = dt.datetime(2022, 2, 28, 7, 0, tzinfo=UTC)
    assert last_complete_week("Europe/Paris", now=monday_morning) == "2022-W08"
    sunday_evening = dt.datetime(2022, 2, 27, 20, 0, tzinfo=UTC)
    assert last_complete_week("Europe/Paris", now=sunday_evening) == "2022-W07"
    # 23:30 UTC on Sunday is already Monday in Paris, still Sunday in New York
    assert last_complete_week("Europe/Paris", now=dt.datetime(2022, 2, 27, 23, 30, tzinfo=UTC)) == "2022-W08"
    assert (
        last_complete_week("America/New_York", now=dt.datetime(2022, 2, 27, 23, 30, tzinfo=UTC)) == "2022-W07"
    )


def test_previous_weeks_cross_year_boundaries_oldest_first() -> None:
    assert previous_weeks("2021-W02", 3) == ["2020-W52", "2020-W53", "2021-W01"]
    assert previous_weeks("2022-W08", 0) == []
    assert shift_week("2022-W52", 1) == "2023-W01"


def test_unknown_time_zone_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="Europe/Paris"):
        week_bounds("2022-W08", "Mars/Olympus")
