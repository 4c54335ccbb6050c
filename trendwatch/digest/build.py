"""Building a week's digest: analysis, search demand, guideline checks, ideas and slots.

``digest_from_analysis`` is the pure core (tests feed it constructed analyses);
``make_digest`` adds the store: it runs the analysis, calls the optional parts of other
stages when they are installed, and persists the result.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from trendwatch.analysis.detect import analyse_week
from trendwatch.analysis.model import Topic, WeekAnalysis
from trendwatch.analysis.search_demand import apply_search_boost, search_demand
from trendwatch.cm.alerts import open_alerts
from trendwatch.cm.feedback import filter_dismissed, used_ideas_report
from trendwatch.cm.slots import day_slot, plan_slots
from trendwatch.config import Settings
from trendwatch.digest.caution import Caution, assess
from trendwatch.digest.crisis import CrisisPlan, crisis_plan
from trendwatch.digest.ideas import Idea, faq_titles, make_ideas, why_now
from trendwatch.digest.model import Digest, DigestTopic
from trendwatch.digest.persist import save_digest, taken_slots
from trendwatch.digest.relevance import ContextItem, Sector, context_item, split_topics
from trendwatch.digest.subject import subject_in
from trendwatch.messages import Note, render
from trendwatch.store import open_store
from trendwatch.store.connection import Connection
from trendwatch.weeks import last_complete_week, parse_week

log = logging.getLogger(__name__)
MAX_FAQ_IDEAS = 5


def digest_from_analysis(
    analysis: WeekAnalysis,
    settings: Settings,
    *,
    search: Any = None,
    taken: Iterable[dt.datetime] = (),
    notes: Sequence[Any] = (),
    alerts: Sequence[Any] = (),
    used_ideas: Sequence[dict[str, Any]] = (),
    skipped: Sequence[str] = (),
    now: dt.datetime | None = None,
) -> Digest:
    """A digest from an analysis already made: relevance, caution, ideas, crisis steps and slots.

    On-sector topics (all of them when ``[digest] focus`` is empty) keep the analysis ranking and
    get ideas; big off-sector news goes to ``context`` without ideas. A sensitive story adds a
    restraint note; the CM's own brand in a crisis gets response steps instead of ideas.
    """
    lang = settings.digest.language
    out_notes: list[Any] = [*analysis.notes, *notes]  # Note codes, rendered in the reader's language
    sector = Sector.from_settings(settings)
    on, off = split_topics(list(analysis.topics), sector, settings.digest.top)
    queries = _rising_queries(search)
    restraint: list[Note] = []
    crises: list[CrisisPlan] = []
    topics: list[DigestTopic] = []
    for rank, topic in enumerate(on, 1):
        caution = assess(topic, settings)
        plan = crisis_plan(topic, caution, settings, lang)
        flags = caution.flags(lang)
        if plan is not None:
            crises.append(plan)
            ideas: list[Idea] = []
            flags.append(render("digest.crisis_flag", lang, brand=plan.brand))
        else:
            ideas = make_ideas(topic, caution, analysis.week, lang, queries)
            if caution.sensitive:
                restraint.append(_restraint(topic, caution, lang))
        if caution.confidential:
            out_notes.append(Note("digest.confidential", {"label": topic.label}))
        topics.append(
            DigestTopic(
                rank=rank,
                topic=topic,
                why_now=why_now(topic, lang),
                ideas=ideas,
                caution=flags,
                sensitive=caution.sensitive,
            )
        )
    context: list[ContextItem] = []
    for topic in off:
        caution = assess(topic, settings)
        if caution.confidential:
            continue
        context.append(context_item(topic, sector, lang, sensitive=caution.sensitive))
        if caution.sensitive:
            restraint.append(_restraint(topic, caution, lang))
    _assign_slots(topics, analysis.week, settings, taken)
    return Digest(
        week=analysis.week,
        language=lang,
        timezone=settings.digest.timezone,
        generated_at=now or dt.datetime.now(dt.UTC),
        start=analysis.start,
        end=analysis.end,
        n_entries=analysis.n_entries,
        n_sources=analysis.n_sources,
        topics=topics,
        notes=out_notes,
        search=search,
        alerts=list(alerts),
        used_ideas=list(used_ideas),
        faq_ideas=faq_titles(queries[:MAX_FAQ_IDEAS], lang),
        skipped=list(skipped),
        context=context,
        restraint=restraint,
        crisis=crises,
    )


def _restraint(topic: Topic, caution: Caution, lang: str) -> Note:
    """The restraint note of a sensitive story: check this week's scheduled promotional posts."""
    return Note("digest.restraint_check", {"label": subject_in(topic, lang), "terms": caution.terms_text()})


