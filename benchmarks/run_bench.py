#!/usr/bin/env python3
"""`trendwatch run`'s ingest step against `trendwatch ingest`, on loopback with latency.

Target (issue 13): the weekly flow's ingest takes at most 1.3 × plain `ingest` at 1,000 and
5,000 feeds, and a whole `run` stays under 600 MB. Serves FEEDS RSS feeds of ITEMS items with
--latency-ms per response (`ingest_bench.py`'s server), then, each into a new store and in a
fresh process:
  ingest     `trendwatch ingest --quiet`
  flow       the `trendwatch-ingest` flow as `run` calls it, timed after Prefect has started
  run        the whole `trendwatch run` (Prefect start-up, ingest, digest, files), with peak RSS
  dask       (--dask) the ingest flow on a temporary 2-worker Dask cluster, batches of 50 feeds
Uses the `trendwatch` on PATH (the active venv).

    .venv/bin/python benchmarks/run_bench.py --feeds 1000 5000 --items 20 --latency-ms 150
"""

from __future__ import annotations

import argparse
import functools
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest_bench import Handler, Server, timed, write_feeds  # noqa: E402

CHILD = """
import sys, time
import flows  # Prefect's start-up wait, before Prefect is imported
from prefect import flow
from flows.ingest import ingest_flow
from flows.weekly import task_runner_for

@flow
def warm() -> None:
    pass

t0 = time.perf_counter(); warm(); started = time.perf_counter() - t0
t0 = time.perf_counter()
if sys.argv[2] == "dask":  # a temporary 2-worker LocalCluster, as `run --task-runner dask` starts
    summary = ingest_flow.with_options(task_runner=task_runner_for("dask"))(sys.argv[1], parallel=True)
else:
    summary = ingest_flow(sys.argv[1])
seconds = time.perf_counter() - t0
print(f"{seconds:.3f} {started:.3f} {summary['feeds_ok']} {summary['entries_new']}")
"""


PREFECT_COST = """
import time
t0 = time.perf_counter()
import flows.weekly  # everything `run` imports
from prefect import flow
t1 = time.perf_counter()

@flow
def nothing() -> None:
    pass

nothing()  # starts Prefect's temporary server, runs an empty flow
print(f"{t1 - t0:.3f} {time.perf_counter() - t1:.3f}")
"""


def prefect_cost(tries: int) -> None:
    """Prefect's fixed cost in a new process: imports, server start + empty flow, stop (the rest),
    on a fresh PREFECT_HOME (cold: the database is created) then on the same one (warm)."""
    import os

    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "PREFECT_HOME": home}
        for i in range(tries):
            t0 = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", PREFECT_COST], env=env, check=True,
                                 capture_output=True, text=True).stdout.split()  # fmt: skip
            total = time.perf_counter() - t0
            imports, started = float(out[0]), float(out[1])
            kind = "cold" if i == 0 else "warm"
            print(f"Prefect {kind}: imports {imports:.1f} s, server start + empty flow "
                  f"{started:.1f} s, stop and exit {total - imports - started:.1f} s, total {total:.1f} s",
                  flush=True)  # fmt: skip


def config(root: Path, name: str, urls: list[str]) -> Path:
    folder = root / name
    folder.mkdir()
    cfg = folder / "trendwatch.toml"
    cfg.write_text('[store]\npath = "tw.duckdb"\n' + "".join(f'[[feeds]]\nurl = "{u}"\n' for u in urls))
    return cfg


def flow_child(cfg: Path, runner: str) -> list[str]:
    """Seconds of the ingest flow, seconds of Prefect's start, feeds ok, entries (in a new process)."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(cfg), runner], check=True,
                          capture_output=True, text=True)  # fmt: skip
    return done.stdout.split()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--items", type=int, default=20)
    ap.add_argument("--latency-ms", type=float, default=150.0)
    ap.add_argument("--dask", action="store_true", help="also time the ingest flow on a Dask cluster")
    ap.add_argument("--skip-run", action="store_true", help="no whole `trendwatch run`")
    ap.add_argument("--prefect-cost", type=int, metavar="N", help="only Prefect's fixed cost, N runs")
    args = ap.parse_args()
    if args.prefect_cost:
        prefect_cost(args.prefect_cost)
        return 0
    exe = shutil.which("trendwatch") or str(Path(sys.executable).parent / "trendwatch")
    Handler.latency = args.latency_ms / 1000
    for feeds in args.feeds:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "feeds").mkdir()
            names = write_feeds(root / "feeds", feeds, args.items)
            server = Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(root / "feeds")))
            threading.Thread(target=server.serve_forever, daemon=True).start()
            urls = [f"http://127.0.0.1:{server.server_address[1]}/{n}" for n in names]
            ingest_cfg = config(root, "ingest", urls)
            ingest_s, ingest_rss = timed([exe, "--config", str(ingest_cfg), "ingest", "--quiet"])
            out = flow_child(config(root, "flow", urls), "thread")
            flow_s, prefect_start_s = float(out[0]), float(out[1])
            dask = ""
            if args.dask:
                dask_s = float(flow_child(config(root, "dask", urls), "dask")[0])
                dask += f" | dask ingest flow {dask_s:.2f} s = {dask_s / flow_s:.2f} × thread"
            run_s, run_rss = 0.0, 0.0
            if not args.skip_run:
                run_s, run_rss = timed([exe, "--config", str(config(root, "run", urls)), "run"])
            server.shutdown()
        print(f"{feeds} feeds × {args.items} items: ingest {ingest_s:.2f} s ({ingest_rss:.0f} MiB) | "
              f"run's ingest flow {flow_s:.2f} s = {flow_s / ingest_s:.2f} × ingest "
              f"({out[2]} feeds ok, {out[3]} entries) | whole run {run_s:.2f} s, peak RSS {run_rss:.0f} MiB "
              f"| Prefect start {prefect_start_s:.1f} s{dask}", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
