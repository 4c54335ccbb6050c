"""pytrends 4.9.2 on real recorded Google answers, replayed at the HTTP layer (its own code runs).

Also guards the pandas pin: pytrends' DataFrame code is checked on the pandas that is installed,
and a test fails if pandas >= 3 arrives while the wrapper was not checked against it.
"""

from __future__ import annotations

import pandas as pd
import pytest

from tests.support.shared_data import PYTRENDS_DECODED
from trendwatch.sources.trends import batch_from_frame
from trendwatch.sources.trends_client import make_trendreq, pytrends_transport
from trendwatch.sources.trends_replay import JSON_TYPE, RouteAdapter

DATA = PYTRENDS_DECODED
pytestmark = [
    pytest.mark.skipif(not DATA.is_dir(), reason="recorded Trends answers not available"),
    pytest.mark.filterwarnings("ignore:Downcasting object dtype:FutureWarning"),  # pytrends' fillna
]
PANDAS_MAJORS_CHECKED = (2,)  # pandas majors pytrends 4.9.2 + trendwatch's wrapper were checked with


def recorded(name: str) -> bytes:
    """The body of a recorded answer (the decoded files hold the URL on their first line)."""
    return (DATA / f"{name}.txt").read_bytes().split(b"\n", 1)[1]


def google(case: str) -> RouteAdapter:
    adapter = RouteAdapter()
    adapter.add(
        "/trends/explore", (404, {"Content-Type": "text/html", "Set-Cookie": "NID=511=abc; path=/"}, b"")
    )
    adapter.add("/api/explore", (200, JSON_TYPE, recorded(f"{case}__1")))
    return adapter


def test_pandas_major_was_checked_with_the_wrapper() -> None:
    major = int(pd.__version__.split(".")[0])
    assert major in PANDAS_MAJORS_CHECKED, (
        f"pandas {pd.__version__} is installed but pytrends 4.9.2 and trendwatch.sources.trends were only "
        f"checked with pandas {PANDAS_MAJORS_CHECKED}: run these tests, fix the wrapper, then add {major}."
    )


def test_interest_over_time_frame_with_a_partial_last_week() -> None:
    adapter = google("test_interest_over_time_partial")
    adapter.add("/widgetdata/multiline", (200, JSON_TYPE, recorded("test_interest_over_time_partial__2")))
    with pytrends_transport(adapter):
        tr = make_trendreq("en-US", 360, "", (2, 5))
        tr.build_payload(["pizza", "bagel"], timeframe="today 5-y")
        df = tr.interest_over_time()
    assert tr.cookies == {"NID": "511=abc"}
    assert isinstance(df.index, pd.DatetimeIndex) and df.index.is_monotonic_increasing
    assert list(df.columns) == ["pizza", "bagel", "isPartial"]
    assert str(df["pizza"].dtype).startswith("int") and df["isPartial"].dtype == bool
    assert df["pizza"].iloc[0] == 81 and df["bagel"].iloc[0] == 1
    assert df["isPartial"].iloc[-1] and not df["isPartial"].iloc[:-1].any()
    series = batch_from_frame(0, ["pizza", "bagel"], df)
    assert series.period_days == 7 and series.partial[-1] and series.values["pizza"][-1] == 58
    assert series.dates[0].isoformat() == "2018-04-01"
    assert adapter.seen == ["/trends/explore/", "/trends/api/explore", "/trends/api/widgetdata/multiline"]


def test_related_queries_keep_breakout_and_growth_values() -> None:
    adapter = google("test_related_queries_result_rising")
    answers = [
        (200, JSON_TYPE, recorded("test_related_queries_result_rising__2")),
        (200, JSON_TYPE, recorded("test_related_queries_result_rising__3")),
    ]
    adapter.add("/widgetdata/relatedsearches", answers)
    with pytrends_transport(adapter):
        tr = make_trendreq("en-US", 360, "", (2, 5))
        tr.build_payload(["pizza", "bagel"], timeframe="2021-01-01 2021-12-31")
        result = tr.related_queries()
    rising = result["pizza"]["rising"]
    assert list(rising.columns) == ["query", "value"]
    assert rising.iloc[0].tolist() == ["licorice pizza", 8550]
    assert result["bagel"]["top"].iloc[0].tolist() == ["the bagel", 100]


def test_the_transport_is_only_patched_while_active() -> None:
    import pytrends.request as pr
    import requests

    with pytrends_transport(RouteAdapter()):
        assert pr.requests is not requests
    assert pr.requests is requests


def test_partial_flag_survives_pandas_3_downcasting_rules() -> None:
    """pandas 3 stops fillna() from downcasting object columns; pytrends' isPartial must still be bool."""
    adapter = google("test_interest_over_time_partial")
    adapter.add("/widgetdata/multiline", (200, JSON_TYPE, recorded("test_interest_over_time_partial__2")))
    with pytrends_transport(adapter), pd.option_context("future.no_silent_downcasting", True):
        tr = make_trendreq("en-US", 360, "", (2, 5))
        tr.build_payload(["pizza", "bagel"], timeframe="today 5-y")
        df = tr.interest_over_time()
    assert df["isPartial"].dtype == bool and df["isPartial"].sum() == 1
