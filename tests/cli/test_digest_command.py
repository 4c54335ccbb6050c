"""`trendwatch digest` end to end on a small synthetic store: analysis → digest → files and tables."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from trendwatch.cli import main
from trendwatch.store import connect

WEEK = "2022-W08"
FEEDS = ["Le Quotidien", "Daily Wire Service", "City News", "Tech Weekly"]
BACKGROUND = [
    "Football club wins the league derby after extra time",
    "Parliament debates the annual budget bill",
    "New smartphone model reviewed by critics",
    "Weather: a mild week ahead for the region",
    "Local museum opens a painting exhibition",
    "Stock markets close slightly higher",
]
EMERGING = [
    "Rail strike: trains cancelled across the country",
    "Rail workers strike over pay, commuters stranded",
    "Second day of rail strike, unions and ministry meet",
    "Rail strike: how to get refunded for cancelled trains",
    "Rail strike disrupts freight and holiday travel",
    "Unions call rail strike extension into next week",
    "Rail strike: the 12% pay demand explained",
    "Commuters turn to buses as the rail strike continues",
]


def write_config(tmp_path: Path, **digest: Any) -> Path:
    lines = [
        "[store]",
        'path = "tw.duckdb"',
        "[digest]",
        *(f"{k} = {json.dumps(v)}" for k, v in digest.items()),
        "[analysis]",
        "min_articles = 3",
    ]
    path = tmp_path / "trendwatch.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def add_entries(store: Path, items: list[tuple[str, str, dt.datetime]]) -> None:
    """Entries (title, feed name, published UTC) written straight into the store's tables."""
    con = connect(store)
    now = dt.datetime(2022, 3, 1, tzinfo=dt.UTC)
    try:
        for i, name in enumerate(FEEDS):
            con.execute(
                "INSERT INTO feeds (feed_id, configured_url, url, name, language, added_at) "
                "VALUES (?, ?, ?, ?, 'en', ?) ON CONFLICT DO NOTHING",
                [f"f{i}", f"https://feeds.example/{i}.xml", f"https://feeds.example/{i}.xml", name, now],
            )
        rows = [
            [f"e{n}", f"https://news.example/{n}", title, title, published, f"f{FEEDS.index(feed)}", now]
            for n, (title, feed, published) in enumerate(items)
        ]
        con.executemany(
            "INSERT INTO entries (entry_id, link, title, summary, published, published_source, language, "
            "feed_id, first_seen) VALUES (?, ?, ?, ?, ?, 'published', 'en', ?, ?)",
            rows,
        )
        con.executemany("INSERT INTO entry_feeds VALUES (?, ?, ?)", [[r[0], r[5], now] for r in rows])
    finally:
        con.close()


def synthetic_items() -> list[tuple[str, str, dt.datetime]]:
    """Eight quiet weeks of background news, then a week where a rail strike takes off."""
    items = []
    first_monday = dt.datetime(2021, 12, 27, 9, 0, tzinfo=dt.UTC)  # 2021-W52
    for w in range(9):
        monday = first_monday + dt.timedelta(weeks=w)
        for k, title in enumerate(BACKGROUND):
            items.append((f"{title} ({w})", FEEDS[(w + k) % 4], monday + dt.timedelta(hours=7 * k)))
    target = first_monday + dt.timedelta(weeks=8)
    items.append(("Rail operator publishes its timetable", FEEDS[0], first_monday + dt.timedelta(days=9)))
    for k, title in enumerate(EMERGING):
        items.append((title, FEEDS[k % 4], target + dt.timedelta(hours=5 * k)))
    return items


@pytest.fixture(scope="module")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic store, built once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("digest_cli") / "tw.duckdb"
    add_entries(path, synthetic_items())
    return path


@pytest.fixture
def store_config(tmp_path: Path, template_store: Path) -> Path:
    config = write_config(tmp_path, language="en", top=5)
    shutil.copyfile(template_store, tmp_path / "tw.duckdb")
    return config


