"""Turning titles and summaries into terms: accents folded, elisions cut, stop words dropped.

Terms are single words and two-word phrases (adjacent content words within a clause). Words with
digits are kept whole ("COP27", "G7", "5G", "Covid-19", "A320"): they often name the story. A bare
number ("16", "2022") is never a term alone but stays inside a phrase ("iphone 16", "14 juillet").
Stop-word lists ship with the package (``stopwords/<lang>.txt``); nothing is downloaded at run time.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from trendwatch.stopwords import fold_term as fold
from trendwatch.stopwords import stop_words

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
# a clause boundary: sentence punctuation, quotes, brackets, dashes between spaces
_CLAUSE = re.compile(r"[.!?;:,()\[\]{}«»\"“”|/…]+|\s[-–—]\s")
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
_ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'", re.IGNORECASE)
MIN_LEN = 2
_CLOCK = re.compile(r"^\d{1,2}(?:h\d{2}|am|pm)$", re.IGNORECASE)


def _clean_word(word: str) -> str:
    """Cut a leading elision (``l'``, ``qu'``) and a trailing possessive (``'s``)."""
    word = _ELISION.sub("", word)
    if word.endswith("'s"):
        word = word[:-2]
    return word.strip("'-")


Word = tuple[str, str, int, int]  # folded form, form as written, start and end in the clause


def words_with_surface(text: str, language: str | None = None) -> list[tuple[str, list[Word]]]:
    """Content words of ``text`` per clause: (clause text, [(folded, as written, start, end)])."""
    stops = stop_words(language)
    text = _URL.sub(" | ", text.translate(_APOSTROPHES))
    clauses: list[tuple[str, list[Word]]] = []
    for clause in _CLAUSE.split(text):
        words: list[Word] = []
        for m in _WORD.finditer(clause):
            raw = m.group(0)
            surface = _clean_word(raw)
            folded = fold(surface)
            if len(folded) < MIN_LEN or folded in stops or _CLOCK.match(folded):
                if words and folded not in stops:
                    clauses.append((clause, words))
                    words = []
                continue
            start = m.start() + raw.find(surface)
            words.append((folded, surface, start, start + len(surface)))
        if words:
            clauses.append((clause, words))
    return clauses


def terms(text: str, language: str | None = None, *, ngram_max: int = 2) -> list[str]:
    """Folded terms of ``text``: words and phrases of up to ``ngram_max`` adjacent content words.

    The same words as :func:`words_with_surface`, faster: the text is folded once, not per word.
    """
    stops = stop_words(language)
    text = fold(_URL.sub(" | ", text.translate(_APOSTROPHES)))
    out: list[str] = []
    for clause in _CLAUSE.split(text):
        phrase: list[str] = []
        for raw in _WORD.findall(clause):
            word = _clean_word(raw)
            if len(word) < MIN_LEN or word in stops or _CLOCK.match(word):
                if word not in stops:  # a short word ("5", "x") or a time ("12pm") breaks a phrase
                    _add_phrase(out, phrase, ngram_max)
                    phrase = []
                continue
            phrase.append(word)
        _add_phrase(out, phrase, ngram_max)
    return out


def _add_phrase(out: list[str], words: list[str], ngram_max: int) -> None:
    out.extend(w for w in words if not w.isdigit())  # a bare number is no term alone
    for n in range(2, ngram_max + 1):
        for i in range(len(words) - n + 1):
            chunk = words[i : i + n]
            if not all(w.isdigit() for w in chunk):
                out.append(" ".join(chunk))


def is_number(word: str) -> bool:
    """A bare number ("16", "2022"): part of a phrase, never a term alone."""
    return word.isdigit()


def is_clock(word: str) -> bool:
    """A time of day ("12pm", "20h30": a live blog's stamps): no term, and no part of one."""
    return bool(_CLOCK.match(word))


def surface_forms(texts: Iterable[tuple[str, str | None]], *, ngram_max: int = 2) -> dict[str, str]:
    """For each folded term of ``texts`` ((text, language) pairs), its most frequent written form."""
    seen: dict[str, Counter[str]] = {}
    for text, language in texts:
        for clause_text, clause in words_with_surface(text, language):
            for n in range(1, ngram_max + 1):
                for i in range(len(clause) - n + 1):
                    chunk = clause[i : i + n]
                    if all(w[0].isdigit() for w in chunk):
                        continue
                    key = " ".join(w[0] for w in chunk)
                    written = " ".join(clause_text[chunk[0][2] : chunk[-1][3]].split())
                    seen.setdefault(key, Counter())[written] += 1
    return {key: _best_form(forms) for key, forms in seen.items()}


def _best_form(forms: Counter[str]) -> str:
    """The most frequent form; on ties, prefer a lower-case one (``Guerre`` at a sentence start)."""
    return max(forms.items(), key=lambda kv: (kv[1], kv[0].islower(), kv[0]))[0]


def normalized_title(title: str) -> str:
    """A title reduced to its folded letters and digits, for spotting copies of one story."""
    return " ".join(re.findall(r"\w+", fold(title.translate(_APOSTROPHES))))


_NAME_ENDINGS = "iennes ienne iens ien aises aise ais oises oise ois ians ian ies ie es e s"
_SUFFIXES = sorted(_NAME_ENDINGS.split(), key=len, reverse=True)


def one_word(a: str, b: str) -> bool:
    """Are two folded words one word in the singular and the plural ("foret", "forets"; "feu",
    "feux")? Only a final "s" or "x" is told apart: no other ending means the same thing in every
    language."""
    short, long = sorted((a, b), key=len)
    return len(long) == len(short) + 1 and long.startswith(short) and long[-1] in "sx" and len(short) >= 3


def stem(word: str) -> str:
    """A light stem of a folded word, for telling forms of one name apart from other words only
    ("ukraine", "ukrainienne", "ukrainiens" → "ukrain"; "iran", "iraniennes" → "iran"): the end
    is cut when at least four letters stay."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
