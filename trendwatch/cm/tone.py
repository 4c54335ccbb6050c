"""A rough, lexicon-based tone score for French and English text: a signal, not a verdict.

Each word or phrase found in the shipped lists (``trendwatch/cm/lexicons/``) counts +1 (positive)
or -1 (negative); a negation among the three words before it ("pas bon", "not good", "never safe")
flips it. The score is ``(positive - negative) / (positive + negative)``, in [-1, 1], 0 when no
listed word occurs. Irony, sarcasm, quotes of critics and domain words are all missed: read the
articles before acting on a tone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from trendwatch.cm.matching import fold

LANGUAGES = ("fr", "en")
NEGATION_WINDOW = 3  # words before a tone word in which a negation flips it
NEGATIONS: dict[str, frozenset[str]] = {
    "en": frozenset(
        {
            "not",
            "no",
            "never",
            "nor",
            "without",
            "hardly",
            "isnt",
            "wasnt",
            "dont",
            "doesnt",
            "didnt",
            "cant",
            "cannot",
            "wont",
            "arent",
            "werent",
            "nothing",
            "neither",
        }
    ),
    "fr": frozenset(
        {"pas", "ne", "n", "jamais", "ni", "aucun", "aucune", "sans", "guere", "rien", "nullement"}
    ),
}
_WORD = re.compile(r"[a-z0-9]*n't|[a-z0-9]+|[,;:.!?()\u2026\u2013\u2014\"]")
CLAUSE_BREAK = "|"  # token standing for punctuation: a negation does not reach across it


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Positive and negative words of one language: exact words, prefixes (``word*``), phrases."""

    positive: frozenset[str]
    negative: frozenset[str]
    positive_prefixes: tuple[str, ...]
    negative_prefixes: tuple[str, ...]
    phrases: dict[tuple[str, ...], int]  # several words ("mis en cause") -> +1 / -1

    def polarity(self, word: str) -> int:
        """+1, -1 or 0 for one folded word."""
        for w in (word, word[:-1] if len(word) > 3 and word[-1] in "sx" else word):
            if w in self.negative:
                return -1
            if w in self.positive:
                return 1
        if any(word.startswith(p) for p in self.negative_prefixes):
            return -1
        if any(word.startswith(p) for p in self.positive_prefixes):
            return 1
        return 0


def _read_words(name: str) -> tuple[frozenset[str], tuple[str, ...], list[tuple[str, ...]]]:
    text = (files("trendwatch.cm") / "lexicons" / name).read_text(encoding="utf-8")
    exact: set[str] = set()
    prefixes: list[str] = []
    phrases: list[tuple[str, ...]] = []
    for line in text.splitlines():
        word = fold(line.split("#", 1)[0].strip())
        if not word:
            continue
        if " " in word:
            phrases.append(tuple(words(word)))
        elif word.endswith("*"):
            prefixes.append(word[:-1])
        else:
            exact.add(word)
    return frozenset(exact), tuple(sorted(prefixes, key=len, reverse=True)), phrases


@cache
def lexicon(language: str) -> Lexicon:
    """The shipped lexicon for ``fr`` or ``en`` (read once from package data)."""
    if language not in LANGUAGES:
        raise ValueError(f"no tone lexicon for language {language!r}; known: {', '.join(LANGUAGES)}")
    pos, pos_prefixes, pos_phrases = _read_words(f"{language}_positive.txt")
    neg, neg_prefixes, neg_phrases = _read_words(f"{language}_negative.txt")
    phrases = {p: 1 for p in pos_phrases} | {p: -1 for p in neg_phrases}
    return Lexicon(pos, neg, pos_prefixes, neg_prefixes, phrases)


def words(text: str) -> list[str]:
    """Folded words of ``text`` ("n't" and elisions split off), punctuation as :data:`CLAUSE_BREAK`."""
    folded = fold(text).replace("\u2019", "'")
    folded = re.sub(r"\b(n|l|d|j|m|t|s|c|qu)'", r"\1 ", folded)
    out: list[str] = []
    for w in _WORD.findall(folded):
        if w.endswith("n't"):
            out.extend([w[:-3], "not"])
        elif not w[0].isalnum():
            out.append(CLAUSE_BREAK)
        else:
            out.append(w)
    return out


@lru_cache(maxsize=65536)
def _polarity(languages: tuple[str, ...], word: str) -> int:
    """Polarity of one folded word in the first of ``languages`` that knows it."""
    return next((p for lang in languages if (p := lexicon(lang).polarity(word))), 0)


def tone_score(text: str, language: str | None = None) -> float:
    """Tone of ``text`` in [-1, 1] (0: neutral or unknown); ``language`` fr/en, else both lexicons."""
    langs = [language] if language in LANGUAGES else list(LANGUAGES)
    negations = frozenset().union(*(NEGATIONS[lang] for lang in langs if lang))
    phrases: dict[tuple[str, ...], int] = {}
    for lang in reversed(langs):
        phrases |= lexicon(lang).phrases
    longest = max((len(p) for p in phrases), default=0)
    tokens = words(text)
    positive = negative = 0
    skip_until = 0
    for i, w in enumerate(tokens):
        if i < skip_until:
            continue
        polarity = 0
        for n in range(longest, 1, -1):
            polarity = phrases.get(tuple(tokens[i : i + n]), 0)
            if polarity:
                skip_until = i + n
                break
        if not polarity:
            polarity = _polarity(tuple(langs), w) if w != CLAUSE_BREAK else 0
        if not polarity:
            continue
        before = tokens[max(0, i - NEGATION_WINDOW) : i]
        if CLAUSE_BREAK in before:
            before = before[len(before) - before[::-1].index(CLAUSE_BREAK) :]
        if any(t in negations for t in before):
            polarity = -polarity
        if polarity > 0:
            positive += 1
        else:
            negative += 1
    total = positive + negative
    return 0.0 if total == 0 else (positive - negative) / total


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def sentences_around(text: str, spans: list[tuple[int, int]]) -> str:
    """The sentences of ``text`` that contain one of the character ``spans`` (joined by spaces)."""
    picked: list[str] = []
    start = 0
    for m in list(_SENTENCE_END.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        if any(start <= s < end or start < e <= end for s, e in spans):
            picked.append(text[start:end].strip())
        start = m.end() if m else len(text)
    return " ".join(p for p in picked if p)
