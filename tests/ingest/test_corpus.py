"""Every real-world feed and every feed of feedparser's own suite goes through the whole ingest
path (local files): stored, or rejected with a clear reason in `fetches` — no exception escapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from trendwatch.config import settings_from_dict
from trendwatch.ingest import run_ingest
from trendwatch.store import connect

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
CORPORA = {
    "realworld": DATA / "feeds_realworld",
    "feedparser_suite": DATA / "feeds_feedparser_suite" / "tests",
    "lemonde_raw": DATA / "lemonde_2022" / "raw_xml_sample",
}


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_every_file_is_stored_or_rejected_with_a_reason(corpus: str, tmp_path: Path) -> None:
    root = CORPORA[corpus]
    if not root.is_dir():
        pytest.skip(f"{root} is not here (../shared/data)")
    files = sorted(
        p for p in root.rglob("*") if p.is_file() and p.suffix not in (".txt", ".md") and p.name != "LICENSE"
    )
    settings = settings_from_dict(
        {"store": {"path": "tw.duckdb"}, "feeds": [{"url": str(p)} for p in files]}, base_dir=tmp_path
    )
    report = run_ingest(settings)
    assert len(report.outcomes) == len(files)
    assert {o.outcome for o in report.outcomes} <= {"ok", "failed"}
    con = connect(settings.store_path, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM fetches").fetchone()[0] == len(files)
        unexplained = con.execute(
            "SELECT url FROM fetches WHERE outcome = 'failed' AND (error IS NULL OR length(error) < 20)"
        ).fetchall()
        assert unexplained == []
        stored = con.execute("SELECT count(*) FROM entries").fetchone()[0]
        duplicates = con.execute(
            "SELECT count(*) FROM (SELECT entry_id FROM entries GROUP BY 1 HAVING count(*) > 1)"
        ).fetchone()[0]
    finally:
        con.close()
    assert stored > 0 and duplicates == 0
    assert report.feeds_ok >= len(files) // 2  # most of each corpus is real, usable feeds
