"""Caution flags: sensitive topics (inform, don't promote), guideline terms, confidential names.

Matching is accent- and case-insensitive on whole words (a plural ``s``/``x`` is allowed), so
"séisme" matches "SEISMES" but "war" does not match "warning".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from trendwatch.analysis.model import Topic
from trendwatch.config import Settings
from trendwatch.digest.i18n import t

# Deaths, disasters, war, attacks, health crises, in French and English. Written without accents:
# terms are folded the same way as the text.
SENSITIVE_LEXICON: tuple[str, ...] = (
    # French
    "mort", "morte", "deces", "decede", "decedee", "victime", "deuil", "drame",
    "tragedie", "tragique", "catastrophe", "seisme", "tremblement de terre", "inondation", "crue",
    "ouragan", "tempete", "cyclone", "incendie", "feu de foret", "tsunami", "eruption", "guerre",
    "attentat", "attaque", "terroriste", "terrorisme", "fusillade", "bombardement", "otage",
    "explosion", "epidemie", "pandemie", "crise sanitaire", "covid", "accident", "naufrage",
    "suicide", "meurtre", "assassinat", "viol", "famine", "massacre", "genocide", "tue", "tuee", "blesse",
    "blessee", "refugie", "invasion", "missile", "contamination", "contamine", "contaminee",
    "intoxication", "empoisonnement", "reaction allergique", "scandale sanitaire", "rappel sanitaire",
    "mobilisation militaire", "soldats", "menace nucleaire", "annexion", "repression",
    # English
    "death", "dead", "died", "dies", "killed", "killing", "victim", "fatal", "fatalities",
    "mourning", "tragedy", "disaster", "earthquake", "flood", "flooding", "hurricane", "wildfire",
    "tornado", "war", "attack", "terror", "terrorist", "terrorism", "shooting", "bombing",
    "hostage", "epidemic", "pandemic", "outbreak", "health crisis", "crash", "shipwreck",
    "murder", "assassination", "rape", "genocide", "injured", "wounded", "refugee", "airstrike",
    "contaminated", "poisoning", "allergic reaction", "product recall", "troops", "soldiers",
    "nuclear threat", "annexation", "crackdown",
)


# What a toll counts besides the sensitive lexicon's words: "443 tombes" at Izioum, "447 corps".
TOLL_TERMS = ("tombe", "corps", "disparu", "disparue", "grave", "body", "bodies", "missing")
_COUNT_WORDS = frozenset(
    "deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt "
    "trente quarante cinquante soixante cent cents mille dizaine dizaines centaine centaines "
    "milliers two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "sixty hundred hundreds thousand thousands dozen dozens scores".split()
)


def counts_victims(phrase: str) -> bool:
    """A count of victims ("40 morts", "cinquante blessés", "443 tombes", "dozens killed"): a number
    (not a name holding one: "Covid-19", "G7") beside a word of a toll."""
    words = [w.strip(".,;:!?«»\"'’()") for w in phrase.split()]
    counted = any(w[:1].isdigit() or fold(w).strip() in _COUNT_WORDS for w in words)
    return counted and bool(find_terms(phrase, (*SENSITIVE_LEXICON, *TOLL_TERMS)))


def fold(text: str) -> str:
    """Lower-case, accents removed, apostrophes and dashes as spaces: the form terms are matched in."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\s'’\-_]+", " ", plain)


@lru_cache(maxsize=256)
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    alternatives = sorted({fold(term).strip() for term in terms if term.strip()}, key=len, reverse=True)
    if not alternatives:
        return None
    body = "|".join(re.escape(a) for a in alternatives)
    return re.compile(rf"(?<!\w)({body})(s|x|es)?(?!\w)")


def find_terms(text: str, terms: Iterable[str]) -> list[str]:
    """The terms (as given) found in ``text`` as whole words, accent-insensitively, in term order."""
    terms = tuple(terms)
    pattern = _pattern(terms)
    if pattern is None:
        return []
    found = {  # a plural ending, but not on a word that already ends like one ("dies" in "Diess")
        m.group(1)
        for m in pattern.finditer(fold(text))
        if not (m.group(2) and m.group(1).endswith(("s", "x")))
    }
    return [term for term in terms if fold(term).strip() in found]


