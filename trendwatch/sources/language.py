"""Guess the language of a short text from its stop words (fr, en, de, es, it, pt, nl).

Good enough to tell a French article from an English one when the feed doesn't say; returns
None rather than guess when the text is too short or two languages tie.
"""

from __future__ import annotations

MIN_HITS = 2  # fewer stop words than this: too little to tell
MIN_LEAD = 1  # the winner needs this many more hits than the runner-up
MAX_CHARS = 200  # only the start of a long text is looked at

_STOP_WORDS: dict[str, str] = {
    "en": "the and of to in is that for it with as was on are be by this from at have has not "
          "but they which their been were will would an or its who what after more about than "
          "into over new says said after could should",
    "fr": "le la les des du et est un une dans pour que qui sur pas au aux avec ce ces il elle "
          "ils sont par plus ont été leur mais ou son sa ses cette nous vous fait être selon "
          "après entre sans sous aussi lors depuis contre",
    "de": "der die das und ist nicht ein eine zu den mit von sich auf für dem des im auch es "
          "wird werden hat sind wie bei aus nach noch einem einer über nur oder aber vor zum zur "
          "sie wir ich",
    "es": "el los las del y es en un una que por con para se al lo como más pero sus su fue "
          "ha son este esta entre cuando también desde muy sin sobre ya hay porque",
    "it": "il lo gli della delle degli di che è e un una per con non sono nel nella alla al "
          "anche come più ma dei del ha questo questa essere stato tra dopo",
    "pt": "o os as do da dos das e é um uma que em para com não por mais como mas foi ao ele "
          "ela seu sua são pelo pela também já está entre quando muito",
    "nl": "de het een en van is dat op te zijn niet met voor er maar om ook als bij door aan "
          "wordt werd naar heeft hebben nog dan uit worden over deze",
}
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
