"""Batching keywords around an anchor and rescaling batches onto one scale, on hand-checked numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from trendwatch.sources.trends_rescale import BatchSeries, plan_batches, rescale

D = [dt.date(2022, 2, 6), dt.date(2022, 2, 13)]


def test_batches_hold_the_anchor_and_at_most_four_keywords() -> None:
    kws = ["a", "b", "c", "d", "e", "f", "B"]  # "B" repeats "b" (case-insensitive)
    assert plan_batches(kws) == [["a", "b", "c", "d", "e"], ["a", "f"]]
    assert plan_batches(kws, anchor="pivot") == [["pivot", "a", "b", "c", "d"], ["pivot", "e", "f"]]
    assert plan_batches(["solo"]) == [["solo"]]
    assert plan_batches([]) == []


def test_second_batch_is_put_on_the_anchor_scale_then_everything_on_0_100() -> None:
    b0 = BatchSeries(0, ["A", "k1"], D, {"A": [50, 100], "k1": [10, 20]}, [False, False])
    # In batch 1 the anchor reads half as much: k2 dominates that request.
    b1 = BatchSeries(1, ["A", "k2"], D, {"A": [25, 50], "k2": [100, 80]}, [False, True])
    points, notes = rescale([b0, b1])
    got = {(p.keyword, p.date): p.scaled_value for p in points}
    # factor(batch 1) = (50+100)/(25+50) = 2 -> k2 = [200, 160]; top 200 -> everything x 0.5
    assert got[("A", D[0])] == 25.0 and got[("A", D[1])] == 50.0
    assert got[("k1", D[0])] == 5.0 and got[("k1", D[1])] == 10.0
    assert got[("k2", D[0])] == 100.0 and got[("k2", D[1])] == 80.0
    assert sum(p.keyword == "A" for p in points) == 2  # the anchor is stored once
    k2 = [p for p in points if p.keyword == "k2"]
    assert [p.raw_value for p in k2] == [100, 80] and [p.batch for p in k2] == [1, 1]
    assert [p.is_partial for p in k2] == [False, True]
    assert notes == []


def test_anchor_at_zero_leaves_that_batch_unscaled_with_a_note() -> None:
    b0 = BatchSeries(0, ["A", "k1"], D, {"A": [40, 100], "k1": [20, 10]}, [False, False])
    b1 = BatchSeries(1, ["A", "k2"], D, {"A": [0, 0], "k2": [100, 50]}, [False, False])
    points, notes = rescale([b0, b1])
    assert {p.scaled_value for p in points if p.keyword == "k2"} == {None}
    assert {p.raw_value for p in points if p.keyword == "k2"} == {100, 50}
    assert [n.code for n in notes] == ["trends.anchor_zero"]
    assert "anchor 'A' is 0" in notes[0].render("en")


def test_term_far_below_the_anchor_is_flagged_as_imprecise() -> None:
    b0 = BatchSeries(0, ["A", "tiny"], D, {"A": [90, 100], "tiny": [1, 2]}, [False, False])
    points, notes = rescale([b0])
    assert [p.scaled_value for p in points if p.keyword == "tiny"] == [1.0, 2.0]
    assert len(notes) == 1 and "'tiny' peaks at 2" in notes[0].render("en")


def test_batches_over_different_days_use_the_whole_anchor_curves() -> None:
    other = [dt.date(2022, 3, 6), dt.date(2022, 3, 13)]
    b0 = BatchSeries(0, ["A", "x"], D, {"A": [60, 40], "x": [100, 20]}, [False, False])
    b1 = BatchSeries(1, ["A", "y"], other, {"A": [30, 20], "y": [10, 10]}, [False, False])
    points, _ = rescale([b0, b1])
    y = [p.scaled_value for p in points if p.keyword == "y"]
    assert y == pytest.approx([20.0, 20.0])  # factor 100/50 = 2, top stays x = 100
