"""Crisis alerts: a planted negative spike fires, a flat history doesn't; CLI exit codes; webhook."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.cm.test_brand import add_entries
from trendwatch.analysis.weeks import week_bounds
from trendwatch.cli import EXIT_ALERT, EXIT_OK, main
from trendwatch.cm.alerts import check_week, open_alerts, send_alert_webhook, threshold
from trendwatch.cm.brand import tag_mentions
from trendwatch.config import settings_from_dict
from trendwatch.errors import PublishError
from trendwatch.store import connect

BASELINE = ["2022-W01", "2022-W02", "2022-W03", "2022-W04", "2022-W05", "2022-W06", "2022-W07", "2022-W08"]
SPIKE = "2022-W09"
CALM = ["Acme ouvre un magasin à Lyon", "Acme publie ses résultats annuels"]
CRISIS = [
    "Scandale : Acme accusé de fraude sur ses étiquettes",
    "Rappel massif de produits Acme, des clients en colère",
    "Acme : la polémique enfle après la panne géante",
]


def plant_world(con: Any, spike: int = 12) -> None:
    """Like the demo world: 1-2 neutral mentions a week, then a week with ``spike`` negative ones."""
    rows = []
    for i, week in enumerate(BASELINE):
        start, _ = week_bounds(week, "Europe/Paris")
        for j in range(1 + i % 2):
            rows.append((f"b{i}-{j}", CALM[j], start + dt.timedelta(days=1 + j, hours=9), "fr"))
        rows.append((f"x{i}", "La météo de la semaine", start + dt.timedelta(days=2), "fr"))
    start, _ = week_bounds(SPIKE, "Europe/Paris")
    for k in range(spike):
        rows.append((f"s{k}", CRISIS[k % 3], start + dt.timedelta(days=k % 5, hours=8 + k), "fr"))
    add_entries(con, rows)


def make_settings(tmp_path: Path, language: str = "fr", **brand: Any) -> Any:
    return settings_from_dict(
        {
            "brand": {"names": ["Acme"], **brand},
            "digest": {"language": language},
            "store": {"path": str(tmp_path / "t.duckdb")},
        },
        base_dir=tmp_path,
    )


@pytest.fixture()
def world(tmp_path: Path) -> Iterator[Any]:
    con = connect(tmp_path / "t.duckdb")
    plant_world(con)
    yield con
    con.close()


def test_threshold_has_a_floor_for_flat_baselines() -> None:
    assert threshold([5, 5, 5, 5], 3.0) == pytest.approx((5.0, 5**0.5, 5 + 3 * 5**0.5))
    assert threshold([0, 0, 0], 3.0) == (0.0, 1.0, 3.0)


def test_planted_negative_spike_opens_an_alert(world: Any, tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    tag_mentions(world, settings)
    alerts = open_alerts(world, settings, SPIKE)
    assert len(alerts) == 1
    a = alerts[0]
    assert (a.name, a.kind, a.count, a.mentions, a.week) == ("Acme", "negative", 12, 12, SPIKE)
    # the threshold shown is the one applied: mean + 3σ is 3.0, but alert_min_count = 5 rules
    assert a.baseline == 0.0 and a.threshold == 5.0
    assert (
        "pic de mentions négatives : 12 mentions négatives sur 12" in a.message
        and "contre 0 par semaine" in a.message
        and "alerte à partir de 5)" in a.message
    )
    assert a.note is not None and a.note.code == "alerts.negative" and a.note.values["threshold"] == 5
    assert len(a.articles) == 10 and all(x.tone < 0 for x in a.articles)
    assert (a.articles[0].url or "").startswith("https://news.example/s") and a.articles[0].source == "wire"
    assert any("Réagir vite" in s for s in a.steps)
    assert a.weekly_counts[-1] == (SPIKE, 12, 12) and len(a.weekly_counts) == 9
    assert json.loads(json.dumps(a.to_dict()))["articles"][0]["published"].startswith("2022-")


def test_no_alert_in_calm_weeks_or_below_min_count(world: Any, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, alert_min_count=13)
    tag_mentions(world, settings)
    assert open_alerts(world, settings, SPIKE) == []
    assert open_alerts(world, make_settings(tmp_path), "2022-W08") == []
    checks = check_week(world, make_settings(tmp_path), "2022-W08")
    assert [(c.name, c.mentions, c.alert) for c in checks] == [("Acme", 2, None)]


def test_no_alert_without_history(tmp_path: Path) -> None:
    con = connect(tmp_path / "t.duckdb")
    start, _ = week_bounds(SPIKE, "Europe/Paris")
    add_entries(con, [(f"s{k}", CRISIS[0], start + dt.timedelta(hours=k), "fr") for k in range(20)])
    settings = make_settings(tmp_path)
    tag_mentions(con, settings)
    assert open_alerts(con, settings, SPIKE) == []  # the store starts this week: no baseline
    con.close()


def test_english_wording_and_mention_spike(world: Any, tmp_path: Path) -> None:
    start, _ = week_bounds("2022-W10", "Europe/Paris")
    add_entries(
        world, [(f"p{k}", "Acme opens a shop", start + dt.timedelta(hours=k), "en") for k in range(9)]
    )
    settings = make_settings(tmp_path, language="en", alert_sigma=1.0)
    tag_mentions(world, settings)
    alerts = open_alerts(world, settings, "2022-W10")
    assert [(a.kind, a.count) for a in alerts] == [("mentions", 9)]
    assert alerts[0].message.startswith("mentions spike: 9 mentions this week")
    assert alerts[0].steps[0].startswith("Acknowledge fast")


class _Receiver(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []
    status = 200

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append(json.loads(body))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        return None


@pytest.fixture()
def receiver() -> Iterator[tuple[str, type[_Receiver]]]:
    handler = type("Receiver", (_Receiver,), {"received": [], "status": 200})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook/TOKEN", handler
    server.shutdown()
    server.server_close()


def test_webhook_gets_the_alert(world: Any, tmp_path: Path, receiver: Any) -> None:
    url, handler = receiver
    settings = make_settings(tmp_path)
    tag_mentions(world, settings)
    alerts = open_alerts(world, settings, SPIKE)
    assert send_alert_webhook(alerts, settings, environ={}) is None  # variable unset: nothing sent
    sent = send_alert_webhook(alerts, settings, environ={"TRENDWATCH_ALERT_WEBHOOK_URL": url})
    assert sent == "TRENDWATCH_ALERT_WEBHOOK_URL"
    (payload,) = handler.received
    assert "Acme" in payload["text"] and "Réagir vite" in payload["text"]
    assert payload["alerts"][0]["count"] == 12
    handler.status = 500
    with pytest.raises(PublishError) as info:
        send_alert_webhook(alerts, settings, environ={"TRENDWATCH_ALERT_WEBHOOK_URL": url})
    assert "HTTP 500" in str(info.value) and "TOKEN" not in str(info.value)


def _config(tmp_path: Path) -> Path:
    path = tmp_path / "trendwatch.toml"
    path.write_text(
        '[store]\npath = "t.duckdb"\n[brand]\nnames = ["Acme"]\n[digest]\nlanguage = "en"\n', encoding="utf-8"
    )
    return path


def test_alerts_command_exit_codes(
    tmp_path: Path, receiver: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    con = connect(tmp_path / "t.duckdb")
    plant_world(con)
    con.close()
    url, handler = receiver
    monkeypatch.setenv("TRENDWATCH_ALERT_WEBHOOK_URL", url)
    config = str(_config(tmp_path))
    assert main(["--config", config, "alerts", "--week", SPIKE]) == EXIT_ALERT
    out = capsys.readouterr().out
    assert "negative mentions spike: 12 negative mentions of 12" in out and "Acknowledge fast" in out
    assert "alert from 5)" in out
    assert "https://news.example/s" in out
    assert len(handler.received) == 1
    assert main(["--config", config, "alerts", "--week", "2022-W08", "--format", "json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out) == {"week": "2022-W08", "alerts": []}
    assert (
        main(["--config", config, "alerts", "--week", SPIKE, "--no-webhook", "--format", "json"])
        == EXIT_ALERT
    )
    assert len(handler.received) == 1
    assert main(["--config", config, "alerts", "--week", "2022-W99"]) == 2
    assert "2022-W99" in capsys.readouterr().err


def test_alert_fires_on_the_demo_world(tmp_path: Path) -> None:
    """The demo world (trendwatch.demo) plants a Verdelys recall in its last week: the alert must fire."""
    world_mod = pytest.importorskip("trendwatch.demo.world")
    world = world_mod.build_world()
    lang = {f.slug: f.language for f in world.feeds}
    con = connect(tmp_path / "demo.duckdb")
    con.executemany(
        "INSERT INTO feeds (feed_id, configured_url, url, name, language, added_at) "
        "VALUES (?, ?, ?, ?, ?, now())",
        [[f.slug, f.slug, f.slug, f.name, f.language] for f in world.feeds],
    )
    con.executemany(
        "INSERT INTO entries (entry_id, link, title, summary, published, published_source, language, "
        "feed_id, first_seen) VALUES (?, ?, ?, ?, ?, 'published', ?, ?, now())",
        [[a.guid, a.guid, a.title, a.summary, a.published, lang[a.feed], a.feed] for a in world.articles],
    )
    settings = settings_from_dict(
        {"brand": {"names": [world_mod.BRAND], "alert_min_count": 5}}, base_dir=tmp_path
    )
    tag_mentions(con, settings)
    (alert,) = open_alerts(con, settings, world_mod.DEMO_WEEK)
    planted = sum(1 for a in world.articles if a.theme == "crisis")
    assert (alert.name, alert.kind) == (world_mod.BRAND, "negative")
    assert alert.articles and all(x.tone < 0 for x in alert.articles)  # only the articles behind it
    assert alert.count >= planted - 1 >= 4  # the tone may miss one headline, not the spike
    assert open_alerts(con, settings, "2026-W09") == []
    con.close()


def test_alerts_command_without_brand_is_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "trendwatch.toml"
    config.write_text('[store]\npath = "t.duckdb"\n', encoding="utf-8")
    assert main(["--config", str(config), "alerts"]) == EXIT_OK
    assert "add [brand] names" in capsys.readouterr().err
