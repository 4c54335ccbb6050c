"""After an outage, the next run writes every weekly digest missed since the last one (bounded)."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime
from pathlib import Path

from trendwatch.analysis.weeks import shift_week, week_bounds
from trendwatch.config import Settings, settings_from_dict
from trendwatch.digest.build import default_week
from trendwatch.ingest import run_ingest
from trendwatch.publish_week import weeks_to_write, write_digests, write_week


def _settings(tmp_path: Path) -> Settings:
    settings = settings_from_dict(
        {"store": {"path": "tw.duckdb"}, "publish": {"dir": "out"},
         "feeds": [{"url": "feed.xml", "name": "f"}]},  # fmt: skip
        base_dir=tmp_path,
    )
    target = default_week(settings)
    items = []
    for back in range(5):  # a few articles in each of the last five weeks
        start = week_bounds(shift_week(target, -back), "Europe/Paris")[0]
        for i in range(3):
            when = format_datetime(start + dt.timedelta(days=i, hours=10))
            items.append(f"<item><title>Story {back}-{i}</title><link>https://example.org/{back}/{i}</link>"
                         f"<pubDate>{when}</pubDate></item>")  # fmt: skip
    (tmp_path / "feed.xml").write_text(
        f'<rss version="2.0"><channel><title>F</title><link>https://example.org/</link>{"".join(items)}'
        "</channel></rss>",
        encoding="utf-8",
    )
    run_ingest(settings)
    return settings


def test_a_missed_monday_is_made_up_by_the_next_run(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    target = default_week(settings)
    assert weeks_to_write(settings) == [target]  # a first run: nothing was missed
    write_week(settings, shift_week(target, -3))  # the last Monday that ran before the outage
    missed = [shift_week(target, -2), shift_week(target, -1)]
    assert weeks_to_write(settings) == [*missed, target]
    written = write_digests(settings)
    assert [w.week for w in written] == [*missed, target]
    for w in written:  # each with its files and its calendar
        assert {"md", "html", "json", "ics", "csv"} <= set(w.files)
        assert all(p.is_file() for p in w.files.values())
    assert weeks_to_write(settings) == [target]  # caught up: the next run rewrites only its own week


def test_catch_up_is_bounded_and_an_explicit_week_is_written_alone(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    target = default_week(settings)
    write_week(settings, shift_week(target, -30))
    assert weeks_to_write(settings, catch_up=3) == [shift_week(target, -2), shift_week(target, -1), target]
    assert len(weeks_to_write(settings)) == 8
    assert weeks_to_write(settings, shift_week(target, -5)) == [shift_week(target, -5)]
