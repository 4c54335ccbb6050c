"""Every stop-word list of trendwatch, in one place (a leaf: any stage may use it).

- :func:`stop_words`: the full per-language lists (``<lang>.txt`` beside this file) that the
  analysis drops from its terms and the ideas from their subjects;
- :data:`DETECTION_WORDS`: the most frequent function words of each language, by which
  :mod:`trendwatch.sources.language` tells languages apart;
- :data:`TOO_COMMON_TO_WATCH`: words a brand or guideline term may not be (it would match most
  articles), checked when the config is read;
- :data:`KEYWORD_VERBS`: forms of common verbs a topic's keyword list leaves out ("ce qu'en disent
  les dermatologues": "disent" says nothing of the story). Display only: the detection's terms
  keep them, so what is found does not change.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib.resources import files

__all__ = ["DETECTION_WORDS", "KEYWORD_VERBS", "SUPPORTED", "TOO_COMMON_TO_WATCH", "fold_term", "stop_words"]

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold_term(text: str) -> str:
    """Lower-case ``text`` and strip accents (``Élysée`` → ``elysee``): how the analysis compares
    words, and so how the stop lists are read."""
    text = text.lower()
    if text.isascii():
        return text
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return text.replace("œ", "oe").replace("æ", "ae")


SUPPORTED = ("fr", "en", "de", "es", "it", "pt", "nl")
_FALLBACK = ("fr", "en")  # unknown language: these lists only (German "war" is an English noun)

DETECTION_WORDS: dict[str, str] = {
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

# Words too common to watch: a brand or guideline term equal to one would match most articles.
TOO_COMMON_TO_WATCH = frozenset(
    """
    a an and are as at be but by for from has have he her his i if in is it its me my no not of on or
    our she so that the their them they this to up us was we were what when which who will with you
    your all any can do does more new one out over than then there these those also just about into
    au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je la le les leur leurs lui
    ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te
    tes toi ton tu un une vos votre vous y est sont ete etre avoir fait plus tout tous toute toutes
    comme si sans sous entre chez vers l d j m n s t c
    """.split()
)


KEYWORD_VERBS = frozenset(
    """
    disent disait disaient dira diront disons dites veulent voulait voulaient voudrait sait savent
    savait saura pouvait pouvaient pourra pourront devait devaient devra devront allait allaient ira
    iront essayer essaie essayent essaye essaient tente tentent tenter
    tells told tries tried try trying wants wanted knows knew know tested testing shows showing showed
    shown
    """.split()
)


@cache
def stop_words(language: str | None) -> frozenset[str]:
    """Folded stop words for ``language`` (fr, en, de, es, it, pt, nl); French and English when unknown."""
    lang = (language or "").replace("_", "-").split("-")[0].lower()
    langs = (lang,) if lang in SUPPORTED else _FALLBACK
    words: set[str] = set()
    for code in langs:
        text = (files("trendwatch.stopwords") / f"{code}.txt").read_text(encoding="utf-8")
        for line in text.splitlines():
            line = line.split("#", 1)[0]
            words.update(fold_term(w) for w in line.split())
    return frozenset(words)
