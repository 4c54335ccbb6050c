"""The synthetic scale curve of one week's analysis: entries a week → time and peak memory.

    .venv/bin/python benchmarks/digest_bench.py --scale 500,2000,8000,30000

Each size runs in its own process (peak memory is per process): 10 weeks of titles + summaries
from 30 feeds, background words drawn from a large vocabulary with a Zipf-like skew, ~1 % of each
week in a handful of planted stories, one of them bursting in the analysed week. The analysis
reads the entries in memory (no store), so the curve is the analysis alone.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import resource
import subprocess
import sys
import time

WEEK = "2024-W20"
FEEDS = [f"feed{i:02d}" for i in range(30)]


def _vocabulary(n: int, rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnoprstuvz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(n)]


def run_one(per_week: int) -> tuple[float, float, int]:
    """Analyse one synthetic week of ``per_week`` entries; (seconds, peak MB, topics)."""
    from trendwatch.analysis.detect import analyse_entries
    from trendwatch.analysis.weeks import previous_weeks, week_bounds
    from trendwatch.config import AnalysisSettings
    from trendwatch.store.analysis_reads import WindowEntry

    rng = random.Random(per_week)
    vocab = _vocabulary(20_000, rng)
    # cumulative weights once: the same draws as ``weights=``, without re-summing 20,000 per call
    weights = list(itertools.accumulate(1 / (i + 10) for i in range(len(vocab))))
    stories = [rng.sample(vocab[2000:], 8) for _ in range(40)]
    weeks = previous_weeks(WEEK, 9) + [WEEK]
    entries: list[WindowEntry] = []
    for w, week in enumerate(weeks):
        start, _ = week_bounds(week, "Europe/Paris")
        for i in range(per_week):
            planted = w == len(weeks) - 1 and i < max(8, per_week // 200)
            if rng.random() < 0.01 or planted:
                story = stories[0 if planted else rng.randrange(1, 40)]
                words = rng.sample(story, 5) + rng.choices(vocab, cum_weights=weights, k=4)
            else:
                words = rng.choices(vocab, cum_weights=weights, k=9)
            title = " ".join(words[:7]).capitalize()
            summary = " ".join(rng.choices(vocab, cum_weights=weights, k=25) + words) + "."
            when = start + dt.timedelta(seconds=rng.randrange(7 * 86400))
            feed = FEEDS[rng.randrange(len(FEEDS))]
            entries.append(WindowEntry(f"{week}-{i}", title, summary, None, when, "fr", feed, [feed]))
    entries.sort(key=lambda e: (e.published, e.entry_id))

    def read(start: dt.datetime, end: dt.datetime) -> list[WindowEntry]:
        return [e for e in entries if start <= e.published < end]

    t0 = time.perf_counter()
    result = analyse_entries(read, AnalysisSettings(), WEEK, timezone="Europe/Paris", language="fr")
    seconds = time.perf_counter() - t0
    return seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(result.topics)


def curve(sizes: list[int]) -> None:
    """Print one line per size, each measured in a fresh process."""
    print("entries/week  seconds  peak MB  topics")
    for n in sizes:
        out = subprocess.run(
            [sys.executable, __file__, str(n)], capture_output=True, text=True, check=True
        ).stdout.split()
        print(f"{n:12d}  {float(out[0]):7.1f}  {float(out[1]):7.0f}  {out[2]:>6s}")


if __name__ == "__main__":
    seconds, peak, topics = run_one(int(sys.argv[1]))
    print(seconds, peak, topics)
