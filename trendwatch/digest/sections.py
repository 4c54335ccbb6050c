"""Plain-text lines for the optional sections (alerts, search demand, used ideas), before escaping.

The records come from other stages; they are read by field name with fallbacks so a renderer
never breaks on a shape it doesn't know. Renderers escape every string returned here.
"""

from __future__ import annotations

import dataclasses
from typing import Any
from zoneinfo import ZoneInfo

from trendwatch.analysis.model import Topic
from trendwatch.digest.i18n import colon, date_text, day_text, overview_sentence, slot_text, t
from trendwatch.digest.ideas import Idea
from trendwatch.digest.model import Digest, note_text
from trendwatch.messages import Note


def field_of(item: Any, *names: str) -> Any:
    """The first present, non-empty field among ``names`` of a dict, dataclass or object."""
    for name in names:
        value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
        if value not in (None, "", [], {}):
            return value
    return None


def describe(item: Any, lang: str = "en") -> str:
    """One line for a record: its name then its change/label/message (a change as ``+29%``, in
    French ``+29 %`` with a narrow no-break space)."""
    if isinstance(item, str):
        return item
    name = field_of(item, "query", "term", "keyword", "title", "name", "label")
    detail = field_of(item, "change_label", "label", "change", "value", "message", "traffic")
    extra = field_of(item, "geo", "note")
    if name is None and detail is None:
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            return ", ".join(f"{f.name}: {getattr(item, f.name)}" for f in dataclasses.fields(item))
        return str(item)
    if isinstance(detail, float):
        detail = f"{detail:+.0f}\u202f%" if lang == "fr" else f"{detail:+.0f}%"
    text = str(name) if detail is None or detail == name else f"{name}{colon(lang)}{detail}"
    return f"{text} ({extra})" if isinstance(extra, str) else text


def links_of(item: Any) -> list[tuple[str, str | None]]:
    """(title, url) of the articles a record carries."""
    out: list[tuple[str, str | None]] = []
    for a in field_of(item, "articles") or []:
        if isinstance(a, str):
            out.append((a, a))
        else:
            out.append((str(field_of(a, "title", "url") or ""), field_of(a, "url", "link")))
    return out


def alert_lines(digest: Digest) -> list[tuple[str, list[str], list[tuple[str, str | None]]]]:
    """Per alert: its headline, its steps (unless the crisis section has them), its articles."""
    out = []
    planned = {c.brand.casefold() for c in digest.crisis}  # brands with full response steps below
    for a in digest.alerts:
        name = field_of(a, "name", "kind") or "alert"
        message = field_of(a, "message") or ""
        # the crisis section below gives this brand's response steps: not twice
        steps = [] if str(name).casefold() in planned else [str(s) for s in (field_of(a, "steps") or [])]
        out.append((f"{name}{colon(digest.language)}{message}" if message else str(name), steps, links_of(a)))
    return out


def search_sections(digest: Digest) -> list[tuple[str, list[str]]]:
    """(i18n heading key, lines) for each non-empty part of the search demand."""
    s = digest.search
    if s is None:
        return []
    parts = [
        ("search_keywords", [describe(k, digest.language) for k in field_of(s, "keywords") or []]),
        ("search_rising", [describe(r, digest.language) for r in field_of(s, "rising") or []]),
        ("search_trending", [describe(r, digest.language) for r in field_of(s, "trending") or []]),
        # the notes as codes (rendered in the reader's language), else the older English texts
        (
            "search_missing",
            [note_text(m, digest.language) for m in field_of(s, "notes") or field_of(s, "missing") or []],
        ),
    ]
    return [(key, lines) for key, lines in parts if lines]


def used_lines(digest: Digest) -> list[str]:
    """One line per used idea, as the feedback report gives them."""
    out = []
    for u in digest.used_ideas:
        title = field_of(u, "title", "idea") or field_of(u, "idea_id") or ""
        how = field_of(u, "evolution", "trend", "note", "topic_change", "message")
        out.append(f"{title}: {how}" if how else str(title))
    return out


def idea_slot_line(idea: Idea, lang: str) -> str:
    """An idea's slot as words; for a live without one, the day to plan it for."""
    if idea.slot is not None:
        return slot_text(idea.slot, lang)
    if idea.on is not None:
        return t("slot_on", lang, day=day_text(idea.on, lang))
    return t("no_slot", lang)


STRONG_SCORE = 8.0  # the score behaves like a z-score: 8 is far beyond chance
CLEAR_SCORE = 4.0


def strength_text(score: float, lang: str, measured: bool = True) -> str:
    """The emergence score in plain words, the number kept for those who compare weeks; when the
    week has no comparable past (``measured`` False: a new or young store) the score is a size."""
    if not measured:
        return t("strength_size", lang, score=round(float(score), 1))
    key = (
        "strength_strong"
        if score >= STRONG_SCORE
        else "strength_clear"
        if score >= CLEAR_SCORE
        else ("strength_mild")
    )
    return t(key, lang, score=round(float(score), 1))


def more_articles(topic: Topic) -> int:
    """How many of the topic's articles the sources list doesn't show."""
    return max(0, int(topic.n_articles) - len(topic.articles))


def more_sources_text(topic: Topic, lang: str) -> str:
    """"and 3 more" / "et 1 autre": the articles the sources list leaves out."""
    n = more_articles(topic)
    return t("more_sources" if n > 1 else "more_sources_one", lang, n=n)


def lead_lines(digest: Digest) -> list[str]:
    """The digest's opening sentences: the overview and how things are counted, or, for a week
    without articles, that there were none and which weeks have some."""
    lang = digest.language
    if digest.n_entries == 0:
        lines = [t("empty_week", lang, week=digest.week)]
        others = [w for w in digest.data_weeks if w != digest.week]
        where = t("weeks_with_data", lang, weeks=", ".join(others)) if others else t("no_data_at_all", lang)
        lines.append(where)
        return lines
    return [
        overview_sentence(digest.n_entries, digest.n_sources, len(digest.topics), lang),
        t("counting", lang),
    ]


def shown_notes(digest: Digest) -> list[str]:
    """The notes to show. In an empty week the lead lines already say there were no articles and
    which weeks have some: the analysis' own caveats (no entries, little history) would only
    repeat or contradict that, so they are left out."""
    return [
        note_text(n, digest.language)
        for n in digest.notes
        if not (digest.n_entries == 0 and isinstance(n, Note) and n.code.startswith("analysis."))
    ]


def generated_text(digest: Digest) -> str:
    """The footer: when the digest was made, in the digest's time zone and language."""
    local = digest.generated_at.astimezone(ZoneInfo(digest.timezone))
    when = f"{date_text(local.date(), digest.language)}, {local:%H:%M} ({digest.timezone})"
    return t("generated", digest.language, at=when)
