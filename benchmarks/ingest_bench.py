#!/usr/bin/env python3
"""Ingest speed: `trendwatch ingest` against a plain feedparser loop, on loopback with latency.

Generates FEEDS RSS 2.0 feeds of ITEMS items, serves them on 127.0.0.1 with --latency-ms per
response (like a distant server), then times, each in a fresh process:
  first   `trendwatch ingest` into a new store
  again   the same command again (nothing changed)
  naive   feedparser.parse(url) feed after feed, one bulk insert into DuckDB
Prints seconds, entries/s and peak RSS. Uses the `trendwatch` on PATH (the active venv).

    .venv/bin/python benchmarks/ingest_bench.py --feeds 200 --items 100 --latency-ms 150
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import functools
import http.server
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from xml.sax.saxutils import escape

WORDS = (
    "brand launch social video creator campaign audience retail beauty fashion sport travel food "
    "climate energy health privacy startup funding release mobile platform streaming music gaming"
).split()

NAIVE = """
import sys, duckdb, feedparser, pandas as pd
rows = []
for url in sys.argv[1].split(","):
    for e in feedparser.parse(url).entries:
        rows.append((e.get("id") or e.get("link"), url, e.get("title"), e.get("link"), e.get("summary")))
df = pd.DataFrame(rows, columns=["id", "feed", "title", "link", "summary"])
duckdb.connect(sys.argv[2]).execute("create table entries as select * from df")
"""


def write_feeds(folder: Path, feeds: int, items: int) -> list[str]:
    rng = random.Random(7)
    start = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    names = []
    for f in range(feeds):
        parts = [
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>',
            f"<title>feed {f}</title><link>http://example.org/{f}</link><description>d</description>",
        ]
        for i in range(items):
            title = escape(" ".join(rng.choices(WORDS, k=9)).capitalize())
            body = escape("<p>" + " ".join(rng.choices(WORDS, k=45)) + ".</p>")
            when = email.utils.format_datetime(start + dt.timedelta(minutes=rng.randrange(86_400)))
            link = f"http://example.org/f{f}/a{i}"
            parts.append(
                f'<item><title>{title}</title><link>{link}</link><guid isPermaLink="true">{link}</guid>'
                f"<description>{body}</description><pubDate>{when}</pubDate></item>"
            )
        parts.append("</channel></rss>")
        (folder / f"f{f}.xml").write_text("".join(parts), encoding="utf-8")
        names.append(f"f{f}.xml")
    return names


class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 1024  # the default backlog of 5 drops connections under concurrent fetching
    daemon_threads = True


class Handler(http.server.SimpleHTTPRequestHandler):
    latency = 0.0

    def send_head(self):  # type: ignore[no-untyped-def]
        time.sleep(self.latency)  # the simulated network, not a test wait
        return super().send_head()

    def log_message(self, *args: object) -> None:
        pass


def timed(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - t0
    return seconds, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--items", type=int, default=100)
    ap.add_argument("--latency-ms", type=float, default=150.0)
    ap.add_argument("--skip-naive", action="store_true")
    args = ap.parse_args()
    exe = shutil.which("trendwatch") or str(Path(sys.executable).parent / "trendwatch")
    n = args.feeds * args.items
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "feeds").mkdir()
        names = write_feeds(root / "feeds", args.feeds, args.items)
        Handler.latency = args.latency_ms / 1000
        server = Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(root / "feeds")))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        urls = [f"{base}/{name}" for name in names]
        cfg = root / "trendwatch.toml"
        cfg.write_text('[store]\npath = "tw.duckdb"\n' + "".join(f'[[feeds]]\nurl = "{u}"\n' for u in urls))
        first, peak = timed([exe, "--config", str(cfg), "ingest", "--quiet"])
        again, _ = timed([exe, "--config", str(cfg), "ingest", "--quiet"])
        print(f"first  {first:6.2f} s  {n / first:8.0f} entries/s  peak RSS {peak:.0f} MiB")
        print(f"again  {again:6.2f} s  ratio again/first {again / first:.2f}")
        if not args.skip_naive:
            naive, _ = timed([sys.executable, "-c", NAIVE, ",".join(urls), str(root / "naive.duckdb")])
            print(f"naive  {naive:6.2f} s  {n / naive:8.0f} entries/s  ratio first/naive {first / naive:.3f}")
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