def _assign_slots(
    topics: list[DigestTopic], week: str, settings: Settings, taken: Iterable[dt.datetime]
) -> None:
    """A live goes on the day of its event when that is a publishing day of the coming week, and
    has no slot otherwise (the digest says which day to plan it for: the Italian election of 25
    September was proposed for the Tuesday after Draghi's resignation). Then best ideas first (each
    topic's first idea by topic rank, then the second ones...) get the earliest slots; ideas
    beyond the week's room keep ``slot = None``."""
    taken = list(taken)
    order: list[Idea] = []
    depth = max((len(d.ideas) for d in topics), default=0)
    for level in range(depth):
        order.extend(d.ideas[level] for d in topics if len(d.ideas) > level)
    for idea in order:
        if idea.on is not None:
            idea.slot = day_slot(idea.on, week, settings, taken=taken)
            taken.extend([idea.slot] if idea.slot else [])
    order = [i for i in order if i.on is None]
    slots = plan_slots(len(order), week, settings, taken=taken)
    for idea, slot in zip(order, slots, strict=False):
        idea.slot = slot


def _rising_queries(search: Any) -> list[str]:
    """Query strings of the rising searches in a SearchDemand, whatever their record shape."""
    if search is None:
        return []
    out: list[str] = []
    rising = list(getattr(search, "rising", None) or [])
    # questions ("comment ...", "how ...") first: they make the best FAQ entries
    rising.sort(key=lambda r: not bool(getattr(r, "is_question", False)))
    for item in rising:
        if isinstance(item, str):
            out.append(item)
            continue
        for attr in ("query", "term", "text", "keyword"):
            value = item.get(attr) if isinstance(item, dict) else getattr(item, attr, None)
            if isinstance(value, str) and value:
                out.append(value)
                break
    return list(dict.fromkeys(out))


def _call(fn: Callable[..., Any], what: str, skipped: list[str], *args: Any) -> Any:
    """Call an optional part; its failure is noted, never fatal for the digest."""
    if fn is None:
        return None
    try:
        return fn(*args)
    except Exception as e:  # an optional part must not stop the digest
        log.warning("%s failed: %s", what, e)
        skipped.append(f"{what} failed: {e}")
        return None


def default_week(settings: Settings) -> str:
    """The last complete ISO week in the [digest] time zone."""
    return last_complete_week(settings.digest.timezone)


def make_digest(settings: Settings, week: str | None = None, *, con: Connection | None = None) -> Digest:
    """Analyse ``week`` (default: the last complete one), build its digest and persist it."""
    week = parse_week(week) if week else default_week(settings)
    if con is not None:
        return _make(settings, week, con)
    with open_store(settings.store_path, wait_s=settings.store.lock_timeout_s) as own:
        return _make(settings, week, own)


def _make(settings: Settings, week: str, con: Connection) -> Digest:
    """The digest of ``week`` from the store: the analysis, then the optional parts (search demand,
    dismissed ideas, alerts, used ideas), each of which may fail without stopping the digest."""
    skipped: list[str] = []
    notes: list[Note] = []
    analysis = analyse_week(con, settings, week)
    topics: list[Topic] = list(analysis.topics)
    search = _call(search_demand, "search demand", skipped, con, settings, week)
    if search is not None:
        topics = _call(apply_search_boost, "search boost", skipped, topics, search, settings) or topics
    filtered = _call(filter_dismissed, "dismissed ideas filter", skipped, con, topics, week)
    if filtered is not None:
        topics, dismissed_notes = filtered
        notes.extend(dismissed_notes)
    analysis.topics = topics
    alerts = _call(open_alerts, "alerts", skipped, con, settings, week)
    used = _call(used_ideas_report, "used ideas report", skipped, con, week)
    digest = digest_from_analysis(
        analysis,
        settings,
        search=search,
        taken=taken_slots(con, week, settings),
        notes=notes,
        alerts=alerts or [],
        used_ideas=used or [],
        skipped=skipped,
    )
    save_digest(con, digest)
    return digest
