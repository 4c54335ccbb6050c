"""The story's subject as its articles write it: what ideas, restraint notes and holding
statements call a topic. A key phrase first, else a short label, a name or phrase the titles
share, an entity, a keyword; one generic word ("Person", "State", "Moon") is never enough on its
own: it is widened to the phrase the titles share ("State of the Union") or skipped.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from trendwatch.analysis.model import Topic
from trendwatch.analysis.names import title_case
from trendwatch.analysis.text import stop_words
from trendwatch.digest.angles import clauses, clean_title, guess_language, is_generic, short
from trendwatch.digest.caution import counts_victims, fold

SUBJECT_MAX_WORDS = 8
NAME_RUN_WORDS = 4  # a longer capitalised run is a title, not a name
_TOKEN = re.compile(r"[^\W_][\w'’.-]*[^\W_]|[^\W_]")
_LEADING = frozenset(
    "en le la les l de du des un une au aux a à dans sur pour par chez avec the in on at of for to "
    "with from by and et how why what when where who which this these those an comment pourquoi "
    "quand ou qui quoi quel quelle quels quelles ce cette ces".split()
)
_PUNCTUATION = re.compile(r"[:;,!?|–—()«»“”\"]|\s-\s")


def _texts(topic: Topic) -> list[str]:
    return [clean_title(a.title) for a in topic.articles if a.title]


def _ngram_with(word: str, titles: list[str]) -> str | None:
    """The longest run of 2–5 words containing ``word`` that most titles holding it share, as the
    first of them writes it ("State" → "State of the Union")."""
    key = fold(word)
    holding = [t for t in titles if key in {fold(w) for w in _TOKEN.findall(t)}]
    if len(holding) < 2:
        return None
    best: tuple[int, int, str] | None = None
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for title in holding:
        toks = _TOKEN.findall(title)
        seen: set[str] = set()
        for i, tok in enumerate(toks):
            if fold(tok) != key:
                continue
            for n in range(2, 6):
                for start in range(max(0, i - n + 1), min(i, len(toks) - n) + 1):
                    gram = toks[start : start + n]
                    if fold(gram[0]) in stop_words(None) or fold(gram[-1]) in stop_words(None):
                        continue
                    k = " ".join(fold(g) for g in gram)
                    if k not in seen:
                        seen.add(k)
                        counts[k] += 1
                        surface.setdefault(k, " ".join(gram))
    for k, c in counts.items():
        if c * 2 >= len(holding) and c >= 2:
            cand = (c, len(k.split()), k)
            if best is None or cand[:2] > best[:2]:
                best = cand
    return surface[best[2]] if best else None


def subject_of(topic: Topic) -> str:
    """What ideas call the story: its key phrase, else its label when short, else the phrase its
    titles share, else a name or keyword of several words; never one generic word."""
    titles = _texts(topic)
    candidates: list[str] = []
    if topic.key_phrase.strip():
        candidates.append(topic.key_phrase.strip())
    label = clean_title(topic.label)
    head = clauses(label)
    first_words = len(head[0].split()) if head else 0
    if head and first_words <= SUBJECT_MAX_WORDS - 2 and (first_words > 1 or len(head) == 1):
        candidates.append(head[0])  # "Shampoing solide : le comparatif" → "Shampoing solide"
    shared, name = _shared_title_word(titles), _shared_name(titles)
    if name and shared and fold(shared) in fold(name).split():
        shared = None  # "Tempête Ondine" rather than "Tempête"
    candidates.extend(c for c in (name, shared) if c)
    candidates.extend(e for e in topic.entities[:2] if _told_by_several(e, topic))
    candidates.extend(k[:1].upper() + k[1:] for k in topic.keywords[:3])
    for cand in candidates:
        if counts_victims(cand):
            continue  # a toll names no story: "Cinquante blessés : les hôpitaux de Kherson évacués"
        if len(cand.split()) == 1:  # "strike" → "Rail strike", "State" → "State of the Union"
            longer = _ngram_with(cand, titles) or _name_run(cand, titles)
            if longer and not is_generic(longer) and len(longer.split()) <= SUBJECT_MAX_WORDS:
                return _capital(longer)
            if not _names_story(cand, titles, topic.entities):
                continue
        if not is_generic(cand) and len(cand.split()) <= SUBJECT_MAX_WORDS:
            return _capital(cand)
    for text in [label, *titles]:  # the headline's first clause, cut short
        head = clauses(text)
        if head and not is_generic(head[0]):
            return _capital(short(head[0], SUBJECT_MAX_WORDS))
    return _capital(label)


def _told_by_several(name: str, topic: Topic) -> bool:
    """Whether two of the topic's articles (or all, when fewer) name ``name``: a name only one
    article gives is a side story's ("Ukraine" in one piece of an NBA topic)."""
    word = re.compile(rf"(?<!\w){re.escape(fold(name))}(?!\w)")
    told = sum(1 for a in topic.articles if word.search(fold(f"{a.title} {a.summary}")))
    return told >= min(2, len(topic.articles))


