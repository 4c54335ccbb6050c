"""What a topic's articles say that an idea can rest on: questions, figures, how-tos, two sides of
a debate, an event and its date, the latest turn (the subject is in :mod:`.subject`).

Everything here is read from the article titles and summaries by fixed rules (no model, no
network): the same topic always gives the same angles. Each :class:`Angle` keeps the article it
comes from, so an idea can show its evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from trendwatch.analysis.model import Article, Topic
from trendwatch.analysis.text import stop_words
from trendwatch.digest.caution import find_terms, fold
from trendwatch.sources.dates_i18n import MONTHS

MAX_CLAUSE_WORDS = 14  # a longer phrase reads as a paragraph, not a hook
_PREPOSITIONS = frozenset(
    "en a au aux dans sur pour par avec sans de du des in on at for to with by of".split()
)
SIDE_WORDS = 3  # words of each option of a poll ("Bakuchiol ou rétinol ?")
SIDES_LEAD = 2  # words a clause may open with before its options ("Faut-il choisir …")
BEFORE_FIGURE = 8  # words kept before a figure when its sentence is too long to quote whole

# Single words that name no story on their own: a title sharing them is a coincidence.
GENERIC_WORDS = frozenset(
    """
    person people man men woman women child children family life world state states nation country
    city town home house day week month year time times end start new news report update story
    pro security used use way part thing things moon sun water government police court law power
    money market business company group team game games show film music science health work school
    live video photo photos watch review best top first last big small good bad high low free
    america europe france uk us eu britain london paris tv gmt bbc ceo faq pm am ok
    death deaths dead killed mort morts deces greve greves strike strikes protest protests
    manifestation manifestations fire fires incendie incendies war guerre attack attaque attentat
    election elections vote crisis crise accident storm tempete flood inondation inondations
    personne gens homme femme enfant famille vie monde etat pays ville maison jour semaine mois
    annee temps fin debut nouveau nouvelle info infos actu actualite point question sujet histoire
    police justice loi marche entreprise equipe jeu jeux film musique sante travail ecole video
    direct photo meilleur premier dernier grand petit bon mauvais haut bas gratuit
    """.split()
)

_FR_HINTS = frozenset(
    "le la les des du une est et pour dans sur avec qui que au aux ce cette pas plus son ses sont "
    "après face chez entre sans selon contre".split()
)
_EN_HINTS = frozenset(
    "the and for with from that this are was were has have will its into over after about says "
    "their why how what who is on at of".split()
)

_SPLIT = re.compile(r"\s+[:|–—]\s+|\s*:\s+|\s+-\s+")
_TOKEN = re.compile(r"[^\W_][\w'’.-]*[^\W_]|[^\W_]")
_QUESTION = re.compile(r"([^.!?:|–—]*\?)")
_LEAD = re.compile(r"^(?:so|and|but|well|alors|et|mais|bref)\b[,\s]+", re.IGNORECASE)
_SIDES = re.compile(
    r"(?P<a>[^\s,;:?!][^,;:?!]{0,40}?)\s+(?:ou|or|vs\.?|versus|contre|face à)\s+"
    r"(?P<b>[^,;:?!]{2,40}?)\s*(?:\?|$)",
    re.IGNORECASE,
)
_MONTHS = (
    r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
    r"décembre|decembre|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# Weekday names, Monday first, in French and English: matched in titles, and dated (Monday = 0)
_WEEKDAY_NUMBER = {
    d: n
    for names in (("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
                  ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
    for n, d in enumerate(names)
}  # fmt: skip
_WEEKDAYS = "|".join(_WEEKDAY_NUMBER)
_DATE = re.compile(
    rf"\b(?:(?:{_WEEKDAYS})\s+)?(?:\d{{1,2}}(?:er)?\s+(?:{_MONTHS})\b|(?:{_MONTHS})\.?\s+\d{{1,2}}\b)"
    rf"|\b(?:{_WEEKDAYS})\b|\b(?:ce week-end|this weekend|tomorrow|demain|tonight|ce soir)\b",
    re.IGNORECASE,
)
# A figure: an amount, a percentage, a count with what it counts ("40 morts", "12 % des sérums").
_NUMBER = r"\d{1,3}(?:[ \u202f\u00a0,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_UNIT = (
    r"\s?(?:%|pour cent|per ?cent|€|\$|£|euros?|dollars?|pounds?|"
    r"(?:millions?|milliards?|billions?|bn|m|md|mds|k)\b"
    r"(?:\s(?:d['’]euros|de dollars|euros|dollars|pounds))?)"
)
_FIGURE = re.compile(
    rf"(?<![\w.,/-])(?P<cur>[$€£]\s?)?(?P<num>{_NUMBER})(?P<unit>{_UNIT})?"
    r"(?P<what>(?:\s+(?:de\s+|d['’]|of\s+)?[^\W\d_][\w'’-]*){0,2})",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(19|20)\d\d$")
# "Despertar em 60 segundos: …", "Le brief en 5 minutes : …": a title's kicker timing its format
_FORMAT_TIME = re.compile(
    r"^(?:secs?|seconds?|secondes?|segundos?|secondi|sekunden|mins?|minutes?|minutos?|minuti|minuten)$"
)

HOWTO_TERMS = (
    "comment", "guide", "astuce", "astuces", "conseil", "conseils", "tuto", "tutoriel", "etapes",
    "mode d emploi", "how to", "tips", "tutorial", "steps", "checklist", "explained",
    "explique", "recette", "recipe", "what to know", "ce qu il faut savoir", "mistakes", "erreurs",
)
# A title that weighs two sides, or says its subject divides (a strike or a reform alone does
# not). One that only reports a debate or a split asks nothing a reader could answer for or
# against: "le recul du PIB provoque un débat sur la récession", "une campagne sans débat", "une
# majorité de plus en plus divisée".
DEBATE_TERMS = (
    "pour ou contre", "faut il", "divise", "versus", "vs", "for or against", "should", "divides",
    "divisive",
)
EVENT_TERMS = (
    "live", "direct", "conference", "salon", "lancement", "keynote", "match", "finale", "sommet",
    "webinaire", "launch", "summit", "webinar", "premiere", "ceremonie", "ceremony", "festival",
    "election", "elections", "vote", "debat televise", "address", "speech", "discours", "final",
)
FESTIVE_TERMS = (
    "fete", "noel", "festival", "anniversaire", "soldes", "black friday", "halloween",
    "saint valentin", "vacances", "christmas", "holiday", "anniversary", "giveaway", "celebration",
)


@dataclass(frozen=True, slots=True)
class Angle:
    """One thing the articles say, with the article it rests on."""

    kind: str  # question | sides | figure | howto | event | latest | central | festive
    text: str  # the phrase as the article writes it
    article: Article
    extra: str = ""  # the second side of a debate, the date of an event, the figure itself
    partial: bool = False  # ``text`` starts mid-phrase ("Russie de l'ordre de 87 %"): not quotable

    @property
    def evidence(self) -> str:
        return clean_title(self.article.title)


def guess_language(text: str) -> str | None:
    """``"fr"`` or ``"en"`` from function words, None when it can't tell."""
    toks = re.findall(r"[a-z]+", fold(text))
    fr, en = sum(t in _FR_HINTS for t in toks), sum(t in _EN_HINTS for t in toks)
    if fr == en:
        return None
    return "fr" if fr > en else "en"


