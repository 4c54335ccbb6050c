"""The connection ingest writes with keeps DuckDB's memory bounded (issue 10: < 600 MB a run)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from tests.support.store_data import sample_entry
from trendwatch.config import settings_from_dict
from trendwatch.errors import ConfigError
from trendwatch.ingest.writer import Writer
from trendwatch.store.db import connect
from trendwatch.store.writes import FeedUpdate, write_batch

_UNITS = {"KiB": 2**10, "MiB": 2**20, "GiB": 2**30}


def _setting(con: Any, name: str) -> str:
    return str(con.execute("SELECT current_setting(?)", [name]).fetchone()[0])


def _bytes(text: str) -> float:
    """DuckDB shows sizes as e.g. '244.1 MiB'."""
    match = re.fullmatch(r"([\d.]+) (KiB|MiB|GiB)", text)
    assert match, text
    return float(match.group(1)) * _UNITS[match.group(2)]


def _settings(tmp_path: Path, **store: Any) -> Any:
    return settings_from_dict({"store": {"path": "tw.duckdb", **store}}, base_dir=tmp_path)


def test_the_writing_connection_has_the_memory_limit_and_spills_beside_the_store(tmp_path: Path) -> None:
    writer = Writer(_settings(tmp_path, memory_limit_mb=96), None)
    try:
        con = writer.con()
        assert _bytes(_setting(con, "memory_limit")) == pytest.approx(96e6, rel=0.01)
        assert _setting(con, "temp_directory") == str(tmp_path / "tw.duckdb.tmp")
    finally:
        writer.release()


def test_a_connection_handed_to_the_writer_is_bounded_too(tmp_path: Path) -> None:
    settings = _settings(tmp_path)  # the default: 128 MB
    con = connect(settings.store_path)
    try:
        Writer(settings, con)
        assert _bytes(_setting(con, "memory_limit")) == pytest.approx(128e6, rel=0.01)
    finally:
        con.close()


def test_batches_written_under_the_smallest_limit_are_all_stored(tmp_path: Path) -> None:
    now = dt.datetime(2025, 1, 6, tzinfo=dt.UTC)
    writer = Writer(_settings(tmp_path, memory_limit_mb=64), None)
    try:
        con = writer.con()
        for batch in range(3):
            entries = [sample_entry(batch * 2_000 + n, when=now) for n in range(2_000)]
            update = FeedUpdate(feed_id="f", run_id="r", url="https://example.org/f.xml",
                                started_at=now, duration_s=0.1, outcome="ok", entries=entries)
            write_batch(con, [update], now)
            assert (update.entries_new, update.entries_known) == (2_000, 0)
        assert con.execute("SELECT count(*) FROM entries").fetchone() == (6_000,)
    finally:
        writer.release()


def test_a_memory_limit_too_small_names_the_key_and_the_fix(tmp_path: Path) -> None:
    fix = r"\[store\] memory_limit_mb = 16 is out of range. Fix: use a value at least 64"
    with pytest.raises(ConfigError, match=fix):
        _settings(tmp_path, memory_limit_mb=16)
