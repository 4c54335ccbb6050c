"""Naming a story the way its articles do: a headline label, a key phrase, keywords and entities.

- The label is a headline of a central article, in the digest's language when the topic has
  articles in it, chosen for how many of the topic's leading terms it carries, and cut to its
  clause that names them when longer than 12 words (with the subject that clause continues, and
  its quotation marks paired).
- The key phrase is the 2–6-word run of title words most of the titles share (stop words allowed
  inside, never at an end), or the seed word itself when it is a name ("COP27"): never one
  everyday word.
- Keywords are distinct: a term sharing a word with a better one is left out; names come first.
- Entities are capitalised runs (not the first word of a headline) and words with digits.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from trendwatch.analysis.text import fold, is_clock, stop_words
from trendwatch.stopwords import DETECTION_WORDS, KEYWORD_VERBS

MAX_LABEL_WORDS = 12
KEY_PHRASE_WORDS = (2, 6)
KEY_PHRASE_SHARE = 0.25  # share of the titles a key phrase must appear in (and at least 2)
NAME_ALONE_SHARE = 0.75  # a one-word name ("COP27") is the key phrase only when this share of titles has it
ENTITIES = 8
TITLE_CASE_SHARE = 0.8  # share of capitalised words from which a headline is written in Title Case
_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_CLAUSE_CUT = re.compile(r"\s*:\s+|\s+[|–—-]\s+|\s*[?!]\s+|\.\s+|,\s+|;\s+")
_TITLE_CASE_WORDS = frozenset("the of and in on at to for with from by is are as into over".split())
_RELATIVES = frozenset("qui que qu dont that which who whom whose".split())
# what a number counts when it follows it: a phrase ending on the number is a figure cut in two
_COUNTED = re.compile(
    r"\s*(?:[%€$£°]|(?:pour cent|per ?cent|millions?|milliards?|billions?|euros?|dollars?|pounds?|"
    r"km|kg|tonnes?|hectares?)\b)",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s$")
_CLAUSE_SPLIT = re.compile(f"({_CLAUSE_CUT.pattern})")
SHORT_CLAUSE = 3  # a clause of fewer words is read on into the next (after a comma)
# words by which a clause refers back to a name given before it ("sa rémunération", "his pay")
# Short function words a cut label must not end on ("… avec le vizinho do…"); not a negation,
# which changes what the words before it say ("ne se sentent pas…")
_DANGLING = frozenset(
    fold(w) for words in DETECTION_WORDS.values() for w in words.split() if len(w) <= 4
) - {"pas", "not", "nao", "non", "no", "niet", "nie"} | {"a"}
_BACK_REFERENCES = frozenset(
    "sa son ses leur leurs il elle ils elles his her its their he she it they".split()
)
_SUBJECT_STARTS = frozenset(  # words opening a clause that has its own subject (articles, pronouns)
    "le la les un une des du au aux ce cet cette ces son sa ses leur leurs il elle ils elles on nous "
    "vous je tout tous toute toutes the a an this that these those his her its their he she it they "
    "we i you el los las lo una unos unas il lo gli i der die das den dem ein eine einen er sie es "
    "het een o os as um uma".split()
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:«\"“]\s*)$")
_ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
# prepositions opening a headline's frame ("En Afrique du Sud, …", "In Kyiv, …", "Em Lisboa, …")
_FRAME_PREPOSITIONS = frozenset(
    "en au aux a dans chez in at across inside em no na nos nas nel nella im auf".split()
)
FRAME_WORDS = 5  # a frame longer than this says more than where
_CONNECTORS = frozenset(
    {"de", "du", "des", "la", "le", "of", "the", "von", "van", "der", "di", "da", "del", "y"}
)


def lang_code(language: str | None) -> str:
    return (language or "").replace("_", "-").split("-")[0].lower()


def choose_label(
    titles: Sequence[tuple[str, str | None]], lead_words: set[str], language: str | None
) -> tuple[str, int]:
    """The label and the index of the title it comes from: of the central titles (best first,
    with their language), the one carrying most of ``lead_words`` (folded), in ``language`` when
    one is, short ones preferred; shortened to at most 12 words. ("", -1) without any title."""
    want = lang_code(language)
    pool = [(i, t) for i, (t, _) in enumerate(titles) if t.strip()]
    in_lang = [(i, t) for i, t in pool if want and lang_code(titles[i][1]) == want]
    pool = in_lang or pool
    if not pool:
        return "", -1
    best, title = max(pool, key=lambda it: (_hits(it[1], lead_words) + _short(it[1]), -it[0]))
    return shorten(title, lead_words), best


def _short(title: str) -> float:
    """1 for a title that fits a label whole, else 0 (a bonus when choosing one)."""
    return 1.0 if len(title.split()) <= MAX_LABEL_WORDS else 0.0


def _hits(text: str, lead_words: set[str]) -> int:
    words = {fold(_ELISION.sub("", w)) for w in _TOKEN.findall(text)}
    return len(words & lead_words)


def shorten(title: str, lead_words: set[str], limit: int = MAX_LABEL_WORDS) -> str:
    """``title`` when it has at most ``limit`` words; else its clause naming most lead words, cut.

    A clause that only continues the one before it after a comma (a predicate or an apposition,
    "devra démissionner du gouvernement", "secrétaire d'Etat et gynécologue") keeps the subject it
    continues, or gives way to it when both do not fit; a clause of a word or two takes the next;
    quotation marks are left balanced."""
    title = " ".join(title.split())
    if len(title.split()) <= limit:
        return title
    prefix = ""
    head, sep, rest = title.partition(" : ")
    if sep and len(head.split()) <= 4 and rest:  # a rubric ("Canicule : ...") names the story: keep it
        prefix, title, limit = f"{head} : ", rest, limit - len(head.split()) - 1
    pieces = _CLAUSE_SPLIT.split(title)  # clause, separator, clause, ...
    parts = [(pieces[k].strip(), pieces[k - 1] if k else "") for k in range(0, len(pieces), 2)]
    parts = [(text, cut) for text, cut in parts if text] or [(title, "")]
    frame = ""
    if len(parts) > 1 and _is_comma(parts[1][1]) and _is_frame(parts[0][0]):
        frame, parts = parts[0][0], parts[1:]  # "En Afrique du Sud, inondations…": where, not what
    best = max(range(len(parts)), key=lambda k: (_hits(parts[k][0], lead_words), -k))
    label = parts[best][0]
    after = best + 1
    while len(label.split()) < SHORT_CLAUSE and after < len(parts) and _is_comma(parts[after][1]):
        label, after = f"{label}, {parts[after][0]}", after + 1  # "« L'art" reads on: ", c'est..."
    if _continues(parts, best):
        first = parts[0][0]
        joined = f"{first}, {label}" if best == 1 else f"{first} {label}"  # an apposition between
        # them goes: "la secrétaire d'Etat Justine Benin[, battue en Guadeloupe,] devra démissionner"
        if len(joined.split()) <= limit:
            label, best = joined, 0
        elif any(_is_name(w) for w in first.split()[1:]):
            label, best = first, 0
    if not prefix and best > 0 and fold(label.split()[0]) in _BACK_REFERENCES:
        # "sa rémunération estimée à 66 millions d'euros choque": whose? the headline's name says
        name = parts[0][0]
        colon = " : " if " : " in title else ": "
        if any(_is_name(w) for w in name.split()) and len(f"{name}{colon}{label}".split()) <= limit:
            prefix, best = f"{name}{colon}", 0
            label = label[:1].lower() + label[1:]
    named = any(_is_name(w) for w in label.split()[1:])
    if frame and best == 0 and (len(f"{frame}, {label}".split()) <= limit or not named):
        label, frame = f"{frame}, {label}", ""  # (cut below if need be: the frame holds the name)
    words = label.split()
    if not prefix and (best > 0 or frame) and words and words[0][:2].islower():
        words[0] = words[0][:1].upper() + words[0][1:]  # a clause from mid-headline, capitalised
    keep = limit
    while True:  # a closing quotation mark added is a word too
        end = keep
        while len(words) > end > SHORT_CLAUSE and fold(words[end - 1]) in _DANGLING:
            end -= 1  # "… com vizinho do…" ends on its last word that says something
        label = _balanced(" ".join(words[:end]) + ("…" if len(words) > end else ""))
        if len(label.split()) <= limit or keep <= 1:
            return prefix + label
        keep -= 1


def _is_frame(clause: str) -> bool:
    """Is ``clause`` a short adverbial frame opening a headline before a comma ("En Afrique du
    Sud", "A Shanghaï", "In Kyiv"): where the story happens, not what it is?"""
    words = clause.split()
    return (
        2 <= len(words) <= FRAME_WORDS
        and fold(words[0]) in _FRAME_PREPOSITIONS
        and any(_is_name(w) for w in words[1:])
    )


def _is_comma(cut: str) -> bool:
    return cut.strip() == ","


def _continues(parts: list[tuple[str, str]], k: int) -> bool:
    """Does clause ``k`` only continue the first one after commas: it starts with a lower-case word
    that is no determiner or pronoun ("devra", "secrétaire", "condamnée"; not "la nécessité")?"""
    if k == 0 or not all(_is_comma(cut) for _, cut in parts[1 : k + 1]) or len(parts[0][0].split()) < 2:
        return False  # (one word before a comma opens a list: "Astronomie, physique, chimie…")
    first = parts[k][0].split()[0]
    return first[:1].islower() and fold(_ELISION.sub("", first)) not in _SUBJECT_STARTS and not (
        _ELISION.match(first)
    )


def _balanced(label: str) -> str:
    """``label`` with its quotation marks paired: a mark left open at the end goes, one opened
    (or closed) by the clause is closed (or opened)."""
    for left, right in (("«", "»"), ("“", "”")):
        label = re.sub(rf"\s*{left}\s*(…?)$", r"\1", label)
        opened, closed = label.count(left), label.count(right)
        space = "\u00a0" if f"{left}\u00a0" in label or f"\u00a0{right}" in label else " "
        space = space if left == "«" else ""
        if opened > closed:
            label = f"{label}{space}{right}"
        elif closed > opened:
            label = f"{left}{space}{label}"
    if label.count('"') % 2:
        label = label.rstrip('"').rstrip() if label.rstrip().endswith('"') else f'{label}"'
    return label


def key_phrase(
    titles: Sequence[tuple[str, str | None]], seed_words: set[str], seed_form: str, everyday: bool
) -> str:
    """The run of 2–6 title words most of these (central) titles share and that holds one of
    ``seed_words``, as written; else the seed itself unless it is one everyday word; else ""."""
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    low, high = KEY_PHRASE_WORDS
    for title, language in titles:
        stops = stop_words(language)
        seen: set[str] = set()
        for clause in _CLAUSE_CUT.split(title):  # a phrase never runs across ":" or ","
            matches = list(_TOKEN.finditer(clause))
            tokens = [_ELISION.sub("", m.group(0)) for m in matches]
            folded = [fold(t) for t in tokens]
            for n in range(1, high + 1):
                for i in range(len(tokens) - n + 1):
                    chunk = folded[i : i + n]
                    if chunk[0] in stops or chunk[-1] in stops or chunk[0].isdigit():
                        continue
                    if _RELATIVES & set(chunk):
                        continue  # "décrit ce qui oppose" is a clause, not the story's name
                    if chunk[-1].isdigit() and _COUNTED.match(clause, matches[i + n - 1].end()):
                        continue  # "réduit de 40" of "réduit de 40 % ses livraisons"
                    if not seed_words & set(chunk) or (n < low and not _is_name(tokens[i])):
                        continue
                    key = " ".join(chunk)
                    if key not in seen:
                        seen.add(key)
                        counts[key] += 1
                        start = matches[i].end() - len(tokens[i])  # after an elision ("l'")
                        written = _as_written(clause[start : matches[i + n - 1].end()])
                        forms.setdefault(key, Counter())[written] += 1
    need = max(2.0, KEY_PHRASE_SHARE * len(titles))
    good = [
        (k, c) for k, c in counts.items()
        if c >= need and (" " in k or c >= NAME_ALONE_SHARE * len(titles))
    ]
    if good:
        key = max(good, key=lambda kc: (kc[1] * _length_weight(len(kc[0].split())), kc[0]))[0]
        return _best_form(forms[key])
    seed = {fold(_ELISION.sub("", w)) for w in _TOKEN.findall(seed_form)}
    in_title = any(seed <= {fold(_ELISION.sub("", w)) for w in _TOKEN.findall(t)} for t, _ in titles)
    if not seed_form or not in_title or _RELATIVES & seed:
        return ""  # a seed only summaries use is no name the articles give the story
    if " " in seed_form and not _is_name(seed_form):
        return _with_its_name(titles, seed_form) or seed_form
    if " " in seed_form or not everyday or _is_name(seed_form):
        return seed_form
    return ""


def _with_its_name(titles: Sequence[tuple[str, str | None]], phrase: str) -> str:
    """``phrase`` (a run of lower-case words) with the names written just before it in the first
    title that has it in one clause, as written: "visite les Etats-Unis" is what "Emmanuel Macron"
    does in "Emmanuel Macron visite les Etats-Unis en allié non aligné", no name alone. "" when no
    title writes names there or the whole would be longer than a key phrase."""
    want = [fold(_ELISION.sub("", w)) for w in _TOKEN.findall(phrase)]
    for title, _ in titles:
        for clause in _CLAUSE_CUT.split(title):
            matches = list(_TOKEN.finditer(clause))
            folded = [fold(_ELISION.sub("", m.group(0))) for m in matches]
            for i in range(1, len(folded) - len(want) + 1):
                if folded[i : i + len(want)] != want:
                    continue
                start = i
                while start > 0 and _is_name(matches[start - 1].group(0)):
                    start -= 1
                if start == i or i + len(want) - start > KEY_PHRASE_WORDS[1]:
                    continue
                return _as_written(clause[matches[start].start() : matches[i + len(want) - 1].end()])
    return ""


def _as_written(span: str) -> str:
    """A run of title words as the title writes it ("Salon de l’agriculture", not "Salon de
    agriculture"), without the quotes or a bracket left open by the cut."""
    span = " ".join(span.replace("«", " ").replace("»", " ").replace("“", " ").replace("”", " ").split())
    if span.count("(") != span.count(")"):
        span = span.replace("(", "").replace(")", "")
    return span


def _length_weight(n: int) -> float:
    """The titles sharing a run decide; a longer run wins near-ties (+10 % a word)."""
    return 1 + 0.1 * (n - 1)


def _best_form(forms: Counter[str]) -> str:
    return max(forms.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _is_name(word: str) -> bool:
    return any(ch.isdigit() for ch in word) or word[:1].isupper()


def entities(texts: Sequence[tuple[str, str | None]], limit: int = ENTITIES) -> list[str]:
    """Proper names in ``texts`` (title or summary, language), most frequent first (ties by name):
    runs of capitalised words not opening a sentence, and words mixing letters and digits."""
    docs: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for text, language in texts:
        stops = stop_words(language)
        found: set[str] = set()
        run: list[str] = []
        for m in _TOKEN.finditer(text):
            word = _ELISION.sub("", m.group(0))
            opening = bool(_SENTENCE_START.search(text[: m.start()])) and m.group(0) == word
            has_digit = any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word)
            has_digit = has_digit and not is_clock(word)  # "G7", "COP27"; not "12pm"
            capital = word[:1].isupper() and fold(word) not in stops and not opening
            if capital or has_digit:
                run.append(word)
                continue
            if run and fold(word) in _CONNECTORS and m.group(0).islower():
                run.append(word)
                continue
            _close(run, found)
            run = []
        _close(run, found)
        for name in found:
            key = fold(name)
            docs[key] += 1
            forms.setdefault(key, Counter())[name] += 1
    ranked = sorted(docs.items(), key=lambda kv: (-kv[1], kv[0]))
    need = 2 if len(texts) > 2 else 1
    out: list[str] = []
    for key, n in ranked:
        if n < need:
            break
        if any(key in fold(o).split() or key == fold(o) for o in out):
            continue
        out.append(_best_form(forms[key]))
        if len(out) >= limit:
            break
    return out


def _close(run: list[str], found: set[str]) -> None:
    while run and fold(run[-1]) in _CONNECTORS:
        run.pop()
    if run and _POSSESSIVE.search(run[-1]):  # "Donald Trump’s" is Donald Trump
        run[-1] = _POSSESSIVE.sub("", run[-1])
    if run and len(run) <= 5:
        found.add(" ".join(run))


def distinct_keywords(
    terms_ranked: Sequence[str], forms: dict[str, str], names: Sequence[str], n: int,
    taken: frozenset[str] = frozenset(),
) -> list[str]:
    """Up to ``n`` keywords, none sharing a word with a better one nor among ``taken`` (the
    leading terms of better-ranked topics), names first, as written. A phrase whose words were all
    picked alone takes their place when written side by side ("social media", "Yvan Colonna"; not
    "Macron et Marine")."""
    picked: list[str] = []
    used: set[str] = set()
    for term in terms_ranked:
        words = set(term.split())
        adjacent = len(forms.get(term, term).split()) == len(words)  # not "Macron et Marine"
        if " " in term and adjacent and term not in taken and all(w in picked for w in words):
            at = min(picked.index(w) for w in words)
            picked = [t for t in picked if t not in words]
            picked.insert(at, term)
            continue
        if words & used or term in taken or all(w.isdigit() for w in words) or term in KEYWORD_VERBS:
            continue
        picked.append(term)
        used |= words
        if len(picked) >= n:
            break
    name_keys = {fold(x) for x in names}
    shown = [forms.get(t, t) for t in picked]
    first = [s for s, t in zip(shown, picked, strict=True) if t in name_keys or s[:1].isupper()]
    return first + [s for s in shown if s not in first]


def title_case(title: str) -> bool:
    """A headline with every word capitalised (a function word after the first capitalised too:
    "How The Eagles Became The League's Team", or nearly all of four words or more: "Pundits Say
    Tariffs Will Stay"), as some English feeds write them."""
    tokens = [t for t in _TOKEN.findall(title) if not t.isdigit()]
    if any(t[:1].isupper() and t.lower() in _TITLE_CASE_WORDS for t in tokens[1:]):
        return True
    return len(tokens) >= 4 and sum(t[:1].isupper() for t in tokens) >= TITLE_CASE_SHARE * len(tokens)


def name_words(titles: Sequence[str]) -> set[str]:
    """Folded words written as names in ``titles``: capitalised, not opening a sentence, in most of
    the places they appear there ("Raríssimas", "Amini"; not "continue" or "quarta-feira")."""
    capital: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text in titles:
        if title_case(text):
            continue  # "How The Eagles Became The League's Team": its capitals name nothing
        for m in _TOKEN.finditer(text):
            word = _ELISION.sub("", m.group(0))
            parts = word.split("-")
            compound = len(parts) > 1 and all(p[:1].isupper() for p in parts)  # "Arménie-Azerbaïdjan"
            if _SENTENCE_START.search(text[: m.start()]) and m.group(0) == word and not compound:
                continue  # a sentence's first word is capitalised whatever it is
            key = fold(word)
            seen[key] += 1
            if word[:1].isupper():
                capital[key] += 1
    return {w for w, n in seen.items() if capital[w] * 2 > n}