def clean_title(title: str) -> str:
    """A title on one line, without a trailing "| Site" or " - Site" credit."""
    text = " ".join(title.split())
    parts = re.split(r"\s+[|]\s+", text)
    if len(parts) > 1 and len(parts[-1].split()) <= 4:
        text = " | ".join(parts[:-1])
    m = re.match(r"^(.*\S)\s+[-–—]\s+([^-–—]{2,40})$", text)
    if m and len(m.group(2).split()) <= 3 and m.group(2)[:1].isupper() and len(m.group(1).split()) >= 4:
        text = m.group(1)
    return text


def clauses(title: str) -> list[str]:
    """A title cut at its colons and dashes: "Séisme : 40 morts" → ["Séisme", "40 morts"]."""
    return [c.strip(" .,;") for c in _SPLIT.split(clean_title(title)) if c.strip(" .,;")]


def short(text: str, max_words: int = MAX_CLAUSE_WORDS) -> str:
    """``text`` cut to ``max_words`` words (with an ellipsis when cut)."""
    words = text.split()
    return text if len(words) <= max_words else " ".join(words[:max_words]).rstrip(",;:") + "…"


def content_words(text: str) -> list[str]:
    """Folded words of ``text`` that are not stop words (both languages), a compound's parts apart
    and an elided article dropped: "l'Azerbaïdjan" and "Arménie-Azerbaïdjan" both hold
    "azerbaidjan"."""
    stops = stop_words(None)
    parts = (p for t in _TOKEN.findall(text) for p in fold(t).split())  # fold: "l'a-b" → "l a b"
    return [w for w in parts if w not in stops and len(w) > 1]


