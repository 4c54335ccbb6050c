"""Accent- and case-insensitive whole-word matching of configured terms (brands, guidelines).

``compile_terms(["L'Oréal", "Coca-Cola"])`` finds "l'oreal", "L’ORÉAL" and "coca cola", never
"Coca-Colanaise". Excluded phrases (homonyms such as "orange mécanique") hide the matches inside
them. Both the brand tagger and the digest's guideline checks use the same matcher.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from trendwatch.textfold import fold

__all__ = ["TermHit", "TermMatcher", "compile_terms", "fold", "fold_fast", "term_pattern"]

_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014_]+")
_APOSTROPHES = "'\u2019\u02bc\u2018`"
_SEP_PATTERN = r"[\s\-\u2010\u2011\u2012\u2013\u2014_]+"
_APOS_PATTERN = "['\u2019\u02bc\u2018`]"


fold_fast = fold  # kept as a name for callers that want to stress it needs no offsets


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return fold(ch)


def _fold_chars(text: str) -> tuple[list[str], list[int]]:
    """Folded pieces and, for each output character, the index of the input character it came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        piece = ch.lower() if ch.isascii() else _fold_char(ch)
        for c in piece:
            out.append(c)
            origin.append(i)
    return out, origin


def term_pattern(term: str) -> str:
    """Regex source matching ``term`` folded, with flexible spaces/hyphens and any apostrophe."""
    folded = fold(term.strip())
    parts: list[str] = []
    for chunk in _SEPARATORS.split(folded):
        if not chunk:
            continue
        pieces = [re.escape(p) for p in re.split(f"[{re.escape(_APOSTROPHES)}]", chunk)]
        parts.append(_APOS_PATTERN.join(pieces))
    return _SEP_PATTERN.join(parts)


@dataclass(frozen=True, slots=True)
class TermHit:
    """One occurrence of a configured term in a text."""

    term: str  # the term as configured
    start: int  # offsets in the original text
    end: int
    text: str  # the text as written there


class TermMatcher:
    """Finds configured terms as whole words, ignoring case and accents; see :func:`compile_terms`."""

    def __init__(self, terms: Iterable[str], exclude: Iterable[str] = ()) -> None:
        self.terms = [t for t in dict.fromkeys(t.strip() for t in terms) if t]
        self.exclude = [t for t in dict.fromkeys(t.strip() for t in exclude) if t]
        self._by_key: dict[str, str] = {}
        for t in self.terms:
            self._by_key.setdefault(_key(t), t)
        self._regex = _alternation(self.terms)
        self._exclude_regex = _alternation(self.exclude)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def finditer(self, text: str) -> list[TermHit]:
        """Every non-overlapping occurrence, leftmost-longest, outside excluded phrases."""
        if self._regex is None or not text or not self._regex.search(fold_fast(text)):
            return []
        if text.isascii():
            folded, origin = text.lower(), list(range(len(text)))
        else:
            chars, origin = _fold_chars(text)
            folded = "".join(chars)
        hidden: list[tuple[int, int]] = []
        if self._exclude_regex is not None:
            hidden = [m.span() for m in self._exclude_regex.finditer(folded)]
        hits: list[TermHit] = []
        for m in self._regex.finditer(folded):
            s, e = m.span()
            if any(s < he and hs < e for hs, he in hidden):
                continue
            start, end = origin[s], origin[e - 1] + 1
            term = self._by_key.get(_key(m.group(0)), m.group(0))
            hits.append(TermHit(term=term, start=start, end=end, text=text[start:end]))
        return hits

    def terms_in(self, text: str) -> list[str]:
        """The configured terms present in ``text``, each once, in order of first appearance."""
        return list(dict.fromkeys(h.term for h in self.finditer(text)))

    def search(self, text: str) -> bool:
        """True when at least one term occurs in ``text``."""
        return bool(self.finditer(text))


def _key(text: str) -> str:
    """What makes two spellings the same term: folded, separators and apostrophes unified."""
    folded = fold(text)
    folded = re.sub(f"[{re.escape(_APOSTROPHES)}]", "'", folded)
    return _SEPARATORS.sub(" ", folded).strip()


def _alternation(terms: list[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    patterns = sorted({term_pattern(t) for t in terms if term_pattern(t)}, key=len, reverse=True)
    if not patterns:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)")


def compile_terms(terms: Iterable[str], *, exclude: Iterable[str] = ()) -> TermMatcher:
    """A matcher for ``terms`` (whole words, case- and accent-insensitive), ignoring ``exclude`` phrases."""
    return TermMatcher(terms, exclude)
