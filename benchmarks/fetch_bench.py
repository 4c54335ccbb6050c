"""Fetch benchmark: N feeds of ~60 KB on a loopback server with a fixed latency per response.

Run from the repository root::

    .venv/bin/python benchmarks/fetch_bench.py            # 200 feeds, 150 ms, default [fetch]
    .venv/bin/python benchmarks/fetch_bench.py --hosts 4 --gzip

With one host the per-host limit sets the pace: ceil(200 / per_host 32) = 7 rounds of 150 ms,
so about 1.05 s is the floor. The server runs in this process (a background thread), so the
numbers include its share of the CPU.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support is not installed

from tests.support.httpserver import Reply, ScriptedServer  # noqa: E402
from trendwatch.config import FetchSettings  # noqa: E402
from trendwatch.sources.fetch import fetch_all  # noqa: E402
from trendwatch.sources.model import FetchRequest  # noqa: E402

ITEM = (
    "<item><title>Item {n}: what community managers watch this week</title>"
    "<link>https://example.org/posts/{n}</link><guid>https://example.org/posts/{n}</guid>"
    "<pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate>"
    "<description>{text}</description></item>"
)


def feed_body(size: int) -> bytes:
    """An RSS document of about size bytes."""
    text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 6
    items: list[str] = []
    n = 0
    while sum(map(len, items)) < size - 200:
        items.append(ITEM.format(n=n, text=text))
        n += 1
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>'
    return (head + "".join(items) + "</channel></rss>").encode()


def main(argv: list[str] | None = None) -> int:
    """Serve the feeds, fetch them all once with the default settings, print the timing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--size", type=int, default=60_000, help="bytes per feed")
    parser.add_argument("--latency", type=float, default=0.150, help="seconds before each answer")
    parser.add_argument("--hosts", type=int, default=1, help="loopback ports, each a distinct host")
    parser.add_argument("--gzip", action="store_true", help="serve the feeds gzip-compressed")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best and the median are shown")
    args = parser.parse_args(argv)

    settings = FetchSettings()
    body = feed_body(args.size)
    with ScriptedServer(sites=args.hosts) as server:
        server.route(
            "/feed.xml", Reply(body=body, delay_s=args.latency, encoding="gzip" if args.gzip else None)
        )
        requests = [
            FetchRequest(str(i), server.url(f"/feed.xml?n={i}", site=i % args.hosts))
            for i in range(args.feeds)
        ]
        times: list[float] = []
        for _ in range(args.repeat):
            clock = time.perf_counter()
            results = fetch_all(requests, settings)
            times.append(time.perf_counter() - clock)
            failed = [r for r in results if not r.ok]
            if failed:
                print(f"{len(failed)} failed, e.g. {failed[0].error}", file=sys.stderr)
                return 1
        in_flight = server.max_in_flight
    per_host_feeds = math.ceil(args.feeds / args.hosts)
    rounds = max(math.ceil(per_host_feeds / settings.per_host), math.ceil(args.feeds / settings.concurrency))
    best, median = min(times), sorted(times)[len(times) // 2]
    total_mb = sum(r.bytes for r in results) / 1e6
    print(
        f"{args.feeds} feeds x {len(body) / 1000:.0f} KB{' (gzip)' if args.gzip else ''}, "
        f"{args.latency * 1000:.0f} ms latency, {args.hosts} host(s), "
        f"concurrency {settings.concurrency} / per_host {settings.per_host}"
    )
    print(f"floor: {rounds} rounds x {args.latency * 1000:.0f} ms = {rounds * args.latency:.2f} s")
    print(
        f"best {best:.2f} s ({args.feeds / best:.0f} req/s), median {median:.2f} s "
        f"({args.feeds / median:.0f} req/s), {total_mb:.1f} MB per run, max in flight {in_flight}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