_ROMAN = re.compile(r"(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def is_generic(phrase: str) -> bool:
    """One word that names nothing on its own ("Person", "State", "Moon", "end"), or an empty phrase.
    A single token with a digit or an inner capital ("COP27", "iPhone", "G7") is a name."""
    words = phrase.split()
    if not words:
        return True
    if len(words) > 1:
        return all(fold(w).strip(".,;:!?'’\"") in stop_words(None) for w in words)
    word = words[0].strip(".,;:!?'’\"«»“”")
    key = fold(word)
    if key in GENERIC_WORDS or _ROMAN.fullmatch(word):
        return True  # ... a roman numeral alone too ("II" of "saison II")
    if any(c.isdigit() for c in word) or any(c.isupper() for c in word[1:]):
        return False
    return len(key) < 4 or key in stop_words(None)


# a round-up of the day's or week's news ("Guerre en Ukraine, chassé-croisé, variole du singe… Les
# cinq infos à retenir du week-end"): it lists the story among others, it is no angle on it
_ROUNDUP = re.compile(
    r"\b(?:infos?|informations|actus?)\b(?:\s+\w+)?\s+(?:à|a)\s+retenir\b"
    r"|\b(?:morning|evening|daily|weekly)\s+(?:mail|briefing|digest)\b|\bthe week in\b",
    re.IGNORECASE,
)


def is_roundup(title: str) -> bool:
    return bool(_ROUNDUP.search(title))


def _by_language(articles: Iterable[Article], lang: str | None) -> list[Article]:
    """Articles in ``lang`` first (stable otherwise): an idea quotes the reader's language. A
    round-up of the news is left out."""
    arts = [a for a in articles if not is_roundup(a.title)]
    if not lang:
        return arts
    return sorted(arts, key=lambda a: guess_language(f"{a.title} {a.summary}") not in (lang, None))


def questions(topic: Topic, lang: str | None = None) -> list[Angle]:
    """The questions the titles ask ("Is bakuchiol safe in pregnancy?")."""
    out: list[Angle] = []
    for a in _by_language(topic.articles, lang):
        for m in _QUESTION.finditer(clean_title(a.title)):
            q = " ".join(m.group(1).split()).lstrip(" ,;…-")  # "!, Nupes-RN… A quoi" starts at "Nupes"
            if q.startswith(("«", "“")) and not any(c in q for c in "»”"):
                q = q[1:].lstrip()  # a quote opened before the question and closed after it
            q = _LEAD.sub("", q)
            if 2 <= len(q.split()) <= MAX_CLAUSE_WORDS:  # a question cut short asks nothing
                whole = clean_title(a.title)
                full = whole if whole.endswith("?") and len(whole.split()) <= MAX_CLAUSE_WORDS else ""
                out.append(Angle("question", short(q[:1].upper() + q[1:]), a, extra=full))
                break
    return out


def sides(topic: Topic, lang: str | None = None) -> list[Angle]:
    """Two options a title weighs ("Bakuchiol ou rétinol ?", "Mineral vs chemical filters")."""
    out: list[Angle] = []
    for a in _by_language(topic.articles, lang):
        for clause in clauses(a.title):
            m = _SIDES.search(clause)
            if not m:
                continue
            left, right = m.group("a").split(), m.group("b").split()
            lead = len(clause[: m.start()].split())
            if lead > SIDES_LEAD or len(left) > SIDE_WORDS or len(right) > SIDE_WORDS:
                continue  # two short options the clause is about, not "…l'arrêt Roe vs Wade aux Etats-Unis ?"
            if left and fold(left[0]) in _PREPOSITIONS:
                continue  # "en croisade contre la corrida" is no choice
            opposed = not re.search(r"\s(?:ou|or)\s", m.group(0), re.IGNORECASE)
            if opposed and not all(w[:1].isupper() for w in left + right):
                continue  # "contre", "face à", "vs" oppose two names ("France contre Argentine";
                # not "en croisade contre la corrida", nor "Roe vs Wade annulé")
            if not left or not right:
                continue
            one, two = " ".join(left), " ".join(right).rstrip(" ?")
            if is_generic(one) and is_generic(two):
                continue
            out.append(Angle("sides", one[:1].upper() + one[1:], a, extra=two))
            break
    return out


def _figure_phrase(m: re.Match[str], language: str | None = None) -> str | None:
    """The figure ``m`` found with what it counts ("90 anos", "12 % des ventes"), or None when it
    is a year, a date or a bare number. Stop words of the text's ``language`` never end it."""
    stops = stop_words(None) | stop_words(language)
    num, unit, what = m.group("num"), (m.group("unit") or "").strip(), m.group("what") or ""
    cur = (m.group("cur") or "").strip()
    if _YEAR.match(num) and not unit and not cur:
        return None
    words = what.split()
    if (unit or cur) and words and not re.match(r"(?:de|des|du|d['’]|of)\b", words[0], re.IGNORECASE):
        # an amount says what it is of with "de"/"of"; a word after it is the sentence going on
        # ("66 millions d'euros choque", "réduire de 15 % la consommation"), except an English
        # amount's noun ("£95m price tag", "$5bn deal")
        if (language and not language.startswith("en")) or "%" in unit or "cent" in unit:
            words = []
    # "20 800 hectares depuis" → "… hectares", "300 kilomètres jusqu'à" → "… kilomètres"
    while words and (fold(words[-1]) in stops or fold(re.split(r"['’]", words[-1])[0]) in stops):
        words.pop()
    if words and re.match(rf"^(?:{_MONTHS})$", fold(words[0]).strip(".")):
        return None  # a date, not a figure
    if not unit and not cur:
        if not words or fold(words[0]) in stops or fold(words[0]).startswith(("h", "min")) and len(
            fold(words[0])
        ) <= 3:
            return None
    written = m.group("unit") or ""  # as the text spaces it: "£95m", "12%", "40 %"
    return " ".join(f"{cur}{num}{written} {' '.join(words)}".split())


def figures(topic: Topic, lang: str | None = None) -> list[Angle]:
    """Figures the articles report, with the clause around them ("Prices up 12%")."""
    out: list[Angle] = []
    seen: set[str] = set()
    for a in _by_language(topic.articles, lang):
        parts = clauses(a.title)
        kicker = parts[0] if len(parts) > 1 else None
        texts = parts + [s for s in re.split(r"(?<=[.!?])\s+", a.summary or "")[:2] if s]
        for text in texts:
            for m in _FIGURE.finditer(text):
                what = (m.group("what") or "").split()
                if text is kicker and what and _FORMAT_TIME.match(fold(what[0])):
                    continue  # the rubric's length, not a figure of the story
                before = text[: m.start()].split()
                named = bool(before) and any(c.isupper() for c in before[-1])
                if named and not (m.group("unit") or m.group("cur")):
                    continue  # "iPhone 16", "Windows 11": a name, not a figure
                phrase = _figure_phrase(m, topic.language)
                if not phrase or fold(phrase) in seen:
                    continue
                seen.add(fold(phrase))
                whole = clean_title(a.title)
                in_title = fold(m.group(0)) in fold(whole)
                clause = whole if in_title and len(whole.split()) <= MAX_CLAUSE_WORDS else _around(text, m)
                # "Russie de l'ordre de 87 %" of "… au rattachement à la Russie de…" is no quote
                partial = clause is not whole and _mid_phrase(text, clause)
                out.append(Angle("figure", short(clause), a, extra=phrase, partial=partial))
                break
            if out and out[-1].article is a:
                break
    # amounts and percentages before bare counts
    return sorted(out, key=lambda g: not re.search(r"[%€$£]|million|milliard|billion|bn|cent", g.extra, re.I))


def _mid_phrase(text: str, clause: str) -> bool:
    """Does ``clause`` start in the middle of a phrase of ``text``, right after a lower-case word
    ("la Russie de l'ordre de 87 %", "le plafonnement du prix de baril…"), or on a lower-case
    word after a dash (an aside: "– cette fois de 0,9 % au deuxième trimestre –")? Quoted alone,
    such a piece says nothing."""
    text, clause = " ".join(text.split()), " ".join(clause.split())  # "87\u00a0%" is "87 %" there
    at = text.find(clause)
    before = text[:at].rstrip() if at > 0 else ""
    last = before.split()[-1] if before.split() else ""
    if last in ("–", "—") and clause[:1].islower():
        return True
    return bool(last) and last[-1:].isalpha() and last[:1].islower()


def _around(text: str, m: re.Match[str]) -> str:
    """The part of ``text`` that holds the figure ``m``: its comma- or semicolon-clause, and when
    that is still long, a few words before the figure (from a capital when one is there) and
    what it counts ("Manchester City end interest in Mahrez over £95m price tag", not a live
    blog's run of link texts cut short)."""
    seps = (", ", "; ", " – ")
    start = max((text.rfind(p, 0, m.start()) for p in seps), default=-1)
    begin = start + 2 if start >= 0 else 0
    ends = [i for i in (text.find(p, m.end()) for p in seps) if i >= 0]
    stop = min(ends) if ends else len(text)
    if text[begin : begin + 1].islower():  # "a annoncé la mobilisation partielle de…": the whole
        sentence = max((text.rfind(p, 0, m.start()) for p in (". ", "! ", "? ")), default=-1)
        sentence = sentence + 2 if sentence >= 0 else 0  # sentence when it fits, its subject first
        if len(text[sentence:stop].split()) <= MAX_CLAUSE_WORDS:
            begin = sentence
    part = text[begin:stop].strip(" .")
    words = part.split()
    if len(words) <= MAX_CLAUSE_WORDS:
        return part
    before = len(text[begin : m.start()].split())
    end = before + len(m.group(0).split())
    while 0 < end < len(words) and words[end - 1][:1].isupper() and words[end][:1].isupper():
        end += 1  # a name runs on ("… chez Credit Suisse", not "… chez Credit")
    stops = stop_words(None)
    while end - 1 > before and fold(words[end - 1]).strip(".,;:'’") in stops:
        end -= 1  # "… 2 000 euros d'amende pour" ends on what the figure counts
    first = max(0, before - BEFORE_FIGURE)
    # from a capital when one is there: a few words before the figure, else the sentence's subject
    # a little further back while the whole still fits ("Zelensky annonce que l'armée…", not
    # "Annonce que l'armée…")
    reach = range(first, before) if before > first else range(0)
    further = range(first - 1, max(-1, end - MAX_CLAUSE_WORDS - 1), -1)
    capital = next((i for i in [*reach, *further] if words[i][:1].isupper()), first)
    return " ".join(words[capital:end])


def _with_terms(
    topic: Topic, terms: tuple[str, ...], kind: str, lang: str | None, *, kicker_alone: bool = True
) -> list[Angle]:
    """Titles holding one of ``terms``: the clause holding it, or the whole title when short.
    Without ``kicker_alone``, a term in the kicker gives the title cut short ("Election
    présidentielle 2022" alone says nothing of "… : peu de réactions au salaire de Carlos Tavares")."""
    out: list[Angle] = []
    for a in _by_language(topic.articles, lang):
        parts = clauses(a.title)
        for k, clause in enumerate(parts):
            if find_terms(clause, terms):
                whole = clean_title(a.title)
                kicker = k == 0 and len(parts) > 1 and not kicker_alone
                text = whole if kicker or len(whole.split()) <= MAX_CLAUSE_WORDS else clause
                out.append(Angle(kind, short(text), a))
                break
    return out


def howtos(topic: Topic, lang: str | None = None) -> list[Angle]:
    """How-to titles ("Comment lire un label bio", "How to use a shampoo bar")."""
    return _with_terms(topic, HOWTO_TERMS, "howto", lang)


def debates(topic: Topic, lang: str | None = None) -> list[Angle]:
    """Titles that weigh two sides ("Roe vs Wade annulé", "La corrida divise les députés")."""
    return _with_terms(topic, DEBATE_TERMS, "debate", lang)


def festive(topic: Topic, lang: str | None = None) -> list[Angle]:
    """Titles about a festive occasion (a contest can ride on it)."""
    return _with_terms(topic, FESTIVE_TERMS, "festive", lang)


def events(topic: Topic, lang: str | None = None) -> list[Angle]:
    """An event the titles name, with its date when a title or summary gives one that is not
    already past when the article was published ("le 10 avril" in a piece of 12 April recalls
    the first round, it announces nothing)."""
    out: list[Angle] = []
    for angle in _with_terms(topic, EVENT_TERMS, "event", lang, kicker_alone=False):
        a = angle.article
        published = a.published.date()
        day = _coming_day(a.title, published) or _coming_day(a.summary or "", published)
        when = _day_of(day, published) if day else None
        if when is not None and when <= published + dt.timedelta(days=6 - published.weekday()):
            day = ""  # over by the week the ideas are for ("Japon-Espagne : suivez le match" on 1
            # December is no live the week after): a recap, not a live
        out.append(Angle("event", angle.text, a, extra=day))
    return sorted(out, key=lambda e: not e.extra)


def event_day(angle: Angle) -> dt.date | None:
    """The date of an event angle of :func:`events` (None when it gives none)."""
    return _day_of(angle.extra, angle.article.published.date()) if angle.extra else None


_SAME_DAY = {"tonight": 0, "ce soir": 0, "tomorrow": 1, "demain": 1}


def _day_of(text: str, published: dt.date) -> dt.date | None:
    """The date a day ``text`` of :func:`_coming_day` means for a piece of ``published``: "tonight"
    that day, "tomorrow" the next, a weekend its Saturday, a bare weekday the one of the piece's
    own week (news says "mercredi" of the Wednesday just gone as often as of the next: the
    Thursday piece on Draghi's resignation did), a day and month in the year of publication (or
    the next when it lies far before); None when it cannot tell."""
    key = " ".join(fold(text).replace(".", " ").split())
    if key in _SAME_DAY:
        return published + dt.timedelta(days=_SAME_DAY[key])
    if key in ("this weekend", "ce week end"):
        return published + dt.timedelta(days=(5 - published.weekday()) % 7)
    words = key.split()
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    number = next((int(w.rstrip("er")) for w in words if w.rstrip("er").isdigit()), None)
    if month is not None and number is not None:
        try:
            day = dt.date(published.year, month, number)
        except ValueError:
            return None
        return day.replace(year=day.year + 1) if (published - day).days > 300 else day
    weekday = next((_WEEKDAY_NUMBER[w] for w in words if w in _WEEKDAY_NUMBER), None)
    if weekday is not None:
        return published + dt.timedelta(days=weekday - published.weekday())
    return None


def _coming_day(text: str, published: dt.date) -> str:
    """The first day ``text`` gives that is not before ``published`` ("" when none), dated as
    :func:`_day_of` dates it."""
    for m in _DATE.finditer(text):
        when = _day_of(m.group(0), published)
        if when is not None and when >= published:
            return m.group(0)
    return ""


def latest(topic: Topic, lang: str | None = None, skip: Iterable[str] = ()) -> Angle | None:
    """The newest article's main clause (an article not in ``skip``): the story's latest turn."""
    used = set(skip)
    arts = [a for a in topic.articles if a.title and a.entry_id not in used and not is_roundup(a.title)]
    if not arts:
        return None
    pool = [a for a in arts if guess_language(f"{a.title} {a.summary}") in (lang, None)] or arts
    newest = max(pool, key=lambda a: a.published)
    return Angle("latest", _headline(newest.title), newest)


def central(topic: Topic, lang: str | None = None, skip: Iterable[str] = ()) -> Angle | None:
    """The most representative article not in ``skip`` (in the reader's language when there is
    one)."""
    used = set(skip)
    arts = _by_language([a for a in topic.articles if a.title and a.entry_id not in used], lang)
    if not arts:
        return None
    return Angle("central", _headline(arts[0].title), arts[0])


def _headline(title: str) -> str:
    """A title as an idea quotes it: whole when short, else its longest clause; never under the
    kicker of a timed format ("Primeira página em 60 segundos: Erros levam EDP a cobrar a mais"
    quotes the news, not the briefing's name)."""
    whole = clean_title(title)
    kicker, sep, rest = whole.partition(": ")
    if sep and rest and _timed_format(kicker):
        whole = rest
    return whole if len(whole.split()) <= MAX_CLAUSE_WORDS else short(_main_clause(title))


def _timed_format(kicker: str) -> bool:
    """Does a kicker name a format by its length ("Despertar em 60 segundos", "Le brief en 5
    minutes")?"""
    words = [fold(w) for w in kicker.split()]
    return len(words) <= 6 and any(
        a.isdigit() and _FORMAT_TIME.match(b) for a, b in zip(words, words[1:], strict=False)
    )


def _main_clause(title: str) -> str:
    """The longest clause of a title (a headline's news, not its kicker)."""
    parts = clauses(title)
    return max(parts, key=lambda p: len(p.split())) if parts else clean_title(title)
