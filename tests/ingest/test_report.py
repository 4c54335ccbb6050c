"""One summary and exit code for every caller of the ingest, and which failures are worth a retry."""

from __future__ import annotations

import datetime as dt

import pytest

from trendwatch.ingest import FeedOutcome, IngestReport, merge_summaries, summary_line
from trendwatch.ingest.transient import failed_is_transient


def _report(*outcomes: str) -> IngestReport:
    report = IngestReport("r", dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    report.outcomes = [FeedOutcome(f"id{i}", f"feed {i}", f"http://x/{i}", o) for i, o in enumerate(outcomes)]
    return report


@pytest.mark.parametrize(
    ("outcomes", "code"),
    [
        (("ok", "not_modified", "fresh"), 0),  # 304 and "fetched minutes ago" are healthy
        (("ok", "failed"), 3),
        (("not_modified", "backing_off"), 3),  # backing off needs attention, as in `ingest`
        (("gone",), 3),
    ],
)
def test_exit_code_and_summary_agree(outcomes: tuple[str, ...], code: int) -> None:
    report = _report(*outcomes)
    summary = report.summary()
    assert report.exit_code == summary["exit_code"] == code
    assert merge_summaries([summary])["exit_code"] == code
    assert len(summary["failures"]) == sum(o in ("failed", "backing_off", "gone") for o in outcomes)


def test_summary_line_names_every_state_in_both_languages() -> None:
    summary = _report("ok", "not_modified", "fresh", "failed", "backing_off").summary()
    expected = "1 feed(s) ok, 2 unchanged, 1 failed, 1 backing off or gone, 0 new entries"
    assert summary_line(summary) == expected
    assert summary_line(summary, "fr").startswith("1 flux à jour, 2 inchangés, 1 en échec")


def test_merged_summaries_add_up() -> None:
    merged = merge_summaries([_report("ok").summary(), _report("failed", "not_modified").summary()])
    assert (merged["feeds_ok"], merged["feeds_failed"], merged["feeds_not_modified"]) == (1, 1, 1)
    assert merged["exit_code"] == 3 and len(merged["failures"]) == 1


@pytest.mark.parametrize(
    ("status", "kind", "transient"),
    [(503, "http", True), (429, "rate_limited", True), (None, "timeout", True), (None, "unreachable", True),
     (404, "http", False), (410, "gone", False), (200, "parse", False)],
)  # fmt: skip
def test_transient_failures(status: int | None, kind: str, transient: bool) -> None:
    assert failed_is_transient(status, kind) is transient
