"""A feed's boilerplate: the words it puts around every summary, which say nothing about any story.

The Guardian ends each summary with "Continue reading...", WordPress feeds with "The post ...
appeared first on ...", some agencies open with their dateline. Counted as terms, such words
are on every story of the feed: a feed new to the store makes them burst, and a topic of
"continue" holds the whole feed. A run of words opening or closing most of one feed's
summaries (in the window) is cut from them before terms are counted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

MIN_ENTRIES = 5  # a feed needs this many summaries in the window before anything is called boilerplate
SHARE = 0.8  # ... and a run of words must open (or close) this share of them
MAX_WORDS = 8  # longest run looked for (a sentence such as "The post X appeared first on Y" is
# not one run: its feed-specific ends are found, its middle varies)
# A wire agency's dateline opening a summary: "MOSCOU, 24 SET (ANSA) - ", "Quito, 24 Set 2018 (AFP)
# - ", "BRASÍLIA (Reuters) - ". Its place and date change with every story, so no run of one feed
# finds it, and two agency stories of a day shared "24 set" and "ansa" as if they were one story.
_DATELINE = re.compile(
    r"^\s*(?:[^\s()]+\s+){0,7}?\((?:[A-Z]{2,6}|Reuters|Bloomberg|Lusa|dpa|Belga)\)\s*\.?\s*[-–—]+\s*"
)


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Words a feed opens and closes its summaries with (empty tuples: none)."""

    head: tuple[str, ...] = ()
    tail: tuple[str, ...] = ()

    def cut(self, summary: str) -> str:
        """``summary`` without this feed's opening and closing words (when it has them), nor an
        agency's dateline."""
        summary = _DATELINE.sub("", summary, count=1)
        words = summary.split()
        if self.tail and tuple(words[-len(self.tail) :]) == self.tail:
            words = words[: -len(self.tail)]
        if self.head and tuple(words[: len(self.head)]) == self.head:
            words = words[len(self.head) :]
        return " ".join(words) if (self.head or self.tail) else summary


NONE = Boilerplate()


def feed_boilerplate(summaries: Iterable[tuple[str, str]]) -> dict[str, Boilerplate]:
    """Per feed, the boilerplate of its summaries; ``summaries`` are (feed, summary) pairs.
    Feeds without any are left out."""
    by_feed: dict[str, list[list[str]]] = {}
    for feed, summary in summaries:
        words = summary.split()
        if words:  # the first and last words are enough (one more tells a run from a whole text)
            by_feed.setdefault(feed, []).append(words[: MAX_WORDS + 1] + ["\0"] + words[-MAX_WORDS - 1 :])
    out: dict[str, Boilerplate] = {}
    for feed, texts in by_feed.items():
        if len(texts) < MIN_ENTRIES:
            continue
        ends = [w.index("\0") for w in texts]
        head = _shared_run([w[:e] for w, e in zip(texts, ends, strict=True)], len(texts))
        tail = _shared_run([w[e + 1 :][::-1] for w, e in zip(texts, ends, strict=True)], len(texts))[::-1]
        if head or tail:
            out[feed] = Boilerplate(head, tail)
    return out


def _shared_run(starts: list[list[str]], n: int) -> tuple[str, ...]:
    """The longest run of words that at least ``SHARE`` of the texts start with (``starts``: each
    text's first ``MAX_WORDS + 1`` words), or () when none does. A run must not be a whole text
    (a feed whose every summary is "Photo" has no summaries, not boilerplate)."""
    best: tuple[str, ...] = ()
    for k in range(1, MAX_WORDS + 1):
        counts = Counter(tuple(w[:k]) for w in starts if len(w) > k)
        run, count = counts.most_common(1)[0] if counts else ((), 0)
        if count < SHARE * n:
            break
        best = run
    return best
