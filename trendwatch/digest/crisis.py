"""The CM's own brand in a crisis: response steps and a holding statement, never a content idea.

A topic is about the brand when a ``[brand]`` name, alias or product is in its label, key phrase
or names, or in at least a third of its article titles. It is a crisis when it is also
sensitive (contamination, deaths, accidents...), names a crisis word (recall, boycott,
complaints, lawsuit...) or its titles read negative on the whole (lexicon tone). Competitors are
not the CM's crisis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trendwatch.analysis.model import Topic
from trendwatch.cm.tone import tone_score
from trendwatch.config import Settings
from trendwatch.digest.caution import Caution, find_terms
from trendwatch.digest.i18n import colon
from trendwatch.digest.ideas import safe_url
from trendwatch.digest.subject import subject_in
from trendwatch.messages import render

TITLE_SHARE = 1 / 3
NEGATIVE_TONE = -0.2  # mean tone of the titles at or below which the brand is in trouble
STEPS = ("acknowledge", "empathy", "facts", "action", "follow", "escalate")
CRISIS_TERMS: tuple[str, ...] = (
    # French
    "rappel", "rappelle", "retrait", "boycott", "boycotter", "plainte", "scandale", "polemique",
    "colere", "mis en cause", "mise en cause", "enquete", "proces", "condamne", "condamnation",
    "amende", "defaut", "defectueux", "panne", "fuite de donnees", "piratage", "bad buzz",
    "allergie", "irritation", "greve", "licenciement", "accuse",
    # English
    "recall", "recalls", "recalled", "boycott", "complaint", "complaints", "scandal", "backlash",
    "anger", "outrage", "lawsuit", "sued", "investigation", "probe", "fine", "fined", "faulty",
    "defect", "outage", "data breach", "hack", "hacked", "allergic", "irritation", "strike",
    "layoffs", "accused",
)


@dataclass(slots=True)
class CrisisPlan:
    """What to do this week about a crisis around the CM's brand."""

    topic_id: str
    label: str
    brand: str  # the configured name found
    steps: list[str]  # response steps, in the digest's language
    holding_statement: str  # a draft to adapt, placeholders in [brackets]
    sources: list[tuple[str, str | None]] = field(default_factory=list)  # (title, url)


def own_brand(topic: Topic, settings: Settings) -> str | None:
    """The configured brand name (or alias, product) the topic is about, or None."""
    names = (*settings.brand.names, *settings.brand.aliases, *settings.brand.products)
    names = tuple(n for n in names if n.strip())
    if not names:
        return None
    head = "\n".join([topic.label, topic.key_phrase, " ".join(topic.entities), " ".join(topic.keywords)])
    found = find_terms(head, names)
    if found:
        return found[0]
    titles = [a.title for a in topic.articles if a.title]
    counts: dict[str, int] = {}
    for title in titles:
        for name in find_terms(title, names):
            counts[name] = counts.get(name, 0) + 1
    need = max(1, round(len(titles) * TITLE_SHARE))
    best = max(counts.items(), key=lambda kv: kv[1], default=None)
    return best[0] if best and best[1] >= need else None


def _tone(topic: Topic) -> float:
    scores = [tone_score(a.title) for a in topic.articles if a.title]
    return sum(scores) / len(scores) if scores else 0.0


def is_crisis(topic: Topic, caution: Caution) -> bool:
    """A sensitive topic, one naming a crisis word, or one whose titles read negative."""
    text = "\n".join([topic.label, *(a.title for a in topic.articles)])
    return caution.sensitive or bool(find_terms(text, CRISIS_TERMS)) or _tone(topic) <= NEGATIVE_TONE


def crisis_plan(topic: Topic, caution: Caution, settings: Settings, lang: str) -> CrisisPlan | None:
    """Response steps and a holding statement when the topic is a crisis around the CM's brand."""
    brand = own_brand(topic, settings)
    if brand is None or not is_crisis(topic, caution):
        return None
    steps = [render(f"digest.crisis_step_{s}", lang) for s in STEPS]
    statement = render("digest.crisis_holding", lang, subject=subject_in(topic, lang))
    sources = [(a.title, safe_url(a.url)) for a in topic.articles[:3]]
    return CrisisPlan(topic.topic_id, topic.label, brand, steps, statement, sources)


Section = tuple[str, str, list[tuple[str, list[str], list[tuple[str, str | None]]]]]


def restraint_sections(digest: Any) -> list[Section]:
    """What the renderers show before the topics: the brand crisis (steps, holding statement),
    restraint notes, then the week's context; each ``(heading, intro, [(headline, lines, links)])``
    in the digest's language. Empty parts are left out."""
    lang = digest.language
    out: list[Section] = []
    crisis = list(getattr(digest, "crisis", []) or [])
    if crisis:
        draft = render("digest.crisis_statement", lang) + colon(lang)
        items = [(p.label, [*p.steps, draft + p.holding_statement], p.sources) for p in crisis]
        out.append((render("digest.crisis_title", lang), "", items))
    restraint = list(getattr(digest, "restraint", []) or [])
    if restraint:
        notes: list[tuple[str, list[str], list[tuple[str, str | None]]]]
        notes = [(n.render(lang), [], []) for n in restraint]
        out.append((render("digest.restraint_title", lang), "", notes))
    context = list(getattr(digest, "context", []) or [])
    if context:
        items = [(c.label, [c.why], c.sources) for c in context]
        out.append((render("digest.context_title", lang), render("digest.context_intro", lang), items))
    return out
