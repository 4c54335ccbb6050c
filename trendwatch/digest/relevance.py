"""Relevance to the CM's sector: which topics get ideas and which are context only.

The sector is ``[digest] focus`` (terms), plus the ``[brand]`` names, aliases, products and
competitors and the ``[trends] keywords`` as further signals. A topic is on-sector when a sector
term is in its label, key phrase, keywords or names, or in at least a third of its articles.
With no ``focus`` configured every topic is on-sector (the digest works as for a general
watch). Big off-sector news becomes a short "context this week" item: its label, one line of
why, its sources, no idea.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trendwatch.analysis.model import Topic
from trendwatch.config import Settings
from trendwatch.digest.caution import find_terms
from trendwatch.digest.i18n import evidence_sentence
from trendwatch.digest.ideas import safe_url
from trendwatch.messages import list_separator, render

ARTICLE_SHARE = 1 / 3  # share of a topic's articles that must mention the sector
MAX_CONTEXT = 5
CONTEXT_SOURCES = 3


@dataclass(frozen=True, slots=True)
class Sector:
    """The CM's sector: the configured focus and the other signals."""

    focus: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()  # brand names, products, competitors, Trends keywords

    @classmethod
    def from_settings(cls, settings: Settings) -> Sector:
        b = settings.brand
        signals = (*b.names, *b.aliases, *b.products, *b.competitors, *settings.trends.keywords)
        focus = tuple(t for t in settings.digest.focus if t.strip())
        return cls(focus=focus, signals=tuple(s for s in signals if s.strip()))

    @property
    def configured(self) -> bool:
        """Whether relevance applies: only when ``[digest] focus`` lists terms."""
        return bool(self.focus)

    @property
    def terms(self) -> tuple[str, ...]:
        return (*self.focus, *self.signals)

    def matches(self, topic: Topic) -> list[str]:
        """The sector terms a topic holds (empty: off-sector)."""
        terms = self.terms
        head = "\n".join([topic.label, topic.key_phrase, " ".join(topic.keywords), " ".join(topic.entities)])
        found = find_terms(head, terms)
        if found:
            return found
        hits: dict[str, int] = {}
        arts = topic.articles
        for a in arts:
            for term in find_terms(f"{a.title}\n{a.summary}", terms):
                hits[term] = hits.get(term, 0) + 1
        need = max(1, round(len(arts) * ARTICLE_SHARE))
        return [t for t, n in hits.items() if n >= need]

    def on_sector(self, topic: Topic) -> bool:
        """True when no focus is configured, else when the topic holds a sector term."""
        return not self.configured or bool(self.matches(topic))


@dataclass(slots=True)
class ContextItem:
    """A big off-sector story of the week: known, not acted on."""

    topic_id: str
    label: str
    why: str  # one line, in the digest's language
    sources: list[tuple[str, str | None]] = field(default_factory=list)  # (title, url)
    sensitive: bool = False


def split_topics(
    topics: list[Topic], sector: Sector, top: int
) -> tuple[list[Topic], list[Topic]]:
    """(on-sector topics, at most ``top``, in ranking order; off-sector topics of the ranking's
    first ``top`` places, at most :data:`MAX_CONTEXT`)."""
    on: list[Topic] = []
    off: list[Topic] = []
    for i, topic in enumerate(topics):
        if sector.on_sector(topic):
            if len(on) < top:
                on.append(topic)
        elif i < top and len(off) < MAX_CONTEXT:
            off.append(topic)
    return on, off


def context_item(topic: Topic, sector: Sector, lang: str, *, sensitive: bool) -> ContextItem:
    """The context line of an off-sector topic."""
    focus = ", ".join(sector.focus[:3])
    evidence = evidence_sentence(topic.n_articles, topic.n_sources, topic.baseline_mean, lang)
    why = f"{evidence}{list_separator(lang)}{render('digest.context_why', lang, focus=focus)}"
    sources = [(a.title, safe_url(a.url)) for a in topic.articles[:CONTEXT_SOURCES]]
    return ContextItem(topic.topic_id, topic.label, why, sources, sensitive)
