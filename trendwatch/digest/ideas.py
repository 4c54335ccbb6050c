"""Content ideas from a topic, by fixed rules: same topic, same ideas.

Rules, in priority order (the first three that apply are kept, a plain post closes the list):
figures or many sources → infographic; a debate → poll; a how-to → carousel; fast-moving →
short video, then a thread when several sources cover it; an event → live; a festive topic →
contest. A sensitive topic only gets informative formats (post, thread, infographic): never a
contest, a poll, a live or a promotional video.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from trendwatch.analysis.model import Topic
from trendwatch.digest.caution import Caution, find_terms, fold, topic_text
from trendwatch.digest.i18n import IDEA_TITLES, evidence_sentence, t
from trendwatch.digest.notes_i18n import localize_note

MAX_IDEAS = 3
INFORMATIVE_FORMATS = ("infographic", "thread", "post")
NUMBERS = re.compile(r"\d|%|€|\$")

DEBATE_TERMS = (
    "debat", "controverse", "polemique", "pour ou contre", "faut il", "critique", "colere",
    "greve", "reforme", "versus", "vs", "debate", "controversy", "backlash", "should", "opinion",
    "against", "row", "dispute",
)
HOWTO_TERMS = (
    "comment", "guide", "astuce", "conseil", "tuto", "tutoriel", "etape", "mode d emploi",
    "how to", "tips", "tutorial", "step", "checklist", "explained", "explique", "recette", "recipe",
)
EVENT_TERMS = (
    "live", "direct", "conference", "salon", "lancement", "keynote", "match", "finale", "sommet",
    "webinaire", "launch", "event", "summit", "webinar", "premiere", "ceremonie", "ceremony",
)
FESTIVE_TERMS = (
    "fete", "noel", "festival", "anniversaire", "soldes", "black friday", "halloween",
    "saint valentin", "vacances", "christmas", "holiday", "anniversary", "giveaway", "celebration",
)
FIGURES_MIN_TITLES = 2  # article titles with a number before "figures" applies
INFOGRAPHIC_MIN_SOURCES = 4
FAST_GROWTH = 3.0  # this week's articles over the baseline mean
THREAD_MIN_SOURCES = 3
SUBJECT_MAX_WORDS = 6  # a longer label reads as a headline: idea titles use the first keyword


@dataclass(slots=True)
class Idea:
    """One content idea for a topic."""

    idea_id: str  # stable hash of week + topic_id + format
    topic_id: str
    rank: int  # 1 = the topic's best idea
    title: str
    format: str  # post | carousel | short_video | infographic | poll | contest | thread | live
    why_now: str
    sources: list[str]  # article URLs (http(s) only)
    caution: list[str] = field(default_factory=list)
    slot: dt.datetime | None = None


def idea_id(week: str, topic_id: str, fmt: str) -> str:
    """Stable id of an idea: the same week, topic and format give the same id."""
    return hashlib.sha1(f"{week}|{topic_id}|{fmt}".encode()).hexdigest()[:16]


def is_fast_moving(topic: Topic) -> bool:
    """New this week, or at least ``FAST_GROWTH`` times its usual weekly volume."""
    if topic.status == "new" or topic.baseline_mean <= 0:
        return True
    return topic.n_articles / topic.baseline_mean >= FAST_GROWTH


def choose_formats(topic: Topic, caution: Caution) -> list[str]:
    """The formats suited to a topic, best first, at most ``MAX_IDEAS``."""
    text = topic_text(topic)
    titles_with_numbers = sum(1 for a in topic.articles if NUMBERS.search(a.title))
    candidates: list[str] = []
    if titles_with_numbers >= FIGURES_MIN_TITLES or topic.n_sources >= INFOGRAPHIC_MIN_SOURCES:
        candidates.append("infographic")
    question = any(a.title.rstrip().endswith("?") for a in topic.articles)
    if question or find_terms(text, DEBATE_TERMS):
        candidates.append("poll")
    if find_terms(text, HOWTO_TERMS):
        candidates.append("carousel")
    if is_fast_moving(topic):
        candidates.append("short_video")
        if topic.n_sources >= THREAD_MIN_SOURCES:
            candidates.append("thread")
    if find_terms(text, EVENT_TERMS):
        candidates.append("live")
    if find_terms(text, FESTIVE_TERMS):
        candidates.append("contest")
    if caution.sensitive:
        candidates = [c for c in candidates if c in INFORMATIVE_FORMATS]
        if "thread" not in candidates and topic.n_sources >= THREAD_MIN_SOURCES:
            candidates.append("thread")
    candidates.append("post")
    out: list[str] = []
    for c in candidates:
        if c not in out:
            out.append(c)
    return out[:MAX_IDEAS]


def why_now(topic: Topic, lang: str) -> str:
    """The evidence for acting this week, in words."""
    parts = [evidence_sentence(topic.n_articles, topic.n_sources, topic.baseline_mean, lang)]
    status_key = f"status_{topic.status}"
    if status_key in ("status_new", "status_growing"):
        parts[0] += f" ({t(status_key, lang)})"
    parts.extend(localize_note(e, lang) for e in topic.evidence)
    return "; ".join(parts)


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s) with a host, else None: other schemes never become links.
    Characters that could break out of an attribute or a Markdown link are percent-encoded."""
    if not url:
        return None
    u = url.strip()
    if not re.match(r"^https?://[^/\s?#]+", u, re.I):
        return None
    return quote(u, safe="/:?#[]@!$&()*+,;=%~-._")


