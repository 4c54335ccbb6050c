"""A CM's Monday end to end: ingested entries are tagged, the digest opens with the alert, the calendar
imports the digest's ideas, `trendwatch alerts` exits 4."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from tests.cli.test_digest_command import FEEDS, WEEK, add_entries, synthetic_items, write_config
from trendwatch.cli import EXIT_ALERT, main
from trendwatch.cm.brand import tag_mentions
from trendwatch.config import load_settings
from trendwatch.store import connect


def brand_items() -> list[tuple[str, str, dt.datetime]]:
    """One calm mention a week for eight weeks, then a week of angry recall headlines."""
    first_monday = dt.datetime(2021, 12, 27, 10, 0, tzinfo=dt.UTC)
    items = [
        (f"Acme opens a new store in town ({w})", FEEDS[w % 4], first_monday + dt.timedelta(weeks=w, days=2))
        for w in range(8)
    ]
    target = first_monday + dt.timedelta(weeks=8)
    items += [
        (f"Acme recall: angry customers report faulty chargers ({k})", FEEDS[k % 4],
         target + dt.timedelta(hours=6 * k + 1))
        for k in range(8)
    ]  # fmt: skip
    return items


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cm_monday")
    add_entries(folder / "tw.duckdb", synthetic_items() + brand_items())
    return folder / "tw.duckdb"


@pytest.fixture()
def config(tmp_path: Path, template: Path) -> Path:
    shutil.copyfile(template, tmp_path / "tw.duckdb")
    path = write_config(tmp_path, language="en", top=5)
    path.write_text(path.read_text() + '[brand]\nnames = ["Acme"]\n[calendar]\nposts_per_day = 1\n')
    settings = load_settings(path)
    con = connect(settings.store_path)
    tag_mentions(con, settings)  # what `trendwatch ingest` does after storing entries
    con.close()
    return path


def test_monday_digest_alert_calendar(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert (
        main(["--config", str(config), "digest", "--week", WEEK, "--format", "json", "--out", str(out)]) == 0
    )
    capsys.readouterr()
    doc = json.loads((out / f"digest-{WEEK}.json").read_text(encoding="utf-8"))
    (alert,) = doc["alerts"]
    assert (alert["name"], alert["kind"], alert["count"]) == ("Acme", "negative", 8)
    assert alert["articles"] and alert["steps"][0].startswith("Acknowledge fast")

    assert main(["--config", str(config), "calendar", "--week", WEEK, "--out", str(out)]) == 0
    capsys.readouterr()
    ics = (out / f"calendar-{WEEK}.ics").read_text(encoding="utf-8")
    con = connect(tmp_path / "tw.duckdb", read_only=True)
    slots = [
        r[0]
        for r in con.execute("SELECT slot FROM ideas WHERE week = ? AND slot IS NOT NULL", [WEEK]).fetchall()
    ]
    con.close()
    assert ics.count("BEGIN:VEVENT") == len(slots) > 0
    assert max(Counter(s.date() for s in slots).values()) == 1  # the digest's slots kept the cadence

    assert main(["--config", str(config), "alerts", "--week", WEEK, "--no-webhook"]) == EXIT_ALERT
    assert "Acme recall" in capsys.readouterr().out
