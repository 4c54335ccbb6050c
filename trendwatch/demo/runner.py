"""``trendwatch demo``: generate the demo world, serve it on loopback, run the weekly flow on it.

Everything lands in one folder (default ``./trendwatch-demo``): the ``trendwatch.toml`` written
for the demo, the DuckDB store, the recorded Google Trends answers and the digest files. The
feed server keeps the port of the previous run when it is free, so the feed URLs (and their
ids in the store) stay the same and a re-run changes nothing.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from flows.weekly import weekly_flow
from trendwatch.demo.server import bind_server
from trendwatch.demo.world import (
    BRAND,
    DEMO_WEEK,
    FOCUS,
    TRENDS_KEYWORDS,
    TRENDS_RISING,
    WEEKS,
    DemoWorld,
    build_world,
    rss,
)
from trendwatch.sources.trends_replay import write_demo_recordings
from trendwatch.store import open_store
from trendwatch.store.db import table_counts
from trendwatch.weeks import week_bounds

DEFAULT_DIR = "trendwatch-demo"
CONFIG_NAME = "trendwatch.toml"
PORT_FILE = ".demo-port"
TRENDS_DIR = "trends-replay"


@dataclass(slots=True)
class DemoResult:
    """What a demo run produced."""

    folder: Path
    config: Path
    week: str
    files: dict[str, str]
    topics: list[dict[str, Any]]
    alerts: list[dict[str, Any]]
    store_counts: dict[str, int]
    seconds: float
    notes: list[str] = field(default_factory=list)


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def demo_config(world: DemoWorld, feed_urls: dict[str, str], *, language: str, trends: bool) -> str:
    """The demo's ``trendwatch.toml``: the served feeds, the brand, the replayed Trends answers."""
    lines = [
        "# Written by `trendwatch demo`: a fictional sustainable-cosmetics sector served on 127.0.0.1.",
        "# Re-run `trendwatch demo` to regenerate it; the feed server only runs while the demo runs.",
        "",
        "[store]",
        'path = "trendwatch.duckdb"',
        "",
        "[digest]",
        f'language = "{language}"',
        'timezone = "Europe/Paris"',
        "top = 8",
        f"focus = {_toml_list(FOCUS)}",
        "",
        "[publish]",
        'dir = "."',
        'formats = ["md", "html", "json"]',
        "",
        "[brand]",
        f"names = {_toml_list([BRAND])}",
        "alert_min_count = 5",
        "",
        "[trends]",
        f"enabled = {'true' if trends else 'false'}",
        f"keywords = {_toml_list(TRENDS_KEYWORDS)}",
        'geo = "FR"',
        f'replay_dir = "{TRENDS_DIR}"',
        "",
    ]
    for feed in world.feeds:
        lines += [
            "[[feeds]]",
            f'url = "{feed_urls[feed.slug]}"',
            f"name = {json.dumps(feed.name, ensure_ascii=False)}",
            f'language = "{feed.language}"',
            f"tags = {_toml_list(['demo', 'spam'] if feed.spammer else ['demo'])}",
            "",
        ]
    return "\n".join(lines)


def _write_trends(folder: Path, notes: list[str]) -> bool:
    """Recorded Trends answers for the demo keywords, when the Trends replay is available."""
    end = week_bounds(DEMO_WEEK, "Europe/Paris")[1].date()
    write_demo_recordings(
        folder / TRENDS_DIR,
        keywords=list(TRENDS_KEYWORDS),
        geo="FR",
        end=end,
        weeks=WEEKS,
        rising=TRENDS_RISING,
    )
    return True


def _preferred_port(folder: Path) -> int:
    try:
        return int((folder / PORT_FILE).read_text().strip())
    except (OSError, ValueError):
        return 0


def store_counts(store: Path) -> dict[str, int]:
    """Rows per table of the demo store (what a re-run must leave unchanged)."""
    with open_store(store, read_only=True) as con:
        return table_counts(con, ("feeds", "entries", "entry_feeds"))


def run_demo(
    folder: Path | str = DEFAULT_DIR,
    *,
    language: str = "fr",
    task_runner: str = "thread",
    out: TextIO | None = None,
) -> DemoResult:
    """Generate, serve and run the demo; print the top topics and the HTML digest path."""
    out = out or sys.stdout
    started = time.monotonic()
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    world = build_world()
    server = bind_server({}, _preferred_port(folder))
    with server:
        urls = {f.slug: server.url(f"/{f.slug}.xml") for f in world.feeds}
        server.set_documents({f"/{f.slug}.xml": rss(world, f, urls[f.slug]) for f in world.feeds})
        (folder / PORT_FILE).write_text(str(server.port))
        trends = _write_trends(folder, notes)
        config = folder / CONFIG_NAME
        config.write_text(demo_config(world, urls, language=language, trends=trends), encoding="utf-8")
        out.write(f"Demo world: {len(world.feeds)} feeds, {len(world.articles)} articles over {WEEKS} weeks, "
                  f"served on 127.0.0.1:{server.port}. Running the weekly flow for {DEMO_WEEK}...\n"
                  )  # fmt: skip
        out.flush()
        result = weekly_flow(config=str(config), week=DEMO_WEEK, task_runner=task_runner)
    files = dict(result["files"])
    digest_json = json.loads(Path(files["json"]).read_text(encoding="utf-8"))
    demo = DemoResult(
        folder=folder, config=config, week=result["week"], files=files,
        topics=list(digest_json.get("topics", [])),
        alerts=list(digest_json.get("alerts") or []), store_counts=store_counts(folder / "trendwatch.duckdb"),
        seconds=time.monotonic() - started, notes=notes,
    )  # fmt: skip
    print_summary(demo, out)
    return demo


def print_summary(demo: DemoResult, out: TextIO) -> None:
    """The top topics as a table, any open alert, and where the digest is."""
    from trendwatch.cli.common import print_table

    out.write(f"\nTop topics of {demo.week}:\n")
    rows = [
        [t.get("rank"), t.get("label"), round(float(t.get("score") or 0), 1),
         t.get("n_articles", len(t.get("articles") or [])), t.get("n_sources"),
         ", ".join((t.get("keywords") or [])[:4])]
        for t in demo.topics
    ]  # fmt: skip
    print_table(["rank", "topic", "score", "articles", "sources", "keywords"], rows, out=out)
    for alert in demo.alerts:
        out.write(f"\nAlert: {alert.get('name', '')} — {alert.get('message', '')}\n")
    for note in demo.notes:
        out.write(f"Note: {note}\n")
    counts = ", ".join(f"{v} {k}" for k, v in demo.store_counts.items())
    out.write(
        f"\nStore: {demo.folder / 'trendwatch.duckdb'} ({counts}); query it with "
        f"`trendwatch --config {demo.config} sql`.\n"
        f"HTML digest: {demo.files.get('html')}\n"
        f"Done in {demo.seconds:.1f} s.\n"
    )
