"""Guess the language of a short text from its stop words (fr, en, de, es, it, pt, nl).

Good enough to tell a French article from an English one when the feed doesn't say; returns
None rather than guess when the text is too short or two languages tie.
"""

from __future__ import annotations

from trendwatch.stopwords import DETECTION_WORDS

MIN_HITS = 2  # fewer stop words than this: too little to tell
MIN_LEAD = 1  # the winner needs this many more hits than the runner-up
MAX_CHARS = 200  # only the start of a long text is looked at

_STOP_WORDS: dict[str, str] = DETECTION_WORDS
_LANGS = tuple(_STOP_WORDS)
# word -> indexes of the languages that use it as a stop word
_INDEX: dict[str, tuple[int, ...]] = {}
for _i, _lang in enumerate(_LANGS):
    for _word in _STOP_WORDS[_lang].split():
        _INDEX[_word] = (*_INDEX.get(_word, ()), _i)
_ELISIONS = frozenset({"l", "d", "j", "qu", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu"})
_FR = (_LANGS.index("fr"),)
_STOP_SET = frozenset(_INDEX)


def detect_language(text: str) -> str | None:
    """Two-letter code of the language the text's stop words point to, or None when unsure."""
    if not text:
        return None
    text = text[:MAX_CHARS].lower()
    if "’" in text:
        text = text.replace("’", "'")
    words = text.split()  # stop words rarely carry punctuation: no costly cleaning of every word
    index = _INDEX
    hits = [index[w] for w in _STOP_SET.intersection(words)]  # distinct stop words, found in C
    if "'" in text:
        for word in words:
            if "'" in word:
                head = word.partition("'")[0]  # l'état, d'un, qu'il, it's
                langs = _FR if head in _ELISIONS else index.get(head)
                if langs:
                    hits.append(langs)
    if len(hits) < MIN_HITS:
        return None
    counts = [0] * len(_LANGS)
    for langs in hits:
        for i in langs:
            counts[i] += 1
    ranked = sorted(counts, reverse=True)
    if ranked[0] < MIN_HITS or ranked[0] - ranked[1] < MIN_LEAD:
        return None
    return _LANGS[counts.index(ranked[0])]
