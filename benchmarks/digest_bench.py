"""Dev benchmark: time, peak memory and dev-set quality of ``analyse_week`` on the Le Monde 2022 store.

    .venv/bin/python benchmarks/digest_bench.py [--store /tmp/lemonde.duckdb] [--weeks 2022-W08 ...] [-v]
    .venv/bin/python benchmarks/digest_bench.py --scale 500,2000,8000,30000   # synthetic scale curve

The store is built with benchmarks/load_lemonde.py when missing. When ../shared/eval/trendeval.py
is there, its ``score`` rates the topics like the evaluation does (label, keywords, article titles).
Figures go in benchmarks/README-analysis.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from trendwatch.analysis.detect import analyse_week
from trendwatch.config import settings_from_dict
from trendwatch.store import connect

SHARED = Path(__file__).resolve().parents[2] / "shared"
EVENTS = SHARED / "data" / "lemonde_2022" / "events.json"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _eval_module() -> Any:
    sys.path.insert(0, str(SHARED / "eval"))
    try:
        import trendeval  # type: ignore[import-not-found]
    except ImportError:
        return None
    return trendeval


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, default=Path("/tmp/lemonde.duckdb"))
    ap.add_argument("--weeks", nargs="*", help="default: the labelled events' weeks and the week after")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each week's top 10")
    ap.add_argument("--scale", help="entries a week, comma-separated: print time and memory per size")
    args = ap.parse_args(argv)
    if args.scale:
        from digest_scale import curve  # type: ignore[import-not-found]

        curve([int(n) for n in args.scale.split(",")])
        return 0
    if not args.store.exists():
        from load_lemonde import load  # type: ignore[import-not-found]

        load(args.store)
    trendeval = _eval_module()
    events = (
        [trendeval.Event(**e) for e in json.loads(EVENTS.read_text())]
        if trendeval and EVENTS.exists()
        else []
    )
    weeks = args.weeks or sorted({w for e in events for w in (e.week, trendeval.next_week(e.week))})
    settings = settings_from_dict({}, base_dir=args.store.parent)
    con = connect(args.store, read_only=True)
    before = _rss_mb()
    digests: dict[str, list[dict[str, Any]]] = {}
    times = []
    for week in weeks:
        t0 = time.perf_counter()
        result = analyse_week(con, settings, week)
        times.append(time.perf_counter() - t0)
        digests[week] = [
            {"label": t.label, "keywords": t.keywords, "articles": [{"title": a.title} for a in t.articles]}
            for t in result.topics[: settings.digest.top]
        ]
        if args.verbose:
            print(f"== {week}: {result.n_entries} entries, {times[-1]:.2f} s, notes={result.notes}")
            for i, t in enumerate(result.topics[:10], 1):
                print(
                    f"  {i:2d} {t.score:5.1f} {t.n_articles:3d} art {t.n_sources:2d} src "
                    f"base {t.baseline_mean:4.1f} "
                    f"{t.label[:60]!r} | {', '.join(t.keywords[:5])}"
                )
    print(
        f"weeks={len(weeks)} time per week: mean {sum(times) / len(times):.2f} s, "
        f"min {min(times):.2f} s, max {max(times):.2f} s (first includes imports warm-up)"
    )
    print(f"peak RSS {_rss_mb():.0f} MB (before the first analysis: {before:.0f} MB)")
    if events:
        r = trendeval.score(events, digests, settings.digest.top)
        print(
            f"recall@5={r['recall@5']:.2f} recall@10={r['recall@10']:.2f} mrr={r['mrr']:.2f} "
            f"repeats={r['repeats']:.2f}"
        )
        for e in r["events"]:
            print(f"  {e['event']:40s} {e['week']}  rank {e['rank'] or '-'}  repeats {e['repeats']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