def topic_text(topic: Topic) -> str:
    """What a topic says in words: label, keywords and the titles of its articles."""
    parts = [topic.label, " ".join(topic.keywords)]
    parts.extend(a.title for a in topic.articles)
    return "\n".join(parts)


def written_as(term: str, text: str) -> str:
    """``term`` (a lexicon term, written without accents) as ``text`` writes it, lower-cased unless
    an acronym: "tempete" → "tempête", "mort" → "morts"; ``term`` itself when ``text`` lacks it."""
    key = fold(term).split()
    tokens = _WORD.findall(text)
    folded = [fold(tok).strip() for tok in tokens]
    n = len(key)
    for i in range(len(tokens) - n + 1):
        window = folded[i : i + n]
        if n and window[:-1] == key[:-1] and window[-1] in {key[-1] + end for end in ("", "s", "x", "es")}:
            surface = " ".join(tokens[i : i + n])
            return surface if surface.isupper() else surface.lower()
    return term


_WORD = re.compile(r"[^\W_]+")


@dataclass(slots=True)
class Caution:
    """What the guidelines say about one topic."""

    sensitive_terms: list[str] = field(default_factory=list)
    blocked: list[tuple[str, str]] = field(default_factory=list)  # (term, setting it comes from)
    confidential: bool = False
    shown_terms: list[str] = field(default_factory=list)  # the sensitive terms as the topic writes them

    @property
    def sensitive(self) -> bool:
        return bool(self.sensitive_terms)

    def terms_text(self, n: int = 3) -> str:
        """The first ``n`` sensitive terms, as the topic's articles write them."""
        return ", ".join((self.shown_terms or self.sensitive_terms)[:n])

    def flags(self, lang: str) -> list[str]:
        """The caution lines shown with the topic and its ideas."""
        out: list[str] = []
        if self.sensitive:
            out.append(f"{t('flag_sensitive', lang)} ({self.terms_text()})")
        for term, where in self.blocked:
            out.append(t("flag_blocked", lang, term=term, where=t(f"where_{where}", lang)))
        return out


def sensitive_terms(topic: Topic, lexicon: tuple[str, ...]) -> list[str]:
    """The sensitive terms a topic is about: those its label names, else those of its articles'
    titles and keywords when two of these name one (the keywords counting once; a topic of one
    article needs only that one). One passing "mort" in five titles does not make an election
    campaign a tragedy; a mobilisation whose titles say "guerre" and "mobilisation militaire" is."""
    in_label = find_terms(topic.label, lexicon)
    if in_label:
        return in_label
    mentions = [find_terms(a.title, lexicon) for a in topic.articles]
    mentions.append(find_terms(" ".join(topic.keywords), lexicon))
    mentions = [m for m in mentions if m]
    if len(mentions) < min(2, len(topic.articles)) or not mentions:
        return []
    found = {term for m in mentions for term in m}
    return [term for term in dict.fromkeys(lexicon) if term in found]


def assess(topic: Topic, settings: Settings) -> Caution:
    """Check one topic against the sensitive lexicon and the configured guideline terms."""
    text = topic_text(topic)
    lexicon = (*SENSITIVE_LEXICON, *settings.digest.sensitive_terms, *settings.guidelines.sensitive)
    sensitive = sensitive_terms(topic, lexicon)
    blocked: list[tuple[str, str]] = []
    for term in find_terms(text, settings.digest.blocklist):
        blocked.append((term, "blocklist"))
    for term in find_terms(text, settings.guidelines.forbidden):
        if term not in {b for b, _ in blocked}:
            blocked.append((term, "forbidden"))
    confidential = bool(find_terms(text, settings.guidelines.confidential))
    shown = list(dict.fromkeys(written_as(term, text) for term in sensitive))
    return Caution(sensitive_terms=sensitive, blocked=blocked, confidential=confidential, shown_terms=shown)
