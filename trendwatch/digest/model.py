"""The digest: a week's ranked topics with evidence, caution flags, ideas and slots."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from trendwatch.analysis.model import Article, Topic
from trendwatch.analysis.search_demand import SearchDemand
from trendwatch.cm.alerts import Alert
from trendwatch.digest.crisis import CrisisPlan
from trendwatch.digest.i18n import format_label
from trendwatch.digest.ideas import Idea
from trendwatch.digest.relevance import ContextItem
from trendwatch.messages import Note


@dataclass(slots=True)
class DigestTopic:
    """One ranked topic of the digest."""

    rank: int
    topic: Topic
    why_now: str  # evidence in words
    ideas: list[Idea]
    caution: list[str]  # caution lines (sensitive, guideline terms)
    sensitive: bool = False

    # Shortcuts to the analysed topic, so readers don't need to know the nesting.
    @property
    def topic_id(self) -> str:
        return self.topic.topic_id

    @property
    def label(self) -> str:
        return self.topic.label

    @property
    def keywords(self) -> list[str]:
        return self.topic.keywords

    @property
    def score(self) -> float:
        return self.topic.score

    @property
    def articles(self) -> list[Article]:
        return self.topic.articles


@dataclass(slots=True)
class Digest:
    """What ``make_digest`` returns and the renderers print."""

    week: str
    language: str
    timezone: str
    generated_at: dt.datetime  # UTC
    start: dt.datetime | None  # UTC instant the week starts
    end: dt.datetime | None  # UTC instant the week ends (exclusive)
    n_entries: int
    n_sources: int
    topics: list[DigestTopic]
    # caveats shown to the reader: Notes (code + values); plain strings from stages not yet converted
    notes: Sequence[Note | str] = field(default_factory=list)
    search: SearchDemand | None = None  # what people searched for around the week
    alerts: list[Alert] = field(default_factory=list)  # open brand/crisis alerts
    used_ideas: list[dict[str, Any]] = field(default_factory=list)
    faq_ideas: list[str] = field(default_factory=list)  # from rising searches
    skipped: list[str] = field(default_factory=list)  # optional parts not available (not shown)
    data_weeks: list[str] = field(default_factory=list)  # weeks with articles (set for an empty week)
    context: list[ContextItem] = field(default_factory=list)  # big off-sector news, no ideas
    restraint: list[Note] = field(default_factory=list)  # "check the promotional posts scheduled"
    crisis: list[CrisisPlan] = field(default_factory=list)  # own brand in a crisis: steps, statement

    @property
    def growth_measured(self) -> bool:
        """Was growth measured against a comparable past? Not in a store without history or a young
        one (the analysis says so in a note): topics there are ranked by size."""
        codes = {n.code for n in self.notes if isinstance(n, Note)}
        return not codes & {"analysis.no_baseline", "analysis.young_store"}

    def note_texts(self) -> list[str]:
        """The notes as the reader sees them, in the digest's language."""
        return [note_text(n, self.language) for n in self.notes]

    def to_json(self) -> dict[str, Any]:
        """The JSON document (see docs/digest.md); topics ranked best first."""
        return {
            "week": self.week,
            "language": self.language,
            "timezone": self.timezone,
            "generated_at": _iso(self.generated_at),
            "start": _iso(self.start),
            "end": _iso(self.end),
            "n_entries": self.n_entries,
            "n_sources": self.n_sources,
            "notes": [note_json(n, self.language) for n in self.notes],
            "alerts": [to_plain(a) for a in self.alerts],
            "topics": [_topic_json(dt_, self.language) for dt_ in self.topics],
            "search": to_plain(self.search) if self.search is not None else None,
            "faq_ideas": list(self.faq_ideas),
            "used_ideas": [to_plain(u) for u in self.used_ideas],
            "skipped": list(self.skipped),
            "data_weeks": list(self.data_weeks),
            "context": [to_plain(c) for c in self.context],
            "restraint": [n.to_json(self.language) for n in self.restraint],
            "crisis": [to_plain(c) for c in self.crisis],
        }


def note_text(note: Note | str, lang: str) -> str:
    """A note's text in ``lang``: a :class:`Note` is rendered from the catalogue; a plain string
    (an optional part's failure text) is shown as it came."""
    if isinstance(note, Note):
        return note.render(lang)
    return str(note)


def note_json(note: Note | str, lang: str) -> dict[str, Any]:
    """``{"code", "values", "text"}`` for a note (code None for a plain-string note)."""
    if isinstance(note, Note):
        return {"code": note.code, "values": to_plain(dict(note.values)), "text": note.render(lang)}
    return {"code": None, "values": {}, "text": note_text(note, lang)}


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def to_plain(value: Any) -> Any:
    """Dataclasses, datetimes and tuples as JSON-able values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_plain(v) for v in value]
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def article_json(a: Article) -> dict[str, Any]:
    """One article as the JSON shows it."""
    return {
        "title": a.title,
        "url": a.url or "",
        "published": a.published.isoformat(),
        "source": a.source,
        "sources": list(a.sources),
    }


def idea_json(idea: Idea, lang: str) -> dict[str, Any]:
    """One idea as the JSON shows it."""
    return {
        "idea_id": idea.idea_id,
        "rank": idea.rank,
        "title": idea.title,
        "format": idea.format,
        "format_label": format_label(idea.format, lang),
        "why_now": idea.why_now,
        "sources": list(idea.sources),
        "slot": _iso(idea.slot),
        "event_day": idea.on.isoformat() if idea.on else None,  # a live's day (its slot, when in the week)
        "caution": list(idea.caution),
        "subject": idea.subject,
        "evidence": idea.evidence,
        "evidence_url": idea.evidence_url or "",
    }


def _topic_json(d: DigestTopic, lang: str) -> dict[str, Any]:
    tp = d.topic
    return {
        "rank": d.rank,
        "topic_id": tp.topic_id,
        "label": tp.label,
        "keywords": list(tp.keywords),
        "score": float(tp.score),
        "status": tp.status,
        "n_articles": tp.n_articles,
        "n_sources": tp.n_sources,
        "baseline_mean": float(tp.baseline_mean),
        "weekly_counts": [{"week": w, "articles": n} for w, n in tp.weekly_counts],
        "why_now": d.why_now,
        "evidence": [note_text(e, lang) for e in tp.evidence],
        "articles": [article_json(a) for a in tp.articles],
        "ideas": [idea_json(i, lang) for i in d.ideas],
        "caution": list(d.caution),
        "sensitive": d.sensitive,
    }