_CONNECTORS = frozenset("of the de la du des d l and et for".split())


def _shared_name(titles: list[str]) -> str | None:
    """The capitalised run of words ("State of the Union", "Michael Haneke") most titles share,
    when at least two do."""
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for title in titles:
        seen: set[str] = set()
        for run in _capitalised_runs(title):
            k = " ".join(fold(t) for t in run)
            if k not in seen:
                seen.add(k)
                counts[k] += 1
                surface.setdefault(k, " ".join(run))
    best = max(counts.items(), key=lambda kv: (kv[1], len(kv[0])), default=None)
    return surface[best[0]] if best and best[1] >= 2 else None


def _capitalised_runs(title: str) -> list[list[str]]:
    """The runs of two or more capitalised words of ``title`` ("State of the Union", "Premier
    League"), connectors inside kept, a leading function word dropped ("En Chine" → "Chine")."""
    runs: list[list[str]] = []
    for part in _PUNCTUATION.split(title):  # a name never runs across ":" ("United: Premier League")
        run: list[str] = []
        for tok in [*_TOKEN.findall(part), "."]:
            if tok[:1].isupper() or (run and fold(tok) in _CONNECTORS):
                run.append(tok)
                continue
            while run and fold(run[-1]) in _CONNECTORS:
                run.pop()
            # "En Chine" → "Chine", "How the Philadelphia Eagles" → "Philadelphia Eagles" ("Premier
            # League" stays)
            while run and fold(run[0]) in _LEADING:
                run.pop(0)
            if len(run) >= 2:
                runs.append(run)
            run = []
    return runs


def _name_run(word: str, titles: list[str]) -> str | None:
    """The capitalised run a title writes ``word`` in ("League" → "Premier League"), if any."""
    key = fold(word)
    for title in titles:
        if title_case(title):
            continue  # "How The Eagles Became...": its capitals name nothing
        for run in _capitalised_runs(title):
            if key in {fold(t) for t in run} and len(run) <= NAME_RUN_WORDS:
                return " ".join(run)
    return None


def _names_story(word: str, titles: list[str], entities: list[str]) -> bool:
    """Whether one word can name the story alone: not generic, and a name (digits, an inner
    capital, a listed entity, capitalised inside a title) or in at least half of the titles."""
    if is_generic(word):
        return False
    key = fold(word)
    if any(c.isdigit() for c in word) or any(c.isupper() for c in word[1:]):
        return True
    if key in {fold(e) for e in entities}:
        return True
    holding = 0
    for title in titles:
        toks = _TOKEN.findall(title)
        if any(fold(t) == key and t[:1].isupper() for t in toks[1:]):
            return True
        holding += any(fold(t) == key for t in toks)
    return holding * 2 >= len(titles) > 0


def subject_in(topic: Topic, lang: str | None) -> str:
    """The subject as the articles in ``lang`` write it ("Crème contaminée" in a French digest
    when the label is English), the topic's own subject when none is in ``lang`` or a key phrase
    is set."""
    if topic.key_phrase.strip() or not lang:
        return subject_of(topic)
    mine = [a for a in topic.articles if a.title and guess_language(f"{a.title} {a.summary}") in (lang, None)]
    if len(mine) < 2 or len(mine) == len(topic.articles):
        return subject_of(topic)
    mine.sort(key=lambda a: guess_language(f"{a.title} {a.summary}") != lang)
    return subject_of(dataclasses.replace(topic, label=mine[0].title, articles=mine))


def _capital(text: str) -> str:
    """The first letter upper-cased, unless the first word is written with inner capitals."""
    first = text.split()[0] if text.split() else ""
    if any(c.isupper() for c in first[1:]):
        return text
    return text[:1].upper() + text[1:]


def _shared_title_word(titles: list[str]) -> str | None:
    """The word in most titles (at least 5 letters, not a function word), as first written."""
    if len(titles) < 2:
        return None
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for title in titles:
        seen: set[str] = set()
        for w in _TOKEN.findall(title):
            key = fold(w)
            if len(key) < 5 or key in seen or key in stop_words(None) or any(c.isdigit() for c in key):
                continue
            seen.add(key)
            counts[key] += 1
            surface.setdefault(key, w)
    if not counts:
        return None
    key, n = max(counts.items(), key=lambda kv: (kv[1], len(kv[0])))
    if n * 2 <= len(titles):
        return None
    word = surface[key]
    return word[:1].upper() + word[1:]