def subject(topic: Topic) -> str:
    """What idea titles call the topic: its label, or when the label is a long headline, the word
    most of its article titles share (the story's name: "Bakuchiol", "Verdelys"), else its
    leading keyword."""
    if len(topic.label.split()) <= SUBJECT_MAX_WORDS:
        return topic.label
    word = _shared_title_word(topic)
    if word:
        return word
    if topic.keywords:
        first = topic.keywords[0]
        return first[:1].upper() + first[1:]
    return topic.label


_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")


def _shared_title_word(topic: Topic) -> str | None:
    """The word in most of the topic's article titles (at least 5 letters, so not a
    function word), as written in the first title holding it; None when no word is shared."""
    titles = [a.title for a in topic.articles if a.title]
    if len(titles) < 2:
        return None
    counts: dict[str, int] = {}
    surface: dict[str, str] = {}
    for title in titles:
        seen: set[str] = set()
        for w in _WORD.findall(title):
            key = fold(w)
            if len(key) < 5 or key in seen:
                continue
            seen.add(key)
            counts[key] = counts.get(key, 0) + 1
            surface.setdefault(key, w)
    best = max(counts.items(), key=lambda kv: (kv[1], len(kv[0])), default=None)
    if best is None or best[1] * 2 <= len(titles):
        return None
    word = surface[best[0]]
    return word[:1].upper() + word[1:]


def make_ideas(topic: Topic, caution: Caution, week: str, lang: str) -> list[Idea]:
    """1–3 ideas for a topic; none when it touches a confidential name."""
    if caution.confidential:
        return []
    urls = [u for u in (safe_url(a.url) for a in topic.articles) if u]
    sources = list(dict.fromkeys(urls))[:3]
    reason = why_now(topic, lang)
    flags = caution.flags(lang)
    ideas: list[Idea] = []
    for rank, fmt in enumerate(choose_formats(topic, caution), 1):
        key = f"{fmt}_inform" if caution.sensitive and f"{fmt}_inform" in IDEA_TITLES else fmt
        ideas.append(
            Idea(
                idea_id=idea_id(week, topic.topic_id, fmt),
                topic_id=topic.topic_id,
                rank=rank,
                title=IDEA_TITLES[key][lang].format(label=subject(topic)),
                format=fmt,
                why_now=reason,
                sources=sources,
                caution=list(flags),
            )
        )
    return ideas


def faq_titles(queries: list[str], lang: str) -> list[str]:
    """FAQ idea titles from rising search queries."""
    return [IDEA_TITLES["faq"][lang].format(query=q) for q in queries]