def test_digest_command_writes_json_and_persists_the_week(
    store_config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code = main(
        ["--config", str(store_config), "digest", "--week", WEEK, "--format", "json", "--out", str(out)]
    )
    assert code == 0
    doc = json.loads((out / f"digest-{WEEK}.json").read_text(encoding="utf-8"))
    assert doc["week"] == WEEK and doc["topics"], capsys.readouterr().err
    top = doc["topics"][0]
    assert "rail" in top["label"].lower() or "strike" in top["label"].lower()
    assert top["n_sources"] >= 3 and top["ideas"] and top["articles"]
    assert all(a["url"].startswith("https://news.example/") for a in top["articles"])
    assert "digest 2022-W08:" in capsys.readouterr().err
    # written into a folder, the digest gets its content calendar beside it (as `run` does)
    ics = (out / f"calendar-{WEEK}.ics").read_text(encoding="utf-8")
    assert ics.count("BEGIN:VEVENT") == sum(len(t["ideas"]) for t in doc["topics"])
    assert (out / f"calendar-{WEEK}.csv").exists()
    con = connect(tmp_path / "tw.duckdb", read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM digests WHERE week = ?", [WEEK]).fetchone()[0] == 1
        stored = con.execute("SELECT count(*) FROM topics WHERE week = ?", [WEEK]).fetchone()[0]
        assert stored == len(doc["topics"])
        assert con.execute("SELECT count(*) FROM ideas WHERE week = ?", [WEEK]).fetchone()[0] > 0
    finally:
        con.close()


def test_digest_command_prints_markdown_and_remaking_is_idempotent(
    store_config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(store_config), "digest", "--week", WEEK]) == 0
    first = capsys.readouterr().out
    assert first.startswith(f"# Trend watch — week {WEEK}")
    assert "a week before" in first or "none before" in first
    con = connect(tmp_path / "tw.duckdb")
    rows = con.execute("SELECT idea_id, title, slot FROM ideas ORDER BY 1").fetchall()
    con.execute("UPDATE ideas SET status = 'used' WHERE idea_id = ?", [rows[0][0]])
    con.close()
    assert main(["--config", str(store_config), "digest", "--week", WEEK]) == 0
    assert capsys.readouterr().out.split("_Generated")[0] == first.split("_Generated")[0]
    con = connect(tmp_path / "tw.duckdb", read_only=True)
    assert con.execute("SELECT idea_id, title, slot FROM ideas ORDER BY 1").fetchall() == rows
    assert con.execute("SELECT status FROM ideas WHERE idea_id = ?", [rows[0][0]]).fetchone()[0] == "used"
    con.close()


def test_empty_store_gives_a_plain_digest_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, language="fr")
    assert main(["--config", str(config), "digest", "--week", WEEK, "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert f"Aucun article publié en {WEEK}" in page
    assert "lancez d&#x27;abord `trendwatch ingest`" in page, "an empty store says where data comes from"


def test_bad_week_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path)
    assert main(["--config", str(config), "digest", "--week", "2022-8"]) == 2
    assert "2022-W08" in capsys.readouterr().err


def test_next_week_reports_the_ideas_used(
    store_config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(store_config), "digest", "--week", WEEK, "--format", "json"]) == 0
    idea = json.loads(capsys.readouterr().out)["topics"][0]["ideas"][0]
    con = connect(tmp_path / "tw.duckdb")
    con.execute("UPDATE ideas SET status = 'used', status_at = now() WHERE idea_id = ?", [idea["idea_id"]])
    con.close()
    assert main(["--config", str(store_config), "digest", "--week", "2022-W09", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["topics"] == [] and doc["notes"], "a week without entries says so"
    assert [u["idea_id"] for u in doc["used_ideas"]] == [idea["idea_id"]]


def test_default_week_is_the_last_complete_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from trendwatch.analysis.weeks import last_complete_week

    config = write_config(tmp_path, timezone="America/New_York")
    assert main(["--config", str(config), "digest", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["week"] == last_complete_week("America/New_York")


def test_a_single_feed_is_said_plainly_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path, language="fr")
    week_start = dt.datetime(2022, 2, 21, 9, 0, tzinfo=dt.UTC)
    items = [(title, FEEDS[0], week_start + dt.timedelta(hours=3 * k)) for k, title in enumerate(EMERGING)]
    add_entries(tmp_path / "tw.duckdb", items)
    assert main(["--config", str(config), "digest", "--week", WEEK]) == 0
    md = capsys.readouterr().out
    assert "## Remarques" in md
    assert "viennent d'un seul flux (Le Quotidien)" in md
    assert "Pas encore d'historique" in md


def test_an_empty_week_names_the_weeks_that_have_articles(
    store_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(store_config), "digest", "--week", "2023-W08", "--format", "json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["n_entries"] == 0 and WEEK in body["data_weeks"]
    assert main(["--config", str(store_config), "digest", "--week", "2023-W08"]) == 0
    md = capsys.readouterr().out
    assert "No articles were published in 2023-W08" in md or "Aucun article publié en 2023-W08" in md
    assert WEEK in md
